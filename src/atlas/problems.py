"""Problems found in the entries, reported together as ``file:line: field: message``.

A problem's path, field and message can hold anything a contributor wrote: a file name with a
line break, a key with a colon, a value with a terminal escape. They are kept as they are and
escaped when printed, by one function per output:

* ``escape_text`` for the text output (``file:line: field: message``): control characters,
  line and paragraph separators and bidirectional controls are shown as ``\\n``, ``\\x1b``,
  ``\\u202e``, so that one problem is always one line and reads as what it is; in the path
  and the field a colon is shown as ``\\x3a`` too, so that ``file:line: field:`` is always
  where the first colons are;
* ``escape_github_property`` / ``escape_github_data`` for GitHub Actions workflow commands
  (``::error file=…,line=…::message``), by GitHub's rules (properties: ``%``, CR, LF, ``:``
  and ``,`` as ``%25``, ``%0D``, ``%0A``, ``%3A``, ``%2C``; the message: ``%``, CR, LF), and
  the other characters above as in the text output, so that no file name or message can end
  the command early or start another one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: characters shown escaped in every output: C0 and C1 controls, DEL, the line and paragraph
#: separators, bidirectional controls, lone surrogates and noncharacters U+FFFE/U+FFFF
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_TEXT_OR_COLON = re.compile(f"[{_UNSAFE}:]")
_UNSAFE_GITHUB_PROPERTY = re.compile(f"[{_UNSAFE}%:,]")
_UNSAFE_GITHUB_DATA = re.compile(f"[{_UNSAFE}%]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_GITHUB = {"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"}


def _backslashed(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escape_text(value: str, *, colon: bool = False) -> str:
    """``value`` for the text output, on one line; ``colon=True`` escapes ``:`` too (paths, fields)."""
    pattern = _UNSAFE_TEXT_OR_COLON if colon else _UNSAFE_TEXT
    return pattern.sub(lambda m: _backslashed(m.group()), value)


def escape_github_property(value: str) -> str:
    """``value`` as a property (``file=``) of a GitHub workflow command."""
    return _UNSAFE_GITHUB_PROPERTY.sub(lambda m: _GITHUB.get(m.group()) or _backslashed(m.group()), value)


def escape_github_data(value: str) -> str:
    """``value`` as the message of a GitHub workflow command."""
    return _UNSAFE_GITHUB_DATA.sub(lambda m: _GITHUB.get(m.group()) or _backslashed(m.group()), value)


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, POSIX separators
    line: int  # 1-based (1 when the problem concerns the whole file)
    field: str  # dotted path of the field, e.g. ``participants[2].institution``; "-" for the file
    message: str

    def __str__(self) -> str:
        return (f"{escape_text(self.path, colon=True)}:{self.line}: "
                f"{escape_text(self.field, colon=True)}: {escape_text(self.message)}")

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shown on the PR's lines)."""
        return (f"::error file={escape_github_property(self.path)},line={max(self.line, 1)}::"
                f"{escape_github_data(f'{self.field}: {self.message}')}")


class AtlasError(Exception):
    """Raised when entries have problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found in the atlas entries")
        return "\n".join(lines)


def format_field(loc: tuple) -> str:
    """``('participants', 2, 'institution')`` → ``participants[2].institution``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "-"
