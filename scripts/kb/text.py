"""Text repairs every reader applies, so that the same word is the same string.

Sources mix Unicode forms (precomposed "ế" next to "e" + combining marks),
use Icelandic look-alikes for the Vietnamese "Đ/đ", and carry invisible
characters from word processors. Left alone, these make a word fail to match
itself in searches, links and the import check's word comparison.
"""

from __future__ import annotations

import re
import unicodedata

# Look-alikes seen in Vietnamese texts typed with old fonts or converters:
# U+00D0 "Ð" (Icelandic eth) for U+0110 "Đ", U+00F0 "ð" for U+0111 "đ".
_LOOK_ALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Spaces that must not glue words together in the output.
_NON_BREAKING_SPACES = re.compile("[\u00a0\u2007\u202f]")

# Invisible characters: zero-width space/non-joiner/joiner, word joiner,
# byte-order mark (also used as a zero-width no-break space), soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def repair(text: str) -> str:
    """Return ``text`` in NFC with look-alikes, non-breaking and invisible characters fixed.

    Invisible characters are removed before composing, so that a base letter
    and its combining mark separated by a zero-width character still compose.
    Line breaks and ordinary spaces are left to the caller.
    """
    text = _INVISIBLE.sub("", text)
    text = _NON_BREAKING_SPACES.sub(" ", text)
    text = text.translate(_LOOK_ALIKES)
    return unicodedata.normalize("NFC", text)
