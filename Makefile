# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# Both create what they need on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Current leg: ansible-core 2.21 on Python 3.12 (or 2.19 where no 3.12 exists).
PYTHON     ?= $(shell scripts/find-python)
VENV       := .venv
BIN        := $(CURDIR)/$(VENV)/bin
# Oldest supported leg: ansible-core 2.19 on Python 3.11.
PYTHON_OLD ?= python3
VENV_OLD   := .venv-2.19
# The repository root is the collection root; ansible finds it through this link.
COLLECTIONS := $(CURDIR)/$(VENV)/collections
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_REMOTE_TMP := $(CURDIR)/.ansible/tmp
export ANSIBLE_LOCAL_TEMP := $(CURDIR)/.ansible/tmp
PYTEST_ARGS ?= -n 2

.PHONY: help venv venv-old demo test test-current test-old leg lint sanity units unit playbooks tooling one soak pytest molecule bench docs changelog contract coverage clean

help:
	@echo "make demo   - start three simulated Commerce environments and run the demo playbook twice"
	@echo "make test   - every test and gate, on ansible-core 2.21 (Python 3.12) and 2.19 (Python 3.11)"
	@echo "make lint   - the ecosystem gates only (ansible-lint, build, ansible-doc, galaxy-importer, ...)"
	@echo "make docs   - the documentation site (antsibull-docs, Sphinx) in build/docs/html/index.html"
	@echo "make bench  - the benchmarks; writes bench/results.md and bench/results.json"
	@echo "make contract URL=https://admin.example.com  - read-only check that a real instance answers as the collection expects"
	@echo "             (the key from COMMERCE_APP_KEY; CONTRACT_ARGS=\"--ca-path ca.pem --work-request-id ID\")"
	@echo "make coverage - line coverage of plugins/ by the unit tests"
	@echo "make unit      - tests/unit with pytest: modules and module_utils in-process, the simulator's own tests (seconds)"
	@echo "make playbooks - tests/playbooks: ansible-playbook against the simulator (minutes)"
	@echo "make tooling   - tests/tooling: scripts/contract, the bench smoke run, the proxies, AWX's runner, the README's snippets"
	@echo "make one T=tests/unit/plugins/module_utils/test_client.py::test_login_and_first_request - one test or file, -x -vv, no xdist"
	@echo "make soak      - the sse_sync fault sweep with SWEEP_TRIALS trials (default 100; make test runs 4), SWEEP_SEED to repeat one"

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

# Every leg runs the same suites; the gates run once, with the current tools. The simulator
# follows the current doc pages on one leg and the older ones (200 instead of 204, no links,
# opaque tokens, ...) on the other, so the whole suite runs against each variation.
test: venv venv-old
	$(MAKE) --no-print-directory leg LEG=$(VENV) SIM_PROFILE=current
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory leg LEG=$(VENV_OLD) SIM_PROFILE=legacy SUITES=tests/playbooks

test-current: venv
	$(MAKE) --no-print-directory leg LEG=$(VENV)

test-old: venv venv-old
	$(MAKE) --no-print-directory leg LEG=$(VENV_OLD)

LEG ?= $(VENV)
SIM_PROFILE ?= current
leg: pytest molecule sanity units

# tests/unit runs under `ansible-test units` on every leg (below); pytest runs the playbook and tooling suites.
# The oldest leg runs the playbook suite only: tests/tooling checks the tools around the collection (the contract
# script, which tries both simulator profiles itself, the bench, the proxies, the docs build, AWX's runner), and
# running them once, with the current tools, keeps `make test` under 20 minutes on two cores.
SUITES ?= tests/playbooks tests/tooling
pytest:
	COMMERCE_SIM_PROFILE=$(SIM_PROFILE) $(LEG)/bin/pytest $(PYTEST_ARGS) $(SUITES)

# The suites one at a time, with the current venv (LEG=.venv-2.19 for the other one).
unit: venv
	COMMERCE_SIM_PROFILE=$(SIM_PROFILE) $(LEG)/bin/pytest $(PYTEST_ARGS) tests/unit

playbooks: venv
	COMMERCE_SIM_PROFILE=$(SIM_PROFILE) $(LEG)/bin/pytest $(PYTEST_ARGS) tests/playbooks

tooling: venv
	COMMERCE_SIM_PROFILE=$(SIM_PROFILE) $(LEG)/bin/pytest $(PYTEST_ARGS) tests/tooling

# One test, or one file: make one T=tests/unit/plugins/module_utils/test_version.py::test_version_matches_galaxy_yml
one: venv
	@test -n "$(T)" || { echo "usage: make one T=tests/unit/...py[::test_name]" >&2; exit 2; }
	COMMERCE_SIM_PROFILE=$(SIM_PROFILE) $(LEG)/bin/pytest -x -vv -p no:xdist "$(T)"

# The fault sweep at length: trials, faults struck and held are printed at the end.
SWEEP_TRIALS ?= 100
soak: venv
	SWEEP_TRIALS=$(SWEEP_TRIALS) COMMERCE_SIM_PROFILE=$(SIM_PROFILE) $(LEG)/bin/pytest -x -p no:xdist -p no:randomly \
	    tests/playbooks/test_fault_sweep.py

molecule:
	PATH=$(CURDIR)/$(LEG)/bin:$$PATH molecule test

sanity:
	scripts/ansible-test $(LEG) sanity

units:
	scripts/ansible-test $(LEG) units

lint: venv
	PATH=$(BIN):$$PATH scripts/gates

# The documentation site of every module and role, offline; Sphinx warnings are errors.
docs: venv
	PATH=$(BIN):$$PATH scripts/docs

bench: venv
	PATH=$(BIN):$$PATH $(BIN)/python bench/run.py

# Read-only contract check of a real instance; the key comes from the environment, never from make:
#   COMMERCE_APP_KEY=... make contract URL=https://admin.example.com [CONTRACT_ARGS="--ca-path ca.pem"]
contract: venv
	@test -n "$(URL)" || { echo "usage: COMMERCE_APP_KEY=... make contract URL=https://admin.example.com [CONTRACT_ARGS=...]" >&2; exit 2; }
	$(BIN)/python scripts/contract --url "$(URL)" $(CONTRACT_ARGS)

# Line coverage of plugins/ by the unit tests (in-process modules against the in-process simulator).
coverage: venv
	$(BIN)/pytest $(PYTEST_ARGS) tests/unit --cov=ansible_collections.commerce.admin.plugins --cov-report=term-missing:skip-covered

# Regenerate CHANGELOG.rst from changelogs/changelog.yaml. When galaxy.yml's version is not released
# yet, release it first from the fragments no release holds; a released version is never rewritten.
changelog: venv
	version=$$(sed -n 's/^version: //p' galaxy.yml); \
	if grep -q "^  $$version:$$" changelogs/changelog.yaml; then \
	    PATH=$(BIN):$$PATH antsibull-changelog generate; \
	else \
	    PATH=$(BIN):$$PATH antsibull-changelog release --version "$$version"; \
	fi

clean:
	rm -rf $(VENV) $(VENV_OLD) .ansible .pytest_cache build tests/output .demo .coverage
