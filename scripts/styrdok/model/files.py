"""Listing files fast: os.walk and plain strings, since Path.rglob and relative_to cost more than
the checks themselves on a site of thousands of pages."""

from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path, suffix: str = "") -> list[str]:
    """Paths of the files below folder ending in suffix, relative to it, with forward slashes; from
    the run's list when a run is reading the docs/ it is in (tree.reading: listed once)."""
    from styrdok.model import tree
    found_in_run = tree.current(folder)
    if found_in_run is not None:
        files, rel = found_in_run
        return files.names(rel, suffix) if rel else sorted(p for p in files.paths if p.endswith(suffix))
    found = []
    for parent, _, names in os.walk(folder):
        base = os.path.relpath(parent, folder).replace(os.sep, "/")
        found += [name if base == "." else f"{base}/{name}" for name in names if name.endswith(suffix)]
    return sorted(found)


def readable(folder: Path) -> None:
    """Make a built site readable by the web server's own user (a temporary folder is private)."""
    folder.chmod(0o755)
    for parent, folders, names in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in names:
            os.chmod(os.path.join(parent, name), 0o644)
