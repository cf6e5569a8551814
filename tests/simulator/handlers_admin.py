# -*- coding: utf-8 -*-
"""Extensions (admin UI / storefront extensions) and storefront framework endpoints."""

from __future__ import annotations

from .http import ApiError, add_links, json_response, read_json


# Extensions

def _extension(store, extension_id):
    for extension in store.extensions:
        if extension["repositoryId"] == extension_id:
            return extension
    raise ApiError(404, "91017", "Extension not found.")


def list_extensions(store, request):
    with store.lock:
        return json_response(add_links({"items": [dict(item) for item in store.extensions]}, store.config, request.path))


def process_extension(store, request, extension_id):
    op = read_json(request).get("op")
    if op not in ("activate", "deactivate"):
        raise ApiError(400, "13014", "op must be activate or deactivate")
    with store.lock:
        extension = _extension(store, extension_id)
        if op == "deactivate" and not extension["enabled"]:
            raise ApiError(400, "91020", "Extension is already inactive.")
        # doc: deactivation removes the content (widget instances go); assumed: activation restores what the zip brought
        store.extension_book.set_enabled(extension, op == "activate")
        store.note_publishable_change("extension", extension_id)
    # doc: links only in newer versions
    return json_response(add_links({"success": True}, store.config, request.path))


def delete_extension(store, request, extension_id):  # pylint: disable=unused-argument
    """doc: only a deactivated extension (91018 otherwise); 204; assumed: 400 for 91018, as for 91020."""
    with store.lock:
        extension = _extension(store, extension_id)
        if extension["enabled"]:
            raise ApiError(400, "91018", "Attempted to delete an active extension.")
        store.extension_book.delete(extension)
    return json_response(None, 204)


# doc: createExtension's 400 example
BAD_REQUEST = {"message": "HTTP 400 Bad Request", "type": "HTTP://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4", "status": "400"}


def create_extension(store, request):
    """doc (seed 002): {"name": "<file in /extensions/>"} validates and installs an uploaded zip.

    A refused extension answers 200 {"success": false, "errors": [...]} (doc schema; "error" is the
    example's spelling, config.create_errors_field), or the doc's 400 (config.extension_rejection).
    assumed: an ID not generated here, an ID already installed and a bad manifest are refused that way.
    """
    name = read_json(request).get("name")
    if not isinstance(name, str) or not name:
        raise ApiError(400, "13014", "Missing required property: name.")
    item, errors, warnings = store.install_extension(name)
    if errors is None:
        raise ApiError(404, "20307", "File not found")  # doc: "Ensure that the extension file has been uploaded"
    if item is not None:
        store.note_publishable_change("extension", item["repositoryId"])
    field = store.config.create_errors_field
    if errors and store.config.extension_rejection == "400":
        raise ApiError(400, "400", "HTTP 400 Bad Request", body=BAD_REQUEST)
    return json_response({"success": item is not None, "warnings": warnings, field: errors})


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
