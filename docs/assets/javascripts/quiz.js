/*
 * The self-check quiz of a guide (docs/cam-nang, section "Tự kiểm tra"), loaded by
 * overrides/guide.html on the guides only.
 *
 * The quiz is Markdown, checked at build time by kb.guides.quiz: a numbered list of
 * questions, each with task-list choices ("- [x]" marks the right one) and a quote that
 * starts "Giải thích:". Without JavaScript it reads as an answer sheet. This script turns
 * it into a form: one group of radio buttons per question and a "Chấm điểm" button that
 * marks every answer, shows the explanations (with their links to the guide and the law)
 * and the score. Nothing is sent or stored: the quiz runs entirely in the page.
 */
(function () {
  "use strict";

  var HEADING_ID = "tu-kiem-tra";

  function directChild(element, selector) {
    return Array.prototype.find.call(element.children, function (child) {
      return child.matches(selector);
    }) || null;
  }

  /** Move the child nodes of the given nodes (or the nodes themselves) into `target`. */
  function moveContent(nodes, target) {
    nodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "P") {
        while (node.firstChild) target.appendChild(node.firstChild);
      } else {
        target.appendChild(node);
      }
    });
    return target;
  }

  /** A question of the rendered list, or null when it is not in the quiz's shape. */
  function readQuestion(item) {
    var list = directChild(item, "ul.task-list");
    var explanation = directChild(item, "blockquote");
    if (!list || !explanation) return null;
    var choices = Array.prototype.map.call(list.children, function (choice) {
      var box = choice.querySelector("input[type=checkbox]");
      return { item: choice, box: box, right: Boolean(box && box.checked) };
    });
    var right = choices.filter(function (choice) { return choice.right; });
    if (choices.length < 2 || right.length !== 1) return null;
    var prompt = Array.prototype.filter.call(item.childNodes, function (node) {
      return node !== list && node !== explanation;
    });
    return { prompt: prompt, choices: choices, explanation: explanation };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildQuestion(question, number) {
    var name = "kb-quiz-" + number;
    var fieldset = element("fieldset", "kb-quiz__cau-hoi");
    var legend = element("legend");
    legend.appendChild(element("span", "kb-quiz__so", "Câu " + number + ". "));
    fieldset.appendChild(moveContent(question.prompt, legend));
    question.choices.forEach(function (choice, index) {
      var row = element("div", "kb-quiz__lua-chon");
      var input = element("input");
      input.type = "radio";
      input.name = name;
      input.id = name + "-" + index;
      input.value = String(index);
      if (choice.box) choice.box.remove();
      var label = moveContent(Array.prototype.slice.call(choice.item.childNodes),
                              element("label"));
      label.htmlFor = input.id;
      row.appendChild(input);
      row.appendChild(label);
      fieldset.appendChild(row);
      if (choice.right) fieldset.dataset.dapAn = String(index);
    });
    var result = element("div", "kb-quiz__ket-qua");
    result.hidden = true;
    result.appendChild(element("p", "kb-quiz__nhan-xet"));
    result.appendChild(question.explanation);
    fieldset.appendChild(result);
    return fieldset;
  }

  /** Mark one question; true when it was answered right. */
  function mark(fieldset) {
    var rows = fieldset.querySelectorAll(".kb-quiz__lua-chon");
    var right = Number(fieldset.dataset.dapAn);
    var chosen = fieldset.querySelector("input:checked");
    var answer = chosen ? Number(chosen.value) : -1;
    rows.forEach(function (row, index) {
      row.classList.toggle("kb-quiz__lua-chon--dung", index === right);
      row.classList.toggle("kb-quiz__lua-chon--sai", index === answer && answer !== right);
    });
    var verdict = fieldset.querySelector(".kb-quiz__nhan-xet");
    var rightText = rows[right].querySelector("label").textContent.trim();
    if (answer === right) {
      verdict.textContent = "Đúng.";
    } else {
      verdict.textContent = (answer < 0 ? "Bạn chưa chọn đáp án. " : "Chưa đúng. ") +
        "Đáp án đúng: " + rightText;
    }
    verdict.dataset.ketQua = answer === right ? "dung" : "sai";
    fieldset.querySelector(".kb-quiz__ket-qua").hidden = false;
    return answer === right;
  }

  function buildQuiz(list) {
    var questions = Array.prototype.map.call(list.children, readQuestion);
    if (!questions.length || questions.indexOf(null) !== -1) return;
    var form = element("form", "kb-quiz");
    form.noValidate = true;
    questions.forEach(function (question, index) {
      form.appendChild(buildQuestion(question, index + 1));
    });
    var actions = element("div", "kb-quiz__nut");
    var check = element("button", "md-button md-button--primary", "Chấm điểm");
    check.type = "submit";
    var again = element("button", "md-button", "Làm lại");
    again.type = "reset";
    actions.appendChild(check);
    actions.appendChild(again);
    form.appendChild(actions);
    var score = element("p", "kb-quiz__diem");
    score.setAttribute("role", "status");
    form.appendChild(score);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fieldsets = form.querySelectorAll(".kb-quiz__cau-hoi");
      var right = Array.prototype.filter.call(fieldsets, mark).length;
      score.textContent = "Bạn trả lời đúng " + right + "/" + fieldsets.length + " câu." +
        (right === fieldsets.length ? " Rất tốt!" : " Đọc lời giải thích dưới mỗi câu.");
    });
    form.addEventListener("reset", function () {
      form.querySelectorAll(".kb-quiz__ket-qua").forEach(function (result) {
        result.hidden = true;
      });
      form.querySelectorAll(".kb-quiz__lua-chon").forEach(function (row) {
        row.classList.remove("kb-quiz__lua-chon--dung", "kb-quiz__lua-chon--sai");
      });
      score.textContent = "";
    });
    list.replaceWith(form);
  }

  function init() {
    var heading = document.getElementById(HEADING_ID);
    if (!heading || heading.dataset.kbQuiz) return;
    heading.dataset.kbQuiz = "san-sang";
    for (var node = heading.nextElementSibling; node && node.tagName !== "H2";
         node = node.nextElementSibling) {
      if (node.tagName === "OL") {
        buildQuiz(node);
        return;
      }
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
