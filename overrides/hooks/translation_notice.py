"""Marks English pages whose Swedish original has changed since they were translated.

The template shows a notice on such pages; the comparison is in scripts/styrdok/drift.py.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from mkdocs.utils import get_relative_url  # noqa: E402
from styrdok import drift, views  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    if config.theme["language"] != "en" or not page.file.src_uri.startswith("en/"):
        return markdown
    name = page.file.src_uri[len("en/"):]
    docs = Path(config.docs_dir)
    current, recorded, _ = drift.status(name, docs, Path(config.config_file_path).parent)
    if recorded != current:
        swedish = get_relative_url(views.page_path(name, "sv"), page.url)
        page.meta["translation_outdated"] = {"swedish_url": swedish}
    return markdown
