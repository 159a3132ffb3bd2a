"""Markdown structures that make Python-Markdown slow, refused before a build spends minutes on them.

Python-Markdown converts ordinary pages in time proportional to their length, but a few
structures make it re-read text again and again (measured with the extensions in mkdocs.yml;
README, "Safe input"): every ``[`` that is still open makes the link pattern scan the rest of
its paragraph, and so does every ``(`` left open after ``](`` and every ``<x`` that waits for
its ``>`` — 24 KB of nested brackets took a seed build from 15 s to 109 s. Containers nested
deeply (lists, admonitions, quotes, HTML blocks with a ``markdown`` attribute) cost more per level and end in
a ``RecursionError`` at a few hundred levels; one footnote referenced thousands of times costs
the square of its references.

So these are counted, structurally (never timed), and limited far above what a real page
uses. Runs of ``*``/``_``, reference definitions, tables and headings stay linear however long
they are (measured), so they are not limited beyond the page size (``page_source.MAX_PAGE_BYTES``).
"""
from __future__ import annotations

import re

from .hostile import Finding

#: ``[`` open at once in a paragraph (nested, or never closed)
MAX_OPEN_BRACKETS = 10
#: ``(`` open at once in a paragraph
MAX_OPEN_PARENTHESES = 10
#: ``<`` starting a tag or autolink (``<a``, ``</``, ``<!``, ``<?``) with no ``>`` after them yet
MAX_OPEN_ANGLES = 10
#: ``>`` quote markers before a line's text
MAX_QUOTE_DEPTH = 10
#: columns of indentation before a line's text (4 per level of lists and admonitions; a tab is 4)
MAX_INDENT = 64
#: HTML elements with Markdown inside (``markdown`` attribute) open at once
MAX_MARKDOWN_HTML_DEPTH = 20
#: footnotes on a page, and references to one footnote
MAX_FOOTNOTES = 500
MAX_FOOTNOTE_REFERENCES = 50

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# what the scan of a paragraph looks at: escapes, code spans, brackets, parentheses, angle brackets
_TOKEN = re.compile(r"\\.|`+|[\[\]()>]|<[A-Za-z/!?]", re.DOTALL)
_LINE_PREFIX = re.compile(r"^((?:[ \t]*>)*)([ \t]*)", re.MULTILINE)
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b([^<>]*?)(/?)>")
_MARKDOWN_ATTRIBUTE = re.compile(r"(?<![\w-])markdown(?![\w-])", re.IGNORECASE)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


def find_slow_structures(text: str) -> list[Finding]:
    """Every structure over a limit, at the place it goes over (one per kind and paragraph)."""
    found: list[Finding] = []
    for paragraph in _paragraphs(text):
        found += _open_marks(text, *paragraph)
    found += _nesting(text)
    found += _footnotes(text)
    return sorted(found, key=lambda f: (f.offset, f.message))


def _paragraphs(text: str):
    start = 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        yield start, gap.start()
        start = gap.end()
    yield start, len(text)


def _open_marks(text: str, start: int, end: int) -> list[Finding]:
    brackets = parentheses = angles = 0
    over: dict[str, Finding] = {}
    position = start
    while True:
        match = _TOKEN.search(text, position, end)
        if match is None:
            break
        token = match.group()
        position = match.end()
        first = token[0]
        if first == "`":  # a code span: its text is not Markdown
            close = text.find(token, position, end)
            while close != -1 and text.startswith("`", close + len(token)):
                close = text.find(token, close + len(token) + 1, end)  # a longer run is not the closing one
            if close != -1:
                position = close + len(token)
        elif first == "[":
            brackets += 1
            if brackets > MAX_OPEN_BRACKETS and "[" not in over:
                over["["] = Finding(match.start(), _OPEN_MESSAGE.format(
                    count=MAX_OPEN_BRACKETS, mark="[", closing="]"))
        elif first == "]":
            brackets = max(0, brackets - 1)
        elif first == "(":
            parentheses += 1
            if parentheses > MAX_OPEN_PARENTHESES and "(" not in over:
                over["("] = Finding(match.start(), _OPEN_MESSAGE.format(
                    count=MAX_OPEN_PARENTHESES, mark="(", closing=")"))
        elif first == ")":
            parentheses = max(0, parentheses - 1)
        elif first == "<":
            angles += 1
            if angles > MAX_OPEN_ANGLES and "<" not in over:
                over["<"] = Finding(match.start(), _OPEN_MESSAGE.format(
                    count=MAX_OPEN_ANGLES, mark="<", closing=">"))
        elif first == ">":
            angles = 0
    return list(over.values())


_OPEN_MESSAGE = ("more than {count} '{mark}' are open at once in this paragraph (nested, or never closed "
                 "with '{closing}'): Markdown reads the rest of the paragraph again for each, which makes the "
                 "build very slow; close them, or write '\\{mark}' for a literal '{mark}'")


def _nesting(text: str) -> list[Finding]:
    found: list[Finding] = []
    quotes_reported = indent_reported = False
    for match in _LINE_PREFIX.finditer(text):
        quotes = match.group(1).count(">")
        if quotes > MAX_QUOTE_DEPTH and not quotes_reported:
            quotes_reported = True
            found.append(Finding(match.start(), f"quotes are nested {quotes} deep ('>' markers); at most "
                                                f"{MAX_QUOTE_DEPTH}: each level makes the page slower to build"))
        indent = len(match.group(2).expandtabs(4))
        if indent > MAX_INDENT and not indent_reported and match.end() < len(text) and text[match.end()] != "\n":
            indent_reported = True
            found.append(Finding(match.start(), f"line is indented by {indent} columns; at most {MAX_INDENT} "
                                                f"(lists and admonitions nested about {MAX_INDENT // 4} deep): "
                                                "each level makes the page slower to build"))
    # HTML blocks whose content is Markdown again (md_in_html: the ``markdown`` attribute) recurse
    # per level; other HTML is kept as it is, at any depth. Every element is tracked, so that a
    # closing tag closes what it closes in HTML (and an unclosed <p> inside closes with it).
    open_elements: list[tuple[str, bool]] = []
    depth = 0
    for match in _HTML_TAG.finditer(text):
        closing, name, attributes, self_closing = match.group(1), match.group(2).lower(), match.group(3), match.group(4)
        if closing:
            for index in range(len(open_elements) - 1, -1, -1):
                if open_elements[index][0] == name:
                    depth -= sum(markdown for _, markdown in open_elements[index:])
                    del open_elements[index:]
                    break
        elif not self_closing and name not in _VOID:
            markdown = _MARKDOWN_ATTRIBUTE.search(attributes) is not None
            open_elements.append((name, markdown))
            depth += markdown
            if depth > MAX_MARKDOWN_HTML_DEPTH:
                found.append(Finding(match.start(), f"HTML elements with Markdown inside (the markdown attribute) "
                                                    f"are nested more than {MAX_MARKDOWN_HTML_DEPTH} deep: each "
                                                    "level makes the page slower to build"))
                break
    return found


def _footnotes(text: str) -> list[Finding]:
    found: list[Finding] = []
    definitions = list(_FOOTNOTE_DEFINITION.finditer(text))
    if len(definitions) > MAX_FOOTNOTES:
        found.append(Finding(definitions[MAX_FOOTNOTES].start(), f"more than {MAX_FOOTNOTES} footnotes on one "
                                                                 "page; split the page"))
    counts: dict[str, int] = {}
    for match in _FOOTNOTE_REFERENCE.finditer(text):
        label = match.group(1)
        counts[label] = counts.get(label, 0) + 1
        if counts[label] == MAX_FOOTNOTE_REFERENCES + 1:
            found.append(Finding(match.start(), f"footnote [^{label}] is referred to more than "
                                                f"{MAX_FOOTNOTE_REFERENCES} times; each reference makes every "
                                                "other one slower to build"))
    return found
