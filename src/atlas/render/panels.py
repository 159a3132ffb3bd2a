"""What page templates (and the charts' embeds) ask to show numbers: panels, charts, target statuses.

``Panels`` is one language's view of ``atlas.figures``: the numbers become ``ChartView``\\ s (every
label, figure and comparison in words, in that language) and ``ChartBlock``\\ s (a chart as a page
prints it: the figure, its embed address, its permanent address and its CSV file). Templates reach
it as the global ``panels``. Statuses are computed on the reference date given (the build's:
``atlas.export.history.reference_date``). Nothing is cached between pages: each page reads what it
shows from the atlas, so the preview knows what an edit touches.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Optional

from .. import figures
from ..export.urls import absolute, chart_csv_path, chart_embed_path, page_url, relative
from ..figures import Figure
from ..graph import Atlas
from ..models import Programme
from ..targets import STATUSES, TargetStatus, programme_statuses
from .charts import ROW, ChartRow, ChartView, chart_figure, figures_table
from .ratio import percent, ratio_words
from .text import Raw, escape_markdown
from .ui import translate, vocab

#: the vocabulary that names each chart's keys (years are their own names)
KEY_NAMES = {"institutions-by-type": "institution_kind", "targets-by-status": "target_status"}


@dataclass(frozen=True)
class ChartBlock:
    """A chart as a page shows it."""

    view: ChartView
    figure: Raw  # the <figure> (chart and table), one line of HTML
    embed_url: str  # absolute: the embed page
    permalink: str  # absolute: the chart on its page
    csv: Raw  # link from the page to the chart's CSV file
    height: int  # of the embed's frame, in pixels
    embed_title: str  # the chart and whose it is: "기관 유형별 비중 — 아산시"

    @property
    def title(self) -> str:
        return self.view.title


@dataclass(frozen=True)
class HeadlineRow:
    label: str
    here: int
    other: Optional[int]
    words: str


def _number(n: float) -> str:
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,}"


class Panels:
    def __init__(self, atlas: Atlas, lang: str, prefix: str, reference: dt.date, site_url: str | None = None):
        self.atlas, self.lang, self.prefix = atlas, lang, prefix
        self.reference = reference
        self.site_url = site_url

    @property
    def as_of(self) -> str:
        return self.reference.isoformat()

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)

    def name(self, slug: Optional[str]) -> str:
        """An entry's name in this language (Korean when it has no translation)."""
        entry = self.atlas.get(slug)
        return entry.name.ko if self.lang == "ko" else (entry.name.en or entry.name.ko)

    # -- numbers as text --------------------------------------------------------------------

    def view(self, figure: Figure, here_name: str, other_name: Optional[str]) -> ChartView:
        group = KEY_NAMES.get(figure.chart)
        rows = []
        here_total, other_total = sum(figure.here), sum(figure.other or ())
        for key, here, other in figure.rows():
            label = vocab(group, key, self.lang) if group else key
            if figure.measure == "share":
                here_share = here / here_total if here_total else 0.0
                other_share = other / other_total if other_total else 0.0
                rows.append(ChartRow(label, here_share, other_share if other is not None else None,
                                     f"{_number(here)} ({percent(here_share)})",
                                     f"{_number(other)} ({percent(other_share)})" if other is not None else "",
                                     ratio_words(here_share, other_share, other_name or "", self.lang, "share")
                                     if other is not None else ""))
            else:
                rows.append(ChartRow(label, here, other, _number(here), "" if other is None else _number(other),
                                     "" if other is None else ratio_words(here, other, other_name or "", self.lang)))
        note = ""
        if figure.chart == "events-per-year" and figure.truncated and figure.keys:
            note = self.t("chart_years", first=figure.keys[0], last=figure.keys[-1])
        return ChartView(figure.chart, self.t(f"chart_{figure.chart}"), self.t(f"key_{figure.chart}"), here_name,
                         other_name if figure.compared else None, self.t("comparison"), tuple(rows),
                         self.t("chart_table_note"), self.t("none_yet"), note)

    def other_name(self, figure: Figure, whole: str = "whole_atlas") -> str:
        return self.name(figure.other_slug) if figure.other_slug else self.t(whole)

    def block(self, page, entry_type: Optional[str], slug: Optional[str], figure: Figure, here_name: str,
              other_name: Optional[str]) -> ChartBlock:
        view = self.view(figure, here_name, other_name)
        embed = chart_embed_path(entry_type, slug, figure.chart, self.prefix)[: -len("index.html")]
        owner = page_url(entry_type, slug, self.prefix) if entry_type else self.prefix + "targets/"
        return ChartBlock(view, chart_figure(view, f"chart-{figure.chart}"), absolute(self.site_url, embed),
                          absolute(self.site_url, owner) + f"#chart-{figure.chart}",
                          Raw(relative(chart_csv_path(entry_type, slug, figure.chart), page.src_uri)),
                          embed_height(view), self.t("chart_embed_title", title=view.title, name=here_name))

    # -- pages ------------------------------------------------------------------------------

    def region_headlines(self, entry) -> list[HeadlineRow]:
        other = figures.comparison_region(self.atlas, entry.slug)
        other_name = self.name(other) if other else self.t("whole_atlas")
        return [HeadlineRow(self.t(f"h_{h.name}"), h.here, h.other, ratio_words(h.here, h.other, other_name, self.lang))
                for h in figures.region_headlines(self.atlas, entry.slug)]

    def region_table(self, entry) -> Raw:
        """The region's totals beside its parent's, with the comparison in words."""
        rows = [[row.label, _number(row.here), _number(row.other), row.words or "–"] for row in self.region_headlines(entry)]
        return figures_table([self.t("figure"), self.name(entry.slug), self.region_other(entry), self.t("comparison")], rows)

    def roles_table(self, entry) -> Raw:
        """An institution's roles at events, with how many events it had each in."""
        return figures_table([self.t("roles_heading"), self.t("h_events")],
                             [[role, _number(n)] for role, n in self.roles(entry)])

    def region_other(self, entry) -> str:
        other = figures.comparison_region(self.atlas, entry.slug)
        return self.name(other) if other else self.t("whole_atlas")

    def region(self, page, entry) -> list[ChartBlock]:
        out = []
        for chart in figures.REGION_CHARTS:
            figure = figures.region_figure(self.atlas, entry.slug, chart, self.reference)
            out.append(self.block(page, "region", entry.slug, figure, self.name(entry.slug), self.other_name(figure)))
        return out

    def institution(self, page, entry) -> list[ChartBlock]:
        out = []
        for chart in figures.institution_charts(self.atlas, entry.slug):
            figure = figures.institution_figure(self.atlas, entry.slug, chart)
            other = self.name(figure.other_slug) if figure.other_slug else self.t("whole_atlas")
            out.append(self.block(page, "institution", entry.slug, figure, self.name(entry.slug), other))
        return out

    def roles(self, entry) -> list[tuple[str, int]]:
        return [(vocab("role", role, self.lang), n) for role, n in figures.institution_roles(self.atlas, entry.slug)]

    def programme(self, page, entry) -> list[ChartBlock]:
        out = []
        for chart in figures.programme_charts(self.atlas, entry.slug):
            figure = figures.programme_figure(self.atlas, entry.slug, chart, self.reference)
            out.append(self.block(page, "programme", entry.slug, figure, self.name(entry.slug),
                                  self.t("all_programmes")))
        return out

    def all_targets(self, page) -> ChartBlock:
        figure = figures.all_targets_figure(self.atlas, self.reference)
        return self.block(page, None, None, figure, self.t("all_programmes"), None)

    def attribution(self) -> str:
        """The credit an embed of the atlas' charts asks for."""
        return f"{self.t('atlas')} (CC BY 4.0)"

    @staticmethod
    def key(value: object, label: object) -> Raw:
        """A table cell's text with the value the sorting script orders it by (``<data value>``):
        a number, an ISO date or a rank, never contributor text; the label is escaped as any text."""
        return Raw(f'<data value="{html.escape(str(value), quote=True)}">{escape_markdown(label)}</data>')

    # -- targets ----------------------------------------------------------------------------

    def statuses(self, programme: Programme) -> list[TargetStatus]:
        return programme_statuses(programme, self.reference)

    def status_name(self, status: str) -> str:
        return vocab("target_status", status, self.lang)

    def status_cell(self, status: str) -> Raw:
        """A status as the targets page's table shows it, with its rank (``STATUSES``' order) to sort by."""
        return Raw(f'<data value="{STATUSES.index(status)}"><span class="atlas-status atlas-status--{status}">'
                   f'{escape_markdown(self.status_name(status))}</span></data>')

    def all_target_rows(self) -> list[tuple[Programme, int, object, TargetStatus]]:
        """Every target of every programme (programme, number from 1, target, status): soonest
        deadline first, then by programme and number."""
        rows = []
        for slug in sorted(self.atlas.programmes):
            programme = self.atlas.programmes[slug]
            for n, (target, status) in enumerate(zip(programme.targets, self.statuses(programme)), start=1):
                rows.append((programme, n, target, status))
        return sorted(rows, key=lambda r: (r[3].deadline, r[0].slug, r[1]))

    def item(self, slug: str, n: int, kind: str):
        """Project or target ``n`` (from 1) of programme ``slug``."""
        programme = self.atlas.programmes[slug]
        return (programme.projects if kind == "projects" else programme.targets)[n - 1]


def embed_height(view: ChartView) -> int:
    """The frame an embed of the chart needs: title, legend, bars, table and credit."""
    return 150 + view.height + ROW * (len(view.rows) + 1) if view.rows else 140
