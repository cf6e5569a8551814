# -*- coding: utf-8 -*-
"""Small helpers every part of the simulator shares: environments, ids, timestamps."""

from __future__ import annotations

import datetime
import secrets
import string

ENVIRONMENTS = ("live", "preview")


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def random_id(length=10):
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for dummy in range(length))
