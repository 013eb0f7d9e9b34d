"""The resolve stage against a hand-made catalogue: numbers, names, dates, issuers, parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.catalog.entries import Catalog, Entry
from kb.citations import find_references
from kb.citations.resolve import Context, Problem, resolve_all


def entry(slug: str, anchors: tuple[str, ...] = (), **meta: str) -> Entry:
    return Entry(slug, Path(f"/docs/van-ban/{slug}.md"), {"title": slug, **meta},
                 {anchor: anchor for anchor in anchors})


CATALOG = Catalog({e.slug: e for e in (
    entry("24-2018-qh14", ("dieu-8", "dieu-8-khoan-2", "dieu-8-khoan-2-diem-a"),
          so_hieu="24/2018/QH14", loai_van_ban="Luật", trich_yeu="An ninh mạng",
          ngay_ban_hanh="2018-06-12"),
    entry("116-2025-qh15", ("dieu-2",), so_hieu="116/2025/QH15", loai_van_ban="Luật",
          trich_yeu="An ninh mạng", ngay_ban_hanh="2025-12-10"),
    entry("25-kh-ubnd", so_hieu="25/KH-UBND", co_quan_ban_hanh="Ủy ban nhân dân tỉnh Tuyên Quang",
          ngay_ban_hanh="2020-03-03"),
    entry("25-kh-ubnd-ubnd-tinh-cao-bang-2021", so_hieu="25/KH-UBND",
          co_quan_ban_hanh="Ủy ban nhân dân tỉnh Cao Bằng", ngay_ban_hanh="2021-01-05"),
    entry("3250-qd-ubnd", ("dieu-3",), so_hieu="3250/QĐ-UBND", ngay_ban_hanh="2021-11-24"),
)})

PLAN_2023 = CATALOG.entries["3250-qd-ubnd"]
GUIDE_2026 = entry("cam-nang", ngay_ban_hanh="2026-11-01")


def resolve_text(text: str, context: Context) -> list[tuple[str, str | None, Problem | None]]:
    return [(r.reference.text, r.url(), r.problem)
            for r in resolve_all(find_references(text), CATALOG, context)]


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("theo Luật An ninh mạng số 24/2018/QH14", Context(),
     ("Luật An ninh mạng số 24/2018/QH14", "van-ban/24-2018-qh14/", None)),
    ("điểm a khoản 2 Điều 8 Luật An ninh mạng số 24/2018/QH14", Context(),
     ("điểm a khoản 2 Điều 8", "van-ban/24-2018-qh14/#dieu-8-khoan-2-diem-a", None)),
    ("Quyết định số 3250 /QĐ-UBND", Context(),
     ("Quyết định số 3250 /QĐ-UBND", "van-ban/3250-qd-ubnd/", None)),
    ("Quyet dinh so 3250/QD-UBND", Context(),
     ("Quyet dinh so 3250/QD-UBND", "van-ban/3250-qd-ubnd/", None)),
    ("Luật An ninh mạng ngày 12/6/2018", Context(GUIDE_2026),
     ("Luật An ninh mạng", "van-ban/24-2018-qh14/", None)),
    ("thực hiện Luật An ninh mạng và các văn bản", Context(PLAN_2023),
     ("Luật An ninh mạng", "van-ban/24-2018-qh14/", None)),
    ("thực hiện Luật An ninh mạng và các văn bản", Context(GUIDE_2026),
     ("Luật An ninh mạng", "van-ban/116-2025-qh15/", None)),
    ("Kế hoạch số 25/KH-UBND ngày 03/3/2020 của Ủy ban nhân dân tỉnh Tuyên Quang", Context(),
     ("Kế hoạch số 25/KH-UBND", "van-ban/25-kh-ubnd/", None)),
    ("Kế hoạch số 25/KH-UBND", Context(), ("Kế hoạch số 25/KH-UBND", None, Problem.AMBIGUOUS)),
    ("Nghị định số 13/2023/NĐ-CP", Context(),
     ("Nghị định số 13/2023/NĐ-CP", None, Problem.NOT_IN_LIBRARY)),
    ("Luật An ninh mạng số 24/2018/QH14 ngày 12/6/2019", Context(),
     ("Luật An ninh mạng số 24/2018/QH14", "van-ban/24-2018-qh14/", Problem.DATE_MISMATCH)),
    ("Điều 9 Luật An ninh mạng số 24/2018/QH14", Context(),
     ("Điều 9", "van-ban/24-2018-qh14/#dieu-9", Problem.BROKEN_ANCHOR)),
    ("Như Điều 3;", Context(PLAN_2023), ("Điều 3", "van-ban/3250-qd-ubnd/#dieu-3", None)),
    ("khoản 2 Điều này", Context(CATALOG.entries["24-2018-qh14"], article="8"),
     ("khoản 2 Điều này", "van-ban/24-2018-qh14/#dieu-8-khoan-2", None)),
    ("điểm a khoản này", Context(CATALOG.entries["24-2018-qh14"], article="8", clause="2"),
     ("điểm a khoản này", "van-ban/24-2018-qh14/#dieu-8-khoan-2-diem-a", None)),
    ("theo Điều 40", Context(PLAN_2023), ("Điều 40", "van-ban/3250-qd-ubnd/#dieu-40",
                                         Problem.UNCERTAIN)),
])
def test_reference_resolves_to(text: str, context: Context, expected: tuple) -> None:
    assert resolve_text(text, context)[0] == expected


def test_a_linked_reference_is_one_with_exactly_one_target() -> None:
    resolutions = resolve_all(find_references("Kế hoạch số 25/KH-UBND và Điều 9 Luật An ninh mạng "
                                              "số 24/2018/QH14"), CATALOG, Context())
    assert [r.linked for r in resolutions] == [False, False]
