"""``atlas serve``'s side that needs no renderer: the web server (``server``), the live-reload script
(``reload.js``) and the banner of a failed rebuild (``banner``). What drives the renderer — building,
re-rendering the pages an edit invalidates — is ``atlas_mkdocs.work.preview``."""
