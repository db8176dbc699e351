"""The accessibility statement's claims: what was assessed, by what, and what that allows it to say.

The automated assessment is the test suite itself (axe-core and the Nu Html Checker on every page,
keyboard and reading tests): it runs on every pull request and before every publication, and the
publishing workflow publishes only a commit whose tests passed. Its part of the statement is made
at build time from what the build knows (the tools pinned in package-lock.json, the rules, the
pages, the build date).

Automated tools cannot establish conformance. So the statement's compliance sentences, its list of
known gaps and what it says about a manual review come from the operator's records
(operator_settings.RECORDS): without a recorded manual review the site is "delvis förenlig" / "partially
compliant" and the statement says that no manual review has been made. "Last updated" is the day
of the statement page's latest version (model/history.py, the same source as every page's "last
updated" line: pipeline.SiteBuild._last_updated), not the build date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from styrdok.model import operator_settings, ui
from styrdok.model.markdown_text import inline

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NPM_TOOLS = {"axe-core": "axe-core", "vnu-jar": "Nu Html Checker (vnu-jar)"}
# axe's tags name a WCAG version and a level: wcag2a (2.0, A), wcag21aa (2.1, AA), wcag22aa (2.2, AA).
_TAG = re.compile(r"^wcag(\d)(\d?)(a{1,3})$")


def tool_versions(root: Path) -> dict[str, str]:
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in NPM_TOOLS}


def page_count(docs_dir: Path, languages: tuple[str, ...]) -> int:
    """Pages checked: every page in every language and each language's "page not found" page."""
    return sum(len(list((docs_dir / lang).rglob("*.md"))) for lang in languages) + len(languages)


def build_date() -> str:
    """The day of this build (SOURCE_DATE_EPOCH when set, so that two builds are identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
    return day.isoformat()


def current(root: Path, languages: tuple[str, ...]) -> dict:
    return {"built": build_date(), "tools": tool_versions(root), "axe_tags": AXE_TAGS,
            "pages": page_count(root / "docs", languages)}


def rules(tags) -> tuple[list[str], list[str]]:
    """The WCAG versions and levels that axe's tags select, in order (wcag21aa → '2.1', 'AA')."""
    versions, levels = [], []
    for tag in tags:
        match = _TAG.match(str(tag))
        if match:
            version, level = f"{match[1]}.{match[2] or 0}", match[3].upper()
            versions += [version] if version not in versions else []
            levels += [level] if level not in levels else []
    return sorted(versions), sorted(levels, key=len)


def words(items: list[str], texts: dict) -> str:
    """'A', 'A and B', 'A, B and C' in this language (list_and in ui.yml)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {texts['list_and']} {items[-1]}"


def statement_markdown(record: dict, texts: dict) -> str:
    """The statement's assessment part; its wording is statement_assessment in docs/_data/ui.yml."""
    versions, levels = rules(record["axe_tags"])
    values = dict(built=record["built"], pages=record["pages"], axe=record["tools"]["axe-core"],
                  vnu=record["tools"]["vnu-jar"], versions=words(versions, texts), levels=words(levels, texts))
    return ui.fill(texts, "statement_assessment", {key: inline(value) for key, value in values.items()})


# --- what the records allow the statement to say -----------------------------------------------------

def _plain(texts: dict, key: str, **values) -> str:
    """A plain ui.yml text as literal Markdown text, its values already literal."""
    return ui.fill(texts, key, values, inline)


def _basis(settings: dict, lang: str, texts: dict) -> str:
    """Why the statement says what it says: the recorded manual review (who, when, how), or that
    there is none; and that the known gaps follow."""
    record = operator_settings.review(settings)
    said = (_plain(texts, "review_recorded", date=inline(record["date"]), reviewer=inline(record["reviewer"][lang]),
                   method=inline(record["method"][lang]))
            if record else _plain(texts, "review_missing"))
    return said + (" " + _plain(texts, "gaps_below") if operator_settings.gaps(settings) else "")


def _technical_basis(settings: dict, texts: dict) -> str:
    """The same, briefly: the gaps follow, or no manual review has been made, or (full) nothing."""
    if operator_settings.gaps(settings):
        return _plain(texts, "gaps_below")
    return "" if operator_settings.review(settings) else _plain(texts, "review_missing_short")


def _conformance(settings: dict, texts: dict) -> str:
    return _plain(texts, f"conformance_{operator_settings.conformance(settings)}")


def compliance_markdown(settings: dict, lang: str, texts: dict) -> str:
    """"How accessible is the site?": no more than the records say."""
    return ui.fill(texts, "statement_compliance", {"conformance": _conformance(settings, texts),
                                                   "basis": _basis(settings, lang, texts)})


def technical_markdown(settings: dict, lang: str, texts: dict) -> str:
    """The compliance sentence of "Technical information" (WCAG 2.1 AA), from the same records."""
    return ui.fill(texts, "statement_technical", {"conformance": _conformance(settings, texts),
                                                  "basis": _technical_basis(settings, texts)})


def gaps_markdown(settings: dict, lang: str, texts: dict) -> str:
    """"Content that is not accessible": the known gaps, or what is known when there are none."""
    gaps = operator_settings.gaps(settings)
    if gaps:
        items = []
        for gap in gaps:
            item = f"- {inline(gap[lang])}"
            if gap.get("wcag"):
                item += " " + _plain(texts, "gap_criterion", criterion=inline(gap["wcag"]))
            items.append(item + "\n")
        return _plain(texts, "gaps_intro") + "\n\n" + "".join(items)
    record = operator_settings.review(settings)
    return (_plain(texts, "gaps_none_found", date=inline(record["date"])) if record
            else _plain(texts, "gaps_unknown")) + "\n"


def review_markdown(settings: dict, lang: str, texts: dict) -> str:
    """The manual review as recorded (when, who, how, what it found), or that none has been made."""
    record = operator_settings.review(settings)
    if not record:
        return _plain(texts, "review_not_made") + "\n"
    return "\n\n".join([_plain(texts, "review_made", date=inline(record["date"]), reviewer=inline(record["reviewer"][lang])),
                        _plain(texts, "review_method", method=inline(record["method"][lang])),
                        _plain(texts, "review_result", result=inline(record["result"][lang]))]) + "\n"
