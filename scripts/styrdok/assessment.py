"""The accessibility assessment: what was checked, with which tools, when, and the result.

``make assess`` runs the accessibility and HTML tests and, when they pass, records the result in
docs/_data/tillganglighet.yml. The accessibility statement is rendered from that record, and a
test fails when the record no longer matches the site (new pages, other tool versions), so the
statement cannot drift from the checks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from .markdown_text import inline

RECORD = "_data/tillganglighet.yml"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NPM_TOOLS = {"axe-core": "axe-core", "vnu-jar": "Nu Html Checker (vnu-jar)"}
TESTS = ["tests/test_accessibility.py", "tests/test_html_valid.py", "tests/test_reading.py",
         "tests/test_privacy.py"]


def tool_versions(root: Path) -> dict[str, str]:
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in NPM_TOOLS}


def page_count(docs_dir: Path) -> int:
    """Pages checked: every page in both languages and the two "page not found" pages."""
    return sum(len(list((docs_dir / lang).rglob("*.md"))) for lang in ("sv", "en")) + 2


def current(root: Path, date: dt.date | None = None) -> dict:
    return {
        "assessed": (date or dt.date.today()).isoformat(),
        "tools": tool_versions(root),
        "axe_tags": AXE_TAGS,
        "pages": page_count(root / "docs"),
        "axe_violations": 0,
        "html_errors": 0,
    }


def load(docs_dir: Path) -> dict | None:
    path = docs_dir / RECORD
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def write(docs_dir: Path, record: dict) -> None:
    header = ("# Written by `make assess` after the accessibility tests passed. Do not edit by hand.\n"
              "# Skrivs av `make assess` när tillgänglighetstesterna har gått igenom. Ändra inte för hand.\n")
    (docs_dir / RECORD).write_text(header + yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                                   encoding="utf-8")


def outdated(record: dict, root: Path) -> list[str]:
    """Why the record no longer describes the site, if it does not."""
    now = current(root)
    return [f"{key}: recorded {record.get(key)!r}, now {now[key]!r}"
            for key in ("tools", "axe_tags", "pages") if record.get(key) != now[key]]


TEXT = {
    "sv": (
        "Webbplatsen granskades senast **{assessed}**, automatiskt, på alla {pages} sidor på svenska "
        "och engelska (även sidorna för \"sidan finns inte\"):\n\n"
        "- **axe-core {axe}** i webbläsaren Chromium, med reglerna för WCAG 2.0 och 2.1 på nivå A och AA "
        "({tags}), i bred skärm och i mobilstorlek, och med sökningen öppen och med träffar. "
        "Resultat: {axe_violations} fel.\n"
        "- **Nu Html Checker {vnu}** (validering av HTML). Resultat: {html_errors} fel.\n"
        "- Tester med bara tangentbord: hoppa till innehållet, synlig fokusmarkering, menyn, "
        "språkväljaren och sökningen.\n"
        "- Kontroll av att rubrikerna bildar en disposition och att varje sida har en egen titel och "
        "beskrivning på sitt språk.\n\n"
        "Granskningen görs på nytt varje gång testerna körs, före varje publicering.\n"
    ),
    "en": (
        "The site was last assessed on **{assessed}**, automatically, on all {pages} pages in Swedish "
        "and English (including the \"page not found\" pages):\n\n"
        "- **axe-core {axe}** in the Chromium browser, with the rules for WCAG 2.0 and 2.1 at levels A "
        "and AA ({tags}), on a wide screen and at phone size, and with the search open and showing "
        "results. Result: {axe_violations} failures.\n"
        "- **Nu Html Checker {vnu}** (HTML validation). Result: {html_errors} errors.\n"
        "- Keyboard-only tests: skip to content, visible focus, the menu, the language switcher and "
        "search.\n"
        "- A check that the headings form an outline and that every page has its own title and "
        "description in its language.\n\n"
        "The assessment is repeated every time the tests run, before each publication.\n"
    ),
}


NOT_ASSESSED = {
    "sv": "Webbplatsen har inte granskats än. Kör `make assess`.\n",
    "en": "The site has not been assessed yet. Run `make assess`.\n",
}


def statement_markdown(record: dict | None, lang: str) -> str:
    if not record:
        return NOT_ASSESSED[lang]
    values = dict(
        assessed=record["assessed"], pages=record["pages"], axe=record["tools"]["axe-core"],
        vnu=record["tools"]["vnu-jar"], tags=", ".join(map(str, record["axe_tags"])),
        axe_violations=record["axe_violations"], html_errors=record["html_errors"])
    return TEXT[lang].format(**{key: inline(value) for key, value in values.items()})
