"""Timing and memory of the commands the benchmark runs, each in a child process of its own.

* ``run`` — wall time, CPU time and peak resident memory of one child (``os.wait4`` gives the
  rusage of that child alone: its ``ru_maxrss`` is the peak RSS of the build process);
* ``build`` — ``mkdocs build --strict`` of a project (the atlas, or the plain yardstick);
* ``validate`` — ``atlas validate``;
* ``serve_rebuild`` — what ``mkdocs serve`` does after an edit: one process loads the config,
  builds (the first build of a serve session), then an entry file changes and the config is loaded
  again and the site rebuilt in the same process (``mkdocs.commands.build.build(config,
  serve_url=…)``, as ``mkdocs.commands.serve`` calls it): the second build is the one timed;
* ``preview`` — ``atlas serve`` as a contributor uses it: the real command on a free port; once it
  serves, an institution's Korean name is edited (saved as an editor saves) and its page and its
  region's page (which lists it by name) are asked for over HTTP until both show the edit: the
  seconds from the save to each, for several edits, each once the preview has caught up with the last.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child (and of its own children, e.g. the atlas' helper)
    peak_rss: int  # bytes: the largest resident set of the child or any process it waited for
    returncode: int
    output: str
    peak_tree: int = 0  # bytes: the largest memory of the child and its descendants at once: the sum
    #                     of their proportional set sizes (PSS: pages a forked helper still shares with
    #                     its parent count once, not twice), sampled every 0.5 s with psutil
    peak_tree_rss: int = 0  # the same with resident set sizes (shared pages counted in every process)

    def as_dict(self) -> dict:
        out = asdict(self)
        out.pop("output")
        return out


def run(command: list[str], cwd: Path, env: dict | None = None, timeout: float = 3600) -> Run:
    """Run ``command`` and measure it alone (not its siblings): wait4 returns the child's own rusage."""
    full_env = {**os.environ, **ENV, **(env or {})}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        deadline = started + timeout
        tree = _Tree(child.pid)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            tree.tick()
            time.sleep(0.05)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, child.returncode, output,
               tree.peak or usage.ru_maxrss * 1024, max(tree.peak_rss, usage.ru_maxrss * 1024))


class _Tree:
    """The resident memory of a process and its descendants, sampled."""

    # The sampler must not take CPU from the build it measures: listing a process' children and
    # reading PSS (smaps_rollup) are costly, so memory is sampled every 5th tick (0.25 s; the exit
    # is still seen within 50 ms), PSS every 2nd sample (0.5 s): under 1 % of a core.
    SAMPLE_EVERY = 5
    PSS_EVERY = 2

    def __init__(self, pid: int):
        self.peak = 0  # PSS
        self.peak_rss = 0
        self.count = 0  # samples taken
        self.ticks = 0
        try:
            import psutil

            self.process = psutil.Process(pid)
        except Exception:  # noqa: BLE001 - psutil missing: wait4's peak alone
            self.process = None

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks % self.SAMPLE_EVERY == 1:
            self.sample()

    def sample(self) -> None:
        if self.process is None:
            return
        total = total_rss = 0
        pss = self.count % self.PSS_EVERY == 0
        self.count += 1
        try:
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    if pss:
                        info = proc.memory_full_info()  # /proc/<pid>/smaps_rollup: pss
                        total += getattr(info, "pss", info.rss)
                    else:
                        info = proc.memory_info()
                    total_rss += info.rss
                except Exception:  # noqa: BLE001 - a process that just ended
                    pass
        except Exception:  # noqa: BLE001
            return
        self.peak = max(self.peak, total)
        self.peak_rss = max(self.peak_rss, total_rss)


def checked(result: Run, what: str) -> Run:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed (exit {result.returncode}):\n{result.output[-6000:]}")
    return result


def renderer() -> list[str]:
    """``python -m mkdocs``, or ``python -m properdocs`` where ``import mkdocs`` gives ProperDocs."""
    import mkdocs

    return [sys.executable, "-m", mkdocs.__name__]


def build(project: Path, site: Path, config: str = "mkdocs.yml") -> Run:
    return checked(run([*renderer(), "build", "--strict", "-f", config, "-d", str(site)],
                       cwd=project), f"mkdocs build of {project / config}")


def validate(project: Path) -> Run:
    return checked(run([sys.executable, "-m", "atlas", "validate"], cwd=project), f"atlas validate in {project}")


SERVE_REBUILD = r"""
import json, re, sys, tempfile, time
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

config_file, entry, marker = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
site_dir = tempfile.mkdtemp(prefix="mkdocs_")
serve_url = "http://127.0.0.1:8000/"

def get_config():  # as mkdocs.commands.serve does before every build
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.site_url = serve_url
    return config

config = get_config()
config.plugins.on_startup(command="serve", dirty=False)
times = []
for step in range(2):
    if step:  # one entry changes: its Korean description gets a word more
        text = entry.read_text(encoding="utf-8")
        edited = re.sub(r"(description:\s*(?:\{ko: |\n\s+ko:\s*(?:>-?\s*\n\s+)?))",
                        lambda m: m.group(1) + marker + " ", text, count=1)
        assert edited != text, "no description to edit"
        entry.write_text(edited, encoding="utf-8")
        config = get_config()
    started = time.perf_counter()
    build(config, serve_url=serve_url)
    times.append(time.perf_counter() - started)
config.plugins.on_shutdown()
page = Path(site_dir) / "institutions" / entry.stem / "index.html"
print("RESULT " + json.dumps({"first": times[0], "rebuild": times[1],
                              "shown": marker in page.read_text(encoding="utf-8")}))
"""


def serve_rebuild(project: Path, entry: Path) -> dict:
    """First build and one-entry rebuild (seconds) of a ``mkdocs serve`` session, in one process.
    ``entry``: an institution's file; it is restored afterwards."""
    original = entry.read_text(encoding="utf-8")
    try:
        result = checked(run([sys.executable, "-c", SERVE_REBUILD, "mkdocs.yml", str(entry), "벤치마크수정"],
                             cwd=project), "serve rebuild")
    finally:
        entry.write_text(original, encoding="utf-8")
    line = next(line for line in result.output.splitlines() if line.startswith("RESULT "))
    data = json.loads(line[len("RESULT "):])
    if not data.pop("shown"):
        raise SystemExit("the rebuilt page does not show the edit")
    data["peak_rss"] = result.peak_rss
    return data


# -- atlas serve ---------------------------------------------------------------------------------

def _get(url: str, timeout: float = 60) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_marker(text: str, marker: str) -> str:
    """The entry's text with ``marker`` put in front of its Korean name (``name: {ko: …}`` or ``name:\n  ko: …``)."""
    found = re.search(r'name:[ \t]*(?:\{[ \t]*ko:[ \t]*|\n[ \t]+ko:[ \t]*)"?', text)
    if found is None:
        raise SystemExit("no Korean name to edit")
    return text[:found.end()] + marker + " " + text[found.end():]


def _until(condition, timeout: float, what: str) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"timed out ({timeout:.0f} s) waiting until {what}")
        time.sleep(0.01)
    return time.perf_counter() - started


def preview(project: Path, entry: Path, backlink: str, edits: int = 3, timeout: float = 3600) -> dict:
    """``atlas serve`` in ``project``: seconds from starting to serving (the first build), then from
    each save of ``entry`` (an institution, its Korean name edited) to its page and to ``backlink``
    (a page that lists it) showing the edit. ``entry`` is restored afterwards."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    original = entry.read_text(encoding="utf-8")
    env = {**os.environ, **ENV, "ATLAS_SITE_URL": base}
    page = f"{entry.parent.name}/{entry.stem}/"
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "atlas", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    out: dict = {"edited_s": [], "backlink_s": [], "page": page, "backlink": backlink}
    try:
        def status() -> dict:
            answer = _get(base + ".atlas-preview/status", timeout=10)
            return json.loads(answer) if answer else {}

        out["first_build_s"] = _until(lambda: status().get("built"), timeout, "atlas serve serves")
        for i in range(edits):
            _until(lambda: (lambda s: s and not s["busy"] and not s["stale"])(status()), timeout,
                   "the preview caught up")
            marker = f"미리보기측정{i}"
            text = entry.read_text(encoding="utf-8")
            seen: dict[str, float] = {}

            def poll(name: str, path: str, started: float) -> None:
                while time.perf_counter() - started < 600:
                    body = _get(base + path)
                    if body is not None and marker.encode("utf-8") in body:
                        seen[name] = time.perf_counter() - started
                        return
                    time.sleep(0.01)

            started = time.perf_counter()
            entry.write_text(_with_marker(text, marker), encoding="utf-8")
            threads = [threading.Thread(target=poll, args=(name, path, started))
                       for name, path in (("edited", page), ("backlink", backlink))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if len(seen) != 2:
                log.seek(0)
                raise SystemExit(f"the preview did not show the edit: {seen}\n{log.read()[-4000:]}")
            out["edited_s"].append(seen["edited"])
            out["backlink_s"].append(seen["backlink"])
    finally:
        entry.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    out["edited_median_s"] = sorted(out["edited_s"])[len(out["edited_s"]) // 2]
    out["backlink_median_s"] = sorted(out["backlink_s"])[len(out["backlink_s"]) // 2]
    return out
