"""Citations in Vietnamese legal texts: find, then resolve and annotate.

Stages speak only through :mod:`kb.citations.models`, so each is tested and
replaced alone (the layout of eyecite: ``find`` → ``resolve`` → ``annotate``).

The find stage, module by module:

- ``words``: regex pieces for Vietnamese words that also match text typed
  without marks (offsets stay those of the original text);
- ``patterns``: one regex per citation form, as data, built from named pieces;
- ``units``: a chain "các điểm a, b và c khoản 1 Điều 5" → one unit each;
- ``normalize`` and ``titles`` (with ``law_titles.yaml``): field values;
- ``find``: :func:`find_references`, which puts the above together.

Where we chose otherwise than eyecite, and why: a :class:`Reference` is one
flat record per cited unit (not a class per citation kind), because every
Vietnamese citation is the same shape (document, article, clause, point)
and the resolve stage reads the fields alone. Its span covers the unit words
but not the document named after them ("<khoản 2 Điều 5> của Luật này"), so
one link per unit can be made; the document phrase only fills fields.
"""

from kb.citations.find import find_references
from kb.citations.models import DocumentInfo, Reference

__all__ = ["DocumentInfo", "Reference", "find_references"]
