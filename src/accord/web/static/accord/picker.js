// Recording pages: pick a party, a person or a document by name. As the officer types
// into a field that takes a key (a party's code, a person's or document's id), the
// field's suggestions are asked of the API (GET /api/v1/pick, within what the officer
// may read) and listed by name in the page's language, their key as the value. Without
// this script the suggestions are the page's own lists.
"use strict";
(() => {
  const form = document.querySelector("form.record");
  if (!form) return;
  const kinds = { parties: "party", people: "person", documents: "document" };
  const organization = form.dataset.organization || "";
  const lang = form.dataset.lang || "en";
  let timer = null;
  let asked = 0;

  const ask = async (input, kind, list) => {
    const typed = input.value.trim();
    if (typed.length < 2) return;
    const query = new URLSearchParams({ kind, q: typed, lang, limit: "15" });
    if (organization && kind !== "party") query.set("organization", organization);
    const mine = ++asked;
    try {
      const answer = await fetch(`/api/v1/pick?${query}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!answer.ok || mine !== asked) return;
      const { choices } = await answer.json();
      list.replaceChildren(
        ...choices.map((c) => {
          const option = document.createElement("option");
          option.value = c.value;
          option.label = c.detail && c.detail !== c.value ? `${c.label} — ${c.detail}` : c.label;
          return option;
        }),
      );
    } catch (_) {
      // The page's own list stays: picking by name is a help, never a condition.
    }
  };

  form.addEventListener("input", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const kind = kinds[input.getAttribute("list") || ""];
    const list = input.list;
    if (!kind || !list) return;
    clearTimeout(timer);
    timer = setTimeout(() => ask(input, kind, list), 150);
  });
})();
