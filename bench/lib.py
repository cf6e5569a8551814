"""Support for the benchmarks: a simulator process, its journal, playbook runs, RSS sampling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
APP_KEY = "sim-app-key-4c1e8b2f"
SSE = "/ccadmin/v1/serverExtensions"
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
        urllib.request.urlopen(request, timeout=60).close()

    def token(self):
        request = urllib.request.Request(self.url + "/ccadmin/v1/login", data=b"grant_type=client_credentials", method="POST",
                                         headers={"Authorization": "Bearer " + APP_KEY, "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())["access_token"]


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


def run_playbook(workdir, play, sample_rss=False):
    """Run one play on localhost; return (seconds, peak RSS in MiB of any module process or None)."""
    path = Path(workdir) / "bench-playbook.json"
    path.write_text(json.dumps([play]))
    start = time.perf_counter()
    process = subprocess.Popen([str(BIN / "ansible-playbook"), "-i", "localhost,", str(path)], env=playbook_env(workdir),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = RssSampler(process.pid) if sample_rss else None
    if sampler:
        sampler.start()
    output = process.communicate()[0]
    seconds = time.perf_counter() - start
    if sampler:
        sampler.stop()
    if process.returncode != 0 or "failed=0" not in output:
        raise RuntimeError("benchmark playbook failed:\n" + output[-4000:])
    return seconds, (sampler.peak_mib if sampler else None)


def play(url, tasks, **extra):
    body = {"name": "bench", "hosts": "localhost", "connection": "local", "gather_facts": False,
            "module_defaults": {"group/commerce.admin.all": {"base_url": url, "app_key": APP_KEY}}, "tasks": tasks}
    body.update(extra)
    return body


def children(pid):
    """Every descendant pid of `pid`, from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                found.add(child)
                frontier.append(child)
    return found


class RssSampler(threading.Thread):
    """Peak resident memory of the module processes (AnsiballZ_*) under a process, sampled every 10 ms."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            for child in children(self.pid):
                try:
                    with open("/proc/%d/cmdline" % child, "rb") as handle:
                        if b"AnsiballZ_" not in handle.read():
                            continue
                    with open("/proc/%d/status" % child) as handle:
                        for line in handle:
                            if line.startswith("VmHWM:"):
                                self.peak_kib = max(self.peak_kib, int(line.split()[1]))
                except OSError:
                    continue
            time.sleep(0.01)

    def stop(self):
        self.done.set()
        self.join()

    @property
    def peak_mib(self):
        return round(self.peak_kib / 1024, 1)


def timed(command, **kwargs):
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start
