# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The entry point of sse_logs_info: check the options, then read the tail or the whole log. Changes nothing remote."""

from __future__ import annotations

import datetime
import os
import re

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._logs.download import read_whole_log
from ansible_collections.commerce.admin.plugins.module_utils._errors import redact
from ansible_collections.commerce.admin.plugins.module_utils._logs.tail import BoundedLines, today_utc

DATE = re.compile(r"\d{8}\Z")


def check_date(date):
    """`date` as YYYYMMDD (today in UTC when None); LocalFileError before any request when it is not a real day."""
    if date is None:
        return today_utc()
    try:
        if not DATE.match(date):
            raise ValueError(date)
        datetime.datetime.strptime(date, "%Y%m%d")
    except ValueError:
        raise LocalFileError("date must be a day written YYYYMMDD (for example 20261124), got %r" % date) from None
    return date


def check_dest(dest, tail):
    if dest is None:
        return None
    if tail:
        raise LocalFileError("dest receives the whole log: set tail: false to download it")
    directory = os.path.dirname(os.path.abspath(dest))
    if not os.path.isdir(directory):
        raise LocalFileError("the directory of dest does not exist: %s" % directory)
    return dest


def run(module):
    params = module.params
    date = check_date(params["date"])
    dest = check_dest(params["dest"], params["tail"])
    module.require_positive("max_bytes")
    level, env, client = params["level"], params["environment_type"], module.client
    module.result.update(level=level, date=date, environment_type=env or "live", source="tail" if params["tail"] else "log",
                         dest=dest, dest_written=False, size=None)
    if params["tail"]:
        text = redact(api.server_log_tail(client, level, date, env), client.secrets)
        bounded = BoundedLines(max_bytes=params["max_bytes"]).extend(text.splitlines())
    else:
        # Check mode reads as usual (nothing remote changes) but writes no local file.
        bounded, size = read_whole_log(client, level, date, env, params["max_bytes"], None if module.check_mode else dest)
        module.result.update(dest_written=bool(dest) and not module.check_mode, size=size)
    module.result.update(lines=list(bounded.lines), truncated=bounded.truncated)
