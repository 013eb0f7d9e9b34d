"""From blocks to a document: header → metadata, body → nested units with anchors.

Regex first, then nesting (the Laws.Africa approach): :mod:`.patterns` labels
each paragraph, :mod:`.nest` stacks the labelled paragraphs by rank, and
:mod:`.anchors` names every unit from its printed numbers.
"""

from kb.structure.parse import parse_document

__all__ = ["parse_document"]
