# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A restart that ended FAILED or CANCELED is reported with the end of the server's error log."""

from __future__ import annotations

import contextlib
import datetime

from ansible_collections.commerce.admin.plugins.module_utils._errors import WaitError
from ansible_collections.commerce.admin.plugins.module_utils._logs.tail import failure_log
from ansible_collections.commerce.admin.plugins.module_utils._waiting import FAILED_STATES


def ended_badly(result):
    return result.get("restart_status") in FAILED_STATES


@contextlib.contextmanager
def restart_log_on_failure(client, environment_type=None):
    """Around a wait for a restart: a FAILED or CANCELED one fails with the log's last lines in its
    message and `restart_log` in its result; anything else passes through unchanged."""
    started = datetime.datetime.now(datetime.timezone.utc)
    try:
        yield
    except WaitError as exc:
        if not ended_badly(exc.result):
            raise
        log = failure_log(client, environment_type, since=started)
        raise WaitError("%s; %s" % (exc, log["note"]), dict(exc.result, restart_log=log["lines"]), changed=exc.changed) from None
