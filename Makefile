# One command each, on a fresh machine (README, "Two commands": Python 3.10+ with venv, git; for the
# tests also Node.js with npm, Java and a Chromium, installed here where the system allows):
#   make site    install the project into .venv and build the site into site/
#   make test    install the project and its test tools into .venv, run every test
#   make test-properdocs   the same tests on ProperDocs (MkDocs 1.x continued, PyPI `properdocs`)
#
# Everything Python goes into the project's own virtual environment (.venv), never into the Python
# that makes it: Debian 12, Ubuntu 24.04 and Homebrew refuse `pip install` into theirs (PEP 668).
# The versions are the tested ones in requirements/*.txt, with their hashes (`make lock` remakes
# them, `make upgrade` moves to the newest releases and runs the tests).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING = 1

SUDO ?= $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: site test test-properdocs install install-test browser validate serve linkcheck schema lock upgrade clean

$(PY):
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "could not make a virtual environment with $(PYTHON): on Debian or Ubuntu install python3-venv" \
	       "(sudo apt install python3-venv), or run with PYTHON=/path/to/python3.10+"; exit 1; }
	@$(PY) -m pip install --quiet --upgrade "pip>=23"

$(VENV)/.site: requirements/site.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/site.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.test: requirements/test.txt pyproject.toml package-lock.json | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@command -v npm >/dev/null || { echo "npm not found: the tests need Node.js and npm (axe-core, vnu, lighthouse)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(VENV)/.site $@

install: $(VENV)/.site

install-test: $(VENV)/.test browser

# a Chromium for the browser tests (tests/browsers.py finds one the usual ways), and a CJK font
browser: $(VENV)/.test
	@if command -v apt-get >/dev/null 2>&1 && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  echo "installing fonts-noto-cjk (Korean text in the browser tests)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk || true; \
	fi
	@if ! $(PY) tests/browsers.py >/dev/null 2>&1; then \
	  if grep -qs '^ID=debian' /etc/os-release && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium || true; \
	  else \
	    echo "installing Playwright's own Chromium for the browser tests"; \
	    $(PY) -m playwright install chromium || true; \
	  fi; \
	fi
	@$(PY) tests/browsers.py

site: install
	$(PY) -m atlas build

validate: install
	$(PY) -m atlas validate

serve: install           # the live preview: only the pages an edit changes are rendered again
	$(PY) -m atlas serve

linkcheck: install-test   # every internal link of the built site/ (run `make site` first)
	$(PY) -m atlas linkcheck site

schema: install           # regenerate schemas/*.schema.json after changing src/atlas/models.py
	$(PY) -m atlas schema

# the tests run in one process per core (pytest-xdist; each test file whole in one process, the built
# sites shared): TEST_PROCESSES=0 runs them in this one, TEST_PROCESSES=4 in four
TEST_PROCESSES ?= auto
PYTEST = $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile

test: install-test
	$(PYTEST)

# every test again on ProperDocs, installed with the test tools: .ci/properdocs/sitecustomize.py, on
# PYTHONPATH, makes every `import mkdocs` of the run (tests, `atlas`, the builds they start) give ProperDocs
test-properdocs: install-test
	PYTHONPATH="$(CURDIR)/.ci/properdocs" $(PYTEST)

# the locked versions (requirements/*.txt, with hashes) from pyproject.toml's ranges, for every
# Python the project supports; UPGRADE=--upgrade moves to the newest releases
lock: | $(PY)
	$(PY) -m pip install --quiet "uv>=0.5"
	$(PY) -m uv pip compile pyproject.toml --extra test --universal --python-version 3.10 --generate-hashes \
	  --quiet --custom-compile-command "make lock" $(UPGRADE) -o requirements/test.txt
	$(PY) -m uv pip compile pyproject.toml --universal --python-version 3.10 --generate-hashes \
	  --quiet --custom-compile-command "make lock" -c requirements/test.txt -o requirements/site.txt

upgrade:                  # newest releases within pyproject.toml's ranges, then every test
	$(MAKE) lock UPGRADE=--upgrade
	$(MAKE) test

clean:
	rm -rf site site.staging site.old site.lock
