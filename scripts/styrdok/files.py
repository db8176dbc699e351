"""Listing files fast: os.walk and plain strings, since Path.rglob and relative_to cost more than
the checks themselves on a site of thousands of pages."""

from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path, suffix: str = "") -> list[str]:
    """Paths of the files below folder ending in suffix, relative to it, with forward slashes."""
    found = []
    for parent, _, names in os.walk(folder):
        base = os.path.relpath(parent, folder).replace(os.sep, "/")
        found += [name if base == "." else f"{base}/{name}" for name in names if name.endswith(suffix)]
    return sorted(found)
