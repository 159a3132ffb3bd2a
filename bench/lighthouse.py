"""Lighthouse (mobile) performance of a built site's pages, measured offline.

    python bench/lighthouse.py SITE_DIR                       # home, a region and an institution page
    python bench/lighthouse.py SITE_DIR --runs 5 --page region=regions/asan/ --page home=

The site is served on 127.0.0.1 as a static host serves it (``weight.serve``: HTML revalidated,
everything else cached, text files gzip-compressed as GitHub Pages sends them). Lighthouse 12 (npm,
pinned in package.json: ``npm ci``) drives Debian's chromium (``$CHROME_PATH``, else the one the
browser tests use: ``tests/browsers.py``) headless, with its default mobile settings: a phone-sized
screen, simulated slow 4G and a CPU four times slower than the machine's. The score is the
performance category (0–100); the machine's own load moves it, so each page is measured ``runs``
times and the median kept, with every run's score. Not a test (no timing is asserted anywhere):
``bench/run.py`` reports it per tier, target ≥ 90 on a quiet machine.

For each page: the score, the median run's metrics (first and largest contentful paint, total
blocking time, cumulative layout shift, speed index, in ms but CLS), the requests Lighthouse counts
as render-blocking and the scripts with unused bytes, so that a change can be read against them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from weight import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
METRICS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint", "tbt_ms": "total-blocking-time",
           "cls": "cumulative-layout-shift", "si_ms": "speed-index"}
DEFAULT_PAGES = {"home": "", "region": "regions/asan/", "institution": "institutions/kaist/"}


def available() -> str | None:
    """Why Lighthouse cannot run here (None when it can)."""
    if not LIGHTHOUSE.exists():
        return "lighthouse is not installed: run `npm ci`"
    if shutil.which("node") is None:
        return "node is not on PATH"
    return None


def _chrome() -> str:
    if os.environ.get("CHROME_PATH"):
        return os.environ["CHROME_PATH"]
    sys.path.insert(0, str(ROOT / "tests"))
    from browsers import HOW_TO_INSTALL, find_chromium

    found = find_chromium()
    if found is None:
        raise SystemExit(HOW_TO_INSTALL)
    return found


def _one_run(url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="atlas-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
             f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}"],
            capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chrome, "TMPDIR": tmp})
        if done.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url} (exit {done.returncode}): {done.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    base = url.split("/", 3)[:3]
    local = lambda u: "/" + u.split("/", 3)[3] if u.split("/", 3)[:3] == base else u  # noqa: E731

    def items(audit: str, key: str) -> list:
        details = audits.get(audit, {}).get("details") or {}
        return [[local(i["url"]), round(i.get(key) or 0)] for i in details.get("items", []) if "url" in i]

    score = data["categories"]["performance"]["score"]
    return {
        "score": None if score is None else round(score * 100),
        "metrics": {name: (round(audits[key]["numericValue"], 3) if name == "cls" else round(audits[key]["numericValue"]))
                    for name, key in METRICS.items() if audits.get(key, {}).get("numericValue") is not None},
        "render_blocking_ms": items("render-blocking-resources", "wastedMs"),
        "unused_js_bytes": items("unused-javascript", "wastedBytes"),
        "total_bytes": round(audits.get("total-byte-weight", {}).get("numericValue") or 0),
        "runtime_error": (data.get("runtimeError") or {}).get("code"),
    }


def measure(site: Path, pages: dict[str, str], port: int = 0, runs: int = 3) -> dict:
    """``{name: {"url", "score" (median), "scores" (every run), "median_run": {metrics, …}}}`` for
    ``{name: site path}``. ``port``: the one the site was built for (its ``site_url``)."""
    chrome = _chrome()
    out = {}
    with serve(site, port, compress=True) as (base, _log):
        for name, path in pages.items():
            results = [_one_run(base + path, chrome) for _ in range(max(1, runs))]
            scored = sorted((r for r in results if r["score"] is not None), key=lambda r: r["score"])
            middle = scored[len(scored) // 2] if scored else results[0]
            out[name] = {"url": "/" + path, "score": statistics.median(r["score"] for r in scored) if scored else None,
                         "scores": [r["score"] for r in results], "median_run": middle}
    return out


def summary(results: dict) -> str:
    lines = []
    for name, r in results.items():
        m = r["median_run"]["metrics"]
        lines.append(f"{name} {r['url']}: {r['score']} (runs {r['scores']}); FCP {m.get('fcp_ms')} ms, "
                     f"LCP {m.get('lcp_ms')} ms, TBT {m.get('tbt_ms')} ms, CLS {m.get('cls')}, SI {m.get('si_ms')} ms")
        lines.append(f"    render-blocking: {r['median_run']['render_blocking_ms']}")
        lines.append(f"    unused JavaScript (bytes): {r['median_run']['unused_js_bytes']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site (atlas build -d SITE)")
    parser.add_argument("--page", action="append", default=[], metavar="NAME=PATH",
                        help="a page to measure (site path; repeat); default: home, regions/asan/, institutions/kaist/")
    parser.add_argument("--runs", type=int, default=3, help="runs per page, the median is kept (default 3)")
    parser.add_argument("--port", type=int, default=0, help="serve on this port (the one site_url names, if any)")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)
    problem = available()
    if problem:
        raise SystemExit(problem)
    pages = dict(p.split("=", 1) for p in args.page) if args.page else DEFAULT_PAGES
    print(f"load average: {os.getloadavg()}", flush=True)
    results = measure(args.site, pages, args.port, args.runs)
    print(summary(results))
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
