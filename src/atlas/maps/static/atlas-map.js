/* Korea Innovation Atlas — the atlas' own map code (markers, popups, legend, shared GeoJSON).
 *
 * Every map page built by atlas.maps loads Leaflet, Leaflet.markercluster and this file from the
 * site itself, then calls the functions below with JSON data. Text from entries (names) is only
 * ever set with textContent or as an attribute value, never parsed as HTML; links open in the
 * main window (target="_top"), not inside the map's frame.
 */
(function () {
  "use strict";
  var A = {};

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

  function notice(map, text) {
    var box = map.getContainer().querySelector(".atlas-notice");
    if (!box) {
      box = el("div", "atlas-notice");
      box.setAttribute("role", "status");
      map.getContainer().appendChild(box);
    }
    box.textContent = text;
  }

  /* Panes keep the drawing order fixed whatever order the GeoJSON files arrive in. */
  A.init = function (map, opts) {
    [["atlasBase", 250], ["atlasBaseLines", 260], ["atlasBaseProvinces", 270], ["atlasOutline", 410],
     ["atlasChildren", 420]].forEach(function (p) {
      map.createPane(p[0]).style.zIndex = p[1];
    });
    ["atlasBase", "atlasBaseLines", "atlasBaseProvinces"].forEach(function (name) {
      map.getPane(name).style.pointerEvents = "none";
    });
    map.getContainer().setAttribute("aria-label", opts.label);
    map.getContainer().setAttribute("role", "region");
    if (map.attributionControl) {
      map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    }
    map._atlas = opts;
    return map;
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
      iconSize: [24, 24],
      iconAnchor: [12, 12],
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
    return marker;
  };

  A.points = function (map, layer, points) {
    var labels = map._atlas.labels;
    points.forEach(function (p) { layer.addLayer(A.marker(p, labels)); });
    return layer;
  };

  A.legend = function (map, title, items) {
    var Legend = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "atlas-legend leaflet-control");
        box.appendChild(el("div", "atlas-legend__title", title));
        items.forEach(function (item) {
          var row = el("div", "atlas-legend__row");
          var swatch = el("span", "atlas-marker atlas-marker--" + item.kind, item.glyph);
          swatch.setAttribute("aria-hidden", "true");
          row.appendChild(swatch);
          row.appendChild(document.createTextNode(" " + item.label));
          box.appendChild(row);
        });
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new Legend().addTo(map);
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
    q.getAll("r").filter(function (s) { return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s); }).forEach(function (slug) {
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
