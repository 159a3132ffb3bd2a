"""The "share / embed" box's code (atlas.render.share): whatever the title and address, the code a
reader copies is one well-formed frame with exactly those values, and the page shows it as text."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.render.share import code_block, embed_code

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=80)


@settings(max_examples=300, deadline=None)
@given(title=TEXT, path=TEXT, height=st.integers(min_value=1, max_value=2000))
def test_embed_code_is_one_frame_holding_exactly_its_values(title, path, height):
    url = "https://atlas.example/maps/regions/" + path
    code = embed_code(url, title, height)
    soup = BeautifulSoup(code, "html.parser")
    frames = soup.find_all(True)
    assert [tag.name for tag in frames] == ["iframe"]
    frame = frames[0]
    assert frame["src"] == url and frame["title"] == title
    assert frame["height"] == str(height) and frame["width"].isdigit()
    assert set(frame.attrs) == {"src", "title", "width", "height", "style", "loading", "allowfullscreen"}
    assert frame.get_text() == ""


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_code_blocks_show_their_text_as_text(text):
    shown = BeautifulSoup(str(code_block(text, "embed")), "html.parser")
    assert [tag.name for tag in shown.find_all(True)] == ["pre", "code"]
    assert shown.get_text() == text


def test_only_plain_kinds_of_code_block():
    with pytest.raises(ValueError):
        code_block("x", 'embed" onclick="alert(1)')
