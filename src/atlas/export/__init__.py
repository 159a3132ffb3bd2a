"""Publishing for journalists: downloads, feeds, citations, redirects, sharing metadata.

Everything here is renderer-agnostic (no MkDocs): functions take the linked
``Atlas`` and return ``{site path: bytes}`` or plain data, the same bytes for the
same input. ``Publication`` bundles them for one build; see its module.

    data/atlas.json                      the whole atlas
    data/institutions.csv, events.csv, targets.csv   (UTF-8 with BOM, for Excel)
    data/regions.geojson, institutions.geojson        (WGS84, lon/lat)
    data/datapackage.json                Frictionless Data Package describing the above
    data/<folder>/<slug>.json            one entry (also at each old slug of a renamed entry)
    feeds/events.xml, feeds/regions/<slug>.xml        Atom (en/feeds/… in English)
    <folder>/<old-slug>/index.html       redirect to the renamed entry (en/… too)
"""
__all__ = ["Publication", "Publisher"]


def __getattr__(name: str):
    # imported on first use, so that `atlas validate` (which loads `atlas urls`) stays light
    if name in __all__:
        from . import publication

        return getattr(publication, name)
    raise AttributeError(name)
