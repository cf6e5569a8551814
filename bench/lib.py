# -*- coding: utf-8 -*-
"""Support for the benchmarks: a simulator process, its journal, playbook runs, RSS sampling, links, figures."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

from wan_proxy import WanProxy  # pylint: disable=import-error

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
APP_KEY = "sim-app-key-4c1e8b2f"
SSE = "/ccadmin/v1/serverExtensions"
RESTART = "/ccadminx/custom/v1/servers/restart"
MIB = 1024 * 1024
LOOPBACK = "loopback"
ANSIBALLZ = re.compile(rb"[^\s'\"\0]*AnsiballZ_\w+\.py")
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / ".venv" / "collections"))


class SimulatorProcess:
    """The simulator in its own process, so it does not share an interpreter with what is measured."""

    def __init__(self, workdir, *options):
        self.dir = Path(workdir)
        self.options = options
        self.url = None

    def __enter__(self):
        out = subprocess.run([str(REPO / "scripts" / "simulator"), "start", str(self.dir)] + list(self.options),
                             check=True, capture_output=True, text=True, env=dict(os.environ, PYTHON=sys.executable))
        self.url = out.stdout.strip()
        return self

    def __exit__(self, *exc):
        subprocess.run([str(REPO / "scripts" / "simulator"), "stop", str(self.dir)], check=False)

    def control(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + "/__sim__/" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def journal(self):
        return self.control("GET", "journal")

    def clear_journal(self):
        self.control("DELETE", "journal")

    def state(self):
        return self.control("GET", "state")

    def put_sse(self, name, path):
        with open(path, "rb") as handle:
            request = urllib.request.Request(self.url + "/__sim__/sse/live/" + name, data=handle.read(), method="PUT")
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()

    def token(self):
        request = urllib.request.Request(self.url + "/ccadmin/v1/login", data=b"grant_type=client_credentials", method="POST",
                                         headers={"Authorization": "Bearer " + APP_KEY, "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())["access_token"]

    @property
    def port(self):
        return int(self.url.rsplit(":", 1)[1])

    def names(self):
        """The names of the live SSEs."""
        return [item["name"] for item in self.state()["sses"]["live"]]

    def restart_count(self):
        return self.state()["restart_count"]

    def delete_all(self):
        """Delete every live SSE without a restart (one deleteFiles call), so the next deploy starts from an empty instance."""
        names = self.names()
        if not names:
            return
        request = urllib.request.Request(self.url + SSE + "/deleteFiles?restartExtensionServer=false", method="POST",
                                         data=json.dumps({"paths": names}).encode(),
                                         headers={"Authorization": "Bearer " + self.token(), "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()


@contextlib.contextmanager
def link(sim, wan=None):
    """The base URL the measured clients use: the simulator itself (loopback), or a WanProxy in front of it (`wan`: its keywords)."""
    if not wan:
        yield sim.url
        return
    proxy = WanProxy("127.0.0.1", sim.port, **wan).start()
    try:
        yield "http://127.0.0.1:%d" % proxy.port
    finally:
        proxy.stop()


def figure(name, ours, alternative, unit, target, met, note="", link_name=LOOPBACK):  # pylint: disable=too-many-arguments
    """One row of results.json / results.md."""
    ratio = round(ours / alternative, 2) if alternative else None
    return {"figure": name, "link": link_name, "ours": round(ours, 2), "alternative": round(alternative, 2) if alternative is not None else None,
            "unit": unit, "ratio": ratio, "target": target, "met": bool(met), "note": note}


def best(samples):
    return min(samples)


def count(journal, method=None, path=None):
    return len([entry for entry in journal if (method is None or entry["method"] == method) and (path is None or entry["path"] == path)])


def downloads(journal):
    """Journal entries that download an SSE zip."""
    return len([entry for entry in journal if entry["method"] == "GET" and entry["path"].startswith(SSE + "/") and entry["path"].endswith(".zip")])


def uploads(journal):
    return count(journal, "POST", SSE)


def restarts(journal):
    return count(journal, "POST", RESTART)


def phases(journal, started, ended):
    """Where a run's wall time went, from the simulator's request times (`started`, `ended`: time.time() around the run)."""
    if not journal:
        return "no request"
    first, last = journal[0]["time"], journal[-1]["time"]
    restart = next((entry["time"] for entry in journal if entry["method"] == "POST" and entry["path"] == RESTART), None)
    parts = ["%.2f s before the first request" % (first - started)]
    if restart is None:
        parts.append("%.2f s of %d requests" % (last - first, len(journal)))
    else:
        parts.append("%.2f s of requests up to the restart" % (restart - first))
        parts.append("%.2f s restart and status polls" % (last - restart))
    parts.append("%.2f s after the last request arrived" % (ended - last))
    return ", ".join(parts)


def rebuild_zip(source, target, stamp=(2026, 11, 25, 9, 30, 0)):
    """The same entries with the same bytes in another zip: a new timestamp, deflated instead of stored, a comment (streamed)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for info in old.infolist():
            with old.open(info) as reader, new.open(zipfile.ZipInfo(info.filename, date_time=stamp), "w", force_zip64=True) as writer:
                shutil.copyfileobj(reader, writer, MIB)
        new.comment = b"rebuilt by the benchmark"
    return str(target)


def playbook_env(workdir):
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(REPO / ".venv" / "collections"),
        "ANSIBLE_LOCAL_TEMP": str(Path(workdir) / "ansible-tmp"),
        "ANSIBLE_REMOTE_TMP": str(Path(workdir) / "ansible-tmp"),
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_ROLES_PATH": str(REPO / "roles"),
        "PATH": str(BIN) + os.pathsep + env.get("PATH", ""),
    })
    return env


def run_playbook(workdir, body, sample_rss=False):
    """Run one play (`body`) on localhost; return (seconds, peak RSS in MiB of any module process or None)."""
    seconds, sampler = _run_playbook(workdir, body, sample_rss)
    return seconds, (sampler.peak_mib if sampler else None)


def module_peaks(workdir, body):
    """Run one play (`body`) on localhost; return (seconds, [peak RSS in MiB of each module run, in the order the tasks ran])."""
    seconds, sampler = _run_playbook(workdir, body, True)
    return seconds, sampler.peaks_mib


def _run_playbook(workdir, body, sample_rss):
    path = Path(workdir) / "bench-playbook.json"
    path.write_text(json.dumps([body]))
    start = time.perf_counter()
    with subprocess.Popen([str(BIN / "ansible-playbook"), "-i", "localhost,", str(path)], env=playbook_env(workdir),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        sampler = RssSampler(process.pid) if sample_rss else None
        if sampler:
            sampler.start()
        output = process.communicate()[0]
        seconds = time.perf_counter() - start
        if sampler:
            sampler.stop()
    if process.returncode != 0 or "failed=0" not in output:
        raise RuntimeError("benchmark playbook failed:\n" + output[-4000:])
    return seconds, sampler


def role_play(url, role_vars):
    """A play that runs the sse_deploy role with `role_vars`."""
    return play(url, [], roles=[{"role": "commerce.admin.sse_deploy", "vars": role_vars}])


def play(url, tasks, **extra):
    body = {"name": "bench", "hosts": "localhost", "connection": "local", "gather_facts": False,
            "module_defaults": {"group/commerce.admin.all": {"base_url": url, "app_key": APP_KEY}}, "tasks": tasks}
    body.update(extra)
    return body


class ProcessTree:
    """The descendants of a process, from /proc; each pid's parent is read once, so sampling every 10 ms stays cheap."""

    def __init__(self):
        self.parents = {}

    def refresh(self):
        alive = {int(entry) for entry in os.listdir("/proc") if entry.isdigit()}
        for gone in set(self.parents) - alive:
            del self.parents[gone]
        for pid in alive - set(self.parents):
            try:
                with open("/proc/%d/stat" % pid) as handle:
                    self.parents[pid] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue

    def descendants(self, pid):
        """Every descendant pid of `pid`."""
        self.refresh()
        found, frontier = set(), [pid]
        while frontier:
            parent = frontier.pop()
            for child, its_parent in self.parents.items():
                if its_parent == parent and child not in found:
                    found.add(child)
                    frontier.append(child)
        return found


class RssSampler(threading.Thread):
    """Peak resident memory of the module processes (AnsiballZ_*) under a process, sampled every 10 ms.

    `peak_kib` is the peak of all of them; `peaks_mib` the peak of each module run (the shell that
    starts it and the interpreter that runs it, told apart by the AnsiballZ file's path), in order.
    """

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.per_module = {}  # AnsiballZ path -> peak KiB; insertion order is the order the tasks ran
        self.tree = ProcessTree()
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            for child in self.tree.descendants(self.pid):
                try:
                    with open("/proc/%d/cmdline" % child, "rb") as handle:
                        found = ANSIBALLZ.search(handle.read())
                    if not found:
                        continue
                    with open("/proc/%d/status" % child) as handle:
                        for line in handle:
                            if line.startswith("VmHWM:"):
                                kib = int(line.split()[1])
                                self.peak_kib = max(self.peak_kib, kib)
                                self.per_module[found.group()] = max(self.per_module.get(found.group(), 0), kib)
                except OSError:
                    continue
            time.sleep(0.01)

    def stop(self):
        self.done.set()
        self.join()

    @property
    def peak_mib(self):
        return round(self.peak_kib / 1024, 1)

    @property
    def peaks_mib(self):
        return [round(kib / 1024, 1) for kib in self.per_module.values()]


def timed(command, **kwargs):
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start
