// Recording pages: a row shows the fields that go with the value chosen in a select
// marked data-shows, those of its cell marked data-when: a participant's attendance
// facts (the reason for an absence only for the absent, the level only for one
// represented at another level, joining late or leaving early for all but the absent),
// a decision's counts of votes for a vote only. A field that holds something stays
// shown, so nothing typed is hidden. Without this script every field is shown.
"use strict";
(() => {
  const form = document.querySelector("form.record");
  if (!form) return;

  const holds = (part) =>
    Array.from(part.querySelectorAll("input, select, textarea")).some(
      (el) => el.value.trim() !== "" || el.getAttribute("aria-invalid") === "true",
    );

  const relevant = (when, value) => (when.startsWith("-") ? value !== when.slice(1) : value === when);

  const show = (select) => {
    const cell = select.closest("td");
    if (!cell) return;
    cell.querySelectorAll("[data-when]").forEach((part) => {
      part.hidden = !relevant(part.dataset.when, select.value) && !holds(part);
    });
  };

  const all = (root) => root.querySelectorAll("select[data-shows]").forEach(show);
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.matches("[data-shows]")) {
      show(event.target);
    }
  });
  all(form);
  new MutationObserver((changes) => {
    for (const change of changes) {
      change.addedNodes.forEach((node) => {
        if (node instanceof Element) all(node);
      });
    }
  }).observe(form, { childList: true, subtree: true });
})();
