# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The extensions a directory declares: each *.zip directly in it, and each directory directly in it holding an ext.json.

Hidden names (a leading dot) do not count, nor does a symlinked zip (as ansible.builtin.find skipped them), nor an
ext.json of the directory itself.
"""

from __future__ import annotations

import os

from ansible_collections.commerce.admin.plugins.module_utils._extensions.manifest import MANIFEST


def sources(directory):
    """The sorted paths of the extension zips and source directories directly in `directory`."""
    found = []
    for name in sorted(os.listdir(directory)):
        if name.startswith("."):
            continue
        path = os.path.join(directory, name)
        if name.endswith(".zip") and os.path.isfile(path) and not os.path.islink(path):
            found.append(path)
        elif os.path.isdir(path) and os.path.isfile(os.path.join(path, MANIFEST)):
            found.append(path)
    return found
