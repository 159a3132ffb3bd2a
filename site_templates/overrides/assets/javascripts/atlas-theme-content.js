/* Material for MkDocs 9.7.6 (MIT licence, © Martin Donath), partials/javascripts/content.html: the
   theme's inline script, served as a file so that the site's Content-Security-Policy needs no inline
   script at all (src/atlas/render/csp.py). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
