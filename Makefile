# One command each, on a fresh machine (Python 3.10+ with pip):
#   make site    install the project and build the site into site/
#   make test    install the project and its test tools, run every test
PYTHON ?= python3
export NO_MKDOCS_2_WARNING = 1

.PHONY: site test install install-test validate serve linkcheck schema clean

# the browser tests drive Debian's chromium through Playwright (not Playwright's own browser
# download); fonts-noto-cjk draws the Korean text of pages and maps
# CHROMIUM: the browser the tests drive; GitHub's runners have Chrome already (CI sets CHROMIUM),
# elsewhere Debian's chromium is installed when it is missing
export CHROMIUM ?= /usr/bin/chromium
BROWSER_PACKAGES = $(if $(wildcard $(CHROMIUM)),,chromium) fonts-noto-cjk
SUDO ?= $(if $(filter 0,$(shell id -u)),,sudo)

install:
	$(PYTHON) -m pip install --quiet -e .

install-test:
	$(PYTHON) -m pip install --quiet -e ".[test]"
	npm ci --no-audit --no-fund --loglevel=error   # axe-core for the accessibility tests (package-lock.json)
	@if command -v apt-get >/dev/null 2>&1 && ! dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1; then \
	  echo "installing $(BROWSER_PACKAGES) for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); \
	fi

site: install
	$(PYTHON) -m atlas build

validate: install
	$(PYTHON) -m atlas validate

serve: install
	$(PYTHON) -m mkdocs serve

linkcheck: install-test   # every internal link of the built site/ (run `make site` first)
	$(PYTHON) -m atlas linkcheck site

schema: install           # regenerate schemas/*.schema.json after changing src/atlas/models.py
	$(PYTHON) -m atlas schema

test: install-test
	$(PYTHON) -m pytest

clean:
	rm -rf site site.staging site.old site.lock
