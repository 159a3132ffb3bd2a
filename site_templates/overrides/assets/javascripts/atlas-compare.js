/* The compare page (/compare/, /en/compare/): two to four regions side by side. The choice lives in
   the address (?r=asan&r=daejeon), so a comparison can be shared; the figures come from
   compare/regions.json, written at build time from the same counts as the region pages' panels
   (atlas.export.charts). Everything is built with DOM methods and textContent: no markup from the
   data is ever parsed. Without JavaScript the page explains itself and links every region's panel. */
(function () {
  "use strict";
  var box = document.querySelector(".atlas-compare");
  var me = document.currentScript;
  if (!box || !me) return;
  var root = me.src.replace(/assets\/javascripts\/atlas-compare\.js(\?.*)?$/, "");
  var lang = (document.documentElement.lang || "ko").slice(0, 2) === "en" ? "en" : "ko";
  var MAX = 4;
  var style = document.createElement("style");  /* here, not in atlas.css: only this page needs it */
  style.textContent = ".md-typeset ul.atlas-compare__chosen{list-style:none;padding:0;margin:.6em 0;display:flex;" +
    "flex-wrap:wrap;gap:.4em 1em}.md-typeset ul.atlas-compare__chosen li{margin:0}.atlas-compare__table th{white-space:nowrap}.atlas-compare__remove{font:inherit;" +
    "min-width:2em;min-height:2em;cursor:pointer}.atlas-compare__form select{font:inherit;padding:.2em .4em;" +
    "min-height:2.2em;max-width:100%}";
  document.head.appendChild(style);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  fetch(root + "compare/regions.json").then(function (r) { return r.json(); }).then(function (data) {
    var L = data.labels[lang];
    var regions = data.regions;
    var slugs = Object.keys(regions).sort(function (a, b) {
      return regions[a].name[lang].localeCompare(regions[b].name[lang], lang);
    });
    function chosenFromUrl() {
      var seen = [];
      new URLSearchParams(location.search).getAll("r").forEach(function (s) {
        if (regions.hasOwnProperty(s) && seen.indexOf(s) < 0 && seen.length < MAX) seen.push(s);
      });
      return seen;
    }
    var chosen = chosenFromUrl();
    Array.prototype.forEach.call(box.children, function (child) { child.hidden = true; });
    var app = el("div", {"class": "atlas-compare__app"});
    box.appendChild(app);

    function setUrl() {
      var query = chosen.map(function (s) { return "r=" + encodeURIComponent(s); }).join("&");
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    }
    function row(table, key, label, values, header) {
      var tr = el("tr", {"data-figure": key});
      tr.appendChild(el("th", {scope: "row"}, label));
      values.forEach(function (v, i) {
        tr.appendChild(el("td", {"data-region": chosen[i], "class": header ? "" : "atlas-chart__n"}, v));
      });
      table.appendChild(tr);
    }
    function render() {
      app.textContent = "";
      var form = el("form", {"class": "atlas-compare__form"});
      var select = el("select", {id: "atlas-compare-region", name: "r"});
      slugs.forEach(function (s) {
        if (chosen.indexOf(s) < 0) select.appendChild(el("option", {value: s}, regions[s].name[lang]));
      });
      form.appendChild(el("label", {"for": "atlas-compare-region"}, L.compare_choose + " "));
      form.appendChild(select);
      var add = el("button", {type: "submit", "class": "md-button"}, L.compare_add);
      add.disabled = chosen.length >= MAX;
      form.appendChild(document.createTextNode(" "));
      form.appendChild(add);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (chosen.length < MAX && select.value) { chosen.push(select.value); setUrl(); render(); }
      });
      app.appendChild(form);
      var list = el("ul", {"class": "atlas-compare__chosen"});
      chosen.forEach(function (s, i) {
        var item = el("li");
        item.appendChild(el("a", {href: root + data.prefixes[lang] + regions[s].url}, regions[s].name[lang]));
        var remove = el("button", {type: "button", "class": "atlas-compare__remove"}, "×");
        remove.setAttribute("aria-label", L.compare_remove.replace("{name}", regions[s].name[lang]));
        remove.addEventListener("click", function () { chosen.splice(i, 1); setUrl(); render(); });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(remove);
        list.appendChild(item);
      });
      app.appendChild(list);
      app.appendChild(el("p", {"class": "atlas-compare__note", role: "status"},
                         chosen.length < 2 ? L.compare_need : (chosen.length >= MAX ? L.compare_max : "")));
      if (!chosen.length) return;
      var picked = chosen.map(function (s) { return regions[s]; });
      var table = el("table");  /* no class: the theme styles it as every table of the site */
      var head = el("tr");
      head.appendChild(el("th", {scope: "col"}, L.figure));
      picked.forEach(function (r) { head.appendChild(el("th", {scope: "col"}, r.name[lang])); });
      table.appendChild(el("thead")).appendChild(head);
      var body = table.appendChild(el("tbody"));
      function counts(key, label, get) { row(body, key, label, picked.map(function (r) { return String(get(r)); })); }
      counts("institutions", L.h_institutions, function (r) { return r.institutions; });
      data.types.forEach(function (t) {
        if (picked.some(function (r) { return r.institutions_by_type[t.key]; }))
          counts("type:" + t.key, "· " + t.name[lang], function (r) { return r.institutions_by_type[t.key] || 0; });
      });
      counts("events", L.h_events, function (r) { return r.events; });
      var years = [];
      picked.forEach(function (r) { Object.keys(r.events_per_year).forEach(function (y) { if (years.indexOf(y) < 0) years.push(y); }); });
      years.sort().forEach(function (y) {
        counts("year:" + y, "· " + y, function (r) { return r.events_per_year[y] || 0; });
      });
      counts("programmes", L.h_programmes, function (r) { return r.programmes; });
      counts("targets", L.h_targets, function (r) { return r.targets; });
      data.statuses.forEach(function (s) {
        if (picked.some(function (r) { return r.targets_by_status[s.key]; }))
          counts("status:" + s.key, "· " + s.name[lang], function (r) { return r.targets_by_status[s.key] || 0; });
      });
      row(body, "industries", L.industries, picked.map(function (r) {
        return r.industries.map(function (i) { return data.industries[i] ? data.industries[i][lang] : i; }).join(", ") || "–";
      }), true);
      /* it may scroll sideways on a phone: a region the keyboard can reach (WCAG 2.1.1) */
      var scroll = el("div", {"class": "md-typeset__scrollwrap atlas-compare__table", tabindex: "0", role: "region",
                              "aria-label": L.figure});
      scroll.appendChild(el("div", {"class": "md-typeset__table"})).appendChild(table);
      app.appendChild(scroll);
    }
    render();
  });
})();
