"""The charts' own files: an embed page per chart and language, a CSV file per chart, and the
compare page's data.

* ``embed/<folder>/<slug>/<chart>/`` (``en/embed/…``; the targets page's: ``embed/targets/<chart>/``):
  a small standalone HTML page holding only the chart (bars and table), the credit and links back,
  with its style inline and no script, so that it loads alone in a frame on any site (links open
  in the top window). Its address is what the "share / embed" box under each chart gives.
* ``data/charts/<folder>/<slug>/<chart>.csv``: the chart's numbers (both languages' labels), UTF-8
  with a BOM like every CSV of the atlas.
* ``compare/regions.json``: every region's panel figures, for the compare page's script.

Built from the same numbers and views as the pages (``atlas.figures``, ``atlas.render.panels``),
escaped by the same serialiser (``atlas.render.text.element_html``).
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Iterator, Optional

from .. import figures
from ..figures import Figure
from ..formats import json_bytes
from ..graph import Atlas
from ..models import FOLDERS, INSTITUTION_TYPES
from ..render.charts import chart_element
from ..render.csp import add_csp
from ..render.panels import KEY_NAMES, Panels
from ..render.text import element_html
from ..render.ui import translate, vocab
from ..targets import STATUSES
from .tables import csv_bytes
from .urls import COMPARE_DATA, chart_csv_path, chart_embed_path, page_url, relative

FAVICON = "assets/images/favicon.png"  # mkdocs-material's, where the theme puts it
#: an embed page's whole style (inline: the page loads nothing else)
EMBED_STYLE = (
    "body{margin:0;padding:8px 10px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans KR',"
    "'Apple SD Gothic Neo','Malgun Gothic',sans-serif;color:#1f2329;background:#fff}"
    "figure{margin:0}figcaption{font-weight:700;margin-bottom:4px}"
    ".atlas-chart__legend{margin:2px 0;font-size:12px}.atlas-chart__key{margin-right:1.2em}"
    ".atlas-chart__key::before{content:'';display:inline-block;width:.8em;height:.8em;margin-right:.3em;"
    "background:#3949ab}.atlas-chart__key--other::before{width:3px;background:#c43e00}"
    ".atlas-chart__svg{display:block;width:100%;max-width:30rem;height:auto;overflow:visible}"
    ".atlas-chart__svg text{font-size:11px;fill:currentColor}.atlas-chart__track{fill:#e8eaf0}"
    ".atlas-chart__bar{fill:#3949ab}.atlas-chart__tick{stroke:#c43e00;stroke-width:3}"
    "table{border-collapse:collapse;margin-top:6px;font-size:12px}th,td{border-bottom:1px solid #dde;"
    "padding:2px 8px 2px 0;text-align:left}.atlas-chart__n{text-align:right;white-space:nowrap}"
    ".credit{font-size:12px;color:#4a4f57;margin:8px 0 0}a{color:#283593}"
)


def chart_owners(atlas: Atlas) -> Iterator[tuple[Optional[str], Optional[str], str]]:
    """(entry type, slug, chart) of every chart of the site; (None, None, chart) for the targets page's."""
    for entry_type in ("region", "institution", "programme"):
        for slug in sorted(atlas.table(entry_type)):
            for chart in figures.charts_of(atlas, entry_type, slug):
                yield entry_type, slug, chart
    yield None, None, figures.ALL_TARGETS_CHART


def _names(atlas: Atlas, entry_type, slug) -> list:
    """The slug and the old slugs of a renamed entry: a chart's files are at each (published addresses
    keep working, as the entry's JSON does)."""
    if entry_type is None:
        return [None]
    return [slug, *atlas.table(entry_type)[slug].redirect_from]


def chart_paths(atlas: Atlas, prefixes) -> list[str]:
    out = []
    for entry_type, slug, chart in chart_owners(atlas):
        for name in _names(atlas, entry_type, slug):
            out.append(chart_csv_path(entry_type, name, chart))
            out += [chart_embed_path(entry_type, name, chart, prefix) for prefix in prefixes]
    out.append(COMPARE_DATA)
    return out


def _figure(atlas: Atlas, entry_type, slug, chart, reference: dt.date) -> Figure:
    if entry_type is None:
        return figures.all_targets_figure(atlas, reference)
    return figures.entry_figure(atlas, entry_type, slug, chart, reference)


def _chart_names(panels: Panels, entry_type, slug, figure: Figure) -> tuple[str, Optional[str]]:
    if entry_type is None:
        return panels.t("all_programmes"), None
    other = (panels.name(figure.other_slug) if figure.other_slug
             else panels.t("all_programmes" if entry_type == "programme" else "whole_atlas"))
    return panels.name(slug), other


def chart_csv(atlas: Atlas, figure: Figure, reference: dt.date) -> bytes:
    """The chart's numbers: a row per key with its labels, the value here and there (and shares)."""
    group = KEY_NAMES.get(figure.chart)
    here_total, other_total = sum(figure.here), sum(figure.other or ())
    rows = []
    for key, here, other in figure.rows():
        labels = [vocab(group, key, lang) if group else key for lang in ("ko", "en")]
        shares = ["", ""]
        if figure.measure == "share":
            shares = [round(here / here_total, 4) if here_total else 0,
                      "" if other is None else (round(other / other_total, 4) if other_total else 0)]
        rows.append([figure.chart, key, *labels, here, "" if other is None else other, *shares,
                     figure.other_slug or ("" if other is None else "(all)"), reference.isoformat()])
    header = ["chart", "key", "label_ko", "label_en", "value", "compared_value", "value_share",
              "compared_share", "compared_with", "as_of"]
    text = [True, True, True, True, False, False, False, False, True, True]
    return csv_bytes(header, text, rows)


def embed_page(panels: Panels, entry_type, slug, figure: Figure, site_url: str | None, name=None) -> bytes:
    """The chart alone, as a page another site can frame (``chart_embed_path``; at ``name``, an old slug
    of the entry, when given: its links point at the entry as it is now)."""
    path = chart_embed_path(entry_type, name or slug, figure.chart, panels.prefix)
    here_name, other_name = _chart_names(panels, entry_type, slug, figure)
    view = panels.view(figure, here_name, other_name)
    title = panels.t("chart_embed_title", title=view.title, name=here_name)
    owner = page_url(entry_type, slug, panels.prefix) if entry_type else panels.prefix + "targets/"
    html = ET.Element("html", {"lang": panels.lang})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(head, "meta", {"name": "viewport", "content": "width=device-width,initial-scale=1"})
    ET.SubElement(head, "meta", {"name": "robots", "content": "noindex"})
    ET.SubElement(head, "link", {"rel": "icon", "href": relative(FAVICON, path)})  # the site's own
    ET.SubElement(head, "title").text = f"{title} · {panels.t('atlas')}"
    ET.SubElement(head, "style").text = EMBED_STYLE
    main = ET.SubElement(ET.SubElement(html, "body"), "main")
    main.append(chart_element(view, f"chart-{figure.chart}"))
    credit = ET.SubElement(main, "p", {"class": "credit"})
    credit.text = f"{panels.t('chart_source')}: "
    link = ET.SubElement(credit, "a", {"href": relative(owner, path) + f"/#chart-{figure.chart}", "target": "_top"})
    link.text = f"{panels.t('atlas')} — {here_name}"
    link.tail = " (CC BY 4.0) · "
    data = ET.SubElement(credit, "a", {"href": relative(chart_csv_path(entry_type, slug, figure.chart), path),
                                       "target": "_top"})
    data.text = panels.t("chart_data")
    if figure.chart == "targets-by-status":
        data.tail = " · " + panels.t("status_as_of", date=panels.as_of)
    text = "<!DOCTYPE html>\n" + str(element_html(html)) + "\n"
    return add_csp(text, site_url).encode("utf-8")


def chart_files(atlas: Atlas, site_url: str | None, reference: dt.date, languages: dict[str, str]) -> dict[str, bytes]:
    """Every chart's CSV and embed pages, and the compare page's data: {site path: bytes}."""
    panels = {lang: Panels(atlas, lang, prefix, reference, site_url) for lang, prefix in languages.items()}
    out: dict[str, bytes] = {}
    for entry_type, slug, chart in chart_owners(atlas):
        figure = _figure(atlas, entry_type, slug, chart, reference)
        data = chart_csv(atlas, figure, reference)
        for name in _names(atlas, entry_type, slug):
            out[chart_csv_path(entry_type, name, chart)] = data
            for lang_panels in panels.values():
                path = chart_embed_path(entry_type, name, chart, lang_panels.prefix)
                out[path] = embed_page(lang_panels, entry_type, slug, figure, site_url, name)
    out[COMPARE_DATA] = compare_json(atlas, reference)
    return out


def compare_data(atlas: Atlas, reference: dt.date) -> dict:
    """What the compare page's script shows, for every region (both languages' names and labels)."""
    langs = ("ko", "en")

    def names(entry) -> dict:
        return {"ko": entry.name.ko, "en": entry.name.en or entry.name.ko}

    regions = {}
    for slug in sorted(atlas.regions):
        region = atlas.regions[slug]
        headlines = {h.name: h.here for h in figures.region_headlines(atlas, slug)}
        by_type = figures.region_figure(atlas, slug, "institutions-by-type", reference)
        statuses = figures.region_figure(atlas, slug, "targets-by-status", reference)
        years: dict[str, int] = {}
        for event in figures.events_of(atlas, slug):
            year = atlas.events[event].date[:4]
            years[year] = years.get(year, 0) + 1
        regions[slug] = {
            "name": names(region),
            "kind": region.kind,
            "url": page_url("region", slug),
            **headlines,
            "institutions_by_type": {k: n for k, n in zip(by_type.keys, by_type.here) if n},
            "events_per_year": dict(sorted(years.items())),
            "targets_by_status": {k: n for k, n in zip(statuses.keys, statuses.here) if n},
            "industries": list(region.industries),
        }
    used = sorted({i for r in regions.values() for i in r["industries"]})
    labels = {lang: {key: translate(key, lang) for key in COMPARE_LABELS} for lang in langs}
    return {
        "as_of": reference.isoformat(),
        "prefixes": {"ko": "", "en": "en/"},
        "labels": labels,
        "types": [{"key": k, "name": {lang: vocab("institution_kind", k, lang) for lang in langs}} for k in INSTITUTION_TYPES],
        "statuses": [{"key": k, "name": {lang: vocab("target_status", k, lang) for lang in langs}} for k in STATUSES],
        "industries": {s: names(atlas.industries[s]) for s in used if s in atlas.industries},
        "regions": regions,
    }


#: interface strings the compare script uses (atlas.render.ui)
COMPARE_LABELS = ("compare_choose", "compare_add", "compare_remove", "compare_need", "compare_link",
                  "h_institutions", "h_events", "h_programmes", "h_targets", "industries", "figure",
                  "chart_events-per-year", "chart_institutions-by-type", "chart_targets-by-status",
                  "status_as_of", "none_yet", "compare_max")


def compare_json(atlas: Atlas, reference: dt.date) -> bytes:
    return json_bytes(compare_data(atlas, reference))


__all__ = ["chart_files", "chart_paths", "compare_data", "FOLDERS"]
