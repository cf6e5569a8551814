# -*- coding: utf-8 -*-
"""Run the Admin API simulator until SIGTERM or SIGINT.

    PYTHONPATH=tests python -m simulator --state-dir DIR [--port 0] [--profile current|legacy] [options]

`--help` lists every option. Prints `URL <url>` once listening. The default seed's application key
is `sim-app-key-4c1e8b2f`.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from .cli import parse_args
from .server import Simulator


def main(argv=None):
    args, config = parse_args(sys.argv[1:] if argv is None else argv)
    sim = Simulator(args.state_dir, seed_path=args.seed, host=args.host, port=args.port, certfile=args.certfile,
                    keyfile=args.keyfile, profile=args.profile, **config).start()
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
