# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One module's body run in check mode inside another module's process.

A PlannedModule takes the options of the module it stands for (validated against that module's
own spec, as AnsibleModule would), shares the host module's client (one login for every plan)
and its --diff, and never writes: check mode is on, so `change()` only records that it would
change. Warnings reach the host's warnings, prefixed with the plan's name; secrets the options
mark no_log are added to the host's, so its result masks them too.
"""

from __future__ import annotations

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._options import option_group


class PlanInputError(ValueError):
    """The options given for a plan are not what its module takes."""


def _own_spec(spec):
    """The spec's options less the connection ones: a plan uses the host's connection."""
    options = spec.argument_spec()
    for name in option_group("connection"):
        options.pop(name, None)
    return options


def validated(spec, args, label):
    """(params, no_log values) of `args` for the module `spec` describes; PlanInputError naming `label` when they do not fit.

    A null value means the option is not given, as `omit` does for a task.
    """
    given = dict((name, value) for name, value in (args or {}).items() if value is not None)
    result = ArgumentSpecValidator(_own_spec(spec), **spec.rules).validate(given)
    if result.error_messages:
        raise PlanInputError("%s: %s" % (label, "; ".join(result.error_messages)))
    return result.validated_parameters, result._no_log_values  # pylint: disable=protected-access  # AnsibleModule reads it there too


class PlannedModule(CommerceModule):
    """What a module body needs of its module (params, client, result, change, warn), for a plan."""

    def __init__(self, host, params, label):  # pylint: disable=super-init-not-called  # no AnsibleModule of its own
        self.ansible = host.ansible
        self.params = params
        self.check_mode = True
        self.diff_mode = host.diff_mode
        self.result = {"changed": False}
        self._client = host.client
        self._host = host
        self._label = label

    def warn(self, message):
        self._host.warn("%s: %s" % (self._label, message))

    def fail_json(self, msg, **facts):
        raise CommerceError(msg, facts=facts)

    def exit_json(self, **facts):
        raise TypeError("a planned module does not exit: its body returns")
