"""MkDocs adapter of the Korea Innovation Atlas (the library lives in ``atlas``).

It runs on MkDocs 1.6 and on ProperDocs (its continuation): where only ProperDocs is installed,
``import mkdocs`` is made to give it (``properdocs.replacement``), as ``properdocs`` itself does.
"""
try:
    import mkdocs  # noqa: F401
except ImportError:  # pragma: no cover - ProperDocs alone
    import properdocs.replacement  # noqa: F401
