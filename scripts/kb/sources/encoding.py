"""Raw bytes of a plain-text source (.txt/.md) → NFC Unicode text with "\\n" line ends.

Why this is more than ``data.decode("utf-8")``: editors still receive legal texts
typed years ago with the ".VnTime" (TCVN3/ABC) and "VNI-Times" (VNI-Windows) fonts,
or saved by Notepad in the Vietnamese ANSI code page (Windows-1258). Such files are
not UTF-8; read as Latin-1 they show "ViÖt Nam" or "Vieät Nam" for "Việt Nam". The
encoding is not written anywhere in the file, so it is recognised by decoding the
bytes as each candidate and keeping the one whose words are Vietnamese syllables.
A binary file renamed ``.txt`` (a .docx or .pdf) is refused with a message an editor
can act on, instead of being imported as garbage.

UTF-8 (the normal case) costs a scan for binary bytes and one strict decode; the
legacy candidates are only decoded when that fails.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from kb.errors import SourceError
from kb.sources.legacy_tables import TCVN3, VNI

BINARY_MESSAGE = "tệp nhị phân (không phải văn bản), có thể là tệp {kind} bị đổi đuôi"
UNKNOWN_ENCODING_MESSAGE = (
    "không nhận ra bảng mã: không phải UTF-8, Windows-1258, TCVN3 hay VNI; "
    "hãy lưu lại tệp dưới dạng UTF-8"
)
BROKEN_UTF16_MESSAGE = "tệp UTF-16 bị hỏng (không giải mã được); hãy lưu lại tệp dưới dạng UTF-8"
BROKEN_UTF8_MESSAGE = (
    "tệp UTF-8 bị hỏng: có byte không hợp lệ ở dòng {line}; "
    "hãy sửa chỗ đó hoặc lưu lại tệp dưới dạng UTF-8"
)

# Leading bytes of formats an editor may rename to .txt, and what to call them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", ".docx/.xlsx/.zip"),
    (b"%PDF", ".pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc/.xls"),
    (b"\x89PNG", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF8", ".gif"),
    (b"Rar!", ".rar"),
    (b"7z\xbc\xaf", ".7z"),
    (b"\x1f\x8b", ".gz"),
)
_UNKNOWN_BINARY = ".docx/.pdf"

# C0 control bytes that plain text does not contain (tab, LF, FF, CR are text).
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_SHARE = 0.05
# A file with this many well-formed UTF-8 characters per damaged byte is broken UTF-8.
_UTF8_CHARS_PER_DAMAGE = 3

# Typographic bytes of Windows-1252/1258 (quotes, dashes, ellipsis, bullet, NBSP).
_TYPOGRAPHIC_BYTES = b"\x85\x91\x92\x93\x94\x95\x96\x97\xa0"
_ASCII_AND_TYPOGRAPHIC = bytes(range(0x80)) + _TYPOGRAPHIC_BYTES

# Tone marks as NFD shows them: grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_STOP_TONES = "\u0301\u0323"  # the only tones a syllable ending in c/ch/p/t takes
_STOP_FINALS = ("c", "ch", "p", "t")

# Spelling of a syllable without its tone: initial consonant, vowels, final consonant.
# The vowels are grouped by whether a final may follow (free), must (closed) or cannot
# (open): "an", "a"; "ăn", not "ă"; "ai", not "ain".
_INITIALS = "ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x"
_FINALS = "ch ng nh c m n p t"
_FREE_VOWELS = "a e ê i o ô ơ u ư y oa oe uê uy"
_CLOSED_VOWELS = "ă â iê yê uô ươ oă uâ uyê oo"
_OPEN_VOWELS = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ưa ua uơ"
    " oai oay oao oeo iêu yêu uôi ươi ươu uya uyu uây"
)


def _one_of(spellings: str) -> str:
    """Regex alternation of the space-separated *spellings*, longest first."""
    return "(?:" + "|".join(sorted(spellings.split(), key=len, reverse=True)) + ")"


_SYLLABLE = re.compile(
    f"{_one_of(_INITIALS)}?"
    f"(?:{_one_of(_FREE_VOWELS)}{_one_of(_FINALS)}?"
    f"|{_one_of(_CLOSED_VOWELS)}{_one_of(_FINALS)}"
    f"|{_one_of(_OPEN_VOWELS)})"
)

# A word: a run of anything but whitespace, digits and punctuation, so that a byte a
# wrong decoding turns into a symbol ("c¸c") stays inside its word and spoils it.
_WORD = re.compile(r"[^\s\d!-/:-@\[-`{-~\u2013\u2014\u2018-\u201f\u2022\u2026]+")
_SAMPLE_CHARS = 200_000
_MIN_VIETNAMESE_SHARE = 0.8

_C1_CONTROLS = re.compile("[\x80-\x9f]")
_VNI_SEQUENCE = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
_TCVN3_TABLE = str.maketrans(TCVN3)
_WITHOUT_ASCII_LOWERCASE = re.compile(r"[^a-z\r\n]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def decode(data: bytes, path: Path) -> str:
    """The text of *data*, NFC-normalised, with "\\n" line ends.

    Raises :class:`SourceError` naming *path* for a binary file or an
    encoding that is neither UTF-8/UTF-16 nor a recognisable legacy one.
    """
    _, text = _detect(data, path)
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_encoding(data: bytes, path: Path | None = None) -> str:
    """Name of the encoding of *data*: utf-8, utf-16, cp1258, tcvn3 or vni.

    Raises :class:`SourceError` (naming *path* when given) like :func:`decode`.
    """
    encoding, _ = _detect(data, path or Path("<bytes>"))
    return encoding


def _detect(data: bytes, path: Path) -> tuple[str, str]:
    """The encoding of *data* and the text decoded with it (line ends not yet normalised)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", _decode_utf16(data, path)
    kind = _binary_kind(data)
    if kind:
        raise SourceError(path, BINARY_MESSAGE.format(kind=kind))
    try:
        return "utf-8", data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            line = data.count(b"\n", 0, error.start) + 1
            raise SourceError(path, BROKEN_UTF8_MESSAGE.format(line=line)) from None
    return _detect_legacy(data, path)


def _decode_utf16(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise SourceError(path, BROKEN_UTF16_MESSAGE) from None


def _binary_kind(data: bytes) -> str | None:
    """What a binary *data* probably really is, or None when it looks like text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if b"\x00" in data:
        return _UNKNOWN_BINARY
    controls = len(data.translate(None, _NOT_CONTROL))
    if data and controls / len(data) > _MAX_CONTROL_SHARE:
        return _UNKNOWN_BINARY
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Whether *data* is UTF-8 with a few damaged bytes rather than a legacy encoding."""
    text = data.decode("utf-8", "replace")
    damaged = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - damaged
    return multibyte >= _UTF8_CHARS_PER_DAMAGE * damaged


def _detect_legacy(data: bytes, path: Path) -> tuple[str, str]:
    """Pick the legacy encoding whose decoding of *data* reads most like Vietnamese."""
    if not data.translate(None, _ASCII_AND_TYPOGRAPHIC):
        # Beyond ASCII only Windows quotes, dashes or NBSP: no letter tells the encodings
        # apart, and Windows-1258 reads those bytes as every Windows encoding does.
        return "cp1258", data.decode("cp1258")
    best: tuple[float, str, str] | None = None
    for encoding, decoder in _LEGACY_DECODERS.items():
        try:
            text = unicodedata.normalize("NFC", decoder(data))
        except ValueError:
            continue
        share = _vietnamese_share(text)
        if best is None or share > best[0]:
            best = (share, encoding, text)
    if best is None or best[0] < _MIN_VIETNAMESE_SHARE:
        raise SourceError(path, UNKNOWN_ENCODING_MESSAGE)
    return best[1], best[2]


def _decode_cp1258(data: bytes) -> str:
    return data.decode("cp1258")


def _decode_tcvn3(data: bytes) -> str:
    text = _windows_1252_punctuation(data.decode("latin-1").translate(_TCVN3_TABLE))
    return _WITHOUT_ASCII_LOWERCASE.sub(_restore_capitals, text)


def _decode_vni(data: bytes) -> str:
    text = _VNI_SEQUENCE.sub(lambda match: VNI[match.group()], data.decode("latin-1"))
    return _windows_1252_punctuation(text)


_LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": _decode_cp1258,
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
}


def _windows_1252_punctuation(text: str) -> str:
    """Give bytes 0x80–0x9F (read as Latin-1) the meaning Windows fonts draw for them.

    Raises ValueError for the five bytes Windows-1252 leaves undefined.
    """
    if not _C1_CONTROLS.search(text):
        return text
    return _C1_CONTROLS.sub(lambda match: match.group().encode("latin-1").decode("cp1252"), text)


def _restore_capitals(stretch: re.Match[str]) -> str:
    """Upper-case a stretch of text typed in capitals in the .VnTimeH font.

    TCVN3 has no toned capitals: "LUẬT" was typed as "LUËT" and decodes as "LUậT".
    A stretch without ASCII lowercase letters that holds a word of two or more
    capitals mixed with such lowercase letters is taken as capitals ("LUậT AN NINH
    MạNG" → "LUẬT AN NINH MẠNG"); a lone "Số" or "Về" cannot be told from title case.
    """
    text = stretch.group()
    mixed = any(
        sum(char.isupper() for char in word) >= 2 and not word.isupper()
        for word in _LETTERS.findall(text)
    )
    return text.upper() if mixed else text


def _vietnamese_share(text: str) -> float:
    """Share of the words with a non-ASCII character that are Vietnamese syllables."""
    words = [word for word in _WORD.findall(text, 0, _SAMPLE_CHARS) if not word.isascii()]
    if not words:
        return 0.0
    return sum(map(_is_syllable, words)) / len(words)


@lru_cache(maxsize=16_384)
def _is_syllable(word: str) -> bool:
    """Whether *word* is spelt as one Vietnamese syllable with at most one tone."""
    letters = unicodedata.normalize("NFD", word.lower())
    tones = [char for char in letters if char in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES))
    if not _SYLLABLE.fullmatch(base):
        return False
    return not (tones and base.endswith(_STOP_FINALS) and tones[0] not in _STOP_TONES)
