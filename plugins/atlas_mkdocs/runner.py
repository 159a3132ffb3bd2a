"""``atlas build``'s MkDocs run: ``python -m atlas_mkdocs.runner -f mkdocs.yml [-d SITE] [--strict]``.

The same as ``mkdocs build`` (the logging, the configuration, the plugin events), except that a
site that cannot be written — a full disk, a read-only folder — ends in one line,
``cannot write the site to SITE: No space left on device``, and exit status 1, instead of a
traceback. The previous site stays: the plugin builds beside it and swaps only a complete
build in (``staging.py``).
"""
from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger("mkdocs.plugins.atlas_mkdocs.runner")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas_mkdocs.runner", description=__doc__.split("\n")[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-d", "--site-dir", default=None)
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None)
    args = parser.parse_args(argv)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from atlas.staging import write_failure

    from . import internals

    state = internals.command_line_log()  # noqa: F841 - MkDocs' log handler, kept for the run
    site = args.site_dir
    failed = False
    try:
        config = load_config(config_file=args.config_file, site_dir=args.site_dir, strict=args.strict)
        site = site or config.site_dir
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        except OSError as exc:  # said before the plugin says, at shutdown, that the previous site stays
            log.error(write_failure(exc, site))
            failed = True
        finally:
            config.plugins.on_shutdown()
    except Abort as exc:  # MkDocs has reported it already (a configuration or build error)
        exc.show()
        return 1
    except OSError as exc:  # reading the configuration, or swapping the site in
        log.error(write_failure(exc, site or "site"))
        return 1
    if failed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
