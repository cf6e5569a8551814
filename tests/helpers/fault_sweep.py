# -*- coding: utf-8 -*-
"""A seeded, bounded fault sweep of sse_sync through ansible-playbook against the simulator.

Each trial: a random running set, a random declared set (adds, replaces, keeps, purges), rollback
on or off, and one fault at a random point of the first run (5xx, a dropped connection, a lost
answer, a delay, an expired token, a FAILED, refused or too long restart, or kill -9 of the
playbook's process tree). Then a clean run and a no-op run. The promise checked after every run:
the server runs the set it ran before that run, or the declared set; the clean run reaches the
declared set; the no-op run sends no mutating request.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field

from simulator.app import drop_connection

from helpers.harness import collection_env, mutating_requests, run_tasks

SSE = "/ccadmin/v1/serverExtensions"
RESTART = "/ccadminx/custom/v1/servers/restart"
STATUS = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"
POOL = ("a.zip", "b.zip", "c.zip", "d.zip", "e.zip")
FAULTS = ("upload_500", "upload_lost", "listing_gone", "restart_failed", "restart_too_long", "restart_refused",
          "status_gone", "token_expired", "delay", "kill")
WAIT_TIMEOUT = 4


@dataclass
class Figures:
    trials: int = 0
    struck: int = 0
    held: int = 0
    by_fault: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)

    def line(self, seed, seconds):
        kinds = ", ".join("%s %d" % (kind, count) for kind, count in sorted(self.by_fault.items()))
        return ("fault sweep: seed %d, %d trials, %d faults struck, %d held, %.0f s (%s)"
                % (seed, self.trials, self.struck, self.held, seconds, kinds))


def _zip(path, text):
    with zipfile.ZipFile(str(path), "w") as archive:
        archive.writestr(zipfile.ZipInfo("index.js", (2026, 1, 1, 0, 0, 0)), text)
    with open(str(path), "rb") as handle:
        return handle.read()


def _sha(data):
    return hashlib.sha256(data).hexdigest()


class Trial:
    """One trial against a fresh simulator."""

    def __init__(self, sim, directory, rng):
        self.sim = sim
        self.dir = directory
        self.rng = rng
        self.struck = False
        self.rollback = rng.random() < 0.5
        running = rng.sample(POOL, rng.randint(1, 4))
        for name in running:
            self.sim.put_sse(name, _zip(directory / ("old-" + name), "// v1 %s\n" % name), running=True)
        self.src = directory / "declared"
        self.src.mkdir()
        self.declared = {}
        for name in rng.sample(POOL, rng.randint(1, 4)):
            version = "v1" if name in running and rng.random() < 0.4 else "v2"
            self.declared[name] = _sha(_zip(self.src / name, "// %s %s\n" % (version, name)))
        self.fault = rng.choice(FAULTS)

    # Running the module

    def task(self):
        return {"commerce.admin.sse_sync": {"src": str(self.src), "purge": True, "rollback": self.rollback, "retries": 1,
                                            "wait_timeout": WAIT_TIMEOUT, "poll_interval": 0.1,
                                            "state_file": str(self.dir / "state.json"), "backup_dir": str(self.dir / "backups")}}

    def run(self):
        return run_tasks(self.sim, [self.task()], self.dir)[0]

    def run_killed(self, at):
        """Run, and kill -9 the playbook's process tree once the `at`-th mutating request arrives."""
        play = self.dir / "killed.json"
        play.write_text(json.dumps([{"hosts": "localhost", "connection": "local", "gather_facts": False,
                                     "tasks": [self._connected_task()]}]))
        proc = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", str(play)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=collection_env(self.dir), start_new_session=True)
        after_answer = self.rng.random() < 0.5

        def kill():
            self.struck = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        seen = []

        def hook(request, effective):
            if effective in ("POST", "PUT", "DELETE") and not request.path.rstrip("/").endswith(("/login", "/refresh")):
                seen.append(1)
                if len(seen) == at and not after_answer:
                    kill()
                    return "drop"
                if len(seen) == at:
                    return kill
            return None

        self.hook(hook)
        try:
            proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)

    def _connected_task(self):
        task = self.task()
        task["commerce.admin.sse_sync"].update(base_url=self.sim.url, app_key=self.sim.app_key)
        return task

    # Faults

    def hook(self, decide):
        """`decide(request, method)` before each request: "drop" drops it unanswered, a callable runs after the answer."""
        original = self.sim.app.dispatch

        def dispatch(request, effective, entry):
            verdict = decide(request, effective)
            if verdict == "drop":
                drop_connection(request, 0)
                return None
            answer = original(request, effective, entry)
            if callable(verdict):
                verdict()
            return answer

        self.sim.app.dispatch = dispatch
        return original

    def nth(self, method, path, at, action):
        seen = []

        def decide(request, effective):
            if effective == method and request.path == path:
                seen.append(1)
                if len(seen) == at:
                    self.struck = True
                    return action(request)
            return None

        return self.hook(decide)

    def faulty_run(self):
        """Run once with the trial's fault armed; return the original dispatch to put back."""
        original = self.sim.app.dispatch
        uploads = max(1, len(self.declared))
        fault = self.fault
        if fault == "kill":
            self.run_killed(self.rng.randint(1, uploads + 2))
            self.sim.app.dispatch = original
            return
        if fault == "upload_500":
            self.nth("POST", SSE, self.rng.randint(1, uploads),
                     lambda request: self.sim.faults.add("POST", SSE, "status", times=10, status=500) and None)
        elif fault == "upload_lost":
            self.nth("POST", SSE, self.rng.randint(1, uploads), lambda request: lambda: drop_connection(request, 0))
        elif fault == "listing_gone":
            self.nth("GET", SSE, 2, lambda request: self.sim.faults.add("*", "*", "drop", times=None) and None)
        elif fault == "restart_failed":
            self.sim.config.restart_outcome = "fail"
            self.nth("POST", RESTART, 1, lambda request: lambda: setattr(self.sim.config, "restart_outcome", "succeed"))
        elif fault == "restart_too_long":
            self.sim.config.restart_seconds = WAIT_TIMEOUT + 2
            self.nth("POST", RESTART, 1, lambda request: lambda: setattr(self.sim.config, "restart_seconds", 0.3))
        elif fault == "restart_refused":
            self.nth("POST", RESTART, 1, lambda request: self.sim.faults.add("POST", RESTART, "status", times=1, status=503) and None)
        elif fault == "status_gone":
            self.nth("GET", STATUS, 1, lambda request: self.sim.faults.add("GET", STATUS, "drop", times=10) and None)
        elif fault == "token_expired":
            self.nth("POST", SSE, 1, lambda request: self.sim.faults.add("*", "*", "expire_token", times=1) and None)
        elif fault == "delay":
            self.nth("GET", SSE, 1, lambda request: self.sim.faults.add("*", "*", "slow", times=1, seconds=1.0) and None)
        result = self.run()
        self.sim.app.dispatch = original
        return result

    def settle_simulator(self):
        """Faults off; the work requests of the faulty run end (a killed run's restart may still be running)."""
        self.sim.faults.clear()
        self.sim.config.restart_outcome = "succeed"
        self.sim.config.restart_seconds = 0.3
        deadline = time.monotonic() + 2 * WAIT_TIMEOUT + 5
        while any(work["status"] in ("ACCEPTED", "IN_PROGRESS") for work in self.sim.work_requests.values()):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)


def run_trial(sim, directory, rng):
    """(held, struck, fault, what went wrong or None)."""
    trial = Trial(sim, directory, rng)
    before = sim.running()
    trial.faulty_run()
    trial.settle_simulator()
    after_fault = sim.running()
    if after_fault not in (before, trial.declared):
        return False, trial.struck, trial.fault, "after the faulty run the server runs %s: neither %s nor %s" % (after_fault, before, trial.declared)
    clean = trial.run()
    if sim.running() != trial.declared:
        return False, trial.struck, trial.fault, "the clean run did not repair: runs %s, declared %s (%s)" % (sim.running(), trial.declared, clean.get("msg"))
    count = len(mutating_requests(sim))
    noop = trial.run()
    if len(mutating_requests(sim)) != count or noop.get("changed") or noop.get("failed"):
        return False, trial.struck, trial.fault, "the no-op run changed something: %s" % mutating_requests(sim)[count:]
    return True, trial.struck, trial.fault, None


def sweep(sim_factory, base, seed, trials):
    rng = random.Random(seed)
    figures = Figures()
    started = time.monotonic()
    for index in range(trials):
        directory = base / ("trial-%03d" % index)
        directory.mkdir()
        sim = sim_factory(restart_seconds=0.3)
        try:
            held, struck, fault, problem = run_trial(sim, directory, rng)
        finally:
            sim.stop()
        figures.trials += 1
        figures.struck += int(struck)
        figures.held += int(held)
        figures.by_fault[fault] = figures.by_fault.get(fault, 0) + 1
        if problem:
            figures.failures.append("trial %d (%s, seed %d): %s" % (index, fault, seed, problem))
    return figures, time.monotonic() - started
