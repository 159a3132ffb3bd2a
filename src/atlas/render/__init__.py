"""Rendering the linked atlas into Markdown pages (renderer-agnostic)."""
from .pages import LANGUAGES, GeneratedPage, Renderer, page_path, render_site_pages
from .sanitise import sanitise_html

__all__ = ["LANGUAGES", "GeneratedPage", "Renderer", "page_path", "render_site_pages", "sanitise_html"]
