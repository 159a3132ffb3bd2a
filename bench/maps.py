"""Benchmark of the maps: what they weigh per page and what they add to a build.

    python bench/maps.py                       # the bundled data: weights, and build time with/without maps
    python bench/maps.py --synthetic 250 15000 # library only: 250 sigungu regions, 15,000 institutions

Weights are bytes as served (raw) and gzip-compressed (level 6, what a web server sends):

* per region page: its map document plus the outline GeoJSON it fetches (its own and its
  sub-regions'), i.e. what each further map page costs once the shared files are cached;
* shared, once per visit: Leaflet, Leaflet.markercluster, the atlas' map script and style,
  and the basemap (the light whole-country file; cells of detail are listed apart: which of them a
  map fetches depends on its view — bench/weight.py measures that in a browser).

Build times are the median of ``--runs`` full ``mkdocs build --strict`` runs of a copy of the
project, with the plugin's ``maps`` option on and off. Not a test: numbers go in the README.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import posixpath
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "content", "data", "site_templates")
SHARED = ["assets/vendor/leaflet-1.9.4/leaflet.js", "assets/vendor/leaflet-1.9.4/leaflet.css",
          "assets/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js",
          "assets/vendor/leaflet.markercluster-1.5.3/MarkerCluster.css",
          "assets/vendor/leaflet.markercluster-1.5.3/MarkerCluster.Default.css",
          "maps/atlas-map.js", "maps/atlas-map.css"]
#: the light whole-country basemap (atlas.maps.basemap); maps zoomed in fetch cells of detail instead
BASEMAP = ["maps/geo/country.geojson"]
TILES = "maps/geo/tiles"
GEOJSON_CALL = re.compile(r'atlasMap\.geojson\(\w+, \w+, "([^"]+)"')


def sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, 6))


def kb(pair: tuple[int, int]) -> str:
    return f"{pair[0] / 1024:7.1f} KB raw {pair[1] / 1024:6.1f} KB gzip"


def copy_project(dest: Path, maps: bool) -> Path:
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    if not maps:
        config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
        config, n = re.subn(r"^(\s*)- atlas:\s*$", r"\1- atlas:\n\1    maps: false", config, count=1, flags=re.M)
        if not n:
            config, n = re.subn(r"^(\s*)- atlas\s*$", r"\1- atlas:\n\1    maps: false", config, count=1, flags=re.M)
        assert n, "no atlas plugin entry found in mkdocs.yml"
        (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build(project: Path, site: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, the plugin's maps log line) of one ``mkdocs build --strict``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    import mkdocs  # (ProperDocs, where `import mkdocs` gives it: started as itself)

    done = subprocess.run([sys.executable, "-m", mkdocs.__name__, "build", "--strict", "-d", str(site)], cwd=project,
                          env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    found = re.search(r"maps: (\d+) files \(([\d,]+) bytes\) in ([\d.]+) s", done.stderr)
    return elapsed, cpu, found.group(0) if found else ""


def weights(site: Path) -> None:
    shared = [sizes((site / p).read_bytes()) for p in SHARED]
    basemap = [sizes((site / p).read_bytes()) for p in BASEMAP]
    total = lambda pairs: (sum(p[0] for p in pairs), sum(p[1] for p in pairs))  # noqa: E731
    print("shared, once per visit (browser cache):")
    print(f"  Leaflet + markercluster + atlas-map.js/.css  {kb(total(shared))}")
    for path, pair in zip(BASEMAP, basemap):
        print(f"  {path:42} {kb(pair)}")
    print(f"  {'basemap total':42} {kb(total(basemap))}")
    cells = [sizes(path.read_bytes()) for path in sorted((site / TILES).glob("*.geojson"))]
    if cells:
        print(f"  cells of detail ({TILES}/, a zoomed-in map fetches those its view touches): {len(cells)}, "
              f"median {statistics.median(c[1] for c in cells) / 1024:.1f} KB gzip, "
              f"largest {max(c[1] for c in cells) / 1024:.1f} KB gzip")
    print(f"  {'all shared':42} {kb(total(shared + basemap))}")
    print("per region page (map document + the outlines it fetches):")
    rows = []
    for doc in sorted((site / "maps/regions").glob("*.html")):
        html = doc.read_bytes()
        rel = doc.relative_to(site).as_posix()
        outlines = sorted({posixpath.normpath(posixpath.join(posixpath.dirname(rel), url))
                           for url in GEOJSON_CALL.findall(html.decode("utf-8"))})
        geo = total([sizes((site / p).read_bytes()) for p in outlines])
        page = total([sizes(html), geo])
        rows.append((doc.stem, sizes(html), geo, len(outlines), page))
    print(f"  {'region':24} {'map HTML (raw/gz)':>20} {'GeoJSON (raw/gz, files)':>30} {'page total (raw/gz)':>22}")
    for slug, html, geo, n, page in rows:
        print(f"  {slug:24} {html[0]:>9,} / {html[1]:>7,} {geo[0]:>11,} / {geo[1]:>7,} ({n} files) "
              f"{page[0]:>10,} / {page[1]:>7,}")
    mid = lambda values: statistics.median(values)  # noqa: E731
    print(f"  median page total: {mid([r[4][0] for r in rows]) / 1024:.1f} KB raw "
          f"{mid([r[4][1] for r in rows]) / 1024:.1f} KB gzip; median outline GeoJSON: "
          f"{mid([r[2][0] for r in rows]) / 1024:.1f} KB raw {mid([r[2][1] for r in rows]) / 1024:.1f} KB gzip; "
          f"max outline GeoJSON {max(r[2][0] for r in rows) / 1024:.1f} KB raw")
    first = total([rows[0][4], total(shared + basemap)]) if rows else (0, 0)
    heaviest = max(rows, key=lambda r: r[4][0])
    print(f"  first map page of a visit ({rows[0][0]}): {kb(first)}")
    print(f"  heaviest region page ({heaviest[0]}): {kb(total([heaviest[4], total(shared + basemap)]))} on a first visit")
    place = sizes((site / "maps/place.html").read_bytes())
    overview = sizes((site / "maps/overview.html").read_bytes())
    print(f"  institution profiles share maps/place.html: {kb(place)}; home: maps/overview.html {kb(overview)}")


def real(runs: int) -> None:
    """Builds with and without maps, alternating (so that a busy machine slows both alike)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        projects = {maps: copy_project(tmp / f"project-{maps}", maps) for maps in (True, False)}
        results: dict[bool, list] = {True: [], False: []}
        for i in range(runs):
            for maps in (True, False):
                results[maps].append(build(projects[maps], tmp / f"site-{maps}-{i}"))
        weights(tmp / "site-True-0")
    median = lambda values: statistics.median(values)  # noqa: E731
    on_wall, off_wall = median([r[0] for r in results[True]]), median([r[0] for r in results[False]])
    on_cpu, off_cpu = median([r[1] for r in results[True]]), median([r[1] for r in results[False]])
    print(f"build (mkdocs build --strict, median of {runs}, alternating):")
    print(f"  wall: with maps {on_wall:.2f} s, without {off_wall:.2f} s, maps add {on_wall - off_wall:.2f} s")
    print(f"  CPU:  with maps {on_cpu:.2f} s, without {off_cpu:.2f} s, maps add {on_cpu - off_cpu:.2f} s")
    print(f"  wall per run with maps: {', '.join(f'{r[0]:.2f}' for r in results[True])}; "
          f"without: {', '.join(f'{r[0]:.2f}' for r in results[False])}")
    print(f"  plugin log (map files alone): {'; '.join(r[2] for r in results[True])}")


def synthetic(regions: int, institutions: int) -> None:
    """Many regions and entries, through the library only (the MkDocs build of 15,000 pages is
    not what is measured here): load → validate → link → geography check, then every map file."""
    import shapely

    from atlas.geo.boundaries import boundaries

    from atlas.geo.admin import admin_layer

    rng = random.Random(20250915)
    bounds = boundaries()
    layer = admin_layer()  # today's districts (cities with districts left out)
    codes = sorted(c for c, u in layer.units.items()
                   if u.level == "sigungu" and layer.knows(c) and c not in bounds.parents())[:regions]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        for folder in ("regions", "institutions", "sources"):
            (data / folder).mkdir(parents=True)
        (data / "sources/bench-source.yml").write_text(
            "slug: bench-source\ntype: source\noutlet: {ko: 벤치}\ntitle: {ko: 벤치}\npublished: 2025-01-01\n",
            encoding="utf-8")
        kinds = ["university", "research-institute", "company", "public-agency", "hospital"]
        for i, code in enumerate(codes):
            slug = f"r{code}"
            (data / f"regions/{slug}.yml").write_text(
                f"slug: {slug}\ntype: region\nkind: city\nname: {{ko: {json.dumps(bounds.name(code))}}}\n"
                f"admin_codes: {{sigungu: [\"{code}\"]}}\nsummary: {{ko: 요약}}\nsources: [bench-source]\n",
                encoding="utf-8")
        geoms = {code: bounds.outline([code]) for code in codes}
        for n in range(institutions):
            code = codes[n % len(codes)]
            shape = geoms[code]
            minx, miny, maxx, maxy = shape.bounds
            while True:
                point = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
                if shape.contains(point.buffer(0.003)):  # clear of the border (and of slivers)
                    break
            (data / f"institutions/i{n:05d}.yml").write_text(
                f"slug: i{n:05d}\ntype: institution\nkind: {kinds[n % len(kinds)]}\nname: {{ko: 기관 {n}}}\n"
                f"regions: [r{code}]\nlocation: {{lat: {point.y:.5f}, lon: {point.x:.5f}}}\n"
                "description: {ko: 설명}\nsources: [bench-source]\n", encoding="utf-8")
        code = (
            "import time, sys\n"
            "import atlas.link as link\n"
            "from atlas.geo.check import check_locations\n"
            "from atlas.load import load_entries\n"
            "link.check_locations = lambda atlas, raws: []  # timed on its own below\n"
            "t = time.perf_counter()\n"
            "atlas = link.load_atlas(sys.argv[1])\n"
            "t_load = time.perf_counter() - t\n"
            "raws = {raw.path: raw for raw in load_entries(__import__('pathlib').Path(sys.argv[1]))[0]}\n"
            "t = time.perf_counter()\n"
            "problems = check_locations(atlas, raws)\n"
            "t_check = time.perf_counter() - t\n"
            "assert not problems, problems[:3]\n"
            "from atlas.maps import MapOptions\n"
            "from atlas.maps.files import build_map_files, map_pages\n"
            "t = time.perf_counter()\n"
            "files = build_map_files(atlas, sys.argv[2])\n"
            "files.update(map_pages(atlas, MapOptions(lang='en', prefix='en/')))\n"
            "t_maps = time.perf_counter() - t\n"
            "print(f'{len(atlas.regions)} regions, {len(atlas.institutions)} institutions')\n"
            "print(f'load + validate + link: {t_load:.2f} s; geography check (districts of every point): {t_check:.2f} s')\n"
            "print(f'maps (ko + en): {len(files)} files, {sum(map(len, files.values())):,} bytes in {t_maps:.2f} s "
            "(Folium import excluded)')\n"
        )
        subprocess.run([sys.executable, "-c", code, tmp, str(ROOT / "site_templates/assets/vendor")], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="builds per variant (default 3)")
    parser.add_argument("--synthetic", nargs=2, type=int, metavar=("REGIONS", "INSTITUTIONS"))
    args = parser.parse_args()
    if args.synthetic:
        synthetic(*args.synthetic)
    else:
        real(args.runs)


if __name__ == "__main__":
    main()
