/* Korea Innovation Atlas — the 404 page (site_templates/overrides/404.html), in both languages.
 *
 * GitHub Pages serves one file, /404.html, for every missing address: only the address tells the
 * reader's language. For an address under en/ (below the site's root, which the theme's settings
 * give: the page's __config "base") this script, which runs before the theme's, puts the English
 * part first, marks the page English and points the theme's search at the English index with its
 * English messages. On every 404 it shows the buttons that open the search. Without JavaScript the
 * page holds both languages and the header's search box searches the Korean index.
 */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var korean = document.getElementById("atlas-404-ko"), english = document.getElementById("atlas-404-en");

  document.querySelectorAll(".atlas-404__search").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var toggle = document.getElementById("__search"), input = document.querySelector(".md-search__input");
      if (toggle && !toggle.checked) toggle.click();
      if (input) input.focus();
    });
  });
  if (!config || !korean || !english) return;

  var settings = JSON.parse(config.textContent);
  var root = new URL(settings.base, window.location.href).pathname.replace(/\/?$/, "/");
  if (window.location.pathname.indexOf(root + "en/") !== 0) return;

  var strings = JSON.parse(document.getElementById("atlas-404-en-config").textContent);
  document.documentElement.lang = "en";
  document.title = strings.title;
  korean.parentNode.insertBefore(english, korean);
  var title = document.querySelector(".atlas-404__title");
  if (title) {
    var first = title.querySelector("[lang=ko]"), separator = title.querySelector(".atlas-404__sep");
    title.appendChild(separator);
    title.appendChild(first);
  }
  var input = document.querySelector(".md-search__input");
  if (input) {
    input.placeholder = strings.placeholder;
    input.setAttribute("aria-label", strings.placeholder);
  }
  settings.base = root + "en/";  // the theme fetches search/search_index.json from here
  Object.keys(strings.translations).forEach(function (key) { settings.translations[key] = strings.translations[key]; });
  config.textContent = JSON.stringify(settings);
})();
