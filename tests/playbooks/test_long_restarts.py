# -*- coding: utf-8 -*-
"""README "Watching a long restart": the three recipes, taken from README.md, against a slow restart.

Only the waiting times are shortened (pause, delay, poll); everything else runs as written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import yaml

from helpers.harness import REPO, collection_env

SECTION = "### Watching a long restart"
RESTART_SECONDS = 2.5
READ = re.compile(r"^ok: \[localhost\] => \(item=read (\d+): ([A-Z_]+), (\d+) %\)$", re.M)


def readme_recipes():
    """The YAML blocks of the README section, parsed: [tasks, tasks, ...]."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1]
    section = re.split(r"^#{2,3} ", section, maxsplit=1, flags=re.M)[0]
    blocks = re.findall(r"^```yaml\n(.*?)^```", section, re.M | re.S)
    assert len(blocks) == 3, "expected three recipes under %r, found %d" % (SECTION, len(blocks))
    return [yaml.safe_load(block) for block in blocks]


def run_play(sim, tmp_path, tasks, verbosity=0):
    play = [{
        "name": "long restart",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "module_defaults": {"group/commerce.admin.all": {"base_url": sim.url, "app_key": sim.app_key},
                            "commerce.admin.server_restart": {"poll_interval": 0.3}},
        "tasks": tasks,
    }]
    path = tmp_path / "long-restart.yml"
    path.write_text(json.dumps(play))
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", str(path)]
    if verbosity:
        command.append("-" + "v" * verbosity)
    return subprocess.run(command, capture_output=True, text=True, env=collection_env(tmp_path), timeout=300, check=False)


def test_loop_prints_each_read_with_its_percentage_until_succeeded(sim_factory, tmp_path):
    sim = sim_factory(restart_seconds=RESTART_SECONDS)
    start, follow, check = readme_recipes()[0]
    assert start["commerce.admin.server_restart"] == {"wait": False}
    assert follow["loop_control"]["pause"] == 10 and "break_when" in follow["loop_control"]
    follow["loop_control"]["pause"] = 0.3
    proc = run_play(sim, tmp_path, [start, follow, check])
    assert proc.returncode == 0, proc.stdout[-3000:]

    reads = [(int(number), status, int(percent)) for number, status, percent in READ.findall(proc.stdout)]
    assert len(reads) >= 3, proc.stdout
    numbers, statuses, percentages = (list(column) for column in zip(*reads))
    assert numbers == list(range(1, len(reads) + 1))
    assert reads[-1][1:] == ("SUCCEEDED", 100)
    assert all(status in ("ACCEPTED", "IN_PROGRESS") for status in statuses[:-1])
    assert percentages == sorted(percentages) and any(0 < percent < 100 for percent in percentages)
    assert len(reads) < 120  # the loop stopped at the first final status
    assert sim.restart_count == 1


def test_loop_fails_the_play_when_the_restart_fails(sim_factory, tmp_path):
    sim = sim_factory(restart_seconds=1.0)
    sim.config.restart_outcome = "fail"
    start, follow, check = readme_recipes()[0]
    follow["loop_control"]["pause"] = 0.3
    proc = run_play(sim, tmp_path, [start, follow, check])
    assert proc.returncode == 2
    assert READ.findall(proc.stdout)[-1][1] == "FAILED"
    assert "the restart ended FAILED" in proc.stdout


def test_until_retries_delay_shows_attempts_and_percentages(sim_factory, tmp_path):
    sim = sim_factory(restart_seconds=RESTART_SECONDS)
    recipes = readme_recipes()
    start = recipes[0][0]
    (wait,) = recipes[1]
    assert wait["retries"] == 120 and wait["delay"] == 10
    wait["delay"] = 0.3
    show = {"name": "result", "ansible.builtin.debug": {"msg": "RESULT {{ restart_progress | to_json }}"}}
    proc = run_play(sim, tmp_path, [start, wait, show], verbosity=3)
    assert proc.returncode == 0, proc.stdout[-3000:]

    marker = "FAILED - RETRYING: [localhost]: Wait for the restart, one line per read"
    retries = proc.stdout.split(marker)[1:]
    assert len(retries) >= 2, proc.stdout[-3000:]
    # -vvv: each retry line carries the result of that read (a JSON document up to the next line at column 0)
    seen, left = [], []
    for retry in retries:
        match = re.match(r" \((\d+) retries left\)\.Result was: (\{.*?\n\})", retry, re.S)
        assert match, retry[:200]
        left.append(int(match.group(1)))
        seen.append(json.loads(match.group(2))["completion_percentage"])
    # (ansible-core 2.19 counts the retries left one higher than 2.20 and later)
    assert left == list(range(left[0], left[0] - len(left), -1)) and left[0] in (119, 120)
    assert seen == sorted(seen) and seen[-1] < 100
    result = json.loads(re.search(r'"msg": "RESULT (.*)"$', proc.stdout, re.M).group(1).replace('\\"', '"'))
    assert result["restart_status"] == "SUCCEEDED" and result["completion_percentage"] == 100
    assert result["attempts"] == len(retries) + 1
    assert sim.restart_count == 1


def test_async_poll_shows_a_line_per_poll_and_waits_to_the_end(sim_factory, tmp_path):
    sim = sim_factory(restart_seconds=RESTART_SECONDS + 1)
    (task,) = readme_recipes()[2]
    assert task["async"] > task["commerce.admin.server_restart"]["wait_timeout"]
    task["poll"] = 1
    task["register"] = "restarted"
    show = {"name": "result", "ansible.builtin.debug": {"msg": "RESULT {{ restarted.restart_status }} {{ restarted.completion_percentage }}"}}
    proc = run_play(sim, tmp_path, [task, show])
    assert proc.returncode == 0, proc.stdout[-3000:]
    polls = re.findall(r"^ASYNC POLL on localhost: jid=\S+ started=(?:1|True) finished=(?:0|False)$", proc.stdout, re.M)
    assert len(polls) >= 2, proc.stdout
    assert re.search(r"^ASYNC OK on localhost: jid=", proc.stdout, re.M)
    assert '"msg": "RESULT SUCCEEDED 100"' in proc.stdout
    assert sim.restart_count == 1
