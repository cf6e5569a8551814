# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The site_settings module's one entry point, `run(module)`: read, compare, write once, read back.

An unchanged run is one GET. A change is one PUT of every declared value (in the server's types),
then a GET that must show them; names the task does not declare are never sent.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec
from ansible_collections.commerce.admin.plugins.module_utils._settings import compare, facts
from ansible_collections.commerce.admin.plugins.module_utils._settings.plan import Plan, masked


def declared(params):
    """(every declared value, the secret names); a name declared in both options is an error."""
    values, secrets = params["values"] or {}, params["secret_values"] or {}
    both = sorted(set(values) & set(secrets))
    if both:
        raise CommerceError("%s declared in both values and secret_values: declare each name once" % ", ".join(both))
    return dict(values, **secrets), set(secrets)


def write(client, plan):
    """PUT the declared values, read them back, and fail (changed) when the server does not show them."""
    facts.write_values(client, plan.settings_id, plan.site_id, plan.body)
    after = facts.read_values(client, plan.settings_id, plan.site_id)
    still = compare.differing(plan.body, after)
    if still:
        raise CommerceError("the server accepted the values of settings %s on %s but reads back different ones for %s"
                            % (plan.settings_id, facts.site_label(plan.site_id), ", ".join(still)), changed=True)
    return after


def run(module):
    params = module.params
    values, secret = declared(params)
    settings_id, site_id = params["settings_id"], params["site_id"]
    current = facts.read_values(module.client, settings_id, site_id)
    plan = Plan(settings_id, site_id, values, secret, current)
    module.result.update(settings_id=settings_id, site_id=site_id, changed_keys=plan.changes, undeclared_keys=plan.undeclared,
                         declared_values=plan.before(), diff=plan.diff())
    if not plan.changes:
        return
    outcome = module.change(plan.description(), write, module.client, plan, predicted=dict(current, **plan.body))
    module.result["declared_values"] = masked(dict((name, outcome.value.get(name)) for name in values), secret)


SPEC = ModuleSpec({
    "settings_id": {"type": "str", "required": True},
    "site_id": {"type": "str"},
    "values": {"type": "dict"},
    "secret_values": {"type": "dict", "no_log": True},
}, run, required_one_of=[("values", "secret_values")])
