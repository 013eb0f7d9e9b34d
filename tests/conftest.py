"""Shared test helpers: the shared corpus beside the repository, and small documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.model import Block, Document, Kind, Unit
from kb.structure import parse_document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The shared corpus; tests that need it skip with a reason when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"không có kho văn bản dùng chung {CORPUS} (chỉ có trong CI và máy phát triển)")
    return CORPUS


def parse_lines(*paragraphs: str) -> Document:
    """A document from paragraphs given as a reader would give them."""
    return parse_document([Block(p) for p in paragraphs])


def walk(units: list[Unit]):
    """Every unit of a tree, depth first, in document order."""
    for unit in units:
        yield unit
        yield from walk(unit.children)


def anchors(document: Document, kind: Kind | None = None) -> list[str]:
    """The anchors of a document's units (of one kind), in order."""
    return [u.anchor for u in walk(document.body) if u.anchor and (kind is None or u.kind is kind)]
