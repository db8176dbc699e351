"""Stops the build, before anything is written, when the content has problems.

Checks: every page in both languages, readable front matter, the same language-neutral facts
in both versions, a valid register and terminology (logic in scripts/styrdok/content.py).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from mkdocs.exceptions import PluginError  # noqa: E402
from styrdok import content, operator  # noqa: E402
from styrdok.problems import ContentError  # noqa: E402


def on_config(config):
    try:
        site = content.load(Path(config.docs_dir), Path(config.config_file_path).parent)
    except ContentError as error:
        raise PluginError(str(error)) from None
    # A build for a real address needs the operator's settings (accessibility statement, privacy).
    problems = operator.production_problems(site.operator, config.site_url or "")
    if problems:
        raise PluginError(str(ContentError(problems)))
    return config
