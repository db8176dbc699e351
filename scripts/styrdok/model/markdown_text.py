"""Helpers for reading Markdown source as text, shared by the safety and spelling checks."""

from __future__ import annotations

import bisect
import re

import markupsafe

_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span as Python-Markdown reads them: a run of backticks closed by the
    next run of the same length in the same paragraph, the first not escaped with a backslash.

    One pass over the runs (the index of the next run of each length is built from the end), so a
    text full of unmatched backticks costs no more than any other.
    """
    spans = []
    breaks = list(_BLANK_LINE.finditer(text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    for offset, end in zip(starts, ends, strict=True):
        paragraph = text[offset:end]
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(paragraph)]
        following, next_same = {}, [None] * len(runs)
        for index in range(len(runs) - 1, -1, -1):
            length = runs[index][1] - runs[index][0]
            next_same[index] = following.get(length)
            following[length] = index
        index = 0
        while index < len(runs):
            start, _ = runs[index]
            close = next_same[index]
            if close is None or (start > 0 and paragraph[start - 1] == "\\"):
                index += 1
                continue
            spans.append((offset + start, offset + runs[close][1]))
            index = close + 1
    return spans


# Python-Markdown's fenced_code (MkDocs always enables it): a fence of three or more ` or ~ at the
# start of a line, an optional language or {attributes}, closed by a line with the same fence.
_FENCE_OPEN = re.compile(r"^(~{3,}|`{3,})[ ]*(\{[^\n]*\}|\.?[\w#.+-]*[ ]*(hl_lines=(\"|').*?\4[ ]*)?)$")


def fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line index of each fenced code block, in one pass with a look-up of closings."""
    closings: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        stripped = line.rstrip(" ")
        if stripped[:3] in ("```", "~~~") and stripped == stripped[0] * len(stripped):
            closings.setdefault(stripped, []).append(index)
    blocks, index = [], 0
    while index < len(lines):
        match = _FENCE_OPEN.match(lines[index]) if lines[index][:3] in ("```", "~~~") else None
        if match:
            candidates = closings.get(match.group(1), [])
            close = candidates[bisect.bisect_right(candidates, index)] \
                if bisect.bisect_right(candidates, index) < len(candidates) else None
            if close is not None:
                blocks.append((index, close))
                index = close + 1
                continue
        index += 1
    return blocks


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def blank_code(text: str) -> str:
    """Code is shown, not run or read as prose: blank it out, keeping the line numbers.

    Only used to read the source (spelling, early safety messages); what is published is judged
    on the HTML (published.py), so a difference from Python-Markdown here cannot let code through.
    """
    if "`" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    for first, last in fenced_blocks(lines):
        for index in range(first, last + 1):
            lines[index] = _blank(lines[index])
    text = "\n".join(lines)
    parts, last = [], 0
    for start, end in code_spans(text):
        parts += [text[last:start], _blank(text[start:end])]
        last = end
    return "".join(parts) + text[last:]


# Characters that mean something to Markdown, to its extensions (attr_list's {: }, the include
# step's {! !}) or to HTML, written as character references: a value from a data file then reads
# as the same text on the page and can never become markup, a link or an include.
_INLINE_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'[]{}|*_`\\!#"}
_INLINE_ESCAPES[ord("\n")] = " "
_INLINE_ESCAPES[ord("\r")] = " "


def html_text(value) -> str:
    """Text for a template that does not escape (MkDocs' and the theme's): escaped for HTML, and
    marked as such so that an escaping template does not escape it twice."""
    return markupsafe.escape(value)


def inline(value) -> str:
    """A data value (register, terminology, assessment record) as literal text in generated Markdown."""
    return str(value).translate(_INLINE_ESCAPES)
