# -*- coding: utf-8 -*-
"""The benchmark WAN proxy: latency each way, pipelined; a rate cap; intact bytes; counters; a freed port."""

from __future__ import annotations

import hashlib
import importlib.util
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers import REPO


def _bench_module(name):
    """bench/`name`.py, loaded from its file: bench/ is a directory of scripts, not a package on the path."""
    spec = importlib.util.spec_from_file_location(name, str(REPO / "bench" / (name + ".py")))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


WanProxy = _bench_module("wan_proxy").WanProxy

BIG = os.urandom(5 * 1024 * 1024)
DELAY = 0.030


class Handler(BaseHTTPRequestHandler):
    """GET /big answers BIG, anything else "ok"."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # pylint: disable=invalid-name
        body = BIG if self.path == "/big" else b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):  # quiet
        pass


@pytest.fixture(name="server")
def fixture_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def get(port, path="/small"):
    """(seconds, body) of one GET on a new connection."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        body = connection.getresponse().read()
    finally:
        connection.close()
    return time.monotonic() - started, body


def counters_once(proxy, key, minimum):
    """The proxy's counters once `key` reached `minimum`: a writer counts just after its send returns."""
    deadline = time.monotonic() + 5
    while proxy.counters()[key] < minimum and time.monotonic() < deadline:
        time.sleep(0.01)
    return proxy.counters()


def test_a_round_trip_costs_at_least_twice_the_delay(server):
    direct = min(get(server)[0] for dummy in range(5))
    with WanProxy("127.0.0.1", server, delay=DELAY, mbit=100) as proxy:
        timings = [get(proxy.port) for dummy in range(5)]
    assert all(body == b"ok" for _seconds, body in timings)
    proxied = min(seconds for seconds, _body in timings)
    assert proxied - direct >= 2 * DELAY
    assert proxied < 2 * DELAY + 1.0  # a latency, not a stall


def test_a_transfer_is_capped_and_intact(server):
    with WanProxy("127.0.0.1", server, delay=0.005, mbit=40) as proxy:
        seconds, body = get(proxy.port, "/big")
        counters = counters_once(proxy, "bytes_down", len(BIG))
    assert hashlib.sha256(body).hexdigest() == hashlib.sha256(BIG).hexdigest()
    assert seconds >= 0.8  # 5 MiB at 40 Mbit/s is 1.05 s
    assert seconds < 10
    assert counters["connections"] == 1
    assert counters["bytes_down"] > len(BIG) and counters["bytes_up"] > 0


def test_without_a_cap_the_same_transfer_is_fast(server):
    with WanProxy("127.0.0.1", server, delay=0.005, mbit=0) as proxy:
        seconds, body = get(proxy.port, "/big")
    assert body == BIG and seconds < 0.8


def test_counters_count_bytes_each_way_and_connections(server):
    with WanProxy("127.0.0.1", server, delay=0.001, mbit=100) as proxy:
        answers = [get(proxy.port)[1] for dummy in range(3)]
        response_size = len(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        counters = counters_once(proxy, "bytes_down", 3 * response_size)
    assert answers == [b"ok"] * 3
    assert counters["connections"] == 3
    request_size = len(b"GET /small HTTP/1.1\r\nHost: 127.0.0.1")
    assert counters["bytes_up"] >= 3 * request_size
    assert counters["bytes_down"] >= 3 * response_size


def echo_server():
    """A TCP echo server on loopback: (port, stop)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stopped = threading.Event()

    def echo(conn):
        with conn:
            conn.settimeout(10)
            for dummy in range(100000):  # bounded; ends at EOF
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)

    def serve():
        while not stopped.is_set():
            try:
                conn, _address = listener.accept()
            except socket.timeout:
                continue
            threading.Thread(target=echo, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def stop():
        stopped.set()
        thread.join(5)
        listener.close()

    return listener.getsockname()[1], stop


def test_the_delay_is_pipelined_not_per_chunk():
    # 20 small writes 5 ms apart: pipelined they all arrive by ~0.1 s + 2 x delay; serialised, by 20 x delay.
    port, stop = echo_server()
    delay = 0.050
    try:
        with WanProxy("127.0.0.1", port, delay=delay, mbit=100) as proxy:
            with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as conn:
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                started = time.monotonic()
                for number in range(20):
                    conn.sendall(b"%02d" % number)
                    time.sleep(0.005)
                received = b""
                while len(received) < 40 and time.monotonic() - started < 10:
                    received += conn.recv(1024)
                elapsed = time.monotonic() - started
    finally:
        stop()
    assert received == b"".join(b"%02d" % number for number in range(20))
    assert 2 * delay <= elapsed < 0.1 + 2 * delay + 0.3 < 20 * delay


def test_stop_frees_the_port(server):
    proxy = WanProxy("127.0.0.1", server, delay=0.001, mbit=100).start()
    port = proxy.port
    assert get(port)[1] == b"ok"
    held = socket.create_connection(("127.0.0.1", port), timeout=5)  # an open connection must not keep the port
    started = time.monotonic()
    proxy.stop()
    assert time.monotonic() - started < 5
    held.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
    again = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
        again.listen(1)
    finally:
        again.close()


def test_only_loopback_targets():
    with pytest.raises(ValueError, match="loopback"):
        WanProxy("192.0.2.1", 443)


def test_the_command_line(server):
    command = [sys.executable, str(REPO / "bench" / "wan_proxy.py"), "--target", "127.0.0.1:%d" % server, "--delay-ms", "1", "--mbit", "50"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline()
            assert line.startswith("listening on 127.0.0.1:")
            port = int(line.split()[2].split(":")[1])
            assert get(port)[1] == b"ok"
        finally:
            process.terminate()
            out, _err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "stopped: 1 connections" in out
