"""Maps: Folium (Leaflet) maps of the regions on the official boundaries.

``files.build_map_files`` gives every file the maps add to the site as
``{site path: bytes}`` (map documents, shared GeoJSON, the vendored Leaflet);
``embed.MapEmbeds`` is what page templates ask to place a map and its text
equivalent. This package imports nothing from MkDocs.
"""
from .options import MapOptions, Tiles

__all__ = ["MapOptions", "Tiles"]
