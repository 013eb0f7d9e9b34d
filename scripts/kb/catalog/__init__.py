"""The library's index (documents by number, title and anchor) and the relations between them."""

from kb.catalog.entries import Catalog, Entry
from kb.catalog.relations import Graph, Status

__all__ = ["Catalog", "Entry", "Graph", "Status"]
