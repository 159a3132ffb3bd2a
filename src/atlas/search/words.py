"""Words as the site's search (lunr in mkdocs-material's worker) sees them.

One separator for the index and for queries (``SEPARATOR``: the worker splits both with it), so
that what this module derives at build time meets what a reader types:

* ``·`` and other punctuation split words (대전·세종·충북·충남); ``&`` does not (R&D stays one
  word). Search documents hold HTML-escaped text: ``&lt;`` and ``&gt;`` split as ``<`` and ``>``
  do, and the worker reads ``&amp;`` in a word as ``&`` (``workers/atlas-search.js``), so a word
  is never cut inside an entity — in results (``안산R&amp;D캠퍼스`` highlighted whole) or
  suggestions. ``;`` is therefore no separator (it ends every entity).
* ``compound_parts``: Korean writes compounds without spaces (과학기술원) and mixes scripts
  (LG이노텍, 안산R&D캠퍼스); lunr matches query terms only as prefixes of words, so a word's
  inner parts are added as words of their own (기술원, 이노텍, 캠퍼스).
* ``whole``: a name as one word (lower case, separators left out): the worker joins a query's
  words the same way and asks for that word exactly, marked (``NAME_MARK``) — how the page of the
  entry a query names ranks first.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

#: characters that split words (besides the entities ``&lt;`` / ``&gt;`` of escaped text)
SEPARATOR_CHARS = r"\s\-·•‧・,.:!?()\[\]{}/\\\"'“”‘’<>|~"
#: lunr token separator for the site's search (the same pattern in Python and in the browser)
SEPARATOR = rf"(?:&(?:lt|gt);|[{SEPARATOR_CHARS}])+"
_SPLIT = re.compile(rf"[{SEPARATOR_CHARS}]+")  # SEPARATOR, for text that is not HTML
_TAG = re.compile(r"<[^>]*>")

#: suffix of an entry's own names written whole, in the ``names`` field of its page: ``__`` for
#: its name (Korean and English), ``_`` for its other names (short names, an event's dates).
#: ``_`` is a word character for lunr's trimmer, which keeps it; nobody types it after a name.
NAME_MARK = "__"
OTHER_MARK = "_"

MIN_PART = 2  # characters: a shorter part would match almost every word as a prefix
_HANGUL_RUN = re.compile(r"[가-힣]{3,}")
# a word (one per line) that mixes Hangul with Latin letters, digits or "&" (lg이노텍, 안산r&d캠퍼스)
_MIXED_WORD = re.compile(r"^(?=[^\n]*?(?:[가-힣][0-9a-z&]|[0-9a-z&][가-힣]))[^\n]+", re.M)
_SCRIPT_RUN = re.compile(r"[가-힣]+|[0-9a-z]+")
# lunr's trimmer drops a word's leading characters that are not word characters of Korean or English
_LEADING = re.compile(r"^[^0-9A-Za-z_가-힣]+")


def plain_text(html: str) -> str:
    """The text of a search document's HTML (tags out, mkdocs-material's three entities decoded)."""
    return _TAG.sub(" ", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def words(text: str) -> set[str]:
    """The words of a plain text, in lower case, as the index splits them."""
    return {word for word in _SPLIT.split(text.lower()) if word}


@functools.lru_cache(maxsize=1 << 16)
def _inner_suffixes(run: str) -> tuple[str, ...]:
    return tuple(run[start:] for start in range(1, len(run) - MIN_PART + 1))


def hangul_suffixes(text: str) -> set[str]:
    """Inner suffixes (≥ 2 syllables) of every Hangul run of 3+ syllables (과학기술원 → 학기술원,
    기술원, 술원). Words repeat across pages: each run's suffixes are computed once per process."""
    out: set[str] = set()
    for run in set(_HANGUL_RUN.findall(text)):
        out.update(_inner_suffixes(run))
    return out


def script_parts(lines: str) -> set[str]:
    """The rest of each mixed-script word (lower case, one per line) from each change of script on
    (lg이노텍 → 이노텍; 안산r&d캠퍼스 → r&d캠퍼스, d캠퍼스, 캠퍼스)."""
    out: set[str] = set()
    for word in _MIXED_WORD.findall(lines):
        for run in _SCRIPT_RUN.finditer(word):
            if run.start() and len(word) - run.start() >= MIN_PART:
                out.add(word[run.start():])
    return out


def parts_of(found: Iterable[str]) -> set[str]:
    """Every inner part of some words (lower case) that a reader may type on its own: compound
    parts and mixed-script parts. One pass over the distinct words, not over the text."""
    lines = "\n".join(found)
    return hangul_suffixes(lines) | script_parts(lines)


def compound_parts(text: str) -> set[str]:
    """Every inner part of the words of a plain text that a reader may type on its own."""
    return parts_of(words(text))


def whole(name: str) -> str:
    """A name as one word: lower case, without separators (``LG이노텍 안산R&D캠퍼스`` →
    ``lg이노텍안산r&d캠퍼스``); the worker joins the words of a query the same way."""
    return _LEADING.sub("", "".join(_SPLIT.split(name.lower()))).rstrip("_")


def joined(values: Iterable[str]) -> str:
    return " ".join(sorted(values))
