"""The self-check quiz of a guide: its Markdown syntax, parsed and checked at build time.

A quiz is written in the guide itself, under the heading ``## Tự kiểm tra``, as plain
Markdown that reads well even without JavaScript::

    ## Tự kiểm tra {#tu-kiem-tra}

    1. Người gọi xưng là cán bộ Công an và bảo bạn chuyển tiền. Bạn làm gì?

        - [ ] Chuyển tiền để được "minh oan".
        - [x] Dừng cuộc gọi và tự liên hệ Công an nơi gần nhất.

        > Giải thích: … (điểm đ khoản 2 Điều 7 Luật An ninh mạng).

Each question is an item of a numbered list; its choices are task-list items indented by
four spaces, the right one marked ``[x]``; its explanation is a quote that starts with
"Giải thích:" and may link to the guide and cite the law (``kb link`` turns the citation
into a link). ``quiz.js`` makes the list interactive in the browser. A question a reader
could not answer — no right choice, two of them, no explanation — is an error with the
file and line, so that a bad question fails the build instead of misleading a reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = "## Tự kiểm tra"
INDENT = " " * 4

_HEADING = re.compile(rf"^{re.escape(HEADING)}\b")
_SECTION_END = re.compile(r"^(?:#{1,2} |<!-- kb:)")
_QUESTION = re.compile(r"^\d+\. +(?P<text>\S.*)$")
_CHOICE = re.compile(r"^(?P<indent> *)- \[(?P<mark>[ xX])\] +(?P<text>\S.*)$")
_EXPLANATION = re.compile(r"^(?P<indent> *)> ?Giải thích:\s*(?P<text>.*)$")
_QUOTE = re.compile(rf"^{INDENT}>\s?(?P<text>.*)$")


@dataclass
class Choice:
    line: int
    text: str
    right: bool


@dataclass
class Question:
    """One question: its line in the file, its text, choices and explanation."""

    number: int
    line: int
    text: str
    choices: list[Choice] = field(default_factory=list)
    explanation: str | None = None

    @property
    def answer(self) -> int | None:
        """The index of the one right choice, None unless exactly one is marked."""
        right = [index for index, choice in enumerate(self.choices) if choice.right]
        return right[0] if len(right) == 1 else None


@dataclass
class Quiz:
    """The questions of a guide's "Tự kiểm tra" section and what is wrong with them."""

    line: int
    questions: list[Question] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def _section(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) line indexes of the quiz section, heading included; None without one."""
    first = next((i for i, line in enumerate(lines) if _HEADING.match(line)), None)
    if first is None:
        return None
    end = next((i for i in range(first + 1, len(lines)) if _SECTION_END.match(lines[i])),
               len(lines))
    return first, end


def parse_quiz(text: str) -> Quiz | None:
    """The quiz of a page's Markdown (front matter included, for line numbers), if any."""
    lines = text.split("\n")
    bounds = _section(lines)
    if bounds is None:
        return None
    first, end = bounds
    quiz = Quiz(first + 1)
    current: Question | None = None
    in_explanation = False
    for index in range(first + 1, end):
        line, number = lines[index], index + 1
        if not line.strip():
            continue
        if question := _QUESTION.match(line):
            current = Question(len(quiz.questions) + 1, number, question["text"])
            quiz.questions.append(current)
            in_explanation = False
        elif current is None:
            continue  # an introduction before the first question
        elif choice := _CHOICE.match(line):
            _expect_indent(quiz, number, choice["indent"], "lựa chọn")
            current.choices.append(Choice(number, choice["text"], choice["mark"] != " "))
            in_explanation = False
        elif explanation := _EXPLANATION.match(line):
            _expect_indent(quiz, number, explanation["indent"], "lời giải thích")
            current.explanation = explanation["text"].strip()
            in_explanation = True
        elif in_explanation and (quote := _QUOTE.match(line)):
            current.explanation = f"{current.explanation} {quote['text'].strip()}".strip()
        elif not line.startswith(INDENT):
            quiz.problems.append((number, f"dòng không thuộc câu hỏi nào; lựa chọn và lời giải "
                                          f"thích của câu hỏi {current.number} phải thụt lề "
                                          f"{len(INDENT)} dấu cách"))
    return quiz


def _expect_indent(quiz: Quiz, number: int, indent: str, what: str) -> None:
    if indent != INDENT:
        quiz.problems.append((number, f"{what} phải thụt lề {len(INDENT)} dấu cách dưới câu hỏi "
                                      f"(đang là {len(indent)})"))


def _question_problems(question: Question) -> list[str]:
    problems = []
    right = sum(choice.right for choice in question.choices)
    if len(question.choices) < 2:
        problems.append("cần ít nhất 2 lựa chọn “- [ ] …”")
    if right == 0:
        problems.append("không có đáp án đúng (đánh dấu “- [x]”)")
    elif right > 1:
        problems.append(f"có {right} đáp án đúng")
    if not question.explanation:
        problems.append("thiếu lời giải thích (dòng “> Giải thích: …”)")
    return problems


def check_quiz(where: str, text: str) -> list[str]:
    """What is wrong with the quiz of a guide, each as "file:line: message"."""
    quiz = parse_quiz(text)
    if quiz is None:
        return [f"{where}: cẩm nang chưa có phần “{HEADING}”"]
    found = list(quiz.problems)
    if not quiz.questions:
        found.append((quiz.line, "phần Tự kiểm tra chưa có câu hỏi nào"))
    for question in quiz.questions:
        found += [(question.line, f"câu hỏi {question.number} {problem}")
                  for problem in _question_problems(question)]
    return [f"{where}:{line}: {message}" for line, message in sorted(found)]
