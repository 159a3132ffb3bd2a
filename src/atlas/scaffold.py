"""``atlas new <type> <slug>``: a new entry file with every field explained.

The file is written from the entry's model (``atlas.models``), so it always
lists exactly the fields the validator accepts, each with its description as a
comment. Required values are left blank: until they are filled in,
``atlas validate`` names each one (``file:line: field: …``). Optional fields
are either blank where blank is allowed, ``[]`` for lists, or commented out
with an example to un-comment.

The first line points editors at the type's JSON Schema (``atlas.schema``), so
VS Code's YAML extension completes and checks the file while it is typed.
"""
from __future__ import annotations

import re
import types
import typing
from pathlib import Path

from pydantic.fields import FieldInfo

from .models import ENTRY_MODELS, FOLDERS, SLUG_PATTERN, Model
from .schema import schema_path

TYPE_NAMES_KO = {
    "source": "출처", "region": "지역", "institution": "기관",
    "event": "사건·행사", "programme": "전략·계획", "industry": "산업",
}
_WIDTH = 100
#: printed above the fields that hold official administrative codes: where to find them
CODE_HINT = ("코드 찾기 · find codes: atlas codes 이름/name (예 e.g. atlas codes 유성), "
             "atlas codes --at 위도,경도 (LAT,LON) — 오늘의 코드 today's codes")


class ScaffoldError(Exception):
    """The entry cannot be created (bad slug, slug taken, unknown type)."""


def scaffold(entry_type: str, slug: str) -> str:
    """The text of a new entry file of ``entry_type`` named ``slug``."""
    if entry_type not in ENTRY_MODELS:
        raise ScaffoldError(f"{entry_type!r} is not an entry type; use one of {', '.join(sorted(ENTRY_MODELS))}")
    if not re.match(SLUG_PATTERN, slug) or len(slug) > 80:
        raise ScaffoldError(f"{slug!r} is not a slug: use lower-case ASCII letters, digits and single hyphens")
    model = ENTRY_MODELS[entry_type]
    lines = [
        f"# yaml-language-server: $schema=../../{schema_path(entry_type)}",
        f"# {TYPE_NAMES_KO[entry_type]} · {entry_type}: {_doc(model)}",
        "#",
        "# 빈 값(필수)을 모두 채우고, 쓰지 않는 선택 항목은 지우세요. 주석(# …)은 지워도 됩니다.",
        "# Fill in every blank (required) value; delete the optional fields you do not use.",
        "# Optional fields shown as comments: remove the '# ' to use them.",
        f"# Check: atlas validate · Guide: CONTRIBUTING.md · Fields: {schema_path(entry_type)}",
        "",
    ]
    lines += _fields(model, indent="", values={"slug": slug, "type": entry_type})
    return "\n".join(lines).rstrip("\n") + "\n"


def create(root: Path | str, entry_type: str, slug: str) -> Path:
    """Write ``data/<folder>/<slug>.yml`` under ``root``; refuses to overwrite or reuse a slug."""
    root = Path(root)
    text = scaffold(entry_type, slug)
    for other_folder in sorted(set(FOLDERS.values())):
        for suffix in (".yml", ".yaml"):
            existing = root / "data" / other_folder / f"{slug}{suffix}"
            if existing.exists():
                raise ScaffoldError(f"slug {slug!r} is already used by {existing.relative_to(root).as_posix()}; "
                                    "slugs must be unique across all entries")
    path = root / "data" / FOLDERS[entry_type] / f"{slug}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- walking a model ---------------------------------------------------------

def _doc(model: type[Model]) -> str:
    return " ".join((model.__doc__ or model.__name__).split())


def _optional_inner(annotation: object) -> tuple[object, bool]:
    """``Optional[X]`` → (X, True); anything else → (it, False)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def _strip_annotated(annotation: object) -> object:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Model)


def _list_item(annotation: object) -> object | None:
    if typing.get_origin(annotation) is list:
        return _strip_annotated(typing.get_args(annotation)[0])
    return None


def _choices(annotation: object) -> list[str] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return None


def _comment(indent: str, text: str) -> list[str]:
    """``text`` as comment lines of at most ~_WIDTH characters."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(indent) + 2 + len(line) + 1 + len(word) > _WIDTH:
            out.append(f"{indent}# {line}")
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(f"{indent}# {line}")
    return out


def _example_scalar(info: FieldInfo, annotation: object) -> str:
    if info.examples:
        return _yaml_scalar(info.examples[0])
    choices = _choices(annotation)
    if info.default not in (None, ...) and not isinstance(info.default, (list, dict)) and \
            type(info.default).__name__ != "PydanticUndefinedType":
        return _yaml_scalar(info.default)
    if choices:
        return choices[0]
    return "…"


def _yaml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value):
        return f'"{value}"'  # a year alone would be read as a number
    return str(value)


def _fields(model: type[Model], indent: str, values: dict[str, str] | None = None,
            commented: bool = False) -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        out += _field(name, info, indent, (values or {}).get(name), commented)
    return out


def _field(name: str, info: FieldInfo, indent: str, value: str | None, commented: bool) -> list[str]:
    inner, nullable = _optional_inner(info.annotation)
    inner = _strip_annotated(inner)
    required = info.is_required()
    item = _list_item(inner)
    choices = _choices(inner)
    note = ["[필수 required]" if required else "[선택 optional]", info.description or name]
    if choices and value is None:
        note.append("— one of: " + ", ".join(choices))
    out = _comment(indent, " ".join(note))
    if name == "admin_codes" or (name == "sigungu" and item is None):  # location.sigungu, not the list in admin_codes
        out += _comment(indent, CODE_HINT)
    # commented-out fields: the whole subtree stays a comment, with examples
    if commented or (not required and not nullable and (item is not None and _is_model(item))) \
            or (not required and nullable and _is_model(inner)):
        return out + _commented_example(name, info, inner, item, indent)
    if value is not None:
        return out + [f"{indent}{name}: {value}"]
    if _is_model(inner):
        return out + [f"{indent}{name}:"] + _fields(inner, indent + "  ")
    if item is not None:
        if required:  # a list that needs at least one item: one blank item to fill in
            return out + [f"{indent}{name}:", f"{indent}  -"]
        return out + [f"{indent}{name}: []"]
    if required or nullable:
        return out + [f"{indent}{name}:"]
    # optional with a default (e.g. language: ko): shown as a comment with its default
    return out + [f"{indent}# {name}: {_example_scalar(info, inner)}"]


def _commented_example(name: str, info: FieldInfo, inner: object, item: object | None, indent: str) -> list[str]:
    """An optional list of items or an optional group, commented out, each sub-field explained."""
    sub = item if item is not None else inner
    lines = [f"{indent}# {name}:"]
    if item is not None:
        first = True
        for sub_name, sub_info in sub.model_fields.items():
            example = _sub_example(sub_name, sub_info)
            prefix = "- " if first else "  "
            lines.append(f"{indent}#   {prefix}{sub_name}: {example}".rstrip() + _trailing(sub_info))
            first = False
    else:
        for sub_name, sub_info in sub.model_fields.items():
            lines.append(f"{indent}#   {sub_name}: {_sub_example(sub_name, sub_info)}".rstrip() + _trailing(sub_info))
    return lines


def _sub_example(name: str, info: FieldInfo) -> str:
    inner, _ = _optional_inner(info.annotation)
    inner = _strip_annotated(inner)
    if _is_model(inner):
        return "{" + ", ".join(f"{k}: …" for k, v in inner.model_fields.items() if v.is_required()) + "}"
    if _list_item(inner) is not None:
        item = _list_item(inner)
        if _is_model(item):
            return "[]"
        return _yaml_scalar(info.examples[0]) if info.examples else "[]"
    return _example_scalar(info, inner)


def _trailing(info: FieldInfo) -> str:
    inner, _ = _optional_inner(info.annotation)
    choices = _choices(_strip_annotated(inner))
    text = info.description or ""
    text = re.sub(r"\s*\([^()]*[가-힣][^()]*\)\s*$", "", text)  # the Korean gloss; the full text is in the schema
    if choices:
        text += " — one of: " + ", ".join(choices)
    tag = "" if info.is_required() else " (optional)"
    return f"   # {text}{tag}" if text else ""
