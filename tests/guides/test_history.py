"""A guide cites the law in force; a replaced law appears only as history, or the check fails."""

from __future__ import annotations

from kb.guides import update_guides
from tests.guides.conftest import TODAY, Site

OLD = "Điều 8 Luật An ninh thử số 10/2018/QH14"


def cite(site: Site, sentence: str) -> None:
    """Add a paragraph to the guide, just under its title (line 13 of the file)."""
    text = site.guide.read_text(encoding="utf-8")
    site.guide.write_text(text.replace("# Phòng tránh lừa đảo thử\n",
                                       f"# Phòng tránh lừa đảo thử\n\n{sentence}\n", 1),
                          encoding="utf-8")


def test_a_guide_citing_a_replaced_law_fails_naming_the_page_and_the_link(site: Site) -> None:
    cite(site, f"Hành vi này bị nghiêm cấm theo {OLD}.")
    report = update_guides(site.docs, site.config, TODAY)
    assert report.errors == [
        f"{site.guide}:13: liên kết tới “Điều 8” (van-ban/10-2018-qh14/#dieu-8): Luật An ninh thử "
        "số 10/2018/QH14 đã hết hiệu lực từ 01/7/2026; hãy dẫn chiếu văn bản đang có hiệu lực, "
        "hoặc ghi rõ đây là lịch sử (“Trước ngày 01/7/2026, …”)"]


def test_a_sentence_marked_as_history_may_cite_the_replaced_law(site: Site) -> None:
    cite(site, f"Trước ngày 01/7/2026, {OLD} quy định hành vi này. Luật An ninh thử số "
               "10/2018/QH14 đã được thay thế.")
    assert update_guides(site.docs, site.config, TODAY).errors == []


def test_a_history_date_after_the_law_ceased_does_not_mark_history(site: Site) -> None:
    cite(site, f"Trước ngày 01/01/2030, {OLD} quy định hành vi này.")
    assert len(update_guides(site.docs, site.config, TODAY).errors) == 1


def test_the_mark_counts_only_in_the_sentence_of_the_link(site: Site) -> None:
    cite(site, f"Trước ngày 01/7/2026, luật khác áp dụng. Nay {OLD} quy định hành vi này.")
    assert len(update_guides(site.docs, site.config, TODAY).errors) == 1


def test_a_hand_written_link_to_a_replaced_law_fails_too(site: Site) -> None:
    cite(site, "Xem [luật cũ](../van-ban/10-2018-qh14.md#dieu-8).")
    errors = update_guides(site.docs, site.config, TODAY).errors
    assert len(errors) == 1
    assert errors[0].startswith(f"{site.guide}:13: liên kết tới “luật cũ” "
                                "(van-ban/10-2018-qh14/#dieu-8)")


def test_before_the_new_law_took_effect_the_old_one_may_be_cited(site: Site) -> None:
    cite(site, f"Hành vi này bị nghiêm cấm theo {OLD}.")
    assert update_guides(site.docs, site.config, TODAY.replace(month=6)).errors == []
