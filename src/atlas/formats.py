"""One way to write contributor values into each output format.

Every value that comes from an entry reaches a file of the site through one of these functions, one
per format, so that what each format forbids is handled in one place:

* **JSON** (``json_text``/``json_bytes``): strict RFC 8259 JSON. ``NaN`` and ``Infinity`` are not
  JSON (Python writes them unless told not to); here they raise ``ValueError`` instead of producing
  a download that JSON readers reject. Keys are sorted, so the same data gives the same bytes.
* **JSON inside HTML** (``json_in_html``): the same JSON, with ``<``, ``>``, ``&``, ``'`` and the
  JavaScript line separators written as ``\\u`` escapes, so that a ``</script>`` or ``<!--`` in a
  name can never end a ``<script type="application/json">`` / ``application/ld+json`` element or
  start markup (the JSON value read back is the same).
* **CSV** (``csv_cell``): spreadsheet formulas neutralised (OWASP, "CSV injection"): a text cell
  starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — or their full-width forms,
  which spreadsheets on East-Asian systems also treat as formulas — gets a leading apostrophe, which
  Excel and LibreOffice show as text and do not evaluate. Numbers are written by ``number`` and stay
  numbers.
* **XML** (``xml_text``): XML 1.0 cannot hold most C0 control characters, lone surrogates, U+FFFE or
  U+FFFF at all (not even escaped): the validator refuses them in entries, and this function replaces
  any that still arrive by U+FFFD, so a feed stays well-formed whatever its input. Markup characters
  are escaped by the XML writer (ElementTree) itself.
"""
from __future__ import annotations

import json
import re

# -- JSON ---------------------------------------------------------------------------------------


def json_text(value: object, *, indent: int | None = None) -> str:
    """Strict JSON: sorted keys; compact unless ``indent``; ``ValueError`` for NaN or infinity."""
    if indent is None:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent, allow_nan=False)


def json_bytes(value: object, *, indent: int | None = None) -> bytes:
    """``json_text`` as a UTF-8 file ending in a newline."""
    return (json_text(value, indent=indent) + "\n").encode("utf-8")


_HTML_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
                "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HTML_UNSAFE_RE = re.compile("[<>&'\u2028\u2029]")


def json_in_html(value: object) -> str:
    """Compact strict JSON that cannot close the ``<script>`` element it sits in or start markup."""
    text = json_text(value)
    return _HTML_UNSAFE_RE.sub(lambda m: _HTML_UNSAFE[m.group()], text)


# -- CSV ----------------------------------------------------------------------------------------

#: what makes a spreadsheet read a cell as a formula (OWASP), with the full-width forms
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: formula starts get a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# -- XML ----------------------------------------------------------------------------------------

#: characters XML 1.0 cannot hold (outside its Char production), escaped or not
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: forbidden characters become U+FFFD (markup is escaped by the writer)."""
    return XML_FORBIDDEN.sub("\ufffd", text)
