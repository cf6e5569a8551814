# -*- coding: utf-8 -*-
"""The documentation site (`make docs`): the guides of docs/docsite/ are built and linked beside the plugin pages.

scripts/docs builds the site offline with Sphinx warnings as errors and fails when a guide of
docs/docsite/extra-docs.yml, or the environment variables page, is not built or not linked from the
index; this test runs it as `make docs` does and checks the pages a reader lands on.
"""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from helpers.harness import COLLECTIONS, REPO

EXTRA_DOCS = REPO / "docs" / "docsite" / "extra-docs.yml"


def guides():
    return [name for section in yaml.safe_load(EXTRA_DOCS.read_text())["sections"] for name in section["toctree"]]


def test_every_guide_has_its_page_and_a_label_antsibull_accepts():
    names = guides()
    assert {"quickstart", "gitops", "transactions", "awx", "simulator"} <= set(names)
    for name in names:
        text = (REPO / "docs" / "docsite" / "rst" / (name + ".rst")).read_text()
        assert text.startswith(".. _ansible_collections.commerce.admin.docsite.%s:\n" % name), name
    assert sorted(path.stem for path in (REPO / "docs" / "docsite" / "rst").glob("*.rst")) == sorted(names)


def test_the_description_no_longer_promises_a_storefront_framework_rollback():
    assert "framework rollback" not in " ".join(yaml.safe_load((REPO / "galaxy.yml").read_text())["description"].split())
    for path in (REPO / "docs" / "docsite").rglob("*"):
        if path.is_file():
            assert "storefront framework rollback" not in " ".join(path.read_text().split()), path


def test_the_site_builds_with_every_guide_and_the_environment_variables_linked_from_the_index():
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS), PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    proc = subprocess.run([str(REPO / "scripts" / "docs")], capture_output=True, text=True, env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "docs: %d guides and the environment variables page, each linked from the index" % len(guides()) in proc.stdout
    html = REPO / "build" / "docs" / "html"
    index = (html / "index.html").read_text()
    for name in guides():
        assert 'href="docsite/%s.html"' % name in index
    assert 'href="environment_variables.html"' in index
    quickstart = (html / "docsite" / "quickstart.html").read_text()
    assert "ansible_playbook_python" in quickstart and 'href="../environment_variables.html' in quickstart
