# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/words.py: the command line and the module name every setting the messages mention."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract.words import COMMAND_LINE, MODULE, Words
from ansible_collections.commerce.admin.plugins.module_utils._options import option_group


def test_the_module_names_its_own_options():
    options = set(option_group("connection")) | {"work_request_id"}
    assert {MODULE.url, MODULE.key, MODULE.ca_path, MODULE.timeout, MODULE.work_request_id} <= options
    assert MODULE.insecure == "validate_certs: false"


def test_the_command_line_names_its_flags():
    assert all(getattr(COMMAND_LINE, name).startswith("--") for name in Words._fields if name != "key")
    assert COMMAND_LINE.key == "COMMERCE_APP_KEY or --key-file"
