# Every target sets up .venv from the pinned requirements first, so a fresh clone
# needs only Python >= 3.11.5, make and git.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.lock | cksum | cut -d' ' -f1)
PTH := $(VENV)/.conceptbook-path

# Hide Material's end-of-life banner and make builds byte-identical (sitemap dates
# and the like come from the last commit, not the clock).
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)

OFFLINE_ZIP := dist/psychodynamic-theory-offline.zip
PDF := dist/psychodynamic-theory.pdf
EPUB := dist/psychodynamic-theory.epub

.PHONY: help serve build test offline pdf epub lint bench mutants new-chapter new-concept clean graphviz lock

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# requirements*.txt name what the project uses; requirements-dev.lock pins every package
# they bring, with hashes (`make lock` writes it), and is what gets installed.
$(STAMP): requirements-dev.lock scripts/check_python.py
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

# The engine's package (hooks/conceptbook/) importable by the scripts and `python -m`, as an
# editable install would make it: a .pth file in the venv naming hooks/.
$(PTH): $(STAMP)
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "conceptbook.pth").write_text(str(pathlib.Path("hooks").resolve()) + "\n")'
	@touch $@

# The book map is laid out by Graphviz's `dot` (hooks/conceptbook/maps/bookmap.py): a system program,
# installed here on Debian when run as root (as CI is), otherwise named with the command.
graphviz: ## Check that Graphviz (the book map's layout program) is installed; install it on Debian as root
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "The book map needs Graphviz: sudo apt-get install graphviz (macOS: brew install graphviz)" >&2; exit 1; \
	  fi; }

serve: $(PTH) graphviz ## Preview with live reload at http://127.0.0.1:8000/textbook/ (rebuilds what an edit changes)
	$(BIN)/mkdocs serve --livereload --dirty

build: $(PTH) graphviz ## Strict build into site/ (fails on any warning)
	$(BIN)/mkdocs build --strict --clean

# worksteal: a process that runs out of tests takes some from the other. With plain
# `-n 2`, tests already handed to a process stay there: the process holding the browser
# tests ran 90 s after the other had finished. PYTHONWARNDEFAULTENCODING: a text file the
# engine opens without naming its encoding fails the tests (pyproject.toml, filterwarnings).
test: $(PTH) graphviz ## Run the whole test suite (build, links, glossary, lint, browser), on 2 processes
	PYTHONWARNDEFAULTENCODING=1 $(BIN)/python -m pytest -n 2 --dist worksteal

lint: $(PTH) ## Lint the Python code and check the engine's layers (ARCHITECTURE.md)
	$(BIN)/ruff check hooks tests scripts benchmarks
	$(BIN)/ruff format --check hooks tests scripts benchmarks
	$(BIN)/python -m pytest -q -p no:xdist tests/test_layers.py
	$(BIN)/python -m mypy

offline: build ## Zip the built site for reading from disk: dist/psychodynamic-theory-offline.zip
	$(BIN)/python scripts/make_offline_zip.py site $(OFFLINE_ZIP)

pdf: build ## Print the whole book to dist/psychodynamic-theory.pdf (needs chromium)
	$(BIN)/python -m conceptbook.editions.pdf site $(PDF)

epub: build ## Make the e-book dist/psychodynamic-theory.epub, checked with EPUBCheck when installed
	$(BIN)/python -m conceptbook.editions.epub site $(EPUB)
	@if $(BIN)/python -c 'import sys; from conceptbook.editions import epubcheck; sys.exit(epubcheck.command() is None)'; \
	  then $(BIN)/python -m conceptbook.editions.epubcheck $(EPUB); \
	  else echo "note: EPUBCheck not installed (apt-get install epubcheck); the EPUB was not validated"; fi

bench: $(PTH) graphviz ## Measure the engine's cost as the book grows (slow; writes benchmarks/results.json)
	$(BIN)/python -m benchmarks.run

# One package: make mutants PACKAGE=numbering (the packages: scripts/mutants.toml; TESTING.md).
mutants: $(PTH) graphviz ## Mutation testing of the engine with mutmut (hours; one package: PACKAGE=numbering)
	$(BIN)/python scripts/mutants.py $(if $(strip $(PACKAGE)),--package $(PACKAGE))

# NAME, never TERM: TERM is the shell's terminal type and always set (xterm-256color).
new-chapter: $(PTH) ## Start a chapter: make new-chapter NAME="Grief and loss"
	@test -n "$(strip $(NAME))" || { echo 'error: no title given. Start a chapter with: make new-chapter NAME="Grief and loss"' >&2; exit 2; }
	$(BIN)/python scripts/scaffold.py chapter "$(NAME)"

new-concept: $(PTH) ## Start a concept: make new-concept NAME="Mourning"
	@test -n "$(strip $(NAME))" || { echo 'error: no term given. Start a concept with: make new-concept NAME="Mourning"' >&2; exit 2; }
	$(BIN)/python scripts/scaffold.py concept "$(NAME)"

clean: ## Remove build output (keeps .venv)
	rm -rf site dist .cache .pytest_cache

lock: $(PTH) ## Pin every dependency with hashes: requirements-dev.lock from requirements*.txt (needs the network)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header \
	  --no-emit-index-url --no-emit-find-links --annotation-style line -o requirements-dev.lock requirements-dev.txt
