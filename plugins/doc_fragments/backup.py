# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Backups of remote SSEs before they are replaced or deleted."""

    DOCUMENTATION = r"""
options:
  backup:
    description:
      - Before replacing or deleting a remote SSE, download it (streamed) to O(backup_dir) under a
        timestamped name, C(<name>.<UTC timestamp>.zip), and return where it went (see the return values).
      - Uploading that file with M(commerce.admin.sse_upload) (O(commerce.admin.sse_upload#module:name)
        set to the original name) restores it.
      - Check mode makes no backup.
    type: bool
    default: false
  backup_dir:
    description:
      - Directory for backups on the host that runs the module (the controller with a local connection).
      - Defaults to C(~/.ansible/commerce.admin/backups/<host of base_url>), which outlives the run,
        one directory per environment.
    type: path
"""
