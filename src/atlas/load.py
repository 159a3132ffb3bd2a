"""Reading entry files: YAML with the line of every key and list item kept.

The YAML is composed into nodes (which carry their positions) and turned into
plain Python by hand, so that

* every value's line is known, for ``file:line`` messages;
* a key written twice is an error instead of silently keeping the last one;
* dates stay as the ISO text the contributor wrote (``2025-11-20``), so that
  partial dates (``2025-10``) and full ones are handled alike;
* nothing in a file can crash the reading: YAML features plain data never needs (aliases,
  tags, merge keys, deep nesting), numbers too long to be numbers and values the YAML library
  cannot build are reported at their line, like any other problem.

Benign variants are accepted: a UTF-8 byte-order mark at the start is ignored, and the text is
normalised to NFC (decomposed Hangul, as macOS writes it) before it is parsed, so that line
numbers stay right and pages and search see composed text.
"""
from __future__ import annotations

import dataclasses
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence, TypeVar

import yaml

from .fork import split_map
from .models import FOLDERS
from .problems import Problem
from .yaml_depth import LIBRARY_SAFE_DEPTH, depth_bound, first_too_deep

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
#: an entry file's name: its slug (``atlas.models.SLUG_PATTERN``) and .yml or .yaml
ENTRY_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml")
#: a folder inside an entry folder is named like a slug too
FOLDER_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: numbers written with more characters than this are refused (Python refuses to read integers
#: of more than 4,300 digits; YAML's base-60 integers grow with every part)
MAX_NUMBER_CHARS = 100

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
            with open(self.source, "rb") as handle:  # as read_entry read it: line ends untouched
                self.positions = parse_text(self.path, handle.read().decode("utf-8"))[1]
        for end in range(len(loc), -1, -1):
            line = self.positions.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


class Refused:
    """Stands for a value the loader refused and reported (a number too long, a value the YAML
    library could not build): validation says nothing more about it. A class, so that it stays
    itself through pickle (entries read by the other core)."""


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
            return self._scalar(node, loc)
        depth += 1
        if depth > MAX_DEPTH:
            raise _TooDeep
        positions = self.positions
        if kind is yaml.MappingNode:
            out: dict = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if type(key_node) is yaml.ScalarNode and key_node.tag == _STR:
                    key = key_node.value
                elif key_node.tag == _MERGE:
                    self.problems.append(Problem(self.path, line, _dotted(loc),
                                                 "YAML merge keys (<<) are not allowed; write the fields out in full"))
                    continue
                else:
                    key = self._scalar(key_node, loc)
                    if key is Refused:
                        continue
                    if not isinstance(key, str):
                        key = str(key)
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

    def _scalar(self, node: yaml.Node, loc: tuple) -> object:
        if node.tag in _AS_WRITTEN and isinstance(node, yaml.ScalarNode):
            return node.value  # text as it is; dates keep the ISO text as written
        if not isinstance(node, yaml.ScalarNode):
            return None
        if node.tag in _AS_TEXT:
            return node.value  # a plain ``<<`` or ``=`` that is not a key: the text written
        if node.tag in _NUMBERS and len(node.value) > MAX_NUMBER_CHARS:
            return self._refuse(node, loc, f"a number written with {len(node.value)} characters; numbers may have "
                                           f"at most {MAX_NUMBER_CHARS} (quote it if it is text)")
        try:
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, TypeError, OverflowError):
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            return self._refuse(node, loc, f"{_shorten(node.value)!r} is not a valid {shown} value")

    def _refuse(self, node: yaml.Node, loc: tuple, message: str) -> type[Refused]:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, _dotted(loc), message))
        return Refused


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
#: scalars whose value is their text (what SafeConstructor gives for a string; dates kept as written)
_AS_WRITTEN = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})
#: what YAML 1.1 resolves ``<<`` and ``=`` to; the safe loader builds neither
_AS_TEXT = frozenset({_MERGE, "tag:yaml.org,2002:value"})
_NUMBERS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class _TooDeep(Exception):
    """Values nested more than MAX_DEPTH levels (reported by ``_unsafe_structure``)."""


def _dotted(loc: tuple) -> str:
    from .problems import format_field

    return format_field(loc)


def _yaml_problem(path: str, exc: yaml.YAMLError, text: str, in_bytes: bool | None = None) -> Problem:
    """The library's error as a problem at its line. ``in_bytes``: whether a reader error's
    position counts bytes of UTF-8 (libyaml) or characters (PyYAML's own reader)."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow in a file
        offset = exc.position
        if _POSITIONS_IN_BYTES if in_bytes is None else in_bytes:
            offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return Problem(path, _yaml_line(text, offset), "-",
                       f"not valid YAML: the character U+{character:04X} is not allowed in a YAML file; remove it "
                       "(or write it as an escape in a quoted text)")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    # the end of a file without a final line break is counted as one line further: the last line
    line = min(mark.line + 1, _yaml_line(text, len(text))) if mark is not None else 1
    message = getattr(exc, "problem", None) or str(exc)
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark.line + 1 != line:
        # e.g. "did not find expected ',' or '}' (while parsing a flow mapping that starts on line 3)"
        message += f" ({context} that starts on line {context_mark.line + 1})"
    elif context:
        message += f" ({context})"
    return Problem(path, line, "-", f"not valid YAML: {message}")


#: what YAML counts as line breaks; git, GitHub and most editors count line feeds only
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OTHER_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _yaml_line(text: str, offset: int) -> int:
    """The line of ``offset`` as YAML counts lines."""
    return len(_YAML_BREAK.findall(text, 0, offset)) + 1


def _line_feed_lines(text: str) -> list[int]:
    """For each line as YAML counts them (index 1, 2, …), its number counted in line feeds."""
    lines, number = [1, 1], 1
    for match in _YAML_BREAK.finditer(text):
        number += match.group().endswith("\n")
        lines.append(number)
    return lines


#: libyaml counts a reader error's position in bytes of UTF-8; PyYAML's own reader in characters
_POSITIONS_IN_BYTES = _BaseLoader is not yaml.SafeLoader


def normalise_text(text: str) -> str:
    """The text of an entry file as it is parsed: without a byte-order mark (Windows editors
    write one) and in NFC (macOS writes Hangul decomposed). Neither changes a line number."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def parse_text(path: str, text: str) -> tuple[object, Positions, list[Problem]]:
    """Parse one file's text; returns (data, positions, problems), with lines as editors and GitHub
    count them (a lone CR, NEL or U+2028 is a line break to YAML, not to them)."""
    text = normalise_text(text)
    data, positions, problems = _parse(path, text)
    if _OTHER_BREAK.search(text):
        lines = _line_feed_lines(text)
        last = len(lines) - 1

        def line(number: int) -> int:
            return lines[min(number, last)]

        positions = {loc: line(number) for loc, number in positions.items()}
        problems = [dataclasses.replace(p, line=line(p.line), message=_CONTEXT_LINE.sub(
            lambda m: f"{m.group(1)}{line(int(m.group(2)))})", p.message)) for p in problems]
    return data, positions, problems


#: the line a YAML error's context starts on, in its message (``_yaml_problem``)
_CONTEXT_LINE = re.compile(r"^(not valid YAML: .* that starts on line )(\d+)\)$")


def _parse(path: str, text: str) -> tuple[object, Positions, list[Problem]]:
    problems: list[Problem] = []
    tab_line = _first_tab_indent(text)
    if tab_line:
        return None, {}, [Problem(path, tab_line, "-", "a tab character is used for indentation; indent with spaces")]
    if depth_bound(text) >= LIBRARY_SAFE_DEPTH:  # our limit applies before any YAML library's own
        try:
            deep_line = first_too_deep(text, MAX_DEPTH)
        except yaml.YAMLError as exc:
            return None, {}, [_yaml_problem(path, exc, text, in_bytes=False)]
        if deep_line is not None:
            return None, {}, [Problem(path, deep_line, "-", f"values are nested more than {MAX_DEPTH} levels deep")]
    if "&" in text or "*" in text or "!" in text:  # could hold an anchor, an alias or a tag
        unsafe = _unsafe_structure(path, text)
        if unsafe:
            return None, {}, [unsafe]
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        return None, {}, [_yaml_problem(path, exc, text)]
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


def _unsafe_structure(path: str, text: str) -> Problem | None:
    """Refuse YAML that plain data never needs and that could stall the loader: aliases (``*a``,
    the "billion laughs" blow-up), tags (``!!python/object``) and nesting past ``MAX_DEPTH``.
    Read as a stream of events, so nothing is built first. (Texts that could nest deeper than
    a YAML library allows never get here: ``atlas.yaml_depth``.)"""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                return Problem(path, line, "-", f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full")
            tag = getattr(event, "tag", None)
            if tag not in _PLAIN_TAGS:
                shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
                return Problem(path, line, "-", f"the YAML tag {_shorten(shown)} is not allowed; write plain values")
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
    found = re.search(r"^ *\t", text, re.M)
    return _yaml_line(text, found.start()) if found else 0


def read_entry(root: Path, file: Path, folder: str) -> tuple[RawEntry | None, list[Problem]]:
    """Read and parse one entry file (found by ``scan_data``: a regular file, not a link)."""
    # plain strings and os.path: pathlib's objects cost more than reading a small file
    path, base = os.fspath(file), os.fspath(root).rstrip(os.sep)
    if path.startswith(base + os.sep):
        rel = path[len(base) + 1:].replace(os.sep, "/")
    else:
        rel = Path(file).relative_to(root).as_posix()
    try:  # a link put in place after the folder was read is not followed either; nor is a pipe waited on
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING)
    except OSError as exc:
        if os.path.islink(path):
            return None, [Problem(rel, 1, "-", SYMLINK_FILE)]
        return None, [Problem(rel, 1, "-", f"cannot read file: {exc.strerror}")]
    with open(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(rel, 1, "-", NOT_A_FILE)]
        if info.st_size > MAX_FILE_BYTES:
            return None, [Problem(rel, 1, "-", f"file is {info.st_size} bytes; an entry may be at most {MAX_FILE_BYTES} bytes")]
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # grew while it was read
        return None, [Problem(rel, 1, "-", f"file is over {MAX_FILE_BYTES} bytes; an entry may be at most {MAX_FILE_BYTES} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "-", "file is not UTF-8 text; save it as UTF-8")]
    data, positions, problems = parse_text(rel, text)
    if data is None or not isinstance(data, dict):
        return None, problems
    return RawEntry(rel, folder, data, positions, path), problems


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
SYMLINK_FILE = "file is a symbolic link; links are not followed: put the entry itself in data/"
SYMLINK_FOLDER = "folder is a symbolic link; links are not followed: put the entries themselves in data/"
NOT_A_FILE = "not a regular file; an entry is a .yml file"


def scan_data(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Every entry file under data/<folder>/ (sorted, so that runs are repeatable), and a problem
    for everything else found there: files no loader reads, names that are not slugs, symbolic
    links (files or folders, wherever they point: never followed, so a loop cannot hang the walk)
    and other special files."""
    data = root / "data"
    if os.path.islink(data):
        return [], [Problem("data", 1, "-", SYMLINK_FOLDER)]
    if not data.is_dir():
        return [], [Problem("data", 1, "-", "no data/ folder found")]
    known = set(FOLDERS.values())
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for entry in _sorted_entries(os.fspath(data)):
        rel = f"data/{entry.name}"
        if entry.is_symlink():
            problems.append(Problem(rel, 1, "-", _link_message(entry)))
        elif entry.is_dir(follow_symlinks=False):
            if entry.name in known:
                _scan_folder(entry.path, rel, entry.name, found, problems)
            elif not entry.name.startswith("."):
                problems.extend(_stray_folder(entry.path, rel, known))
        elif entry.name.startswith(".") or entry.name.lower() == "readme.md":
            continue
        elif entry.name.endswith(ENTRY_SUFFIXES):
            problems.append(Problem(rel, 1, "-", f"entry files belong in one of the folders data/{{{','.join(sorted(known))}}}/"))
    return found, problems


def _scan_folder(path: str, rel: str, folder: str, found: list, problems: list) -> None:
    """The entry files in ``path`` (data/<folder>/ or a folder inside it), recursively."""
    for entry in _sorted_entries(path):
        name = entry.name
        rel_file = f"{rel}/{name}"
        if entry.is_symlink():
            problems.append(Problem(rel_file, 1, "-", _link_message(entry)))
        elif entry.is_dir(follow_symlinks=False):
            if name.startswith("."):
                continue
            if FOLDER_NAME.fullmatch(name):
                _scan_folder(entry.path, rel_file, folder, found, problems)
            else:
                problems.append(Problem(rel_file, 1, "-", f"folder name {name!r} is not a slug: use lower-case "
                                                          "ASCII letters, digits and single hyphens"))
        elif name.startswith(".") or name.lower() == "readme.md":
            continue
        elif not entry.is_file(follow_symlinks=False):
            problems.append(Problem(rel_file, 1, "-", NOT_A_FILE))
        elif ENTRY_NAME.fullmatch(name):
            found.append((entry.path, folder))  # a string: 15,000 Path objects cost a fifth of a second
        elif name.endswith(ENTRY_SUFFIXES):
            problems.append(Problem(rel_file, 1, "-", f"file name {name!r} is not a slug: name an entry file after its "
                                                      "slug (lower-case ASCII letters, digits and single hyphens), "
                                                      "then .yml"))
        else:
            problems.append(Problem(rel_file, 1, "-", "not an entry file: entries end in .yml"))


def _stray_folder(path: str, rel: str, known: set[str]) -> list[Problem]:
    """Every file of a folder of data/ that is not an entry folder (links are not followed)."""
    message = f"unknown folder {rel}/; entry folders are {', '.join(sorted(known))}"
    problems = []
    for entry in _sorted_entries(path):
        name = entry.name
        if name.startswith(".") or name.lower() == "readme.md":
            continue
        if entry.is_symlink():
            problems.append(Problem(f"{rel}/{name}", 1, "-", _link_message(entry)))
        elif entry.is_dir(follow_symlinks=False):
            problems.extend(_stray_folder(entry.path, f"{rel}/{name}", known))
        else:
            problems.append(Problem(f"{rel}/{name}", 1, "-", message))
    return problems


def _link_message(entry: os.DirEntry) -> str:
    """What to say of a symbolic link (``os.path.isdir`` is False for a loop or a dangling link)."""
    return SYMLINK_FOLDER if os.path.isdir(entry.path) else SYMLINK_FILE


def _sorted_entries(path: str) -> list[os.DirEntry]:
    try:
        with os.scandir(path) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError:
        return []


def entry_files(root: Path) -> list[tuple[Path, str]]:
    """Every entry file under data/<folder>/, sorted so that runs are repeatable."""
    return [(Path(path), folder) for path, folder in scan_data(root)[0]]


def stray_files(root: Path) -> list[Problem]:
    """Everything under data/ that is not an entry file where it belongs."""
    return scan_data(root)[1]


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
    files, problems = scan_data(root)
    for entry, found, result in read_files(root, files, then, meanwhile):
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
            if then is not None:
                results.append(result)
    return entries, problems, results


def read_files(root: Path, files: Sequence[tuple[Path, str]], then: Callable[[RawEntry], T] | None = None,
               meanwhile: Callable[[], object] | None = None) -> list[tuple[RawEntry | None, list[Problem], T | None]]:
    """(entry or None, problems, ``then(entry)``) of each file, in order (a long list on two cores,
    ``then`` applied to this core's share while the other core is still reading its own)."""

    def read(files: Sequence[tuple[Path, str]], elsewhere: bool) -> list[tuple[RawEntry | None, list[Problem], object]]:
        out = [(*read_entry(root, file, folder), _LATER) for file, folder in files]
        if elsewhere:  # positions are costly to send back: found again from the file if ever needed
            for entry, _, _ in out:
                if entry is not None:
                    entry.positions = None
        elif then is not None:
            out = [(entry, found, _LATER if entry is None else then(entry)) for entry, found, _ in out]
        return out

    out = []
    for entry, found, result in split_map(read, files, meanwhile=meanwhile):
        if then is not None and entry is not None and result is _LATER:
            result = then(entry)
        out.append((entry, found, None if result is _LATER else result))
    return out


class _LATER:  # "not applied yet" (read by the other core); a class, so it stays itself through pickle
    pass
