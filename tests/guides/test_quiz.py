"""The quiz syntax of a guide: parsed from its Markdown, every bad question an error with file:line."""

from __future__ import annotations

from click.testing import CliRunner

from kb.cli import main
from kb.guides.quiz import check_quiz, parse_quiz
from tests.guides.conftest import Site

QUIZ = """---
title: Thử
---

# Thử

## Tự kiểm tra {#tu-kiem-tra}

Chọn một đáp án.

1. Câu thứ nhất?

    - [ ] Sai.
    - [x] Đúng, với [một liên kết](#thu).
    - [ ] Cũng sai.

    > Giải thích: Vì thế này.
    > Và thế kia.

2. Câu thứ hai?

    - [x] Đúng.
    - [ ] Sai.

    > Giải thích: Xem khoản 1 Điều 7 Luật An ninh thử.

## Mục sau {#muc-sau}

- [x] Một danh sách kiểm tra ngoài phần tự kiểm tra không phải câu hỏi.
"""


def replace(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_questions_choices_and_explanations_are_read_from_the_markdown() -> None:
    quiz = parse_quiz(QUIZ)
    assert quiz is not None and quiz.line == 7 and quiz.problems == []
    first, second = quiz.questions
    assert (first.number, first.line, first.text) == (1, 11, "Câu thứ nhất?")
    assert [c.text for c in first.choices] == ["Sai.", "Đúng, với [một liên kết](#thu).",
                                               "Cũng sai."]
    assert first.answer == 1 and second.answer == 0
    assert first.explanation == "Vì thế này. Và thế kia."
    assert check_quiz("docs/cam-nang/thu.md", QUIZ) == []


def test_question_without_a_right_answer_is_an_error_with_file_and_line() -> None:
    text = replace(QUIZ, "    - [x] Đúng.", "    - [ ] Đúng.")
    assert check_quiz("docs/cam-nang/thu.md", text) == [
        "docs/cam-nang/thu.md:20: câu hỏi 2 không có đáp án đúng (đánh dấu “- [x]”)"]


def test_question_with_two_right_answers_is_an_error_with_file_and_line() -> None:
    text = replace(QUIZ, "    - [ ] Cũng sai.", "    - [X] Cũng sai.")
    assert check_quiz("docs/cam-nang/thu.md", text) == [
        "docs/cam-nang/thu.md:11: câu hỏi 1 có 2 đáp án đúng"]


def test_question_without_an_explanation_is_an_error_with_file_and_line() -> None:
    text = replace(QUIZ, "    > Giải thích: Xem khoản 1 Điều 7 Luật An ninh thử.\n", "")
    assert check_quiz("docs/cam-nang/thu.md", text) == [
        "docs/cam-nang/thu.md:20: câu hỏi 2 thiếu lời giải thích (dòng “> Giải thích: …”)"]


def test_empty_explanation_and_a_single_choice_are_errors() -> None:
    text = replace(QUIZ, "    > Giải thích: Vì thế này.\n    > Và thế kia.", "    > Giải thích:")
    text = replace(text, "    - [ ] Sai.\n\n    > Giải thích: Xem", "\n    > Giải thích: Xem")
    assert check_quiz("thu.md", text) == [
        "thu.md:11: câu hỏi 1 thiếu lời giải thích (dòng “> Giải thích: …”)",
        "thu.md:19: câu hỏi 2 cần ít nhất 2 lựa chọn “- [ ] …”"]


def test_choices_not_indented_under_their_question_are_errors() -> None:
    text = replace(QUIZ, "    - [ ] Cũng sai.", "  - [ ] Cũng sai.")
    text = replace(text, "    - [ ] Sai.\n\n    > Giải thích: Xem",
                   "    - [ ] Sai.\n\nMột đoạn lạc.\n\n    > Giải thích: Xem")
    assert check_quiz("thu.md", text) == [
        "thu.md:15: lựa chọn phải thụt lề 4 dấu cách dưới câu hỏi (đang là 2)",
        "thu.md:25: dòng không thuộc câu hỏi nào; lựa chọn và lời giải thích của câu hỏi 2 phải "
        "thụt lề 4 dấu cách"]


def test_guide_without_a_quiz_or_without_questions_is_an_error() -> None:
    assert check_quiz("thu.md", "# Thử\n\nChưa có gì.\n") == [
        "thu.md: cẩm nang chưa có phần “## Tự kiểm tra”"]
    assert check_quiz("thu.md", "# Thử\n\n## Tự kiểm tra\n\nSắp có.\n") == [
        "thu.md:3: phần Tự kiểm tra chưa có câu hỏi nào"]


def test_a_bad_question_fails_kb_guides_with_the_line_of_the_written_file(site: Site) -> None:
    text = replace(site.guide.read_text(encoding="utf-8"), "    - [x] Không chuyển.",
                   "    - [ ] Không chuyển.")
    site.guide.write_text(text, encoding="utf-8")
    arguments = ["guides", "--docs", str(site.docs), "--config", str(site.config),
                 "--today", "2026-11-23"]
    for check in ([], ["--check"]):
        result = CliRunner().invoke(main, arguments + check)
        assert result.exit_code == 1
        written = site.guide.read_text(encoding="utf-8").split("\n")
        line = written.index("1. Người lạ đòi chuyển tiền. Bạn làm gì?") + 1
        assert line > 18  # after the contacts section, written above the quiz
        assert f"LỖI {site.guide}:{line}: câu hỏi 1 không có đáp án đúng" in result.output
