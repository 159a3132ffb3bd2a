"""MkDocs adapter of the Korea Innovation Atlas (the library lives in ``atlas``)."""
