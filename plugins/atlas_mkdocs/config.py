from mkdocs.config import base
from mkdocs.config import config_options as c


class AtlasConfig(base.Config):
    """Options of the ``atlas`` plugin in mkdocs.yml (paths relative to mkdocs.yml)."""

    #: the project root holding ``data/`` (entry files)
    root = c.Dir(exists=True, default=".")
    #: Jinja templates of the generated pages
    templates = c.Dir(exists=True, default="site_templates/pages")
    #: build into a sibling folder and replace the site only when the build succeeds
    staged_build = c.Type(bool, default=True)
    #: navigation of the English pages (under en/), written like mkdocs.yml's nav
    nav_en = c.Type(list, default=[])
