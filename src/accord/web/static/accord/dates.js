// Recording pages: a date picker for date fields. A field marked data-date="partial"
// takes a full date (2022-08-19) or only what is known (2022-08, 2022): while it holds a
// full date, or nothing, it is the browser's date field with its calendar; a button
// beside it switches to typing a partial date, and back. A field marked data-date="full"
// is always a date field. Without this script every date field is a text field that
// takes all of these.
"use strict";
(() => {
  const form = document.querySelector("form.record");
  if (!form) return;
  const FULL = /^\d{4}-\d{2}-\d{2}$/;
  const pickLabel = form.dataset.pickDate || "Pick a date";
  const partialLabel = form.dataset.partialDate || "Type a partial date";

  const enhance = (input) => {
    if (input.dataset.dateReady) return;
    input.dataset.dateReady = "1";
    const value = input.value.trim();
    const partial = input.dataset.date === "partial";
    if (!partial) {
      if (!value || FULL.test(value)) input.type = "date";
      return;
    }
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "secondary date-toggle";
    const show = () => {
      const picking = input.type === "date";
      toggle.textContent = picking ? partialLabel : pickLabel;
      toggle.setAttribute("aria-pressed", picking ? "false" : "true");
      toggle.hidden = !picking && input.value.trim() !== "" && !FULL.test(input.value.trim());
    };
    toggle.addEventListener("click", () => {
      if (input.type === "date") {
        input.type = "text";
        input.placeholder = "2024-11";
      } else {
        input.type = "date";
        input.removeAttribute("placeholder");
      }
      show();
      input.focus();
    });
    input.addEventListener("input", show);
    if (!value || FULL.test(value)) input.type = "date";
    input.after(toggle);
    show();
  };

  const all = (root) => root.querySelectorAll("input[data-date]").forEach(enhance);
  all(form);
  new MutationObserver((changes) => {
    for (const change of changes) {
      change.addedNodes.forEach((node) => {
        if (node instanceof Element) all(node);
      });
    }
  }).observe(form, { childList: true, subtree: true });
})();
