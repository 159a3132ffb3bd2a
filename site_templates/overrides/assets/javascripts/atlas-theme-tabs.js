/* Material for MkDocs 9.7.6 (MIT licence, © Martin Donath), partials/javascripts/content.html: the
   theme's inline script, served as a file so that the site's Content-Security-Policy needs no inline
   script at all (src/atlas/render/csp.py). (feature content.tabs.link) */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
