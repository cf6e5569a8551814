# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The extension module's one entry point, `run(module)`: check the local input, read, plan, act.

Everything local (the zip or directory, its manifest, its content digest) is checked before the
first request. Reading is two listings (extensions and extension IDs), sent side by side; when the
installed zip's name carries the declared content digest, nothing is downloaded and nothing is sent.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._backup_files import backup_directory, write_chunks
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError, LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._extensions import ids, install
from ansible_collections.commerce.admin.plugins.module_utils._extensions.facts import extension_facts
from ansible_collections.commerce.admin.plugins.module_utils._extensions.identity import (
    digest_of_zip_path, extension_digest, local_extension, slug)
from ansible_collections.commerce.admin.plugins.module_utils._extensions.manifest import read_directory_manifest, zip_directory
from ansible_collections.commerce.admin.plugins.module_utils._extensions.plan import decide, refusal
from ansible_collections.commerce.admin.plugins.module_utils._local_files import check_zip, printable, relative_hint
from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec


def declared(src, name, workdir):
    """The LocalExtension of `src`: a zip as it is, a directory zipped reproducibly into `workdir`."""
    if os.path.isdir(src):
        read_directory_manifest(src)
        src = zip_directory(src, os.path.join(workdir, "source.zip"))
    elif not os.path.exists(src):
        raise LocalFileError("src %s does not exist%s" % (printable(src), relative_hint(src)))
    else:
        check_zip(src, sys.maxsize)
    return local_extension(src, name)


def installed_digest(client, facts, workdir, warn):
    """The content digest of what is installed: from its zipPath, else by downloading its zip (another tool named it)."""
    digest = digest_of_zip_path(facts["zip_path"])
    if digest or not facts["zip_path"]:
        return digest
    try:
        path = write_chunks(api.download_extension_zip(client, facts["zip_path"]), workdir, "installed.zip")
        return extension_digest(path)
    except (CommerceApiError, LocalFileError) as exc:
        warn("the installed zip of %s (%s) could not be compared: %s" % (facts["name"], facts["zip_path"], exc))
        return None


def listings(client):
    """(extensions, extension IDs): both listings in flight at once, one round trip instead of two."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        generated = pool.submit(api.list_extension_ids, client)
        return api.list_extensions(client), generated.result()


def _report(module, plan, facts):
    module.result.update(extension_id=plan.extension_id, name=plan.name, action=plan.action, reason=plan.reason,
                         plan=plan.as_dict(), version=facts["version"] if facts else None, previous_version=plan.version_from,
                         enabled=bool(facts and facts["enabled"]), extension=facts, lost=[])
    module.result["diff"] = {"prepared": plan.line() + "\n"}


def _apply(module, plan, local, installed, workdir):
    params, client = module.params, module.client
    waiting = install.Waiting(params["wait"], params["wait_timeout"], params["poll_interval"])
    backups = backup_directory(params["backup_dir"], client.base_url)
    if plan.action == "install":
        return module.change("install extension %s" % plan.name, install.install, client, local, plan.name, plan.extension_id,
                             workdir, waiting, module.warn, enabled=plan.enabled)
    if plan.action == "reinstall":
        return module.change("reinstall extension %s" % plan.name, install.reinstall, client, local, plan.name, installed, workdir,
                             backups, waiting, module.warn, enabled=plan.enabled, deletes=True)
    if plan.action == "remove":
        return module.change("remove extension %s" % plan.name, install.remove, client, plan.name, installed,
                             backups if params["backup"] else None, waiting, module.warn, deletes=True)
    outcome = module.change("%s extension %s" % (plan.action, plan.name), install.set_enabled, client, plan.extension_id,
                            plan.enabled, waiting)
    if not outcome.check_mode:
        outcome.value = {"extension_id": plan.extension_id, "extension": outcome.value}
    return outcome


def _predicted(plan, installed):
    """The facts check mode reports: the installed ones with the planned state, none once removed."""
    if plan.action == "remove" or (installed is None and plan.action == "keep"):
        return None
    return dict(installed or {}, id=plan.extension_id, name=plan.name, enabled=plan.enabled, version=plan.version_to)


def _run(module, workdir):
    params = module.params
    module.require_positive("wait_timeout", "poll_interval")
    local = declared(params["src"], params["name"], workdir) if params["src"] else None
    name = params["name"] or local.name
    client = module.client
    listing, generated = listings(client)
    extension_id, found_by = ids.resolve(listing, generated, name, local.declared_id if local else None)
    item = next((entry for entry in listing if extension_id and entry.get("repositoryId") == extension_id), None)
    installed = extension_facts(item) if item is not None else None
    remote_digest = installed_digest(client, installed, workdir, module.warn) if installed and local else None
    plan = decide(name, params["state"], params["enabled"], local, installed, remote_digest, extension_id)
    _report(module, plan, installed)
    module.result.update(found_by=found_by, digest=local.digest if local else None, upload_name=local.upload_name if local else None)
    if not plan.changes:
        return
    if plan.action == "reinstall" and not params["allow_reinstall"]:
        raise CommerceError(refusal(plan), facts={"plan": plan.as_dict()})
    outcome = _apply(module, plan, local, installed, workdir)
    if outcome.check_mode:
        module.result.update(extension=_predicted(plan, installed), enabled=plan.enabled, version=plan.version_to if plan.action != "remove" else None)
        return
    value = outcome.value
    facts = value["extension"]
    module.result.update(extension_id=value["extension_id"], extension=facts, enabled=bool(facts and facts["enabled"]),
                         version=facts["version"] if facts else None, lost=value.get("lost", []))
    for key in ("backup_file", "settings_backup_file", "restored_settings"):
        if key in value:
            module.result[key] = value[key]


def run(module):
    """The module's body: everything it does, in a work directory removed at the end."""
    workdir = tempfile.mkdtemp(prefix="commerce-extension-%s-" % slug(module.params["name"] or "src"))
    try:
        _run(module, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


SPEC = ModuleSpec({
    "src": {"type": "path"},
    "name": {"type": "str"},
    "state": {"type": "str", "default": "present", "choices": ["present", "absent"]},
    "enabled": {"type": "bool", "default": True},
    "allow_reinstall": {"type": "bool", "default": False},
}, run, groups=("wait", "backup"), required_if=[("state", "present", ("src",))], required_one_of=[("src", "name")])
