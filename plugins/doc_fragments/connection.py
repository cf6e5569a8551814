# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every module (commerce.admin.connection)."""

    DOCUMENTATION = r"""
options:
  base_url:
    description:
      - Address of the Commerce Admin API, as C(scheme://host[:port]), for example C(https://admin.example.com).
      - A trailing slash is accepted; a path, query or fragment is not (the modules add the C(/ccadmin/v1/...) paths).
      - Required. If not set, the value of the E(COMMERCE_ADMIN_URL) environment variable is used; set it once
        for every module with C(module_defaults) for C(group/commerce.admin.all).
      - An C(http://) address sends the key and tokens unencrypted, so the modules warn about it unless the host is loopback.
    type: str
  app_key:
    description:
      - The application key registered in the Commerce administration interface. The modules exchange it for
        short-lived access tokens (C(POST /ccadmin/v1/login)) and renew them as needed.
      - This is a secret; it is never logged or shown in results or error messages. Keep it in Ansible Vault.
      - Required. If not set, the value of the E(COMMERCE_APP_KEY) environment variable is used.
    type: str
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
      - Set to V(false) only for test instances; the modules then warn that the connection can be intercepted.
        When O(ca_path) is set, the certificate is verified against it whatever this option says.
      - If not set, the value of the E(COMMERCE_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path of a PEM file with the CA certificates to verify the server certificate with, for an instance whose
        certificate is signed by a private CA.
      - If not set, the value of the E(COMMERCE_CA_PATH) environment variable is used; if neither is set, the
        system trust store (or E(REQUESTS_CA_BUNDLE)) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for a connection and for each answer. Must be greater than 0.
      - If not set, the value of the E(COMMERCE_TIMEOUT) environment variable is used.
    type: float
    default: 30
  retries:
    description:
      - How many times an idempotent request (GET, PUT, DELETE, and requests the module knows to be safe to repeat,
        such as an upload that replaces a file) is sent again after a dropped connection, a timeout, or an answer of
        429, 502, 503 or 504, with exponential backoff or the wait the server asks for in C(Retry-After).
      - Requests that are not idempotent are sent again only when the connection could not be made at all.
      - When anything was sent again, the module says so in a warning, so a flaky instance does not go unnoticed.
      - V(0) disables retries.
    type: int
    default: 3
  method_override:
    description:
      - Send DELETE requests as POST with the header C(x-dw-http-method-override) set to C(DELETE), for proxies
        or firewalls that block the DELETE method (a DELETE answered 405 says to set this).
    type: bool
    default: false
notes:
  - Proxies are taken from the E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables.
  - Requires the Python libraries C(requests) and C(requests-toolbelt) on the host that runs the module.
  - "Run the module with C(connection: local) or C(delegate_to: localhost); Ansible then starts it in the playbook's
    directory, so a relative path in any path option resolves against the playbook's directory, not the directory
    C(ansible-playbook) was started in."
requirements:
  - requests
  - requests-toolbelt
"""
