"""Reading entry files: YAML with the line of every key and list item kept.

The YAML is composed into nodes (which carry their positions) and turned into
plain Python by hand, so that

* every value's line is known, for ``file:line`` messages;
* a key written twice is an error instead of silently keeping the last one;
* dates stay as the ISO text the contributor wrote (``2025-11-20``), so that
  partial dates (``2025-10``) and full ones are handled alike.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence, TypeVar

import yaml

from .fork import split_map
from .models import FOLDERS
from .problems import Problem

T = TypeVar("T")

try:  # the C composer is several times faster; positions are the same
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):
    """The safe loader, remembering the tag of each plain scalar it has resolved: entries
    repeat the same keys and values (``slug``, ``ko``, ``en``, ``true``) thousands of times."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return _implicit_scalar_tag(value, implicit[1])
        return super().resolve(kind, value, implicit)


@lru_cache(maxsize=65536)
def _implicit_scalar_tag(value: str, quoted_implicit: bool) -> str:
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, quoted_implicit))

MAX_FILE_BYTES = 256 * 1024
ENTRY_SUFFIXES = (".yml", ".yaml")

Positions = dict[tuple, int]


@dataclass
class RawEntry:
    """One entry file as read from disk, before validation."""

    path: str  # relative to the project root, POSIX
    folder: str  # the data/ subfolder it was found in
    data: object
    #: line of each key and list item; None when not kept (read in another process): the file
    #: at ``source`` is then read again the first time a line is asked for
    positions: Positions | None = field(default_factory=dict)
    source: str | None = None

    def line_of(self, loc: tuple) -> int:
        """Line of the deepest part of ``loc`` that exists in the file."""
        if self.positions is None:
            with open(self.source, encoding="utf-8") as handle:
                self.positions = parse_text(self.path, handle.read())[1]
        for end in range(len(loc), -1, -1):
            line = self.positions.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


class _Converter:
    """Turns a composed YAML node tree into Python values plus positions."""

    def __init__(self, path: str):
        self.path = path
        self.positions: Positions = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, loc: tuple = (), depth: int = 0) -> object:
        self.positions.setdefault(loc, node.start_mark.line + 1)
        return self._value(node, loc, depth)

    def _value(self, node: yaml.Node, loc: tuple, depth: int) -> object:
        """``node`` as Python; the position of ``loc`` is already recorded. (Called once per value
        of every entry: plain strings are taken without a call, collections walked in one loop.)"""
        kind = type(node)
        if kind is not yaml.MappingNode and kind is not yaml.SequenceNode:
            return self._scalar(node)
        depth += 1
        if depth > MAX_DEPTH:
            raise _TooDeep
        positions = self.positions
        if kind is yaml.MappingNode:
            out: dict = {}
            for key_node, value_node in node.value:
                if type(key_node) is yaml.ScalarNode and key_node.tag == _STR:
                    key = key_node.value
                else:
                    key = self._scalar(key_node)
                    if not isinstance(key, str):
                        key = str(key)
                line = key_node.start_mark.line + 1
                sub = loc + (key,)
                if key in out:
                    first = positions[sub]
                    self.problems.append(Problem(self.path, line, _dotted(sub), f"key written twice (first on line {first})"))
                    continue
                positions[sub] = line
                if type(value_node) is yaml.ScalarNode and value_node.tag in _AS_WRITTEN:
                    out[key] = value_node.value
                else:
                    out[key] = self._value(value_node, sub, depth)
            return out
        items = []
        for i, item in enumerate(node.value):
            sub = loc + (i,)
            if sub not in positions:
                positions[sub] = item.start_mark.line + 1
            if type(item) is yaml.ScalarNode and item.tag in _AS_WRITTEN:
                items.append(item.value)
            else:
                items.append(self._value(item, sub, depth))
        return items

    def _scalar(self, node: yaml.Node) -> object:
        if node.tag in _AS_WRITTEN and isinstance(node, yaml.ScalarNode):
            return node.value  # text as it is; dates keep the ISO text as written
        if not isinstance(node, yaml.ScalarNode):
            return None
        return self._constructor.construct_object(node, deep=True)


_STR = "tag:yaml.org,2002:str"
#: scalars whose value is their text (what SafeConstructor gives for a string; dates kept as written)
_AS_WRITTEN = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})


class _TooDeep(Exception):
    """Values nested more than MAX_DEPTH levels (reported by ``_unsafe_structure``)."""


def _dotted(loc: tuple) -> str:
    from .problems import format_field

    return format_field(loc)


def _yaml_problem(path: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    text = getattr(exc, "problem", None) or str(exc)
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark.line + 1 != line:
        # e.g. "did not find expected ',' or '}' (while parsing a flow mapping that starts on line 3)"
        text += f" ({context} that starts on line {context_mark.line + 1})"
    elif context:
        text += f" ({context})"
    return Problem(path, line, "-", f"not valid YAML: {text}")


def parse_text(path: str, text: str) -> tuple[object, Positions, list[Problem]]:
    """Parse one file's text; returns (data, positions, problems)."""
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        return None, {}, [Problem(path, 1, "-", "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
    tab_line = _first_tab_indent(text)
    if tab_line:
        return None, {}, [Problem(path, tab_line, "-", "a tab character is used for indentation; indent with spaces")]
    if _needs_event_check(text):
        unsafe = _unsafe_structure(path, text)
        if unsafe:
            return None, {}, [unsafe]
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        return None, {}, [_yaml_problem(path, exc)]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, {}, [Problem(path, 1, "-", "file is empty; an entry needs at least slug and type")]
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1
        return None, {}, [Problem(path, line, "-", "file holds more than one YAML document; write one entry per file")]
    converter = _Converter(path)
    try:
        data = converter.convert(nodes[0])
    except _TooDeep:
        return None, {}, [_unsafe_structure(path, text)
                          or Problem(path, 1, "-", f"values are nested more than {MAX_DEPTH} levels deep")]
    problems.extend(converter.problems)
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, "-", "an entry must be a mapping of fields (key: value)"))
    return data, converter.positions, problems


# Entries are plain data: at most this deep (a programme's strategies → tasks → name → ko is 5).
MAX_DEPTH = 20
_PLAIN_TAGS = {None, "!"} | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


#: nesting the C composer handles safely (it crashes somewhere between 20,000 and 100,000 levels)
SAFE_COMPOSER_DEPTH = 5000
_BLOCK_PREFIX = re.compile(r"^[ \t?:-]*", re.M)


def _needs_event_check(text: str) -> bool:
    """Whether the text could hold an alias, a tag or nesting deep enough to harm the composer.

    Without ``&``, ``*`` or ``!`` there can be no anchor, alias or tag. Nesting is bounded by
    the flow brackets plus twice the widest run of indentation and block indicators at the
    start of a line (a nested block collection starts further right, or at most every other
    level at the same column). Entries are far from both: they are composed straight away,
    and their depth is checked while they are converted. Anything else is read as an event
    stream first (``_unsafe_structure``), so nothing is built from it.
    """
    if "&" in text or "*" in text or "!" in text:
        return True
    widest = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    return text.count("[") + text.count("{") + 2 * (widest + 2) >= SAFE_COMPOSER_DEPTH


def _unsafe_structure(path: str, text: str) -> Problem | None:
    """Refuse YAML that plain data never needs and that could stall or crash the loader:
    aliases (``*a``, the "billion laughs" blow-up), tags (``!!python/object``) and deep nesting
    (which crashes the C composer). Read as a stream of events, so nothing is built first."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                return Problem(path, line, "-", f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full")
            tag = getattr(event, "tag", None)
            if tag not in _PLAIN_TAGS:
                shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
                return Problem(path, line, "-", f"the YAML tag {shown} is not allowed; write plain values")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(path, line, "-", f"values are nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # reported with its position when the file is composed
    return None


def _first_tab_indent(text: str) -> int:
    if "\t" not in text:
        return 0
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^ *\t", line):
            return number
    return 0


def read_entry(root: Path, file: Path, folder: str, data_root: Path | None = None) -> tuple[RawEntry | None, list[Problem]]:
    # plain strings and os.path: pathlib's objects cost more than reading a small file
    path, base = os.fspath(file), os.fspath(root).rstrip(os.sep)
    if path.startswith(base + os.sep):
        rel = path[len(base) + 1:].replace(os.sep, "/")
    else:
        rel = file.relative_to(root).as_posix()
    inside = os.fspath(data_root or (root / "data").resolve()).rstrip(os.sep)
    # where the file really is: its folder's real place (cached), or wherever a link points
    if os.path.islink(path):
        real = os.path.realpath(path)
    else:
        real = os.path.join(_real_dir(os.path.dirname(path)), os.path.basename(path))
    if not (real == inside or real.startswith(inside + os.sep)):
        return None, [Problem(rel, 1, "-", "file is a link to a place outside the data folder; copy the entry into data/ instead")]
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        return None, [Problem(rel, 1, "-", f"cannot read file: {exc.strerror}")]
    if size > MAX_FILE_BYTES:
        return None, [Problem(rel, 1, "-", f"file is {size} bytes; an entry may be at most {MAX_FILE_BYTES} bytes")]
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "-", "file is not UTF-8 text; save it as UTF-8")]
    data, positions, problems = parse_text(rel, text)
    if data is None or not isinstance(data, dict):
        return None, problems
    return RawEntry(rel, folder, data, positions, path), problems


def entry_files(root: Path) -> list[tuple[Path, str]]:
    """Every entry file under data/<folder>/, sorted so that runs are repeatable."""
    found: list[tuple[Path, str]] = []
    for folder in sorted(set(FOLDERS.values())):
        directory = root / "data" / folder
        if not directory.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(directory):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(ENTRY_SUFFIXES):
                    found.append((Path(dirpath) / name, folder))
    return found


def stray_files(root: Path) -> list[Problem]:
    """Files under data/ that no loader reads: most likely a mistake."""
    problems = []
    data = root / "data"
    known = set(FOLDERS.values())
    if not data.is_dir():
        return [Problem("data", 1, "-", "no data/ folder found")]
    for dirpath, dirnames, filenames in os.walk(data):
        dirnames.sort()
        rel_dir = Path(dirpath).relative_to(data)
        top = rel_dir.parts[0] if rel_dir.parts else ""
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(".md") and name.lower() == "readme.md":
                continue
            if top in known and name.endswith(ENTRY_SUFFIXES):
                continue  # an entry file where it belongs (most files)
            rel = (Path(dirpath) / name).relative_to(root).as_posix()
            if not top:
                if name.endswith(ENTRY_SUFFIXES):
                    problems.append(Problem(rel, 1, "-", f"entry files belong in one of the folders data/{{{','.join(sorted(known))}}}/"))
            elif top not in known:
                problems.append(Problem(rel, 1, "-", f"unknown folder data/{top}/; entry folders are {', '.join(sorted(known))}"))
            elif not name.endswith(ENTRY_SUFFIXES):
                problems.append(Problem(rel, 1, "-", "not an entry file: entries end in .yml"))
    return problems


@lru_cache(maxsize=256)
def _real_dir(path: str) -> str:
    return os.path.realpath(path)


def load_entries(root: Path, meanwhile: Callable[[], object] | None = None) -> tuple[list[RawEntry], list[Problem]]:
    """Every entry file read and parsed (a large atlas on two cores: ``atlas.fork``).
    ``meanwhile`` is run while the other core finishes its share."""
    entries, problems, _ = load_and_then(root, meanwhile=meanwhile)
    return entries, problems


def load_and_then(root: Path, then: Callable[[RawEntry], T] | None = None,
                  meanwhile: Callable[[], object] | None = None) -> tuple[list[RawEntry], list[Problem], list[T]]:
    """``load_entries``, and ``then(entry)`` of every entry read (in this process, in order): applied
    to this core's share while the other core is still reading its own, so the two overlap."""
    entries: list[RawEntry] = []
    results: list = []
    problems: list[Problem] = stray_files(root)
    data_root = (root / "data").resolve()
    _real_dir.cache_clear()  # folders may have moved since the last load (mkdocs serve)

    def read(files: Sequence[tuple[Path, str]], elsewhere: bool) -> list[tuple[RawEntry | None, list[Problem], object]]:
        out = [(*read_entry(root, file, folder, data_root), _LATER) for file, folder in files]
        if elsewhere:  # positions are costly to send back: found again from the file if ever needed
            for entry, _, _ in out:
                if entry is not None:
                    entry.positions = None
        elif then is not None:
            out = [(entry, found, _LATER if entry is None else then(entry)) for entry, found, _ in out]
        return out

    for entry, found, result in split_map(read, entry_files(root), meanwhile=meanwhile):
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
            if then is not None:
                results.append(then(entry) if result is _LATER else result)
    return entries, problems, results


class _LATER:  # "not applied yet" (read by the other core); a class, so it stays itself through pickle
    pass
