"""Cẩm nang: the guides for citizens in ``docs/cam-nang`` and what ``kb guides`` adds to them.

The guides are hand-written Markdown; ``kb guides`` only writes the parts that come from
elsewhere, before ``kb link`` runs: the contact channels each province sets in
``mkdocs.yml`` (:mod:`~kb.guides.contacts`), the glossary generated from the laws'
definitions (:mod:`~kb.guides.glossary`), the guide cards and the newest documents of the
home page (:mod:`~kb.guides.cards`, :mod:`~kb.guides.newest`). It also checks what a
reviewer cannot see at a glance: every quiz question has one right answer and an
explanation (:mod:`~kb.guides.quiz`), and no guide cites a law that is no longer in force
unless it says so (:mod:`~kb.guides.history`).
"""

from kb.guides.build import GuidesReport, update_guides

__all__ = ["GuidesReport", "update_guides"]
