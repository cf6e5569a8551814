# -*- coding: utf-8 -*-
"""Extension server restarts under /ccadminx/custom/v1/servers/ (guide, rec), and the answer of a change that restarts."""

from __future__ import annotations

from .http import ApiError, add_links, done_response, environment, flag, json_response, read_json

RESTART_ACCEPTED = "The extension server restart request has been accepted. Please use the workRequestId to track the restart status."
DELETED = "The extension has been deleted. Please use the workRequestId to track the restart status."


def restart(store, request):
    """doc: JSON body {} or {"environmentType": ...} (non-JSON: 415, seen); 202 with trackProgress, else 204 or 200."""
    env = environment(read_json(request, unsupported_status=415).get("environmentType"))
    work_id = store.start_restart(env)
    if flag(request.args, "trackProgress", False):
        return json_response(add_links({"message": RESTART_ACCEPTED, "workRequestId": work_id}, store.config, request.full_path), 202)
    return done_response(store.config)


def restart_status(store, request):
    work_id = request.args.get("workRequestId")
    if not work_id:
        raise ApiError(400, "14002", "The value for workRequestId is missing.")
    snapshot = store.restarts_snapshot().get(work_id)
    if snapshot is None:
        raise ApiError(404, "14000", "Failed to fetch restart status.")
    # doc: "SUCCEEDED." (reference) or "SUCCEEDED" (guide); the other states are assumed
    message = snapshot["status"] + ("." if store.config.status_period else "")
    body = {"workRequestId": work_id, "message": message, "completionPercentage": snapshot["percentage"]}
    return json_response(add_links(body, store.config, request.full_path))


def push(store, request):  # pylint: disable=unused-argument
    """seen: public clients poll POST .../servers/push as an "extension server is up" probe; occ-tools v3 sends it
    to make the running extension servers pull their configuration: the SSE variables (variables.py)."""
    store.push_variables()
    return json_response(None, 204)


def change_answer(store, request, env):
    """What a delete answers (doc): 202 {message, workRequestId} when tracked, else the version's success code."""
    if flag(request.args, "restartExtensionServer", True):
        work_id = store.start_restart(env)
        if flag(request.args, "trackProgress", False):
            return json_response({"message": DELETED, "workRequestId": work_id}, 202)
    return done_response(store.config)
