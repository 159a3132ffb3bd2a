"""Linking validated entries into one ``Atlas``: resolve references, derive backlinks.

Problems found here need several files to see: a slug used twice, a
reference to an entry that does not exist (or is of the wrong type), a
region that contains itself, an event that is part of itself.
"""
from __future__ import annotations

import gc
import typing
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .geo.check import check_locations
from .content import check_content
from .graph import Atlas
from .load import RawEntry, load_and_then
from .models import FOLDERS, Event, Industry, Institution, Model, Programme, Region, Source
from .problems import AtlasError, Problem, format_field
from .validate import validate_entry

# Which fields refer to which entry type. ``*`` stands for every item of a list.
# Every field named ``source`` or ``sources`` (at any depth) refers to a source.
REFERENCES: dict[type[Model], list[tuple[tuple, str]]] = {
    Region: [(("parent",), "region"), (("parent_source",), "source"), (("industries", "*"), "industry")],
    Institution: [
        (("parent",), "institution"),
        (("regions", "*"), "region"),
        (("member_of", "*", "of"), "institution"),
    ],
    Event: [
        (("regions", "*"), "region"),
        (("venue",), "institution"),
        (("part_of",), "event"),
        (("participants", "*", "institution"), "institution"),
        (("industries", "*"), "industry"),
        (("programmes", "*"), "programme"),
    ],
    Programme: [
        (("regions", "*"), "region"),
        (("owners", "*"), "institution"),
        (("industries", "*"), "industry"),
        (("projects", "*", "industry"), "industry"),
        (("projects", "*", "regions", "*"), "region"),
        (("targets", "*", "regions", "*"), "region"),
    ],
    Source: [],
    Industry: [],
}


def _walk(value: object, path: tuple, loc: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Yield (loc, value) for every value at ``path`` inside ``value``."""
    if value is None:
        return
    if not path:
        yield loc, value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for i, item in enumerate(value or []):
            yield from _walk(item, rest, loc + (i,))
    else:
        yield from _walk(getattr(value, head, None), rest, loc + (head,))


def _models_in(annotation: object) -> Iterator[type[Model]]:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


@lru_cache(maxsize=None)
def _source_fields(model: type[Model]) -> tuple[str, ...]:
    """The fields of a model that are, or may hold, a source reference (others are never walked)."""
    return tuple(name for name, field in model.model_fields.items()
                 if name in ("source", "sources") or any(_source_fields(m) for m in _models_in(field.annotation)))


def _source_refs(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every ``source``/``sources`` reference anywhere inside a model."""
    if isinstance(value, Model):
        for name in _source_fields(type(value)):
            inner = getattr(value, name)
            if name == "source" and isinstance(inner, str):
                yield loc + (name,), inner
            elif name == "sources" and isinstance(inner, list):
                for i, slug in enumerate(inner):
                    yield loc + (name, i), slug
            else:
                yield from _source_refs(inner, loc + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _source_refs(item, loc + (i,))


def references(entry: Model) -> Iterator[tuple[tuple, str, str]]:
    """(loc, slug, expected type) of every reference an entry makes."""
    for path, target in REFERENCES[type(entry)]:
        for loc, slug in _walk(entry, path):
            yield loc, slug, target
    for loc, slug in _source_refs(entry):
        yield loc, slug, "source"


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


class References:
    """Each entry's references, found once per model object (a preview links the same models again
    after every edit: ``memo`` is kept between calls, for the entries still there)."""

    def __init__(self, memo: dict | None = None):
        self.memo = memo if memo is not None else {}

    def _of(self, entry: Model) -> tuple:
        found = self.memo.get(id(entry))
        if found is None or found[0] is not entry:
            found = self.memo[id(entry)] = (entry, list(references(entry)), sorted({ref for _, ref in _source_refs(entry)}))
        return found

    def of(self, entry: Model) -> list[tuple[tuple, str, str]]:
        """(loc, slug, expected type) of every reference ``entry`` makes."""
        return self._of(entry)[1]

    def cited(self, entry: Model) -> list[str]:
        """The sources ``entry`` cites anywhere (its ``source``/``sources`` fields), sorted."""
        return self._of(entry)[2]

    def keep_only(self, entries) -> None:
        kept = {id(entry) for entry in entries}
        for key in [key for key in self.memo if key not in kept]:
            del self.memo[key]


def build_atlas(entries: list[tuple[RawEntry, Model]],
                invalid: dict[str, str] | None = None,
                unread: frozenset[str] = frozenset(),
                refs: References | None = None) -> tuple[Atlas, list[Problem]]:
    """Link entries. ``invalid`` maps slug → type of files that failed validation, ``unread`` holds
    the types whose whole folder could not be read: references to them are not reported again
    (their own problems already are)."""
    refs = refs or References()
    invalid = invalid or {}
    atlas = Atlas()
    problems: list[Problem] = []
    raw_of: dict[str, RawEntry] = {}
    type_of: dict[str, str] = {}

    duplicated: set[str] = set()
    for raw, entry in entries:
        slug = entry.slug
        if slug in raw_of:
            duplicated.add(slug)
            first = raw_of[slug]
            for here, other in ((raw, first), (first, raw)):
                problems.append(Problem(here.path, here.line_of(("slug",)), "slug",
                                        f"slug {slug!r} is also used by {other.path}:{other.line_of(('slug',))}; slugs must be unique"))
            continue
        raw_of[slug] = raw
        type_of[slug] = entry.type
        atlas.table(entry.type)[slug] = entry
        atlas.paths[slug] = raw.path

    # old slugs kept as redirects must not shadow a live entry or each other
    redirected: dict[str, str] = {}
    for slug, raw in raw_of.items():
        entry = atlas.get(slug)
        for i, old in enumerate(getattr(entry, "redirect_from", [])):
            loc = ("redirect_from", i)
            if old in type_of:
                problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc),
                                        f"{old!r} is the slug of a live entry ({raw_of[old].path}); a redirect cannot replace it"))
            elif old in redirected:
                problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc),
                                        f"{old!r} already redirects to {redirected[old]!r}"))
            else:
                redirected[old] = slug

    for slug, raw in raw_of.items():
        entry = atlas.get(slug)
        for loc, ref, target in refs.of(entry):
            found = type_of.get(ref)
            if found == target or ref in duplicated or (found is None and (invalid.get(ref) == target or target in unread)):
                continue
            if found is None:
                what = f"no {target} with slug {ref!r}"
                if ref in redirected:
                    what += f" (it was renamed to {redirected[ref]!r})"
            else:
                what = f"{ref!r} is {_a(found)}, not {_a(target)}"
            problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc), what))

    if problems:
        return atlas, problems
    problems.extend(_cycles(atlas, raw_of))
    if not problems:
        derive(atlas, refs)
    return atlas, problems


def _cycles(atlas: Atlas, raw_of: dict[str, RawEntry]) -> list[Problem]:
    """Chains of parents (or of ``part_of``) that come back to where they started. A chain ends at
    an entry that is not in the table: one that failed validation (its problems are reported on
    their own) is followed no further."""
    problems = []
    for table, field in ((atlas.regions, "parent"), (atlas.institutions, "parent"), (atlas.events, "part_of")):
        for slug in sorted(table):
            seen = [slug]
            nxt = getattr(table[slug], field)
            while nxt in table:
                if nxt in seen:
                    chain = " → ".join(seen + [nxt])
                    raw = raw_of[slug]
                    problems.append(Problem(raw.path, raw.line_of((field,)), field, f"goes round in a circle: {chain}"))
                    break
                seen.append(nxt)
                nxt = getattr(table[nxt], field)
    return problems


def derive(atlas: Atlas, refs: References | None = None) -> None:
    """Fill in the reverse links. Every list comes out sorted, so output is repeatable."""
    refs = refs or References()
    for slug, region in atlas.regions.items():
        if region.parent:
            atlas.children[region.parent].append(slug)
        for industry in region.industries:
            atlas.industry_entries[industry].append(slug)
    for slug, inst in atlas.institutions.items():
        for region in inst.regions:
            atlas.region_institutions[region].append(slug)
        for membership in inst.member_of:
            atlas.institution_members[membership.of].append((slug, membership.role))
        if inst.parent:
            atlas.institution_units[inst.parent].append(slug)
    for slug, event in atlas.events.items():
        for region in event.regions:
            atlas.region_events[region].append(slug)
        roles: dict[str, list[str]] = {}
        for participant in event.participants:
            roles.setdefault(participant.institution, []).append(participant.role)
        if event.venue:
            roles.setdefault(event.venue, []).append("venue")
        for inst, inst_roles in roles.items():
            atlas.institution_events[inst].append((slug, tuple(dict.fromkeys(inst_roles))))
        if event.part_of:
            atlas.event_parts[event.part_of].append(slug)
        for programme in event.programmes:
            atlas.programme_events[programme].append(slug)
        for industry in event.industries:
            atlas.industry_entries[industry].append(slug)
    for slug, programme in atlas.programmes.items():
        for region in programme.regions:
            atlas.region_programmes[region].append(slug)
        for owner in programme.owners:
            atlas.institution_programmes[owner].append(slug)
        for industry in dict.fromkeys(programme.industries + [p.industry for p in programme.projects if p.industry]):
            atlas.industry_entries[industry].append(slug)
        # projects and targets that name their regions: (programme, number from 1)
        for number, project in enumerate(programme.projects, start=1):
            for region in project.regions:
                atlas.region_projects[region].append((slug, number))
        for number, target in enumerate(programme.targets, start=1):
            for region in target.regions:
                atlas.region_targets[region].append((slug, number))
    for entry in atlas.all_entries():
        for source in refs.cited(entry):
            atlas.source_citations[source].append(entry.slug)

    date_of = {slug: e.date for slug, e in atlas.events.items()}
    for mapping in (atlas.children, atlas.region_institutions, atlas.region_programmes,
                    atlas.institution_programmes, atlas.institution_units, atlas.industry_entries,
                    atlas.source_citations):
        for key in mapping:
            mapping[key] = sorted(set(mapping[key]))
    for mapping in (atlas.region_events, atlas.event_parts, atlas.programme_events):
        for key in mapping:
            mapping[key] = sorted(set(mapping[key]), key=lambda s: (date_of[s], s))
    for key in atlas.institution_events:
        atlas.institution_events[key] = sorted(atlas.institution_events[key], key=lambda p: (date_of[p[0]], p[0]))
    for mapping in (atlas.institution_members, atlas.region_projects, atlas.region_targets):
        for key in mapping:
            mapping[key] = sorted(set(mapping[key]))


def _prepare_geography() -> None:
    """Read the codes and shapes the geography check needs (while another core reads entries): the
    snapshot's sigungu, and its emd units (areas whose layout changed since, clusters' outlines)."""
    from .geo.admin import admin_layer
    from .geo.boundaries import boundaries

    admin_layer()
    boundaries().level("sigungu").tree
    boundaries().level("emd").tree


@contextmanager
def _collector_paused():
    """Loading makes millions of objects and keeps nearly all of them: the cyclic garbage collector
    would walk them again and again for nothing (measured: 1.7 s of 4.6 s loading 15,000 entries).
    It is paused meanwhile; reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_atlas(root: Path | str) -> Atlas:
    """load → validate → link. Raises ``AtlasError`` with every problem found."""
    with _collector_paused():
        return _load_atlas(Path(root))


def _load_atlas(root: Path) -> Atlas:
    # each entry is validated as soon as it is read (atlas.load.load_and_then: on two cores, this
    # core validates its share while the other is still reading)
    raws, problems, validated = load_and_then(root, validate_entry, meanwhile=_prepare_geography)
    return link_validated(root, raws, problems, validated)


def link_validated(root: Path, raws: list[RawEntry], problems: list[Problem],
                   validated: list[tuple[Model | None, list[Problem]]], geography: dict | None = None,
                   refs: References | None = None) -> Atlas:
    """The rest of ``load_atlas`` once each file is read (``raws``, with the problems of reading) and
    validated: link, check the geography and the hand-written pages. A preview keeps ``geography``
    (the districts of points checked before) and ``refs`` between calls. Raises ``AtlasError`` with
    every problem."""
    problems = list(problems)
    valid: list[tuple[RawEntry, Model]] = []
    invalid: dict[str, str] = {}
    type_of_folder = {folder: entry_type for entry_type, folder in FOLDERS.items()}
    for raw, (entry, found) in zip(raws, validated):
        problems.extend(found)
        if entry is not None:
            valid.append((raw, entry))
        elif isinstance(raw.data.get("slug"), str):
            written = raw.data.get("type")
            invalid[raw.data["slug"]] = written if isinstance(written, str) and written in FOLDERS else type_of_folder[raw.folder]
    # a file that could not be read at all is known by its name (= its slug)
    for problem in problems:
        parts = Path(problem.path).parts
        if len(parts) == 3 and parts[0] == "data" and parts[1] in type_of_folder:
            invalid.setdefault(Path(parts[2]).stem, type_of_folder[parts[1]])
    # an entry folder that could not be read (a symbolic link): none of its entries is known
    unread = frozenset(type_of_folder[p.path[len("data/"):]] for p in problems
                       if p.path.startswith("data/") and p.path[len("data/"):] in type_of_folder)
    atlas, found = build_atlas(valid, invalid, unread, refs)
    problems.extend(found)
    # geography: coordinates against official boundaries (also derives each institution's district)
    problems.extend(check_locations(atlas, {raw.path: raw for raw, _ in valid}, geography))
    # hand-written pages under content/: no active HTML, named after their entries
    problems.extend(check_content(root))
    if problems:
        raise AtlasError(problems)
    return atlas
