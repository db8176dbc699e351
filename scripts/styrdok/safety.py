"""Content safety in the Markdown source: raw HTML on a short allowlist, no script links.

Browsers decode entities (``&#58;``) and ignore tabs and newlines inside a URL scheme, so every
URL is decoded and stripped the same way before it is judged.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .markdown_text import blank_code
from .problems import Problem

ALLOWED_TAGS = {"br", "abbr", "sub", "sup", "kbd", "small"}
ALLOWED_ATTRIBUTES = {"title"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")

_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_AUTOLINK = re.compile(r"<([a-zA-Z][\w+.\-]*:[^<>\s]*)>")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def dangerous_url(url: str) -> bool:
    """True when a browser would run or embed the URL: javascript:, data:, vbscript: in any disguise."""
    decoded = html.unescape(html.unescape(url))
    return _CONTROL.sub("", decoded).lower().startswith(BAD_SCHEMES)


class _TagFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((self.getpos()[0], tag, attrs))

    handle_startendtag = handle_starttag


def _fix_html():
    return ("Ta bort HTML-koden och skriv med Markdown. Tillåtna taggar: "
            + ", ".join(sorted(ALLOWED_TAGS)) + ".",
            "Remove the HTML and write Markdown instead. Allowed tags: "
            + ", ".join(sorted(ALLOWED_TAGS)) + ".")


def check_markdown(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """Problems with raw HTML and link targets in one Markdown text."""
    problems = []
    text = blank_code(text)
    finder = _TagFinder()
    # Autolinks (<https://…>) are links, not tags; they are judged with the other links below.
    finder.feed(_AUTOLINK.sub(lambda m: " " * len(m.group(0)), text))
    finder.close()
    fix_sv, fix_en = _fix_html()
    for line, tag, attrs in finder.found:
        line += first_line - 1
        if tag not in ALLOWED_TAGS:
            problems.append(Problem(file, line, f"HTML-taggen <{tag}> är inte tillåten.",
                                    f"The HTML tag <{tag}> is not allowed.", fix_sv, fix_en))
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(Problem(file, line, f"Attributet {name}= kör skript och är inte tillåtet.",
                                        f"The attribute {name}= runs script and is not allowed.",
                                        "Ta bort attributet.", "Remove the attribute."))
            elif value and dangerous_url(value):
                problems.append(_bad_link(file, line, value))
            elif tag in ALLOWED_TAGS and name not in ALLOWED_ATTRIBUTES:
                problems.append(Problem(file, line, f"Attributet {name}= är inte tillåtet på <{tag}>.",
                                        f"The attribute {name}= is not allowed on <{tag}>.",
                                        "Ta bort attributet (bara title= är tillåtet).",
                                        "Remove the attribute (only title= is allowed)."))
    for pattern in (_MD_LINK, _AUTOLINK, _REF_DEF):
        for match in pattern.finditer(text):
            if dangerous_url(match.group(1)):
                line = text[: match.start(1)].count("\n") + first_line
                problems.append(_bad_link(file, line, match.group(1)))
    return problems


def _bad_link(file, line, url) -> Problem:
    shown = url if len(url) <= 40 else url[:37] + "..."
    return Problem(file, line, f"Länken '{shown}' kör skript eller bäddar in innehåll och är inte tillåten.",
                   f"The link '{shown}' runs script or embeds content and is not allowed.",
                   "Länka till en vanlig webbadress (https://…) eller en sida på webbplatsen.",
                   "Link to an ordinary web address (https://…) or a page on this site.")


