# -*- coding: utf-8 -*-
"""Behaviour switches and the two profiles (docs/api-model.md: the record differs between doc versions).

Every default is the current vendor record; each switch reproduces one variation the record shows,
or a test-only fault (reject_entry, crash_entry, restart_outcome, promote_outcome, undeletable).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

MIB = 1024 * 1024
# doc: the reasons a rejected upload may give in result.failedFilesReasons
UPLOAD_REASONS = ("UNKNOWN_REASON", "INVALID_NAME", "INVALID_EXTENSION", "VIRUS_DETECTED", "VIRUS_SCAN_FAILED",
                  "INVALID_CONTENT", "INVALID_ENCODING")
# assumed: the phase numbers a publish goes through, in order (doc: the example shows 420 and 500)
PUBLISH_PHASES = (100, 200, 300, 420, 500, 600)
CHOICES = {
    "success_status": (204, 200),
    "absent_delete": ("404", "33115"),
    "checksum_format": ("float", "int"),
    "promote_rolled_back_field": ("promotePhaseRolledBack", "isPromotePhaseRolledBack"),
    "restart_outcome": ("succeed", "fail", "cancel", "hang"),
    "promote_outcome": ("succeed", "fail"),
    "reject_reason": UPLOAD_REASONS,
    "application_ids_shape": ("items", "array"),
    "create_errors_field": ("errors", "error"),
    "extension_rejection": ("body", "400"),
    "publish_outcome": ("succeed", "fail"),
    "publish_fail_phase": PUBLISH_PHASES,
}
NORMALISE = {"success_status": int, "absent_delete": str, "undeletable": set}

# current: the current reference pages; legacy: 21C-22D pages, the 12.17 examples and the guide's example
PROFILES = {
    "current": {"jwt_tokens": True, "login_expires_in": 930, "success_status": 204, "links": True, "status_period": True,
                "absent_delete": "404", "promote_rolled_back_field": "promotePhaseRolledBack", "checksum_format": "float",
                "extension_id_endpoint": True, "application_ids_shape": "items", "create_errors_field": "errors",
                "variable_preview_value": True},
    "legacy": {"jwt_tokens": False, "login_expires_in": 930, "success_status": 200, "links": False, "status_period": False,
               "absent_delete": "33115", "promote_rolled_back_field": "isPromotePhaseRolledBack", "checksum_format": "int",
               "extension_id_endpoint": False, "application_ids_shape": "array", "create_errors_field": "error",
               "variable_preview_value": False},
}


@dataclass
class Config:  # pylint: disable=too-many-instance-attributes
    """Behaviour switches; tests may change any of them while the server runs (a bad value raises ValueError)."""

    token_ttl: float = 300.0            # doc: application-key tokens live 5 minutes
    login_expires_in: int | None = 930  # doc: the login example says 930; None leaves expires_in out
    jwt_tokens: bool = True             # doc: access_token is a JWT; False: an opaque string
    page_cap: int = 250
    restart_seconds: float = 2.0        # assumed: how long a restart takes
    promote_seconds: float = 1.0        # assumed: how long a promotion takes
    max_upload_bytes: int = 25 * MIB    # guide: "should not be larger than 25 MB"
    success_status: int = 204           # doc: 204 on current pages, 200 {"success": true} on 21C-22D
    links: bool = True                  # doc: newer answers carry links; False leaves them out everywhere
    status_period: bool = True          # doc: "SUCCEEDED." (reference) or "SUCCEEDED" (guide)
    absent_delete: str = "404"          # DELETE of an absent SSE: 404 (seen) or 400 33115 (doc error table)
    checksum_format: str = "float"      # doc: the example prints the checksum as a float
    promote_rolled_back_field: str = "promotePhaseRolledBack"  # doc: schema name; the example says isPromotePhaseRolledBack
    preview_enabled: bool = True        # whether the preview environment is enabled
    restart_outcome: str = "succeed"    # succeed | fail | cancel | hang
    promote_outcome: str = "succeed"    # succeed | fail
    reject_entry: str | None = None     # a zip holding an entry of this name is rejected (e.g. "EICAR.txt")
    reject_reason: str = "VIRUS_DETECTED"
    crash_entry: str | None = None      # a restart loading a zip holding an entry of this name ends FAILED
    undeletable: set = field(default_factory=set)
    # seed 003 is Salesforce's page: only a strict gateway would answer 411 to a bodiless POST without Content-Length
    strict_gateway: bool = False
    # rec: createExtensionID exists; False: an instance without it (assumed: older ones), where clients fall back to /applicationIds
    extension_id_endpoint: bool = True
    application_ids_shape: str = "items"  # doc: the schema's {"items": [...]}; "array": the 12-17 and 22D examples
    create_errors_field: str = "errors"   # doc: the schema's name; "error": the example's spelling
    extension_rejection: str = "body"     # a refused extension: 200 success false + errors (doc schema), or the doc's 400
    publish_seconds: float = 1.0          # assumed: how long a publish takes
    publish_outcome: str = "succeed"      # succeed | fail (errorMessage and errorPhase set, the changes stay pending)
    publish_fail_phase: int = 420         # the phase a failing publish stops in (one of PUBLISH_PHASES)
    variable_preview_value: bool = True   # doc: SSE variables carry previewValue on the current pages only

    def __setattr__(self, name, value):
        if name not in field_names():
            raise AttributeError("unknown simulator config attribute %r" % name)
        if name in NORMALISE and value is not None:
            value = NORMALISE[name](value)
        if name in CHOICES and value not in CHOICES[name]:
            raise ValueError("config %s must be one of %s, not %r" % (name, ", ".join(map(str, CHOICES[name])), value))
        super().__setattr__(name, value)


def field_names():
    return {item.name for item in fields(Config)}


def build_config(profile="current", **overrides):
    """A Config from a profile's preset; explicit keyword arguments win."""
    if profile not in PROFILES:
        raise ValueError("unknown simulator profile %r, expected one of %s" % (profile, ", ".join(PROFILES)))
    values = dict(PROFILES[profile])
    values.update(overrides)
    return Config(**values)
