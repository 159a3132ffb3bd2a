"""How the charts were chosen: the same three small region charts drawn by each candidate.

    pip install --target /tmp/chartcand pygal==3.1.3 drawsvg==2.4.2 leather==0.4.1 matplotlib==3.11.2
    python bench/charts.py --candidates /tmp/chartcand            # one line of JSON per candidate

For each: bytes and gzip bytes per chart, milliseconds per chart (and to import and draw the first),
whether two processes give the same bytes (run it twice: compare "sha"), and whether the SVG holds a
script or a style element. "atlas" is what the site uses (atlas.render.charts: the standard library's
xml.etree). The client libraries were weighed from their npm packages (`npm pack`, minified file +
stylesheet, gzip level 6): Chart.js 4.6.1 69.5 KB, uPlot 1.6.32 22.2 KB, Frappe Charts 1.6.2 17.9 KB,
Chartist 1.5.0 13.2 KB, Charts.css 1.2.0 5.9 KB — before any data, and none but Charts.css draws
without JavaScript. A region page had 5 KB left under its 150 KB budget.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import subprocess
import sys
import time
from pathlib import Path

TYPES = [("대학", 2, 5), ("연구기관", 1, 6), ("기업", 3, 9), ("정부·지자체", 2, 4), ("의회", 1, 1)]
YEARS = [("2017", 0, 4), ("2020", 0, 2), ("2025", 3, 7)]
STATUS = [("달성", 0, 0), ("순항", 0, 1), ("기한 임박", 0, 0), ("보고 없음", 3, 3)]
CHARTS = {"institutions-by-type": TYPES, "events-per-year": YEARS, "targets-by-status": STATUS}


def pygal_chart(name, rows):
    import pygal
    chart = pygal.HorizontalBar(width=320, height=30 + 28 * len(rows), js=[], disable_xml_declaration=True,
                                explicit_size=True, print_values=True)
    chart.title = name
    chart.x_labels = [r[0] for r in rows]
    chart.add("here", [r[1] for r in rows])
    chart.add("parent", [r[2] for r in rows])
    return chart.render(is_unicode=True)


def matplotlib_chart(name, rows):
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    plt.rcParams["svg.hashsalt"] = "atlas"  # fixed ids: the same bytes every run
    plt.rcParams["svg.fonttype"] = "none"  # text as text, not glyph paths
    fig, ax = plt.subplots(figsize=(3.2, 0.3 + 0.28 * len(rows)))
    ys = range(len(rows))
    ax.barh([y - .2 for y in ys], [r[1] for r in rows], height=.4)
    ax.barh([y + .2 for y in ys], [r[2] for r in rows], height=.4)
    ax.set_yticks(list(ys), [r[0] for r in rows])
    ax.set_title(name)
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)
    return out.getvalue()


def leather_chart(name, rows):
    import leather
    chart = leather.Chart(name)
    chart.add_bars([(r[1], r[0]) for r in rows])
    out = io.StringIO()
    chart.to_svg(out, width=320, height=30 + 28 * len(rows))
    return out.getvalue()


def drawsvg_chart(name, rows):
    import drawsvg as dw
    top = max(max(r[1], r[2]) for r in rows) or 1
    d = dw.Drawing(320, 30 * len(rows) + 4)
    d.append(dw.Title(name))
    for i, (label, here, other) in enumerate(rows):
        y = 30 * i
        d.append(dw.Text(label, 11, 0, y + 11))
        d.append(dw.Rectangle(0, y + 14, 276 * here / top, 10, class_="bar"))
        d.append(dw.Line(276 * other / top, y + 11, 276 * other / top, y + 27, class_="tick"))
        d.append(dw.Text(str(here), 11, 320, y + 23, text_anchor="end"))
    return d.as_svg()


def atlas_chart(name, rows):
    from atlas.render.charts import ChartRow, ChartView, chart_figure
    view = ChartView(name, name, "key", "here", "there", "compared",
                     tuple(ChartRow(r[0], r[1], r[2], str(r[1]), str(r[2]), "") for r in rows), "table below", "none")
    return str(chart_figure(view, "chart"))


CANDIDATES = {"pygal 3.1.3": pygal_chart, "matplotlib 3.11.2 (svg backend)": matplotlib_chart,
              "leather 0.4.1": leather_chart, "drawsvg 2.4.2": drawsvg_chart,
              "atlas (xml.etree, with its data table)": atlas_chart}


def measure(name: str, runs: int = 20) -> dict:
    draw = CANDIDATES[name]
    started = time.perf_counter()
    draw("warm", TYPES)
    first = time.perf_counter() - started
    started = time.perf_counter()
    out = {}
    for _ in range(runs):
        for chart, rows in CHARTS.items():
            out[chart] = draw(chart, rows)
    each = (time.perf_counter() - started) / (runs * len(CHARTS))
    text = "".join(out.values())
    return {"candidate": name, "import and first chart, ms": round(first * 1000, 1), "per chart, ms": round(each * 1000, 2),
            "bytes per chart": len(text.encode()) // len(CHARTS),
            "gzip per chart": sum(len(gzip.compress(o.encode(), 6)) for o in out.values()) // len(CHARTS),
            "script": "<script" in text, "style element": "<style" in text,
            "sha": hashlib.sha256(text.encode()).hexdigest()[:12]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", help="folder the candidate libraries were installed into (pip --target)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.candidates:
        sys.path.insert(0, args.candidates)
    if args.one:
        print(json.dumps(measure(args.one), ensure_ascii=False))
        return
    for name in CANDIDATES:  # each in a fresh process: import time counts, and bytes are compared across processes
        command = [sys.executable, __file__, "--one", name] + (["--candidates", args.candidates] if args.candidates else [])
        result = subprocess.run(command, capture_output=True, text=True)
        print(result.stdout.strip() or f'{{"candidate": "{name}", "error": {json.dumps(result.stderr.strip()[-300:])}}}')


if __name__ == "__main__":
    main()
