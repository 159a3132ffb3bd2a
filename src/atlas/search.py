"""Build-time help for Korean search in a lunr index (mkdocs-material's search).

lunr splits text only at its separator and matches query terms as prefixes
(``세종*``). Korean writes compounds and lists without spaces — 과학기술,
대전·세종·충북·충남 — and the same place goes by several names (충남 /
충청남도 / Chungnam). mkdocs-material helps Chinese by segmenting at build
time; this module does the same job for Korean, without changing the text a
reader sees in the results:

* ``SEPARATOR`` makes ``·`` and other punctuation split words;
* each search document gets a ``keywords`` field holding every inner suffix
  of its Hangul words (과학기술 → 학기술, 기술), so a query for a part of a
  compound prefix-matches one of them, and the other names of every entity
  the document mentions (대덕연구개발특구 → 대덕특구, Daedeok Innopolis);
* the document of an entry's own page gets a ``names`` field (boosted) with
  the entry's names, short names and their suffixes, so the entry's page
  ranks above pages that merely mention it.

The field names must be declared in mkdocs.yml under ``search.fields``.
"""
from __future__ import annotations

import re
from typing import Iterable

from .graph import Atlas
from .models import FOLDERS

#: lunr token separator for the site (mkdocs.yml search.separator uses the same)
SEPARATOR = r"[\s\-·•‧・,.:;!?()\[\]{}/\\\"'“”‘’<>|~]+"
_SPLIT = re.compile(SEPARATOR)
_HANGUL_RUN = re.compile(r"[가-힣]{3,}")
MIN_SUFFIX = 2


def hangul_suffixes(text: str) -> set[str]:
    """Inner suffixes (≥ 2 syllables) of every Hangul run of 3+ syllables."""
    out: set[str] = set()
    for run in _HANGUL_RUN.findall(text):
        for start in range(1, len(run) - MIN_SUFFIX + 1):
            out.add(run[start:])
    return out


def entity_names(entry) -> list[str]:
    names = [entry.name.ko] + ([entry.name.en] if entry.name.en else []) + list(getattr(entry, "short_names", []))
    return list(dict.fromkeys(n for n in names if n))


def alias_groups(atlas: Atlas) -> list[list[str]]:
    """The names of each region, institution and industry, one group per entry."""
    groups = []
    for table in (atlas.regions, atlas.institutions, atlas.industries):
        for slug in sorted(table):
            names = entity_names(table[slug])
            if len(names) > 1:
                groups.append(names)
    return groups


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, written as a trie.

    At each position it matches the longest word that starts there (as an alternation of
    the words sorted longest first would), but the regex engine follows one branch per
    character instead of trying every word in turn: with thousands of names (a national
    atlas) that is the difference between seconds and minutes.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer ones are tried first (greedy), then this one
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)


class _AliasMatcher:
    """Finds which alias groups a text mentions (one regex, a trie of every alias)."""

    def __init__(self, groups: list[list[str]]):
        self.group_of: dict[str, list[int]] = {}
        for index, names in enumerate(groups):
            for name in names:
                key = name.lower()
                if len(key) >= 2:
                    self.group_of.setdefault(key, []).append(index)
        self.groups = groups
        self.pattern = re.compile(trie_pattern(self.group_of)) if self.group_of else None

    def names_in(self, text: str) -> set[str]:
        if self.pattern is None:
            return set()
        found: set[str] = set()
        for match in self.pattern.finditer(text.lower()):
            for index in self.group_of[match.group(0)]:
                found.update(self.groups[index])
        return found


def _tokens(values: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for value in values:
        out.update(t.lower() for t in _SPLIT.split(value) if t)
    return out


def entry_locations(atlas: Atlas, prefix: str = "") -> dict[str, object]:
    """Search-document location of each entry's page → the entry."""
    out: dict[str, object] = {}
    for entry in atlas.all_entries():
        if hasattr(entry, "name"):
            out[f"{prefix}{FOLDERS[entry.type]}/{entry.slug}/"] = entry
    return out


def alias_matcher(atlas: Atlas) -> _AliasMatcher:
    """What ``Enricher`` looks for: every other name of the atlas' entries."""
    return _AliasMatcher(alias_groups(atlas))


class Enricher:
    """Adds the ``keywords`` and ``names`` fields to search documents, one at a time (a build can
    hand its documents over as its pages are written: ``enrich``)."""

    def __init__(self, atlas: Atlas, prefix: str = "", matcher: _AliasMatcher | None = None):
        self.matcher = matcher or alias_matcher(atlas)
        self.pages = entry_locations(atlas, prefix)

    def fields(self, doc: dict) -> tuple[str, str | None]:
        return _fields(doc, self.matcher, self.pages)

    def enrich(self, doc: dict, fields: tuple[str, str | None] | None = None) -> dict:
        keywords, names = fields if fields is not None else self.fields(doc)
        if keywords:
            doc["keywords"] = keywords
        if names is not None:
            doc["names"] = names
        return doc


def index_config(config: dict) -> dict:
    """The index settings the Korean search help needs (in place): its token separator."""
    config["separator"] = SEPARATOR
    return config


def _fields(doc: dict, matcher: _AliasMatcher, pages: dict) -> tuple[str, str | None]:
    """The ``keywords`` and ``names`` of one search document."""
    title, text = doc.get("title", ""), doc.get("text", "")
    plain = re.sub(r"<[^>]+>", " ", f"{title} {text}")
    present = _tokens([plain])
    extra = hangul_suffixes(plain) | _tokens(matcher.names_in(plain))
    keywords = " ".join(sorted(extra - present))
    entry = pages.get(doc.get("location", ""))
    if entry is None:
        return keywords, None
    names = entity_names(entry)
    own = _tokens(names) | hangul_suffixes(" ".join(names))
    return keywords, " ".join(sorted(own))
