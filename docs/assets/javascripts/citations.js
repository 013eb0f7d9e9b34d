/*
 * Permalinks and "copy citation" for every article, clause and point.
 *
 * The anchors (dieu-8, dieu-8-khoan-2, dieu-8-khoan-2-diem-a, diem-dd for "đ")
 * are written by the importer from the official numbers; the document's own
 * citation name ("Luật An ninh mạng số 24/2018/QH14") is in the page's header
 * block (data-citation). This script only presents them: a ¶ link on clause and
 * point paragraphs (headings already have Material's), and a button that copies
 * "Điểm a khoản 2 Điều 8 Luật An ninh mạng số 24/2018/QH14" with the URL.
 */
(function () {
  "use strict";

  var UNIT = /^dieu-([0-9]+[a-z]?)(?:-khoan-([0-9]+))?(?:-diem-([a-z]+))?$/;

  /** "dieu-8-khoan-2-diem-dd" → "Điểm đ khoản 2 Điều 8"; null for other anchors. */
  function unitCitation(id) {
    var match = UNIT.exec(id);
    if (!match) return null;
    var parts = [];
    if (match[3]) parts.push("điểm " + (match[3] === "dd" ? "đ" : match[3]));
    if (match[2]) parts.push("khoản " + match[2]);
    parts.push("Điều " + match[1]);
    var text = parts.join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function pageUrl(id) {
    return window.location.href.split("#")[0] + "#" + id;
  }

  /** Copy with the Clipboard API, or the older way on a portal served over plain http. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function citeButton(id, citation) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-cite";
    button.textContent = "Trích dẫn";
    button.setAttribute("aria-label", "Sao chép trích dẫn: " + citation);
    button.title = "Sao chép trích dẫn kèm đường dẫn";
    button.addEventListener("click", function () {
      copy(citation + "\n" + pageUrl(id)).then(
        function () { button.textContent = "Đã sao chép"; },
        function () { button.textContent = "Không sao chép được"; }
      );
      window.setTimeout(function () { button.textContent = "Trích dẫn"; }, 2000);
    });
    return button;
  }

  function permalink(id, label) {
    var link = document.createElement("a");
    link.className = "kb-permalink";
    link.href = "#" + id;
    link.textContent = "¶";
    link.setAttribute("aria-label", "Liên kết cố định đến " + label);
    return link;
  }

  function decorate() {
    var header = document.querySelector(".vb-thong-tin[data-citation]");
    var documentName = header ? header.getAttribute("data-citation") : "";
    var units = document.querySelectorAll(".md-typeset [id]");
    units.forEach(function (element) {
      if (element.querySelector(".kb-cite, .kb-permalink")) return;
      var unit = unitCitation(element.id);
      var isParagraph = element.tagName === "P";
      if (!unit && !(isParagraph && element.id.indexOf("muc-") !== -1)) return;
      var label = unit || element.id;
      if (isParagraph) element.appendChild(permalink(element.id, label));
      if (unit && documentName) {
        element.appendChild(citeButton(element.id, unit + " " + documentName));
      }
    });
    highlightTarget();
  }

  /** Open the unit a link points to: scroll it into view and let CSS mark it (:target). */
  function highlightTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) target.scrollIntoView({ block: "start" });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(decorate);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", decorate);
  } else {
    decorate();
  }
})();
