/* Included from main.html (block extrahead), before the theme's script. Search on demand:
   mkdocs-material fetches the whole search index (the text of every page: megabytes on a national
   atlas) and starts its search worker on every page it shows. Here both wait until the reader
   opens search (focuses the search box, opens it on a phone, or arrives with ?q=); the theme sends
   queries only once its worker says it is ready, so nothing typed meanwhile is lost. The worker
   started is the site's own (workers/atlas-search.js), which runs the theme's.
   The theme also asks every <link rel="alternate"> of the page (the same page in the other
   language, the Atom feeds) for a sitemap.xml beside it, for its own language switch: there is none
   (404s on every page view) and the atlas' switch links to the same page already, so those
   requests fail at once without going out, as the theme's own fallback expects. */
(function () {
  var started = false, waiting = [];
  function start() { if (!started) { started = true; waiting.splice(0).forEach(function (go) { go(); }); } }
  function later(go) { if (started) { go(); } else { waiting.push(go); } }
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var path = String(url).split(/[?#]/)[0];
    this.atlasKind = /\/search\/search_index\.json$/.test(path) ? "index" : /\/sitemap\.xml$/.test(path) ? "sitemap" : "";
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.atlasKind === "index") { return later(function () { send.apply(xhr, args); }); }
    if (xhr.atlasKind === "sitemap") {
      return setTimeout(function () { xhr.dispatchEvent(new ProgressEvent("error")); }, 0);
    }
    return send.apply(xhr, args);
  };
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[^\/]*\.js$/.test(String(url).split(/[?#]/)[0])) { return new RealWorker(url, options); }
      var worker = null, listeners = [], messages = [];
      later(function () {
        // the site's worker (workers/atlas-search.js) runs the theme's with the atlas' ranking
        var path = String(url).split(/[?#]/)[0], folder = path.replace(/[^\/]*$/, "");
        worker = new RealWorker(folder + "atlas-search.js?theme=" + path.slice(folder.length), options);
        listeners.forEach(function (l) { worker.addEventListener(l[0], l[1], l[2]); });
        messages.forEach(function (m) { worker.postMessage(m[0], m[1]); });
      });
      return {
        addEventListener: function (type, listener, opts) {
          if (worker) { worker.addEventListener(type, listener, opts); } else { listeners.push([type, listener, opts]); }
        },
        removeEventListener: function (type, listener, opts) {
          if (worker) { worker.removeEventListener(type, listener, opts); }
          listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
        },
        postMessage: function (message, transfer) {
          if (worker) { worker.postMessage(message, transfer); } else { messages.push([message, transfer]); }
        },
        terminate: function () { if (worker) { worker.terminate(); } }
      };
    };
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) { start(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") { start(); }
  }, true);
  if (/[?&]q=/.test(location.search)) { start(); }
})();
