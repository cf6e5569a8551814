#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sse_logs_info
short_description: Read the extension server's log of one level and one day
version_added: 0.3.0
description:
  - Reads the log the extension server writes for the SSEs it runs, either the tail with
    C(GET /ccadminx/custom/v1/logs/tail) or the whole file of one day with
    C(GET /ccadminx/custom/v1/logs?format=zip), streamed to disk.
  - The vendor's reference pages name these endpoints under C(/ccadmin/v1/logs); the newer pages
    and every public client use C(/ccadminx/custom/v1/logs), and so does this module.
  - Every line returned or written is redacted first - the application key, the session's tokens,
    bearer credentials and values such as C(apiKey=...) or C(password=...) are masked - so a log that
    an SSE filled with a secret does not leak it into a job's output.
  - Failed restarts (M(commerce.admin.server_restart), M(commerce.admin.sse_upload),
    M(commerce.admin.sse_sync)) already carry the end of the error log in their result and message;
    this module reads any level and day.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.action_group
  - commerce.admin.environment
  - commerce.admin.info
options:
  level:
    description:
      - The log's level (API parameter C(loggingLevel)). A level's file also holds the more severe
        levels' lines.
    type: str
    choices: [debug, info, warning, error]
    default: error
  date:
    description:
      - The day of the log, written C(YYYYMMDD). Checked before any request.
      - Default is today in UTC (the server names its files by the UTC day).
    type: str
  tail:
    description:
      - V(true) reads the tail endpoint (the end of the file, as long as the server makes it).
      - V(false) downloads the whole file as a zip, streamed to a temporary file, and returns its
        end bounded by O(max_bytes); with O(dest) it also writes every line to O(dest).
    type: bool
    default: true
  dest:
    description:
      - With O(tail=false), write the whole log (every line, redacted, as text) to this file,
        replaced atomically. Its directory must exist. Not written in check mode.
    type: path
  max_bytes:
    description:
      - At most this many bytes (UTF-8) of the log's last lines are returned in RV(lines).
    type: int
    default: 65536
seealso:
  - module: commerce.admin.server_restart
  - module: commerce.admin.sse_sync
"""

EXAMPLES = r"""
- name: Why did the extension server not start? The end of today's error log
  commerce.admin.sse_logs_info:
  register: errors

- name: The whole info log of one day, saved for the pipeline's artifacts
  commerce.admin.sse_logs_info:
    level: info
    date: "20261124"
    tail: false
    dest: "{{ playbook_dir }}/artifacts/extension-server-info.log"

- name: The preview environment's warnings
  commerce.admin.sse_logs_info:
    level: warning
    environment_type: preview
"""

RETURN = r"""
lines:
  description: The log's last lines (redacted), oldest first, at most O(max_bytes) bytes in all.
  returned: always
  type: list
  elements: str
  sample: ["2026-11-24T10:47:44.864Z - error: Worker 1 - Error: Cannot find module './lib/gateway'"]
truncated:
  description: Whether earlier lines were left out to stay within O(max_bytes).
  returned: always
  type: bool
level:
  description: The level read.
  returned: always
  type: str
  sample: error
date:
  description: The day read, C(YYYYMMDD).
  returned: always
  type: str
  sample: "20261124"
environment_type:
  description: The environment read (V(live) when O(environment_type) is not set).
  returned: always
  type: str
  sample: live
source:
  description: V(tail) (the tail endpoint) or V(log) (the whole file).
  returned: always
  type: str
dest:
  description: O(dest) as given, or V(null).
  returned: always
  type: str
dest_written:
  description: Whether O(dest) was written (never in check mode).
  returned: always
  type: bool
size:
  description: Bytes written to O(dest); V(null) when nothing was written.
  returned: always
  type: int
"""

from ansible_collections.commerce.admin.plugins.module_utils._logs.tail import LEVELS
from ansible_collections.commerce.admin.plugins.module_utils._logs.info import run
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule


def main():
    CommerceModule({
        "level": {"type": "str", "default": "error", "choices": list(LEVELS)},
        "date": {"type": "str"},
        "tail": {"type": "bool", "default": True},
        "dest": {"type": "path"},
        "max_bytes": {"type": "int", "default": 65536},
    }, groups=("environment",)).run(run)


if __name__ == "__main__":
    main()
