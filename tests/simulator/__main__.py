# -*- coding: utf-8 -*-
"""Run the Admin API simulator until SIGTERM or SIGINT.

    PYTHONPATH=tests python -m simulator --state-dir DIR [--port 0] [--url-file F] [--pid-file F]

Prints `URL <url>` once listening. The default seed's application key is `sim-app-key-4c1e8b2f`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from .server import Simulator


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m simulator", description="Commerce Admin API simulator")
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed")
    parser.add_argument("--token-ttl", type=float, default=300.0)
    parser.add_argument("--page-cap", type=int, default=250)
    parser.add_argument("--restart-seconds", type=float, default=2.0)
    parser.add_argument("--promote-seconds", type=float, default=1.0)
    parser.add_argument("--max-upload-bytes", type=int, default=25 * 1024 * 1024)
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    parser.add_argument("--url-file")
    parser.add_argument("--pid-file")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sim = Simulator(args.state_dir, seed_path=args.seed, host=args.host, port=args.port, certfile=args.certfile,
                    keyfile=args.keyfile, token_ttl=args.token_ttl, page_cap=args.page_cap, restart_seconds=args.restart_seconds,
                    promote_seconds=args.promote_seconds, max_upload_bytes=args.max_upload_bytes).start()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if args.pid_file:
        with open(args.pid_file, "w", encoding="utf-8") as handle:
            handle.write("%d\n" % os.getpid())
    if args.url_file:
        with open(args.url_file + ".tmp", "w", encoding="utf-8") as handle:
            handle.write(sim.url + "\n")
        os.replace(args.url_file + ".tmp", args.url_file)
    print("URL %s" % sim.url, flush=True)
    stop.wait()
    sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
