# -*- coding: utf-8 -*-
"""Helpers shared by the client's tests: a client that records its waits, and error checks
that also prove no secret leaked into the error."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError


def make_client(sim, app_key=None, **kwargs):
    """A client of `sim` (with its key, or `app_key`) whose waits are recorded in `client.sleeps` instead of being slept."""
    sleeps = []
    kwargs.setdefault("backoff_factor", 0.001)
    kwargs.setdefault("sleep", sleeps.append)
    client = CommerceClient(sim.url, app_key or sim.app_key, **kwargs)
    client.sleeps = sleeps
    return client


def api_error(client, call, *args, **kwargs):
    """The CommerceApiError `call` raises (iterating a generator), checked to carry no key and no token."""
    with pytest.raises(CommerceApiError) as info:
        result = call(*args, **kwargs)
        if hasattr(result, "__next__"):
            list(result)
    exc = info.value
    text = " ".join([str(exc), repr(exc.args), repr(exc.as_dict()), str(exc.hint)])
    for secret in client._secrets:  # pylint: disable=protected-access
        assert secret not in text
    return exc


def upload_fields(name):
    """The form fields of an SSE upload of `name` that neither forces a restart nor waits for one."""
    return {"filename": name, "uploadType": "extensions", "force": "true", "restartExtensionServer": "false"}
