"""How a build uses its cores and what a change invalidates: the MkDocs side.

What needs no MkDocs lives in the library (``atlas.work``: the forked helper, claiming pages,
merging the processes' parts, what a change invalidates, reloading only the changed entries).
Here, what drives MkDocs' page pipeline:

* ``two_cores`` — a build's pages converted by two processes (this one and a forked worker that
  first makes the downloads and maps), the same bytes as one process writes;
* ``reuse`` — ``mkdocs serve`` rebuilds without converting again the pages whose Markdown did not change;
* ``serve`` — ``mkdocs serve`` keeps serving the last good site after a failed rebuild;
* ``preview`` — ``atlas serve``: configuration, navigation, theme and atlas kept warm; an edit re-renders
  only the pages that read what it changed.
"""
