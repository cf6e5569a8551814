# -*- coding: utf-8 -*-
"""The WSGI application: routing, the API's request rules, faults and the journal."""

from __future__ import annotations

import re
import socket
import time

from werkzeug.wrappers import Request

from . import control, handlers_admin as admin, handlers_auth as auth, handlers_preview as preview, handlers_restart as restarts
from . import handlers_extension_ids as ids, handlers_files as files, handlers_settings as settings, handlers_sites as sites
from . import handlers_logs as logs, handlers_sse as sse, handlers_upload as uploads
from . import handlers_publish as publishing
from . import handlers_variables as variables
from .http import NOT_FOUND, SERVER_VERSION, ApiError, error_body, error_response, json_response, outage_response
from .journal import Journal, new_entry, record_json

SSE = r"/ccadmin/v1/serverExtensions"
SERVERS = r"/ccadminx/custom/v1/servers"  # guide, rec: there is no /ccadmin/v1/servers/* on a real instance
ROUTES = [
    ("POST", r"/ccadmin/v1/login/?", auth.login),  # seen: the vendor's DCU posts to /login/
    ("POST", r"/ccadmin/v1/refresh", auth.refresh),
    ("POST", r"/ccadmin/v1/logout", auth.logout),
    ("POST", r"/ccadmin/v1/verify", auth.verify),
    ("GET", SSE, sse.list_sses),
    ("POST", SSE, uploads.upload),
    ("POST", SSE + r"/deleteFiles", sse.delete_files),
    ("GET", SSE + r"/preview", preview.preview_status),
    ("POST", SSE + r"/preview/enable", preview.preview_enable),
    ("POST", SSE + r"/promoteFiles", preview.promote),
    ("GET", SSE + r"/promoteStatus", preview.promote_status),
    ("GET", SSE + r"/(?P<name>.+)", sse.download),
    ("DELETE", SSE + r"/(?P<name>.+)", sse.delete),  # doc: path parameter {id:.*}
    ("POST", SERVERS + r"/restart", restarts.restart),
    ("GET", SERVERS + r"/restartWorkRequestStatus", restarts.restart_status),
    ("POST", SERVERS + r"/push", restarts.push),  # also what the SSE variables' running values follow
    # doc pages name /ccadmin/v1/logs, the newer ones and every client /ccadminx/custom/v1/logs (docs/api-model.md)
    ("GET", r"/ccadminx/custom/v1/logs", logs.get_logs),
    ("GET", r"/ccadminx/custom/v1/logs/tail", logs.get_tail),
    ("PUT", r"/ccadmin/v1/files", files.start_upload),
    ("POST", r"/ccadmin/v1/files", files.upload_multipart),
    ("POST", r"/ccadmin/v1/files/(?P<token>[^/]+)", files.upload_segment),
    ("PUT", r"/ccadmin/v1/files/(?P<token>[^/]+)", files.resume_upload),
    ("GET", r"/file/(?P<path>.+)", files.download),  # seen: the zip behind a listing's zipPath
    ("GET", r"/ccadmin/v1/extensions", admin.list_extensions),
    ("POST", r"/ccadmin/v1/extensions", admin.create_extension),
    # rec: createExtensionID; before processExtension, so that "id" is not taken for an extension's id
    ("POST", r"/ccadmin/v1/extensions/id", ids.create_extension_id),
    ("POST", r"/ccadmin/v1/extensions/(?P<extension_id>[^/]+)", admin.process_extension),
    ("DELETE", r"/ccadmin/v1/extensions/(?P<extension_id>[^/]+)", admin.delete_extension),
    ("GET", r"/ccadmin/v1/applicationIds", ids.list_application_ids),
    ("POST", r"/ccadmin/v1/applicationIds", ids.create_application_id),
    ("GET", r"/ccadmin/v1/applicationIds/(?P<ident>[^/]+)", ids.get_application_id),
    ("DELETE", r"/ccadmin/v1/applicationIds/(?P<ident>[^/]+)", ids.delete_application_id),
    ("GET", r"/ccadmin/v1/sites", sites.list_sites),  # seen: occ-tools lists the production sites
    ("GET", r"/ccadmin/v1/sitesettings/(?P<settings_id>[^/]+)", settings.get_settings),
    ("PUT", r"/ccadmin/v1/sitesettings/(?P<settings_id>[^/]+)", settings.put_settings),
    ("POST", r"/ccadmin/v1/publish", publishing.publish),  # doc
    ("GET", r"/ccadmin/v1/publish", publishing.publish_status),  # doc: lastPublished=true reads the last one
    ("GET", r"/ccadmin/v1/publish/changes", publishing.publish_changes),  # doc, rec
    ("GET", variables.PATH, variables.list_variables),  # doc, rec: SSE environment variables
    ("POST", variables.PATH, variables.create_variable),
    ("PUT", variables.PATH + r"/(?P<variable_id>[^/]+)", variables.update_variable),
    ("DELETE", variables.PATH + r"/(?P<variable_id>[^/]+)", variables.delete_variable),
    ("GET", r"/ccadmin/v1/jsframeworkadmin", admin.storefront_versions),
    ("POST", r"/ccadmin/v1/jsframeworkadmin/rollbackVersion", admin.rollback),
    ("POST", r"/ccadmin/v1/jsframeworkadmin/upgradeVersion", admin.upgrade),
]
COMPILED = [(method, re.compile(pattern + r"\Z"), handler) for method, pattern, handler in ROUTES]
NO_AUTH = {auth.login}
LOGIN = re.compile(ROUTES[0][1] + r"\Z")
BODY_METHODS = ("POST", "PUT", "PATCH")
OVERRIDE_HEADER = "x-dw-http-method-override"
DOUBLED = re.compile(r"//+")


def routed_path(request):
    """seen: public clients send doubled slashes (/ccadmin/v1//serverExtensions/...); a real instance takes them as one."""
    return DOUBLED.sub("/", request.path)


def effective_method(request):
    """Seed 003 (OCAPI, assumed for Oracle): a POST may stand for another method; the `method` parameter wins over the header."""
    if request.method != "POST":
        return request.method
    override = request.args.get("method") or request.headers.get(OVERRIDE_HEADER)
    return override.upper() if override else "POST"


def route(method, path):
    """The handler for a method and path: the first route whose pattern and method match."""
    allowed = False
    for route_method, pattern, handler in COMPILED:
        match = pattern.match(path)
        if match:
            if route_method == method:
                return handler, match.groupdict()
            allowed = True
    if allowed:
        raise ApiError(405, "405", "method %s is not allowed on %s" % (method, path))
    raise ApiError(404, "404", "HTTP 404 not found", body=NOT_FOUND)


def auth_kind(request, store):
    token = auth.bearer(request)
    if token is None:
        return "none"
    return "app-key" if token == store.app_key else "bearer"


def drop_connection(request, after_bytes):
    """Read part of the body, then close the socket without answering."""
    if after_bytes:
        request.stream.read(after_bytes)
    sock = request.environ.get("werkzeug.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()


class SimulatorApp:
    def __init__(self, store, faults):
        self.store = store
        self.faults = faults
        self.journal = Journal()

    def __call__(self, environ, start_response):
        request = Request(environ)
        self.store.settle()  # what time has finished is done before anything is read
        if request.path.startswith("/__sim__/"):
            return control.handle(self, request)(environ, start_response)
        method = effective_method(request)
        entry = new_entry(request, method, auth_kind(request, self.store))
        response = self.dispatch(request, method, entry)
        if response is None:
            entry["status"] = 0
            self.journal.add(entry)
            # The socket is closed; the server treats this like a client that went away.
            raise ConnectionResetError("connection dropped by an injected fault")
        if not LOGIN.match(routed_path(request)):  # a login body is never recorded, whatever it claims to be
            record_json(entry, request, set(self.store.tokens.issued) | {self.store.app_key})
        entry["status"] = response.status_code
        self.journal.add(entry)
        response.headers["oraclecommercecloud-version"] = SERVER_VERSION  # seen: on every answer
        return response(environ, start_response)

    def dispatch(self, request, method, entry):
        """The response; None means the connection was dropped."""
        path = routed_path(request)
        try:
            fault = self.faults.take(method, path)
            if fault is not None:
                entry["fault"] = fault.kind
                answer = self.apply_fault(request, fault)
                if answer is not None or fault.kind == "drop":
                    return answer
            handler, kwargs = route(method, path)
            self.check_request(request, handler)
            return handler(self.store, request, **kwargs)
        except ApiError as error:
            return error_response(error)

    def apply_fault(self, request, fault):
        params = fault.params
        if fault.kind == "drop":
            drop_connection(request, params.get("after_bytes", 0))
            return None
        if fault.kind == "slow":
            time.sleep(params.get("seconds", 1.0))
        elif fault.kind == "expire_token":
            self.store.expire_tokens()
        elif fault.kind == "status":
            status = params.get("status", 500)
            headers = {"Retry-After": str(params["retry_after"])} if params.get("retry_after") is not None else None
            request.get_data()  # read the body so the client sees an answer, not a reset
            if params.get("html"):
                return outage_response(status, params.get("retry_after"))
            return json_response(error_body(status, params.get("error_code", str(status)), params.get("message", "Injected fault")),
                                 status, headers)
        return None

    def check_request(self, request, handler):
        # seed 003 (Salesforce, not Oracle) is the only source of this rule: kept for a strict gateway only
        if (self.store.config.strict_gateway and request.method in BODY_METHODS and request.content_length is None
                and "chunked" not in request.headers.get("Transfer-Encoding", "")):
            raise ApiError(411, "411", "a %s without a body must carry Content-Length: 0" % request.method)
        if handler not in NO_AUTH:
            token = auth.bearer(request)
            if not token or not self.store.token_valid(token):
                raise ApiError(*auth.NOT_AUTHENTICATED)
