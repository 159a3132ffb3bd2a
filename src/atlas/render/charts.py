"""Small bar charts drawn at build time as SVG, each with its data as a table.

Why SVG written here, with the standard library's ``xml.etree``: measured on the atlas' three
region charts (README, "Charts"), a chart is ~330 bytes gzip and takes ~0.1 ms to make, the same
bytes every build, with no script; pygal (3.7 KB gzip a chart, a ``<script>`` and random ids in
every chart), matplotlib (1.6 KB, 60–80 ms a chart, 1–2 s to import) and the client libraries
(Chart.js 70 KB gzip, uPlot 22 KB, Frappe 18 KB, before any data; nothing without JavaScript) do
not fit a region page's 5 KB left under its 150 KB budget, nor a national build's 18,000 charts.

A chart is a ``<figure>``: its title, a legend, the bars (``<svg role="img">``: a bar per row for
the place itself, and a tick for what it is compared with) and a table of the same numbers with
the comparison in words — for screen readers, for readers without the chart, and to copy. Every
text is escaped by one serialiser (``atlas.render.text.element_html``); styles come from the
page's stylesheet by class (``atlas-chart…``), so the SVG holds no style and no script.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Optional

from .text import Raw, element_html

#: the drawing's width (its height follows the rows); the stylesheet scales it to the column
WIDTH = 320
ROW = 30  # height of a row: its label, then its bar
BAR = 10
VALUE_ROOM = 58  # right of the bars: the value ("12 (40%)")


@dataclass(frozen=True)
class ChartRow:
    label: str
    here: float  # drawn: a count, or a share (0–1)
    other: Optional[float]
    here_text: str
    other_text: str
    words: str  # the comparison in words ("" when there is none)


@dataclass(frozen=True)
class ChartView:
    """One chart in one language: everything it prints, as plain text."""

    chart: str
    title: str
    key_heading: str
    here_name: str
    other_name: Optional[str]
    compare_heading: str
    rows: tuple[ChartRow, ...]
    table_note: str  # said to screen readers: the same figures are in the table
    empty: str  # shown instead of the chart when there is nothing to draw
    note: str = ""  # under the title (e.g. the years shown)

    @property
    def height(self) -> int:
        return ROW * len(self.rows) + 4


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def chart_svg(view: ChartView) -> ET.Element:
    top = max([r.here for r in view.rows] + [r.other or 0 for r in view.rows]) or 1
    span = WIDTH - VALUE_ROOM
    svg = ET.Element("svg", {"class": "atlas-chart__svg", "viewBox": f"0 0 {WIDTH} {view.height}",
                             "width": str(WIDTH), "height": str(view.height), "role": "img",
                             "aria-label": f"{view.title} — {view.table_note}"})
    for i, row in enumerate(view.rows):
        y = i * ROW
        ET.SubElement(svg, "text", {"class": "atlas-chart__label", "x": "0", "y": str(y + 11)}).text = row.label
        ET.SubElement(svg, "rect", {"class": "atlas-chart__track", "x": "0", "y": str(y + 14),
                                    "width": str(span), "height": str(BAR)})
        if row.here:
            ET.SubElement(svg, "rect", {"class": "atlas-chart__bar", "x": "0", "y": str(y + 14),
                                        "width": _num(max(1.0, span * row.here / top)), "height": str(BAR)})
        if row.other is not None:
            x = _num(span * row.other / top)
            ET.SubElement(svg, "line", {"class": "atlas-chart__tick", "x1": x, "x2": x,
                                        "y1": str(y + 11), "y2": str(y + 14 + BAR + 3)})
        ET.SubElement(svg, "text", {"class": "atlas-chart__value", "x": str(WIDTH), "y": str(y + 14 + BAR - 1),
                                    "text-anchor": "end"}).text = row.here_text
    return svg


def chart_table(view: ChartView) -> ET.Element:
    table = ET.Element("table", {"class": "atlas-chart__data"})
    head = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    headings = [view.key_heading, view.here_name]
    if view.other_name is not None:
        headings += [view.other_name, view.compare_heading]
    for text in headings:
        ET.SubElement(head, "th", {"scope": "col"}).text = text
    body = ET.SubElement(table, "tbody")
    for row in view.rows:
        tr = ET.SubElement(body, "tr")
        ET.SubElement(tr, "th", {"scope": "row"}).text = row.label
        ET.SubElement(tr, "td", {"class": "atlas-chart__n"}).text = row.here_text
        if view.other_name is not None:
            ET.SubElement(tr, "td", {"class": "atlas-chart__n"}).text = row.other_text
            ET.SubElement(tr, "td").text = row.words
    return table


def chart_element(view: ChartView, figure_id: str) -> ET.Element:
    figure = ET.Element("figure", {"class": "atlas-chart", "id": figure_id})
    caption = ET.SubElement(figure, "figcaption", {"class": "atlas-chart__title"})
    caption.text = view.title
    if view.note:
        ET.SubElement(caption, "small").text = f" ({view.note})"
    if not view.rows:
        ET.SubElement(figure, "p", {"class": "atlas-chart__empty"}).text = view.empty
        return figure
    legend = ET.SubElement(figure, "p", {"class": "atlas-chart__legend", "aria-hidden": "true"})
    ET.SubElement(legend, "span", {"class": "atlas-chart__key atlas-chart__key--here"}).text = view.here_name
    if view.other_name is not None:
        legend_other = ET.SubElement(legend, "span", {"class": "atlas-chart__key atlas-chart__key--other"})
        legend_other.text = view.other_name
    figure.append(chart_svg(view))
    figure.append(chart_table(view))
    return figure


def chart_figure(view: ChartView, figure_id: str) -> Raw:
    """The chart as one line of HTML (a raw HTML block for Markdown)."""
    return element_html(chart_element(view, figure_id))


def figures_table(headings: list[str], rows: list[list[str]]) -> Raw:
    """A small table of figures (a panel's totals): the first cell of each row heads it, the middle
    ones are numbers; styled as the charts' tables (not the theme's: a phone's width holds it)."""
    table = ET.Element("table", {"class": "atlas-chart__data atlas-numbers"})
    head = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    for text in headings:
        ET.SubElement(head, "th", {"scope": "col"}).text = text
    body = ET.SubElement(table, "tbody")
    for row in rows:
        tr = ET.SubElement(body, "tr")
        ET.SubElement(tr, "th", {"scope": "row"}).text = row[0]
        for i, text in enumerate(row[1:], start=1):
            ET.SubElement(tr, "td", {"class": "atlas-chart__n"} if i < len(row) - 1 else {}).text = text
    return element_html(table)
