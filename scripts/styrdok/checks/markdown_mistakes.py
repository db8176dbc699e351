"""Mistakes in Markdown that Markdown itself does not refuse: it publishes them as text.

- A front-matter line (``translation_of: "…"``, ``title: …``) pasted below the closing ``---``: the
  web editor's user pastes the line a warning gives at the end of the file, or under the ``---``,
  and the page shows it as a sentence.
- A table without its separator row (``| a | b |`` lines with no ``|---|---|`` line under the first):
  Python-Markdown's tables extension then sees no table, and the rows are one paragraph of bars.

Code (fenced, or indented four spaces) is shown as written and is left alone.
"""

from __future__ import annotations

import re

from styrdok.checks.pages import FRONT_MATTER as FRONT_MATTER_FIELDS
from styrdok.model import yamlfile
from styrdok.model.markdown_text import fenced_blocks
from styrdok.problems import Problem

_FIELD_LINE = re.compile(rf"^(?P<key>{'|'.join(map(re.escape, FRONT_MATTER_FIELDS))})[ \t]*:(?:[ \t]|$)")
# A table row as the tables extension reads it (at most three spaces in, a bar first and last).
_ROW = re.compile(r"^ {0,3}\|.*\|[ \t]*$")
# The separator row: cells of dashes (with optional colons for alignment) between bars.
_SEPARATOR = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_BAR = re.compile(r"(?<!\\)\|")


def _code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside fenced code blocks."""
    return {index for first, last in fenced_blocks(lines) for index in range(first, last + 1)}


def check(text: str, file: str, page: bool) -> list[Problem]:
    """The mistakes above in one page (``page``) or fragment, with their lines."""
    start, closing = 1, None
    if page:
        match = yamlfile.FRONT_MATTER.match(text.removeprefix("\ufeff"))
        if match:
            closing = text[:match.end()].count("\n")
            start = closing + 1
            text = text.removeprefix("\ufeff")[match.end():]
    if "|" not in text and not page:
        return []
    lines = text.split("\n")
    code = _code_lines(lines) if "```" in text or "~~~" in text else set()
    problems = []
    block_start = True  # the line begins a block: after a blank line, a heading, or at the start
    for index, line in enumerate(lines):
        number = start + index
        if index in code or line.startswith("    ") or line.startswith("\t"):
            block_start = not line.strip()
            continue
        if page and (field := _FIELD_LINE.match(line)):
            problems.append(_field_below(file, number, field["key"], closing))
        elif block_start and _ROW.match(line) and not (index + 1 < len(lines) and _SEPARATOR.match(lines[index + 1])):
            problems.append(_no_separator(file, number, line))
        block_start = not line.strip() or line.lstrip().startswith("#")
    return problems


def _field_below(file: str, line: int, key: str, closing: int | None) -> Problem:
    if closing is None:
        return Problem(
            file, line, f"Raden '{key}: …' står i sidans text, så den publiceras som text på sidan.",
            f"The line '{key}: …' stands in the page's text, so it is published as text on the page.",
            "Flytta raden överst i filen, mellan två rader med bara --- (där sidans fält står).",
            "Move the line to the top of the file, between two lines of only --- (where the page's fields are).")
    return Problem(
        file, line,
        f"Raden '{key}: …' står under raden --- som avslutar fälten överst i filen, så den publiceras som text "
        "på sidan.",
        f"The line '{key}: …' stands below the --- line that closes the front matter, so it is published as "
        "text on the page.",
        f"Flytta raden upp ovanför raden --- på rad {closing}, bland de andra fälten. Finns fältet '{key}:' redan "
        "där, byt ut den raden mot den här.",
        f"Move the line up above the --- line on line {closing}, among the other fields. If the field '{key}:' "
        "is already there, replace that line with this one.")


def _no_separator(file: str, line: int, row: str) -> Problem:
    columns = max(len(_CELL_BAR.split(row.strip())) - 2, 1)
    separator = "|" + " --- |" * columns
    return Problem(
        file, line,
        "Raderna ser ut som en tabell, men raden med streck under tabellens första rad saknas. Då visas raderna "
        "som vanlig text med lodstreck.",
        "The lines look like a table, but the row of dashes below the table's first row is missing. The lines "
        "are then shown as plain text with bars.",
        f"Lägg till den här raden direkt under rad {line} (en cell med --- för var och en av tabellens {columns} "
        f"kolumner): {separator}",
        f"Add this line right below line {line} (a cell of --- for each of the table's {columns} columns): "
        f"{separator}")
