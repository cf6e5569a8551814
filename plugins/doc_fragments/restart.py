# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The `restart` option of modules that change SSEs: one meaning in every module."""

    DOCUMENTATION = r"""
options:
  restart:
    description:
      - When the extension server is restarted, so that it runs the changed SSEs (they take effect only then).
      - V(auto) restarts once when the task changed SSEs (M(commerce.admin.sse_sync) also when a restart is
        owed from an earlier run).
      - V(always) restarts even when nothing changed.
      - V(never) restarts nothing; restart later, once, with M(commerce.admin.server_restart)
        (M(commerce.admin.sse_sync) records the restart as owed and makes it on its next run).
      - The boolean form of earlier releases still works and is deprecated (removed in 1.0.0);
        V(true) means V(auto), V(false) means V(never).
    type: raw
    default: auto
"""
