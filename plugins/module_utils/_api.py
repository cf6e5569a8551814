# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One small function per Admin API endpoint (see docs/api-model.md), returning plain data.

Nothing here decides anything: modules read state with these functions and decide.
"""

from __future__ import annotations

SSE_PATH = "/ccadmin/v1/serverExtensions"
RESTART_PATH = "/ccadmin/v1/servers/restart"
RESTART_STATUS_PATH = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"
EXTENSIONS_PATH = "/ccadmin/v1/extensions"
STOREFRONT_PATH = "/ccadmin/v1/jsframeworkadmin"


def _flag(value):
    return "true" if value else "false"


def _env(environment_type):
    return {"environmentType": environment_type} if environment_type else {}


# Server-side extensions

def list_sses(client, environment_type=None, name_filter=None):
    params = _env(environment_type)
    if name_filter:
        params["filter"] = name_filter
    return list(client.paginate(SSE_PATH, params=params))


def find_sse(client, name, environment_type=None):
    """The listing item of the SSE called `name`, or None. `filter` is a substring match."""
    for item in list_sses(client, environment_type, name_filter=name):
        if item.get("name") == name:
            return item
    return None


def download_sse(client, name, environment_type=None, chunk_size=1024 * 1024):
    return client.download("%s/%s" % (SSE_PATH, name), params=_env(environment_type), chunk_size=chunk_size)


def upload_sse(client, src, name, force, restart, environment_type=None):
    fields = {
        "filename": name,
        "uploadType": "extensions",
        "force": _flag(force),
        "restartExtensionServer": _flag(restart),
        "trackProgress": _flag(restart),
    }
    if environment_type:
        fields["environmentType"] = environment_type
    # With force=true the upload replaces whatever a failed attempt left, so a retry is safe.
    return client.upload(SSE_PATH, src, "fileUpload", fields, filename=name, idempotent=force)


def _restart_params(restart, environment_type):
    params = {"restartExtensionServer": _flag(restart), "trackProgress": _flag(restart)}
    params.update(_env(environment_type))
    return params


def delete_sse(client, name, restart, environment_type=None):
    """Delete one SSE. Returns the answer body, or None when it was already gone (404)."""
    response = client.delete("%s/%s" % (SSE_PATH, name), params=_restart_params(restart, environment_type),
                             ok_statuses=(404,))
    if response.status_code == 404:
        return None
    return _json_or_empty(response)


def delete_sses(client, names, restart, environment_type=None):
    body = {"paths": ["/" + name for name in names]}
    return client.post_json(SSE_PATH + "/deleteFiles", body, params=_restart_params(restart, environment_type))


def promote_sses(client, names):
    return client.post_json(SSE_PATH + "/promoteFiles", {"paths": ["/" + name for name in names]})


def promote_status(client):
    return client.get_json(SSE_PATH + "/promoteStatus")


# Extension server restarts

def restart_server(client, environment_type=None):
    """Start a restart with progress tracking; the server wants a JSON body, `{}` at least."""
    return client.post_json(RESTART_PATH, _env(environment_type), params={"trackProgress": "true"})


def restart_status(client, work_request_id):
    return client.get_json(RESTART_STATUS_PATH, params={"workRequestId": work_request_id})


# Extensions

def list_extensions(client):
    return client.get_json(EXTENSIONS_PATH).get("items", [])


def process_extension(client, extension_id, op):
    # Activating an active extension re-installs it, so the POST is not idempotent.
    return client.post_json("%s/%s" % (EXTENSIONS_PATH, extension_id), {"op": op})


# Storefront framework

def _site(site_id):
    return {"siteId": site_id} if site_id else {}


def storefront_versions(client, site_id=None):
    return client.get_json(STOREFRONT_PATH, params=_site(site_id))


def rollback_storefront(client, site_id=None):
    return client.post_json(STOREFRONT_PATH + "/rollbackVersion", None, params=_site(site_id))


def _json_or_empty(response):
    if not response.content:
        return {}
    try:
        return response.json()
    except ValueError:
        return {}
