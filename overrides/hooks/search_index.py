"""After the last language is built: remove unused theme files and build the Pagefind index."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from styrdok import search  # noqa: E402


# After mkdocs-static-i18n (-100), which builds the other languages in its on_post_build.
@event_priority(-200)
def on_post_build(config):
    if _styrdok.inner_language_build(config):
        return
    site_dir = Path(config.site_dir)
    search.prune(site_dir)
    try:
        search.build_index(site_dir)
    except RuntimeError as error:
        raise PluginError(str(error)) from None
