"""Korea Innovation Atlas: load, validate and link curated entries.

This package knows nothing of MkDocs: the site renderer is one consumer of it
(see ``plugins/atlas_mkdocs``), the command line (``atlas``) another.
"""
from .link import load_atlas
from .problems import AtlasError, Problem

__all__ = ["load_atlas", "AtlasError", "Problem"]
