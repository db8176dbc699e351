"""Makes the plain modules in scripts/styrdok importable from the hooks, and small shared helpers."""

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


def inner_language_build(config) -> bool:
    """True while mkdocs-static-i18n builds one more language inside the first build's
    on_post_build: work that needs the whole site (search index, headers) waits for the end."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and getattr(i18n, "building", False)
