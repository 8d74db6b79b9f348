# Two entry points (see README): `make demo` and `make test`. Each creates .venv on first use:
# `make demo` installs the core only (what the demo runs), `make test` every extra and the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cksum pyproject.toml | cut -d' ' -f1)
DEMO_STAMP := $(VENV)/.installed-core-$(HASH)
TEST_STAMP := $(VENV)/.installed-all-$(HASH)

.PHONY: demo test browser clean python-check

# A clear message instead of a failed build when Python is too old or cannot make a virtual environment.
python-check:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "error: Flashpoint needs Python 3.11 or newer; '$(PYTHON)' is $$(command -v $(PYTHON) >/dev/null && $(PYTHON) -V 2>&1 || echo 'not found')." \
	       "Install one and run: make PYTHON=python3.11 $(MAKECMDGOALS)" >&2; exit 2; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "error: '$(PYTHON)' cannot create a virtual environment (its venv/ensurepip module is missing)." \
	       "On Debian or Ubuntu: apt-get install python3-venv" >&2; exit 2; }

$(BIN)/python: | python-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	rm -f $(VENV)/.installed-core-*
	touch $(DEMO_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[all,test]'
	rm -f $(VENV)/.installed-all-* $(VENV)/.installed-core-*
	touch $(TEST_STAMP) $(DEMO_STAMP)

demo: python-check $(DEMO_STAMP)
	$(BIN)/flashpoint run --scenario iraq-2020 --policy historical --runs 1000 --seed 0 --out flashpoint-out

# A real browser for the web page's end-to-end test (Debian's chromium); skipped where it cannot be installed.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  ( (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	    || echo "note: could not install chromium; the browser test will be skipped" )

# Tests run in up to 4 processes (pytest-xdist), a file per process at a time: the suite takes about half
# as long on 2 cores; each file keeps its own module fixtures (the claims audit is computed once).
test: python-check $(TEST_STAMP) browser
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto --maxprocesses=4 --dist loadfile --durations=15

clean:
	rm -rf $(VENV) flashpoint-out
