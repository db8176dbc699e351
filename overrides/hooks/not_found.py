"""Keeps a Swedish 404 page at the root and an English one at /en/404.html (logic in styrdok)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from styrdok import notfound  # noqa: E402

_kept: dict = {}


def on_post_build(config):
    # Runs after each language's build, before mkdocs-static-i18n starts the next one.
    site_dir = Path(config.site_dir)
    notfound.keep(site_dir, config.theme["language"], _kept)
    notfound.place(site_dir, _kept)
