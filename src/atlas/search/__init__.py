"""Build-time help for the site's search (mkdocs-material's lunr index), Korean first.

lunr splits text only at its separator and matches query terms as prefixes of words
(``세종*``). Korean writes compounds and lists without spaces — 과학기술원,
대전·세종·충북·충남 — mixes scripts (LG이노텍 안산R&D캠퍼스), writes dates its own way
(2025년 11월 20일), and the same place goes by several names (충남 / 충청남도 / Chungnam).
mkdocs-material helps Chinese by segmenting at build time; this package does the same job for
Korean, without changing the text a reader sees in the results:

* ``words``: the separator, the words and inner parts of a text, names as one word;
* ``dates``: the keys of the dates a text prints or a query names;
* ``aliases``: entries' names, and the other names of every entity a text mentions;
* ``enrich``: the hidden ``keywords`` and ``names`` fields of each search document.

The browser's half is the site's search worker (``workers/atlas-search.js`` in the theme
overrides): it reads ``&amp;`` inside words, and adds to each query the clauses that rank the
entry a query names (or the events of the date it names) first.
"""
from .aliases import alias_groups, alias_matcher, entity_names, main_names, other_names, trie_pattern
from .dates import MAX_RANGE_DAYS, date_keys, dates_in, span_keys
from .enrich import LEFT_OUT_SECTIONS, TYPE_BOOST, Enricher, entry_locations, index_config, indexed, own_names
from .words import (NAME_MARK, OTHER_MARK, SEPARATOR, SEPARATOR_CHARS, compound_parts, hangul_suffixes, parts_of,
                    plain_text, whole, words)

__all__ = [
    "LEFT_OUT_SECTIONS", "MAX_RANGE_DAYS", "NAME_MARK", "OTHER_MARK", "SEPARATOR", "SEPARATOR_CHARS", "TYPE_BOOST",
    "Enricher", "alias_groups", "alias_matcher", "compound_parts", "date_keys", "dates_in", "entity_names",
    "entry_locations", "hangul_suffixes", "index_config", "indexed", "main_names", "other_names", "own_names",
    "parts_of", "plain_text", "span_keys", "trie_pattern", "whole", "words",
]
