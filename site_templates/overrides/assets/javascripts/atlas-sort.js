/* Sortable tables (the targets page, `.atlas-sortable table`): each column heading becomes a button
   that sorts the rows by that column, ascending then descending (aria-sort tells which). A cell is
   ordered by its <data value> (a number, an ISO date or a status's rank), else by its text. Without
   JavaScript the table keeps its server-rendered order (soonest deadline first). Loaded only by pages
   that have such a table; no inline script (the CSP allows none). */
(function () {
  "use strict";
  function key(cell) {
    var data = cell && cell.querySelector("data[value]");
    var text = data ? data.value : (cell ? cell.textContent.trim() : "");
    var number = Number(text);
    return text !== "" && !isNaN(number) ? [0, number, ""] : [1, 0, text];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) return a[0] - b[0];
    if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
    return a[2].localeCompare(b[2]);
  }
  function sortable(table) {
    var body = table.tBodies[0];
    var headings = table.tHead ? table.tHead.rows[0].cells : [];
    if (!body || !headings.length) return;
    var original = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(headings, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = original.slice().sort(function (a, b) {
          var order = compare(key(a.cells[column]), key(b.cells[column]));
          if (!ascending) order = -order;
          return order || original.indexOf(a) - original.indexOf(b);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  var style = document.createElement("style");  /* here, not in atlas.css: only this page needs it */
  style.textContent = ".atlas-sortable th button{font:inherit;font-weight:700;color:inherit;background:none;" +
    "border:0;padding:0;cursor:pointer;text-decoration:underline dotted}";
  document.head.appendChild(style);
  Array.prototype.forEach.call(document.querySelectorAll(".atlas-sortable table"), sortable);
})();
