# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One small function per Admin API endpoint (see docs/api-model.md), returning plain data.

Nothing here decides anything: modules read state with these functions and decide. The one
exception is reading an upload's answer, because the record documents rejections as HTTP 200.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._errors import UploadRejected, error_fields

SSE_PATH = "/ccadmin/v1/serverExtensions"
# Restarts live under /ccadminx/custom/v1 (the guide, every public client, and the endpoint
# registry of a real instance, which has no servers/* under /ccadmin/v1).
SERVERS_PATH = "/ccadminx/custom/v1/servers"
RESTART_PATH = SERVERS_PATH + "/restart"
RESTART_STATUS_PATH = SERVERS_PATH + "/restartWorkRequestStatus"
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
    """The listing item of the SSE called `name`, or None. `filter` is not documented as exact: re-check the name."""
    for item in list_sses(client, environment_type, name_filter=name):
        if item.get("name") == name:
            return item
    return None


def download_sse(client, name, environment_type=None, chunk_size=1024 * 1024):
    return client.download("%s/%s" % (SSE_PATH, name), params=_env(environment_type), chunk_size=chunk_size)


def upload_sse(client, src, name, force, restart, environment_type=None):
    """Upload one zip; the answer, or UploadRejected when the server says it stored nothing."""
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
    answer = client.upload(SSE_PATH, src, "fileUpload", fields, filename=name, idempotent=force)
    rejection = upload_rejection(answer, name)
    if rejection:
        raise UploadRejected("POST", SSE_PATH, 200, rejection["code"], rejection["message"], rejection["errors"],
                             "%s was not stored; fix the zip (the reasons are the server's) and run again" % name,
                             reasons=rejection["reasons"])
    return answer


def upload_rejection(answer, name):
    """What the server says went wrong in a 2xx upload answer, or None when it stored the file.

    An `errorCode`, `success: false`, `allFilesFailed`, or `failedFiles > 0` is a rejection
    (docs/api-model.md, "What changed", point 2).
    """
    if not isinstance(answer, dict):
        return None
    result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
    failed = result.get("failedFiles")
    any_failed = isinstance(failed, int) and not isinstance(failed, bool) and failed > 0
    rejected = any_failed or answer.get("errorCode") is not None or answer.get("success") is False or result.get("allFilesFailed") is True
    if not rejected:
        return None
    reasons = result.get("failedFilesReasons") if isinstance(result.get("failedFilesReasons"), dict) else {}
    code, message, errors = error_fields(answer)
    named = ", ".join("%s: %s" % (file_name, reason) for file_name, reason in sorted(reasons.items()))
    text = "the server rejected %s (%s)" % (name, named or message or "no reason given")
    return {"code": code, "message": text, "errors": errors, "reasons": dict(reasons)}


def _restart_params(restart, environment_type):
    params = {"restartExtensionServer": _flag(restart), "trackProgress": _flag(restart)}
    params.update(_env(environment_type))
    return params


def delete_sse(client, name, restart, environment_type=None):
    """Delete one SSE; the answer ({} for 204). An absent file may answer 404 or 33115: callers re-list."""
    return client.delete("%s/%s" % (SSE_PATH, name), params=_restart_params(restart, environment_type))


def delete_sses(client, names, restart, environment_type=None):
    body = {"paths": ["/" + name for name in names]}
    return client.post_json(SSE_PATH + "/deleteFiles", body, params=_restart_params(restart, environment_type))


def promote_sses(client, names):
    """Start promoting preview files to live; the reference wants bare file names (error 160004 otherwise)."""
    return client.post_json(SSE_PATH + "/promoteFiles", {"paths": list(names)})


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


def upgrade_storefront(client, site_id=None):
    return client.post_json(STOREFRONT_PATH + "/upgradeVersion", None, params=_site(site_id))


# Extension lifecycle: IDs, the file store, install, delete (docs/api-model.md, "Extensions")

EXTENSION_IDS_PATH = EXTENSIONS_PATH + "/id"
APPLICATION_IDS_PATH = "/ccadmin/v1/applicationIds"
FILES_PATH = "/ccadmin/v1/files"
SITES_PATH = "/ccadmin/v1/sites"
SITE_SETTINGS_PATH = "/ccadmin/v1/sitesettings"


def list_extension_ids(client):
    """The extension IDs generated on this instance; older versions answer a bare array instead of items."""
    answer = client.get_json(APPLICATION_IDS_PATH, params={"type": "extension"})
    items = answer if isinstance(answer, list) else answer.get("items") or []
    return [item for item in items if isinstance(item, dict)]


def create_extension_id(client, name):
    """Generate an extension ID (createExtensionID; the vendor's own client prefers it)."""
    return client.post_json(EXTENSION_IDS_PATH, {"name": name, "type": "extension"})


def create_application_id(client, name, id_type="extension"):
    """Generate an ID the older way (createApplicationID), for instances without createExtensionID."""
    return client.post_json(APPLICATION_IDS_PATH, {"name": name, "type": id_type})


def start_file_upload(client, filename, segments):
    """Open an upload into the file store; the answer holds its `token` and `segmentsNeeded`."""
    return client.put_json(FILES_PATH, {"filename": filename, "segments": segments})


def upload_file_segment(client, token, filename, file_path, index, offset, length):
    """Send segment `index` (`length` bytes of `file_path` from `offset`) as base64, streamed.

    Only the last segment's answer has `result`; a 2xx answer may still reject the file
    (`success` false, `result.hadSuccess` false): UploadRejected then.
    """
    path = "%s/%s" % (FILES_PATH, token)
    answer = client.send_base64_json("POST", path, {"filename": filename, "token": token, "index": index}, "file", file_path,
                                     offset=offset, length=length)
    result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
    if answer.get("success") is False or result.get("hadSuccess") is False:
        code, message, errors = error_fields(answer)
        raise UploadRejected("POST", path, 200, code, "the file store did not store %s (%s)" % (filename, message or "no reason given"),
                             errors, "nothing was installed; run again", reasons={filename: message or "hadSuccess false"})
    return answer


def create_extension(client, file_name):
    """Install the uploaded `file_name` (createExtension); the answer's `warnings`.

    The record documents rejections as 200 with `success` not true and an `errors` list (the
    example spells it `error`): UploadRejected naming the server's errors.
    """
    answer = client.post_json(EXTENSIONS_PATH, {"name": file_name})
    errors = [str(text) for text in (answer.get("errors") or answer.get("error") or []) if text]
    warnings = [str(text) for text in (answer.get("warnings") or []) if text]
    if answer.get("success") is not True or errors:
        named = "; ".join(errors) or "success is %s, no error given" % answer.get("success")
        raise UploadRejected("POST", EXTENSIONS_PATH, 200, None, "the server rejected the extension %s: %s" % (file_name, named),
                             [], "; ".join("warning: %s" % text for text in warnings) or None, reasons={file_name: named})
    return warnings


def delete_extension(client, extension_id):
    """Delete a deactivated extension (91018 while it is active, 91017 when absent)."""
    return client.delete("%s/%s" % (EXTENSIONS_PATH, extension_id))


def download_extension_zip(client, zip_path, chunk_size=1024 * 1024):
    """The installed zip at the listing's zipPath, streamed (GET /file/<zipPath>, seen in public clients)."""
    return client.download("/file/" + zip_path.lstrip("/"), chunk_size=chunk_size)


# Sites and site settings

def list_sites(client):
    """The sites; occ-tools' settings backup asks for the production ones."""
    return list(client.paginate(SITES_PATH, params={"production": "true"}))


def _site_header(site_id):
    """The header naming the site; none (the default site) for None."""
    return {"x-ccsite": site_id} if site_id else {}


def get_site_settings(client, settings_id, site_id):
    """`{"data": values, "config": ...}` of one settings ID on one site (33068 when its extension is not installed)."""
    return client.get_json("%s/%s" % (SITE_SETTINGS_PATH, settings_id), headers=_site_header(site_id))


def put_site_settings(client, settings_id, site_id, values):
    return client.put_json("%s/%s" % (SITE_SETTINGS_PATH, settings_id), values, headers=_site_header(site_id))


# Publishing (docs/api-model.md, "Publishing")

PUBLISH_PATH = "/ccadmin/v1/publish"


def publish_status(client):
    """getPublishStatus of the last publish (the running one while it runs)."""
    return client.get_json(PUBLISH_PATH, params={"lastPublished": "true"})


def publish_changes(client):
    """Every pending change item (paged like the other listings)."""
    return list(client.paginate(PUBLISH_PATH + "/changes"))


def publish(client):
    """Start publishing every pending change; the answer's `publishRunning` and `statusMessage`."""
    return client.post_json(PUBLISH_PATH, {})


# SSE environment variables (docs/api-model.md, "SSE environment variables")

VARIABLES_PATH = "/ccadmin/v1/extensionEnvironmentVariables"
PUSH_PATH = SERVERS_PATH + "/push"


def list_variables(client):
    """Every item ({id, name, value, ...}); the listing pages by offset and limit and ends where no next link is."""
    return list(client.paginate(VARIABLES_PATH))


def create_variable(client, name, value):
    """POST is not repeated on a lost answer: a second one would store the name twice."""
    return client.post_json(VARIABLES_PATH, {"name": name, "value": value})


def update_variable(client, variable_id, name, value):
    return client.put_json("%s/%s" % (VARIABLES_PATH, variable_id), {"name": name, "value": value})


def delete_variable(client, variable_id):
    """200 null, also for an id that does not exist: decide from the listing, never from this answer."""
    return client.delete("%s/%s" % (VARIABLES_PATH, variable_id))


def push_configuration(client):
    """Make the running extension server pull its configuration, the SSE variables among it (sent without a body, seen)."""
    return client.post_json(PUSH_PATH, None, idempotent=True)


# The extension server's logs (docs/api-model.md, "Extension server logs")

# The reference pages name /ccadmin/v1/logs; the newer pages and every public client use /ccadminx/custom/v1.
LOGS_PATH = "/ccadminx/custom/v1/logs"


def _log_params(level, date, environment_type):
    params = {"loggingLevel": level}
    if date:
        params["date"] = date
    params.update(_env(environment_type))
    return params


def server_log_tail(client, level, date=None, environment_type=None):
    """The tail of one day's log of one level, as text ("" when the answer has no logData)."""
    return client.get_json(LOGS_PATH + "/tail", params=_log_params(level, date, environment_type)).get("logData") or ""


def download_server_log(client, level, date=None, environment_type=None, chunk_size=64 * 1024):
    """One day's whole log of one level as a zip (format=zip), streamed in chunks."""
    params = dict(_log_params(level, date, environment_type), format="zip")
    return client.download(LOGS_PATH, params=params, chunk_size=chunk_size)
