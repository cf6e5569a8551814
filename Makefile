# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# Both create the virtual environment on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON     ?= $(shell scripts/find-python)
VENV       := .venv
# ansible-core 2.19 on Python 3.11: the oldest supported leg (issue: ecosystem gates).
PYTHON_OLD ?= python3
VENV_OLD   := .venv-2.19
BIN        := $(CURDIR)/$(VENV)/bin
# The repository root is the collection root; ansible finds it through this link.
COLLECTIONS := $(CURDIR)/$(VENV)/collections
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_REMOTE_TMP := $(CURDIR)/.ansible/tmp
export ANSIBLE_LOCAL_TEMP := $(CURDIR)/.ansible/tmp

.PHONY: help venv venv-old demo test unit integration sanity lint bench clean

help:
	@echo "make demo   - start the Admin API simulator and run the demo playbooks against it, twice"
	@echo "make test   - run every test (unit, integration, molecule, sanity and lint gates)"
	@echo "make bench  - run the benchmarks and write bench/results.md"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	mkdir -p $(COLLECTIONS)/ansible_collections/commerce
	ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/commerce/admin
	touch $@

venv: $(VENV)/.installed

$(VENV_OLD)/.installed: requirements.txt requirements-dev.txt
	test -x $(VENV_OLD)/bin/python || $(PYTHON_OLD) -m venv $(VENV_OLD)
	$(VENV_OLD)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv-old: $(VENV_OLD)/.installed

demo: venv
	PATH=$(BIN):$$PATH scripts/demo

unit: venv
	$(BIN)/pytest tests/unit

integration: venv
	$(BIN)/pytest tests/integration

test: venv
	$(BIN)/pytest
	PATH=$(BIN):$$PATH scripts/sanity $(VENV)

sanity: venv
	PATH=$(BIN):$$PATH scripts/sanity $(VENV)

bench: venv
	PATH=$(BIN):$$PATH $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(VENV_OLD) .ansible .pytest_cache build tests/output .demo
