# Every target sets up .venv from the pinned requirements first, so a fresh clone
# needs only Python >= 3.11.5, make and git.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

# Hide Material's end-of-life banner and make builds byte-identical (sitemap dates
# and the like come from the last commit, not the clock).
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export PYTHONDONTWRITEBYTECODE := 1

OFFLINE_ZIP := dist/psychodynamic-theory-offline.zip

.PHONY: help serve build test offline lint bench new-chapter new-concept clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt scripts/check_python.py
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: $(STAMP) ## Preview the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload

build: $(STAMP) ## Strict build into site/ (fails on any warning)
	$(BIN)/mkdocs build --strict --clean

test: $(STAMP) ## Run the whole test suite (build, links, glossary, lint, browser)
	$(BIN)/python -m pytest

lint: $(STAMP) ## Lint the Python code
	$(BIN)/ruff check hooks tests scripts benchmarks
	$(BIN)/ruff format --check hooks tests scripts benchmarks

offline: build ## Zip the built site for reading from disk: dist/psychodynamic-theory-offline.zip
	$(BIN)/python scripts/make_offline_zip.py site $(OFFLINE_ZIP)

bench: $(STAMP) ## Measure the engine's cost as the book grows (slow; writes benchmarks/results.json)
	$(BIN)/python -m benchmarks.run

# NAME, never TERM: TERM is the shell's terminal type and always set (xterm-256color).
new-chapter: $(STAMP) ## Start a chapter: make new-chapter NAME="Grief and loss"
	@test -n "$(strip $(NAME))" || { echo 'error: no title given. Start a chapter with: make new-chapter NAME="Grief and loss"' >&2; exit 2; }
	$(BIN)/python scripts/scaffold.py chapter "$(NAME)"

new-concept: $(STAMP) ## Start a concept: make new-concept NAME="Mourning"
	@test -n "$(strip $(NAME))" || { echo 'error: no term given. Start a concept with: make new-concept NAME="Mourning"' >&2; exit 2; }
	$(BIN)/python scripts/scaffold.py concept "$(NAME)"

clean: ## Remove build output (keeps .venv)
	rm -rf site dist .cache .pytest_cache
