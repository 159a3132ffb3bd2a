"""What the atlas costs at national scale: the benchmark (issue 6).

    python bench/run.py                          # seed data + tiers of 1,000, 5,000 and 15,000 entries
    python bench/run.py --quick                  # seed data + the 1,000 tier, one run each
    python bench/run.py --tiers 1000,5000 --runs 3
    python bench/run.py --tiers 100 --regions 6  # a tiny atlas (what the test runs)

For each tier it generates a synthetic national atlas with the real schema into a temporary
folder (``bench/synthetic.py``: every sigungu valid today, drawn from the official boundaries, as a region, inside its
province, institutions at points drawn inside their district's polygon, events, programmes with
targets, sources; ``seed`` is this repository's own data) and measures, in child processes:

* ``atlas validate`` (wall time of the command);
* the full site build (``mkdocs build --strict``, maps included): wall and CPU time, peak memory
  (the largest resident set of the build process; and of the build with its forked helper
  process, as the sum of their proportional set sizes — pages the two still share count once);
* in the same run, a plain mkdocs-material build of as many ordinary Markdown pages as the atlas
  build renders, each as long and with as many links as its atlas page (``bench/plain.py``): the
  ratio atlas / plain is the headline figure. Builds alternate (atlas, plain, atlas without maps)
  so that a busy machine slows all of them alike; medians of ``--runs``;
* the time maps add: the same build with the plugin's ``maps: false``;
* the preview (``atlas serve``, through the real command and HTTP): seconds from saving an edit of an
  institution's name to its page and to its region's page (which lists it) showing it, medians of
  three edits, and the first build before it serves (``bench/measure.py``: ``preview``);
* the rebuild after one entry changes, as plain ``mkdocs serve`` does it (``bench/measure.py``), up
  to ``--rebuild-max`` entries;
* the built site's size, and what a reader's browser downloads for a region page, an institution
  page and the home page, first visit and repeat visit, measured in chromium (``bench/weight.py``);
* Lighthouse's mobile performance score of the same three pages, served gzip-compressed as a static
  host sends them (``bench/lighthouse.py``; median of ``--lighthouse-runs``, target ≥ 90 on a quiet machine).

The table is printed and written as JSON (``--out``, default ``bench/results/latest.json``); the
README shows the latest one. Not a test: ``tests/test_bench.py`` only checks that a tiny tier runs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure  # noqa: E402
import plain  # noqa: E402
import synthetic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TIERS = "seed,1000,5000,15000"
TARGETS = {
    "ratio": 1.0,  # atlas / plain build time, every synthetic tier (issue 14; issue 6 asked 1.3)
    "validate_15000": 5.0,  # seconds
    "region_first_kb": 150.0,  # KB transferred (gzip), first visit
    "region_repeat_kb": 30.0,  # KB, repeat visit
    "peak_15000_gib": 1.5,
    "rebuild_seed_s": 3.0,
    "preview_1000_s": 1.0,  # atlas serve: an edit shown on its page and a backlinked page, 1,000 entries
    "preview_15000_s": 2.0,  # … at 15,000
    "lighthouse_mobile": 90,  # Lighthouse performance (mobile), home, region and institution pages
}


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    packages = {}
    for name in ("mkdocs", "mkdocs-material", "folium", "shapely"):
        try:
            from importlib.metadata import version

            packages[name] = version(name)
        except Exception:  # noqa: BLE001
            pass
    return {"nproc": os.cpu_count(), "memory_gib": round(memory / 2**30, 1), "cpu": cpu,
            "python": platform.python_version(), "platform": platform.platform(), "packages": packages,
            "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_project(dest: Path) -> dict:
    """This repository's own content, as a project of its own (a git repository, like the others)."""
    dest.mkdir(parents=True)
    for part in ("mkdocs.yml", "content", "data", "site_templates"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    synthetic.commit_all(dest, "seed")
    counts = {folder: len(list((dest / "data" / folder).glob("*.yml"))) for folder in
              ("regions", "institutions", "events", "programmes", "sources", "industries")}
    return {"total": sum(counts.values()), **counts}


def without_maps(project: Path) -> str:
    """A copy of mkdocs.yml with the plugin's ``maps: false``; returns its name."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "  - atlas:\n"
    assert marker in config, "no atlas plugin entry in mkdocs.yml"
    (project / "mkdocs.nomaps.yml").write_text(config.replace(marker, marker + "      maps: false\n", 1),
                                               encoding="utf-8")
    return "mkdocs.nomaps.yml"


def site_size(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files), "html_files": len(html)}


def pick_pages(project: Path, site: Path) -> dict[str, str]:
    """A typical region page (the sigungu region with the median number of institutions), one of its
    institutions, and the home page."""
    sys.path.insert(0, str(ROOT / "src"))
    from atlas import load_atlas

    atlas = load_atlas(project)
    regions = sorted(atlas.regions, key=lambda s: (len(atlas.region_tree_institutions(s)), s))
    ordinary = [s for s in regions if atlas.regions[s].kind in ("city", "district") and atlas.region_tree_institutions(s)]
    region = (ordinary or regions)[len(ordinary or regions) // 2]
    institutions = atlas.region_tree_institutions(region) or sorted(atlas.institutions)
    return {"region": f"regions/{region}/", "institution": f"institutions/{institutions[0]}/", "home": ""}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_tier(name: str, workdir: Path, runs: int, regions: int | None, browser: bool, port: int,
             rebuild: bool, lighthouse_runs: int = 0, preview: bool = True) -> dict:
    project = workdir / name / "project"
    started = time.perf_counter()
    print(f"\n== tier {name}: generating the project in {project}", flush=True)
    if name == "seed":
        plan = seed_project(project)
    else:
        plan = synthetic.make_project(project, int(name), regions=regions).as_dict()
    print(f"   {plan} ({time.perf_counter() - started:.1f} s)", flush=True)
    result: dict = {"tier": name, "entries": plan}
    nomaps = without_maps(project)
    # builds use the address the weight measurement serves the site at (the theme fetches from it)
    os.environ["ATLAS_SITE_URL"] = f"http://127.0.0.1:{port}/"

    validations = [measure.validate(project) for _ in range(max(3, runs))]  # cheap: always 3 or more
    result["validate_s"] = median([v.wall for v in validations])
    print(f"   atlas validate: {', '.join(f'{v.wall:.2f}' for v in validations)} s", flush=True)

    atlas_runs, plain_runs, nomap_runs = [], [], []
    plain_project = workdir / name / "plain"
    site = workdir / name / "site-atlas-0"
    for i in range(max(1, runs)):
        atlas_site = workdir / name / f"site-atlas-{i}"
        atlas_runs.append(measure.build(project, atlas_site))
        print(f"   atlas build {i + 1}: {atlas_runs[-1].wall:.1f} s wall, {atlas_runs[-1].cpu:.1f} s CPU, "
              f"peak {atlas_runs[-1].peak_rss / 2**20:.0f} MiB (with the helper {atlas_runs[-1].peak_tree / 2**20:.0f} MiB PSS, "
              f"{atlas_runs[-1].peak_tree_rss / 2**20:.0f} MiB RSS)",
              flush=True)
        if i == 0:
            profile = plain.page_profile(site)
            pages = plain.make_plain_project(plain_project, profile, project)
            result["pages"] = {"mkdocs_pages": pages, "mean_text_chars": round(sum(p.text for p in profile) / pages),
                               "mean_links": round(sum(p.links for p in profile) / pages, 1)}
            result["site"] = site_size(site)
        else:
            shutil.rmtree(atlas_site, ignore_errors=True)
        plain_site = workdir / name / f"site-plain-{i}"
        plain_runs.append(measure.build(plain_project, plain_site))
        print(f"   plain build {i + 1}: {plain_runs[-1].wall:.1f} s wall ({pages} pages)", flush=True)
        if i == 0:
            result["plain_site"] = site_size(plain_site)
        shutil.rmtree(plain_site, ignore_errors=True)
        nomap_site = workdir / name / f"site-nomaps-{i}"
        nomap_runs.append(measure.build(project, nomap_site, config=nomaps))
        print(f"   atlas build without maps {i + 1}: {nomap_runs[-1].wall:.1f} s wall", flush=True)
        shutil.rmtree(nomap_site, ignore_errors=True)
    result["atlas_build"] = {"wall_s": median([r.wall for r in atlas_runs]), "cpu_s": median([r.cpu for r in atlas_runs]),
                             "peak_rss": max(r.peak_rss for r in atlas_runs),
                             "peak_tree": max(r.peak_tree for r in atlas_runs),
                             "peak_tree_rss": max(r.peak_tree_rss for r in atlas_runs),
                             "runs_wall_s": [round(r.wall, 2) for r in atlas_runs]}
    result["plain_build"] = {"wall_s": median([r.wall for r in plain_runs]), "cpu_s": median([r.cpu for r in plain_runs]),
                             "peak_rss": max(r.peak_rss for r in plain_runs),
                             "runs_wall_s": [round(r.wall, 2) for r in plain_runs]}
    result["nomaps_build"] = {"wall_s": median([r.wall for r in nomap_runs]), "cpu_s": median([r.cpu for r in nomap_runs]),
                              "runs_wall_s": [round(r.wall, 2) for r in nomap_runs]}
    result["ratio"] = result["atlas_build"]["wall_s"] / result["plain_build"]["wall_s"]
    result["ratio_per_run"] = [round(a.wall / p.wall, 3) for a, p in zip(atlas_runs, plain_runs)]
    result["ratio_cpu"] = result["atlas_build"]["cpu_s"] / result["plain_build"]["cpu_s"]
    result["maps_add_s"] = result["atlas_build"]["wall_s"] - result["nomaps_build"]["wall_s"]
    result["maps_add_cpu_s"] = result["atlas_build"]["cpu_s"] - result["nomaps_build"]["cpu_s"]

    entry = sorted((project / "data/institutions").glob("*.yml"))[0]
    if name == "seed" and (project / "data/institutions/hoseo-university.yml").exists():
        entry = project / "data/institutions/hoseo-university.yml"
    if preview:
        import yaml

        region = yaml.safe_load(entry.read_text(encoding="utf-8"))["regions"][0]
        shown = measure.preview(project, entry, f"regions/{region}/")
        result["preview"] = {"first_build_s": shown["first_build_s"], "edited_s": shown["edited_median_s"],
                             "backlink_s": shown["backlink_median_s"], "edited_runs_s": shown["edited_s"],
                             "backlink_runs_s": shown["backlink_s"], "entry": entry.relative_to(project).as_posix(),
                             "backlink": shown["backlink"]}
        print(f"   atlas serve: first build {shown['first_build_s']:.1f} s; an edit shown on its page in "
              f"{', '.join(f'{v:.2f}' for v in shown['edited_s'])} s, on its region's page in "
              f"{', '.join(f'{v:.2f}' for v in shown['backlink_s'])} s", flush=True)

    if rebuild:
        serve = measure.serve_rebuild(project, entry)
        result["serve"] = {"first_build_s": serve["first"], "rebuild_s": serve["rebuild"], "peak_rss": serve["peak_rss"],
                           "entry": entry.relative_to(project).as_posix()}
        print(f"   serve: first build {serve['first']:.1f} s, one-entry rebuild {serve['rebuild']:.2f} s", flush=True)

    if browser:
        from weight import page_weights

        pages = pick_pages(project, site)
        weights = page_weights(site, pages, port=port)
        result["weights"] = {k: {"url": v["url"], "other_hosts": v["other_hosts"], "first": v["first"].as_dict(),
                                 "repeat": v["repeat"].as_dict()} for k, v in weights.items()}
        for k, v in result["weights"].items():
            print(f"   {k} {v['url']}: first visit {v['first']['gzip'] / 1024:.1f} KB ({v['first']['requests']} "
                  f"requests), repeat {v['repeat']['gzip'] / 1024:.1f} KB", flush=True)
        if lighthouse_runs:
            import lighthouse

            problem = lighthouse.available()
            if problem:
                result["lighthouse"] = {"skipped": problem}
                print(f"   Lighthouse skipped: {problem}", flush=True)
            else:
                result["load_average_before_lighthouse"] = list(os.getloadavg())
                result["lighthouse"] = lighthouse.measure(site, pages, port=port, runs=lighthouse_runs)
                for line in lighthouse.summary(result["lighthouse"]).splitlines():
                    print("   Lighthouse " + line.strip(), flush=True)
    shutil.rmtree(site, ignore_errors=True)
    result["tier_seconds"] = time.perf_counter() - started
    return result


def kb(n: float) -> str:
    return f"{n / 1024:,.1f}"


def table(results: list[dict]) -> str:
    rows = [
        ("entries (regions / institutions / events / programmes / sources / industries)",
         lambda r: f"{r['entries']['total']:,} ({r['entries']['regions']} / {r['entries']['institutions']:,} / "
                   f"{r['entries']['events']:,} / {r['entries']['programmes']} / {r['entries']['sources']:,} / "
                   f"{r['entries']['industries']})"),
        ("pages MkDocs renders (Korean + English) / HTML files written",
         lambda r: f"{r['pages']['mkdocs_pages']:,} / {r['site']['html_files']:,}"),
        ("`atlas validate`", lambda r: f"{r['validate_s']:.2f} s"),
        ("atlas build, maps included (wall / CPU)",
         lambda r: f"{r['atlas_build']['wall_s']:.1f} s / {r['atlas_build']['cpu_s']:.1f} s"),
        ("plain mkdocs-material build, same number of pages (wall / CPU)",
         lambda r: f"{r['plain_build']['wall_s']:.1f} s / {r['plain_build']['cpu_s']:.1f} s"),
        ("**atlas / plain** (wall; CPU)", lambda r: f"**{r['ratio']:.2f}**; {r['ratio_cpu']:.2f}"),
        ("maps add (wall; CPU)", lambda r: f"{r['maps_add_s']:+.1f} s; {r['maps_add_cpu_s']:+.1f} s"),
        ("peak memory of the build: process / with its helper (PSS; RSS sum)",
         lambda r: f"{r['atlas_build']['peak_rss'] / 2**20:,.0f} / {r['atlas_build']['peak_tree'] / 2**20:,.0f} "
                   f"({r['atlas_build']['peak_tree_rss'] / 2**20:,.0f}) MiB"),
        ("plain build's peak memory", lambda r: f"{r['plain_build']['peak_rss'] / 2**20:,.0f} MiB"),
        ("`atlas serve`: an edit shown on its page / on its region's page (first build)",
         lambda r: f"{r['preview']['edited_s']:.2f} s / {r['preview']['backlink_s']:.2f} s "
                   f"({r['preview']['first_build_s']:.1f} s)" if "preview" in r else "—"),
        ("one-entry rebuild under plain `mkdocs serve` (first build)",
         lambda r: f"{r['serve']['rebuild_s']:.2f} s ({r['serve']['first_build_s']:.1f} s)" if "serve" in r else "—"),
        ("built site (files)", lambda r: f"{r['site']['bytes'] / 2**20:,.1f} MB ({r['site']['files']:,})"),
    ]
    for page in ("region", "institution", "home"):
        rows.append((f"{page} page, KB gzip: first visit / repeat visit",
                     lambda r, page=page: (f"{kb(r['weights'][page]['first']['gzip'])} / "
                                           f"{kb(r['weights'][page]['repeat']['gzip'])}") if "weights" in r else "—"))
    rows.append(("Lighthouse mobile performance: home / region / institution (median; runs)",
                 lambda r: " / ".join(f"{r['lighthouse'][p]['score']}" for p in ("home", "region", "institution"))
                 + f" ({len(r['lighthouse']['home']['scores'])})"))
    head = "| | " + " | ".join(r["tier"] for r in results) + " |"
    out = [head, "| --- |" + " ---: |" * len(results)]
    for label, cell in rows:
        values = []
        for r in results:
            try:
                values.append(cell(r))
            except (KeyError, TypeError):
                values.append("—")
        out.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(out)


def verdicts(results: list[dict]) -> dict:
    out = {}
    # the tiers are the synthetic ones (about 1,000 / 5,000 / 15,000 entries); the seed's ratio
    # (a 3-second build, mostly start-up: boundaries, Folium, the atlas) is in the table, not a target
    ratios = {r["tier"]: r["ratio"] for r in results if r["tier"] != "seed"}
    if ratios:
        out["ratio ≤ 1.0 on every tier (1,000 / 5,000 / 15,000)"] = all(v <= TARGETS["ratio"] for v in ratios.values())
    big = [r for r in results if r["tier"] == "15000"]
    if big:
        out["validate ≤ 5 s at 15,000"] = big[0]["validate_s"] <= TARGETS["validate_15000"]
        out["peak memory ≤ 1.5 GiB at 15,000"] = big[0]["atlas_build"]["peak_tree"] <= TARGETS["peak_15000_gib"] * 2**30
    weighed = [r for r in results if "weights" in r]
    if weighed:
        out["region page ≤ 150 KB first visit"] = all(r["weights"]["region"]["first"]["gzip"] <= 150 * 1024 for r in weighed)
        out["region page ≤ 30 KB repeat visit"] = all(r["weights"]["region"]["repeat"]["gzip"] <= 30 * 1024 for r in weighed)
    for tier, key in (("1000", "preview_1000_s"), ("15000", "preview_15000_s")):
        shown = [r for r in results if r["tier"] == tier and "preview" in r]
        if shown:
            limit = TARGETS[key]
            out[f"an edit shown on its page and its region's page ≤ {limit:g} s at {int(tier):,} (atlas serve)"] = (
                max(shown[0]["preview"]["edited_s"], shown[0]["preview"]["backlink_s"]) <= limit)
    scored = [r for r in results if "home" in r.get("lighthouse", {})]
    if scored:
        out[f"Lighthouse mobile performance ≥ {TARGETS['lighthouse_mobile']} (home, region, institution)"] = all(
            (r["lighthouse"][p]["score"] or 0) >= TARGETS["lighthouse_mobile"]
            for r in scored for p in ("home", "region", "institution"))
    seed = [r for r in results if r["tier"] == "seed" and "serve" in r]
    if seed:
        out["one-entry rebuild ≤ 3 s at seed scale"] = seed[0]["serve"]["rebuild_s"] <= TARGETS["rebuild_seed_s"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiers", default=DEFAULT_TIERS,
                        help=f"comma-separated: 'seed' and/or numbers of entries (default {DEFAULT_TIERS})")
    parser.add_argument("--quick", action="store_true", help="seed and the 1,000 tier only, one run each")
    parser.add_argument("--runs", type=int, default=None, help="builds of each kind per tier (default 3 up to "
                        "5,000 entries, 1 above)")
    parser.add_argument("--regions", type=int, default=None, help="only the first N sigungu (tiny test atlases)")
    parser.add_argument("--no-browser", action="store_true", help="skip the transfer weights (no chromium)")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the mkdocs serve rebuild")
    parser.add_argument("--no-preview", action="store_true", help="skip atlas serve's edit latency")
    parser.add_argument("--lighthouse-runs", type=int, default=None,
                        help="Lighthouse runs per page, median kept (default 3, 1 with --quick; 0: none; "
                             "needs `npm ci` and the browser)")
    parser.add_argument("--rebuild-max", type=int, default=5000,
                        help="measure the serve rebuild on tiers up to this many entries (default 5000; "
                             "the rebuild builds the site twice)")
    parser.add_argument("--out", default=str(ROOT / "bench/results/latest.json"), help="where to write the JSON")
    parser.add_argument("--workdir", default=None, help="keep the generated projects here (default: a temporary folder)")
    args = parser.parse_args(argv)
    tiers = ["seed", "1000"] if args.quick else [t.strip() for t in args.tiers.split(",") if t.strip()]
    started = time.perf_counter()
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['memory_gib']} GiB, {info['cpu']}, Python {info['python']}", flush=True)
    try:
        import psutil  # noqa: F401 - the memory of the build with its worker is sampled with it
    except ImportError:
        print("warning: psutil is not installed (pip install psutil): peak memory will be the build process' "
              "alone, without its forked worker", file=sys.stderr, flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        workdir = Path(args.workdir) if args.workdir else Path(tmp)
        port = free_port()
        for tier in tiers:
            entries = 0 if tier == "seed" else int(tier)
            runs = args.runs if args.runs is not None else (1 if args.quick or entries > 5000 else 3)
            rebuild = not args.no_rebuild and entries <= args.rebuild_max
            lighthouse_runs = args.lighthouse_runs if args.lighthouse_runs is not None else (1 if args.quick else 3)
            results.append(run_tier(tier, workdir, runs, args.regions, not args.no_browser, port, rebuild,
                                    0 if args.no_browser else lighthouse_runs,
                                    not args.no_preview))
            shutil.rmtree(workdir / tier, ignore_errors=True)
    report = {
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": info,
        "seconds": round(time.perf_counter() - started, 1),
        "targets": TARGETS,
        "tiers": results,
        "verdicts": verdicts(results),
    }
    text = table(results)
    print("\n" + text)
    for what, ok in report["verdicts"].items():
        print(f"{'met   ' if ok else 'MISSED'} {what}")
    print(f"({report['seconds']:.0f} s)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    report["table"] = text
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
