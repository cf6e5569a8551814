# -*- coding: utf-8 -*-
"""The extension server's logs under /ccadminx/custom/v1/logs (doc: getExtensionServerLogs, getExtensionServerTailLogs).

doc: `loggingLevel` (required) is debug, info, warning or error; `date` (YYYYMMDD) defaults to the current
day; `environmentType` is live or preview; `format=zip` answers application/x-zip-compressed, otherwise
JSON {filename, logDate, loggingLevel, fileContents}. The tail answers {"logData"}. Assumed: the error codes
and texts of a bad level or date (400, 13014, as for the other bad parameters), and that an absent file
answers empty contents rather than an error.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from werkzeug.wrappers import Response

from .http import ApiError, environment, json_response
from .logs import LEVELS

DATE = re.compile(r"\d{8}\Z")


def _query(request):
    """(environment, date, level) of a log request, refused as the record's parameters say."""
    level = request.args.get("loggingLevel")
    if not level:
        raise ApiError(400, "13014", "loggingLevel is required: one of %s" % ", ".join(LEVELS))
    if level not in LEVELS:
        raise ApiError(400, "13014", "loggingLevel must be one of %s, not %r" % (", ".join(LEVELS), level))
    date = request.args.get("date") or datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")
    try:
        if not DATE.match(date):
            raise ValueError(date)
        datetime.datetime.strptime(date, "%Y%m%d")
    except ValueError:
        raise ApiError(400, "13014", "date must be YYYYMMDD, not %r" % date) from None
    return environment(request.args.get("environmentType")), date, level


def get_logs(store, request):
    env, date, level = _query(request)
    with store.lock:
        text = store.restarts.logs.read(env, date, level)
    filename = "%s.%s.log" % (date, level)
    if request.args.get("format") == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(filename, text)
        headers = {"Content-Disposition": 'attachment; filename="%s.%s.zip"' % (date, level)}
        return Response(buffer.getvalue(), status=200, headers=headers, mimetype="application/x-zip-compressed")
    return json_response({"filename": filename, "logDate": date, "loggingLevel": level, "fileContents": text})


def get_tail(store, request):
    env, date, level = _query(request)
    with store.lock:
        return json_response({"logData": store.restarts.logs.tail(env, date, level)})
