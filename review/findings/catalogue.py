"""The findings rules' catalogue, review/data/findings/rules.json: one row per rule (code, kind, default severity
and action, titles, legal grounds, messages, the data it reads and the matcher shape it uses), in the order the
rules run. ``registry.build_rules`` joins the rows to the code."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

CATALOGUE = "data/findings/rules.json"


@cache
def catalogue_file() -> dict[str, Any]:
    return json.loads(resources.files("review").joinpath(CATALOGUE).read_text(encoding="utf-8"))


def catalogue() -> list[dict[str, Any]]:
    """The rule rows, in order."""
    return catalogue_file()["rules"]
