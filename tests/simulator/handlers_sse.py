# -*- coding: utf-8 -*-
"""Server-side extension files: list, download, delete one, deleteFiles."""

from __future__ import annotations

from urllib.parse import unquote

from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from .handlers_restart import change_answer
from .http import ApiError, add_links, environment, json_response, read_json

SSE = "/ccadmin/v1/serverExtensions"
NOT_DELETED = "File could not be deleted."


def page(store, request, names, item):
    """One page of a list: offset/limit, capped at config.page_cap."""
    try:
        offset = int(request.args.get("offset", 0))
        limit = int(request.args.get("limit", 250))
    except ValueError:
        raise ApiError(400, "13014", "offset and limit must be integers") from None
    if offset < 0 or limit < 1:
        raise ApiError(400, "13014", "offset must be >= 0 and limit >= 1")
    chosen = names[offset:offset + min(limit, store.config.page_cap)]
    extra = []
    if offset + len(chosen) < len(names):
        extra.append({"rel": "next", "href": "%s?offset=%d&limit=%d" % (request.path, offset + len(chosen), limit)})
    if offset > 0:
        extra.append({"rel": "prev", "href": "%s?offset=%d&limit=%d" % (request.path, max(0, offset - limit), limit)})
    body = {"items": [item(name) for name in chosen], "offset": offset, "limit": limit, "totalResults": len(names)}
    return add_links(body, store.config, request.full_path.rstrip("?"), extra)


def list_sses(store, request):
    if "q" in request.args:
        raise ApiError(400, "33108", 'The "q" param is not allowed.')
    env = environment(request.args.get("environmentType"))
    text = request.args.get("filter") or ""
    with store.lock:
        names = sorted(name for name in store.sses[env] if text in name)
        return json_response(page(store, request, names, lambda name: store.listing_item(env, name)))


def not_found(name):
    # seen: 404 for an absent file; assumed: the errorCode
    return ApiError(404, "33116", "server extension %s not found" % name)


def download(store, request, name):
    env = environment(request.args.get("environmentType"))
    with store.lock:
        if name not in store.sses[env]:
            raise not_found(name)
        handle = open(store.sse_path(env, name), "rb")  # pylint: disable=consider-using-with
        size = store.sses[env][name]["size"]
    # rec: the registry's responseType for doGetSSEFile
    return Response(wrap_file(request.environ, handle, 1024 * 1024), mimetype="application/x-zip-compressed", direct_passthrough=True,
                    headers={"Content-Length": str(size), "Content-Disposition": "attachment; filename=%s" % name})


def delete(store, request, name):
    # seen: clients also DELETE the listing's path (serverExtensions/x.zip), as deleteFiles accepts it
    name = bare_name(name)
    env = environment(request.args.get("environmentType"))
    with store.lock:
        if name not in store.sses[env]:
            if store.config.absent_delete == "33115":
                raise ApiError(400, "33115", NOT_DELETED)
            raise not_found(name)
        if name in store.config.undeletable:
            raise ApiError(400, "33115", NOT_DELETED)  # doc: the code; assumed: the HTTP status
        store.delete_sse(env, name)
    return change_answer(store, request, env)


def bare_name(path):
    """doc: "/name.zip" (percent-encoded in the example); seen: "name.zip" and the listing's "/serverExtensions/name.zip"."""
    name = unquote(str(path)).lstrip("/")
    return name[len("serverExtensions/"):] if name.startswith("serverExtensions/") else name


def delete_files(store, request):
    body = read_json(request)
    env = environment(request.args.get("environmentType"))
    paths = body.get("paths")
    if paths is None:
        raise ApiError(400, "100301", "The paths parameter cannot be null.")
    if not isinstance(paths, list):
        raise ApiError(400, "13014", "paths must be an array of strings")
    if not paths:
        raise ApiError(400, "100302", "The paths parameter cannot be empty.")
    failed = []
    with store.lock:
        for path in paths:
            name = bare_name(path)
            if name not in store.sses[env] or name in store.config.undeletable:
                failed.append({"errorCode": "33115", "message": NOT_DELETED, "status": "400", "o:errorPath": str(path)})
            else:
                store.delete_sse(env, name)
    if failed:
        # assumed: the files that could be deleted are gone; the errors name the others
        raise ApiError(400, "100307", "One or more files could not be deleted.", errors=failed)
    return change_answer(store, request, env)
