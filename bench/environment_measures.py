# -*- coding: utf-8 -*-
"""A whole environment through the environment role, through the WAN proxy (each first-time round on a fresh simulator):

- first-time setup of an empty instance (SSEs, SSE variables, 3 extensions, the settings of 2 sites, storefront version,
  one publish) against CURL_SETUP, curl sending the same writes in the same order;
- an unchanged re-run: its wall time against one ansible.builtin.uri listing task (the floor every playbook pays), the
  requests it sends (none that change anything) and what it downloads (nothing); and, reported, against a play of as
  many uri listing tasks as the role ran modules, which is what Ansible itself charges for that many tasks.

Every client (the role, uri, curl) reaches the simulator through the same base URL.
"""

from __future__ import annotations

import json
import os
import time

from lib import APP_KEY, SimulatorProcess, figure, link, module_peaks, phases, play, run_playbook, timed  # pylint: disable=import-error
from extension_measures import CURL_INSTALL  # pylint: disable=import-error
from sync_measures import CURL_DEPLOY, WAN, WAN_NAME, build_set, uri_list_play  # pylint: disable=import-error

from helpers.extensions import entries, write_zip  # pylint: disable=import-error

POLL = 0.25
RERUN_SLACK = 2.0
SETTINGS_ID = "gitSettings"
SIMULATOR = {"publish_seconds": 0.5, "restart_seconds": 1}
SITES = ("siteUS", "siteEU")
AUTH = ("/ccadmin/v1/login", "/ccadmin/v1/refresh", "/ccadmin/v1/logout")

# Before CURL_DEPLOY (which uploads the SSEs and restarts once, loading the variables too): one login, one curl process
# creating every variable over one connection. After it, CURL_INSTALL per extension (each logs in again), then this
# script's second half: one PUT per site's settings, one publish and its status every $poll seconds until it ends.
CURL_VARIABLES = r"""
set -euo pipefail
url=$1 key=$2 bodies=$3
json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }
token=$(curl -sS -f -X POST -H "Authorization: Bearer $key" --data grant_type=client_credentials "$url/ccadmin/v1/login" | json_field access_token)
args=()
for body in "$bodies"/*.json; do
    if [ ${#args[@]} -gt 0 ]; then args+=(--next); fi
    args+=(-sS -f -o /dev/null -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" -H "Expect:"
           --data-binary "@$body" "$url/ccadmin/v1/extensionEnvironmentVariables")
done
curl "${args[@]}"
"""
CURL_SETTINGS_AND_PUBLISH = r"""
set -euo pipefail
url=$1 key=$2 settings=$3 poll=$4
json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }
token=$(curl -sS -f -X POST -H "Authorization: Bearer $key" --data grant_type=client_credentials "$url/ccadmin/v1/login" | json_field access_token)
json=(-H "Authorization: Bearer $token" -H "Content-Type: application/json" -H "Expect:")
for body in "$settings"/*.json; do
    site=$(basename "$body" .json)
    curl -sS -f -o /dev/null -X PUT "${json[@]}" -H "x-ccsite: $site" --data-binary "@$body" "$url/ccadmin/v1/sitesettings/gitSettings"
done
curl -sS -f -o /dev/null -X POST "${json[@]}" -d '{}' "$url/ccadmin/v1/publish"
for attempt in $(seq 1 2400); do
    case $(curl -sS -f -H "Authorization: Bearer $token" "$url/ccadmin/v1/publish?lastPublished=true") in
        *'"publishRunning": false'*|*'"publishRunning":false'*) exit 0 ;;
    esac
    sleep "$poll"
done
echo "the publish did not end" >&2
exit 1
"""


def declare(work, sizes):
    """The environment directory, the inventory's variables and secrets, and what curl sends for them."""
    root = work / "environment"
    paths = build_set(root / "sse", "sse", sizes["environment_sses"], sizes["environment_sse_mib"], seed=700)
    (root / "extensions").mkdir()
    extensions = []
    for index in range(3):
        name = "Bench Extension %d" % index
        files = entries(name=name, widget="benchWidget%d" % index, settings=("apiKey", "mode") if index == 0 else ())
        extensions.append((write_zip(root / "extensions" / ("bench-%d.zip" % index), files), "bench-curl-%d" % index))
    (root / "site_settings").mkdir()
    values = {site: {"mode": "live-%s" % site} for site in SITES}
    (root / "site_settings" / (SETTINGS_ID + ".yml")).write_text(json.dumps(values))
    secrets = {SETTINGS_ID: {site: {"apiKey": "bench-secret-%s" % site} for site in SITES}}
    variables = {"BENCH_VARIABLE_%02d" % index: "bench-value-%02d" % index for index in range(sizes["environment_variables"])}
    curl_inputs = work / "curl-inputs"
    for folder in ("variables", "settings"):
        (curl_inputs / folder).mkdir(parents=True)
    for name, value in variables.items():
        (curl_inputs / "variables" / (name + ".json")).write_text(json.dumps({"name": name, "value": value}))
    for site in SITES:
        (curl_inputs / "settings" / (site + ".json")).write_text(json.dumps(dict(values[site], **secrets[SETTINGS_ID][site])))
    role_vars = {"environment_dir": str(root), "environment_sse_variables": variables, "environment_site_settings_secrets": secrets,
                 "environment_storefront_versions": {"siteUS": "latest"}, "environment_publish_poll_interval": POLL,
                 "sse_deploy_state_file": str(work / "sync-state.json"), "sse_deploy_backup_dir": str(work / "backups"),
                 "sse_deploy_poll_interval": POLL}
    return {"role_vars": role_vars, "sses": paths, "extensions": extensions, "curl": curl_inputs}


def role_play(url, role_vars):
    return play(url, [], roles=[{"role": "commerce.admin.environment", "vars": role_vars}])


def curl_setup(url, declared, work):
    """CURL_VARIABLES, CURL_DEPLOY, CURL_INSTALL for each extension, CURL_SETTINGS_AND_PUBLISH: the seconds of all."""
    seconds = timed(["bash", "-c", CURL_VARIABLES, "curl-variables", url, APP_KEY, str(declared["curl"] / "variables")])
    seconds += timed(["bash", "-c", CURL_DEPLOY, "curl-deploy", url, APP_KEY, str(POLL)] + declared["sses"])
    for path, name in declared["extensions"]:
        seconds += timed(["bash", "-c", CURL_INSTALL, "curl-install", url, APP_KEY, path, name, str(work)])
    seconds += timed(["bash", "-c", CURL_SETTINGS_AND_PUBLISH, "curl-settings", url, APP_KEY, str(declared["curl"] / "settings"), str(POLL)])
    return seconds


def check_setup(sim, declared, who):
    """The instance holds what was declared, published: else the figure would compare unequal work."""
    state = sim.state()
    problems = []
    if len(state["sses"]["live"]) != len(declared["sses"]) or sim.restart_count() != 1:
        problems.append("SSEs %d, restarts %d" % (len(state["sses"]["live"]), sim.restart_count()))
    if len(state["variables"]) != len(declared["role_vars"]["environment_sse_variables"]):
        problems.append("variables %d" % len(state["variables"]))
    if len([item for item in state["extensions"] if item["name"].startswith("Bench Extension") and item["enabled"]]) != 3:
        problems.append("extensions %s" % [item["name"] for item in state["extensions"]])
    sites = sorted(state["site_settings"].get(SETTINGS_ID, {}))
    if sites != sorted(SITES) or state["pending_changes"] or state["publish_count"] != 1:
        problems.append("settings of %s, pending %d, publishes %d" % (sites, len(state["pending_changes"]), state["publish_count"]))
    if problems:
        raise RuntimeError("%s did not set the environment up: %s" % (who, "; ".join(problems)))


def first_setup(work, declared, rounds, then):
    """Ours against curl, best of `rounds`, each side on its own fresh simulator each round; `then(sim, url)` runs on the
    instance the role set up in the last round (the unchanged re-runs), and its value is returned too."""
    ours, curl, after = [], [], None
    for index in range(rounds):
        with SimulatorProcess(work / ("simulator-curl-%d" % index)) as sim, link(sim, WAN) as url:
            sim.control("PATCH", "config", SIMULATOR)
            seconds = curl_setup(url, declared, work)
            curl.append((seconds, "%d requests" % len(sim.journal())))
            check_setup(sim, declared, "curl")
        state_file = work / "sync-state.json"
        if state_file.exists():
            state_file.unlink()
        with SimulatorProcess(work / ("simulator-ours-%d" % index)) as sim, link(sim, WAN) as url:
            sim.control("PATCH", "config", SIMULATOR)
            started = time.time()
            seconds, dummy_rss = run_playbook(work, role_play(url, declared["role_vars"]))
            journal = sim.journal()
            ours.append((seconds, "%d requests; %s" % (len(journal), phases(journal, started, started + seconds))))
            check_setup(sim, declared, "the role")
            if index == rounds - 1:
                after = then(sim, url)
    return min(ours), min(curl), after


def reruns(sim, url, work, declared, rounds):
    """The role again on the instance it set up, best of `rounds`, against the floor; then how many module runs it makes
    (a separate run: sampling /proc would slow the timed ones) and a play of as many uri listing tasks."""
    ours, floor, journals = [], [], []
    for dummy in range(rounds):
        sim.clear_journal()
        started = time.time()
        seconds, dummy_rss = run_playbook(work, role_play(url, declared["role_vars"]))
        journal = sim.journal()
        ours.append((seconds, phases(journal, started, started + seconds)))
        journals.append(journal)
        floor.append(run_playbook(work, uri_list_play(url, sim.token()))[0])
    dummy_seconds, modules = module_peaks(work, role_play(url, declared["role_vars"]))
    task = {"ansible.builtin.uri": {"url": url + "/ccadmin/v1/serverExtensions", "headers": {"Authorization": "Bearer " + sim.token()}}}
    same_count = run_playbook(work, play(url, [task] * len(modules)))[0]
    mine = min(ours)
    return mine[0], mine[1], min(floor), journals, modules, same_count


def environment_figures(work, sizes, progress=print):
    """Every environment figure through the WAN link."""
    work.mkdir(parents=True, exist_ok=True)
    declared = declare(work, sizes)
    rounds = sizes["environment_rounds"]
    (mine, mine_where), (theirs, theirs_where), (again, again_where, fixed, journals, modules, same_count) = first_setup(
        work, declared, rounds, lambda sim, url: reruns(sim, url, work, declared, rounds))
    progress("  environment first-time setup and unchanged re-runs %s done" % WAN_NAME)
    journal = max(journals, key=len)
    changing = [entry for entry in journal if entry["method"] in ("POST", "PUT", "PATCH", "DELETE") and entry["path"] not in AUTH]
    fetched = [entry for entry in journal if entry["method"] == "GET" and (entry["path"].endswith(".zip") or entry["path"].startswith("/file/"))]
    kinds = sorted({"%s %s" % (entry["method"], entry["path"]) for entry in journal})
    shape = "%d SSEs of %g MiB, %d SSE variables, 3 extensions, the settings of %d sites, 1 storefront version, 1 publish" % (
        len(declared["sses"]), sizes["environment_sse_mib"], len(declared["role_vars"]["environment_sse_variables"]), len(SITES))
    load = "load average %.1f on %d CPUs when measured" % (os.getloadavg()[0], os.cpu_count() or 1)
    setup_note = ("%s; alternative: bash scripts with curl: one process creating every variable over one connection, CURL_DEPLOY (every zip "
                  "over one connection, one restart, status every %g s), CURL_INSTALL for each extension (each logs in again), a PUT per "
                  "site's settings, one publish and its status every %g s; each side on a fresh simulator; best of %d; ours: %s; curl: %s; %s"
                  % (shape, POLL, POLL, rounds, mine_where, theirs_where, load))
    per_task = same_count / max(len(modules), 1)
    rerun_note = ("floor: one ansible-playbook run of one ansible.builtin.uri task listing the SSEs, token obtained beforehand; best of %d; "
                  "ours: %d module run%s (commerce.admin.plan_info plans every kind at once; each kind's own tasks are skipped when "
                  "its plan is in sync), %s; a task costs ansible-playbook about %.2f s here (the next row); %s"
                  % (rounds, len(modules), "" if len(modules) == 1 else "s", again_where, per_task, load))
    return [
        figure("environment first-time setup, empty instance: wall time", mine, theirs, "s", "reported", True, setup_note, WAN_NAME),
        figure("environment unchanged re-run: wall time", again, fixed, "s", "<= %g x one uri listing task" % RERUN_SLACK,
               again <= RERUN_SLACK * fixed, rerun_note, WAN_NAME),
        figure("environment unchanged re-run against as many uri listing tasks as it runs modules", again, same_count, "s", "reported", True,
               "%d uri tasks in one play: what ansible-playbook itself charges for that many tasks" % len(modules), WAN_NAME),
        figure("environment unchanged re-run: requests", len(journal), 1, "requests", "reported (mutating: 0)", True,
               "%d requests, %d that change something; ours sent: %s" % (len(journal), len(changing), ", ".join(kinds)), WAN_NAME),
        figure("environment unchanged re-run: mutating requests", len(changing), 0, "requests", "0", not changing, "", WAN_NAME),
        figure("environment unchanged re-run: downloads", len(fetched), 0, "downloads", "0", not fetched, "", WAN_NAME),
    ]
