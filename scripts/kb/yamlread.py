"""YAML read with libyaml's parser when PyYAML has it (its wheels do).

The same safe subset as ``yaml.safe_load`` — no objects, only mappings, lists and
scalars — several times faster: a build reads the front matter of every page and the
manifest of every source, and with the pure-Python parser that reading was a quarter of
``kb import`` and a third of ``kb link`` at 1,000 documents (BENCHMARKS.md).
"""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, parsed by libyaml where available."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 — a safe loader
