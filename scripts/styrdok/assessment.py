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

from .markdown_text import inline

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NPM_TOOLS = {"axe-core": "axe-core", "vnu-jar": "Nu Html Checker (vnu-jar)"}


def tool_versions(root: Path) -> dict[str, str]:
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in NPM_TOOLS}


def page_count(docs_dir: Path) -> int:
    """Pages checked: every page in both languages and the two "page not found" pages."""
    return sum(len(list((docs_dir / lang).rglob("*.md"))) for lang in ("sv", "en")) + 2


def build_date() -> str:
    """The day of this build (SOURCE_DATE_EPOCH when set, so that two builds are identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
    return day.isoformat()


def current(root: Path) -> dict:
    return {"built": build_date(), "tools": tool_versions(root), "axe_tags": AXE_TAGS,
            "pages": page_count(root / "docs")}


TEXT = {
    "sv": (
        "Webbplatsen granskas automatiskt varje gång den byggs för publicering, på alla {pages} sidor på "
        "svenska och engelska (även sidorna för \"sidan finns inte\"). Den publiceras bara om granskningen "
        "inte hittar något fel. Den här versionen byggdes **{built}**. Granskningen består av:\n\n"
        "- **axe-core {axe}** i webbläsaren Chromium, med reglerna för WCAG 2.0 och 2.1 på nivå A och AA "
        "({tags}), i bred skärm och i mobilstorlek, och med sökningen öppen och med träffar.\n"
        "- **Nu Html Checker {vnu}** (validering av HTML).\n"
        "- Tester med bara tangentbord: hoppa till innehållet, synlig fokusmarkering, menyn, "
        "språkväljaren och sökningen.\n"
        "- Kontroll av att rubrikerna bildar en disposition, att varje sida har en egen titel och "
        "beskrivning på sitt språk och att ord på det andra språket är märkta med sitt språk.\n"
    ),
    "en": (
        "The site is assessed automatically every time it is built for publication, on all {pages} pages in "
        "Swedish and English (including the \"page not found\" pages). It is published only if the "
        "assessment finds no failure. This version was built on **{built}**. The assessment consists of:\n\n"
        "- **axe-core {axe}** in the Chromium browser, with the rules for WCAG 2.0 and 2.1 at levels A "
        "and AA ({tags}), on a wide screen and at phone size, and with the search open and showing "
        "results.\n"
        "- **Nu Html Checker {vnu}** (HTML validation).\n"
        "- Keyboard-only tests: skip to content, visible focus, the menu, the language switcher and "
        "search.\n"
        "- A check that the headings form an outline, that every page has its own title and "
        "description in its language and that words in the other language are marked with it.\n"
    ),
}


def statement_markdown(record: dict, lang: str) -> str:
    values = dict(built=record["built"], pages=record["pages"], axe=record["tools"]["axe-core"],
                  vnu=record["tools"]["vnu-jar"], tags=", ".join(map(str, record["axe_tags"])))
    return TEXT[lang].format(**{key: inline(value) for key, value in values.items()})
