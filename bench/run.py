# -*- coding: utf-8 -*-
"""`make bench`: every measurement side by side; writes results.md and results.json.

    python bench/run.py [--quick] [--out DIR]

The measurements of measures.py share one simulator on loopback; those of sync_measures.py run the
sse_deploy role (one sse_sync task) on loopback and through bench/wan_proxy.py, each link against a
fresh simulator; environment_measures.py runs the environment role through the WAN link.
--quick runs the same measurements on small inputs (the smoke test uses it); --only-extension and
--only-environment measure one group and keep the last full run's other rows.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lib  # noqa: E402 pylint: disable=wrong-import-position
import environment_measures  # noqa: E402 pylint: disable=wrong-import-position
import extension_measures  # noqa: E402 pylint: disable=wrong-import-position
import measures  # noqa: E402 pylint: disable=wrong-import-position
import sync_measures  # noqa: E402 pylint: disable=wrong-import-position

FULL = {"upload_mib": 24, "rounds": 3, "memory_mib": [24, 200], "rerun_tasks": 20, "batch_files": 20, "restart_seconds": 2,
        "hash_mib": 200, "download_mib": 24,
        "sync_files": 20, "sync_mib": 2, "sync_restart_seconds": 1, "sync_rounds": {"first": 2, "rerun": 3, "without_state": 2},
        "rss_sets": [[5, 2], [20, 2], [5, 20]],
        "extension_mib": 20, "extension_rss_mib": [2, 50], "extension_rounds": 5,
        "environment_sses": 20, "environment_sse_mib": 0.25, "environment_variables": 20, "environment_rounds": 2}
QUICK = {"upload_mib": 2, "rounds": 1, "memory_mib": [2], "rerun_tasks": 3, "batch_files": 3, "restart_seconds": 0.5,
         "hash_mib": 4, "download_mib": 2,
         "sync_files": 3, "sync_mib": 0.25, "sync_restart_seconds": 0.5, "sync_rounds": {"first": 1, "rerun": 1, "without_state": 1},
         "rss_sets": [[2, 0.25], [2, 1]],
         "extension_mib": 1, "extension_rss_mib": [0.5, 2], "extension_rounds": 1,
         "environment_sses": 2, "environment_sse_mib": 0.05, "environment_variables": 2, "environment_rounds": 1}
INTRO = """`make bench` on %s, one run. Each figure is ours against the alternative (or floor) named in its note, through the
same link: `loopback` is the simulator on 127.0.0.1; `%s` is bench/wan_proxy.py in front of it (the modules, uri and curl
all use `base_url=http://127.0.0.1:<proxy port>`). Times are whole runs (ansible-playbook start-up included) unless the
figure says otherwise; each sync link starts from a fresh simulator whose restarts take %s s."""


def write(results, sizes, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"sizes": sizes, "results": results}, indent=2) + "\n")
    intro = INTRO % (time.strftime("%Y-%m-%d"), sync_measures.WAN_NAME, sizes["sync_restart_seconds"])
    lines = ["# Benchmark results", "", intro, "", "| figure | link | ours | alternative | unit | ratio | target | met |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in results:
        cells = [row["figure"], row["link"], row["ours"], row["alternative"], row["unit"], row["ratio"], row["target"],
                 "yes" if row["met"] else "**no**"]
        lines.append("| %s |" % " | ".join(str(cell) for cell in cells))
    notes = [row for row in results if row["note"]]
    if notes:
        lines += ["", "Notes:"] + ["- %s (%s): %s" % (row["figure"], row["link"], row["note"]) for row in notes]
    (out / "results.md").write_text("\n".join(lines) + "\n")


def extension_figures(sizes, work):
    start = time.perf_counter()
    rows = extension_measures.extension_figures(work, sizes, progress=lambda text: print(text, flush=True))
    print("%-24s done in %5.1f s" % ("extension, both links", time.perf_counter() - start), flush=True)
    return rows


def environment_figures(sizes, work):
    start = time.perf_counter()
    rows = environment_measures.environment_figures(work / "environment", sizes, progress=lambda text: print(text, flush=True))
    print("%-24s done in %5.1f s" % ("environment, WAN link", time.perf_counter() - start), flush=True)
    return rows


def only(group, measure, sizes, out, work):
    """The figures of one group ("extension", "environment": their names start with it) alone, merged into the last
    full run's results (its other rows kept)."""
    previous = out / "results.json"
    kept = json.loads(previous.read_text()) if previous.exists() else {"sizes": {}, "results": []}
    table = out / "results.md"
    # What earlier --only-<group> runs said about their rows stays said (write() rebuilds the table).
    table_text = table.read_text() if table.exists() else ""
    said = [line for line in table_text.splitlines()
            if line.startswith("The ") and " rows were measured on " in line and not line.startswith("The %s rows" % group)]
    rows = measure(sizes, work)
    names = {row["figure"] for row in rows}
    merged = [row for row in kept["results"] if not row["figure"].startswith(group + " ") and row["figure"] not in names]
    write(merged + rows, dict(kept["sizes"], **sizes), out)
    if table_text:
        # The intro's date is the last full run's, as are the rows kept from it.
        full_run = re.search(r"^`make bench` on (\S+),", table_text, re.M)
        if full_run:
            table.write_text(re.sub(r"^`make bench` on \S+,", "`make bench` on %s," % full_run.group(1), table.read_text(), count=1, flags=re.M))
    with table.open("a") as handle:
        for line in said:
            handle.write("\n" + line + "\n")
        handle.write("\nThe %s rows were measured on %s by `bench/run.py --only-%s`; the other rows come from the last "
                     "full run.\n" % (group, time.strftime("%Y-%m-%d"), group))
    shutil.rmtree(work, ignore_errors=True)
    for row in rows:
        cells = (row["figure"], row["link"], row["ours"], row["alternative"], row["unit"], row["ratio"], row["met"])
        print("%-70s %-34s ours %8s  alt %8s %-10s ratio %-6s met %s" % cells)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=str(lib.REPO / "bench"))
    parser.add_argument("--only-extension", action="store_true",
                        help="measure only the extension figures and replace those rows of results.json / results.md")
    parser.add_argument("--only-environment", action="store_true",
                        help="measure only the environment figures and replace those rows of results.json / results.md")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    out = Path(args.out)
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if args.only_extension:
        only("extension", extension_figures, sizes, out, work)
        return
    if args.only_environment:
        only("environment", environment_figures, sizes, out, work)
        return
    results = []
    options = ["--restart-seconds", str(sizes["restart_seconds"]), "--max-upload-bytes", str(400 * lib.MIB)]
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
    start = time.perf_counter()
    results.extend(sync_measures.sync_figures(work, sizes, progress=lambda text: print(text, flush=True)))
    print("%-24s done in %5.1f s" % ("sse_sync, both links", time.perf_counter() - start), flush=True)
    results.extend(extension_figures(sizes, work))
    results.extend(environment_figures(sizes, work))
    write(results, sizes, out)
    shutil.rmtree(work, ignore_errors=True)
    print((out / "results.md").read_text())


if __name__ == "__main__":
    main()
