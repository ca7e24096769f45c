// Recording pages: rows added in place and agenda items reordered, without reloading
// the page. Without this script the form works as before: "Add a row" asks the server
// for the page with one more row, and items are in the order typed.
"use strict";
(() => {
  const form = document.querySelector("form.record");
  if (!form) return;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.append(status);

  const rowsOf = (prefix) =>
    document.getElementById(`${prefix}-heading`)?.closest("section")?.querySelector("table.rows tbody");

  // Renumber the rows of a formset after a move: names, ids, labels and the row number.
  const renumber = (prefix, body) => {
    const pattern = new RegExp(`^(id_)?${prefix}-\\d+-`);
    Array.from(body.querySelectorAll("tr[data-row]")).forEach((row, index) => {
      row.dataset.row = String(index);
      row.id = `${prefix}-${index}`;
      row.querySelector("th[scope=row]").textContent = String(index + 1);
      row.querySelectorAll("[name], [id], label[for]").forEach((el) => {
        for (const attr of ["name", "id", "for"]) {
          const value = el.getAttribute(attr);
          if (value && pattern.test(value)) {
            el.setAttribute(attr, value.replace(pattern, (_, id) => `${id || ""}${prefix}-${index}-`));
          }
        }
      });
      row.querySelectorAll("label.visually-hidden").forEach((label) => {
        label.textContent = label.textContent.replace(/\d+\s*$/, String(index + 1));
      });
    });
  };

  const movable = (prefix, row) => {
    const cell = document.createElement("td");
    cell.className = "move";
    for (const [step, text] of [[-1, form.dataset.up], [1, form.dataset.down]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = step < 0 ? "↑" : "↓";
      button.setAttribute("aria-label", text || (step < 0 ? "Move up" : "Move down"));
      button.addEventListener("click", () => {
        const body = row.parentElement;
        const rows = Array.from(body.querySelectorAll("tr[data-row]"));
        const at = rows.indexOf(row);
        const to = at + step;
        if (to < 0 || to >= rows.length) return;
        if (step < 0) body.insertBefore(row, rows[to]);
        else body.insertBefore(row, rows[to].nextSibling);
        renumber(prefix, body);
        button.focus();
        status.textContent = `${row.querySelector("th[scope=row]").textContent}`;
      });
      cell.append(button);
    }
    row.append(cell);
  };

  form.querySelectorAll("button[name=more]").forEach((button) => {
    const prefix = button.value;
    const template = document.getElementById(`${prefix}-template`);
    const total = form.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const body = rowsOf(prefix);
    if (!template || !total || !body) return;
    const orderable = body.closest("table").dataset.orderable !== undefined;
    if (orderable) {
      body.closest("table").querySelector("thead tr").append(document.createElement("td"));
      body.querySelectorAll("tr[data-row]").forEach((row) => movable(prefix, row));
    }
    button.addEventListener("click", (event) => {
      event.preventDefault();
      const index = Number(total.value);
      const html = template.innerHTML
        .replaceAll("__prefix__", String(index))
        .replaceAll("__num__", String(index + 1));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      // The row added (a row may bring a line of its own under it: what is folded wide).
      const row = Array.from(body.querySelectorAll("tr[data-row]")).at(-1);
      if (orderable) movable(prefix, row);
      row.querySelector("input:not([type=hidden]), select, textarea")?.focus();
      status.textContent = button.dataset.added || "";
    });
  });
})();
