"""Entries' names, and the other names of every entry a text mentions.

The same place or body goes by several names (충남 / 충청남도 / Chungnam; 대덕특구 /
대덕연구개발특구): a search document that mentions one of them gets the others as hidden
keywords, so that any of them finds it.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..graph import Atlas


def main_names(entry) -> list[str]:
    """What an entry is called: its Korean and English name (a source: its title)."""
    text = getattr(entry, "name", None) or getattr(entry, "title", None)
    if text is None:
        return []
    return list(dict.fromkeys(n for n in (text.ko, text.en) if n))


def other_names(entry) -> list[str]:
    """Its short and other names (``short_names``), those that are not a main name."""
    main = set(main_names(entry))
    return list(dict.fromkeys(n for n in getattr(entry, "short_names", []) if n and n not in main))


def entity_names(entry) -> list[str]:
    return main_names(entry) + other_names(entry)


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


class AliasMatcher:
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


def alias_matcher(atlas: Atlas) -> AliasMatcher:
    """What ``Enricher`` looks for: every other name of the atlas' entries."""
    return AliasMatcher(alias_groups(atlas))
