"""The characters contributor text may hold: one rule for every text value of the atlas.

``check_text(value)`` is applied to every text value of an entry (``atlas.models``) and is
meant for any other contributor text read after YAML decoding (front matter of pages): it
returns the text normalised to NFC (decomposed Hangul, as macOS writes it, becomes composed)
and raises ``ValueError`` with a message naming the first character that is not allowed:

* characters XML 1.0 forbids, which would make the Atom feeds and sitemaps invalid: C0 control
  characters other than tab, line feed and carriage return; lone surrogates (half of a
  character, which YAML escapes such as ``"\\ud800"`` can write); the noncharacters U+FFFE and
  U+FFFF and the other 64 noncharacters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF);
* DEL and the C1 control characters (U+007F–U+009F): invisible, and terminal commands when a
  log prints them;
* the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069),
  which make text display in another order than it is read ("Trojan source" spoofing).

Every character refused is one Python does not count as printable, so most text (printable from
end to end) is passed by ``str.isprintable``; the rest is searched with one compiled pattern.
"""
from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
#: every character ``check_text`` refuses
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff" + _BIDI_CONTROLS + _NONCHARACTERS + "]")


def character_name(char: str) -> str:
    """``U+202E`` and what kind of character it is, for messages."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "a control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "half of a character (a lone surrogate)"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a bidirectional control, which can make text read in another order than it shows"
    else:
        kind = "a noncharacter"
    return f"U+{code:04X} ({kind})"


def check_text(value: str) -> str:
    """``value`` in NFC; ``ValueError`` if it holds a character that is not allowed."""
    found = None if value.isprintable() else FORBIDDEN.search(value)
    if found is not None:
        raise ValueError(f"text contains {character_name(found.group())} at character {found.start() + 1}; "
                         "remove it")
    if not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value
