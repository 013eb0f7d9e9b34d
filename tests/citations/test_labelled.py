"""The acceptance test of the find stage: precision and recall on ``labelled.yaml``.

A found reference matches a label when its span text and its article, clause,
point and document number agree. The other fields (type, title, date,
issuer, self) are scored separately, over matched pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from kb.citations import Reference, find_references

LABELLED = Path(__file__).with_name("labelled.yaml")
MATCH_KEYS = ("text", "article", "clause", "point", "number")
FIELD_KEYS = ("doc_type", "title", "date", "issuer", "self")
THRESHOLD = 0.97


@dataclass(frozen=True)
class Entry:
    source: str
    text: str
    labels: tuple[dict[str, object], ...]


def _label(raw: dict[str, object]) -> dict[str, object]:
    """A label with every key present: left-out fields are null, ``self`` false."""
    label: dict[str, object] = {key: None for key in MATCH_KEYS + FIELD_KEYS}
    label["self"] = False
    label.update(raw)
    return label


@cache
def entries() -> tuple[Entry, ...]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    return tuple(
        Entry(e["source"], e["text"], tuple(_label(r) for r in e["refs"])) for e in data
    )


def _key(item: dict[str, object]) -> tuple[object, ...]:
    return tuple(item[k] for k in MATCH_KEYS)


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    matched: int = 0
    fields_agree: int = 0

    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


def _compare(entry: Entry, refs: list[Reference], score: Score, report: list[str]) -> None:
    """Match found references to labels (same key, in order) and note every difference."""
    open_labels: dict[tuple[object, ...], list[dict[str, object]]] = {}
    for label in entry.labels:
        open_labels.setdefault(_key(label), []).append(label)
    head = f"in [{entry.source}] {entry.text[:90]!r}"
    for item in (ref.as_json() for ref in refs):
        candidates = open_labels.get(_key(item))
        if not candidates:
            report.append(f"SPURIOUS {_show(item)} {head}")
            continue
        label = candidates.pop(0)
        score.matched += 1
        diff = {k: (item[k], label[k]) for k in FIELD_KEYS if item[k] != label[k]}
        if diff:
            report.append(f"  FIELDS {item['text']!r} (found, labelled): {diff} {head}")
        else:
            score.fields_agree += 1
    score.found += len(refs)
    score.labelled += len(entry.labels)
    report += [f"MISSED {_show(label)} {head}" for left in open_labels.values() for label in left]


def _show(item: dict[str, object]) -> str:
    return str({k: item[k] for k in MATCH_KEYS if item[k] is not None})


@cache
def scored() -> tuple[Score, tuple[str, ...]]:
    score, report = Score(), []
    for entry in entries():
        _compare(entry, find_references(entry.text), score, report)
    return score, tuple(report)


def test_the_set_is_large_enough() -> None:
    labels = sum(len(e.labels) for e in entries())
    negatives = sum(not e.labels for e in entries())
    assert labels >= 150 and negatives >= 30, (labels, negatives)


def test_labels_are_spans_of_their_sentences() -> None:
    for entry in entries():
        for label in entry.labels:
            assert label["text"] in entry.text, (label, entry.text)
            assert all(isinstance(label[k], str | None) for k in MATCH_KEYS), label


def test_sentences_are_copied_from_the_corpus(corpus: Path) -> None:
    """Plain-text sources must contain each sentence verbatim (HTML ones are extracted)."""
    for entry in entries():
        if entry.source.endswith((".txt", ".md")):
            assert entry.text in (corpus / entry.source).read_text(encoding="utf-8"), entry.text


def test_precision_and_recall() -> None:
    score, report = scored()
    summary = (
        f"precision {score.precision():.3f} ({score.matched}/{score.found}), "
        f"recall {score.recall():.3f} ({score.matched}/{score.labelled})"
    )
    print(summary)
    misses = "\n".join(line for line in report if not line.startswith("  FIELDS"))
    assert score.precision() >= THRESHOLD and score.recall() >= THRESHOLD, (
        f"{summary}\n{misses}"
    )


def test_fields_of_matched_references() -> None:
    score, report = scored()
    agreement = score.fields_agree / score.matched if score.matched else 1.0
    print(f"fields agree on {score.fields_agree}/{score.matched} matched references")
    diffs = "\n".join(line for line in report if line.startswith("  FIELDS"))
    assert agreement >= THRESHOLD, diffs


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.text[:40])
def test_offsets_slice_back_and_units_do_not_overlap(entry: Entry) -> None:
    refs = find_references(entry.text)
    assert refs == sorted(refs, key=lambda r: (r.start, r.end))
    for ref in refs:
        assert entry.text[ref.start : ref.end] == ref.text
    _assert_no_overlap_per_unit(refs)


def _assert_no_overlap_per_unit(refs: list[Reference]) -> None:
    """Two references to the same unit of the same document never overlap."""
    seen: dict[tuple[object, ...], list[Reference]] = {}
    for ref in refs:
        unit = (ref.doc_type, ref.number, ref.title, ref.self, ref.level, *ref.unit)
        for other in seen.get(unit, []):
            assert other.end <= ref.start, (other, ref)
        seen.setdefault(unit, []).append(ref)


def test_invariants_hold_on_the_whole_corpus(corpus: Path) -> None:
    for path in sorted(corpus.glob("**/*")):
        if path.suffix in {".txt", ".md", ".html"}:
            text = path.read_text(encoding="utf-8")
            refs = find_references(text)
            assert all(text[r.start : r.end] == r.text for r in refs), path
            _assert_no_overlap_per_unit(refs)
