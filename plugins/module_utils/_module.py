# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base: connection options, the client, the one write path, results and failures."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.commerce.admin.plugins.module_utils import _client as client_lib
from ansible_collections.commerce.admin.plugins.module_utils._connection import client_from_params, connection_argument_spec
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.module_utils._local_files import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._waiting import WaitError, wait_for_work_request


PROTECTION_LEVELS = ("none", "no_delete", "read_only")


def protection_argument_spec():
    # Set per environment (module_defaults or an inventory variable) to guard production.
    return {"protection": {"type": "str", "default": "none", "choices": list(PROTECTION_LEVELS),
                           "fallback": (env_fallback, ["COMMERCE_PROTECTION"])}}


def refusal(protection, description, deletes):
    """Why `protection` forbids the action described, or None when it is allowed."""
    if protection == "read_only":
        return "protection is read_only: refused to %s" % description
    if protection == "no_delete" and deletes:
        return "protection is no_delete: refused to %s" % description
    return None


class CommerceModule:
    """An AnsibleModule with the collection's conventions.

    Modules read remote state freely, but change it only through `act()`, which honours check
    mode and records that something changed.
    """

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(protection_argument_spec())
        spec.update(argument_spec)
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)
        if not client_lib.HAS_REQUESTS:
            self.ansible.fail_json(msg=missing_required_lib("requests and requests-toolbelt"), exception=client_lib.REQUESTS_IMPORT_ERROR)
        self.params = self.ansible.params
        self.check_mode = self.ansible.check_mode
        self.result = {"changed": False}
        self._client = None

    @property
    def client(self):
        """Built on first use, so local input is checked before anything is sent."""
        if self._client is None:
            try:
                self._client = client_from_params(self.params, warn=self.ansible.warn)
            except ValueError as exc:
                self.fail(str(exc))
        return self._client

    def act(self, description, action, *args, deletes=False, **kwargs):
        """The one write path: mark the change, and call `action` unless in check mode.

        The protection level is enforced here, after the module has worked out what it would
        change (so the message names it) and before any mutating request.
        """
        refused = refusal(self.params["protection"], description, deletes)
        if self.check_mode:
            self.result["changed"] = True
            if refused:
                self.ansible.warn(refused + " (check mode: nothing was sent)")
            return None
        if refused:
            self.fail(refused)
        self.result["changed"] = True
        try:
            return action(*args, **kwargs)
        except CommerceApiError as exc:
            self.fail("%s: %s" % (description, exc), error=exc.as_dict())

    def set_diff(self, before, after):
        self.result["diff"] = {"before": before, "after": after}

    def exit(self, **facts):
        self.result.update(facts)
        self.ansible.exit_json(**self.result)

    def fail(self, msg, **facts):
        result = dict(self.result)
        result.update(facts)
        result.pop("failed", None)
        self.ansible.fail_json(msg=msg, **result)

    def require_positive(self, *names):
        for name in names:
            value = self.params.get(name)
            if value is not None and value <= 0:
                self.fail("%s must be greater than 0, got %s" % (name, value))

    def run(self, body):
        """Call `body(self)` and turn the collection's errors into clear failures."""
        try:
            body(self)
        except LocalFileError as exc:
            self.fail(str(exc))
        except CommerceApiError as exc:
            self.fail(str(exc), error=exc.as_dict())
        except WaitError as exc:
            self.result.update(exc.result)
            self.fail(str(exc))


def wait_argument_spec():
    return {
        "wait": {"type": "bool", "default": True},
        "wait_timeout": {"type": "int", "default": 600},
        "poll_interval": {"type": "float", "default": 2.0},
    }


def environment_argument_spec():
    return {"environment_type": {"type": "str", "choices": ["live", "preview"]}}


def follow_work_request(module, work_request_id):
    """Result fields of a restart the module started: waited for when `wait` is on."""
    if not work_request_id:
        return {"work_request_id": None, "restart_status": None}
    if not module.params["wait"]:
        return {"work_request_id": work_request_id, "restart_status": "ACCEPTED"}
    outcome = wait_for_work_request(module.client, work_request_id, module.params["wait_timeout"], module.params["poll_interval"])
    return {"work_request_id": work_request_id, "restart_status": outcome["status"]}
