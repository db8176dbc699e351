"""Markdown style, checked by pymarkdown (pymarkdownlnt) with the project's .pymarkdown.json."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from styrdok.checks.markdown_rules import DETAIL_LABELS, RULES, UNKNOWN
from styrdok.checks.safety import ALLOWED_TAGS
from styrdok.model import yamlfile
from styrdok.problems import ContentError, Problem, relative

_ROW = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rule>MD\d+): (?P<text>.*)$")
# pymarkdown's details of a finding: "[Expected: h2; Actual: h3]".
_DETAILS = re.compile(r"\[(?P<details>[^\[\]]*)\]")
_HEADING_LEVEL = re.compile(r"\bh([1-6])\b")
# A row of `pymarkdown plugins list`: the rule, its names, enabled by default, enabled now.
_PLUGIN_ROW = re.compile(r"^\s*(?P<rule>md\d+)\s.*?\s(?:True|False)\s+(?P<now>True|False)\s")


def _swedish_details(text: str) -> str:
    """pymarkdown's details in Swedish, heading levels as the editor writes them (h3 is ###)."""
    match = _DETAILS.search(text)
    if not match:
        return ""
    parts = []
    for part in match["details"].split(";"):
        label, colon, value = part.strip().partition(":")
        value = _HEADING_LEVEL.sub(lambda m: "#" * int(m[1]), value.strip()).replace(" or ", " eller ")
        label = DETAIL_LABELS.get(label.strip(), label.strip())
        parts.append(f"{label}: {value}" if colon else label)
    said = ", ".join(parts)
    return f" {said[:1].upper()}{said[1:]}."


def problem(file: str, line: int, rule: str, tool_text: str) -> Problem:
    """One finding of pymarkdown told from the rule's texts (markdown_rules.RULES), with the tool's
    own words and details kept in the English half."""
    allowed = ", ".join(sorted(ALLOWED_TAGS))
    sv, en, fix_sv, fix_en = (text.format(allowed=allowed) for text in RULES.get(rule, UNKNOWN))
    return Problem(file, line, f"{sv}{_swedish_details(tool_text)} ({rule})", f"{en} ({rule}: {tool_text})",
                   fix_sv, fix_en)


def enabled_rules(config: Path) -> set[str]:
    """The rules pymarkdown runs with the project's configuration (its defaults and the changes
    .pymarkdown.json makes), as pymarkdown itself lists them."""
    result = subprocess.run([sys.executable, "-m", "pymarkdown", "--config", str(config), "plugins", "list"],
                            capture_output=True, text=True, check=True)
    return {match["rule"].upper() for row in result.stdout.splitlines()
            if (match := _PLUGIN_ROW.match(row)) and match["now"] == "True"}


def _front_matter_end(text: str) -> int | None:
    """The last line of a page's front matter when it cannot be read (the content check tells that
    with its line), or None when it can. pymarkdown reads such a block as headings and rules, and
    what it says about those lines is noise beside the one message that matters."""
    try:
        yamlfile.read_page_text(text, "")
    except ContentError:
        match = yamlfile.FRONT_MATTER.match(text.removeprefix("\ufeff"))
        return text[:match.end()].count("\n") if match else text.count("\n") + 1
    return None


def check(paths: list[Path], root: Path, config: Path) -> list[Problem]:
    # Inline HTML: exactly what the safety check allows (and comments, which carry the markers).
    allowed = ",".join(["!--", *sorted(ALLOWED_TAGS)])
    result = subprocess.run([sys.executable, "-m", "pymarkdown", "--config", str(config),
                             "--set", f"plugins.md033.allowed_elements={allowed}", "scan",
                             *map(str, paths)], capture_output=True, text=True, cwd=root)
    problems = []
    unreadable: dict[str, int | None] = {}
    for row in result.stdout.splitlines():
        match = _ROW.match(row.strip())
        if not match:
            continue
        path = Path(match["file"]) if Path(match["file"]).is_absolute() else root / match["file"]
        file, line = relative(path, root), int(match["line"])
        if file not in unreadable:
            unreadable[file] = _front_matter_end(yamlfile.read_text(path)) if path.suffix == ".md" else None
        if unreadable[file] is not None and line <= unreadable[file]:
            continue
        problems.append(problem(file, line, match["rule"], match["text"]))
    if result.returncode not in (0, 1) and not problems:
        problems.append(Problem(".pymarkdown.json", None, "Stilkontrollen kunde inte köras.",
                                f"The style check could not run: {result.stderr.strip()[:200]}",
                                "Kontakta en utvecklare.", "Ask a developer."))
    return problems


_RUFF_ROW = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>\S+) (?P<text>.*)$")


def check_code(root: Path) -> list[Problem]:
    """The project's Python code, checked by ruff with the settings in pyproject.toml."""
    folders = [name for name in ("scripts", "tests") if (root / name).is_dir()]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "--quiet",
                             *folders], capture_output=True, text=True, cwd=root)
    problems = []
    for row in result.stdout.splitlines():
        match = _RUFF_ROW.match(row.strip())
        if match:
            problems.append(Problem(
                match["file"], int(match["line"]), f"Koden följer inte en regel i ruff: {match['text']} ({match['rule']})",
                f"The code breaks a ruff rule: {match['text']} ({match['rule']})",
                "Det här gäller koden, inte texterna: be en utvecklare rätta det (ruff check --fix rättar det mesta).",
                "This concerns the code, not the texts: ask a developer (ruff check --fix fixes most of it)."))
    if result.returncode not in (0, 1) and not problems:
        problems.append(Problem("pyproject.toml", None, "Kodkontrollen kunde inte köras.",
                                f"The code check could not run: {result.stderr.strip()[:200]}",
                                "Kontakta en utvecklare.", "Ask a developer."))
    return problems
