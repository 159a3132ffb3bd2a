"""Korean first, English second: every page in both, the switch lands on the same entry."""
from __future__ import annotations

import json

from bs4 import BeautifulSoup

from atlas.models import FOLDERS
from conftest import minimal_project, run_atlas


def test_every_entry_page_exists_in_english(site, atlas):
    for entry in atlas.all_entries():
        url = f"en/{FOLDERS[entry.type]}/{entry.slug}/"
        assert site.exists(url), url


def test_html_lang_and_hreflang(site, atlas):
    for slug in ("asan", "daedeok"):
        ko = site.soup(f"regions/{slug}/")
        en = site.soup(f"en/regions/{slug}/")
        assert ko.html["lang"] == "ko" and en.html["lang"] == "en"
        for soup, here in ((ko, f"regions/{slug}/"), (en, f"en/regions/{slug}/")):
            alternates = {l["hreflang"]: l["href"] for l in soup.select("link[rel=alternate][hreflang]")}
            assert set(alternates) == {"ko", "en", "x-default"}
            assert alternates["ko"].rstrip("/").endswith(f"regions/{slug}") or alternates["ko"] == "./"
            assert alternates["en"].rstrip("/").endswith(f"en/regions/{slug}") or alternates["en"] == "./"


def test_language_switch_links_the_same_entry(site):
    soup = site.soup("institutions/kaist/")
    links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
    assert links["en"].endswith("en/institutions/kaist/")
    back = {a["hreflang"]: a["href"] for a in site.soup("en/institutions/kaist/").select("a.md-select__link")}
    assert back["ko"].endswith("../../../institutions/kaist/")


def test_english_pages_use_english_names_and_interface(site, atlas):
    en = site.article("en/regions/asan/")
    assert en.select_one("h1").get_text(strip=True).rstrip("¶") == atlas.regions["asan"].name.en
    assert en.select_one("h2#institutions").get_text().startswith("Institutions")
    assert en.select_one("h2#sources").get_text().startswith("Sources")
    soup = site.soup("en/regions/asan/")
    assert soup.select_one("input.md-search__input")["placeholder"] == "Search"
    tabs = [a.get_text(strip=True) for a in soup.select(".md-tabs__link")]
    assert tabs[:2] == ["Home", "Regions"]
    # English pages link English pages
    hrefs = [a["href"] for a in en.select("a[href]") if "institutions/" in a["href"]]
    assert hrefs and all(not h.startswith("../../../institutions/") for h in hrefs)


def test_each_language_has_its_own_search_index(site):
    ko = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site.root / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert not any(d["location"].startswith("en/") for d in ko["docs"])
    assert any(d["location"] == "regions/asan/" and d["title"] == "Asan City" for d in en["docs"])
    config = json.loads(site.soup("en/regions/asan/").select_one("#__config").string)
    assert config["base"].endswith("/en/")


def test_missing_english_text_falls_back_to_marked_korean(tmp_path):
    project = minimal_project(tmp_path)
    inst = project / "data/institutions/hoseo-university.yml"
    inst.write_text(inst.read_text(encoding="utf-8").replace(", en: A private university in Asan", ""),
                    encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((tmp_path / "site/en/institutions/hoseo-university/index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("article")
    fallback = page.select_one("span.atlas-fallback[lang=ko]")
    assert fallback is not None and fallback.get_text() == "아산의 사립대학"
    assert "(in Korean)" in page.get_text()
