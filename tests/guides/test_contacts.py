"""Where to report: rendered into every guide from the settings of mkdocs.yml, never invented."""

from __future__ import annotations

from pathlib import Path

from kb.guides import update_guides
from kb.guides.contacts import read_settings, render_contacts
from tests.guides.conftest import TODAY, Site

SETTINGS = {
    "cong_an": {"ten": "Công an tỉnh Thử", "duong_day_nong": "0200 000 000",
                "dia_chi": "Số 1 đường Thử"},
    "co_quan_chuyen_mon": {"ten": "Sở Thử", "thu_dien_tu": "hotro@thu.gov.vn"},
    "ung_cuu_su_co": {"dien_thoai": "(0200) 111 222"},
    "zalo": {"ten": "Tỉnh Thử", "duong_dan": "https://zalo.example/thu"},
}


def test_every_set_channel_is_rendered_with_links_to_call_write_or_open() -> None:
    contacts = render_contacts(SETTINGS, "mkdocs.yml")
    assert contacts.errors == [] and contacts.warnings == []
    text = "\n".join(contacts.lines)
    assert "## Trình báo ở đâu {#trinh-bao}" in text
    assert "**[113](tel:113)** (Công an)" in text
    assert "- **Công an tỉnh Thử** — tiếp nhận tin báo" in text
    assert "    - Đường dây nóng: [0200 000 000](tel:0200000000)" in text
    assert "    - Địa chỉ: Số 1 đường Thử" in text
    assert "    - Thư điện tử: [hotro@thu.gov.vn](mailto:hotro@thu.gov.vn)" in text
    assert "- **Đầu mối ứng cứu sự cố an ninh mạng của tỉnh** —" in text  # the default name
    assert "    - Điện thoại: [(0200) 111 222](tel:0200111222)" in text
    assert "    - Địa chỉ: <https://zalo.example/thu>" in text
    assert "chưa cấu hình" not in text


def test_an_unset_channel_gives_the_general_advice_and_a_visible_note() -> None:
    contacts = render_contacts({}, "mkdocs.yml")
    text = "\n".join(contacts.lines)
    assert ("- **Công an tỉnh** — tiếp nhận tin báo lừa đảo, chiếm đoạt tài sản, xâm nhập tài "
            "khoản, tin giả: Liên hệ Công an xã, phường nơi gần nhất. "
            '<span class="kb-chua-cau-hinh">(Thông tin liên hệ của tỉnh chưa cấu hình.)</span>'
            ) in text
    assert len(contacts.warnings) == 4
    assert contacts.warnings[0].startswith("mkdocs.yml: chưa cấu hình extra.lien_he.cong_an")
    assert "tel:" not in text.replace("tel:113", "")  # no number but the national 113


def test_a_setting_that_is_not_a_phone_number_or_a_web_address_is_an_error() -> None:
    contacts = render_contacts({"cong_an": {"duong_day_nong": "gọi tổng đài"},
                                "zalo": {"duong_dan": "zalo.example/thu"}}, "mkdocs.yml")
    assert contacts.errors == [
        "mkdocs.yml: extra.lien_he.cong_an.duong_day_nong không hợp lệ: “gọi tổng đài”",
        "mkdocs.yml: extra.lien_he.zalo.duong_dan không hợp lệ: “zalo.example/thu”"]


def test_settings_are_read_from_a_mkdocs_yml_with_python_tags(site: Site) -> None:
    assert read_settings(site.config) == {"cong_an": {
        "ten": "Công an tỉnh Thử", "duong_day_nong": "0200 000 000", "dia_chi": "Số 1 đường Thử"}}


def test_a_site_without_settings_has_none(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Thử\n", encoding="utf-8")
    assert read_settings(config) == {}


def test_every_guide_gets_the_section_before_its_quiz(site: Site) -> None:
    update_guides(site.docs, site.config, TODAY)
    guide = site.guide.read_text(encoding="utf-8")
    assert guide.index("(khoản 1 Điều 7 Luật An ninh thử).") < guide.index(
        "<!-- kb:cam-nang:lien-he -->\n\n## Trình báo ở đâu") < guide.index(
        "<!-- kb:cam-nang:het -->\n\n## Tự kiểm tra")
    assert "[0200 000 000](tel:0200000000)" in guide
    assert "Trình báo ở đâu" not in site.glossary.read_text(encoding="utf-8")  # not a guide


def test_changed_settings_replace_the_section_in_place(site: Site) -> None:
    update_guides(site.docs, site.config, TODAY)
    site.config.write_text(site.config.read_text(encoding="utf-8").replace(
        "0200 000 000", "0200 999 999"), encoding="utf-8")
    update_guides(site.docs, site.config, TODAY)
    guide = site.guide.read_text(encoding="utf-8")
    assert "[0200 999 999](tel:0200999999)" in guide and "0200 000 000" not in guide
    assert guide.count("<!-- kb:cam-nang:lien-he -->") == 1
