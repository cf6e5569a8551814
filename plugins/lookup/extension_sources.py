# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: extension_sources
short_description: The extensions a directory declares, for commerce.admin.extension
version_added: 0.4.0
author:
  - commerce.admin maintainers (@commerce-admin)
description:
  - Returns, sorted, each C(*.zip) file directly in the directory and each directory directly in it that
    holds an C(ext.json). The C(commerce.admin.extensions) role installs each with one
    M(commerce.admin.extension) task.
  - Hidden files and directories (a name starting with a dot) do not count, nor does an C(ext.json) of the
    directory itself.
  - Read on the controller, where the collection's modules run too; no task of its own.
options:
  _terms:
    description:
      - The directories. A relative path is taken from the playbook's directory, as the modules take theirs.
    type: list
    elements: path
    required: true
"""

EXAMPLES = r"""
- name: Install each extension kept in Git
  commerce.admin.extension:
    src: "{{ item }}"
  loop: "{{ query('commerce.admin.extension_sources', 'extensions/') }}"
"""

RETURN = r"""
_list:
  description: The absolute paths of the extension zips and source directories, sorted.
  type: list
  elements: path
"""

import os

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.commerce.admin.plugins.module_utils._extensions.sources import sources


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        found = []
        for term in terms:
            directory = os.path.normpath(os.path.join(self._loader.get_basedir(), os.path.expanduser(str(term))))
            if not os.path.isdir(directory):
                raise AnsibleLookupError("the extensions directory %s does not exist or is not a directory" % directory)
            found.extend(sources(directory))
        return sorted(found)
