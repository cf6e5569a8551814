# -*- coding: utf-8 -*-
"""The command line: where to serve, which profile, and every behaviour switch (each one described)."""

from __future__ import annotations

import argparse

from .config import CHOICES, PROFILES, field_names

BOOL = argparse.BooleanOptionalAction


def _int_or_none(text):
    return None if text.lower() == "none" else int(text)


def _choices(name):
    return [str(choice) for choice in CHOICES[name]]


# (flag, argparse keywords); the dest is the Config field, and an option not given leaves the profile's value
CONFIG_OPTIONS = [
    ("--token-ttl", {"type": float, "metavar": "SECONDS", "help": "how long an access token really lives (default 300: the record's 5 minutes)"}),
    ("--login-expires-in", {"type": _int_or_none, "metavar": "SECONDS|none",
                            "help": "expires_in advertised by login (default 930, the record's example); 'none' leaves the field out"}),
    ("--jwt-tokens", {"action": BOOL, "help": "issue JWT access tokens with an exp claim (default) or opaque strings"}),
    ("--page-cap", {"type": int, "metavar": "N", "help": "most items one list page holds, whatever limit asks (default 250)"}),
    ("--restart-seconds", {"type": float, "metavar": "SECONDS", "help": "how long an extension server restart takes (default 2)"}),
    ("--promote-seconds", {"type": float, "metavar": "SECONDS", "help": "how long a preview-to-live promotion takes (default 1)"}),
    ("--max-upload-bytes", {"type": int, "metavar": "BYTES", "help": "largest SSE zip accepted; larger answers 413 (default 25 MiB)"}),
    ("--success-status", {"type": int, "choices": CHOICES["success_status"],
                          "help": "answer of an untracked delete, deleteFiles or restart: 204 (current pages) or 200 {success: true} (21C-22D)"}),
    ("--links", {"action": BOOL, "help": "include links in the answers that have them (default), or leave them out everywhere"}),
    ("--status-period", {"action": BOOL, "help": "restart status messages end with a period, 'SUCCEEDED.' (default), or not"}),
    ("--absent-delete", {"choices": _choices("absent_delete"),
                         "help": "DELETE of an absent SSE answers 404 (default) or 400 with errorCode 33115"}),
    ("--checksum-format", {"choices": _choices("checksum_format"), "help": "listing checksums printed as float (default) or int"}),
    ("--promote-rolled-back-field", {"choices": _choices("promote_rolled_back_field"), "metavar": "FIELD",
                                     "help": "name of promoteStatus's rolled-back flag: %(choices)s (the schema's, default, or the example's)"}),
    ("--preview-enabled", {"action": BOOL, "help": "whether the preview environment starts enabled (default) or disabled"}),
    ("--restart-outcome", {"choices": _choices("restart_outcome"), "help": "how restarts end: succeed (default), fail, cancel or hang"}),
    ("--promote-outcome", {"choices": _choices("promote_outcome"), "help": "how promotions end: succeed (default) or fail"}),
    ("--reject-entry", {"metavar": "NAME", "help": "reject an uploaded zip holding an entry of this name (e.g. EICAR.txt); default off"}),
    ("--reject-reason", {"choices": _choices("reject_reason"), "metavar": "REASON",
                         "help": "the failedFilesReasons value of such a rejection: %(choices)s (default VIRUS_DETECTED)"}),
    ("--crash-entry", {"metavar": "NAME", "help": "a restart loading a zip holding an entry of this name ends FAILED; default off"}),
    ("--undeletable", {"metavar": "NAME", "action": "append", "help": "an SSE name that cannot be deleted (33115); repeat for more"}),
    ("--strict-gateway", {"action": BOOL, "help": "answer 411 to a bodiless POST without Content-Length, as only a strict gateway would (default off)"}),
    ("--extension-id-endpoint", {"action": BOOL, "help": "offer POST /ccadmin/v1/extensions/id (default); without it clients must use /applicationIds"}),
    ("--application-ids-shape", {"choices": _choices("application_ids_shape"),
                                 "help": "GET /applicationIds answers {items: [...]} (the schema, default) or a bare array (older examples)"}),
    ("--create-errors-field", {"choices": _choices("create_errors_field"),
                               "help": "name of createExtension's error list: errors (the schema, default) or error (the example)"}),
    ("--extension-rejection", {"choices": _choices("extension_rejection"),
                               "help": "a refused extension answers 200 success false with errors (body, default) or the doc's 400"}),
]


def parser():
    result = argparse.ArgumentParser(prog="python -m simulator", description="Commerce Admin API simulator (see docs/api-model.md)")
    serving = result.add_argument_group("serving")
    serving.add_argument("--state-dir", required=True, help="directory for the stored SSE files (created if missing)")
    serving.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback only)")
    serving.add_argument("--port", type=int, default=0, help="port to listen on; 0 picks a free one (default)")
    serving.add_argument("--seed", metavar="FILE", help="JSON seed: application key, extensions, sites, SSEs (default: the bundled seed.json)")
    serving.add_argument("--certfile", metavar="PEM", help="serve HTTPS with this certificate chain")
    serving.add_argument("--keyfile", metavar="PEM", help="the private key of --certfile")
    serving.add_argument("--url-file", metavar="FILE", help="write the URL here once listening")
    serving.add_argument("--pid-file", metavar="FILE", help="write the process id here")
    behaviour = result.add_argument_group("behaviour (an option not given keeps the profile's value)")
    behaviour.add_argument("--profile", choices=sorted(PROFILES), default="current",
                           help="preset of the record's variations: current (default) or legacy (21C-22D pages, opaque tokens)")
    for flag, keywords in CONFIG_OPTIONS:
        behaviour.add_argument(flag, default=argparse.SUPPRESS, **keywords)
    return result


def parse_args(argv):
    """(namespace, config keyword arguments for Simulator)."""
    args = parser().parse_args(argv)
    fields = field_names()
    return args, {key: value for key, value in vars(args).items() if key in fields}
