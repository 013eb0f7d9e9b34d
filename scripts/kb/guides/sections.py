"""The sections ``kb guides`` writes into pages, between markers of its own.

``kb link`` strips what lies between ``<!-- kb:tu-dong:… -->`` markers and writes it
again on every run, so ``kb guides`` uses other ones, ``<!-- kb:cam-nang:<name> -->`` …
``<!-- kb:cam-nang:het -->``: neither command erases the other's sections. ``kb link``
still links the citations inside them (the source clause under a glossary term); a
section whose text differs from the new one only by those links is left as it is, so
that running ``kb guides`` then ``kb link`` again changes no byte.

Where a page has no such section yet, it is added before the quiz, or else before the
sections of ``kb link`` at the end of the page; an editor may then move the markers.
"""

from __future__ import annotations

import re
from os.path import relpath
from pathlib import Path

from kb.citations.annotate import GENERATED_START, unlink
from kb.guides.quiz import HEADING as QUIZ_HEADING

END = "<!-- kb:cam-nang:het -->"


def start_marker(name: str) -> str:
    """``<!-- kb:cam-nang:lien-he -->`` for the section ``lien-he``."""
    return f"<!-- kb:cam-nang:{name} -->"


def _section(name: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(start_marker(name))}\n.*?{re.escape(END)}", re.DOTALL)


_INSERT_BEFORE = re.compile(rf"^(?:{re.escape(QUIZ_HEADING)}\b|{re.escape(GENERATED_START)})",
                            re.MULTILINE)


def replace_section(body: str, name: str, lines: list[str]) -> str:
    """``body`` with the section ``name`` holding ``lines`` (kept as is if only links differ)."""
    wrapped = "\n".join([start_marker(name), "", *lines, "", END])
    current = _section(name).search(body)
    if current is not None:
        if unlink(current[0]) == unlink(wrapped):
            return body
        return body[:current.start()] + wrapped + body[current.end():]
    before = _INSERT_BEFORE.search(body)
    if before is None:
        return body.rstrip("\n") + "\n\n" + wrapped + "\n"
    head = body[:before.start()].rstrip("\n")
    return f"{head}\n\n{wrapped}\n\n{body[before.start():]}"


def href(target: Path, page: Path) -> str:
    """The relative Markdown link from ``page`` to ``target``, as MkDocs resolves it."""
    return relpath(target, page.parent).replace("\\", "/")
