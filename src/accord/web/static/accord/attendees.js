// Recording pages: who attended a session is picked among the meeting's participants,
// as the participant rows of the page name them (those typed too), one checkbox each.
// Ticking one writes its name into the session's text field (`KZ`, `person-id` or
// `KZ:person-id`), which is what is sent; a name typed there that no row gives stays,
// and the text field is then shown. A participant marked absent is not offered.
// Without this script the text field is typed.
"use strict";
(() => {
  const form = document.querySelector("form.record");
  if (!form) return;
  const section = (prefix) => document.getElementById(`${prefix}-heading`)?.closest("section");

  const words = (value) => value.replace(/,/g, " ").split(/\s+/).filter(Boolean);

  // The names of the page's own lists, read once (the picker replaces their options
  // with the suggestions for what is being typed).
  const names = {};
  for (const list of ["parties", "people"]) {
    names[list] = new Map(
      Array.from(document.querySelectorAll(`datalist#${list} option`)).map((o) => [
        o.value,
        (o.label || o.textContent).trim(),
      ]),
    );
  }
  const nameOf = (list, value) => names[list].get(value) || value;

  // The participants as the page names them, in their order: [token, label].
  const participants = () => {
    const rows = section("participants")?.querySelectorAll("tbody tr[data-row]") || [];
    const found = new Map();
    rows.forEach((row) => {
      const value = (part) => row.querySelector(`[name$="-${part}"]`)?.value.trim() || "";
      if (row.querySelector('[name$="-DELETE"]')?.checked) return;
      // One absent from the meeting attended none of its sessions.
      if (row.querySelector('[name$="-attendance"]')?.value === "absent") return;
      const party = value("party").toUpperCase();
      const person = value("person");
      if (!party && !person) return;
      const token = party && person ? `${party}:${person}` : party || person;
      const label = [party && nameOf("parties", party), person && nameOf("people", person)]
        .filter(Boolean)
        .join(" — ");
      if (!found.has(token)) found.set(token, label);
    });
    return found;
  };

  const picker = (field) => {
    let box = field.parentElement.querySelector("fieldset.attendees");
    if (!box) {
      box = document.createElement("fieldset");
      box.className = "attendees";
      field.before(box);
    }
    return box;
  };

  const draw = (field, people) => {
    const box = picker(field);
    const chosen = new Set(words(field.value));
    // The box is named as the text field is: "Who attended", its row for a reader only.
    const named = form.querySelector(`label[for="${field.id}"]`);
    box.replaceChildren();
    const legend = document.createElement("legend");
    legend.append(...Array.from(named?.childNodes || [], (node) => node.cloneNode(true)));
    box.append(legend);
    if (named) box.setAttribute("aria-label", named.textContent.trim());
    if (people.size === 0) {
      const none = document.createElement("p");
      none.className = "muted";
      none.textContent = form.dataset.noParticipants || "";
      box.append(none);
    }
    people.forEach((label, token) => {
      const item = document.createElement("label");
      item.className = "attendee";
      const tick = document.createElement("input");
      tick.type = "checkbox";
      tick.value = token;
      tick.checked = chosen.has(token);
      tick.dataset.attendee = "";
      item.append(tick, ` ${label}`);
      box.append(item);
    });
    // Shown where it holds a name no row gives, or was refused: nothing is hidden.
    const unknown = words(field.value).some((word) => !people.has(word));
    const refused = field.getAttribute("aria-invalid") === "true";
    field.hidden = !(unknown || refused);
    // The text field, shown, is named by the box's legend: its label is read, not shown.
    named?.classList.add("visually-hidden");
    named?.toggleAttribute("hidden", field.hidden);
  };

  const sessionFields = () => section("sessions")?.querySelectorAll("textarea[data-attendees]") || [];
  const drawAll = () => {
    const people = participants();
    sessionFields().forEach((field) => draw(field, people));
  };

  form.addEventListener("change", (event) => {
    const tick = event.target;
    if (!(tick instanceof HTMLInputElement) || !tick.matches("[data-attendee]")) return;
    const field = tick.closest("td")?.querySelector("textarea[data-attendees]");
    if (!field) return;
    const people = participants();
    const ticked = new Set(
      Array.from(tick.closest("fieldset").querySelectorAll("input[data-attendee]:checked")).map((t) => t.value),
    );
    // Names typed that no row gives are kept, then the ticked ones in the rows' order.
    const kept = words(field.value).filter((word) => !people.has(word));
    field.value = [...kept, ...Array.from(people.keys()).filter((token) => ticked.has(token))].join(" ");
  });
  // The participant rows change: the boxes follow (ticks kept, as the text field says).
  const participantsSection = section("participants");
  participantsSection?.addEventListener("change", drawAll);
  participantsSection?.addEventListener("input", (event) => {
    if (event.target instanceof HTMLInputElement && /-(party|person)$/.test(event.target.name)) drawAll();
  });
  drawAll();
  new MutationObserver((changes) => {
    if (changes.some((c) => Array.from(c.addedNodes).some((n) => n instanceof Element && n.matches("tr[data-row]")))) {
      drawAll();
    }
  }).observe(form, { childList: true, subtree: true });
})();
