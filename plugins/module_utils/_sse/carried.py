# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The state file's document carried in a host fact, for controllers that are thrown away after each job.

AWX, Automation Controller and CI runners start every job in a fresh container, so a state file
under ~/.ansible is gone by the next job; the one thing they keep per host is the fact cache. The
module reads the fact (`state_fact`) beside the file and returns the merged document as the fact
again. One fact holds one document per instance, keyed like the state file's name (`_state_files`).

A job killed mid-run returns no fact. So the role first plans in check mode, then records in the
fact cache, before anything is sent, that a restart is owed (`before_apply`): a killed job leaves
that record behind, and the next job restarts even when it finds nothing else to change.
"""

from __future__ import annotations

import copy
import datetime

FACT = "commerce_admin_sync_state"
BEGUN = "a deploy began at %s and was not seen to end (the job may have been killed): what it stored may not run yet"


def before_apply(document, environment, names):
    """The document as the fact must say before a real run changes `names`: a restart owed (an existing record kept)."""
    document = copy.deepcopy(document)
    section = document["environments"][environment]
    if section.get("pending_restart") is None:
        now = datetime.datetime.now(datetime.timezone.utc)
        section["pending_restart"] = {"since": now.isoformat(timespec="seconds"), "updated": now.isoformat(timespec="microseconds"),
                                      "reason": BEGUN % now.isoformat(timespec="seconds"), "names": sorted(names),
                                      "work_request_id": None, "stored": None}
    return document
