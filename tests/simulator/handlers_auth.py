# -*- coding: utf-8 -*-
"""Authentication endpoints: login, refresh, logout and the verify probe."""

from __future__ import annotations

from .http import ApiError, json_response, read_json

NOT_AUTHENTICATED = (401, "00001000", "The user is not authenticated")
PROFILE_HEADER = "X-CCProfileType"


def bearer(request):
    header = request.headers.get("Authorization", "")
    return header[len("Bearer "):].strip() if header.startswith("Bearer ") else None


def login(store, request):
    """doc: a form with grant_type=client_credentials and the application key as bearer; X-CCProfileType is accepted (seen).

    seen: some clients put grant_type in the query string, with an empty body.
    """
    empty = not request.get_data(cache=True)
    if request.mimetype != "application/x-www-form-urlencoded" and not empty:
        raise ApiError(400, "13014", "login needs Content-Type: application/x-www-form-urlencoded")
    grant = request.form.get("grant_type") or request.args.get("grant_type")
    if grant != "client_credentials":
        raise ApiError(400, "13014", "grant_type must be client_credentials")
    if bearer(request) != store.app_key:
        raise ApiError(*NOT_AUTHENTICATED)
    body = {"access_token": store.issue_token(), "token_type": "bearer"}
    # doc: the example advertises 930 while app-key tokens live 5 minutes (token_ttl); None leaves it out
    if store.config.login_expires_in is not None:
        body["expires_in"] = store.config.login_expires_in
    return json_response(body)


def refresh(store, request):
    """doc: a new token for the current one; rec: requestType application/json, so a non-JSON body is 415.

    seen: clients refresh with an empty body (form-encoded or none), which a real instance takes.
    """
    if request.get_data(cache=True):
        read_json(request, unsupported_status=415)
    store.revoke(bearer(request))  # assumed: the old token stops working
    # doc: the refresh answer shows access_token and token_type only
    return json_response({"access_token": store.issue_token(), "token_type": "bearer"})


def logout(store, request):
    store.revoke(bearer(request))
    return json_response({"result": True})


def verify(store, request):  # pylint: disable=unused-argument
    """doc, rec: POST /ccadmin/v1/verify answers {"success": true}."""
    return json_response({"success": True})
