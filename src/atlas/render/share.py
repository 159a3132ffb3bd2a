"""The "share / embed" box: what a reader copies to show one of the atlas' maps (and, later, its
charts) on another site — the frame's code, the credit, the permanent address.

Templates print it with the ``share_box`` macro (``site_templates/pages/_macros.md.j2``), which
takes (embed URL, title, attribution, permalink) and calls these functions (the template global
``share``). The frame's code is built here, once: each value is escaped for an HTML attribute, and
the code as a whole is escaped again to be shown on the page as text.
"""
from __future__ import annotations

import html
import re

from .text import Raw

#: the frame's width attribute (pixels; its style makes it as wide as the column it is put in)
EMBED_WIDTH = 640
_KIND = re.compile(r"[a-z][a-z0-9-]*")


def embed_code(url: str, title: str, height: int = 480) -> str:
    """The ``<iframe>`` another site pastes: valid HTML, as wide as its column, allowed to go full
    screen (the map's control), loaded when scrolled to."""
    return (f'<iframe src="{html.escape(url, quote=True)}" title="{html.escape(title, quote=True)}" '
            f'width="{EMBED_WIDTH}" height="{int(height)}" style="width:100%;max-width:100%;border:0" '
            f'loading="lazy" allowfullscreen></iframe>')


def code_block(text: str, kind: str) -> Raw:
    """Text to copy, shown as code (``<pre><code>``: the theme adds its copy button), escaped here."""
    if not _KIND.fullmatch(kind):
        raise ValueError(f"not a kind of code block: {kind!r}")
    return Raw(f'<pre class="atlas-code atlas-code--{kind}"><code>{html.escape(text)}</code></pre>')

