"""Applies the HTML fixes in scripts/styrdok/html.py to every page the theme writes."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from styrdok import html  # noqa: E402


def on_post_page(output, page, config):
    return html.drop_head_hreflang(output)
