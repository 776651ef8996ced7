# The two set-up commands of the README: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

## Build the graph and the site from the bundled corpus into build/.
run: $(STAMP)
	$(BIN)/honlea-kg build

## Install the test's system packages (as root) and run the test suite.
test: $(STAMP)
	@if [ "$$(id -u)" = 0 ]; then bash scripts/install-system-deps.sh; else echo "not root: install the packages of scripts/install-system-deps.sh yourself"; fi
	bash scripts/install-browser.sh
	$(BIN)/pytest

clean:
	rm -rf build .pytest_cache
