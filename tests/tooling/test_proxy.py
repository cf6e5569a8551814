# -*- coding: utf-8 -*-
"""Modules behind a real forward proxy (proxy.py on loopback): https_proxy tunnels, no_proxy bypasses.

The simulator speaks TLS with a private CA (ca_path), so through the proxy the modules must open a
CONNECT tunnel and verify the certificate end to end. The proxy's own access log says which
connections went through it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from helpers.harness import connection_defaults, mutating_requests, run_tasks

START_TIMEOUT = 20


@pytest.fixture
def proxy(tmp_path):
    """proxy.py on a free loopback port; yields (url, log path); stopped at the end."""
    port_file = tmp_path / "proxy.port"
    log = tmp_path / "proxy.log"
    command = [os.path.join(os.path.dirname(sys.executable), "proxy"), "--hostname", "127.0.0.1", "--port", "0",
               "--port-file", str(port_file), "--log-file", str(log), "--log-level", "INFO",
               "--num-workers", "1", "--num-acceptors", "1", "--timeout", "5"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
    try:
        url = wait_until_listening(process, port_file)
        yield url, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_until_listening(process, port_file):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("proxy.py exited with %s before listening" % process.returncode)
        text = port_file.read_text().strip() if port_file.exists() else ""
        if text:
            port = int(text.split()[0])
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return "http://127.0.0.1:%d" % port
            except OSError:
                pass
        time.sleep(0.1)
    raise AssertionError("proxy.py did not listen within %d s" % START_TIMEOUT)


def connects_to(log, port, settle=5.0, expect=True):
    """The proxy's CONNECT lines for 127.0.0.1:port (it logs a connection when it closes)."""
    deadline = time.monotonic() + settle
    while True:
        lines = [line for line in log.read_text().splitlines() if "CONNECT 127.0.0.1:%d " % port in line] if log.exists() else []
        if (lines and expect) or time.monotonic() >= deadline:
            return lines
        time.sleep(0.1)


def proxy_env(proxy_url, no_proxy):
    return {"https_proxy": proxy_url, "HTTPS_PROXY": proxy_url, "http_proxy": proxy_url, "HTTP_PROXY": proxy_url,
            "no_proxy": no_proxy, "NO_PROXY": no_proxy}


@pytest.fixture
def tls_sim(sim_factory, tls_material):
    return sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)


TASKS = [
    {"commerce.admin.sse_info": {}},
    {"commerce.admin.sse_upload": {"src": "{{ proxy_zip }}"}},
    {"commerce.admin.extension_state": {"name": "Widget with Element", "state": "enabled"}},
]


def run_through(sim, tmp_path, make_zip, tls_material, env, keyword=False):
    """The tasks with the proxy variables in the environment of ansible-playbook, or in the `environment` keyword."""
    zip_path = Path(make_zip(tmp_path / "proxied.zip", size=300 * 1024))
    tasks = [dict(task, environment=env) for task in TASKS] if keyword else TASKS
    run = run_tasks(sim, tasks, tmp_path, defaults=connection_defaults(sim, ca_path=tls_material.ca), env=None if keyword else env,
                    extra_args=("-e", "proxy_zip=%s" % zip_path))
    for result in run.results:
        assert not result.get("failed"), result
    assert run[1]["changed"] and run[1]["restart_status"] == "SUCCEEDED" and run[2]["changed"]
    assert sim.sse_names() == ["proxied.zip"] and sim.sse_bytes("proxied.zip") == zip_path.read_bytes()
    assert mutating_requests(sim)
    return run


@pytest.mark.parametrize("keyword", [False, True], ids=["ansible-playbook environment", "environment keyword"])
def test_https_proxy_tunnels_every_request_with_connect(tls_sim, proxy, tmp_path, make_zip, tls_material, keyword):
    proxy_url, log = proxy
    run_through(tls_sim, tmp_path, make_zip, tls_material, proxy_env(proxy_url, ""), keyword)
    tunnels = connects_to(log, tls_sim.port)
    # at least one tunnel per module run (each module is its own process)
    assert len(tunnels) >= len(TASKS), log.read_text()[-3000:]
    # nothing else went through the proxy: every line it logged is a CONNECT to the simulator
    access = [line for line in log.read_text().splitlines() if "access_log" in line]
    assert access == tunnels


def test_no_proxy_bypasses_the_proxy(tls_sim, proxy, tmp_path, make_zip, tls_material):
    proxy_url, log = proxy
    run_through(tls_sim, tmp_path, make_zip, tls_material, proxy_env(proxy_url, "127.0.0.1,localhost"))
    assert connects_to(log, tls_sim.port, settle=2.0, expect=False) == []
    # The proxy was there and working all along: a request sent through it now shows up.
    answer = requests.get(tls_sim.url + "/ccadmin/v1/serverExtensions", proxies={"https": proxy_url}, verify=tls_material.ca, timeout=10)
    assert answer.status_code == 401
    assert len(connects_to(log, tls_sim.port)) == 1
