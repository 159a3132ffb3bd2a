"""Checking each entry file against its model, one file at a time.

Checks that need more than one file (references, duplicate slugs) belong to
``atlas.link``.
"""
from __future__ import annotations

from pydantic import ValidationError

from .load import RawEntry, Refused
from .models import ENTRY_MODELS, FOLDERS, Model
from .problems import Problem, format_field

_TYPES = ", ".join(sorted(ENTRY_MODELS))


def _message(error: dict, model: type[Model]) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        return f"unknown field{hint}"
    if kind == "literal_error":
        if error["input"] is None:  # e.g. a blank left by `atlas new`
            return f"no value given; expected {error['ctx']['expected']}"
        return f"{_shown(error['input'])} is not allowed; expected {error['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        if "a-z0-9" in pattern:
            return f"{_shown(error['input'])} is not a slug: use lower-case ASCII letters, digits and single hyphens"
        if "[0-9]{4}" in pattern:
            return f"{_shown(error['input'])} is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY)"
        if "https?" in pattern:
            return f"{_shown(error['input'])} is not an http(s) URL"
        if pattern.startswith("^[0-9]{"):
            return f"{_shown(error['input'])} is not an administrative code of the right length"
        return f"{_shown(error['input'])} does not match {pattern}"
    if error.get("input", 0) is None and kind in _BLANK:  # a key with no value, e.g. left blank by `atlas new`
        names = [part for part in loc if isinstance(part, str)]
        if kind == "string_type" and names and names[-1] in _SLUG_FIELDS:
            return "no value given; write the slug of an entry"
        return f"no value given; write {_BLANK[kind]}"
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    if kind in _SHOW_INPUT:
        message = f"{message} (got {_describe(error['input'])})"
    return message[0].lower() + message[1:] if message else kind


_SHOW_INPUT = frozenset({
    "string_type", "float_parsing", "int_parsing", "list_type", "dict_type", "model_type", "bool_parsing",
    "float_type", "int_type", "bool_type", "finite_number", "greater_than_equal", "less_than_equal",
    "int_from_float",
})

_BLANK = {
    "string_type": "the text", "float_type": "a number", "int_type": "a whole number", "bool_type": "true or false",
    "list_type": "a list", "dict_type": "its fields", "model_type": "its fields",
}


_SLUG_FIELDS = {"slug", "source", "sources", "regions", "industries", "industry", "parent", "parent_source", "venue",
                "part_of", "owners", "programmes", "institution", "of", "redirect_from"}


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 30:
        return f"int of {len(str(abs(value)))} digits"
    return f"{type(value).__name__} {_shown(value)}"


def _shown(value: object, limit: int = 120) -> str:
    """``repr(value)``, cut short: a value can be as long as the file."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit - 1] + "…"


def _allowed_fields(model: type[Model], loc: tuple) -> list[str]:
    """The field names of the (sub)model at ``loc``, for 'unknown field' hints."""
    import typing

    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        current = _model_in(annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []


def _model_in(annotation: object) -> object:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def validate_entry(raw: RawEntry) -> tuple[Model | None, list[Problem]]:
    data = raw.data
    assert isinstance(data, dict)
    entry_type = data.get("type")
    if entry_type is Refused:
        return None, []  # the loader said what is wrong with it
    if not isinstance(entry_type, str) or entry_type not in ENTRY_MODELS:
        line = raw.line_of(("type",))
        what = "is missing" if entry_type is None else f"{entry_type!r} is not an entry type"
        return None, [Problem(raw.path, line, "type", f"{what}; use one of {_TYPES}")]
    problems: list[Problem] = []
    expected_folder = FOLDERS[entry_type]
    if raw.folder != expected_folder:
        article = "an" if entry_type[0] in "aeiou" else "a"
        problems.append(Problem(raw.path, raw.line_of(("type",)), "type",
                                f"{article} {entry_type} entry belongs in data/{expected_folder}/, not data/{raw.folder}/"))
    model = ENTRY_MODELS[entry_type]
    try:
        entry = model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            if error.get("input") is Refused and error["type"] != "extra_forbidden":
                continue  # reported by the loader
            loc = tuple(error["loc"])
            problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc), _message(error, model)))
        return None, problems
    name = raw.path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name  # as PurePosixPath(raw.path).stem
    if stem != entry.slug:
        problems.append(Problem(raw.path, raw.line_of(("slug",)), "slug",
                                f"slug {entry.slug!r} differs from the file name; name the file {entry.slug}.yml"))
    return (entry if not problems else None), problems
