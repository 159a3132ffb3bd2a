"""How deeply a YAML text nests, found before a YAML library builds anything from it.

Entries are plain data, a few levels deep; the atlas refuses more than ``atlas.load.MAX_DEPTH``
levels with its own message and line. YAML libraries have limits of their own (libyaml, and so
PyYAML 6.0.4's C loader, stops at 1,000 levels with "exceeded maximum nesting depth" — even
when asked only for the first events, since its scanner reads ahead); the C composer of older
versions crashes somewhere beyond 20,000. So that the atlas's limit is always the one that
applies, whatever the library version:

* ``depth_bound(text)`` is a cheap upper bound (a count of characters, no parsing): at most
  every ``[`` and ``{``, plus twice the widest run of indentation and block indicators at the
  start of a line. A text under ``LIBRARY_SAFE_DEPTH`` cannot come near any library's limit.
* ``first_too_deep(text, limit)`` reads the rest token by token with PyYAML's pure-Python
  scanner, counting the levels itself as each one opens, and stops at the first level past
  ``limit`` — long before a library limit (the scanner's look-ahead included) could be reached.
"""
from __future__ import annotations

import re

import yaml
from yaml.reader import Reader
from yaml.scanner import Scanner

#: a text whose ``depth_bound`` is below this is left to the YAML library (every entry written
#: so far is far below: at most 57 in a synthetic national atlas of 15,000 entries, 28 in data/)
LIBRARY_SAFE_DEPTH = 100

_BLOCK_PREFIX = re.compile(r"^[ \t?:-]*", re.M)


def depth_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text`` (a nested block collection starts further
    right, or at most every other level at the same column; a flow collection needs a bracket)."""
    widest = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    return text.count("[") + text.count("{") + 2 * (widest + 2)


class TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _CountingScanner(Reader, Scanner):
    """PyYAML's pure-Python scanner, raising ``TooDeep`` when a collection would open past
    ``limit`` levels: block collections (the scanner's indentation stack) plus flow ones."""

    def __init__(self, text: str, limit: int):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        self.limit = limit

    def _opening(self) -> None:
        if len(self.indents) + self.flow_level + 1 > self.limit:
            raise TooDeep(self.get_mark().line + 1)

    def fetch_flow_collection_start(self, TokenClass) -> None:
        self._opening()
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column: int) -> bool:
        if self.indent < column:
            self._opening()
        return super().add_indent(column)


def first_too_deep(text: str, limit: int) -> int | None:
    """The line where ``text`` first nests more than ``limit`` collections deep (counted as the
    scanner sees them: a mapping's sequence written without indentation is not counted, so a
    text that passes is still at most about twice ``limit`` deep), or None.
    ``yaml.YAMLError`` if the text is not YAML."""
    scanner = _CountingScanner(text, limit)
    try:
        while scanner.check_token():
            scanner.get_token()
    except TooDeep as exc:
        return exc.line
    return None
