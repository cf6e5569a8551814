# -*- coding: utf-8 -*-
"""sse_sync through the sse_deploy role, on loopback and through the WAN proxy, each against a floor or an alternative.

Each link gets a fresh simulator (an empty instance), then, in this order:

- first deploy: the role on the empty instance, against CURL_DEPLOY (what an operator scripts with curl);
- unchanged re-run with the state file present, against one ansible.builtin.uri task that lists the SSEs;
- re-run without the state file: it downloads each SSE once and uploads nothing;
- the same files in rebuilt zips (new timestamps, deflated, a comment): nothing uploaded, no restart;
- peak RSS of the sse_sync module process for sets of other counts and sizes (rss_sets), against the first set.

Every client (the role, uri, curl) reaches the simulator through the same base URL.
"""

from __future__ import annotations

import os
import shutil
import time

from lib import (APP_KEY, LOOPBACK, MIB, SSE, SimulatorProcess, best, downloads, figure, link,  # pylint: disable=import-error
                 module_peaks, phases, play, rebuild_zip, role_play, run_playbook, timed, uploads)

from simulator.zips import make_zip  # pylint: disable=import-error

WAN = {"delay": 0.020, "mbit": 100}
WAN_NAME = "WAN (20 ms each way, 100 Mbit/s)"
POLL = 0.25  # seconds between two restart status requests, ours and the alternative's alike
RSS_SLACK = 1.2

# The alternative to a first deploy: one login, one curl process that uploads every zip over one
# connection (--next), one restart request with trackProgress=true, then a status request every
# $3 seconds until SUCCEEDED. It does not read the upload answers (checking them would cost it more),
# and sends no "Expect: 100-continue" (which costs curl a round trip per upload: 0.8 s for 20 on the WAN).
CURL_DEPLOY = r"""
set -euo pipefail
url=$1 key=$2 poll=$3
shift 3
json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }
token=$(curl -sS -f -X POST -H "Authorization: Bearer $key" --data grant_type=client_credentials "$url/ccadmin/v1/login" | json_field access_token)
auth="Authorization: Bearer $token"
args=()
for zip in "$@"; do
    if [ ${#args[@]} -gt 0 ]; then args+=(--next); fi
    args+=(-sS -f -o /dev/null -H "$auth" -H "Expect:" -F "fileUpload=@$zip;type=application/zip" -F "filename=${zip##*/}"
           -F uploadType=extensions -F force=true -F restartExtensionServer=false "$url/ccadmin/v1/serverExtensions")
done
curl "${args[@]}"
servers="$url/ccadminx/custom/v1/servers"
id=$(curl -sS -f -X POST -H "$auth" -H "Content-Type: application/json" -d '{}' "$servers/restart?trackProgress=true" | json_field workRequestId)
for attempt in $(seq 1 2400); do
    status=$(curl -sS -f -H "$auth" "$servers/restartWorkRequestStatus?workRequestId=$id")
    case $status in
        *SUCCEEDED*) exit 0 ;;
        *FAILED*|*CANCELED*) echo "restart $id: $status (attempt $attempt)" >&2; exit 1 ;;
    esac
    sleep "$poll"
done
echo "restart $id did not finish" >&2
exit 1
"""


def build_set(directory, prefix, files, mib, seed):
    """`files` zips of `mib` MiB each in `directory` (created), named prefix-NN.zip; their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    return [make_zip(str(directory / ("%s-%02d.zip" % (prefix, index))), int(mib * MIB), seed=seed + index) for index in range(files)]


def label(files, mib):
    return "%d x %g MiB" % (files, mib)


class LinkBench:
    """One link to one fresh simulator: runs the role or a play through `url` and reads what the simulator saw."""

    def __init__(self, sim, url, link_name, work):
        self.sim = sim
        self.url = url
        self.link_name = link_name
        self.work = work
        self.state_file = work / "sync-state.json"
        self.phases = ""

    def role(self, directory):
        """(seconds, None) of the sse_deploy role run on `directory` (defaults but the state file, backups and polling)."""
        role_vars = {"sse_deploy_dir": str(directory), "sse_deploy_state_file": str(self.state_file),
                     "sse_deploy_backup_dir": str(self.work / "backups"), "sse_deploy_poll_interval": POLL}
        return run_playbook(self.work, role_play(self.url, role_vars))

    def observed(self, function, *args):
        """(what `function` returned, the journal of its requests, the restarts it caused); `self.phases` tells where the time went."""
        self.sim.clear_journal()
        before = self.sim.restart_count()
        started = time.time()
        value = function(*args)
        ended = time.time()
        journal = self.sim.journal()
        self.phases = phases(journal, started, ended)
        return value, journal, self.sim.restart_count() - before

    def forget_state(self):
        if self.state_file.exists():
            self.state_file.unlink()

    def figure(self, name, ours, alternative, unit, target, met, note=""):  # pylint: disable=too-many-arguments
        return figure(name, ours, alternative, unit, target, met, note, self.link_name)


def first_deploy(bench, directory, paths, rounds):
    """The role on an empty instance against CURL_DEPLOY, best of `rounds` (the instance is emptied before each)."""
    ours, curl = [], []
    for dummy in range(rounds):
        bench.sim.delete_all()
        bench.forget_state()
        (seconds, dummy_rss), journal, restarts = bench.observed(bench.role, directory)
        ours.append((seconds, "%d uploads, %d restart, %d requests; %s" % (uploads(journal), restarts, len(journal), bench.phases)))
        seconds, journal, restarts = bench.observed(timed, ["bash", "-c", CURL_DEPLOY, "curl-deploy", bench.url, APP_KEY, str(POLL)] + paths)
        curl.append((seconds, "%d uploads, %d restart, %d requests; %s" % (uploads(journal), restarts, len(journal), bench.phases)))
        stored = {item["name"]: item["size"] for item in bench.sim.state()["sses"]["live"]}
        if any(stored.get(os.path.basename(path)) != os.path.getsize(path) for path in paths):
            raise RuntimeError("the curl alternative did not store every zip: %s" % stored)
    mine, theirs = min(ours), min(curl)
    note = ("alternative: a bash script: curl login, one curl process uploading every zip over one connection (--next, no Expect: "
            "100-continue), one restart "
            "(POST /ccadminx/custom/v1/servers/restart {} trackProgress=true), then restartWorkRequestStatus every %g s until SUCCEEDED, "
            "as the role polls; best of %d; ours: %s; curl: %s" % (POLL, rounds, mine[1], theirs[1]))
    name = "first deploy with the role, %s, empty instance: wall time" % label(len(paths), os.path.getsize(paths[0]) / MIB)
    if bench.link_name == LOOPBACK:
        # The target compares the two "through the same link", the WAN one; on loopback curl's whole run
        # (about 1.2 s) is shorter than ansible-playbook's start-up plus the restart, so the figure is reported.
        return [bench.figure(name, mine[0], theirs[0], "s", "reported (<= 1.3 x curl applies through the WAN link)", True,
                             note + "; on loopback Ansible's start-up before the first request dominates the difference")]
    return [bench.figure(name, mine[0], theirs[0], "s", "<= 1.3 x curl", mine[0] <= 1.3 * theirs[0], note)]


def uri_list_play(url, token):
    return play(url, [{"ansible.builtin.uri": {"url": url + SSE, "headers": {"Authorization": "Bearer " + token}}}])


def unchanged_rerun(bench, directory, files, rounds):
    """The role again with the state file present, against the floor: one uri task listing the SSEs (token obtained beforehand)."""
    ours, floor, journals = [], [], []
    for dummy in range(rounds):
        (seconds, dummy_rss), journal, dummy_restarts = bench.observed(bench.role, directory)
        ours.append((seconds, bench.phases))
        journals.append(journal)
        floor_play = uri_list_play(bench.url, bench.sim.token())
        (seconds, dummy_rss), floor_journal, dummy_restarts = bench.observed(run_playbook, bench.work, floor_play)
        floor.append((seconds, bench.phases))
    mine, theirs = min(ours), min(floor)
    requests = max(len(journal) for journal in journals)
    fetched = max(downloads(journal) for journal in journals)
    kinds = sorted({"%s %s" % (entry["method"], entry["path"]) for journal in journals for entry in journal})
    note = ("floor: one ansible-playbook run of one ansible.builtin.uri task, GET %s with a bearer token obtained beforehand; best of %d; "
            "ours: %s; floor: %s" % (SSE, rounds, mine[1], theirs[1]))
    return [
        bench.figure("unchanged re-run with the role, %d SSEs, state file present: wall time" % files, mine[0], theirs[0], "s",
                     "<= 1.5 x floor", mine[0] <= 1.5 * theirs[0], note),
        bench.figure("unchanged re-run: requests", requests, len(floor_journal), "requests", "<= 2 (one login, one listing)", requests <= 2,
                     "ours sent: " + ", ".join(kinds)),
        bench.figure("unchanged re-run: downloads", fetched, 0, "downloads", "0", fetched == 0),
    ]


def curl_downloads(url, token, names, directory):
    """One curl process downloading every SSE over one connection; the seconds it took."""
    directory.mkdir(exist_ok=True)
    command = ["curl", "-sS", "-f", "-H", "Authorization: Bearer " + token]
    for name in names:
        command += [url + SSE + "/" + name, "-o", str(directory / name)]
    try:
        return timed(command)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def without_state(bench, directory, names, rounds):
    """The role after its state file was deleted: each SSE downloaded once, nothing uploaded; against curl downloading them."""
    ours, curl = [], []
    for dummy in range(rounds):
        bench.forget_state()
        (seconds, dummy_rss), journal, restarts = bench.observed(bench.role, directory)
        ours.append((seconds, downloads(journal), uploads(journal), restarts, bench.phases))
        curl.append(curl_downloads(bench.url, bench.sim.token(), names, bench.work / "downloads"))
    fetched = max(run[1] for run in ours)
    sent = max(run[2] for run in ours)
    restarted = max(run[3] for run in ours)
    mine, files = min(ours), len(names)
    note = ("alternative: one curl process downloading the %d zips over one connection, token obtained beforehand (what the comparison "
            "must fetch); best of %d; ours: listing, downloads, content comparison, state file written: %s" % (files, rounds, mine[4]))
    return [
        bench.figure("re-run without a state file, %d SSEs: wall time" % files, mine[0], best(curl), "s", "reported", True, note),
        bench.figure("re-run without a state file: downloads", fetched, files, "downloads", "= %d (each SSE once)" % files, fetched == files),
        bench.figure("re-run without a state file: uploads", sent, 0, "uploads", "0 (and no restart)", sent == 0 and restarted == 0,
                     "restarts: %d" % restarted),
    ]


def rebuilt(bench, directory):
    """The same files in rebuilt zips (new timestamps, deflated, a comment), state file present: nothing uploaded, no restart."""
    (seconds, dummy_rss), journal, restarts = bench.observed(bench.role, directory)
    sent = uploads(journal)
    note = "ours: %.2f s, %d downloads, %d requests; %s" % (seconds, downloads(journal), len(journal), bench.phases)
    return [
        bench.figure("rebuilt zips, same files: uploads", sent, 0, "uploads", "0", sent == 0, note),
        bench.figure("rebuilt zips, same files: restarts", restarts, 0, "restarts", "0", restarts == 0),
    ]


def memory(bench, sets):
    """Peak RSS of the sse_sync module process per set: a first deploy, then a re-run without state (every zip downloaded).

    One ansible-playbook runs both tasks of every set; the sampler tells the module runs apart.
    """
    tasks = []
    for index, (dummy_files, dummy_mib, directory) in enumerate(sets):
        for step in ("first", "again"):
            state_file = bench.work / ("rss-%d-%s.json" % (index, step))
            if state_file.exists():
                state_file.unlink()
            # restart: never, because waiting for a restart only polls (the first deploy's timing is measured with it)
            tasks.append({"commerce.admin.sse_sync": {"src": str(directory), "state_file": str(state_file), "restart": "never",
                                                      "backup_dir": str(bench.work / "backups")}})
    (dummy_seconds, runs), journal, dummy_restarts = bench.observed(module_peaks, bench.work, play(bench.url, tasks))
    if len(runs) != len(tasks):
        raise RuntimeError("expected %d sse_sync module runs, the sampler saw %d: %s" % (len(tasks), len(runs), runs))
    peaks = [(files, mib, max(runs[2 * index], runs[2 * index + 1])) for index, (files, mib, dummy_directory) in enumerate(sets)]
    base_files, base_mib, base = peaks[0]
    note = ("each set: a first deploy (restart: never), then a re-run without a state file (downloads every zip), two sse_sync tasks "
            "in one ansible-playbook; peak of both: %s; "
            "%d uploads and %d downloads in all" % ("; ".join("%s: %.1f MiB" % (label(files, mib), peak) for files, mib, peak in peaks),
                                                    uploads(journal), downloads(journal)))
    return [bench.figure("sse_sync module peak RSS, %s vs %s" % (label(files, mib), label(base_files, base_mib)), peak, base, "MiB",
                         "<= %g x" % RSS_SLACK, peak <= RSS_SLACK * base, note)
            for files, mib, peak in peaks[1:]]


def one_link(bench, inputs, sizes, progress):
    """Every sync figure on one link, in order (each step starts from what the one before left)."""
    directory, paths, again = inputs["set"], inputs["paths"], inputs["rebuilt"]
    rounds = sizes["sync_rounds"]
    names = [os.path.basename(path) for path in paths]
    rows = []
    for step, run in [
        ("first deploy", lambda: first_deploy(bench, directory, paths, rounds["first"])),
        ("unchanged re-run", lambda: unchanged_rerun(bench, directory, len(paths), rounds["rerun"])),
        ("without a state file", lambda: without_state(bench, directory, names, rounds["without_state"])),
        ("rebuilt zips", lambda: rebuilt(bench, again)),
        ("module memory", lambda: memory(bench, inputs["rss_sets"])),
    ]:
        start = time.perf_counter()
        rows += run()
        progress("  %-22s %-34s done in %5.1f s" % (step, bench.link_name, time.perf_counter() - start))
    return rows


def prepare(work, sizes):
    """The zips every link deploys: the set, its rebuilt twin, and the memory sets (under other names)."""
    files, mib = sizes["sync_files"], sizes["sync_mib"]
    paths = build_set(work / "sync-set", "sse", files, mib, seed=500)
    again = work / "sync-rebuilt"
    again.mkdir(parents=True, exist_ok=True)
    for path in paths:
        rebuild_zip(path, again / os.path.basename(path))
    rss_sets = []
    for index, (count, size) in enumerate(sizes["rss_sets"]):
        directory = work / ("rss-set-%d" % index)
        build_set(directory, "m%dx%g" % (count, size), count, size, seed=1000 * (index + 1))
        rss_sets.append((count, size, directory))
    return {"set": work / "sync-set", "paths": paths, "rebuilt": again, "rss_sets": rss_sets}


def sync_figures(work, sizes, progress=print):
    """Every sync figure on loopback and through the WAN proxy; each link against its own fresh simulator."""
    inputs = prepare(work, sizes)
    rows = []
    options = ["--restart-seconds", str(sizes["sync_restart_seconds"]), "--max-upload-bytes", str(64 * MIB)]
    for link_name, wan in ((LOOPBACK, None), (WAN_NAME, WAN)):
        link_work = work / ("sync-%s" % ("wan" if wan else "loopback"))
        link_work.mkdir()
        with SimulatorProcess(link_work / "simulator", *options) as sim, link(sim, wan) as url:
            rows += one_link(LinkBench(sim, url, link_name, link_work), inputs, sizes, progress)
    return rows
