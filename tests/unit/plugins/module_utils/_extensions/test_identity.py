# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/identity.py: one digest for the same content, whatever the ID, the build stamp and the packing."""

from __future__ import annotations

import zipfile

from ansible_collections.commerce.admin.plugins.module_utils._extensions import identity
from ansible_collections.commerce.admin.plugins.module_utils._extensions.manifest import copy_with_id, zip_directory

from helpers.extensions import entries, write_directory, write_zip


def digest(path):
    return identity.local_extension(str(path)).digest


def test_the_id_and_the_build_stamp_do_not_count(tmp_path):
    base = digest(write_zip(tmp_path / "a.zip", entries()))
    other_id = copy_with_id(write_zip(tmp_path / "b.zip", entries()), str(tmp_path / "b-id.zip"), "another-instance-id")
    assert digest(other_id) == base
    assert digest(write_zip(tmp_path / "c.zip", entries(timeCreated="2026-12-01T10:00:00Z"))) == base


def test_the_packing_does_not_count_but_the_content_and_the_version_do(tmp_path):
    files = entries()
    base = digest(write_zip(tmp_path / "a.zip", files))
    repacked = write_zip(tmp_path / "b.zip", files, compression=zipfile.ZIP_STORED, date_time=(2030, 5, 5, 5, 5, 4),
                         order=sorted(files, reverse=True))
    assert digest(repacked) == base
    assert digest(write_zip(tmp_path / "c.zip", entries(body="widget code v2"))) != base
    assert digest(write_zip(tmp_path / "d.zip", entries(version="2"))) != base
    assert digest(write_zip(tmp_path / "e.zip", entries(description="other words"))) != base


def test_a_directory_zipped_twice_has_the_zip_digest(tmp_path):
    files = entries()
    zipped = zip_directory(write_directory(tmp_path / "src", files), str(tmp_path / "src.zip"))
    assert digest(zipped) == digest(write_zip(tmp_path / "a.zip", files))


def test_the_upload_name_carries_the_digest_and_the_listing_gives_it_back(tmp_path):
    local = identity.local_extension(write_zip(tmp_path / "a.zip", entries()))
    assert local.name == "Git Widget" and local.version == "1" and local.declared_id.startswith("0000")
    assert local.upload_name == "git-widget-%s.zip" % local.digest and len(local.digest) == identity.DIGEST_LENGTH
    assert identity.upload_path(local.upload_name) == "/extensions/" + local.upload_name
    assert identity.digest_of_zip_path("extensions/" + local.upload_name) == local.digest
    assert identity.digest_of_zip_path("extensions/2014520102830313_workingUnderElements.zip") is None
    assert identity.digest_of_zip_path(None) is None
    assert identity.local_extension(str(tmp_path / "a.zip"), "Chosen Name").upload_name.startswith("chosen-name-")


def test_slugs_are_short_and_safe():
    assert identity.slug("Widget with Element") == "widget-with-element"
    assert identity.slug("../../etc") == "etc"
    assert identity.slug("☃") == "extension"
    assert len(identity.slug("x" * 200)) == identity.SLUG_LENGTH
