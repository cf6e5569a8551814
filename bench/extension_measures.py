# -*- coding: utf-8 -*-
"""commerce.admin.extension on loopback and through the WAN proxy, each link against a fresh simulator:

- first install of a large extension, against CURL_INSTALL (curl doing the same calls, the ID rewrite included);
- in the same rounds, ansible-playbook's own cost (one ansible.builtin.uri task), so the module's share reads against curl;
- an unchanged re-run: which requests it sends, and that it downloads nothing;
- peak RSS of the module process installing a large extension against a small one.

Every client (the module, curl) reaches the simulator through the same base URL.
"""

from __future__ import annotations

import json
import os
import random
import time
import zipfile

from lib import APP_KEY, LOOPBACK, MIB, SimulatorProcess, figure, link, module_peaks, phases, play, run_playbook, timed  # pylint: disable=import-error
from sync_measures import WAN, WAN_NAME, uri_list_play  # pylint: disable=import-error

POLL = 0.25
RSS_SLACK = 1.2
TIME_SLACK = 1.3
EXTENSIONS = "/ccadmin/v1/extensions"
READS = {("POST", "/ccadmin/v1/login"), ("GET", EXTENSIONS), ("GET", "/ccadmin/v1/applicationIds")}

# The alternative: what an operator scripts with curl for the same install. Login, generate an ID, write it into
# ext.json (python3, as every client rewrites the manifest before uploading), start a file store upload, send the
# zip as one base64 segment (the body built in a file first), createExtension, then one listing to see it installed.
CURL_INSTALL = r"""
set -euo pipefail
url=$1 key=$2 zip=$3 name=$4 work=$5
json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }
token=$(curl -sS -f -X POST -H "Authorization: Bearer $key" --data grant_type=client_credentials "$url/ccadmin/v1/login" | json_field access_token)
auth="Authorization: Bearer $token"
json=(-H "$auth" -H "Content-Type: application/json" -H "Expect:")
id=$(curl -sS -f -X POST "${json[@]}" -d "{\"name\": \"$name\", \"type\": \"extension\"}" "$url/ccadmin/v1/extensions/id" | json_field id)
python3 - "$zip" "$work/upload.zip" "$id" <<'EOF'
import json, shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as out:
    for info in src.infolist():
        if info.filename == "ext.json":
            out.writestr(info, json.dumps(dict(json.loads(src.read(info)), extensionID=sys.argv[3])))
        else:
            with src.open(info) as entry, out.open(info, "w") as copy:
                shutil.copyfileobj(entry, copy, 1 << 20)
EOF
file="$name-$id.zip"
upload=$(curl -sS -f -X PUT "${json[@]}" -d "{\"filename\": \"/extensions/$file\", \"segments\": 1}" "$url/ccadmin/v1/files" | json_field token)
{ printf '{"filename": "/extensions/%s", "index": 0, "file": "' "$file"; base64 -w0 "$work/upload.zip"; printf '"}'; } > "$work/body.json"
curl -sS -f -o /dev/null -X POST "${json[@]}" --data-binary "@$work/body.json" "$url/ccadmin/v1/files/$upload"
curl -sS -f -X POST "${json[@]}" -d "{\"name\": \"$file\"}" "$url/ccadmin/v1/extensions" | grep -q '"success": *true'
curl -sS -f -o /dev/null -H "$auth" "$url/ccadmin/v1/extensions"
"""


def extension_zip(path, mib, seed):
    """An extension of about `mib` MiB: an ext.json the simulator accepts and an incompressible payload (no widget, so
    any number of them can be installed side by side)."""
    manifest = {"extensionID": "from-git", "developerID": "bench", "createdBy": "bench", "name": "Bench %g MiB" % mib,
                "description": "benchmark payload", "version": "1", "timeCreated": "2026-12-01"}
    rng = random.Random(seed)
    with zipfile.ZipFile(str(path), "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("ext.json", json.dumps(manifest))
        with archive.open("payload.bin", "w", force_zip64=True) as entry:
            left = int(mib * MIB)
            while left:
                count = min(MIB, left)
                entry.write(rng.randbytes(count))
                left -= count
    return str(path)


def task(path, name):
    return {"commerce.admin.extension": {"src": str(path), "name": name, "poll_interval": POLL}}


def _timed_play(sim, work, body):
    """(seconds, where they went) of one ansible-playbook run, from the simulator's journal."""
    sim.clear_journal()
    started = time.time()
    seconds, dummy_rss = run_playbook(work, body)
    return seconds, phases(sim.journal(), started, started + seconds)


def first_install(sim, url, link_name, work, path, rounds):
    """Ours against CURL_INSTALL, best of `rounds`; each round installs under a new name (a new ID), so each is a first install.

    Each round also times the floor every playbook pays (one ansible.builtin.uri task), so the figures show how much of
    ours is ansible-playbook's start-up and end and how much is the module's work.
    """
    ours, curl, floor = [], [], []
    for index in range(rounds):
        ours.append(_timed_play(sim, work, play(url, [task(path, "bench-ours-%d" % index)])))
        curl.append(timed(["bash", "-c", CURL_INSTALL, "curl-install", url, APP_KEY, str(path), "bench-curl-%d" % index, str(work)]))
        floor.append(_timed_play(sim, work, uri_list_play(url, sim.token()))[0])
    if len([item for item in sim.state()["extensions"] if item["name"].startswith("Bench")]) < 2 * rounds:
        raise RuntimeError("not every install is listed: %s" % sorted(item["name"] for item in sim.state()["extensions"]))
    (mine, where), theirs, fixed = min(ours), min(curl), min(floor)
    mib = round(_size(path) / MIB)
    note = ("alternative: a bash script: curl login, POST /extensions/id, the ID written into ext.json by python3, PUT /files, the zip "
            "as one base64 segment built in a file, createExtension, one listing; ours: one ansible-playbook run of one "
            "commerce.admin.extension task (start-up included); best of %d; ours: %s; load average %.1f on %d CPUs when measured"
            % (rounds, where, os.getloadavg()[0], os.cpu_count() or 1))
    name = "extension install, %d MiB, first on this instance: wall time" % mib
    share = "extension install, %d MiB: ours less ansible-playbook's own cost (one ansible.builtin.uri task run)" % mib
    share_note = ("the module's work against curl's; ansible-playbook alone (one uri task listing the SSEs, token obtained beforehand) takes %.2f s, "
                  "which is %.2f x curl's run by itself" % (fixed, fixed / theirs))
    rows = [figure(share, max(mine - fixed, 0.0), theirs, "s", "reported", True, share_note, link_name)]
    if link_name == LOOPBACK:
        return [figure(name, mine, theirs, "s", "reported (<= %g x curl applies through the WAN link)" % TIME_SLACK, True,
                       note + "; on loopback ansible-playbook's start-up dominates", link_name)] + rows
    return [figure(name, mine, theirs, "s", "<= %g x curl" % TIME_SLACK, mine <= TIME_SLACK * theirs, note, link_name)] + rows


def unchanged_rerun(sim, url, link_name, work, path):
    """The last installed extension again: only login and the two listings, nothing downloaded."""
    sim.clear_journal()
    seconds, dummy_rss = run_playbook(work, play(url, [task(path, "bench-ours-0")]))
    journal = sim.journal()
    kinds = sorted({"%s %s" % (entry["method"], entry["path"]) for entry in journal})
    others = [entry for entry in journal if (entry["method"], entry["path"].rstrip("/")) not in READS]
    fetched = [entry for entry in journal if entry["method"] == "GET" and entry["path"].startswith("/file/")]
    return [
        figure("extension unchanged re-run: requests other than login and listings", len(others), 0, "requests",
               "0 (login, GET /extensions, GET /applicationIds only)", not others,
               "%.2f s; %d requests: %s" % (seconds, len(journal), ", ".join(kinds)), link_name),
        figure("extension unchanged re-run: downloads", len(fetched), 0, "downloads", "0", not fetched, "", link_name),
    ]


def memory(url, link_name, work, small, large):
    """Peak RSS of the module process installing the large extension against the small one, in one ansible-playbook run."""
    dummy_seconds, peaks = module_peaks(work, play(url, [task(small, "bench-rss-small"), task(large, "bench-rss-large")]))
    if len(peaks) != 2:
        raise RuntimeError("expected 2 module runs, the sampler saw %d: %s" % (len(peaks), peaks))
    small_mib, large_mib = round(_size(small) / MIB), round(_size(large) / MIB)
    return [figure("extension module peak RSS, %d MiB vs %d MiB extension" % (large_mib, small_mib), peaks[1], peaks[0], "MiB",
                   "<= %g x" % RSS_SLACK, peaks[1] <= RSS_SLACK * peaks[0],
                   "each a first install (ID, ext.json rewrite, base64 upload streamed, createExtension, re-list)", link_name)]


def _size(path):
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        return handle.tell()


def extension_figures(work, sizes, progress=print):
    """Every extension figure on loopback and through the WAN proxy; each link against its own fresh simulator."""
    inputs = work / "extension-zips"
    inputs.mkdir(parents=True, exist_ok=True)
    install = extension_zip(inputs / "install.zip", sizes["extension_mib"], 7)
    small = extension_zip(inputs / "small.zip", sizes["extension_rss_mib"][0], 8)
    large = extension_zip(inputs / "large.zip", sizes["extension_rss_mib"][1], 9)
    rows = []
    for link_name, wan in ((LOOPBACK, None), (WAN_NAME, WAN)):
        link_work = work / ("extension-%s" % ("wan" if wan else "loopback"))
        link_work.mkdir()
        with SimulatorProcess(link_work / "simulator") as sim, link(sim, wan) as url:
            rows += first_install(sim, url, link_name, link_work, install, sizes["extension_rounds"])
            rows += unchanged_rerun(sim, url, link_name, link_work, install)
            rows += memory(url, link_name, link_work, small, large)
        progress("  extension figures      %-34s done" % link_name)
    return rows
