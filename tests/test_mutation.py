"""Property: no change to an entry file of the real data/ can crash the checks.

Hypothesis mutates the entry files of the repository's own data/ (read at test time, so new
content is welcome) — scalars replaced by random text, numbers, nothing, lists or mappings; keys
deleted and added; random characters and bytes inserted; a byte-order mark, decomposed Hangul,
YAML escapes, merge keys, anchors and aliases, deep nesting, huge and infinite numbers,
truncation — and asserts that ``load_atlas`` either succeeds or raises ``AtlasError`` whose every
problem names an existing file under data/ and a line in it: never any other exception. It runs
in this process on a copy of the project (a mutated file is put back after each example).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas import AtlasError, load_atlas
from conftest import ROOT, run_atlas

DATA_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*") if p.suffix in (".yml", ".yaml"))
LINE = re.compile(r"^[^:\n]+:\d+: [^:]+: .+$")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project's entries and pages (what ``load_atlas`` reads)."""
    dest = tmp_path_factory.mktemp("mutation") / "project"
    for part in ("data", "content"):
        shutil.copytree(ROOT / part, dest / part)
    return dest


def check_loads_or_reports(project: Path, mutated: str) -> AtlasError | None:
    """``load_atlas`` succeeds, or every problem it reports names an existing file under data/ and
    a line of it, and prints as one line. Any other exception fails the test."""
    try:
        load_atlas(project)
    except AtlasError as exc:
        assert exc.problems
        for problem in exc.problems:
            file = project / problem.path
            assert problem.path.startswith("data/") and file.is_file(), (mutated, str(problem))
            lines = file.read_bytes().count(b"\n") + 1
            assert 1 <= problem.line <= lines, (mutated, str(problem))
            assert LINE.match(str(problem)), (mutated, str(problem))
        return exc
    return None


# -- mutations: each takes the text of a file and returns new text (or bytes) ------------------------

SPECIAL_VALUES = [
    ".inf", "-.inf", ".nan", ".NaN", "1e9999", "-1e9999", "1.0e+999", "1" * 5000, "-" + "9" * 400, "0x" + "f" * 300,
    "1:2:3:4:5", ":".join(["59"] * 80), "0o777", "0b101", "1_000", "~", "null", "true", "yes", "off", "<<", "=",
    "!!bool maybe", "!!int x", "!!float many", "!!seq x", "!!map x", "!!null x", "!!str 1", "!!timestamp x",
    "!!binary aGk=", "!!python/object/apply:os.system ['true']", "!custom x", "*nowhere", "&a x", "? x", "- x",
    "[" * 30 + "]" * 30, "[" * 1500 + "]" * 1500, "{a: " * 200 + "1" + "}" * 200, "|\n  text", ">-\n  folded",
    "2025-02-30", "２０２５-11-20", "2025-13", "0000", "'unterminated", '"unterminated', "{", "]", "%", "@x", "`x",
    '"\\ud800"', '"\\udfff x"', '"\\x1b[31m"', '"\\u202e"', '"\\u2066"', '"\\uFFFE"', '"\\uffff"', '"\\U0010FFFF"',
    '"\\0"', '"\\N"', '"\\L"', '"\\P"', '"\\_"', '"\\x85"', '"\\x9b"', '"\\e"', '"\\a"', '"\\v"', '"a\\nb"',
    '"\\u1100\\u1161"', '"<script>alert(1)</script>"', '"=HYPERLINK(\\"x\\")"', "https://x\u202e.kr",
    "\u1100\u1161\u11a8", "asan", "hoseo-university", "chungnam", "test-source", "kaist",
]
SPECIAL_KEYS = ["<<", "=", "slug", "type", "kind", "parent", "part_of", "venue", "regions", "sources", "source",
                "redirect_from", "name", "ko", "en", "value", "lat", "lon", "a:b", "x,y", '"\\n::error file=x"', "? a",
                '"\\x1b"', "1" * 200, "~", "[a]", "{a: 1}", "true"]


def _nodes(text: str):
    """Scalar and mapping-pair nodes of ``text`` with their character offsets (None if not YAML)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    scalars, pairs, stack = [], [], [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            scalars.append(node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pairs.append((key, value))
                stack.append(value)
    return scalars, pairs


def _value(draw) -> str:
    """A replacement value as YAML text."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(st.sampled_from(SPECIAL_VALUES))
    if kind == 1:  # any JSON value: JSON is YAML
        value = draw(st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
            max_leaves=6))
        return json.dumps(value, ensure_ascii=draw(st.booleans()))
    if kind == 2:  # text as it is, unquoted: may well not be YAML
        return draw(st.text(max_size=30))
    if kind == 3:
        return str(draw(st.integers(-(10 ** 40), 10 ** 40)))
    return repr(draw(st.floats(allow_nan=True, allow_infinity=True)))


def replace_scalar(draw, text):
    nodes = _nodes(text)
    if not nodes or not nodes[0]:
        return insert_text(draw, text)
    node = draw(st.sampled_from(nodes[0]))
    return text[:node.start_mark.index] + _value(draw) + text[node.end_mark.index:]


def delete_key(draw, text):
    nodes = _nodes(text)
    if not nodes or not nodes[1]:
        return truncate(draw, text)
    key, value = draw(st.sampled_from(nodes[1]))
    return text[:key.start_mark.index] + text[value.end_mark.index:]


def add_key(draw, text):
    key = draw(st.sampled_from(SPECIAL_KEYS) | st.text(min_size=1, max_size=10).map(json.dumps))
    line = f"{key}: {_value(draw)}\n"
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    at = draw(st.sampled_from(starts))
    indent = draw(st.sampled_from(["", "", "  ", "    "]))
    return text[:at] + indent + line + text[at:]


def insert_text(draw, text):
    at = draw(st.integers(0, len(text)))
    alphabet = st.characters(codec="utf-8") | st.sampled_from("\x00\x07\x1b\x7f\x85\x9b\u2028\u202e\u2066\ufeff\ufffe"
                                                                   ":{}[],&*!|>'\"%@`#-?\t\r\n")
    return text[:at] + draw(st.text(alphabet, min_size=1, max_size=8)) + text[at:]


def insert_bytes(draw, text):
    raw = text.encode("utf-8")
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + draw(st.binary(min_size=1, max_size=6)) + raw[at:]


def byte_order_mark(draw, text):
    return "\ufeff" + text


def decompose(draw, text):
    return unicodedata.normalize(draw(st.sampled_from(["NFD", "NFKD"])), text)


def crlf(draw, text):
    return text.replace("\n", "\r\n")


def anchor_and_alias(draw, text):
    nodes = _nodes(text)
    if not nodes or len(nodes[0]) < 2:
        return add_key(draw, text)
    first, second = sorted(draw(st.lists(st.sampled_from(nodes[0]), min_size=2, max_size=2, unique=True)),
                           key=lambda n: n.start_mark.index)
    return (text[:first.start_mark.index] + "&a " + text[first.start_mark.index:second.start_mark.index] + "*a"
            + text[second.end_mark.index:])


def merge_key(draw, text):
    merge = draw(st.sampled_from(["<<: {kind: forum}", "<<: [{a: 1}, {b: 2}]", "<<: *a", "x: &a {k: v}\n<<: *a",
                                  "<<: 1", "<<:"]))
    return text + ("" if text.endswith("\n") else "\n") + merge + "\n"


def deep_nesting(draw, text):
    depth = draw(st.sampled_from([19, 21, 50, 99, 101, 1000, 5000]))
    shape = draw(st.sampled_from(["flow", "mapping", "block", "dashes"]))
    deep = {"flow": "[" * depth + "]" * depth, "mapping": "{a: " * depth + "1" + "}" * depth,
            "block": "\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth)) + " " * (depth + 1) + "v",
            "dashes": "\n  " + "- " * depth + "x"}[shape]
    return text + ("" if text.endswith("\n") else "\n") + f"deep: {deep}\n"


def truncate(draw, text):
    return text[:draw(st.integers(0, len(text)))]


def duplicate_line(draw, text):
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    i = draw(st.integers(0, len(lines) - 1))
    return "".join(lines[:i + 1] + [lines[i]] + lines[i + 1:])


def tab_indent(draw, text):
    return re.sub(r"^  ", "\t", text, count=draw(st.integers(1, 3)), flags=re.M)


def second_document(draw, text):
    return text + "---\nslug: other\n"


MUTATIONS = [replace_scalar, replace_scalar, replace_scalar, delete_key, add_key, insert_text, insert_bytes,
             byte_order_mark, decompose, crlf, anchor_and_alias, merge_key, deep_nesting, truncate, duplicate_line,
             tab_indent, second_document]


@st.composite
def mutations(draw):
    rel = draw(st.sampled_from(DATA_FILES))
    content: str | bytes = (ROOT / rel).read_text(encoding="utf-8")
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        if isinstance(content, bytes):
            break  # raw bytes inserted: the file may not even be UTF-8 any more
        content = mutation(draw, content)
    return rel, content


@settings(max_examples=500, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(change=mutations())
def test_any_change_to_an_entry_loads_or_is_reported(project, change):
    rel, content = change
    target = project / rel
    original = target.read_bytes()
    try:
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8", "surrogatepass"))
        check_loads_or_reports(project, rel)
    finally:
        target.write_bytes(original)


# -- every file of data/, each invalid in turn: the problems are its own, never its referrers' ------

def test_every_entry_failing_in_turn_is_reported_alone(project):
    """Each entry made invalid (an unknown field; a file that is not UTF-8 at all), one after the other,
    entries that others name as parent, part_of, venue, region or source included: the problems
    reported are the file's own (references to it are not reported again), and nothing crashes."""
    for rel in DATA_FILES:
        target = project / rel
        original = target.read_bytes()
        for content in (original + b"\nnot_a_field: 1\n", b"\xff\xfe" + original):
            target.write_bytes(content)
            try:
                error = check_loads_or_reports(project, rel)
                assert error is not None, rel
                assert {p.path for p in error.problems} == {rel}, (rel, [str(p) for p in error.problems])
            finally:
                target.write_bytes(original)


def test_every_entry_saved_with_bom_and_decomposed_hangul_loads(project):
    """Windows' byte-order mark and macOS's decomposed Hangul, on every entry in turn: accepted, composed."""
    for rel in DATA_FILES:
        target = project / rel
        original = target.read_bytes()
        nfd = unicodedata.normalize("NFD", original.decode("utf-8"))
        target.write_bytes(b"\xef\xbb\xbf" + nfd.replace("\n", "\r\n").encode("utf-8"))
        try:
            atlas = load_atlas(project)
        finally:
            target.write_bytes(original)
        slug = Path(rel).stem
        entry = atlas.get(slug)
        name = getattr(entry, "name", None) or getattr(entry, "title", None)
        assert name is not None and unicodedata.is_normalized("NFC", name.ko), rel


# -- the same through the command line ----------------------------------------------------------

def _edit(rel: str, old: str, new: str):
    def apply(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def _append(rel: str, extra: str):
    def apply(project: Path) -> None:
        with open(project / rel, "a", encoding="utf-8") as handle:
            handle.write(extra)
    return apply


def _first(folder: str) -> str:
    return next(rel for rel in DATA_FILES if rel.startswith(f"data/{folder}/"))


def _referenced(field: str) -> tuple[str, str]:
    """(file, slug) of an entry that another entry names in ``field`` (e.g. part_of, parent)."""
    for rel in DATA_FILES:
        match = re.search(rf"^{field}: ([a-z0-9-]+)$", (ROOT / rel).read_text(encoding="utf-8"), re.M)
        if match:
            target = next(r for r in DATA_FILES if Path(r).stem == match.group(1))
            return target, match.group(1)
    pytest.skip(f"no entry names another as {field}")


def _hostile_cases():
    part_of, _ = _referenced("part_of")
    parent, _ = _referenced("parent")
    event, programme = _first("events"), _first("programmes")
    return {
        "invalid kind in an event another is part_of, BOM in a parent": [
            _edit(part_of, "\nkind: ", "\nkind: x"),
            lambda p: (p / parent).write_bytes(b"\xef\xbb\xbf" + (p / parent).read_bytes())],
        "merge key, alias, 5,000-digit number": [
            _append(event, "<<: {kind: forum}\n"), _append(parent, f"big: {'9' * 5000}\n"),
            _append(programme, "x: &a 1\ny: *a\n")],
        "infinite attendance, bidi override, lone surrogate escape": [
            _append(event, "attendance: {value: .inf}\n"), _append(parent, 'note: "\\u202e"\n'),
            _append(programme, 'z: "\\ud800"\n')],
        "deep nesting, a key with a line break, a file named with ::error": [
            _append(event, "deep: " + "[" * 5000 + "]" * 5000 + "\n"),
            _append(parent, '"a\\n::error file=x.yml,line=1::forged": 1\n'),
            lambda p: (p / "data/events/x\n::error file=y.yml,line=1::z.yml").write_text("slug: z\n", encoding="utf-8")],
        "truncated, not UTF-8, a tab": [
            lambda p: (p / event).write_bytes((p / event).read_bytes()[:40]),
            lambda p: (p / programme).write_bytes((p / programme).read_bytes() + b"\xc3\x28"),
            _edit(parent, "\n  ", "\n\t")],
    }


@pytest.mark.parametrize("case", sorted(_hostile_cases()))
def test_validate_prints_one_problem_a_line(tmp_path, case):
    project = tmp_path / "project"
    for part in ("data", "content"):
        shutil.copytree(ROOT / part, project / part)
    for change in _hostile_cases()[case]:
        change(project)
    for fmt in ("text", "github"):
        result = run_atlas("validate", "--root", str(project), "--format", fmt, cwd=project)
        assert result.returncode == 1, result.stdout
        assert "Traceback" not in result.stderr
        lines = result.stdout.splitlines()
        problems = [line for line in lines if not line.startswith("::error file=")]
        assert problems and all(LINE.match(line) for line in problems), lines
        assert result.stderr.strip() == f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found."
        if fmt == "github":
            annotations = [line for line in lines if line.startswith("::")]
            assert len(annotations) == len(problems)
            assert all(re.match(r"^::error file=[^,:\n]+,line=\d+::.+$", line) for line in annotations), annotations


def test_mutation_files_cover_the_data():
    """The property above draws from every entry file of data/ (read from the repository)."""
    assert DATA_FILES and all((ROOT / rel).is_file() for rel in DATA_FILES)
    assert {rel.split("/")[1] for rel in DATA_FILES} >= {"regions", "institutions", "events", "sources"}
    assert os.path.commonpath([str(ROOT / rel) for rel in DATA_FILES]) == str(ROOT / "data")
