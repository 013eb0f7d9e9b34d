"""The known law titles (``law_titles.yaml``): data, so editors extend it without code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.vietnamese import fold
from kb.yamlread import safe_load

TITLES_FILE = Path(__file__).with_name("law_titles.yaml")


def title_key(name: str) -> str:
    """The form titles are compared in: no marks, lower case, single spaces.

    Tone placement differs between sources ("hoá"/"hóa"); folding makes those
    the same key.
    """
    return " ".join(re.findall(r"\w+|,", fold(name).lower())).replace(" ,", ",")


@dataclass(frozen=True)
class KnownTitles:
    """Official names of laws (``luat``) and codes (``bo_luat``), without the type word."""

    luat: tuple[str, ...]
    bo_luat: tuple[str, ...]

    def official(self, doc_type: str, name: str) -> str | None:
        """The official spelling of ``name`` for "Luật"/"Bộ luật", or None when unknown."""
        names = self.bo_luat if doc_type == "Bộ luật" else self.luat
        key = title_key(name)
        return next((n for n in names if title_key(n) == key), None)


@lru_cache(maxsize=1)
def known_titles(path: Path = TITLES_FILE) -> KnownTitles:
    """Read the titles file once per process."""
    data = safe_load(path.read_text(encoding="utf-8")) or {}
    return KnownTitles(luat=tuple(data.get("luat", ())), bo_luat=tuple(data.get("bo_luat", ())))
