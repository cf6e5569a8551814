# -*- coding: utf-8 -*-
"""A TCP forwarding proxy that makes loopback cost what the internet costs, for benchmarks.

Each direction of each connection is delayed by a latency (default 20 ms one way) and paced to a
rate (default 100 Mbit/s). It forwards bytes, so any TCP protocol passes (plain HTTP, TLS).

The delay is a latency, not a per-chunk wait: every chunk is stamped when it arrives and leaves
`delay` after that, so a stream stays pipelined. The cap paces departures: a piece of n bytes
occupies the direction's link for n / rate seconds, like a link's serialisation time; all
connections share the two links (up, down), as they would share one access line. It only
listens and connects on loopback.

    proxy = WanProxy("127.0.0.1", 8443, delay=0.020, mbit=100).start()
    ... connect to 127.0.0.1:proxy.port ...
    proxy.stop()

    python bench/wan_proxy.py --target 127.0.0.1:8443 [--listen-port N] [--delay-ms 20] [--mbit 100]
"""

from __future__ import annotations

import argparse
import ipaddress
import queue
import signal
import socket
import sys
import threading
import time

LISTEN_HOST = "127.0.0.1"
RECV_SIZE = 64 * 1024
# Pacing granularity: small pieces keep the rate smooth without a sleep per few bytes.
PACE_PIECE = 16 * 1024
# Chunks buffered per direction (at most RECV_SIZE each): beyond it the reader blocks, as a full router queue would.
QUEUE_CHUNKS = 256
POLL = 0.2  # how often idle threads look at the stop flag
JOIN_TIMEOUT = 5.0
EOF = None


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Link:
    """One direction's capped link, shared by all connections: it carries `rate` bytes a second."""

    def __init__(self, rate):
        self.rate = rate
        self.free_at = 0.0  # when the pieces booked so far have left
        self.lock = threading.Lock()

    def book(self, size):
        """The moment a piece of `size` bytes may leave; the link is busy with it until size / rate later."""
        with self.lock:
            departure = max(time.monotonic(), self.free_at)
            self.free_at = departure + size / self.rate
            return departure


class _Pacer:
    """When a direction's bytes leave: `delay` after they arrived, and no faster than its link's rate."""

    def __init__(self, delay, link, stopped):
        self.delay = delay
        self.link = link
        self.stopped = stopped

    def wait_until(self, moment):
        """Sleep until time.monotonic() >= moment (never early); False when the proxy stops meanwhile."""
        for dummy in range(100):  # each round sleeps what is left, so one or two rounds suffice
            left = moment - time.monotonic()
            if left <= 0:
                return True
            if self.stopped.wait(left):
                return False
        return True

    def pieces(self, arrival, data):
        """Yield `data` in pieces, each when it may leave; stops yielding when the proxy stops."""
        if not self.wait_until(arrival + self.delay):
            return
        if self.link is None:
            yield data
            return
        for start in range(0, len(data), PACE_PIECE):
            piece = data[start:start + PACE_PIECE]
            if not self.wait_until(self.link.book(len(piece))):
                return
            yield piece


class _Connection:
    """One proxied connection: two directions, each a reader thread and a writer thread."""

    def __init__(self, proxy, client, upstream):
        self.proxy = proxy
        self.sockets = (client, upstream)
        self.threads = []
        self.finished = threading.Semaphore(0)

    def start(self):
        client, upstream = self.sockets
        for source, target, counter in ((client, upstream, "bytes_up"), (upstream, client, "bytes_down")):
            chunks = queue.Queue(QUEUE_CHUNKS)
            pacer = _Pacer(self.proxy.delay, self.proxy.links[counter], self.proxy.stopped)
            self.threads.append(threading.Thread(target=self._read, args=(source, chunks), daemon=True))
            self.threads.append(threading.Thread(target=self._write, args=(target, chunks, pacer, counter), daemon=True))
        threading.Thread(target=self._close_when_done, daemon=True).start()
        for thread in self.threads:
            thread.start()

    def _read(self, source, chunks):
        try:
            while not self.proxy.stopped.is_set():  # recv returns b"" once the socket is shut down
                data = source.recv(RECV_SIZE)
                self._put(chunks, (time.monotonic(), data or EOF))
                if not data:
                    return
        except OSError:
            self._put(chunks, (time.monotonic(), EOF))

    def _put(self, chunks, item):
        """Queue `item`, waiting while the queue is full, but not past stop()."""
        while not self.proxy.stopped.is_set():
            try:
                chunks.put(item, timeout=POLL)
                return
            except queue.Full:
                continue

    def _write(self, target, chunks, pacer, counter):
        try:
            while not self.proxy.stopped.is_set():
                try:
                    arrival, data = chunks.get(timeout=POLL)
                except queue.Empty:
                    continue
                if data is EOF:
                    # Pass the half-close on after the bytes before it, so a request-then-shutdown client works.
                    if pacer.wait_until(arrival + pacer.delay):
                        target.shutdown(socket.SHUT_WR)
                    return
                for piece in pacer.pieces(arrival, data):
                    target.sendall(piece)
                    self.proxy.count(counter, len(piece))
        except OSError:
            self.abort()  # a reset on one side ends both directions
        finally:
            self.finished.release()

    def _close_when_done(self):
        for dummy in range(2):  # both writers; bounded by the proxy's lifetime, abort() makes them end
            self.finished.acquire()  # pylint: disable=consider-using-with
        self.close()
        self.proxy.forget(self)

    def abort(self):
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv or sendall
            except OSError:
                pass

    def close(self):
        self.abort()
        for sock in self.sockets:
            sock.close()

    def join(self, timeout):
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))


class WanProxy:
    """Forward 127.0.0.1:`port` to `target_host`:`target_port` with `delay` seconds each way and `mbit` Mbit/s each way.

    `mbit` of 0 or None means no cap; `delay` of 0 no delay. Counters: `bytes_up` (client to
    target), `bytes_down` (target to client), `connections` (accepted).
    """

    def __init__(self, target_host, target_port, delay=0.020, mbit=100, listen_port=0):
        if not is_loopback(target_host):
            raise ValueError("target %s is not a loopback address: the proxy only connects on loopback" % target_host)
        if delay < 0 or (mbit or 0) < 0:
            raise ValueError("delay and mbit must not be negative")
        self.target = (target_host, int(target_port))
        self.delay = float(delay)
        self.rate = (mbit or 0) * 1e6 / 8  # bytes per second; 0 means no cap
        self.links = {counter: _Link(self.rate) if self.rate else None for counter in ("bytes_up", "bytes_down")}
        self.listen_port = listen_port
        self.port = None
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._open = set()
        self._listener = None
        self._acceptor = None

    def start(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LISTEN_HOST, self.listen_port))
        listener.listen(64)
        listener.settimeout(POLL)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept_loop, name="wan-proxy-accept", daemon=True)
        self._acceptor.start()
        return self

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def counters(self):
        with self._lock:
            return {"bytes_up": self.bytes_up, "bytes_down": self.bytes_down, "connections": self.connections}

    def count(self, counter, amount):
        with self._lock:
            setattr(self, counter, getattr(self, counter) + amount)

    def forget(self, connection):
        with self._lock:
            self._open.discard(connection)

    def _accept_loop(self):
        while not self.stopped.is_set():  # ends within POLL of stop()
            try:
                client, _address = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self._serve(client)

    def _serve(self, client):
        client.settimeout(None)
        try:
            upstream = socket.create_connection(self.target, timeout=10)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # Nagle would add its own delay
        connection = _Connection(self, client, upstream)
        with self._lock:
            self.connections += 1
            self._open.add(connection)
        connection.start()

    def stop(self):
        """Close the listener and every connection; the port is free when this returns."""
        self.stopped.set()
        if self._acceptor is not None:
            self._acceptor.join(JOIN_TIMEOUT)
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            connections = list(self._open)
        for connection in connections:
            connection.close()
        for connection in connections:
            connection.join(JOIN_TIMEOUT)


def parse_target(text):
    host, _sep, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("--target must be HOST:PORT, e.g. 127.0.0.1:8443")
    host = host.strip("[]")
    if not is_loopback(host):
        raise argparse.ArgumentTypeError("--target %s is not a loopback address" % host)
    return host, int(port)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Delay and rate-cap a loopback TCP service, for benchmarks.")
    parser.add_argument("--target", required=True, type=parse_target, help="HOST:PORT to forward to (loopback only)")
    parser.add_argument("--listen-port", type=int, default=0, help="port on 127.0.0.1 to listen on (default: any free port)")
    parser.add_argument("--delay-ms", type=float, default=20.0, help="one-way latency per direction, in ms (default 20)")
    parser.add_argument("--mbit", type=float, default=100.0, help="throughput cap per direction, Mbit/s; 0 for none (default 100)")
    args = parser.parse_args(argv)
    proxy = WanProxy(args.target[0], args.target[1], delay=args.delay_ms / 1000, mbit=args.mbit, listen_port=args.listen_port).start()
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_args: done.set())
    print("listening on %s:%d -> %s:%d, %g ms one way, %s" % (LISTEN_HOST, proxy.port, args.target[0], args.target[1], args.delay_ms,
                                                              "%g Mbit/s" % args.mbit if args.mbit else "no rate cap"), flush=True)
    while not done.wait(1.0):  # until a signal
        pass
    proxy.stop()
    print("stopped: %(connections)d connections, %(bytes_up)d bytes up, %(bytes_down)d bytes down" % proxy.counters(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
