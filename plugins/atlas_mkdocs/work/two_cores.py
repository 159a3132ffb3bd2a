"""A build's pages on two cores: MkDocs converts pages here while a forked worker converts others.

MkDocs converts every page (Markdown → HTML) in one loop, then writes every page (theme template →
file) in a second. After the navigation is made, a worker process is forked (``atlas.work.helper``):
it first makes the downloads, feeds and maps, then takes pages as it is free (``atlas.work.claims``).
This process goes through MkDocs' loops as always; a page the worker took is short-circuited here:
its Markdown is not rendered (``on_page_read_source`` gives an empty page) and its theme template
renders nothing (``ELSEWHERE_TEMPLATE``: MkDocs skips empty output), so it costs a few calls.

Between the two loops the processes swap what each page's rendering left that the others need
(``internals.rendered_state``: metadata for the sitemap and titles, anchors for MkDocs' anchor
check), and this process, which converted more pages while the worker made the maps, hands the
last of them over, converted, so that both end together; the worker then writes its pages with the
theme (``internals.build_page``). Each process
puts its pages' search documents in a part file, merged in page order at the end
(``atlas.search.index_files``). The worker's log records are logged here, so its warnings fail a
strict build too. The bytes are those of a one-process build (``tests/test_two_cores.py``).

Without a second core or ``fork`` (or under a server, which runs threads), the worker's tasks run
here and every page is this process'.
"""
from __future__ import annotations

import os
from typing import Callable

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from atlas.work.claims import Claims
from atlas.work.helper import Helper, Task

from .. import internals

HANDOVER_BATCH = 64  # converted pages sent to the worker per message
HANDOVER_EXTRA = 10  # one page in this many more given to the worker (this process' own end of the build)


class TwoCores:
    def __init__(self, files: Files, tasks: list[Task], parallel: bool,
                 worker_pages: Callable[["TwoCores"], object] | None = None):
        """``tasks``: the helper's other work, done first; ``worker_pages(self)``: the pages' part, run
        in the worker (see ``work_pages``)."""
        self.files = files
        # the pages, in the order MkDocs converts and writes them (`mkdocs build`'s loops)
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.position = {file.src_uri: i for i, file in enumerate(self.doc_files)}
        self.elsewhere: set[str] = set()  # here: the pages the worker converts and writes (or writes)
        self.handed = 0  # pages converted here and handed to the worker to write
        self.in_worker = False
        forks = worker_pages is not None and Helper.forks(parallel)
        self.claims = Claims(len(self.doc_files)) if forks else None
        if forks:
            tasks = [*tasks, ("pages", lambda: worker_pages(self))]
        self.helper = Helper(tasks, parallel=forks, logs=internals.LOGGER)
        self.quiet: internals.QuietSkips | None = None

    def start(self) -> "TwoCores":
        """Fork the worker (when there is one), which starts on its tasks."""
        self.helper.start()
        return self

    @property
    def split(self) -> bool:
        """Whether a worker converts some of the pages."""
        return self.claims is not None

    def take(self, page: Page) -> bool:
        """Whether this process converts ``page`` (asked by MkDocs' loop here: every page, in order)."""
        if self.in_worker or self.claims is None:
            return True
        position = self.position.get(page.file.src_uri)
        if position is None or self.claims.take(position):
            return True
        self.elsewhere.add(page.file.src_uri)
        internals.render_nothing(page)
        return False

    def is_elsewhere(self, page: Page) -> bool:
        return page.file.src_uri in self.elsewhere

    # -- in the worker ---------------------------------------------------------------------------

    def work_pages(self, config, nav, read_log=None) -> list[int]:
        """The worker's first loop: take pages while there are any, and convert them; then hand their
        state over and take the state of the navigation's pages in return. Returns the positions of
        its pages (``write_pages`` writes them)."""
        self.in_worker = True
        mine = []
        while (position := self.claims.take_next()) is not None:
            file = self.doc_files[position]
            page = file.page if file.page is not None else Page(None, file, config)
            internals.populate_page(page, config, self.files)
            mine.append(position)
        states = {self.doc_files[i].src_uri: internals.rendered_state(self.doc_files[i].page) for i in mine}
        self.helper.report("populated", (states, read_log.reads if read_log is not None else None))
        navigation, count = self.helper.receive()
        for src, state in navigation.items():
            internals.use_rendered_state(self.files.get_file_from_path(src).page, state, self.files)
        while count:  # pages converted there, to be written here
            for src, state in self.helper.receive():
                file = self.files.get_file_from_path(src)
                internals.use_converted_state(file.page or Page(None, file, config), state, self.files)
                mine.append(self.position[src])
                count -= 1
        return sorted(mine)

    def write_pages(self, mine: list[int], config, nav) -> None:
        """The worker's second loop: its pages through the theme, written."""
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=self.files)
        for position in mine:
            internals.build_page(self.doc_files[position].page, config, self.doc_files, nav, env)

    # -- here, between MkDocs' two loops ---------------------------------------------------------

    def swap_states(self, navs_pages: set[str], read_log=None) -> None:
        """Take the worker's pages' state (waiting for its first loop to end), give it the state of
        the navigation's pages converted here, and make the worker's pages write nothing here."""
        if not self.split:
            return
        states, reads = self.helper.result("populated")
        for src, state in states.items():
            page = self.files.get_file_from_path(src).page
            internals.use_rendered_state(page, state, self.files)
            page.meta = {**page.meta, "template": internals.ELSEWHERE_TEMPLATE}
        if read_log is not None and reads:
            read_log.merge(reads)
        ours = {src: internals.rendered_state(self.files.get_file_from_path(src).page)
                for src in navs_pages if src not in self.elsewhere and self.files.get_file_from_path(src)}
        # The worker spent the start on the downloads and maps, so this process converted more pages:
        # the last of them are written there, so that both finish together (this process also has
        # the static files, the sitemap and the end of the build to do)
        here = [file for file in self.doc_files if file.src_uri not in self.elsewhere]
        give = max(0, (len(here) - len(states) + len(self.doc_files) // HANDOVER_EXTRA) // 2)
        handed = here[len(here) - give:] if give else []
        self.helper.send((ours, len(handed)))
        for start in range(0, len(handed), HANDOVER_BATCH):
            batch = handed[start:start + HANDOVER_BATCH]
            self.helper.send([(file.src_uri, internals.converted_state(file.page)) for file in batch])
            for file in batch:
                self.elsewhere.add(file.src_uri)
                file.page.content = ""
                file.page.meta = {**file.page.meta, "template": internals.ELSEWHERE_TEMPLATE}
        self.handed = len(handed)
        self.quiet = internals.QuietSkips(self.elsewhere).install()

    def result(self, name: str) -> object:
        return self.helper.result(name)

    def close(self) -> None:
        self.helper.close()
        if self.quiet is not None:
            self.quiet.remove()
            self.quiet = None

    def cancel(self) -> None:
        self.helper.cancel()
        if self.quiet is not None:
            self.quiet.remove()
            self.quiet = None


def part_path(site_dir: str, worker: bool) -> str:
    """Where a process of a split build writes its search documents (removed once merged)."""
    return os.path.join(site_dir, f".atlas-search-{'worker' if worker else 'main'}.part")
