"""Imported when Python starts, in `make test-properdocs` (this folder is on PYTHONPATH): from then on every
`import mkdocs` gives ProperDocs (PyPI `properdocs`), the continuation of MkDocs 1.x with the same plugin
API, installed with the test tools. The tests, the `atlas` command and the builds they start all run on it.
"""
import properdocs.replacement  # noqa: F401  (sys.modules["mkdocs"] is ProperDocs from here on)
