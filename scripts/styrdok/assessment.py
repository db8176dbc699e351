"""The accessibility assessment that the statement describes: which tools, which rules, when.

The assessment is the test suite itself (axe-core and the Nu Html Checker on every page, keyboard
and reading tests): it runs on every pull request and before every publication, and the publishing
workflow publishes only a commit whose tests passed. So the statement is made at build time from
what the build knows (the tools pinned in package-lock.json, the rules, the pages, the build date)
and cannot go stale; no record is kept by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from . import ui
from .languages import LANGUAGES
from .markdown_text import inline

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NPM_TOOLS = {"axe-core": "axe-core", "vnu-jar": "Nu Html Checker (vnu-jar)"}


def tool_versions(root: Path) -> dict[str, str]:
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in NPM_TOOLS}


def page_count(docs_dir: Path) -> int:
    """Pages checked: every page in every language and each language's "page not found" page."""
    return sum(len(list((docs_dir / lang).rglob("*.md"))) for lang in LANGUAGES) + len(LANGUAGES)


def build_date() -> str:
    """The day of this build (SOURCE_DATE_EPOCH when set, so that two builds are identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
    return day.isoformat()


def current(root: Path) -> dict:
    return {"built": build_date(), "tools": tool_versions(root), "axe_tags": AXE_TAGS,
            "pages": page_count(root / "docs")}


def statement_markdown(record: dict, texts: dict) -> str:
    """The statement's assessment part; its wording is statement_assessment in docs/_data/ui.yml."""
    values = dict(built=record["built"], pages=record["pages"], axe=record["tools"]["axe-core"],
                  vnu=record["tools"]["vnu-jar"], tags=", ".join(map(str, record["axe_tags"])))
    return ui.fill(texts, "statement_assessment", {key: inline(value) for key, value in values.items()})
