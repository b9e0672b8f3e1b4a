# The two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat setup.cfg pyproject.toml | sha1sum | cut -c1-12)

.PHONY: demo test test-fast lint golden pictures bench examples-98 clean sysdeps sysdeps-test

$(STAMP): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

sysdeps:
	bash tools/install-sysdeps.sh demo

sysdeps-test:
	bash tools/install-sysdeps.sh test

## Make the demo meeting packs for examples/ into output/.
demo: $(STAMP) sysdeps
	$(VENV)/bin/workbook build examples/*.yaml -o output
	@echo "Demo-pakkerne ligger i output/ (åbn output/<møde>/index.html)."

#: axe-core, the accessibility engine the browser test runs (from npm; no browser download).
AXE_VERSION := 4.14.1
AXE := $(VENV)/axe-core-$(AXE_VERSION)/axe.min.js

$(AXE): $(STAMP)
	mkdir -p $(dir $(AXE)) && cd $(dir $(AXE)) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
	  && tar xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js package/LICENSE

## Install what the tests need (Python and Debian packages, axe-core) and run them.
test: $(STAMP) sysdeps-test $(AXE)
	WORKBOOK_AXE=$(abspath $(AXE)) $(PY) -m pytest

## The fast lane: every test but LibreOffice, the browser and the slow ones, on two processes
## (one file a process, so a module's rendered documents are made once): under a minute.
test-fast: $(STAMP)
	$(PY) -m pytest -q -n 2 --dist loadfile -m "not libreoffice and not browser and not slow"

## ruff, and the layer contracts in .importlinter (import-linter).
lint: $(STAMP)
	$(VENV)/bin/ruff check workbook tests bench tools
	$(VENV)/bin/lint-imports

## Regenerate the golden guide HTML under tests/data/golden/ on purpose; review it with git diff.
golden: $(STAMP)
	WORKBOOK_UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/guide/test_golden.py
	git diff --stat -- tests/data/golden

## The README's pictures (a guide page, a workbook sheet, a report page) from the examples.
pictures: $(STAMP) sysdeps-test
	$(PY) tools/make_pictures.py

## Print every benchmark figure against its goal (make bench BENCH_ARGS=--quick for a short run).
bench: $(STAMP) sysdeps-test
	$(PY) -m bench $(BENCH_ARGS)

## Write one meeting file per municipality (98) into output/kommuner/, e.g. for workbook build.
examples-98: $(STAMP)
	$(PY) -m bench.make_meetings output/kommuner

clean:
	rm -rf $(VENV) output/*/ build *.egg-info
