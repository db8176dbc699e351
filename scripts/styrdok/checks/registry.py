"""The one list of checks: each a function of the site read once (content.read), registered here once.

``make check`` (scripts/docs.py check) runs every check, then the strict build; the build itself
runs the checks marked ``build`` before it writes anything (pipeline.SiteBuild.start), so the
preview and the published site are held to them too; the tests run them through both. A check that
needs a tool beyond pip (hunspell for spelling) or that concerns the code (ruff) runs in
``make check`` only: the build needs nothing beyond pip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from styrdok.checks import drift, extensions, lint, spelling
from styrdok.model import content, tree
from styrdok.problems import ContentError, Problem


@dataclass(frozen=True)
class Check:
    name: str                                  # as make check prints it: Swedish / English
    run: Callable[[content.Content], list[Problem]]
    build: bool                                # the build runs it too
    # A problem here stops the checks after it: they would read what this one refused.
    stops: bool = False
    # Its warnings on a file that an earlier check found an error in are held back: the file changes
    # again when the error is fixed (a translation warning's line to paste would then be wrong).
    quiet_on_errors: bool = False


def _style(site: content.Content) -> list[Problem]:
    docs = site.docs_dir
    return lint.check([docs / "sv", docs / "en", docs / "_includes"], site.root, site.root / ".pymarkdown.json")


CHECKS: tuple[Check, ...] = (
    Check("filer / files", content.check_files, build=True, stops=True),
    Check("innehåll / content", content.check_content, build=True),
    Check("Markdown-tillägg / Markdown extensions",
          lambda site: extensions.check_config(site.root / "mkdocs.yml", site.docs_dir), build=False),
    Check("översättningar / translation drift", lambda site: drift.check(site.docs_dir, site.root), build=False,
          quiet_on_errors=True),
    Check("Markdown-stil / Markdown style", _style, build=False),
    Check("stavning / spelling", spelling.check, build=False),
    Check("kod / code (ruff)", lambda site: lint.check_code(site.root), build=False),
)
# (The build checks the Markdown extensions of the configuration it has loaded, overlays included:
# pipeline.SiteBuild.start. Translation drift is told on the page itself, as a notice.)
BUILD = "build"
ALL = "all"


def run(site: content.Content, which: str | tuple[str, ...] = ALL) -> Iterator[tuple[Check, list[Problem]]]:
    """(check, its problems) for each check in order, reading the site's files through the run's
    list (tree.reading); after a check that stops with an error, none of the rest. ``which``: ALL,
    BUILD (those the build runs) or the beginnings of the names of the checks to run (tests)."""
    with tree.reading(site.files):
        failed: set[str] = set()  # files with an error so far
        for check in CHECKS:
            if which == BUILD and not check.build:
                continue
            if isinstance(which, tuple) and not check.name.startswith(which):
                continue
            try:
                found = check.run(site)
            except ContentError as error:
                found = error.problems
            if check.quiet_on_errors:
                found = [p for p in found if not (p.warning and p.file in failed)]
            failed |= {p.file for p in found if not p.warning}
            yield check, found
            if check.stops and any(not p.warning for p in found):
                return
