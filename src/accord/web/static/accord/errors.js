// Recording pages: when a save comes back refused, the error summary at the top takes
// the focus (a keyboard or screen reader user starts from the list of what to correct),
// and each of its links moves the focus to the field it names, not only the view.
"use strict";
(() => {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
    if (!link) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "center" });
    if (target.tabIndex < 0 && !target.matches("input, select, textarea, button")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });
})();
