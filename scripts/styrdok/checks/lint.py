"""Markdown style, checked by pymarkdown (pymarkdownlnt) with the project's .pymarkdown.json."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from styrdok.checks.safety import ALLOWED_TAGS
from styrdok.problems import Problem, relative

_ROW = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rule>MD\d+): (?P<text>.*)$")

# Plain-language Swedish for the rules editors meet most; others get a general explanation.
SWEDISH = {
    "MD001": "Rubriknivåerna hoppar över en nivå (till exempel från ## till ####).",
    "MD003": "Rubriken är skriven på ett annat sätt än de andra. Skriv rubriker med # i början.",
    "MD004": "Punktlistan använder ett annat tecken än -. Börja varje punkt med - .",
    "MD009": "Raden slutar med mellanslag.",
    "MD010": "Raden innehåller tabbtecken. Använd mellanslag.",
    "MD012": "Det finns flera tomma rader i rad. Använd en tom rad.",
    "MD018": "Det saknas ett mellanslag efter # i rubriken.",
    "MD019": "Det finns flera mellanslag efter # i rubriken.",
    "MD022": "Rubriken ska ha en tom rad före och efter.",
    "MD024": "Två rubriker har samma text.",
    "MD025": "Sidan har mer än en huvudrubrik (#).",
    "MD031": "Kodblocket ska ha en tom rad före och efter.",
    "MD032": "Listan ska ha en tom rad före och efter.",
    "MD047": "Filen ska sluta med en radbrytning.",
    "MD033": "HTML-koden är inte tillåten. Tillåtna taggar: " + ", ".join(sorted(ALLOWED_TAGS)) + ".",
}


def check(paths: list[Path], root: Path, config: Path) -> list[Problem]:
    # Inline HTML: exactly what the safety check allows (and comments, which carry the markers).
    allowed = ",".join(["!--", *sorted(ALLOWED_TAGS)])
    result = subprocess.run([sys.executable, "-m", "pymarkdown", "--config", str(config),
                             "--set", f"plugins.md033.allowed_elements={allowed}", "scan",
                             *map(str, paths)], capture_output=True, text=True, cwd=root)
    problems = []
    for row in result.stdout.splitlines():
        match = _ROW.match(row.strip())
        if not match:
            continue
        rule, text = match["rule"], match["text"]
        problems.append(Problem(
            relative(Path(match["file"]), root), int(match["line"]),
            f"{SWEDISH.get(rule, 'Markdown-koden följer inte projektets stilregler.')} ({rule})",
            f"{text} ({rule})",
            f"Rätta raden så att den följer regeln {rule}. Jämför gärna med en annan sida.",
            f"Correct the line so that it follows the rule {rule}. Compare with another page if unsure."))
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
