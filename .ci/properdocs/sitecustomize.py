"""Imported when Python starts, in `make test-properdocs` (this folder is on PYTHONPATH): from then on every
`import mkdocs` gives ProperDocs (PyPI `properdocs`), the continuation of MkDocs 1.x with the same plugin
API, installed with the test tools. The tests, the `atlas` command and the builds they start all run on it.

Without ProperDocs installed, Python stops here, saying so: Python would otherwise go on after a failed
sitecustomize and the run would test MkDocs while saying ProperDocs.
"""
try:
    import properdocs.replacement  # noqa: F401  (sys.modules["mkdocs"] is ProperDocs from here on)
except ImportError as error:
    import os
    import sys

    sys.stderr.write(f"ProperDocs is not installed ({error}): `make install-test` installs it with the test tools\n")
    sys.stderr.flush()
    os._exit(2)
