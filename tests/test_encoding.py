"""Plain-text sources in any encoding an editor may receive become NFC Unicode.

The legacy fixtures are written byte by byte from the published tables (TCVN 5712:1993
VN3 for TCVN3, VNI-Windows for VNI), never produced by the code under test.
"""

from __future__ import annotations

import codecs
import random
import unicodedata
from pathlib import Path

import pytest

from kb.errors import SourceError
from kb.sources.encoding import decode, detect_encoding

PATH = Path("nguon/luat-an-ninh-mang.txt")
SENTENCE = "Điều 8. Các hành vi bị nghiêm cấm về an ninh mạng của Việt Nam"
# TCVN3 glyphs as a Latin-1 viewer shows them: "§iÒu 8. C¸c hµnh vi bÞ nghiªm cÊm vÒ an
# ninh m¹ng cña ViÖt Nam"; § A7 = Đ, Ò D2 = ề, ¸ B8 = á, µ B5 = à, Þ DE = ị, ª AA = ê,
# Ê CA = ấ, ¹ B9 = ạ, ñ F1 = ủ, Ö D6 = ệ.
SENTENCE_TCVN3 = (
    b"\xa7i\xd2u 8. C\xb8c h\xb5nh vi b\xde nghi\xaam c\xcam v\xd2 an ninh m\xb9ng"
    b" c\xf1a Vi\xd6t Nam"
)
# VNI glyphs: "Ñieàu 8. Caùc haønh vi bò nghieâm caám veà an ninh maïng cuûa Vieät Nam";
# Ñ D1 = Đ, e+à E0 = ề, a+ù F9 = á, a+ø F8 = à, ò F2 = ị, e+â E2 = ê, a+á E1 = ấ,
# a+ï EF = ạ, u+û FB = ủ, e+ä E4 = ệ.
SENTENCE_VNI = (
    b"\xd1ie\xe0u 8. Ca\xf9c ha\xf8nh vi b\xf2 nghie\xe2m ca\xe1m ve\xe0 an ninh ma\xefng"
    b" cu\xfba Vie\xe4t Nam"
)
SECOND_SENTENCE = "Người dùng không được truy cập trái phép trong mạng."
# TCVN3 "Ng­êi dïng kh«ng ®­îc truy cËp tr¸i phÐp trong m¹ng." (­ AD = ư, ê EA = ờ,
# ï EF = ù, « AB = ô, ® AE = đ, î EE = ợ, Ë CB = ậ, Ð D0 = é).
SECOND_SENTENCE_TCVN3 = (
    b"Ng\xad\xeai d\xefng kh\xabng \xae\xad\xeec truy c\xcbp tr\xb8i ph\xd0p trong m\xb9ng."
)
# VNI "Ngöôøi duøng khoâng ñöôïc truy caäp traùi pheùp trong maïng." (ö F6 = ư,
# ô+ø F4 F8 = ờ, ô+ï F4 EF = ợ, o+â E2 = ô, a+ä E4 = ậ, e+ù F9 = é).
SECOND_SENTENCE_VNI = (
    b"Ng\xf6\xf4\xf8i du\xf8ng kho\xe2ng \xf1\xf6\xf4\xefc truy ca\xe4p tra\xf9i phe\xf9p"
    b" trong ma\xefng."
)
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """*text* as Windows-1258 writes it: a toned letter it lacks is base + tone mark."""
    encoded = bytearray()
    for char in text:
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(part for part in parts if part in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
            encoded += (base + tones).encode("cp1258")
    return bytes(encoded)


def refusal(data: bytes) -> SourceError:
    with pytest.raises(SourceError) as caught:
        decode(data, PATH)
    assert caught.value.path == PATH
    assert str(caught.value).startswith(f"{PATH}: ")
    assert "\n" not in caught.value.message
    return caught.value


def test_utf8_text_is_returned_unchanged() -> None:
    data = SENTENCE.encode("utf-8")
    assert decode(data, PATH) == SENTENCE
    assert detect_encoding(data) == "utf-8"


def test_utf8_byte_order_mark_is_dropped() -> None:
    data = codecs.BOM_UTF8 + SENTENCE.encode("utf-8")
    assert decode(data, PATH) == SENTENCE
    assert detect_encoding(data) == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_decoded(codec: str) -> None:
    data = ("\ufeff" + SENTENCE).encode(codec)
    assert decode(data, PATH) == SENTENCE
    assert detect_encoding(data) == "utf-16"


def test_ascii_text_is_utf8() -> None:
    assert decode(b"Luat An ninh mang 2018", PATH) == "Luat An ninh mang 2018"
    assert detect_encoding(b"") == "utf-8"


def test_crlf_and_cr_line_endings_become_newlines() -> None:
    data = "Chương I\r\nQuy định chung\rĐiều 1\n".encode()
    assert decode(data, PATH) == "Chương I\nQuy định chung\nĐiều 1\n"


def test_decomposed_utf8_becomes_nfc() -> None:
    data = unicodedata.normalize("NFD", SENTENCE).encode("utf-8")
    assert data != SENTENCE.encode("utf-8")
    text = decode(data, PATH)
    assert text == SENTENCE
    assert unicodedata.is_normalized("NFC", text)


def test_cp1258_text_is_converted_to_unicode() -> None:
    text = f"{SENTENCE}\r\n{SECOND_SENTENCE}"
    data = cp1258_bytes(text)
    assert b"Vi\xea\xf2t" in data  # "Việt": ê then a combining dot below
    assert decode(data, PATH) == f"{SENTENCE}\n{SECOND_SENTENCE}"
    assert detect_encoding(data) == "cp1258"


def test_tcvn3_text_is_converted_to_unicode() -> None:
    data = SENTENCE_TCVN3 + b"\r\n" + SECOND_SENTENCE_TCVN3
    assert decode(data, PATH) == f"{SENTENCE}\n{SECOND_SENTENCE}"
    assert detect_encoding(data) == "tcvn3"


def test_tcvn3_short_text_is_converted() -> None:
    assert decode(b"Vi\xd6t Nam", PATH) == "Việt Nam"


def test_tcvn3_capital_heading_typed_in_vntimeh_stays_capital() -> None:
    # "LUËT AN NINH M¹NG": the toned capitals use TCVN3's lowercase bytes.
    data = b"LU\xcbT AN NINH M\xb9NG\r\nS\xe8: 24/2018/QH14\r\n" + SENTENCE_TCVN3
    assert decode(data, PATH) == f"LUẬT AN NINH MẠNG\nSố: 24/2018/QH14\n{SENTENCE}"


def test_vni_text_is_converted_to_unicode() -> None:
    data = SENTENCE_VNI + b"\r\n" + SECOND_SENTENCE_VNI
    assert decode(data, PATH) == f"{SENTENCE}\n{SECOND_SENTENCE}"
    assert detect_encoding(data) == "vni"


def test_vni_capitals_and_two_byte_letters_are_decoded_longest_first() -> None:
    # "LUAÄT AN NINH MAÏNG" / "NGÖÔØI DUØNG": Ô Ø (D4 D8) is Ờ, not Ơ followed by Ø.
    data = b"LUA\xc4T AN NINH MA\xcfNG\nNG\xd6\xd4\xd8I DU\xd8NG\n" + SENTENCE_VNI
    assert decode(data, PATH) == f"LUẬT AN NINH MẠNG\nNGƯỜI DÙNG\n{SENTENCE}"


def test_windows_quotes_without_vietnamese_letters_are_kept() -> None:
    data = b"The \x93Cybersecurity Law\x94 \x96 2018"
    assert decode(data, PATH) == "The \u201cCybersecurity Law\u201d \u2013 2018"


def test_binary_with_nul_bytes_is_refused() -> None:
    error = refusal(b"ab\x00\x00\x01\x02cd" * 10)
    assert "tệp nhị phân" in error.message


def test_text_full_of_control_characters_is_refused() -> None:
    error = refusal(bytes(range(1, 9)) * 20 + b"Vi\xe1\xbb\x87t Nam")
    assert "tệp nhị phân" in error.message


def test_zip_renamed_txt_is_refused_as_binary() -> None:
    error = refusal(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
    assert error.message.startswith("tệp nhị phân (không phải văn bản)")
    assert ".docx" in error.message


@pytest.mark.parametrize(
    ("signature", "kind"),
    [
        (b"%PDF-1.7\n", ".pdf"),
        (b"\x89PNG\r\n\x1a\n", ".png"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),
    ],
)
def test_known_binary_signatures_are_refused(signature: bytes, kind: str) -> None:
    assert kind in refusal(signature + b"rest of file").message


def test_latin1_french_text_is_refused() -> None:
    data = "Les élèves étaient très fâchés à cause de la grève déjà annoncée.".encode("latin-1")
    error = refusal(data)
    assert error.message.startswith("không nhận ra bảng mã")
    assert "UTF-8" in error.message


def test_high_byte_noise_is_refused() -> None:
    noise = random.Random(0)
    data = bytes(noise.choice(range(0xA0, 0x100)) for _ in range(2000))
    assert refusal(data).message.startswith("không nhận ra bảng mã")


def test_utf8_with_a_damaged_byte_names_the_line() -> None:
    data = f"{SENTENCE}\n{SECOND_SENTENCE}\n".encode() + b"Ch\xff\n"
    error = refusal(data)
    assert "UTF-8 bị hỏng" in error.message
    assert "dòng 3" in error.message


def test_truncated_utf16_is_refused() -> None:
    assert "UTF-16" in refusal(codecs.BOM_UTF16_LE + "Việt".encode("utf-16-le")[:-1]).message


def test_detect_encoding_names_the_file_when_refusing() -> None:
    with pytest.raises(SourceError) as caught:
        detect_encoding(b"%PDF-1.4", PATH)
    assert caught.value.path == PATH
