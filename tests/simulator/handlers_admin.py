# -*- coding: utf-8 -*-
"""Authentication, extension server restarts, extensions and storefront framework endpoints."""

from __future__ import annotations

from .http import ApiError, json_response, links, read_json
from .state import now_iso

NOT_AUTHENTICATED = (401, "00001000", "The user is not authenticated")
RESTART_ACCEPTED = "The extension server restart request has been accepted. Please use the workRequestId to track the restart status."


def bearer(request):
    header = request.headers.get("Authorization", "")
    return header[len("Bearer "):].strip() if header.startswith("Bearer ") else None


# Authentication

def login(store, request):
    if request.mimetype != "application/x-www-form-urlencoded":
        raise ApiError(400, "13014", "login needs Content-Type: application/x-www-form-urlencoded")
    if request.form.get("grant_type") != "client_credentials":
        raise ApiError(400, "13014", "grant_type must be client_credentials")
    if bearer(request) != store.app_key:
        raise ApiError(*NOT_AUTHENTICATED)
    return _token_answer(store)


def _token_answer(store):
    body = {"access_token": store.issue_token(), "token_type": "bearer"}
    if store.config.login_expires_in:
        body["expires_in"] = int(store.config.token_ttl)
    return json_response(body)


def refresh(store, request):
    store.revoke(bearer(request))
    return _token_answer(store)


def logout(store, request):
    store.revoke(bearer(request))
    return json_response({"result": True})


def verify(store, request):  # pylint: disable=unused-argument
    return json_response({}, headers={"oraclecommercecloud-version": "25.10.1-sim"})


def push(store, request):  # pylint: disable=unused-argument
    return json_response(None, 204)


# Restarts

def restart(store, request):
    read_json(request, unsupported_status=415)
    work_id = store.start_restart()
    if request.args.get("trackProgress", "").lower() == "true":
        return json_response({"message": RESTART_ACCEPTED, "workRequestId": work_id, "links": links(request.path)}, 202)
    return json_response(None, 204)


def restart_status(store, request):
    work_id = request.args.get("workRequestId")
    if not work_id:
        raise ApiError(400, "14002", "workRequestId is required")
    with store.lock:
        work = store.work_requests.get(work_id)
        if work is None:
            raise ApiError(404, "14000", "the status of work request %s cannot be fetched" % work_id)
        state, percentage = store.restart_state(work)
    message = state + ("." if store.config.status_period else "")
    return json_response({"workRequestId": work_id, "message": message, "completionPercentage": percentage,
                          "links": links(request.full_path)})


# Extensions

def _extension(store, extension_id):
    for extension in store.extensions:
        if extension["repositoryId"] == extension_id:
            return extension
    raise ApiError(404, "91017", "Extension not found.")


def list_extensions(store, request):  # pylint: disable=unused-argument
    with store.lock:
        return json_response({"items": [dict(item) for item in store.extensions], "links": links("/ccadmin/v1/extensions")})


def process_extension(store, request, extension_id):
    op = read_json(request).get("op")
    if op not in ("activate", "deactivate"):
        raise ApiError(400, "13014", "op must be activate or deactivate")
    with store.lock:
        extension = _extension(store, extension_id)
        if op == "deactivate" and not extension["enabled"]:
            raise ApiError(400, "91020", "Extension is already inactive.")
        extension["enabled"] = op == "activate"
        extension["modificationTime"] = now_iso()
        if op == "activate":
            extension["installedTime"] = extension["modificationTime"]
    return json_response({"success": True, "links": links(request.path)})


def delete_extension(store, request, extension_id):  # pylint: disable=unused-argument
    with store.lock:
        extension = _extension(store, extension_id)
        if extension["enabled"]:
            raise ApiError(400, "91004", "an active extension cannot be deleted: deactivate it first")
        store.extensions.remove(extension)
    return json_response(None, 204)


def create_extension(store, request):
    name = read_json(request).get("name")
    with store.lock:
        if not name or name not in store.sses["live"]:
            raise ApiError(404, "20307", "File not found")
    return json_response({"success": True, "warnings": [], "error": []})


# Storefront framework

def has_previous(site):
    return site.get("previousVersion") not in (None, "", '""')


def _sites(store, request):
    """The sites a call is about: the named one, or (rollback without siteId) every active one."""
    site_id = request.args.get("siteId")
    if site_id:
        if site_id not in store.sites:
            raise ApiError(404, "30105", "Site not found.")
        return site_id, [store.sites[site_id]]
    return store.default_site, [site for site in store.sites.values() if site.get("active")]


def _versions(site):
    return {"currentVersion": site["currentVersion"], "previousVersion": site.get("previousVersion"),
            "storefrontVersion": site["storefrontVersion"]}


def storefront_versions(store, request):
    site_id = request.args.get("siteId") or store.default_site
    with store.lock:
        if site_id not in store.sites:
            raise ApiError(404, "30105", "Site not found.")
        return json_response(_versions(store.sites[site_id]))


def rollback(store, request):
    with store.lock:
        shown_id, sites = _sites(store, request)
        if request.args.get("siteId") is None:
            # assumed: rolling back every active site skips the sites that have no previous version
            sites = [site for site in sites if has_previous(site)]
        if not sites or any(not has_previous(site) for site in sites):
            raise ApiError(400, "30106", "Unable to rollback to previous version: there is no previous version.")
        messages = []
        for site in sites:
            if site["currentVersion"] == site["previousVersion"]:
                messages.append("%s already in previous Version." % site["id"])
            else:
                site["currentVersion"] = site["previousVersion"]
                messages.append("%s rolled back to %s." % (site["id"], site["currentVersion"]))
        shown = store.sites[shown_id]
        return json_response(dict(_versions(shown), success=True, UpgradeMessage=" ".join(messages)))


def upgrade(store, request):
    with store.lock:
        shown_id, sites = _sites(store, request)
        for site in sites:
            if site["currentVersion"] != site["storefrontVersion"]:
                site["previousVersion"] = site["currentVersion"]
                site["currentVersion"] = site["storefrontVersion"]
        return json_response(dict(_versions(store.sites[shown_id]), success=True, UpgradeMessage="Upgraded."))
