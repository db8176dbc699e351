"""Search: each page goes to the Pagefind index as it is written; the bundle is written at the end.

Pagefind indexes in its own process while MkDocs renders the next pages (styrdok.search.Indexer).
After the last language is built, the index is written and unused theme files are removed.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from styrdok import search  # noqa: E402

_indexer = None


def on_pre_build(config):
    global _indexer
    if _styrdok.inner_language_build(config):
        return  # the other languages go into the same index
    on_build_error(None)  # a build that stopped in `mkdocs serve` leaves its index behind
    try:
        _indexer = search.Indexer()
    except (OSError, RuntimeError) as error:
        raise PluginError(f"Pagefind could not start: {error}\n{search.HOW_TO_FIX}") from None


# After the HTML fixes (priority 0): the index is made from the page as published.
@event_priority(-50)
def on_post_page(output, page, config):
    part = search.searchable_part(output)
    if part:
        try:
            _indexer.add(part, page.file.dest_uri)
        except RuntimeError as error:
            raise PluginError(f"{error}\n{search.HOW_TO_FIX}") from None
    return output


# After mkdocs-static-i18n (-100), which builds the other languages in its on_post_build.
@event_priority(-200)
def on_post_build(config):
    global _indexer
    if _styrdok.inner_language_build(config):
        return
    site_dir = Path(config.site_dir)
    search.prune(site_dir)
    indexer, _indexer = _indexer, None
    try:
        indexer.write(site_dir / "pagefind")
    except RuntimeError as error:
        raise PluginError(f"{error}\n{search.HOW_TO_FIX}") from None
    search.remove_unused_files(site_dir / "pagefind")


def on_build_error(error):
    global _indexer
    if _indexer is not None:
        _indexer.close()
        _indexer = None
