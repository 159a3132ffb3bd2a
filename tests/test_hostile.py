"""The validator's recognition of active content (src/atlas/hostile.py): what it names, what it leaves alone."""
from __future__ import annotations

import pytest

from atlas.hostile import find_active_content


@pytest.mark.parametrize("text, fragment", [
    ("<script>alert(1)</script>", "<script>"),
    ("< SCRIPT src=x>", "<script>"),
    ("<iframe srcdoc='x'>", "<iframe>"),
    ("<object data=x>", "<object>"),
    ("<embed src=x>", "<embed>"),
    ("<base href=//evil.example/>", "<base>"),
    ("<meta http-equiv=refresh content=0>", "<meta>"),
    ("<img src=x onerror=alert(1)>", "(onerror=)"),
    ("<img src=x\nonerror\n=alert(1)>", "(onerror=)"),
    ("<svg/onload=alert(1)>", "(onload=)"),
    ('<a href="x"onclick="alert(1)">', "(onclick=)"),
    ("<details open ontoggle=alert(1)>", "(ontoggle=)"),
    ("문단 {: onmouseover='alert(1)' }", "(onmouseover=)"),
    ("[x](javascript:alert(1))", "javascript:"),
    ("[x]( <JavaScript :alert(1)>)", "javascript:"),
    ('<a href=" vbscript:msgbox(1)">', "vbscript:"),
    ("javascript:alert(1)", "javascript:"),
])
def test_named(text, fragment):
    found = find_active_content(text)
    assert found and fragment in found[0].message, (text, found)


@pytest.mark.parametrize("text", [
    "JavaScript: The Good Parts 세미나",
    "onboarding = 3 weeks, online=yes",
    "5 < 6 and 7 > 3; <b>bold</b> <img src=\"assets/x.png\" alt=\"x\">",
    "&lt;script&gt; (written as entities)",
    "the Meta platform, a linked list, an embedded system, an object",
    "{: .class #id }",
    "https://example.kr/on=1?x=javascript",
    "data: 2025",
])
def test_left_alone(text):
    assert find_active_content(text) == []
    assert find_active_content(text, markdown=True) == []


def test_markdown_only_checks():
    assert find_active_content("![x](data:image/png;base64,AAAA)") == []
    assert "data: URL" in find_active_content("![x](data:image/png;base64,AAAA)", markdown=True)[0].message
    assert "other sites" in find_active_content('<img src="https://t.example/p.png">', markdown=True)[0].message
    assert "other sites" in find_active_content("![x](//t.example/p.png)", markdown=True)[0].message
    assert find_active_content("![x](../assets/p.png)", markdown=True) == []
