"""Byte tables of the two legacy Vietnamese font encodings still met in sources.

Both date from before Unicode: a document "in" such an encoding is Latin-1 bytes
that only look Vietnamese when shown in the matching font. Keys are those bytes
read as Latin-1 (so ``"\\xd6"`` is byte 0xD6); values are the Unicode letters
(precomposed, NFC). Bytes not listed keep their Windows-1252 meaning.

``TCVN3``
    TCVN 5712:1993 VN3, the ".VnTime" / ABC encoding: one byte per letter.
    It has lowercase toned letters only; capitals were typed with the same
    bytes in the ".VnTimeH" font, which draws them as capitals.
``VNI``
    VNI-Windows, the "VNI-Times" encoding: most letters are an ASCII base
    letter followed by one byte for the diacritics ("Vie\\xe4t" = "Việt"); a few
    (đ, ơ, ư, the i with tones, ỵ) are one byte, and ơ/ư take a second byte for
    their tone. Decode longest match first: ``"\\xf4\\xf8"`` is "ờ", not "ơ" + "ø".
"""

from __future__ import annotations

# The tables keep one row per letter family; the formatter would put one entry per line.
# fmt: off
TCVN3: dict[str, str] = {
    "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư", "\xa7": "Đ",
    "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    "\xb5": "à", "\xb6": "ả", "\xb7": "ã", "\xb8": "á", "\xb9": "ạ",
    "\xbb": "ằ", "\xbc": "ẳ", "\xbd": "ẵ", "\xbe": "ắ", "\xc6": "ặ",
    "\xc7": "ầ", "\xc8": "ẩ", "\xc9": "ẫ", "\xca": "ấ", "\xcb": "ậ",
    "\xcc": "è", "\xce": "ẻ", "\xcf": "ẽ", "\xd0": "é", "\xd1": "ẹ",
    "\xd2": "ề", "\xd3": "ể", "\xd4": "ễ", "\xd5": "ế", "\xd6": "ệ",
    "\xd7": "ì", "\xd8": "ỉ", "\xdc": "ĩ", "\xdd": "í", "\xde": "ị",
    "\xdf": "ò", "\xe1": "ỏ", "\xe2": "õ", "\xe3": "ó", "\xe4": "ọ",
    "\xe5": "ồ", "\xe6": "ổ", "\xe7": "ỗ", "\xe8": "ố", "\xe9": "ộ",
    "\xea": "ờ", "\xeb": "ở", "\xec": "ỡ", "\xed": "ớ", "\xee": "ợ",
    "\xef": "ù", "\xf1": "ủ", "\xf2": "ũ", "\xf3": "ú", "\xf4": "ụ",
    "\xf5": "ừ", "\xf6": "ử", "\xf7": "ữ", "\xf8": "ứ", "\xf9": "ự",
    "\xfa": "ỳ", "\xfb": "ỷ", "\xfc": "ỹ", "\xfd": "ý", "\xfe": "ỵ",
}

VNI: dict[str, str] = {
    # one byte
    "\xf1": "đ", "\xf4": "ơ", "\xf6": "ư", "\xee": "ỵ",
    "\xec": "ì", "\xed": "í", "\xe6": "ỉ", "\xf3": "ĩ", "\xf2": "ị",
    "\xd1": "Đ", "\xd4": "Ơ", "\xd6": "Ư", "\xce": "Ỵ",
    "\xcc": "Ì", "\xcd": "Í", "\xc6": "Ỉ", "\xd3": "Ĩ", "\xd2": "Ị",
    # base letter + tone (grave, acute, hook, tilde, dot below)
    "a\xf8": "à", "a\xf9": "á", "a\xfb": "ả", "a\xf5": "ã", "a\xef": "ạ",
    "e\xf8": "è", "e\xf9": "é", "e\xfb": "ẻ", "e\xf5": "ẽ", "e\xef": "ẹ",
    "o\xf8": "ò", "o\xf9": "ó", "o\xfb": "ỏ", "o\xf5": "õ", "o\xef": "ọ",
    "\xf4\xf8": "ờ", "\xf4\xf9": "ớ", "\xf4\xfb": "ở", "\xf4\xf5": "ỡ", "\xf4\xef": "ợ",
    "u\xf8": "ù", "u\xf9": "ú", "u\xfb": "ủ", "u\xf5": "ũ", "u\xef": "ụ",
    "\xf6\xf8": "ừ", "\xf6\xf9": "ứ", "\xf6\xfb": "ử", "\xf6\xf5": "ữ", "\xf6\xef": "ự",
    "y\xf8": "ỳ", "y\xf9": "ý", "y\xfb": "ỷ", "y\xf5": "ỹ",
    "A\xd8": "À", "A\xd9": "Á", "A\xdb": "Ả", "A\xd5": "Ã", "A\xcf": "Ạ",
    "E\xd8": "È", "E\xd9": "É", "E\xdb": "Ẻ", "E\xd5": "Ẽ", "E\xcf": "Ẹ",
    "O\xd8": "Ò", "O\xd9": "Ó", "O\xdb": "Ỏ", "O\xd5": "Õ", "O\xcf": "Ọ",
    "\xd4\xd8": "Ờ", "\xd4\xd9": "Ớ", "\xd4\xdb": "Ở", "\xd4\xd5": "Ỡ", "\xd4\xcf": "Ợ",
    "U\xd8": "Ù", "U\xd9": "Ú", "U\xdb": "Ủ", "U\xd5": "Ũ", "U\xcf": "Ụ",
    "\xd6\xd8": "Ừ", "\xd6\xd9": "Ứ", "\xd6\xdb": "Ử", "\xd6\xd5": "Ữ", "\xd6\xcf": "Ự",
    "Y\xd8": "Ỳ", "Y\xd9": "Ý", "Y\xdb": "Ỷ", "Y\xd5": "Ỹ",
    # base letter + circumflex, alone or with a tone
    "a\xe2": "â", "a\xe0": "ầ", "a\xe1": "ấ", "a\xe5": "ẩ", "a\xe3": "ẫ", "a\xe4": "ậ",
    "e\xe2": "ê", "e\xe0": "ề", "e\xe1": "ế", "e\xe5": "ể", "e\xe3": "ễ", "e\xe4": "ệ",
    "o\xe2": "ô", "o\xe0": "ồ", "o\xe1": "ố", "o\xe5": "ổ", "o\xe3": "ỗ", "o\xe4": "ộ",
    "A\xc2": "Â", "A\xc0": "Ầ", "A\xc1": "Ấ", "A\xc5": "Ẩ", "A\xc3": "Ẫ", "A\xc4": "Ậ",
    "E\xc2": "Ê", "E\xc0": "Ề", "E\xc1": "Ế", "E\xc5": "Ể", "E\xc3": "Ễ", "E\xc4": "Ệ",
    "O\xc2": "Ô", "O\xc0": "Ồ", "O\xc1": "Ố", "O\xc5": "Ổ", "O\xc3": "Ỗ", "O\xc4": "Ộ",
    # base letter + breve, alone or with a tone
    "a\xea": "ă", "a\xe8": "ằ", "a\xe9": "ắ", "a\xfa": "ẳ", "a\xfc": "ẵ", "a\xeb": "ặ",
    "A\xca": "Ă", "A\xc8": "Ằ", "A\xc9": "Ắ", "A\xda": "Ẳ", "A\xdc": "Ẵ", "A\xcb": "Ặ",
}
# fmt: on
