"""Search: a Pagefind index per language, made from the built pages; unused theme files removed.

Pagefind stems Swedish and English, keeps one index per <html lang>, and splits each index into
small chunks that the browser fetches only when a reader searches. Material's own lunr search
is not used, so its worker, index and language files are not published.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

# Published by the theme, its search plugin or Pagefind but never used by this site: lunr search,
# the theme's script bundle (see overrides/main.html), Pagefind's own UIs (the theme's search box
# is used instead) and its index for unknown languages.
UNUSED = ("search", "assets/javascripts/lunr", "assets/javascripts/workers")
UNUSED_GLOBS = ("assets/javascripts/bundle.*.min.js",)
UNUSED_PAGEFIND = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                   "wasm.unknown.pagefind")


def prune(site_dir: Path) -> None:
    for name in UNUSED:
        shutil.rmtree(site_dir / name, ignore_errors=True)
    for pattern in UNUSED_GLOBS:
        for path in site_dir.glob(pattern):
            path.unlink()
    for source_map in site_dir.rglob("*.map"):
        source_map.unlink()


def build_index(site_dir: Path) -> None:
    """Index the pages marked data-pagefind-body; raise with Pagefind's output if it fails."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")
    for name in UNUSED_PAGEFIND:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)
