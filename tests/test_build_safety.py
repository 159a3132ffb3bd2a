"""Builds that cannot damage the site or the repository: two builds into one folder take turns,
`-d` never points into the sources, and a full disk or a read-only folder is one line, not a
traceback, with the last good site left in place.
"""
from __future__ import annotations

import errno
import fcntl
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import minimal_project, renderer, run_atlas, snapshot

#: a terminal 40 columns wide: a failure is still one line (MkDocs wraps its messages at the terminal width)
NARROW = {"COLUMNS": "40"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200", **NARROW}


def _git_project(tmp_path: Path) -> Path:
    """The minimal project as a git repository, with a few more tracked files."""
    project = minimal_project(tmp_path)
    (project / "README.md").write_text("# 읽어 보기\n", encoding="utf-8")
    (project / "docs-src").mkdir()
    (project / "docs-src/notes.txt").write_text("tracked\n", encoding="utf-8")
    git = ["git", "-c", "user.email=test@example.org", "-c", "user.name=test", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "sources"], check=True)
    return project


def _sources(project: Path) -> dict[str, bytes]:
    return {path: data for path, data in snapshot(project).items() if not path.startswith(".git/")}


# --- -d never points into the sources -------------------------------------------------------------

TARGETS = {
    "data": "is the project's data/ folder",
    "content": "is the project's content/ folder",
    "content/pages": "is inside the project's content/ folder",
    "site_templates": "is the project's site_templates/ folder",
    "data/regions/../../site_templates/pages": "is inside the project's site_templates/ folder",
    ".git": "is the project's .git/ folder",
    ".": "is the project folder",
    "..": "holds the project folder",
    "README.md": "is a file tracked by git",
    "docs-src": "holds files tracked by git (notes.txt)",
    "link-to-data": "is the project's data/ folder",
    "personal": "is a folder that holds files but no site (no index.html)",
}


def _prepare(project: Path) -> None:
    (project / "link-to-data").symlink_to(project / "data", target_is_directory=True)
    (project / "personal").mkdir()
    (project / "personal/thesis.docx").write_bytes(b"years of work")


@pytest.fixture(scope="module")
def git_project(tmp_path_factory) -> Path:
    project = _git_project(tmp_path_factory.mktemp("sources"))
    _prepare(project)
    return project


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_atlas_build_refuses_to_write_into_the_sources(git_project, target):
    before = _sources(git_project)
    result = run_atlas("build", "-d", target, cwd=git_project)
    assert result.returncode == 1
    assert f"Error: cannot build the site into {target}: " in result.stderr
    assert TARGETS[target] in result.stderr
    assert "Traceback" not in result.stderr
    assert _sources(git_project) == before


@pytest.mark.parametrize("target", ["data", "content", ".", "..", "site_templates", "README.md", "link-to-data"])
def test_mkdocs_build_refuses_the_same_folders(git_project, target):
    before = _sources(git_project)
    result = subprocess.run(renderer("build", "-d", target), cwd=git_project, env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    # (MkDocs itself refuses a site_dir that holds docs_dir, content/, before the plugin is asked)
    assert ("cannot build the site into " in result.stderr and TARGETS[target] in result.stderr
            or "The 'docs_dir' should not be within the 'site_dir'" in result.stderr), result.stderr
    assert _sources(git_project) == before


def test_a_folder_beside_a_tracked_file_name_is_refused(tmp_path):
    """The build also writes X.staging, X.old and X.lock: none of them may be a tracked file."""
    project = _git_project(tmp_path)
    (project / "out.old").write_text("tracked\n", encoding="utf-8")
    subprocess.run(["git", "-c", "user.email=t@e", "-c", "user.name=t", "-C", str(project), "add", "out.old"],
                   check=True)
    result = run_atlas("build", "-d", "out", cwd=project)
    assert result.returncode == 1
    assert "out.old beside it is a file tracked by git" in result.stderr
    assert (project / "out.old").read_text() == "tracked\n"


def test_a_fresh_or_previous_site_folder_is_accepted():
    from atlas.output_dir import output_dir_problem

    root = Path(__file__).resolve().parent.parent
    assert output_dir_problem(root, root / "site") is None  # the default (ignored by git)
    assert output_dir_problem(root, "/nonexistent-folder/site") is None


# --- two builds into one folder --------------------------------------------------------------------

def _lock_is_held(lock: Path) -> bool:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _wait_until(condition, what: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.2)


def test_two_builds_into_one_folder_take_turns_and_leave_a_complete_site(tmp_path):
    project = minimal_project(tmp_path)
    reference = tmp_path / "reference"
    assert run_atlas("build", "-d", str(reference), cwd=project, env={"SOURCE_DATE_EPOCH": "1763683200"}).returncode == 0
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    lock = tmp_path / "out" / "site.lock"
    waiting = "Another build is writing"
    # the test holds the folder's lock first, so that both builds are certain to meet it
    held = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(held, fcntl.LOCK_EX)
    logs, builds = [], []
    try:
        for name in ("first", "second"):
            log = open(tmp_path / f"{name}.log", "w+", encoding="utf-8")
            logs.append(log)
            builds.append(subprocess.Popen([sys.executable, "-m", "atlas", "build", "-d", str(site)], cwd=project,
                                           env=ENV, stdout=log, stderr=subprocess.STDOUT))
            _wait_until(lambda: waiting in Path(log.name).read_text(encoding="utf-8"), f"the {name} build waits")
        assert not site.exists() and not Path(f"{site}.staging").exists()  # neither began writing
    finally:
        os.close(held)  # both go on, one after the other
    for build in builds:
        assert build.wait(timeout=600) == 0
    outputs = [Path(log.name).read_text(encoding="utf-8") for log in logs]
    for log in logs:
        log.close()
    for output in outputs:
        assert waiting in output and "Site replaced" in output, output
    assert not Path(f"{site}.staging").exists() and not Path(f"{site}.old").exists()
    assert snapshot(site) == snapshot(reference)
    assert not _lock_is_held(lock)


# --- a full disk, a read-only folder ----------------------------------------------------------------

def _old_site(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<html>the last good site</html>", encoding="utf-8")
    (folder / "404.html").write_text("<html>not found</html>", encoding="utf-8")
    return snapshot(folder)


def _assert_one_line_and_site_kept(result, site: Path, before: dict[str, bytes], reason: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert f"cannot write the site to {site}: {reason}\n" in output, output
    assert snapshot(site) == before
    assert not Path(f"{site}.staging").exists() and not Path(f"{site}.old").exists()


def test_a_write_the_system_refuses_is_one_line_and_the_last_good_site_stays(tmp_path):
    """Any write of the build (this process, the MkDocs child or its helper) failing with an OSError:
    here a file-size limit (RLIMIT_FSIZE; Python ignores SIGXFSZ, so writes fail with EFBIG)."""
    project = minimal_project(tmp_path)
    site = tmp_path / "out" / "site"
    before = _old_site(site)
    limit = 64 * 1024  # the lock file and the staging folder are written; the first larger file is not

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "atlas", "build", "-d", str(site)], cwd=project, env=ENV,
                            capture_output=True, text=True, timeout=600, preexec_fn=limited)
    _assert_one_line_and_site_kept(result, site, before, os.strerror(errno.EFBIG))


@pytest.fixture
def tiny_filesystem(tmp_path):
    """A 1 MB tmpfs (the site needs several): needs the right to mount, else the test is skipped."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): " + done.stderr.decode(errors="replace").strip())
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_line_and_the_last_good_site_stays(tmp_path, tiny_filesystem):
    project = minimal_project(tmp_path)
    site = tiny_filesystem / "site"
    before = _old_site(site)
    result = run_atlas("build", "-d", str(site), cwd=project, env=NARROW)
    _assert_one_line_and_site_kept(result, site, before, os.strerror(errno.ENOSPC))


def test_a_read_only_folder_is_one_line_and_the_last_good_site_stays(tmp_path, tiny_filesystem):
    """A read-only file system: root cannot write there either (chmod would not stop root)."""
    project = minimal_project(tmp_path)
    site = tiny_filesystem / "site"
    before = _old_site(site)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_filesystem)], check=True)
    result = run_atlas("build", "-d", str(site), cwd=project, env=NARROW)
    _assert_one_line_and_site_kept(result, site, before, os.strerror(errno.EROFS))


HELPER_FAILS = r"""
import errno, os
from atlas.fork import can_fork
from atlas.work.helper import Helper

def full_disk():
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "site.staging/data/atlas.json")

if not can_fork():
    print("NO FORK")  # one core, or no fork: the helper would run its tasks in this process
    raise SystemExit
helper = Helper([("publication", full_disk)]).start()
try:
    helper.result("publication")
except OSError as error:
    print("RAISED", errno.errorcode[error.errno], error.filename)
"""


def test_an_os_error_in_the_build_helper_reaches_the_build_as_itself():
    """The helper (a forked process: run here in a fresh interpreter, where nothing else runs threads)
    sends an OSError back as itself, so that `atlas build` reports it in one line too."""
    done = subprocess.run([sys.executable, "-c", HELPER_FAILS], env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    if done.stdout.strip() == "NO FORK":
        pytest.skip("no helper process on this machine")
    assert done.stdout.strip() == "RAISED ENOSPC site.staging/data/atlas.json"
