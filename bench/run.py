"""`make bench`: every measurement side by side against one simulator; writes results.md and results.json.

    python bench/run.py [--quick] [--out DIR]

--quick runs the same measurements on small inputs (the smoke test uses it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lib  # noqa: E402 pylint: disable=wrong-import-position
import measures  # noqa: E402 pylint: disable=wrong-import-position

FULL = {"upload_mib": 24, "rounds": 3, "memory_mib": [24, 200], "rerun_tasks": 20, "batch_files": 20, "restart_seconds": 2,
        "hash_mib": 200, "download_mib": 24}
QUICK = {"upload_mib": 2, "rounds": 1, "memory_mib": [2], "rerun_tasks": 3, "batch_files": 3, "restart_seconds": 0.5,
         "hash_mib": 4, "download_mib": 2}


def write(results, sizes, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"sizes": sizes, "results": results}, indent=2) + "\n")
    lines = ["# Benchmark results", "", "`make bench` on %s; ours against the alternative, one simulator, one run." % time.strftime("%Y-%m-%d"),
             "", "| figure | ours | alternative | unit | ratio | target | met |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in results:
        cells = [row["figure"], row["ours"], row["alternative"], row["unit"], row["ratio"], row["target"], "yes" if row["met"] else "**no**"]
        lines.append("| %s |" % " | ".join(str(cell) for cell in cells))
    notes = [row for row in results if row["note"]]
    if notes:
        lines += ["", "Notes:"] + ["- %s: %s" % (row["figure"], row["note"]) for row in notes]
    (out / "results.md").write_text("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=str(lib.REPO / "bench"))
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    out = Path(args.out)
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    results = []
    options = ["--restart-seconds", str(sizes["restart_seconds"]), "--max-upload-bytes", str(400 * measures.MIB)]
    with lib.SimulatorProcess(work / "simulator", *options) as sim:
        for name, run in [
            ("upload throughput", lambda: measures.upload_throughput(sim, work, sizes["upload_mib"], sizes["rounds"])),
            ("upload memory", lambda: measures.upload_memory(sim, work, sizes["memory_mib"])),
            ("idempotent re-run", lambda: measures.rerun_cost(sim, work, sizes["rerun_tasks"])),
            ("batch deploy", lambda: measures.batch_deploy(sim, work, sizes["batch_files"])),
            ("hashing and comparison", lambda: measures.hashing(sim, work, sizes["hash_mib"], sizes["download_mib"], sizes["rounds"])),
        ]:
            start = time.perf_counter()
            results.extend(run())
            print("%-24s done in %5.1f s" % (name, time.perf_counter() - start), flush=True)
    write(results, sizes, out)
    shutil.rmtree(work, ignore_errors=True)
    print((out / "results.md").read_text())


if __name__ == "__main__":
    main()
