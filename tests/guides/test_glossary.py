"""The glossary: generated from the definitions of the laws it names, each linked to its clause."""

from __future__ import annotations

from kb.guides import update_guides
from kb.linking import link_library
from tests.guides.conftest import TODAY, Site


def glossary_section(site: Site) -> str:
    text = site.glossary.read_text(encoding="utf-8")
    return text.split("<!-- kb:cam-nang:thuat-ngu -->", 1)[1].split("<!-- kb:cam-nang:het -->")[0]


def test_each_definition_of_the_law_is_a_term_with_its_text_word_for_word(site: Site) -> None:
    report = update_guides(site.docs, site.config, TODAY)
    assert report.errors == []
    section = glossary_section(site)
    assert "## Luật An ninh thử số 20/2025/QH15 {#luat-an-ninh-thu-so-20-2025-qh15}" in section
    assert ("### An ninh thử {#an-ninh-thu}\n\n"
            "An ninh thử là sự bảo đảm thử nghiệm trên không gian thử.\n\n"
            "Nguồn: khoản 1 Điều 2 Luật An ninh thử số 20/2025/QH15.") in section


def test_a_definition_keeps_its_points(site: Site) -> None:
    update_guides(site.docs, site.config, TODAY)
    assert ("### Tấn công thử {#tan-cong-thu}\n\nTấn công thử là hành vi:\n\n"
            "- a) Phá hoại hệ thống thử;\n- b) Gây gián đoạn hệ thống thử.\n\n"
            "Nguồn: khoản 2 Điều 2 Luật An ninh thử số 20/2025/QH15.") in glossary_section(site)


def test_a_single_defining_clause_can_be_named(site: Site) -> None:
    update_guides(site.docs, site.config, TODAY)
    section = glossary_section(site)
    assert "### Sự đồng ý thử {#su-dong-y-thu}" in section
    assert "Sự đồng ý thử phải rõ ràng" not in section  # khoản 2 Điều 9 was not named


def test_kb_link_links_each_term_to_its_clause(site: Site) -> None:
    update_guides(site.docs, site.config, TODAY)
    link_library(site.docs / "van-ban", TODAY)
    section = glossary_section(site)
    assert "Nguồn: [khoản 1 Điều 2](../van-ban/20-2025-qh15.md#dieu-2-khoan-1 " in section
    assert "[khoản 1 Điều 9](../van-ban/20-2025-qh15.md#dieu-9-khoan-1 " in section


def test_a_source_that_is_not_in_the_library_is_an_error(site: Site) -> None:
    text = site.glossary.read_text(encoding="utf-8")
    site.glossary.write_text(text.replace("  - khoản 1 Điều 9 Luật An ninh thử số 20/2025/QH15",
                                          "  - Luật Không có số 99/2099/QH99"), encoding="utf-8")
    report = update_guides(site.docs, site.config, TODAY)
    assert report.errors == [f"{site.glossary}: thuat_ngu: không xác định được một văn bản hoặc "
                             "một khoản trong thư viện từ “Luật Không có số 99/2099/QH99”"]


def test_a_clause_that_defines_nothing_is_an_error(site: Site) -> None:
    text = site.glossary.read_text(encoding="utf-8")
    site.glossary.write_text(text.replace("khoản 1 Điều 9", "khoản 2 Điều 9"), encoding="utf-8")
    report = update_guides(site.docs, site.config, TODAY)
    assert report.errors == [f"{site.glossary}: thuat_ngu: #dieu-9-khoan-2 của Luật An ninh thử "
                             "số 20/2025/QH15 không có dạng “<thuật ngữ> là …”"]
