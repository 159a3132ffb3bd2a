"""Problems found in the entries, reported together as ``file:line: field: message``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, POSIX separators
    line: int  # 1-based (1 when the problem concerns the whole file)
    field: str  # dotted path of the field, e.g. ``participants[2].institution``; "-" for the file
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shown on the PR's lines)."""
        msg = f"{self.field}: {self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={max(self.line, 1)}::{msg}"


class AtlasError(Exception):
    """Raised when entries have problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found in the atlas entries")
        return "\n".join(lines)


def format_field(loc: tuple) -> str:
    """``('participants', 2, 'institution')`` → ``participants[2].institution``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "-"
