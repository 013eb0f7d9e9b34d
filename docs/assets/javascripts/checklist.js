/*
 * The checklists of a guide ("Mang theo khi đi trình báo": task-list items "- [ ] …"),
 * loaded by overrides/guide.html on the guides only.
 *
 * Markdown renders them as disabled, unlabelled checkboxes: a picture of a checklist.
 * This script makes them a checklist a reader can tick on the phone while getting ready,
 * each box labelled by its item's text. Nothing is stored. The quiz's choices are task
 * lists too, inside the numbered list of questions: quiz.js handles those.
 */
(function () {
  "use strict";

  function enable() {
    var lists = document.querySelectorAll(".md-typeset ul.task-list");
    Array.prototype.forEach.call(lists, function (list, listIndex) {
      if (list.closest("ol") || list.dataset.kbChecklist) return;
      list.dataset.kbChecklist = "san-sang";
      list.classList.add("kb-checklist");
      Array.prototype.forEach.call(list.children, function (item, index) {
        var box = item.querySelector(":scope > input[type=checkbox]");
        if (!box) return;
        box.disabled = false;
        box.id = "kb-checklist-" + listIndex + "-" + index;
        var label = document.createElement("label");
        label.htmlFor = box.id;
        while (box.nextSibling) label.appendChild(box.nextSibling);
        item.appendChild(label);
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enable);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enable);
  } else {
    enable();
  }
})();
