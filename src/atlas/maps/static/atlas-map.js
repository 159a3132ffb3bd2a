/* Korea Innovation Atlas — the atlas' own map code (markers, popups, legend, shared GeoJSON).
 *
 * Every map page built by atlas.maps loads Leaflet, Leaflet.markercluster and this file from the
 * site itself, then calls the functions below with JSON data. Text from entries (names) is only
 * ever set with textContent or as an attribute value, never parsed as HTML; links open in the
 * main window (target="_top"), not inside the map's frame.
 *
 * The map and the page that frames it talk with postMessage, between documents of the same origin
 * only, in one fixed shape: {atlas: "map", type: "highlight" | "select", folder, slug}. The page
 * (assets/javascripts/atlas-map-page.js) asks the map to highlight an entry's marker; the map says
 * which marker the reader chose.
 */
(function () {
  "use strict";
  var A = {};
  var ICON = 24;  // a marker's icon, in pixels (square)
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var FOLDERS = { institutions: true, regions: true };
  var LEADER = { pane: "atlasLeaders", interactive: false, color: "#263238", weight: 1.5, opacity: 0.9 };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function link(url, text) {
    // our own relative links only (built from slugs); anything else stays plain text
    if (typeof url !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.indexOf("//") === 0) {
      return document.createTextNode(text);
    }
    var a = el("a", null, text);
    a.href = url;
    a.target = "_top";
    return a;
  }

  function icon(path) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), line = document.createElementNS(ns, "path");
    [["viewBox", "0 0 16 16"], ["width", "16"], ["height", "16"], ["aria-hidden", "true"], ["focusable", "false"]]
      .forEach(function (a) { svg.setAttribute(a[0], a[1]); });
    line.setAttribute("d", path);
    svg.appendChild(line);
    return svg;
  }

  function notice(map, text) {
    var box = map.getContainer().querySelector(".atlas-notice");
    if (!box) {
      box = el("div", "atlas-notice");
      box.setAttribute("role", "status");
      map.getContainer().appendChild(box);
    }
    box.textContent = text;
  }

  /* Is this map shown in a page of the atlas itself (a frame of the same origin)? Not when it is
   * embedded in another site, or opened on its own. */
  function inAtlasPage() {
    if (window.parent === window) return false;
    try {
      return window.parent.location.origin === window.location.origin;
    } catch (e) {
      return false;  // another origin: reading its location throws
    }
  }

  function tellPage(message) {
    if (window.parent !== window) {
      // delivered only if the parent is of our own origin: an embedding site gets nothing
      window.parent.postMessage(message, window.location.origin);
    }
  }

  /* Panes keep the drawing order fixed whatever order the GeoJSON files arrive in. */
  A.init = function (map, opts) {
    [["atlasBase", 250], ["atlasBaseLines", 260], ["atlasBaseProvinces", 270], ["atlasUnions", 400],
     ["atlasOutline", 410], ["atlasChildren", 420], ["atlasLeaders", 590]].forEach(function (p) {
      map.createPane(p[0]).style.zIndex = p[1];
    });
    ["atlasBase", "atlasBaseLines", "atlasBaseProvinces", "atlasLeaders"].forEach(function (name) {
      map.getPane(name).style.pointerEvents = "none";
    });
    map.getContainer().setAttribute("aria-label", opts.label);
    map.getContainer().setAttribute("role", "region");
    map._atlas = opts;
    map._atlasMarkers = [];  // {marker, layer, kind, key, home, clustered}, in the order drawn
    map._atlasLeaders = L.layerGroup().addTo(map);
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    if (map.attributionControl) {
      map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
      if (!inAtlasPage() && opts.credit) {
        // the atlas and the entries' licence, for readers of an embed (serialised by the DOM: escaped)
        var credit = el("span");
        credit.appendChild(link(opts.credit.url, opts.credit.name));
        credit.appendChild(document.createTextNode(" · " + opts.credit.licence));
        map.attributionControl.addAttribution(credit.innerHTML);
      }
    }
    A.fullscreen(map, opts.labels);
    map.on("zoomend viewreset", function () { A.layout(map); });
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== window.location.origin || event.source !== window.parent || window.parent === window) return;
      if (!data || typeof data !== "object" || data.atlas !== "map" || data.type !== "highlight") return;
      A.highlight(map, FOLDERS[data.folder] === true && typeof data.slug === "string" && SLUG.test(data.slug)
        ? data.folder + "/" + data.slug : null);
    });
    return map;
  };

  /* Full screen: the Fullscreen API where the page allows it (its frame has allowfullscreen), else
   * a link that opens the map document itself in the window. Not shown on a map already alone in a
   * window that cannot go full screen (a phone's browser). */
  A.fullscreen = function (map, labels) {
    var api = document.fullscreenEnabled && document.documentElement.requestFullscreen;
    if (!api && window.parent === window) return;
    var Control = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var bar = el("div", "leaflet-bar atlas-fullscreen");
        var button = el("a", "atlas-fullscreen__button");
        button.appendChild(icon("M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"));
        button.href = window.location.href;  // the map document itself
        button.target = "_top";
        function name(text) {
          button.title = text;
          button.setAttribute("aria-label", text);
        }
        name(api ? labels.fullscreen : labels.openAlone);
        if (api) {
          button.setAttribute("role", "button");
          L.DomEvent.on(button, "click", function (event) {
            L.DomEvent.preventDefault(event);
            if (document.fullscreenElement) document.exitFullscreen();
            else document.documentElement.requestFullscreen();
          });
          document.addEventListener("fullscreenchange", function () {
            name(document.fullscreenElement ? labels.exitFullscreen : labels.fullscreen);
            bar.classList.toggle("atlas-fullscreen--on", !!document.fullscreenElement);
            map.invalidateSize();
          });
        }
        L.DomEvent.disableClickPropagation(bar);
        bar.appendChild(button);
        return bar;
      }
    });
    new Control().addTo(map);
  };

  /* Fetch a GeoJSON file of the site and draw it into `layer`; returns a promise of the data. */
  A.geojson = function (map, layer, url, opts) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      })
      .then(function (data) {
        var drawn = L.geoJSON(data, {
          pane: opts.pane || "atlasOutline",
          style: function () { return opts.style; },
          interactive: !!opts.popup,
          attribution: opts.attribution || null,
          filter: opts.filter || null
        });
        if (opts.popup) {
          drawn.bindPopup(function () { return A.popup(opts.popup, map._atlas.labels); });
        }
        drawn.addTo(layer);
        return data;
      })
      .catch(function (error) {
        notice(map, map._atlas.labels.loadFailed);
        throw error;
      });
  };

  /* The light basemap from the site's own boundary files (atlas.maps.basemap): zoomed out, one
   * light file of the whole country; zoomed in, the cells of detail the view touches, each fetched
   * once. Land, district borders and province borders go to their own panes. */
  A.basemap = function (map, layer, opts) {
    var styles = { land: opts.landStyle, sigungu: opts.districtStyle, sido: opts.provinceStyle };
    var panes = { land: "atlasBase", sigungu: "atlasBaseLines", sido: "atlasBaseProvinces" };
    var country = L.layerGroup(), detail = L.layerGroup(), requested = {};
    var cells = {};
    opts.tiles.cells.forEach(function (key) { cells[key] = true; });
    if (map.attributionControl) map.attributionControl.addAttribution(opts.attribution);

    function draw(group, data) {
      ["land", "sigungu", "sido"].forEach(function (name) {
        L.geoJSON(data, {
          pane: panes[name], interactive: false,
          style: function () { return styles[name]; },
          filter: function (feature) { return feature.properties.layer === name; }
        }).addTo(group);
      });
    }

    function load(url, group) {
      if (requested[url]) return;
      requested[url] = true;
      fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + url);
          return response.json();
        })
        .then(function (data) { draw(group, data); })
        .catch(function () { requested[url] = false; notice(map, map._atlas.labels.loadFailed); });
    }

    function update() {
      var t = opts.tiles;
      if (map._animatingZoom) return;  // mid-animation the zoom is the old one: zoomend follows
      if (map.getZoom() < t.detailZoom) {
        layer.removeLayer(detail);
        layer.addLayer(country);
        load(opts.country, country);
        return;
      }
      layer.removeLayer(country);
      layer.addLayer(detail);
      var b = map.getBounds().pad(0.1);
      var row0 = Math.floor((b.getSouth() - t.origin[0]) / t.size), row1 = Math.floor((b.getNorth() - t.origin[0]) / t.size);
      var col0 = Math.floor((b.getWest() - t.origin[1]) / t.size), col1 = Math.floor((b.getEast() - t.origin[1]) / t.size);
      for (var row = row0; row <= row1; row++) {
        for (var col = col0; col <= col1; col++) {
          var key = row + "-" + col;
          if (cells[key]) load(opts.tiles.url + key + ".geojson", detail);
        }
      }
    }

    map.on("moveend zoomend", update);
    // once the map has its view (set after this call, e.g. by A.place): not earlier, or a map about
    // to zoom in would first fetch the whole-country file it never shows
    setTimeout(function () { map.whenReady(update); }, 0);
    return layer;
  };

  A.popup = function (p, labels) {
    var box = el("div", "atlas-popup");
    box.appendChild(el("strong", "atlas-popup__name", p.name));
    var meta = [p.kindLabel, p.district].filter(Boolean).join(" · ");
    if (meta) box.appendChild(el("div", "atlas-popup__meta", meta));
    if (p.events && p.events.length) {
      box.appendChild(el("div", "atlas-popup__heading", labels.eventsHere));
      var list = el("ul", "atlas-popup__events");
      p.events.forEach(function (e) {
        var item = el("li");
        item.appendChild(link(e.url, e.name));
        item.appendChild(document.createTextNode(" (" + e.date + ")"));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (p.url) {
      var more = el("div", "atlas-popup__link");
      more.appendChild(link(p.url, p.open || labels.open));
      box.appendChild(more);
    }
    return box;
  };

  A.marker = function (p, labels) {
    var icon = L.divIcon({
      className: "atlas-marker atlas-marker--" + p.kind,
      html: '<span aria-hidden="true"></span>',
      iconSize: [ICON, ICON],
      iconAnchor: [ICON / 2, ICON / 2],
      popupAnchor: [0, -10]
    });
    var marker = L.marker([p.lat, p.lon], { icon: icon, title: p.name, alt: p.name, keyboard: true, riseOnHover: true });
    marker.on("add", function () {
      var node = marker.getElement();
      if (node) {
        node.setAttribute("aria-label", p.name);
        node.setAttribute("data-slug", p.slug || "");
        node.firstChild.textContent = p.glyph || "";
      }
    });
    if (p.name) {
      marker.bindPopup(function () { return A.popup(p, labels); });
    }
    if (p.label) {
      // a short name beside the point, always shown unless it would cover another (A.declutter)
      // (Leaflet makes it the marker's description: a tooltip)
      marker.bindTooltip(el("span", null, p.label), { permanent: true, direction: "right", offset: [ICON / 2, 0], className: "atlas-label" });
    }
    return marker;
  };

  A.points = function (map, layer, points) {
    var labels = map._atlas.labels;
    var clustered = typeof L.MarkerClusterGroup === "function" && layer instanceof L.MarkerClusterGroup;
    points.forEach(function (p) {
      var marker = A.marker(p, labels);
      var folder = p.kind === "cluster" || p.kind === "union" ? "regions" : "institutions";
      var record = { marker: marker, layer: layer, kind: p.kind, key: p.slug ? folder + "/" + p.slug : null,
                     home: L.latLng(p.lat, p.lon), clustered: clustered };
      map._atlasMarkers.push(record);
      if (record.key) {
        var say = function () { tellPage({ atlas: "map", type: "select", folder: folder, slug: p.slug }); };
        marker.on("click", say);
        marker.on("add", function () { L.DomEvent.on(marker.getElement(), "focus", say); });
      }
      layer.addLayer(marker);
    });
    // once the map has its view (fitBounds comes after the points in the map's script)
    setTimeout(function () { map.whenReady(function () { A.layout(map); }); }, 0);
    return layer;
  };

  /* Markers whose icons overlap at this zoom are spread on a small ring around their middle, each
   * with a leader line to its true place; recomputed at every zoom and filter change. Markers of a
   * marker cluster are left to it (it spiderfies them). The same input gives the same layout. */
  A.layout = function (map) {
    var records = map._atlasMarkers.filter(function (r) { return !r.clustered && r.layer.hasLayer(r.marker) && map.hasLayer(r.layer); });
    map._atlasLeaders.clearLayers();
    var points = records.map(function (r) { return map.latLngToLayerPoint(r.home); });
    var groups = records.map(function (r, i) { return { members: [i], centre: points[i], radius: 0 }; });

    function reach(g) { return g.radius + ICON / 2 + 1; }  // a group's extent, with a 2 px gap between icons
    function settle(g) {
      var x = 0, y = 0, n = g.members.length;
      g.members.forEach(function (i) { x += points[i].x; y += points[i].y; });
      g.centre = L.point(x / n, y / n);
      g.radius = n < 2 ? 0 : Math.max(ICON * 0.75, (ICON / 2 + 1) / Math.sin(Math.PI / n));
    }
    for (var merged = true; merged;) {
      merged = false;
      for (var a = 0; a < groups.length && !merged; a++) {
        for (var b = a + 1; b < groups.length; b++) {
          if (groups[a].centre.distanceTo(groups[b].centre) < reach(groups[a]) + reach(groups[b])) {
            groups[a].members = groups[a].members.concat(groups[b].members);
            groups.splice(b, 1);
            settle(groups[a]);
            merged = true;
            break;
          }
        }
      }
    }
    groups.forEach(function (g) {
      var n = g.members.length;
      if (n === 1) {
        records[g.members[0]].marker.setLatLng(records[g.members[0]].home);
        return;
      }
      // around the ring in the order of their true bearings from the middle (ties: by name)
      var order = g.members.map(function (i) {
        var bearing = Math.atan2(points[i].y - g.centre.y, points[i].x - g.centre.x);
        return { i: i, bearing: (bearing + 2.5 * Math.PI) % (2 * Math.PI), key: records[i].key || "" };
      }).sort(function (p, q) { return p.bearing - q.bearing || (p.key < q.key ? -1 : p.key > q.key ? 1 : 0); });
      order.forEach(function (item, k) {
        var angle = -Math.PI / 2 + 2 * Math.PI * k / n;
        var shown = map.layerPointToLatLng(g.centre.add(L.point(Math.cos(angle), Math.sin(angle)).multiplyBy(g.radius)));
        var r = records[item.i];
        r.marker.setLatLng(shown);
        L.polyline([r.home, shown], LEADER).addTo(map._atlasLeaders);
        L.circleMarker(r.home, L.extend({ radius: 2.5, fillColor: "#fff", fillOpacity: 1 }, LEADER)).addTo(map._atlasLeaders);
      });
    });
    A.declutter(map, records);
  };

  /* Labels that would cover another label or a marker are hidden (the first drawn win). */
  A.declutter = function (map, records) {
    var icons = records.map(function (r) { var n = r.marker.getElement(); return n && n.getBoundingClientRect(); });
    var kept = [];
    function overlaps(p, q) { return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom; }
    records.forEach(function (r, i) {
      var tip = r.marker.getTooltip && r.marker.getTooltip();
      var node = tip && tip.getElement();
      if (!node) return;
      var box = node.getBoundingClientRect();
      var clash = kept.some(function (k) { return overlaps(box, k); }) ||
        icons.some(function (icon, j) { return icon && j !== i && overlaps(box, icon); });
      node.classList.toggle("atlas-label--hidden", clash);
      if (!clash) kept.push(box);
    });
  };

  /* The page asks to show one entry's marker (key "institutions/<slug>"), or none (null): its icon
   * (or the cluster holding it) is ringed and brought into view. */
  A.highlight = function (map, key) {
    var before = map._atlasHighlighted;
    if (before) {
      if (before.getElement()) before.getElement().classList.remove("atlas-marker--highlight");
      before.setZIndexOffset(0);
      map._atlasHighlighted = null;
    }
    var r = key && map._atlasMarkers.filter(function (each) { return each.key === key && each.layer.hasLayer(each.marker); })[0];
    var shown = r && (r.clustered ? r.layer.getVisibleParent(r.marker) : r.marker);
    if (!shown || !shown.getElement()) return;
    shown.getElement().classList.add("atlas-marker--highlight");
    shown.setZIndexOffset(1000);
    map._atlasHighlighted = shown;
    map.panInside(shown.getLatLng(), { padding: [ICON * 2, ICON * 2] });
  };

  /* The legend: a button folds it away (folded on small maps); each row is a switch for its kind of
   * marker, with how many there are. Open, it takes at most half the map's width and height. */
  A.legend = function (map, title, items) {
    var size = map.getSize();
    var small = size.x < 560 || size.y < 380;
    var Legend = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "atlas-legend leaflet-control");
        var body = el("div", "atlas-legend__body");
        body.id = map.getContainer().id + "-legend";
        body.setAttribute("role", "group");
        body.setAttribute("aria-label", map._atlas.labels.filter);
        var toggle = el("button", "atlas-legend__toggle", title);
        toggle.appendChild(el("span", "atlas-legend__arrow")).setAttribute("aria-hidden", "true");
        toggle.type = "button";
        toggle.setAttribute("aria-controls", body.id);
        function fold(folded) {
          body.hidden = folded;
          toggle.setAttribute("aria-expanded", String(!folded));
          box.classList.toggle("atlas-legend--open", !folded);
        }
        L.DomEvent.on(toggle, "click", function () { fold(!body.hidden); });
        items.forEach(function (item) {
          var row = el("label", "atlas-legend__row");
          var check = el("input");
          check.type = "checkbox";
          check.checked = true;
          check.setAttribute("data-kind", item.kind);
          L.DomEvent.on(check, "change", function () { A.filter(map, item.kind, check.checked); });
          var swatch = el("span", "atlas-marker atlas-marker--" + item.kind, item.glyph);
          swatch.setAttribute("aria-hidden", "true");
          row.appendChild(check);
          row.appendChild(swatch);
          row.appendChild(el("span", "atlas-legend__label", item.label + " (" + item.count + ")"));
          body.appendChild(row);
        });
        box.appendChild(toggle);
        box.appendChild(body);
        fold(small);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    new Legend().addTo(map);
  };

  /* Show or hide every marker of one kind (the legend's switches). */
  A.filter = function (map, kind, shown) {
    map._atlasMarkers.forEach(function (r) {
      if (r.kind !== kind) return;
      if (shown) r.layer.addLayer(r.marker);
      else r.layer.removeLayer(r.marker);
    });
    A.layout(map);
  };

  /* The one map of every institution profile: ?lat=…&lon=…&kind=…&r=<region slug>…&d=<sigungu code> */
  A.place = function (map, outlines, points, opts) {
    var q = new URLSearchParams(window.location.search);
    var lat = parseFloat(q.get("lat")), lon = parseFloat(q.get("lon"));
    if (!(isFinite(lat) && isFinite(lon) && lat >= 33 && lat <= 38.7 && lon >= 124.5 && lon <= 132)) {
      notice(map, opts.labels.loadFailed);
      return;
    }
    var kind = q.get("kind");
    if (!Object.prototype.hasOwnProperty.call(opts.kinds, kind)) kind = "venue";
    q.getAll("r").filter(function (s) { return SLUG.test(s); }).forEach(function (slug) {
      A.geojson(map, outlines, opts.outlines + slug + ".geojson", { style: opts.outlineStyle });
    });
    var district = q.get("d");
    if (district && /^\d{5}$/.test(district)) {
      A.geojson(map, outlines, opts.districts + district + ".geojson", { pane: "atlasChildren", style: opts.districtStyle })
        .catch(function () {});
    }
    A.points(map, points, [{ lat: lat, lon: lon, kind: kind, glyph: opts.kinds[kind].glyph, name: opts.kinds[kind].label }]);
    map.setView([lat, lon], opts.zoom, { animate: false });
  };

  window.atlasMap = A;
})();
