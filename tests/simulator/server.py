# -*- coding: utf-8 -*-
"""The Simulator: a threaded Werkzeug server on loopback, with its state, faults and journal."""

from __future__ import annotations

import logging
import os
import ssl
import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from .app import SimulatorApp
from .config import build_config
from .faults import FaultRegistry
from .filestore import normal_path
from .state import Store


class QuietHandler(WSGIRequestHandler):
    """No access log on stderr: the journal records every request."""

    def log_request(self, code="-", size="-"):
        pass


class Simulator:  # pylint: disable=too-many-instance-attributes
    """`Simulator(state_dir, profile="current" | "legacy", **config)`: the profile's preset, then the explicit switches."""

    def __init__(self, state_dir, seed_path=None, host="127.0.0.1", port=0, certfile=None, keyfile=None, profile="current", **config):
        self.profile = profile
        self.config = build_config(profile, **config)
        self.store = Store(state_dir, seed_path, self.config)
        self.faults = FaultRegistry()
        self.app = SimulatorApp(self.store, self.faults)
        self.host = host
        self.port = port
        self.certfile = certfile
        self.keyfile = keyfile
        self._server = None
        self._thread = None

    def start(self):
        context = None
        if self.certfile:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.certfile, self.keyfile)
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self._server = make_server(self.host, self.port, self.app, threaded=True, ssl_context=context, request_handler=QuietHandler)
        self._server.daemon_threads = True
        self.port = self._server.server_port
        # a short poll interval makes stop() quick: tests start and stop hundreds of simulators
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="commerce-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def url(self):
        return "%s://%s:%d" % ("https" if self.certfile else "http", self.host, self.port)

    @property
    def app_key(self):
        return self.store.app_key

    @property
    def journal(self):
        return list(self.app.journal.entries)

    def clear_journal(self):
        self.app.journal.clear()

    @property
    def issued_tokens(self):
        """Every access token issued so far, expired or not (tests look for them in logs)."""
        return list(self.store.tokens.issued)

    def expire_tokens(self):
        self.store.expire_tokens()

    def sse_bytes(self, name, environment="live"):
        with self.store.lock:
            self.store.settle()
            if name not in self.store.sses[environment]:
                return None
            with open(self.store.sse_path(environment, name), "rb") as handle:
                return handle.read()

    def sse_names(self, environment="live"):
        with self.store.lock:
            self.store.settle()
            return sorted(self.store.sses[environment])

    def put_sse(self, name, data, environment="live", running=False):
        """Store a file as an upload without restart would; `running=True` also makes it what the server runs."""
        self.store.put_sse(environment, name, data, running)

    def running(self, environment="live"):
        """{name: sha256} of what the extension server of `environment` runs (after its last SUCCEEDED restart)."""
        return self.store.running(environment)

    def running_names(self, environment="live"):
        return sorted(self.store.running(environment))

    def put_variable(self, name, value):
        """Store an SSE environment variable as a POST would (duplicate names allowed); its listing item."""
        with self.store.lock:
            return self.store.variables.create(name, value)

    @property
    def variables(self):
        return self.store.snapshot()["variables"]

    def running_variables(self, environment="live"):
        """{name: value} the extension server of `environment` sees (after its last push or SUCCEEDED restart)."""
        return self.store.snapshot()["running_variables"][environment]

    @property
    def extensions(self):
        return self.store.snapshot()["extensions"]

    @property
    def sites(self):
        return self.store.snapshot()["sites"]

    @property
    def work_requests(self):
        return self.store.restarts_snapshot()

    @property
    def restart_count(self):
        return self.store.restart_count

    # Extensions from the file store (the other side of /ccadmin/v1/files and createExtension)

    def put_file(self, path, data):
        """Store bytes in the file store at `path` (e.g. "/extensions/x.zip"), as a finished upload would."""
        with self.store.lock:
            self.store.files.put_bytes(normal_path(path), data)

    def file_bytes(self, path):
        with self.store.lock:
            local = self.store.files.local(normal_path(path))
            if local is None:
                return None
            with open(local, "rb") as handle:
                return handle.read()

    def generate_extension_id(self, name="Sim Extension"):
        """An extension ID generated on this instance, as POST /ccadmin/v1/extensions/id would make it."""
        with self.store.lock:
            return self.store.extension_book.generate_id(name)["id"]

    def install_extension(self, data, file_name, enabled=True):
        """Upload `data` (zip bytes) to /extensions/<file_name> and install it as createExtension would;
        the listing item. `data` may also be a path to the zip. ValueError (with the errors) when the simulator would refuse it."""
        if isinstance(data, (str, os.PathLike)):
            with open(data, "rb") as handle:
                data = handle.read()
        self.put_file("/extensions/" + file_name, data)
        item, errors, dummy = self.store.install_extension(file_name)
        if item is None:
            raise ValueError("the simulator refuses %s: %s" % (file_name, errors))
        if not enabled:
            with self.store.lock:
                self.store.extension_book.set_enabled(self.store.extension_book.find(item["repositoryId"]), False)
                item = dict(self.store.extension_book.find(item["repositoryId"]))
        return item

    def add_widget_instance(self, extension_id, widget, name=None):
        """A widget instance made from an active extension's widget (a merchant's work in the design UI)."""
        with self.store.lock:
            return self.store.extension_book.add_widget_instance(extension_id, widget, name)

    # Publishing (tests/simulator/publishing.py)

    def note_publishable_change(self, kind, ident):
        """A pending change, as a handler notes it after a change that only a publish takes to shoppers."""
        return self.store.note_publishable_change(kind, ident)

    @property
    def pending_changes(self):
        """The pending change items, oldest first, once what time has finished is settled."""
        return self.store.snapshot()["pending_changes"]

    @property
    def publish_count(self):
        return self.store.snapshot()["publish_count"]

    @property
    def extension_state(self):
        """Installed content (manifest, zip digest), extension IDs, widget instances, settings values per site."""
        snapshot = self.store.snapshot()
        return {key: snapshot[key] for key in ("installed", "extension_ids", "widget_instances", "site_settings", "files")}
