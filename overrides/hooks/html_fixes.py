"""Applies the HTML fixes in scripts/styrdok/html.py to every page the theme writes."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from styrdok import content, html  # noqa: E402


def on_post_page(output, page, config):
    terms = content.current(Path(config.docs_dir), Path(config.config_file_path).parent).terms
    return html.fix(output, page.canonical_url, terms)


def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page: it gets the same fixes.
    return html.fix(output_content) if template_name.endswith(".html") else output_content
