# One command each, on a fresh machine (Python 3.10+ with pip):
#   make site    install the project and build the site into site/
#   make test    install the project and its test tools, run every test
PYTHON ?= python3
export NO_MKDOCS_2_WARNING = 1

.PHONY: site test install install-test validate serve clean

install:
	$(PYTHON) -m pip install --quiet -e .

install-test:
	$(PYTHON) -m pip install --quiet -e ".[test]"
	npm ci --no-audit --no-fund --loglevel=error   # axe-core for the accessibility tests (package-lock.json)

site: install
	$(PYTHON) -m atlas build

validate: install
	$(PYTHON) -m atlas validate

serve: install
	$(PYTHON) -m mkdocs serve

test: install-test
	$(PYTHON) -m pytest

clean:
	rm -rf site site.staging site.old
