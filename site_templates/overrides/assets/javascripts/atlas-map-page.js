/* Korea Innovation Atlas — a page and the map in its frame, hand in hand (atlas.maps).
 *
 * Beside each map the page lists what the map shows. Pointing at (or focusing) an entry's link in
 * that list asks the map to highlight the entry's marker; choosing a marker in the map highlights
 * the entry's links in the list. The two documents talk with postMessage: only between documents of
 * this site's own origin, only with the frame of the map, and only in one fixed shape:
 * {atlas: "map", type: "highlight" | "select", folder: "institutions" | "regions" | null, slug}.
 * Nothing received is ever put on the page as markup: it only chooses which links get a class.
 */
(function () {
  "use strict";
  var ORIGIN = window.location.origin;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var ENTRY = /\/(institutions|regions)\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/|\.html)$/;
  var ACTIVE = "atlas-map__link--active";

  function keyOf(a) {
    var found = ENTRY.exec(a.pathname);
    return found && a.origin === ORIGIN ? found[1] + "/" + found[2] : null;
  }

  /* The links that stand for what the map shows: the list in the map's box; for the home page's
   * overview, also the list of clusters under it (up to the next heading). */
  function listLinks(box) {
    var scope = [box];
    if (box.classList.contains("atlas-map--overview")) {
      for (var next = box.nextElementSibling; next && !/^H[1-6]$/.test(next.tagName); next = next.nextElementSibling) {
        scope.push(next);
      }
    }
    var links = [];
    scope.forEach(function (part) {
      part.querySelectorAll("a[href]").forEach(function (a) {
        var key = keyOf(a);
        if (key) links.push({ a: a, key: key });
      });
    });
    return links;
  }

  function connect(box) {
    var frame = box.querySelector("iframe.atlas-map__frame");
    if (!frame) return;
    var links = listLinks(box);

    function ask(key) {
      if (!frame.contentWindow) return;
      var parts = key ? key.split("/") : [null, null];
      frame.contentWindow.postMessage({ atlas: "map", type: "highlight", folder: parts[0], slug: parts[1] }, ORIGIN);
    }
    links.forEach(function (link) {
      link.a.addEventListener("mouseenter", function () { ask(link.key); });
      link.a.addEventListener("focus", function () { ask(link.key); });
      link.a.addEventListener("mouseleave", function () { ask(null); });
      link.a.addEventListener("blur", function () { ask(null); });
    });
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== ORIGIN || event.source !== frame.contentWindow) return;
      if (!data || typeof data !== "object" || data.atlas !== "map" || data.type !== "select") return;
      var chosen = (data.folder === "institutions" || data.folder === "regions") && typeof data.slug === "string" &&
        SLUG.test(data.slug) ? data.folder + "/" + data.slug : null;
      links.forEach(function (link) { link.a.classList.toggle(ACTIVE, link.key === chosen); });
    });
  }

  document.querySelectorAll(".atlas-map").forEach(connect);
})();
