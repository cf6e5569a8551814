# -*- coding: utf-8 -*-
"""plugins/module_utils/_logs/info.py: the date and dest checks made before any request (the rest: test_sse_logs_info.py)."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._logs import info


def test_a_date_is_a_real_day_written_yyyymmdd():
    assert info.check_date("20240229") == "20240229"
    assert len(info.check_date(None)) == 8
    for bad in ("2024-02-29", "20230229", "2024022", "yesterday", "202402290"):
        with pytest.raises(LocalFileError, match="date must be a day written YYYYMMDD"):
            info.check_date(bad)


def test_dest_needs_the_whole_log_and_an_existing_directory(tmp_path):
    assert info.check_dest(None, True) is None
    assert info.check_dest(str(tmp_path / "x.log"), False) == str(tmp_path / "x.log")
    with pytest.raises(LocalFileError, match="set tail: false"):
        info.check_dest(str(tmp_path / "x.log"), True)
    with pytest.raises(LocalFileError, match="the directory of dest does not exist"):
        info.check_dest(str(tmp_path / "missing" / "x.log"), False)
