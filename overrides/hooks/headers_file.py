"""Writes the site's HTTP headers as a _headers file, once the whole site is built."""

import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from mkdocs.plugins import event_priority  # noqa: E402
from styrdok import headers  # noqa: E402


# Last: after the other languages and the search index exist (hooks/search_index.py is -200).
@event_priority(-300)
def on_post_build(config):
    if _styrdok.inner_language_build(config):
        return
    site_dir = Path(config.site_dir)
    prefix = urlparse(config.site_url or "/").path or "/"
    (site_dir / "_headers").write_text(headers.headers_file(site_dir, prefix), encoding="utf-8")
