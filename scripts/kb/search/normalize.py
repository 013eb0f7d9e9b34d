"""One form for every way a reader can type a Vietnamese word, number or article.

A reader types "lua dao" for "lừa đảo", "hoà" or "hòa", "QD" for "QĐ", a whole
number "24/2018/QH14" or a part of it, "điều 8 luật an ninh mạng". The index
stores each word twice over: its *normalised* form (NFC, lower case, one tone
placement) keeps the diacritics so that a query typed with them can prefer
exact matches, and its *folded* form (no diacritics, đ → d) groups every way
of typing it.

The browser must tokenise queries exactly as this module tokenises the library,
or words are silently missed. So the data of the rules (the tone-placement pairs
and the folding table) is written by :func:`rules` into the index manifest, from
which ``search.js`` reads it, and the code that applies them is a few regular
expressions mirrored there; ``tests/search/test_agreement.py`` runs both on the
whole library's vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from kb.vietnamese import fold as fold_text

#: Marks of the five tones a syllable can carry (huyền, sắc, hỏi, ngã, nặng).
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"


def _tone_pairs() -> dict[str, str]:
    """Old tone placement → new, for the three rhymes where the two styles differ.

    A syllable ending in "oa", "oe" or "uy" has its tone on the second vowel in the
    old style ("hoà", "khoẻ", "thuỷ") and on the first in the new one ("hòa", "khỏe",
    "thủy"), which the library's texts mostly use. Everywhere else both agree.
    """
    pairs = {}
    for first, second in ("oa", "oe", "uy"):
        for mark in _TONE_MARKS:
            old = first + unicodedata.normalize("NFC", second + mark)
            pairs[old] = unicodedata.normalize("NFC", first + mark) + second
    return pairs


def _fold_table() -> dict[str, str]:
    """Lower-case Latin letters with marks → their base letter (đ → d), as ``kb.vietnamese``.

    Covers Latin-1, Latin Extended-A/B and Latin Extended Additional (all Vietnamese
    letters, and the accents of foreign names), so that the browser, which gets this
    table, folds exactly like Python without a Unicode decomposition of its own.
    """
    letters = (chr(code) for start, end in ((0xC0, 0x250), (0x1E00, 0x1F00))
               for code in range(start, end))
    return {c: fold_text(c) for c in letters if c == c.lower() and fold_text(c) != c}


TONE_PAIRS = _tone_pairs()
FOLD_TABLE = _fold_table()
_FOLD = str.maketrans(FOLD_TABLE)
# A tone pair at the end of a word ("hoà", not "hoàng"), not after "q": in "quý" the "u"
# belongs to the consonant and the tone is always on "y". A word character is a letter or
# a digit (Python's [^\W_], JavaScript's [\p{L}\p{N}]).
_TONE = re.compile(r"(?<!q)(" + "|".join(TONE_PAIRS) + r")(?![^\W_])")
#: A token: letters and digits, possibly joined by "/" or "-" ("24/2018/qh14", "30-nq/tw").
_TOKEN = re.compile(r"[^\W_]+(?:[/-][^\W_]+)*")
_PART = re.compile(r"[/-]")
#: What follows "điều" in a query that names an article: "8", "10a".
_ARTICLE_NUMBER = re.compile(r"[0-9]+[a-z]?")
#: The token of an article: "§8" stands for "Điều 8" (no word of a text can contain "§").
ARTICLE_PREFIX = "§"
_SHARD_CHAR = re.compile(r"[^a-z0-9]")


def normalize(text: str) -> str:
    """NFC, lower case, new tone placement: "Hoà bình" and "hòa bình" → "hòa bình"."""
    lowered = unicodedata.normalize("NFC", text).lower()
    return _TONE.sub(lambda m: TONE_PAIRS[m[1]], lowered)


def fold(normalized: str) -> str:
    """A normalised text without diacritics: "lừa đảo" → "lua dao", "qđ" → "qd"."""
    return normalized.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The normalised tokens of a text; a number is kept whole and split into its parts.

    "Số 24/2018/QH14" → ["số", "24/2018/qh14", "24", "2018", "qh14"], so that both
    the whole number and "QH14" or "2018" find it.
    """
    whole = _TOKEN.findall(normalize(text))
    if "/" not in text and "-" not in text:
        return whole
    found = []
    for token in whole:
        found.append(token)
        if "/" in token or "-" in token:
            found.extend(_PART.split(token))
    return found


def article_token(number: str) -> str:
    """The token of an article from its number or anchor suffix: "8" → "§8"."""
    return ARTICLE_PREFIX + number


def shard_key(folded: str, length: int = 2) -> str:
    """The first ``length`` characters of a term, "_" for any not [a-z0-9]: a shard's name.

    "lua" → "lu", "24/2018/qh14" → "24" (or "24_" with ``length`` 3), "§8" → "_8", "ø" → "_".
    """
    return _SHARD_CHAR.sub("_", folded[:length])


def find_shard(folded: str, shards: Collection[str]) -> str | None:
    """The shard a term is filed in: its longest prefix key among ``shards``.

    Terms are grouped by their first two characters, and a group too large for one
    file is split by the next character, again and again (see ``build._shards``), so
    the longest listed key is the one to fetch; a one-character term has its own.
    """
    for length in range(len(folded), min(2, len(folded)) - 1, -1):
        if (key := shard_key(folded, length)) in shards:
            return key
    return None


class Kind(StrEnum):
    """What a query term is: a word the results must contain, a part of a number
    typed whole (it helps but is not required), or an article number."""

    WORD = "word"
    PART = "part"
    ARTICLE = "article"


@dataclass(frozen=True)
class QueryTerm:
    """One term of a query, as the index stores it."""

    text: str  # normalised, diacritics kept: "lừa", "3250/qđ-ubnd", "§8"
    folded: str  # "lua", "3250/qd-ubnd", "§8"
    kind: Kind

    @property
    def exact(self) -> bool:
        """Whether the reader typed diacritics, so that matches with the same ones rank first."""
        return self.text != self.folded


def query_terms(query: str) -> list[QueryTerm]:
    """The terms of a query, in order, each once.

    "điều 8 luật an ninh mạng" → §8, luật, an, ninh, mạng: "điều" followed by a number
    becomes the article's token. "3250/QĐ-UBND" → the whole number, then its parts.
    """
    words = [m[0] for m in _TOKEN.finditer(normalize(query))]
    main: dict[str, QueryTerm] = {}
    parts: dict[str, QueryTerm] = {}
    index = 0
    while index < len(words):
        word = words[index]
        following = fold(words[index + 1]) if index + 1 < len(words) else ""
        if fold(word) == "dieu" and _ARTICLE_NUMBER.fullmatch(following):
            token = article_token(following)
            main.setdefault(token, QueryTerm(token, token, Kind.ARTICLE))
            index += 2
            continue
        main.setdefault(word, QueryTerm(word, fold(word), Kind.WORD))
        if _PART.search(word):
            for part in _PART.split(word):
                parts.setdefault(part, QueryTerm(part, fold(part), Kind.PART))
        index += 1
    return [*main.values(), *(term for text, term in parts.items() if text not in main)]


def rules() -> dict:
    """The data of the rules above, for the browser (written into the index manifest)."""
    return {
        "tone": TONE_PAIRS,
        "fold": ["".join(FOLD_TABLE), "".join(FOLD_TABLE.values())],
        "article": ARTICLE_PREFIX,
    }
