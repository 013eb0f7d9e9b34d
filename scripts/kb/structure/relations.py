"""Relations a law states about other laws, read from its own articles.

Its "Hiệu lực thi hành" article says which laws cease to have effect when it
takes effect ("Luật An ninh mạng số 24/2018/QH14 hết hiệu lực kể từ ngày Luật
này có hiệu lực thi hành"): those are the laws it replaces. An article
"Sửa đổi, bổ sung một số điều của các luật có liên quan" lists, one clause
per law, the laws it amends. Each relation records the clause that states it
("khoản 2 Điều 44"), so the page can link the claim to its source; nobody
types a status that goes stale.
"""

from __future__ import annotations

import re

from kb.citations import find_references
from kb.model import Kind, Metadata, Unit, articles

_CEASES = re.compile(r"hết hiệu lực")
_EFFECT_ARTICLE = re.compile(r"hiệu lực", re.IGNORECASE)
_AMENDING_ARTICLE = re.compile(r"^Sửa đổi, bổ sung .*(?:luật|Luật|văn bản)", re.IGNORECASE)



def _source(article: Unit, clause: Unit | None) -> str:
    return f"khoản {clause.number} Điều {article.number}" if clause else f"Điều {article.number}"


def _named(text: str) -> list[dict[str, str]]:
    """Documents a passage names by number, in order, once each (not "Luật này")."""
    named: dict[str, dict[str, str]] = {}
    for reference in find_references(text):
        if reference.number and not reference.self and reference.number not in named:
            named[reference.number] = {"so_hieu": reference.number}
            if reference.title:
                named[reference.number]["ten"] = reference.title
    return list(named.values())


def _subjects(text: str) -> list[dict[str, str]]:
    """The law each ";"-separated part of a sentence is about: its first number.

    "Luật … số 86/2015/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số
    35/2018/QH14; Luật … số 24/2018/QH14 hết hiệu lực …" is about 86/2015 and
    24/2018; 35/2018 only says how 86/2015 had been amended.
    """
    return [named[0] for part in text.split(";") if (named := _named(part))]


def _clauses(article: Unit) -> list[tuple[Unit | None, str]]:
    clauses = [(c, c.text) for c in article.children if c.kind is Kind.KHOAN]
    return clauses or [(None, article.text)] + [(None, c.text) for c in article.children]


def read_relations(units: list[Unit], meta: Metadata) -> None:
    """Fill ``meta.quan_he`` with what the text says it replaces and amends."""
    relations: dict[str, list[dict[str, str]]] = {}
    for article in articles(units):
        if _EFFECT_ARTICLE.search(article.text):
            for clause, text in _clauses(article):
                if _CEASES.search(text):
                    relations.setdefault("thay_the", []).extend(
                        {**law, "nguon": _source(article, clause)} for law in _subjects(text))
        elif _AMENDING_ARTICLE.search(article.text):
            for clause, text in _clauses(article):
                named = _subjects(text)
                if clause is not None and named:
                    relations.setdefault("sua_doi", []).append(
                        {**named[0], "nguon": _source(article, clause)})
    if relations:
        meta.quan_he = relations
