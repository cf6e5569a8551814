# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The calls, in order, each compared with the model and turned into one table row.

Everything here reads: GETs, and POSTs to login, refresh, verify and logout (the wire refuses others).
Messages name what to change as the caller names it (the wire's `words`: a command line or a module).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from ansible_collections.commerce.admin.plugins.module_utils._contract import shapes, tokens, unsettled, variables
from ansible_collections.commerce.admin.plugins.module_utils._client import PROFILE_HEADERS
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._contract.table import INFO, MISMATCH, OK, SKIPPED, Row
from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import ADMIN

SSE = ADMIN + "/serverExtensions"
SERVERS = "/ccadminx/custom/v1/servers"
STATUS = SERVERS + "/restartWorkRequestStatus"
LOGS = "/ccadminx/custom/v1/logs"  # the newer doc pages and every client; the reference names /ccadmin/v1/logs
VERSION_HEADER = "oraclecommercecloud-version"
MAX_PAGES = 10000


class KeyRefused(CommerceError):
    """Login answered 401/403: the key is wrong or not an application key; a usage error, not a deviation."""


@dataclass
class Options:
    """What the user asked for on the command line (never the key)."""

    page_size: int = 2
    site_id: str | None = None
    environment_type: str | None = None
    work_request_id: str | None = None


@dataclass
class Run:
    """One contract run: the wire (which also hides the secrets), the current token and the rows so far."""

    wire: object
    options: Options
    key: str
    token: str | None = None
    rows: list = field(default_factory=list)
    first_file: tuple | None = None
    listing_failed: bool = False
    before_refresh: str | None = None      # the token a refresh replaced
    extension_items: list | None = None   # the extension listing, once read

    def row(self, call, request, expected, got, problems=()):
        result = MISMATCH if problems else OK
        text = got if not problems else "; ".join(problems) + ((" | " + got) if got else "")
        self.rows.append(Row(call, request, expected, self.wire.redact(text), result))

    def info(self, call, request, expected, got):
        """What no public source settles: shown as found, never a MISMATCH."""
        self.rows.append(Row(call, request, expected, self.wire.redact(got), INFO))

    def skip(self, call, request, expected, why):
        self.rows.append(Row(call, request, expected, why, SKIPPED))

    def env_params(self):
        return {"environmentType": self.options.environment_type} if self.options.environment_type else {}

    def env_query(self, joiner):
        return joiner + "environmentType=" + self.options.environment_type if self.options.environment_type else ""


def _status(response, expected=200):
    """[] when the status is the expected one, else a phrase describing the answer."""
    return [] if response.status_code == expected else ["expected %d, got %s" % (expected, shapes.answer(response))]


def login(run):
    request = "POST %s/login" % ADMIN
    expected = "200 " + shapes.LOGIN.describe()
    response = run.wire.post("login", ADMIN + "/login", run.key, data={"grant_type": "client_credentials"},
                             headers=dict(PROFILE_HEADERS))
    if response.status_code in (401, 403):
        raise KeyRefused("the instance refused the application key (%s): check %s"
                         % (run.wire.redact(shapes.answer(response)), run.wire.words.key))
    body = shapes.json_body(response)
    problems = _status(response) or shapes.LOGIN.problems(body)
    if problems:
        return run.row("login", request, expected, "", problems)
    run.token = body["access_token"]
    run.wire.hide(run.token)
    expires_in = body.get("expires_in")
    got = "200; token_type %s; %s" % (body["token_type"], tokens.describe(run.token, expires_in))
    run.row("login", request, expected, got)


def refresh(run):
    request = "POST %s/refresh  body {}" % ADMIN
    expected = "200 " + shapes.REFRESH.describe()
    response = run.wire.post("refresh", ADMIN + "/refresh", run.token, json={})
    body = shapes.json_body(response)
    problems = _status(response) or shapes.REFRESH.problems(body)
    if problems:
        return run.row("refresh", request, expected, "", problems)
    run.before_refresh, run.token = run.token, body["access_token"]  # the old token may be revoked now
    run.wire.hide(run.token)
    run.row("refresh", request, expected, "200; new token: %s" % tokens.describe(run.token, body.get("expires_in")))


def verify(run):
    request = "POST %s/verify" % ADMIN
    expected = "200 %s; %s header" % (shapes.VERIFY.describe(), VERSION_HEADER)
    response = run.wire.post("verify", ADMIN + "/verify", run.token)
    problems = _status(response) or shapes.VERIFY.problems(shapes.json_body(response))
    version = response.headers.get(VERSION_HEADER)
    got = "%s %s" % (VERSION_HEADER, version) if version else "no %s header (seen, not doc: fine)" % VERSION_HEADER
    run.row("verify", request, expected, ("200; success true; " + got) if not problems else got, problems)


def _check_items(items, offset):
    """Problems of one page's items, and the first file seen (name, size)."""
    problems, first = [], None
    for index, item in enumerate(items):
        shape = shapes.SSE_FOLDER if isinstance(item, dict) and "type" not in item else shapes.SSE_FILE
        found = shape.problems(item, "items[%d] " % (offset + index))
        problems += found
        if first is None and shape is shapes.SSE_FILE and not found:
            first = (item["name"], item["size"])
    return problems, first


def _offsets(asked):
    shown = [str(offset) for offset in asked]
    return ",".join(shown) if len(shown) <= 6 else ",".join(shown[:3] + ["..", shown[-1]])


def _pages(run, seen):
    """Ask page after page until offset + len(items) >= totalResults; fill `seen`, return the problems."""
    size, offset = run.options.page_size, 0
    while len(seen["asked"]) < MAX_PAGES:
        seen["asked"].append(offset)
        response = run.wire.get("list SSEs", SSE, run.token, params=dict(run.env_params(), offset=offset, limit=size))
        body = shapes.json_body(response)
        problems = _status(response) or shapes.SSE_PAGE.problems(body, "page at offset %d: " % offset)
        if problems:
            return problems
        items, total = body["items"], body["totalResults"]
        if "offset" in body and body["offset"] != offset:
            problems.append("asked offset %d, the page says offset %s" % (offset, body["offset"]))
        if seen["total"] is not None and total != seen["total"]:
            problems.append("totalResults changed from %d to %d between pages" % (seen["total"], total))
        item_problems, first = _check_items(items, offset)
        problems += item_problems
        run.first_file = run.first_file or first
        seen["names"] += [item.get("name") for item in items if isinstance(item, dict)]
        seen["checksums"] |= {shapes.kind_of(item["checksum"]) for item in items if isinstance(item, dict) and "checksum" in item}
        seen["largest"] = max(seen["largest"], len(items))
        seen["total"] = total
        if problems or offset + len(items) >= total:
            return problems
        if not items:
            return ["empty page at offset %d although totalResults is %d" % (offset, total)]
        offset += len(items)
    return ["still paging after %d pages" % MAX_PAGES]


def list_sses(run):
    """Page through the SSE list with a small limit, following offset until every item is seen."""
    size = run.options.page_size
    expected = ("200 pages %s; files %s; folders %s; page until offset+len(items) >= totalResults; counts agree"
                % (shapes.SSE_PAGE.describe(False), shapes.SSE_FILE.describe(False), shapes.SSE_FOLDER.describe()))
    seen = {"asked": [], "names": [], "checksums": set(), "total": None, "largest": 0}
    problems = _pages(run, seen)
    names, total = seen["names"], seen["total"]
    if not problems and len(names) != total:
        problems.append("%d items listed, totalResults says %s" % (len(names), total))
    if not problems and len(set(names)) != len(names):
        problems.append("a name on two pages: offset is not honoured")
    run.listing_failed = bool(problems)
    got = "%d page(s); %d SSE(s), totalResults %s" % (len(seen["asked"]), len(names), total)
    if seen["checksums"]:
        got += "; checksum as %s" % "/".join(sorted(seen["checksums"]))
    if seen["largest"] > size:
        got += "; pages hold up to %d items although limit=%d" % (seen["largest"], size)
    request = "GET %s?offset=%s&limit=%d%s" % (SSE, _offsets(seen["asked"]), size, run.env_query("&"))
    run.row("list SSEs", request, expected, ("200; " + got) if not problems else got, problems)


def download(run):
    expected = "200 zip: starts with PK, byte count = listed size"
    if run.first_file is None:
        why = "the SSE listing failed" if run.listing_failed else "no SSE file listed, nothing to download"
        return run.skip("download SSE", "GET %s/<name>.zip" % SSE, expected, why)
    name, size = run.first_file
    path = "%s/%s" % (SSE, quote(name, safe=""))
    request = "GET " + path + run.env_query("?")
    response = run.wire.get("download SSE", path, run.token, params=run.env_params(), stream=True)
    if response.status_code != 200:
        problems = _status(response)
        response.close()
        return run.row("download SSE", request, expected, "", problems)
    count, head = run.wire.drain("download SSE", response)
    problems = []
    if count != size:
        problems.append("%d bytes, the listing says %d" % (count, size))
    if not head.startswith(b"PK"):
        problems.append("does not start with PK: not a zip")
    content_type = response.headers.get("Content-Type", "none")
    run.row("download SSE", request, expected, "200; %d bytes = listed size; PK; Content-Type %s" % (count, content_type), problems)


def extensions(run):
    request = "GET %s/extensions" % ADMIN
    expected = "200 %s; items %s" % (shapes.EXTENSIONS.describe(), shapes.EXTENSION.describe())
    response = run.wire.get("list extensions", ADMIN + "/extensions", run.token)
    body = shapes.json_body(response)
    problems = _status(response) or shapes.EXTENSIONS.problems(body)
    items = body["items"] if not problems else []
    run.extension_items = items if not problems else None
    for index, item in enumerate(items):
        problems += shapes.EXTENSION.problems(item, "items[%d] " % index)
    enabled = sum(1 for item in items if isinstance(item, dict) and item.get("enabled") is True)
    run.row("list extensions", request, expected, "200; %d extension(s), %d enabled" % (len(items), enabled) if not problems else "", problems)


def storefront(run):
    params = {"siteId": run.options.site_id} if run.options.site_id else None
    request = "GET %s/jsframeworkadmin%s" % (ADMIN, "?siteId=" + run.options.site_id if params else "")
    expected = "200 %s (previousVersion may be \"\" or null); Storefront Classic only" % shapes.STOREFRONT.describe()
    response = run.wire.get("storefront versions", ADMIN + "/jsframeworkadmin", run.token, params=params)
    body = shapes.json_body(response)
    problems = _status(response) or shapes.STOREFRONT.problems(body)
    got = "" if problems else "200; current %s, previous %s, latest %s" % (
        body["currentVersion"], _version(body.get("previousVersion", "absent")), body["storefrontVersion"])
    run.row("storefront versions", request, expected, got, problems)


def _version(value):
    return "none (%s)" % ("null" if value is None else repr(value)) if value in (None, "", '""') else value


def preview(run):
    request = "GET %s/preview" % SSE
    expected = "200 " + shapes.PREVIEW.describe()
    response = run.wire.get("SSE preview status", SSE + "/preview", run.token)
    body = shapes.json_body(response)
    problems = _status(response) or shapes.PREVIEW.problems(body)
    got = "" if problems else "200; previewEnabled %s, progress %s" % (str(body["previewEnabled"]).lower(), body["progress"])
    run.row("SSE preview status", request, expected, got, problems)


def promote_status(run):
    request = "GET %s/promoteStatus" % SSE
    expected = "200 " + shapes.PROMOTE_STATUS.describe()
    response = run.wire.get("SSE promote status", SSE + "/promoteStatus", run.token)
    body = shapes.json_body(response)
    problems = _status(response) or shapes.PROMOTE_STATUS.problems(body)
    if problems:
        return run.row("SSE promote status", request, expected, "", problems)
    flags = [name for name in shapes.ROLLED_BACK if name in body] or ["no rolled-back flag"]
    run.row("SSE promote status", request, expected, "200; state %s, success %s; %s" % (
        body["state"], str(body["success"]).lower(), ", ".join(flags)))


def publish_status(run):
    request = "GET %s/publish?lastPublished=true" % ADMIN
    expected = "200 " + shapes.PUBLISH_STATUS.describe()
    response = run.wire.get("publish status", ADMIN + "/publish", run.token, params={"lastPublished": "true"})
    body = shapes.json_body(response)
    problems = _status(response) or shapes.PUBLISH_STATUS.problems(body)
    got = "" if problems else "200; publishRunning %s, last publish %s, %s change(s), errorPhase %s" % (
        str(body["publishRunning"]).lower(), body.get("publishId") or "none", body.get("numberOfChanges", "?"), body.get("errorPhase"))
    run.row("publish status", request, expected, got, problems)


def restart_status(run):
    expected = "200 " + shapes.RESTART_STATUS.describe()
    work_id = run.options.work_request_id
    if not work_id:
        return run.skip("restart status", "GET %s?workRequestId=<id>" % STATUS, expected, "no %s given" % run.wire.words.work_request_id)
    request = "GET %s?workRequestId=%s" % (STATUS, work_id)
    response = run.wire.get("restart status", STATUS, run.token, params={"workRequestId": work_id})
    body = shapes.json_body(response)
    problems = _status(response) or shapes.RESTART_STATUS.problems(body)
    if shapes.error_code(body) == "14000":
        problems.append("is the %s right?" % run.wire.words.work_request_id)
    if not problems and body["workRequestId"] != work_id:
        problems.append("answers workRequestId %s" % body["workRequestId"])
    got = "" if problems else "200; message %r, %d %%" % (body["message"], body["completionPercentage"])
    run.row("restart status", request, expected, got, problems)


def restart_path(run):
    """Prove, without restarting anything, that the restart API lives under /ccadminx/custom/v1/servers/."""
    request = "GET %s  (no workRequestId)" % STATUS
    expected = "4xx errorCode %s: the path exists and wants a workRequestId" % shapes.MISSING_WORK_REQUEST_ID
    response = run.wire.get("restart API path", STATUS, run.token)
    code = shapes.error_code(shapes.json_body(response))
    problems = []
    if response.status_code == 404 and code is None:
        problems.append("404 without errorCode: the restart API does not exist under %s/ on this instance" % SERVERS)
    elif not 400 <= response.status_code < 500 or code != shapes.MISSING_WORK_REQUEST_ID:
        problems.append("expected 4xx errorCode %s, got %s" % (shapes.MISSING_WORK_REQUEST_ID, shapes.answer(response)))
    run.row("restart API path", request, expected, "%d errorCode %s" % (response.status_code, code) if not problems else "", problems)


def logs_tail(run):
    """The extension server's error tail of today: its shape only; the log's text is never shown (it may hold secrets)."""
    params = dict(run.env_params(), loggingLevel="error")
    request = "GET %s/tail?loggingLevel=error%s" % (LOGS, run.env_query("&"))
    expected = "200 %s; the day defaults to today" % shapes.LOGS_TAIL.describe()
    response = run.wire.get("logs tail", LOGS + "/tail", run.token, params=params)
    body = shapes.json_body(response)
    problems = _status(response) or shapes.LOGS_TAIL.problems(body)
    if problems:
        return run.row("logs tail", request, expected, "", problems)
    data = body.get("logData")
    run.row("logs tail", request, expected, "200; " + ("no logData (an empty log)" if data is None else "logData %d line(s)" % len(data.splitlines())))


def logout(run):
    request = "POST %s/logout" % ADMIN
    expected = "200 " + shapes.LOGOUT.describe()
    response = run.wire.post("logout", ADMIN + "/logout", run.token)
    problems = _status(response) or shapes.LOGOUT.problems(shapes.json_body(response))
    run.row("logout", request, expected, "200; result true" if not problems else "", problems)


# (call, request shown when skipped, function): the order of the table.
AFTER_LOGIN = (
    ("refresh", "POST %s/refresh" % ADMIN, refresh),
    ("token after refresh", "POST %s/verify" % ADMIN, unsettled.old_token),
    ("empty-form refresh", "POST %s/refresh" % ADMIN, unsettled.empty_form_refresh),
    ("verify", "POST %s/verify" % ADMIN, verify),
    ("list SSEs", "GET " + SSE, list_sses),
    ("doubled slashes", "GET %s//serverExtensions" % ADMIN, unsettled.doubled_slashes),
    ("download SSE", "GET %s/<name>.zip" % SSE, download),
    ("list extensions", "GET %s/extensions" % ADMIN, extensions),
    ("extension fields", "GET %s/extensions" % ADMIN, unsettled.extension_fields),
    ("extension IDs", "GET %s/applicationIds" % ADMIN, unsettled.extension_ids),
    ("storefront versions", "GET %s/jsframeworkadmin" % ADMIN, storefront),
    ("SSE preview status", "GET %s/preview" % SSE, preview),
    ("SSE promote status", "GET %s/promoteStatus" % SSE, promote_status),
    (variables.CALL, "GET " + variables.PATH, variables.list_variables),
    ("publish status", "GET %s/publish?lastPublished=true" % ADMIN, publish_status),
    ("pending changes", "GET %s/publish/changes" % ADMIN, unsettled.publish_changes),
    ("restart status", "GET " + STATUS, restart_status),
    ("restart API path", "GET " + STATUS, restart_path),
    ("logs tail", "GET %s/tail" % LOGS, logs_tail),
)
LOGOUT = ("logout", "POST %s/logout" % ADMIN, logout)


def run_all(wire, options, key):
    """Every call in order; returns the rows. Logs out whenever it logged in, even after a failure."""
    run = Run(wire, options, key)
    login(run)
    if run.token is None:
        for call, request, dummy in AFTER_LOGIN + (LOGOUT,):
            run.skip(call, request, "", "no token: login did not succeed")
        return run.rows
    try:
        for dummy, dummy, step in AFTER_LOGIN:
            step(run)
    finally:
        logout(run)
    return run.rows
