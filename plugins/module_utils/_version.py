# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's version, for the User-Agent; a unit test ties it to galaxy.yml."""

from __future__ import annotations

COLLECTION_VERSION = "0.2.0"
