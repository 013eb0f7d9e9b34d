"""What the citation stages pass to each other: frozen records with their span in the text.

The find stage fills everything it can read from the citing words; the
resolve stage (later) turns a :class:`Reference` into a target (a page and
an anchor), using the current document for "Luật này"/"Điều này" and for
parts cited without a document, and the annotate stage links each span.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["document", "article", "clause", "point"]


@dataclass(frozen=True)
class DocumentInfo:
    """The document a citation names, as far as the citing words say.

    ``self`` is True for "Luật này", "Quyết định này" …: the citing text itself.
    """

    doc_type: str | None = None
    number: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    self: bool = False


@dataclass(frozen=True)
class Reference:
    """One cited unit (a document, or one article, clause or point of it).

    ``text`` is ``source[start:end]``. For a document, the span is its name
    and number ("Nghị định số 13/2023/NĐ-CP", "Luật An ninh mạng"); the date
    and issuer that follow are read into fields but left outside the span.
    For a part, the span is its unit words ("khoản 2 Điều 5"); a document
    named after it ("của Luật này") gives the document fields but is outside
    the span, so the annotate stage links the part.

    A phrase naming several units gives one reference per unit: the first
    spans from its unit word ("Điều 16" in "các Điều 16, 17 và 18"), later ones
    their own number ("17") or repeated unit word ("khoản 2"), and the last one
    runs on over the units they share ("18", "c khoản 1 Điều 5"). Units a range
    implies ("từ Điều 10 đến Điều 15" → 11 … 14) span the whole range.

    ``article``/``clause``/``point`` hold numbers as printed ("10a", "đ").
    None above the cited unit means "the current one" when ``self`` is True
    ("khoản 3 Điều này": clause "3" of the current article). ``level`` says
    which unit is cited, which the fields alone cannot say for "khoản này"
    (the current clause) versus "Điều này" (the current article).
    """

    text: str
    start: int
    end: int
    doc_type: str | None = None
    number: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    self: bool = False
    level: Level = "document"

    @property
    def unit(self) -> tuple[str | None, str | None, str | None]:
        """(article, clause, point): the cited unit inside its document."""
        return (self.article, self.clause, self.point)

    def as_json(self) -> dict[str, object]:
        """The fields as a JSON object, with ``target`` for the resolve stage to fill."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "doc_type": self.doc_type,
            "number": self.number,
            "title": self.title,
            "date": self.date,
            "issuer": self.issuer,
            "article": self.article,
            "clause": self.clause,
            "point": self.point,
            "self": self.self,
            "target": None,
        }
