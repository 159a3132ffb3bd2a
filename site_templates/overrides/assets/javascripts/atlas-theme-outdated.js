/* Material for MkDocs 9.7.6 (MIT licence, © Martin Donath), partials/javascripts/outdated.html: the
   theme's inline script, served as a file so that the site's Content-Security-Policy needs no inline
   script at all (src/atlas/render/csp.py). The site root comes from this file's own address. */
var el=document.querySelector("[data-md-component=outdated]"),base=new URL("../..",document.currentScript.src),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
