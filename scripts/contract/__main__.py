# -*- coding: utf-8 -*-
"""Command line of the contract check: read the options and the key, run the calls, print the table.

    COMMERCE_APP_KEY=... python scripts/contract --url https://admin.example.com [--ca-path F] [--insecure]
        [--work-request-id ID] [--site-id S] [--environment-type live|preview] [--page-size N] [--key-file F]
        [--timeout S] [--retries N]

The check itself is the collection's (plugins/module_utils/_contract, also run by commerce.admin.contract_info
from an installed collection); this file only reads the command line and prints.

Rows marked INFO report what no public source settles (shapes, doubled slashes, an empty-form refresh, whether a
token survives a refresh); they never count as a deviation.

Exit status: 0 every row OK, SKIPPED or INFO, 1 at least one MISMATCH, 2 the check could not run (usage error,
no key, bad URL, key refused, instance unreachable).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from urllib.parse import urlsplit

# The checking logic lives in the collection (plugins/module_utils/_contract); `make venv` links this
# checkout into .venv/collections, which is what the Makefile gives Ansible as its collections path.
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, ".venv", "collections"))

try:
    # pylint: disable=wrong-import-position
    from ansible_collections.commerce.admin.plugins.module_utils import _client as client_lib
    from ansible_collections.commerce.admin.plugins.module_utils._contract import calls, report, table, wire
    from ansible_collections.commerce.admin.plugins.module_utils._contract.words import COMMAND_LINE
except ImportError as exc:
    sys.exit("contract: cannot start (%s): run it as `make contract URL=...`, which links this checkout into .venv/collections"
             % exc)
if not client_lib.HAS_LIBRARIES:
    sys.exit("contract: cannot start: install requests and requests-toolbelt in this Python (pip install -r requirements.txt)")

USAGE, MISMATCH_FOUND, ALL_GOOD = 2, 1, 0
KEY_VARIABLE = "COMMERCE_APP_KEY"


class UsageError(Exception):
    """Something to fix in the command line or the environment; exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse that never echoes unrecognised arguments: one of them could be a key pasted by mistake."""

    def error(self, message):
        if message.startswith("unrecognized arguments"):
            message = ("unrecognized arguments (not shown). The key is never taken from the command line: "
                       "set %s or pass --key-file F" % KEY_VARIABLE)
        self.print_usage(sys.stderr)
        self.exit(USAGE, "%s: error: %s\n" % (self.prog, message))


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not an integer: %r" % text) from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv):
    # allow_abbrev=False: `--key SECRET` must not pass as an abbreviation of --key-file and be echoed back.
    parser = Parser(prog="python scripts/contract", allow_abbrev=False, description="Read-only check that a Commerce instance answers as "
                    "docs/api-model.md says. The application key comes from %s or --key-file." % KEY_VARIABLE)
    parser.add_argument("--url", required=True, help="the Admin API base URL: scheme and host only, e.g. https://admin.example.com")
    parser.add_argument("--key-file", help="read the application key from this file instead of %s" % KEY_VARIABLE)
    parser.add_argument("--ca-path", help="CA bundle (PEM) that signed the instance's certificate")
    parser.add_argument("--insecure", action="store_true", help="do not verify the TLS certificate (never in production)")
    parser.add_argument("--work-request-id", help="also read this restart work request's status")
    parser.add_argument("--site-id", help="site for the storefront versions (default: the instance's default site)")
    parser.add_argument("--environment-type", choices=("live", "preview"), help="SSE environment to list and download from")
    parser.add_argument("--page-size", type=positive_int, default=2, help="limit per SSE list page (default 2: forces paging)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    parser.add_argument("--retries", type=int, default=3, choices=range(0, 11), metavar="N",
                        help="retries of a GET (and of login and refresh) on 429/502/503/504 and dropped connections, "
                             "as the modules do (default 3)")
    return parser.parse_args(argv)


def check_url(url):
    """The URL without a trailing slash; scheme and host only."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise UsageError("bad --url: credentials do not belong in the URL; the key comes from %s or --key-file" % KEY_VARIABLE)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise UsageError("bad --url %r: expected scheme and host only, e.g. https://admin.example.com" % url)
    try:
        parts.port  # pylint: disable=pointless-statement
    except ValueError:
        raise UsageError("bad --url %r: the port is not a number" % url) from None
    return url.rstrip("/")


def read_key(key_file):
    """The application key from --key-file or the environment; never echoed in any message."""
    if key_file:
        try:
            with open(key_file, encoding="utf-8") as handle:
                key = handle.read().strip()
        except (OSError, UnicodeError) as exc:
            raise UsageError("cannot read --key-file %s: %s" % (key_file, getattr(exc, "strerror", None) or exc)) from None
        source = "--key-file " + key_file
    else:
        key = os.environ.get(KEY_VARIABLE, "").strip()
        source = KEY_VARIABLE
    if not key:
        raise UsageError("no application key: set %s or pass --key-file F (never on the command line)" % KEY_VARIABLE
                         if not key_file else "%s is empty" % source)
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in key):
        raise UsageError("the key in %s contains whitespace or control characters: it cannot be a bearer token" % source)
    return key


def tls_setting(args):
    """The client's (validate_certs, ca_path)."""
    if args.insecure and args.ca_path:
        raise UsageError("--insecure and --ca-path contradict each other: choose one")
    if args.ca_path and not os.path.isfile(args.ca_path):
        raise UsageError("--ca-path %s is not a readable file" % args.ca_path)
    return not args.insecure, args.ca_path


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        base_url = check_url(args.url)
        key = read_key(args.key_file)
        validate_certs, ca_path = tls_setting(args)
        options = calls.Options(page_size=args.page_size, site_id=args.site_id, environment_type=args.environment_type,
                                work_request_id=args.work_request_id)
        client = client_lib.CommerceClient(base_url, key, validate_certs=validate_certs, ca_path=ca_path, timeout=args.timeout,
                                           retries=args.retries)
        link = wire.Wire(client, COMMAND_LINE)
        rows = calls.run_all(link, options, key)
    except UsageError as exc:
        print("contract: %s" % exc, file=sys.stderr)
        return USAGE
    except (calls.KeyRefused, wire.Unreachable) as exc:
        print("contract: " + link.redact(str(exc)), file=sys.stderr)
        return USAGE
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size((160, 24)).columns
    lines = report.heading(base_url, report.tls_text(base_url, client.transport.verify, COMMAND_LINE))
    for line in lines:
        print(textwrap.fill(line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False))
    print("\n" + link.redact(table.render(rows, width, color=color)) + "\n")
    print(textwrap.fill(table.summary(rows), width, break_long_words=False, break_on_hyphens=False))
    if client.retry_notes:
        print(textwrap.fill("Sent again: %s (%s)" % ("; ".join(client.retry_notes), client.retry_verdict), width,
                            break_long_words=False, break_on_hyphens=False))
    return MISMATCH_FOUND if any(row.result == table.MISMATCH for row in rows) else ALL_GOOD


if __name__ == "__main__":
    sys.exit(main())
