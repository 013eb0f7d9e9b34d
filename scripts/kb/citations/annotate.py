"""The annotate stage: Markdown → the same Markdown with every resolved reference linked.

Links are never edited in place: the page is first stripped of the links and
the generated section a previous run added (both recognisable by their
markers), then references are found again, resolved, and linked from left to
right, skipping overlaps. Re-running on an unchanged library therefore gives
the same bytes, and removing the links gives back the imported text.
Headings, anchors and the signature are not annotated.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kb.catalog.entries import Entry
from kb.citations.models import Reference
from kb.citations.resolve import Context, Problem, Resolution

LINK_CLASS = "vb-ref"
_LINK = re.compile(
    r"\[(?P<text>[^\]\n]*)\]\((?P<href>[^)\s]*)(?: \"(?P<title>[^\"\n]*)\")?\)\{\." + LINK_CLASS
    + r"\}"
)
_MISSING = re.compile(r'<span class="vb-ref-missing" title="[^"]*">(?P<text>[^<]*)</span>')
MISSING_TITLE = "Văn bản này chưa có trong thư viện"
GENERATED_START = "<!-- kb:tu-dong:bat-dau -->"
GENERATED_END = "<!-- kb:tu-dong:ket-thuc -->"
_GENERATED = re.compile(rf"\n*{re.escape(GENERATED_START)}.*?{re.escape(GENERATED_END)}\n*",
                        re.DOTALL)
_ANCHOR = re.compile(
    r"\{:? ?#dieu-(?P<article>[0-9]+[a-z]?)(?:-khoan-(?P<clause>[0-9]+))?(?P<rest>[a-z0-9-]*) ?\}"
)
_ATTRIBUTES_LINE = re.compile(r"\n(\{: [^}]*\})$")


def unlink(markdown: str) -> str:
    """The Markdown without the links and the generated sections this module added."""
    markdown = _GENERATED.sub("\n\n", markdown)
    markdown = _MISSING.sub(lambda m: m["text"], _LINK.sub(lambda m: m["text"], markdown))
    return markdown.rstrip("\n") + "\n"


def _href(source: Entry, resolution: Resolution) -> str:
    target = resolution.target
    assert target is not None
    fragment = f"#{resolution.anchor}" if resolution.anchor else ""
    if target.path == source.path:
        return fragment or "#"
    relative = os.path.relpath(target.path, source.path.parent).replace(os.sep, "/")
    return f"{relative}{fragment}"


def hover_title(resolution: Resolution) -> str:
    """What a link says on hover: the document and, for a part, the article's heading."""
    target = resolution.target
    assert target is not None
    title = target.citation()
    if resolution.anchor:
        article = resolution.anchor.split("-khoan-")[0].split("-diem-")[0]
        heading = target.headings.get(article)
        if heading:
            title = f"{_shorten(heading)} — {title}"
    return title.replace('"', "“")


def _shorten(text: str, limit: int = 100) -> str:
    """An article's heading, or the start of a decision's long article, for a tooltip."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _marked(text: str, resolution: Resolution, source: Entry) -> str | None:
    """The Markdown for one reference's span: a link, a "not in the library" mark, or None."""
    reference = resolution.reference
    if resolution.problem is Problem.NOT_IN_LIBRARY and (reference.number or reference.title):
        return f'<span class="vb-ref-missing" title="{MISSING_TITLE}">{text}</span>'
    if not resolution.linked or (resolution.target is source and not resolution.anchor):
        return None  # "Quốc hội ban hành Luật An ninh mạng": the page itself
    return (f'[{text}]({_href(source, resolution)} "{hover_title(resolution)}")'
            f"{{.{LINK_CLASS}}}")


def link(text: str, resolutions: list[Resolution], source: Entry) -> str:
    """``text`` with each resolved span linked (or marked missing), left to right."""
    pieces: list[str] = []
    position = 0
    for resolution in sorted(resolutions, key=lambda r: r.reference.start):
        reference = resolution.reference
        span = text[reference.start:reference.end]
        if reference.start < position or re.search(r"[\[\]*\n\\<>]", span):
            continue
        marked = _marked(span, resolution, source)
        if marked is None:
            continue
        pieces += [text[position:reference.start], marked]
        position = reference.end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass
class Annotated:
    """A page's new body, every reference found in it, and those of its "Căn cứ" lines."""

    body: str
    resolutions: list[Resolution] = field(default_factory=list)
    basis: list[Resolution] = field(default_factory=list)


Resolver = Callable[[str, Context], list[Resolution]]


def _scope(text: str, resolutions: list[Resolution]) -> Reference | None:
    """The document a clause introducing amendments names ("… của Luật Viễn thông …:")."""
    if not text.rstrip().endswith(":"):
        return None
    named = [r.reference for r in resolutions if r.reference.number or r.reference.title]
    return named[-1] if named and not named[-1].self else None


def annotate_body(body: str, source: Entry, resolver: Resolver) -> Annotated:
    """Link the references of every paragraph of ``body`` (already :func:`unlink`-ed)."""
    context = Context(source)
    blocks: list[str] = []
    annotated = Annotated("")
    for block in body.split("\n\n"):
        if anchor := _ANCHOR.search(block):
            new_clause = anchor["clause"] and not anchor["rest"]
            context = replace(context, article=anchor["article"], clause=anchor["clause"],
                              scope=None if new_clause or not anchor["clause"] else context.scope)
        if not block or block.startswith(("#", "{:", "<!--")) or ".chu-ky" in block:
            blocks.append(block)
            continue
        attributes = _ATTRIBUTES_LINE.search(block)
        text = block[:attributes.start()] if attributes else block
        resolutions = resolver(text, context)
        annotated.resolutions += resolutions
        if text.startswith("Căn cứ"):
            annotated.basis += resolutions
        if anchor and anchor["clause"] and not anchor["rest"]:
            context = replace(context, scope=_scope(text, resolutions))
        blocks.append(link(text, resolutions, source) + (attributes[0] if attributes else ""))
    annotated.body = "\n\n".join(blocks)
    return annotated
