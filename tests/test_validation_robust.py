"""Hostile and careless entries never crash a check or corrupt an output (issue 11, the data side).

Each case writes files into a copy of tests/fixtures/minimal and states the exact lines
`atlas validate` must print: every problem as `file:line: field: message`, exit 1, no traceback.
"""
from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import run_atlas

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
LINE = re.compile(r"^[^:\n]+:\d+: [^:]+: .+$")


def fixture_text(rel: str) -> str:
    return (FIXTURE / rel).read_text(encoding="utf-8")


def edited(rel: str, old: str, new: str) -> str:
    text = fixture_text(rel)
    assert old in text, (rel, old)
    return text.replace(old, new, 1)


def project_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    for rel, content in files.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return project


def validate(project: Path, *args: str, env: dict | None = None):
    result = run_atlas("validate", "--root", str(project), *args, cwd=project, env=env)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


FORUM = "data/events/test-forum.yml"
ASAN = "data/regions/asan.yml"
CHUNGNAM = "data/regions/chungnam.yml"
HOSEO = "data/institutions/hoseo-university.yml"
PLAN = "data/programmes/test-plan.yml"
SOURCE = "data/sources/test-source.yml"
# an event held at the forum, and a unit of the university: entries that name others as part_of / parent
MOU = ("data/events/test-mou.yml",
       "slug: test-mou\ntype: event\nkind: mou-signing\nname: {ko: 협약}\ndate: 2025-11-20\nregions: [asan]\n"
       "part_of: test-forum\nsummary: {ko: 협약 요약}\nsources: [test-source]\n")
LAB = ("data/institutions/hoseo-lab.yml",
       "slug: hoseo-lab\ntype: institution\nkind: research-institute\nname: {ko: 연구소}\nparent: hoseo-university\n"
       "regions: [asan]\nlocation: {lat: 36.7366, lon: 127.0747}\ndescription: {ko: 설명}\nsources: [test-source]\n")
KINDS = ("'forum', 'council-meeting', 'committee-launch', 'mou-signing', 'designation', 'vision-proclamation', "
         "'festival' or 'strategy-announcement'")

# An entry that others name (as parent, part_of, venue, region, source …) fails validation: its own
# problems are reported, the references to it are not, and linking, cycles and geography go on with
# what validated (these were KeyError tracebacks in link.py `_cycles`).
REFERENCED_INVALID: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "event that another is part_of has an invalid kind": (
        {FORUM: edited(FORUM, "kind: forum", "kind: forumm"), MOU[0]: MOU[1]},
        [f"{FORUM}:3: kind: 'forumm' is not allowed; expected {KINDS}"]),
    "event that another is part_of holds a forbidden character": (
        {FORUM: edited(FORUM, "summary: {ko: 포럼 요약", 'summary: {ko: "포럼 요약\\uFFFE"'), MOU[0]: MOU[1]},
        [f"{FORUM}:11: summary.ko: text contains U+FFFE (a noncharacter) at character 6; remove it"]),
    "event that another is part_of is not valid YAML": (
        {FORUM: edited(FORUM, "name: {ko: 포럼, en: Forum}", "name: {ko: 포럼, en: Forum"), MOU[0]: MOU[1]},
        [f"{FORUM}:5: -: not valid YAML: did not find expected ',' or '}}' (while parsing a flow mapping that "
         "starts on line 4)".replace("}}", "}")]),
    "region that another names as parent has an invalid kind": (
        {CHUNGNAM: edited(CHUNGNAM, "kind: province", "kind: provinc")},
        [f"{CHUNGNAM}:3: kind: 'provinc' is not allowed; expected 'union', 'province', 'city', 'district' or "
         "'cluster'"]),
    "region that another names as parent has a type that is a list": (
        {CHUNGNAM: edited(CHUNGNAM, "type: region", "type: [region]")},
        [f"{CHUNGNAM}:2: type: ['region'] is not an entry type; use one of event, industry, institution, "
         "programme, region, source"]),
    "a circle of parents through a region that failed": (
        {CHUNGNAM: edited(CHUNGNAM, "kind: province", "kind: provinc\nparent: asan")},
        [f"{CHUNGNAM}:3: kind: 'provinc' is not allowed; expected 'union', 'province', 'city', 'district' or "
         "'cluster'"]),
    "institution that another names as parent and venue has coordinates at infinity": (
        {HOSEO: edited(HOSEO, "lat: 36.7366", "lat: .inf"), LAB[0]: LAB[1]},
        [f"{HOSEO}:6: location.lat: input should be a finite number (got float inf)"]),
    "source every entry cites is not valid YAML": (
        {SOURCE: fixture_text(SOURCE) + "title: x: y\n"},
        [f"{SOURCE}:8: -: not valid YAML: mapping values are not allowed in this context"]),
    "industry a region names cannot be read (not UTF-8)": (
        {"data/industries/display.yml": "slug: display\nname: {ko: 디스플레이}\n".encode("euc-kr")},
        ["data/industries/display.yml:2: -: file is not UTF-8 text; save it as UTF-8"]),
}


@pytest.mark.parametrize("case", sorted(REFERENCED_INVALID))
def test_referenced_entry_that_failed_is_reported_once(tmp_path, case):
    files, expected = REFERENCED_INVALID[case]
    result = validate(project_with(tmp_path, files))
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected


# YAML that the safe loader cannot build, or that plain data never needs: a problem at its line,
# never a traceback (these were ConstructorError / ValueError / KeyError tracebacks).
BIG = "1" * 5000
YAML_CASES: dict[str, tuple[str, str, list[str]]] = {
    "merge key": (
        FORUM, fixture_text(FORUM) + "<<: {venue_detail: {ko: 강당}}\n",
        [f"{FORUM}:13: -: YAML merge keys (<<) are not allowed; write the fields out in full"]),
    "merge key inside a list item": (
        FORUM, edited(FORUM, "    role: presenter\n", "    role: presenter\n    <<: {note: {ko: 메모}}\n"),
        [f"{FORUM}:11: participants[0]: YAML merge keys (<<) are not allowed; write the fields out in full"]),
    "merge key with an anchor": (
        FORUM, fixture_text(FORUM) + "x: &n {ko: 강당}\nvenue_detail:\n  <<: *n\n",
        [f"{FORUM}:15: -: YAML aliases (*n) are not allowed; write the value out in full"]),
    "a 5,000-digit integer as a number": (
        PLAN, edited(PLAN, "value: 450", f"value: {BIG}"),
        [f"{PLAN}:10: targets[0].value: a number written with 5000 characters; numbers may have at most 100 "
         "(quote it if it is text)"]),
    "a 5,000-digit integer as a text": (
        SOURCE, edited(SOURCE, "reporter: 홍길동", f"reporter: {BIG}"),
        [f"{SOURCE}:6: reporter: a number written with 5000 characters; numbers may have at most 100 "
         "(quote it if it is text)"]),
    "a 5,000-digit integer with a tag": (
        FORUM, edited(FORUM, "kind: forum", f"kind: !!int {BIG}"),
        [f"{FORUM}:3: kind: a number written with 5000 characters; numbers may have at most 100 "
         "(quote it if it is text)"]),
    "a huge base-60 integer": (
        PLAN, edited(PLAN, "value: 450", "value: " + ":".join(["59"] * 60)),
        [f"{PLAN}:10: targets[0].value: a number written with 179 characters; numbers may have at most 100 "
         "(quote it if it is text)"]),
    "a 200-digit integer as a key": (
        FORUM, fixture_text(FORUM) + f"{BIG[:200]}: x\n",
        [f"{FORUM}:13: -: a number written with 200 characters; numbers may have at most 100 (quote it if it is "
         "text)"]),
    "!!bool that is not true or false": (
        FORUM, edited(FORUM, "kind: forum", "kind: !!bool maybe"),
        [f"{FORUM}:3: kind: 'maybe' is not a valid !!bool value"]),
    "!!float that is not a number": (
        PLAN, edited(PLAN, "value: 450", "value: !!float many"),
        [f"{PLAN}:10: targets[0].value: 'many' is not a valid !!float value"]),
    "!!seq on a plain value": (
        FORUM, edited(FORUM, "regions: [asan]", "regions: !!seq asan"),
        [f"{FORUM}:6: regions: 'asan' is not a valid !!seq value"]),
    "a control character written as it is": (
        FORUM, edited(FORUM, "포럼 요약", "포럼\x07요약"),
        [f"{FORUM}:11: -: not valid YAML: the character U+0007 is not allowed in a YAML file; remove it (or write "
         "it as an escape in a quoted text)"]),
    "a C1 control character written as it is, after Hangul": (
        FORUM, edited(FORUM, "en: Forum summary", "en: Forum\x9bsummary"),
        [f"{FORUM}:11: -: not valid YAML: the character U+009B is not allowed in a YAML file; remove it (or write "
         "it as an escape in a quoted text)"]),
}


# Numbers: finite, within sensible bounds, and never true/false.
def _attendance(value: str) -> str:
    return fixture_text(FORUM) + f"attendance: {{value: {value}, approximate: true}}\n"


NUMBER_CASES: dict[str, tuple[str, str, list[str]]] = {
    "attendance .inf": (FORUM, _attendance(".inf"),
                        [f"{FORUM}:13: attendance.value: input should be a finite number (got float inf)"]),
    "attendance 1e9999": (FORUM, _attendance("1e9999"),
                          [f"{FORUM}:13: attendance.value: input should be a finite number (got str '1e9999')"]),
    "attendance .nan": (FORUM, _attendance(".NaN"),
                        [f"{FORUM}:13: attendance.value: input should be a finite number (got float nan)"]),
    "attendance negative": (FORUM, _attendance("-150"),
                            [f"{FORUM}:13: attendance.value: input should be greater than or equal to 0 (got int -150)"]),
    "attendance of ten billion": (FORUM, _attendance("1.0e+10"),
                                  [f"{FORUM}:13: attendance.value: input should be less than or equal to 1000000000 "
                                   "(got float 10000000000.0)"]),
    "attendance true": (FORUM, _attendance("true"), [f"{FORUM}:13: attendance.value: true is not a number; write the number"]),
    "target -.inf": (PLAN, edited(PLAN, "value: 450", "value: -.inf"),
                     [f"{PLAN}:10: targets[0].value: input should be a finite number (got float -inf)"]),
    "target beyond 1e15": (PLAN, edited(PLAN, "value: 450", "value: 99999999999999999999"),
                           [f"{PLAN}:10: targets[0].value: input should be less than or equal to 1000000000000000 "
                            "(got int 99999999999999999999)"]),
    "target false": (PLAN, edited(PLAN, "value: 450", "value: false"),
                     [f"{PLAN}:10: targets[0].value: false is not a number; write the number"]),
    "baseline .nan": (PLAN, edited(PLAN, "value: 450", "value: 450\n    baseline: .nan"),
                      [f"{PLAN}:11: targets[0].baseline: input should be a finite number (got float nan)"]),
    "declared count negative": (PLAN, fixture_text(PLAN) + "declared: {strategies: -3, tasks: true}\n",
                                [f"{PLAN}:14: declared.strategies: input should be greater than or equal to 0 (got int -3)",
                                 f"{PLAN}:14: declared.tasks: true is not a number; write the number"]),
    "declared count huge": (PLAN, fixture_text(PLAN) + "declared: {tasks: 1000000000000}\n",
                            [f"{PLAN}:14: declared.tasks: input should be less than or equal to 100000 "
                             "(got int 1000000000000)"]),
    "longitude true": (HOSEO, edited(HOSEO, "lon: 127.0747", "lon: true"),
                       [f"{HOSEO}:6: location.lon: true is not a number; write the number"]),
}


# Text: one rule for every text value (atlas.text_rules), whatever way the character is written.
def _summary(text: str) -> str:
    return edited(FORUM, "summary: {ko: 포럼 요약, en: Forum summary}", f'summary: {{ko: 포럼 요약, en: "{text}"}}')


def _forbidden(code: str, kind: str, at: int) -> list[str]:
    return [f"{FORUM}:11: summary.en: text contains {code} ({kind}) at character {at}; remove it"]


BIDI = "a bidirectional control, which can make text read in another order than it shows"
TEXT_CASES: dict[str, tuple[str, str, list[str]]] = {
    "terminal escape (\\x1b)": (FORUM, _summary("\\x1b[2J cleared"), _forbidden("U+001B", "a control character", 1)),
    "terminal escape (\\e)": (FORUM, _summary("red \\e[31m"), _forbidden("U+001B", "a control character", 5)),
    "NUL (\\0)": (FORUM, _summary("a\\0b"), _forbidden("U+0000", "a control character", 2)),
    "C1 control (\\x9b, CSI)": (FORUM, _summary("a\\x9b31m"), _forbidden("U+009B", "a control character", 2)),
    "C1 next line (\\N)": (FORUM, _summary("a\\Nb"), _forbidden("U+0085", "a control character", 2)),
    "right-to-left override (\\u202E)": (FORUM, _summary("invoice \\u202Efdp.exe"), _forbidden("U+202E", BIDI, 9)),
    "right-to-left override (\\u202e, lower case)": (FORUM, _summary("x\\u202ey"), _forbidden("U+202E", BIDI, 2)),
    "left-to-right isolate (\\u2066)": (FORUM, _summary("x\\u2066y"), _forbidden("U+2066", BIDI, 2)),
    "pop directional isolate written as it is": (FORUM, _summary("x\u2069y"), _forbidden("U+2069", BIDI, 2)),
    "noncharacter U+FFFF": (FORUM, _summary("x\\uFFFF"), _forbidden("U+FFFF", "a noncharacter", 2)),
    "noncharacter U+FDD0": (FORUM, _summary("\\uFDD0"), _forbidden("U+FDD0", "a noncharacter", 1)),
    "noncharacter U+10FFFE": (FORUM, _summary("x\\U0010FFFE"), _forbidden("U+10FFFE", "a noncharacter", 2)),
    "DEL": (FORUM, _summary("x\\x7f"), _forbidden("U+007F", "a control character", 2)),
    "bidi override in a URL": (
        SOURCE, fixture_text(SOURCE) + 'url: "https://example.kr/\\u202Egpj.exe"\n',
        [f"{SOURCE}:8: url: text contains U+202E ({BIDI}) at character 20; remove it"]),
    "control character in a reporter": (
        SOURCE, edited(SOURCE, "reporter: 홍길동", 'reporter: "홍\\x08길동"'),
        [f"{SOURCE}:6: reporter: text contains U+0008 (a control character) at character 2; remove it"]),
    "control character in a short name": (
        CHUNGNAM, edited(CHUNGNAM, "short_names: [충남, Chungnam]", 'short_names: [충남, "Chung\\x1bnam"]'),
        [f"{CHUNGNAM}:5: short_names[1]: text contains U+001B (a control character) at character 6; remove it"]),
    "full-width digits in a date": (
        FORUM, edited(FORUM, "date: 2025-11-20", "date: ２０２５-11-20"),
        [f"{FORUM}:5: date: '２０２５-11-20' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY)"]),
    "Arabic-Indic digits in an administrative code": (
        ASAN, edited(ASAN, '["44200"]', '["٤٤٢٠٠"]'),
        [f"{ASAN}:6: admin_codes.sigungu[0]: '٤٤٢٠٠' is not an administrative code of the right length"]),
}


@pytest.mark.parametrize("case", sorted(YAML_CASES) + sorted(NUMBER_CASES) + sorted(TEXT_CASES))
def test_bad_value_reported_at_its_line(tmp_path, case):
    rel, content, expected = {**YAML_CASES, **NUMBER_CASES, **TEXT_CASES}[case]
    result = validate(project_with(tmp_path, {rel: content}))
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected
    n = len(expected)
    assert result.stderr.strip() == f"{n} problem{'s' if n != 1 else ''} found."


# -- one text rule for every string field ------------------------------------------------------

def _string_fields() -> list[tuple[str, object]]:
    """(model.field, annotation) of every field of every entry model (and the models inside them)
    that can hold a string: text, slugs, dates, codes, URLs, fixed choices."""
    import typing

    from atlas.models import ENTRY_MODELS, Model

    def holds_string(annotation: object) -> bool:
        if annotation is str or typing.get_origin(annotation) is typing.Literal:
            return True
        return any(holds_string(arg) for arg in typing.get_args(annotation))

    def models_in(annotation: object):
        if isinstance(annotation, type) and issubclass(annotation, Model):
            yield annotation
        for arg in typing.get_args(annotation):
            yield from models_in(arg)

    found, seen, todo = [], set(), list(ENTRY_MODELS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            todo.extend(models_in(info.annotation))
            if holds_string(info.annotation):
                found.append((f"{model.__name__}.{name}", info.rebuild_annotation()))
    return sorted(found, key=lambda f: f[0])


STRING_FIELDS = _string_fields()
FORBIDDEN_SAMPLES = ["\x00", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\ufffe", "\uffff", "\ufdd0",
                     "\U0001fffe", "\ud800"]


@pytest.mark.parametrize("field, annotation", STRING_FIELDS, ids=[f[0] for f in STRING_FIELDS])
def test_no_string_field_escapes_the_text_rule(field, annotation):
    """Each string field takes a valid value and refuses that value with any forbidden character in it."""
    from pydantic import TypeAdapter, ValidationError

    adapter = TypeAdapter(annotation)
    is_list = "list[" in str(annotation)
    literals = [a for a in _flatten_args(annotation) if isinstance(a, str)]
    candidates = literals + ["가나다 abc", "abc-def", "2025-01-02", "44", "44200", "30200580", "https://example.kr/abc"]
    for base in candidates:
        try:
            adapter.validate_python([base] if is_list else base)
        except ValidationError:
            continue
        break
    else:
        pytest.fail(f"no valid sample for {field}")
    for char in FORBIDDEN_SAMPLES:
        bad = base[:-1] + char + base[-1:]
        with pytest.raises(ValidationError):
            adapter.validate_python([bad] if is_list else bad)


def _flatten_args(annotation: object) -> list:
    import typing

    out = []
    for arg in typing.get_args(annotation):
        out.append(arg)
        out.extend(_flatten_args(arg))
    return out


@pytest.mark.parametrize("text, expected", [
    ("tab\tand\nnew lines\r\n", "tab\tand\nnew lines\r\n"),
    ("호서대학교 · Hoseo 🎓 — “quotes” ‎mark\u200d", "호서대학교 · Hoseo 🎓 — “quotes” ‎mark\u200d"),
    (unicodedata.normalize("NFD", "대덕연구개발특구"), "대덕연구개발특구"),
    ("e\u0301te\u0301", "été"),
])
def test_check_text_accepts_and_normalises(text, expected):
    from atlas.text_rules import check_text

    assert check_text(text) == expected


@pytest.mark.parametrize("char", FORBIDDEN_SAMPLES + ["\x08", "\x0b", "\x0c", "\x1f", "\x80", "\x9f", "\u202a",
                                                     "\u2069", "\ufdef", "\U0010ffff", "\udfff"])
def test_check_text_refuses(char):
    from atlas.text_rules import check_text

    with pytest.raises(ValueError, match=rf"text contains U\+{ord(char):04X} \(.+\) at character 4; remove it"):
        check_text("가나다" + char + "라")


# -- benign variants: byte-order mark, decomposed Hangul ---------------------------------------

def test_bom_and_decomposed_hangul_are_accepted_and_composed(tmp_path):
    """A Windows editor's BOM and macOS's decomposed Hangul validate, and the built site, its search
    index and its downloads hold composed (NFC) text."""
    from bs4 import BeautifulSoup

    from conftest import build_site, minimal_project

    nfd_name, nfd_text = unicodedata.normalize("NFD", "호서대학교"), unicodedata.normalize("NFD", "아산의 사립대학")
    assert nfd_name != "호서대학교"
    project = minimal_project(tmp_path)
    entry = project / HOSEO
    text = entry.read_text(encoding="utf-8").replace("호서대학교", nfd_name).replace("아산의 사립대학", nfd_text)
    entry.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (project / ASAN).write_bytes(b"\xef\xbb\xbf" + (project / ASAN).read_bytes())  # an entry others name
    assert validate(project).returncode == 0

    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "institutions/hoseo-university/index.html").read_text(encoding="utf-8")
    assert BeautifulSoup(page, "html.parser").select_one("h1").get_text(strip=True).startswith("호서대학교")
    assert "아산의 사립대학" in page
    for built in (page, (site / "search/search_index.json").read_text(encoding="utf-8"),
                  (site / "data/institutions/hoseo-university.json").read_text(encoding="utf-8")):
        assert nfd_name not in built and nfd_text not in built and "\ufeff" not in built
        assert "호서대학교" in built or "\\ud638\\uc11c" in built


@pytest.mark.parametrize("variant", ["bom", "nfd"])
def test_line_numbers_stay_right_after_bom_and_nfd(tmp_path, variant):
    text = edited(FORUM, "kind: forum", "kind: forumm")
    if variant == "nfd":
        text = unicodedata.normalize("NFD", text)
    content = ("\ufeff" + text if variant == "bom" else text).encode("utf-8")
    result = validate(project_with(tmp_path, {FORUM: content}))
    assert result.stdout.splitlines() == [f"{FORUM}:3: kind: 'forumm' is not allowed; expected {KINDS}"]


# -- file names are slugs; symbolic links are refused -------------------------------------------

NOT_SLUG = ("is not a slug: name an entry file after its slug (lower-case ASCII letters, digits and single hyphens), "
            "then .yml")
FORGED = "x\n::error file=evil.yml,line=1::forged.yml"


@pytest.mark.parametrize("name, shown_path, shown_name", [
    ("Test-Forum2.yml", "Test-Forum2.yml", "'Test-Forum2.yml'"),
    ("test forum2.yml", "test forum2.yml", "'test forum2.yml'"),
    ("test_forum2.yml", "test_forum2.yml", "'test_forum2.yml'"),
    ("test--forum2.yml", "test--forum2.yml", "'test--forum2.yml'"),
    ("-forum2.yml", "-forum2.yml", "'-forum2.yml'"),
    ("포럼.yml", "포럼.yml", "'포럼.yml'"),
    ("ｔｅｓｔ.yml", "ｔｅｓｔ.yml", "'ｔｅｓｔ.yml'"),
    ("forum2.yml\u202egnp", None, None),
    ("new\nline.yml", "new\\nline.yml", "'new\\nline.yml'"),
    ("esc\x1b[31m.yml", "esc\\x1b[31m.yml", "'esc\\x1b[31m.yml'"),
    ("rtl\u202elmy.yml", "rtl\\u202elmy.yml", "'rtl\\u202elmy.yml'"),
    (FORGED, "x\\n\\x3a\\x3aerror file=evil.yml,line=1\\x3a\\x3aforged.yml",
     "'x\\n::error file=evil.yml,line=1::forged.yml'"),
])
def test_entry_file_name_must_be_a_slug(tmp_path, name, shown_path, shown_name):
    project = project_with(tmp_path, {})
    (project / "data/events" / name).write_text(fixture_text(FORUM).replace("test-forum", "forum2"), encoding="utf-8")
    result = validate(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    if shown_path is None:  # not .yml at the end: not an entry file at all
        shown = "data/events/forum2.yml\\u202egnp"
        assert lines == [f"{shown}:1: -: not an entry file: entries end in .yml"]
    else:
        assert lines == [f"data/events/{shown_path}:1: -: file name {shown_name} {NOT_SLUG}"]


def test_file_name_cannot_forge_a_github_annotation(tmp_path):
    project = project_with(tmp_path, {})
    (project / "data/events" / FORGED).write_text("slug: x\n", encoding="utf-8")
    (project / "data/events" / "bad,na:me%0A.yml").write_text("slug: x\n", encoding="utf-8")
    result = validate(project, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations == [
        "::error file=data/events/bad%2Cna%3Ame%250A.yml,line=1::-: file name 'bad,na:me%250A.yml' " + NOT_SLUG,
        "::error file=data/events/x%0A%3A%3Aerror file=evil.yml%2Cline=1%3A%3Aforged.yml,line=1"
        "::-: file name 'x\\n::error file=evil.yml,line=1::forged.yml' " + NOT_SLUG,
    ]
    assert [line for line in lines if not line.startswith("::")] == [
        "data/events/bad,na\\x3ame%0A.yml:1: -: file name 'bad,na:me%0A.yml' " + NOT_SLUG,
        "data/events/x\\n\\x3a\\x3aerror file=evil.yml,line=1\\x3a\\x3aforged.yml:1: -: "
        "file name 'x\\n::error file=evil.yml,line=1::forged.yml' " + NOT_SLUG,
    ]


SYMLINK_FILE = "file is a symbolic link; links are not followed: put the entry itself in data/"
SYMLINK_FOLDER = "folder is a symbolic link; links are not followed: put the entries themselves in data/"


def _validate_with_timeout(project: Path):
    """`atlas validate`, given a minute at most: a link loop or a pipe must not make it hang."""
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "atlas", "validate", "--root", str(project)], cwd=project,
                            capture_output=True, text=True, env=env, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.mark.parametrize("case", ["file to a file inside data/", "file to itself (a loop)", "file to nowhere",
                                  "folder to a folder outside", "folder to its own folder (a loop)",
                                  "entry folder to a folder outside", "data/ to a folder outside"])
def test_symbolic_links_are_refused(tmp_path, case):
    project = project_with(tmp_path, {})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text(fixture_text(FORUM).replace("test-forum", "secret"), encoding="utf-8")
    events = project / "data/events"
    expected = {
        "file to a file inside data/": ("data/events/copy.yml", SYMLINK_FILE),
        "file to itself (a loop)": ("data/events/loop.yml", SYMLINK_FILE),
        "file to nowhere": ("data/events/gone.yml", SYMLINK_FILE),
        "folder to a folder outside": ("data/events/more", SYMLINK_FOLDER),
        "folder to its own folder (a loop)": ("data/events/again", SYMLINK_FOLDER),
        "entry folder to a folder outside": ("data/events", SYMLINK_FOLDER),
        "data/ to a folder outside": ("data", SYMLINK_FOLDER),
    }[case]
    if case == "file to a file inside data/":
        (events / "copy.yml").symlink_to(events / "test-forum.yml")
    elif case == "file to itself (a loop)":
        (events / "loop.yml").symlink_to(events / "loop.yml")
    elif case == "file to nowhere":
        (events / "gone.yml").symlink_to(tmp_path / "no-such-file.yml")
    elif case == "folder to a folder outside":
        (events / "more").symlink_to(outside, target_is_directory=True)
    elif case == "folder to its own folder (a loop)":
        (events / "again").symlink_to(events, target_is_directory=True)
    elif case == "entry folder to a folder outside":
        shutil.copy2(events / "test-forum.yml", outside / "test-forum.yml")
        shutil.rmtree(events)
        events.symlink_to(outside, target_is_directory=True)
    else:
        shutil.move(project / "data", outside / "data")
        (project / "data").symlink_to(outside / "data", target_is_directory=True)
    result = _validate_with_timeout(project)
    assert result.returncode == 1
    assert f"{expected[0]}:1: -: {expected[1]}" in result.stdout.splitlines()
    assert "secret" not in result.stdout
    assert all(LINE.match(line) for line in result.stdout.splitlines())


def test_special_file_is_refused_without_waiting(tmp_path):
    project = project_with(tmp_path, {})
    os.mkfifo(project / "data/events/pipe.yml")
    result = _validate_with_timeout(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["data/events/pipe.yml:1: -: not a regular file; an entry is a .yml file"]


# -- problems printed safely ----------------------------------------------------------------------

def test_escaping_functions():
    from atlas.problems import escape_github_data, escape_github_property, escape_text

    hostile = "a\nb\rc\td\x1be\x85f\u2028g\u202eh:i,j%k"
    assert escape_text(hostile) == "a\\nb\\rc\\td\\x1be\\x85f\\u2028g\\u202eh:i,j%k"
    assert escape_text(hostile, colon=True) == "a\\nb\\rc\\td\\x1be\\x85f\\u2028g\\u202eh\\x3ai,j%k"
    assert escape_github_property(hostile) == "a%0Ab%0Dc\\td\\x1be\\x85f\\u2028g\\u202eh%3Ai%2Cj%25k"
    assert escape_github_data(hostile) == "a%0Ab%0Dc\\td\\x1be\\x85f\\u2028g\\u202eh:i,j%25k"
    plain = "data/events/x.yml 한국어 [0].ko"
    assert escape_text(plain, colon=True) == escape_github_property(plain) == escape_github_data(plain) == plain


def test_hostile_key_prints_as_one_line_in_both_formats(tmp_path):
    """A key written with YAML escapes (line break, colon, comma, %, terminal escape, bidi override)."""
    key = "x\\n::error file=evil.yml,line=1::%0Aforged \\x1b[2J\\u202e"
    project = project_with(tmp_path, {FORUM: fixture_text(FORUM) + f'"{key}": 1\n'})
    text = validate(project)
    github = validate(project, "--format", "github")
    assert text.returncode == github.returncode == 1
    shown = "x\\n\\x3a\\x3aerror file=evil.yml,line=1\\x3a\\x3a%0Aforged \\x1b[2J\\u202e"
    assert text.stdout.splitlines() == [f"{FORUM}:13: {shown}: unknown field (allowed here: attendance, date, "
                                        "end_date, industries, kind, name, outcomes, part_of, participants, programmes, "
                                        "redirect_from, regions, slug, sources, summary, type, venue, venue_detail)"]
    assert all(LINE.match(line) for line in text.stdout.splitlines())
    lines = github.stdout.splitlines()
    assert lines[0] == text.stdout.splitlines()[0]
    assert lines[1].startswith(f"::error file={FORUM},line=13::x%0A::error file=evil.yml,line=1::%250Aforged "
                               "\\x1b[2J\\u202e: unknown field")
    assert len(lines) == 2


# -- nesting: the atlas's limit applies before any YAML library's own ------------------------------

DEEP_SHAPES = {
    "flow sequences on one line": ("slug: x\ntype: event\nsummary: " + "[" * 5000 + "]" * 5000 + "\n", 3),
    "flow mappings on one line": ("slug: x\nsummary: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", 2),
    "block mappings, one level a line": ("".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "v\n", 21),
    "compact block sequences": ("slug: x\nlist:\n  " + "- " * 3000 + "x\n", 3),
    "a growing staircase of dashes (PyYAML issue 895)": ("\n".join("-  " * i for i in range(1100)), 22),
    "block inside flow inside block": ("a:\n  b:\n    c: " + "[" * 2000 + "]" * 2000 + "\n", 3),
    "just past the limit": ("a: " + "[" * 20 + "]" * 20 + "\n", 1),
}


@pytest.mark.parametrize("shape", sorted(DEEP_SHAPES))
def test_deep_nesting_is_refused_at_its_line(shape):
    from atlas.load import MAX_DEPTH, parse_text

    text, line = DEEP_SHAPES[shape]
    data, _, problems = parse_text("data/events/x.yml", text)
    assert data is None
    assert [str(p) for p in problems] == [f"data/events/x.yml:{line}: -: values are nested more than {MAX_DEPTH} "
                                          "levels deep"]


def test_brackets_that_are_text_are_not_nesting():
    """Thousands of brackets inside quoted text, a comment and a block scalar: read as the text they are."""
    from atlas.load import parse_text
    from atlas.yaml_depth import LIBRARY_SAFE_DEPTH, depth_bound

    text = (f'slug: x\nko: "{"[" * 3000}"\n# {"{" * 3000}\nen: |\n  {"[" * 3000}\n'
            f'list: [{", ".join(["[1]"] * 500)}]\n')
    assert depth_bound(text) >= LIBRARY_SAFE_DEPTH  # read by the counting scanner, not by the cheap bound
    data, _, problems = parse_text("data/events/x.yml", text)
    assert problems == []
    assert data["ko"] == "[" * 3000 and data["en"] == "[" * 3000 + "\n" and len(data["list"]) == 500


@pytest.mark.parametrize("shape", sorted(DEEP_SHAPES))
def test_nesting_limit_holds_whatever_the_library_limit(monkeypatch, shape):
    """A YAML library that gives up past LIBRARY_SAFE_DEPTH levels (as libyaml does past 1,000) is never
    handed a text that deep: the atlas's own message comes first."""
    import yaml as pyyaml

    from atlas import load
    from atlas.yaml_depth import LIBRARY_SAFE_DEPTH, first_too_deep

    def limited(real):
        def call(text, *args, **kwargs):
            if first_too_deep(text, LIBRARY_SAFE_DEPTH) is not None:
                raise pyyaml.YAMLError("exceeded maximum nesting depth")
            return real(text, *args, **kwargs)
        return call

    monkeypatch.setattr(load.yaml, "compose_all", limited(pyyaml.compose_all))
    monkeypatch.setattr(load.yaml, "parse", limited(pyyaml.parse))
    text, line = DEEP_SHAPES[shape]
    _, _, problems = load.parse_text("data/events/x.yml", text)
    assert [(p.line, p.message) for p in problems] == [(line, f"values are nested more than {load.MAX_DEPTH} levels deep")]


def test_every_forbidden_character_is_found_by_the_fast_path():
    """check_text passes printable text without searching it: every refused character must be
    one that str.isprintable() refuses (true of Python's Unicode tables; checked in case they change)."""
    import sys

    from atlas.text_rules import FORBIDDEN

    forbidden = [chr(c) for c in range(sys.maxunicode + 1) if FORBIDDEN.match(chr(c))]
    assert len(forbidden) > 2048 + 66 + 64  # surrogates, noncharacters, controls
    assert not [c for c in forbidden if c.isprintable()]


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029"], ids=["CR", "NEL", "LS", "PS"])
def test_lines_are_counted_as_git_and_github_count_them(tmp_path, brk):
    """YAML also breaks lines at a lone CR, NEL, U+2028 and U+2029; git, GitHub and `grep -n` do not:
    problems after one keep the line an editor shows (and GitHub annotates)."""
    text = f'x: "a{brk}b"\n' + edited(FORUM, "kind: forum", "kind: forumm")
    result = validate(project_with(tmp_path, {FORUM: text.encode("utf-8")}))
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{FORUM}:1: x: unknown field")
    assert lines[1] == f"{FORUM}:4: kind: 'forumm' is not allowed; expected {KINDS}"
