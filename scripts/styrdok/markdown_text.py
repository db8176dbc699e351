"""Helpers for reading Markdown source as text, shared by the safety and spelling checks."""

from __future__ import annotations

import re

FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def blank_code(text: str) -> str:
    """Code is shown, not run or read as prose: blank it out, keeping the line numbers."""
    def blank(match):
        return re.sub(r"[^\n]", " ", match.group(0))
    return CODE_SPAN.sub(blank, FENCE.sub(blank, text))
