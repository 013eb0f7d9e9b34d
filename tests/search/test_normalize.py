"""The normalisation rules: one form for every way a reader may type a word or a number."""

from __future__ import annotations

import unicodedata

import pytest

from kb.search.normalize import (
    FOLD_TABLE,
    Kind,
    QueryTerm,
    fold,
    normalize,
    query_terms,
    shard_key,
    tokens,
)
from kb.vietnamese import fold as fold_text

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"


@pytest.mark.parametrize(("typed", "expected"), [
    ("Hoà bình", "hòa bình"),
    ("hòa bình", "hòa bình"),
    ("THUỶ LỢI", "thủy lợi"),
    ("sức khoẻ", "sức khỏe"),
    ("Uỷ ban", "ủy ban"),
    ("hoạ sĩ", "họa sĩ"),
    ("tuỳ", "tùy"),
    # Both styles agree when a consonant follows, and "qu" + "y" keeps the tone on "y".
    ("Hoàng", "hoàng"),
    ("thuyết", "thuyết"),
    ("quý", "quý"),
    ("Quỹ", "quỹ"),
    # A tone pair followed by a digit is not at the end of a word.
    ("hoà2", "hoà2"),
])
def test_normalize_puts_the_tone_where_the_new_style_does(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


def test_normalize_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Luật An ninh mạng")
    assert decomposed != "Luật An ninh mạng"
    assert normalize(decomposed) == "luật an ninh mạng"


def test_fold_removes_every_mark_and_d_bar() -> None:
    assert fold(normalize("Lừa đảo ĐIỀU Đắk Nông")) == "lua dao dieu dak nong"


def test_fold_table_agrees_with_the_library_folding_on_every_vietnamese_letter() -> None:
    for letter in VIETNAMESE:
        assert fold(letter) == fold_text(letter), letter
    assert all(len(base) == 1 and base.isascii() for base in FOLD_TABLE.values())


def test_tokens_keep_a_number_whole_and_in_parts() -> None:
    assert tokens("Luật số 24/2018/QH14") == ["luật", "số", "24/2018/qh14", "24", "2018", "qh14"]
    assert tokens("Quyết định 3250/QĐ-UBND") == [
        "quyết", "định", "3250/qđ-ubnd", "3250", "qđ", "ubnd"]
    assert tokens("Nghị quyết số 30-NQ/TW") == ["nghị", "quyết", "số", "30-nq/tw", "30", "nq", "tw"]


def test_tokens_split_at_punctuation_and_spaced_hyphens() -> None:
    assert tokens("Độc lập - Tự do - Hạnh phúc; (DNS).") == [
        "độc", "lập", "tự", "do", "hạnh", "phúc", "dns"]


def test_query_terms_turn_an_article_into_its_token() -> None:
    assert query_terms("điều 8 luật an ninh mạng") == [
        QueryTerm("§8", "§8", Kind.ARTICLE),
        QueryTerm("luật", "luat", Kind.WORD),
        QueryTerm("an", "an", Kind.WORD),
        QueryTerm("ninh", "ninh", Kind.WORD),
        QueryTerm("mạng", "mang", Kind.WORD),
    ]
    assert query_terms("Dieu 10a")[0] == QueryTerm("§10a", "§10a", Kind.ARTICLE)


def test_query_terms_keep_dieu_without_a_number_as_a_word() -> None:
    assert [t.text for t in query_terms("điều khoản")] == ["điều", "khoản"]


def test_query_terms_of_a_number_are_the_number_then_its_optional_parts() -> None:
    terms = query_terms("3250/QD-UBND")
    assert terms == [
        QueryTerm("3250/qd-ubnd", "3250/qd-ubnd", Kind.WORD),
        QueryTerm("3250", "3250", Kind.PART),
        QueryTerm("qd", "qd", Kind.PART),
        QueryTerm("ubnd", "ubnd", Kind.PART),
    ]


def test_query_terms_are_unique_and_a_typed_word_is_not_also_a_part() -> None:
    terms = query_terms("2018 luật 24/2018/QH14 luật")
    assert [(t.text, t.kind) for t in terms] == [
        ("2018", Kind.WORD), ("luật", Kind.WORD), ("24/2018/qh14", Kind.WORD),
        ("24", Kind.PART), ("qh14", Kind.PART)]


def test_a_query_term_is_exact_when_typed_with_diacritics() -> None:
    lua, dao = query_terms("lừa dao")
    assert lua.exact and not dao.exact


@pytest.mark.parametrize(("folded", "key"), [
    ("lua", "lu"), ("24/2018/qh14", "24"), ("3/2019/nd-cp", "3_"), ("§8", "_8"), ("y", "y"),
    ("ø", "_"),
])
def test_shard_key_is_the_first_two_characters_made_safe_for_a_file_name(
        folded: str, key: str) -> None:
    assert shard_key(folded) == key
