/* Material for MkDocs 9.7.6 (MIT licence, © Martin Donath), partials/javascripts/announce.html: the
   theme's inline script, served as a file so that the site's Content-Security-Policy needs no inline
   script at all (src/atlas/render/csp.py). */
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
