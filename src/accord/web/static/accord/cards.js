// On a narrow screen tables are laid out as cards (accord.css): each cell is labelled
// with its column's header, copied here into data-label. Without this script the
// cards are still shown, unlabelled.
"use strict";
document.querySelectorAll("table:not(.rows)").forEach((table) => {
  const headers = [];
  table.querySelectorAll("thead tr:last-child th").forEach((th) => {
    const span = Number(th.getAttribute("colspan") || 1);
    for (let i = 0; i < span; i += 1) headers.push(th.textContent.trim());
  });
  if (!headers.length) return;
  table.querySelectorAll("tbody tr").forEach((row) => {
    let column = 0;
    Array.from(row.children).forEach((cell) => {
      if (headers[column] && !cell.hasAttribute("data-label")) {
        cell.setAttribute("data-label", headers[column]);
      }
      column += Number(cell.getAttribute("colspan") || 1);
    });
  });
});
