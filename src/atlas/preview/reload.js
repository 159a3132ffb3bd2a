// atlas serve: reloads this page when the preview changed it (a file of the site's own origin: the
// pages' Content-Security-Policy allows no inline script). The server answers
// /.atlas-preview/wait?path=…&v=… when the page's version differs from v (at once if it already
// does), or after a while with the same version; a failed request is retried a second later.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-atlas-preview") : null;
  if (version === null || !window.fetch) {
    return;
  }
  var path = window.location.pathname;
  function wait() {
    fetch("/.atlas-preview/wait?path=" + encodeURIComponent(path) + "&v=" + encodeURIComponent(version),
          {cache: "no-store"})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (answer) {
        if (answer.version !== version) {
          window.location.reload();
        } else {
          wait();
        }
      })
      .catch(function () {
        window.setTimeout(wait, 1000);
      });
  }
  wait();
})();
