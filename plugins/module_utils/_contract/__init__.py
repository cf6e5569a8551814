# -*- coding: utf-8 -*-
"""A read-only contract check of a Commerce instance against docs/api-model.md.

Run it as ``python scripts/contract --url https://admin.example.com`` with the application key in
``COMMERCE_APP_KEY`` (or ``--key-file``). It is an independent reading of the model: plain ``requests``,
nothing imported from the collection's plugins.
"""

from __future__ import annotations
