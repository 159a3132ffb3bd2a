from mkdocs.config import base
from mkdocs.config import config_options as c


class MapTilesConfig(base.Config):
    """An online tile layer under the maps (the maps draw their own basemap without one)."""

    #: tile URL template, e.g. ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``
    url = c.Type(str)
    #: the attribution the tile provider requires (shown on the map)
    attribution = c.Type(str)
    max_zoom = c.Type(int, default=18)


def _no_default(option):
    """A SubConfig defaults to {} (its required keys would then be missing); Optional wants no default."""
    option.default = None
    return option


class AtlasConfig(base.Config):
    """Options of the ``atlas`` plugin in mkdocs.yml (paths relative to mkdocs.yml)."""

    #: the project root holding ``data/`` (entry files)
    root = c.Dir(exists=True, default=".")
    #: Jinja templates of the generated pages
    templates = c.Dir(exists=True, default="site_templates/pages")
    #: build into a sibling folder and replace the site only when the build succeeds (`mkdocs build`, and
    #: each rebuild of `mkdocs serve`, which keeps serving the last good site after a failure)
    staged_build = c.Type(bool, default=True)
    #: navigation of the English pages (under en/), written like mkdocs.yml's nav
    nav_en = c.Type(list, default=[])
    #: maps on region, institution and home pages (off: faster drafts, no map files)
    maps = c.Type(bool, default=True)
    #: optional online tile layer under the maps; off by default (no third-party server needed)
    map_tiles = c.Optional(_no_default(c.SubConfig(MapTilesConfig)))
    #: vendored front-end packages (Leaflet, Leaflet.markercluster) served at assets/vendor/
    vendor = c.Dir(exists=True, default="site_templates/assets/vendor")
