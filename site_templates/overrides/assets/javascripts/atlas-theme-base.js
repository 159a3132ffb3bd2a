/* Material for MkDocs 9.7.6 (MIT licence, © Martin Donath), partials/javascripts/base.html: the
   theme's inline script, served as a file so that the site's Content-Security-Policy needs no inline
   script at all (src/atlas/render/csp.py). The site root comes from this file's own address (assets/javascripts/ → ../..),
   or from extra.scope, where the theme used the page's base_url. */
var __md_script=document.currentScript;__md_scope=__md_script.dataset.mdScope?new URL(__md_script.dataset.mdScope,location):new URL("../..",__md_script.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
