// Recording pages: pick a party, a person, a document, a meeting or an agenda item by
// name. As the officer types into a field that takes a key (a party's code, a person's,
// document's or agenda item's id, a meeting's number), the field's suggestions are
// asked of the API (GET /api/v1/pick, within what the officer may read) and listed by
// name in the page's language, their key as the value. A meeting is one of the body the
// row refers to; an agenda item one of the agenda rows on the page (as typed) or of the
// meeting as recorded. Without this script the suggestions are the page's own lists.
"use strict";
(() => {
  const form = document.querySelector("form.record");
  if (!form) return;
  const kinds = {
    parties: "party",
    people: "person",
    documents: "document",
    meetings: "meeting",
    "agenda-items": "item",
  };
  const organization = form.dataset.organization || "";
  const lang = form.dataset.lang || "en";
  let timer = null;
  let asked = 0;

  const option = (value, label) => {
    const made = document.createElement("option");
    made.value = value;
    made.label = label;
    return made;
  };

  // The agenda rows on the page, as typed: id and title.
  const typedItems = (typed) => {
    const wanted = typed.toLowerCase();
    const found = [];
    form.querySelectorAll("input[name^='agenda-'][name$='-id']").forEach((input) => {
      const id = input.value.trim();
      const title = form.querySelector(`[name="${input.name.replace(/-id$/, "-title")}"]`);
      const label = title ? title.value.trim() : "";
      if (id && (!wanted || id.toLowerCase().includes(wanted) || label.toLowerCase().includes(wanted))) {
        found.push(option(id, label || id));
      }
    });
    return found;
  };

  const ask = async (input, kind, list) => {
    const typed = input.value.trim();
    const own = kind === "item" ? typedItems(typed) : [];
    if (kind === "item") list.replaceChildren(...own);
    if (typed.length < (kind === "meeting" ? 1 : 2)) return;
    const query = new URLSearchParams({ kind, q: typed, lang, limit: "15" });
    if (organization && kind !== "party") query.set("organization", organization);
    if (kind === "meeting") {
      const target = input.closest("tr")?.querySelector("select[name$='-to']");
      query.set("body", (target && target.value) || form.dataset.body || "");
    }
    if (kind === "item") {
      if (!form.dataset.meeting) return;
      query.set("body", form.dataset.body || "");
      query.set("meeting", form.dataset.meeting);
    }
    const mine = ++asked;
    try {
      const answer = await fetch(`/api/v1/pick?${query}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!answer.ok || mine !== asked) return;
      const { choices } = await answer.json();
      const shown = new Set(own.map((o) => o.value));
      list.replaceChildren(
        ...own,
        ...choices
          .filter((c) => !shown.has(c.value))
          .map((c) =>
            option(c.value, c.detail && c.detail !== c.value ? `${c.label} — ${c.detail}` : c.label),
          ),
      );
    } catch (_) {
      // The page's own list stays: picking by name is a help, never a condition.
    }
  };

  const asking = (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const kind = kinds[input.getAttribute("list") || ""];
    const list = input.list;
    if (!kind || !list) return;
    clearTimeout(timer);
    timer = setTimeout(() => ask(input, kind, list), 150);
  };
  form.addEventListener("input", asking);
  // An agenda item's field offers the page's items as soon as it is entered.
  form.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.getAttribute("list") === "agenda-items") {
      asking(event);
    }
  });
})();
