# -*- coding: utf-8 -*-
"""A local simulator of the Commerce Admin REST API (see docs/api-model.md), for tests and demos.

It is a second, independent reading of the API model: it imports nothing from plugins/.
"""

from __future__ import annotations

from .config import PROFILES, Config
from .server import Simulator

__all__ = ["Config", "PROFILES", "Simulator"]
