# -*- coding: utf-8 -*-
"""A job as AWX runs it: ansible-runner, a private data directory, the key from awx/credential_type.yml.

The credential type's injectors are rendered the way AWX renders them (Jinja2 sandbox; a file
injector becomes a 0600 file under env/ whose path `tower.filename.<name>` points at; env
injectors become env/envvars), the job runs at verbosity 3, one task fails at runtime, and then
the artifacts AWX would store (job events, stdout, fact cache) must not hold the application key
or any token the simulator issued.
"""

from __future__ import annotations

import glob
import json
import os
import secrets
import stat
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from helpers.harness import COLLECTIONS, REPO

CREDENTIAL_TYPE = REPO / "awx" / "credential_type.yml"
SEED = REPO / "tests" / "simulator" / "seed.json"
ENV_NAMES = ("COMMERCE_ADMIN_URL", "COMMERCE_APP_KEY", "COMMERCE_CA_PATH")


def load_credential_type():
    return yaml.safe_load(CREDENTIAL_TYPE.read_text(encoding="utf-8"))


def awx_inject(credential_type, inputs, private_data_dir):
    """Render the injectors as AWX's CredentialType.inject_credential does; return the env vars."""
    sandbox = ImmutableSandboxedEnvironment()
    tower = types.SimpleNamespace()
    namespace = dict(inputs, tower=tower)
    env_dir = private_data_dir / "env"
    env_dir.mkdir(parents=True, exist_ok=True)
    for label, template in credential_type["injectors"].get("file", {}).items():
        data = sandbox.from_string(template).render(**namespace)
        handle, path = tempfile.mkstemp(dir=str(env_dir))
        with os.fdopen(handle, "w") as out:
            out.write(data)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        if "." not in label:
            tower.filename = path
        else:
            if not hasattr(tower, "filename"):
                tower.filename = types.SimpleNamespace()
            setattr(tower.filename, label.split(".", 1)[1], path)
    return {name: sandbox.from_string(template).render(**namespace)
            for name, template in credential_type["injectors"].get("env", {}).items()}


def seed_with_key(tmp_path, app_key):
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    seed["app_key"] = app_key
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed))
    return str(path)


PLAYBOOK = [{
    "name": "A job with the Commerce credential: no connection option in the play",
    "hosts": "all",
    "connection": "local",
    "gather_facts": False,
    "module_defaults": {"commerce.admin.sse_upload": {"poll_interval": 0.2}},
    "tasks": [
        {"name": "Upload an SSE (restarts and waits)", "commerce.admin.sse_upload": {"src": "{{ job_zip }}"}, "register": "upload"},
        {"name": "Read the SSEs", "commerce.admin.sse_info": {}, "register": "deployed"},
        {"name": "Enable an extension", "commerce.admin.extension_state": {"name": "Widget with Element", "state": "enabled"},
         "register": "extension"},
        {"name": "Keep the results as facts", "ansible.builtin.set_fact": {
            "cacheable": True, "job_upload": "{{ upload }}", "job_deployed": "{{ deployed }}", "job_extension": "{{ extension }}"}},
        {"name": "Show what is deployed", "ansible.builtin.debug": {"var": "deployed"}},
        {"name": "Roll back a site that does not exist (fails at the server)",
         "commerce.admin.storefront_rollback": {"site_id": "siteDoesNotExist"}},
        {"name": "Never reached", "ansible.builtin.debug": {"msg": "unreachable"}},
    ],
}]


def run_job(sim, tmp_path, make_zip, inputs):
    credential_type = load_credential_type()
    private = tmp_path / "job"
    (private / "project").mkdir(parents=True)
    (private / "inventory").mkdir()
    (private / "project" / "site.yml").write_text(yaml.safe_dump(PLAYBOOK, sort_keys=False))
    (private / "inventory" / "hosts").write_text("localhost ansible_python_interpreter=\"{{ ansible_playbook_python }}\"\n")
    injected = awx_inject(credential_type, inputs, private)
    envvars = dict(injected)
    envvars.update({
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-local"),
        "ANSIBLE_REMOTE_TMP": str(tmp_path / "ansible-remote"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
    })
    (private / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    (private / "env" / "extravars").write_text(yaml.safe_dump({"job_zip": str(make_zip(tmp_path / "awx-orders.zip", size=30000))}))
    # The CLI, as AWX's worker runs it: a process of its own, not a fork of this threaded one.
    runner = os.path.join(os.path.dirname(sys.executable), "ansible-runner")
    proc = subprocess.run([runner, "run", str(private), "-p", "site.yml", "--ident", "job", "-vvv"],
                          capture_output=True, text=True, timeout=300, check=False)
    return Job(proc, private / "artifacts" / "job"), injected


class Job:
    """What ansible-runner left in the artifacts directory."""

    def __init__(self, proc, artifacts):
        self.proc = proc
        self.artifacts = artifacts
        self.events = [json.loads(Path(path).read_text(encoding="utf-8"))
                       for path in sorted(glob.glob(str(artifacts / "job_events" / "*.json")))]
        assert self.events, "ansible-runner wrote no job event (rc %s):\n%s\n%s" % (proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:])
        self.status = (artifacts / "status").read_text(encoding="utf-8").strip()
        self.rc = int((artifacts / "rc").read_text(encoding="utf-8"))
        self.stdout = (artifacts / "stdout").read_text(encoding="utf-8")

    def of(self, kind):
        return [event for event in self.events if event["event"] == kind]

    @property
    def stats(self):
        (stats,) = self.of("playbook_on_stats")
        return stats["event_data"]


def secrets_in(text, secret_values):
    return [value[:12] + "..." for value in secret_values if value in text]


def assert_nothing_leaked(sim, job, app_key):
    tokens = list(sim.issued_tokens)
    assert tokens, "the simulator issued no token: the job did not log in"
    secret_values = [app_key] + tokens
    assert len(job.events) > 10
    for path in glob.glob(str(job.artifacts / "job_events" / "*.json")):
        leaked = secrets_in(Path(path).read_text(encoding="utf-8"), secret_values)
        assert not leaked, "%s holds %s" % (os.path.basename(path), leaked)
    for line in job.stdout.splitlines():
        assert not secrets_in(line, secret_values), line
    facts = glob.glob(str(job.artifacts / "fact_cache" / "*"))
    assert facts, "the job cached no facts"
    for path in facts:
        text = Path(path).read_text(encoding="utf-8")
        assert "job_deployed" in text and not secrets_in(text, secret_values)


def test_credential_type_has_the_shape_of_the_awx_form():
    credential_type = load_credential_type()
    fields = {field["id"]: field for field in credential_type["inputs"]["fields"]}
    assert set(fields) == {"base_url", "app_key", "ca_bundle"}
    assert all(field["type"] == "string" and field["label"] for field in fields.values())
    assert fields["app_key"].get("secret") is True and not fields["base_url"].get("secret")
    assert fields["ca_bundle"].get("multiline") is True
    assert credential_type["inputs"]["required"] == ["base_url", "app_key"]
    assert set(credential_type["injectors"]["env"]) == set(ENV_NAMES)
    assert credential_type["kind"] == "cloud" and credential_type["name"]


def test_job_with_the_injected_credential_runs_and_leaks_no_secret(sim_factory, tmp_path, make_zip):
    app_key = "awx-job-key-" + secrets.token_hex(16)
    sim = sim_factory(seed_path=seed_with_key(tmp_path, app_key), restart_seconds=0.5)
    job, injected = run_job(sim, tmp_path, make_zip, {"base_url": sim.url, "app_key": app_key})

    # The credential type injects what the modules read; no CA bundle means an empty CA path.
    assert injected == {"COMMERCE_ADMIN_URL": sim.url, "COMMERCE_APP_KEY": app_key, "COMMERCE_CA_PATH": ""}

    assert job.status == "failed" and job.rc == 2
    assert job.stats["ok"] == {"localhost": 5}
    assert job.stats["changed"] == {"localhost": 2}
    assert job.stats["failures"] == {"localhost": 1}
    assert not job.stats["dark"] and not job.stats["skipped"]
    assert sim.sse_names() == ["awx-orders.zip"] and sim.restart_count == 1

    assert_nothing_leaked(sim, job, app_key)
    failed = job.of("runner_on_failed")
    assert len(failed) == 1 and failed[0]["event_data"]["task"].startswith("Roll back a site")
    assert "siteDoesNotExist" in json.dumps(failed[0]["event_data"]["res"])
    assert not [event for event in job.of("runner_on_ok") if event["event_data"]["task"] == "Never reached"]
    # Verbosity 3: connection details and task paths are in the output that was checked above.
    assert "ESTABLISH LOCAL CONNECTION" in job.stdout and "task path:" in job.stdout


def test_job_with_a_ca_bundle_reaches_a_private_ca_server(sim_factory, tmp_path, make_zip, tls_material):
    app_key = "awx-tls-key-" + secrets.token_hex(16)
    sim = sim_factory(seed_path=seed_with_key(tmp_path, app_key), restart_seconds=0.5,
                      certfile=tls_material.cert, keyfile=tls_material.key)
    ca_pem = Path(tls_material.ca).read_text(encoding="ascii")
    job, injected = run_job(sim, tmp_path, make_zip, {"base_url": sim.url, "app_key": app_key, "ca_bundle": ca_pem})

    ca_path = injected["COMMERCE_CA_PATH"]
    assert ca_path.startswith(str(tmp_path / "job" / "env")) and Path(ca_path).read_text(encoding="ascii") == ca_pem
    assert stat.S_IMODE(os.stat(ca_path).st_mode) == 0o600
    assert job.stats["ok"] == {"localhost": 5} and job.stats["failures"] == {"localhost": 1}
    assert sim.url.startswith("https://") and sim.sse_names() == ["awx-orders.zip"]
    assert_nothing_leaked(sim, job, app_key)
