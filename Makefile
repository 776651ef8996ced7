# The two set-up commands of the README: `make run` and `make test`.
# They work the same on a root shell (a container, CI) and as a user with sudo: Debian packages
# are installed by scripts/install-system-deps.sh, directly as root, else through sudo.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test system-deps clean

# Debian's python3 lacks ensurepip until python3-venv is installed: install it and try again.
$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "make: $(PY) not found: install Python 3.11 or later (Debian: apt-get install python3)"; exit 1; }
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make: honlea-kg needs Python 3.11 or later; $(PY) is $$($(PY) --version)"; exit 1; }
	@$(PY) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); bash scripts/install-system-deps.sh python && $(PY) -m venv $(VENV); }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

## Build the graph and the site from the bundled corpus into build/.
run: $(STAMP)
	$(BIN)/honlea-kg build

## The Debian packages the tests need (Virtuoso, Jena, Java, nginx, Apache, Chromium, Node.js, npm).
system-deps:
	bash scripts/install-system-deps.sh

## Install the test's system and npm packages, then run the test suite.
test: $(STAMP) system-deps
	bash scripts/install-browser.sh
	$(BIN)/pytest

clean:
	rm -rf build .pytest_cache
