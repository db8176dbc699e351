"""Content safety in the Markdown source: raw HTML on a short allowlist, no script links.

This is the early check, with file and line; what is published is decided on the HTML the build
writes (published.py), parsed as a browser parses it. The two must agree, so this check reads tags
and comments as a browser's tokenizer does (html_tokens.py; Python's html.parser reads ``<!-->``
as an unclosed comment and takes quadratic time on unclosed tags), and it refuses at the source
every construct on which parsers disagree: comments other than the site's own markers (where a
comment ends differs between parsers), noscript and template (their content is text or markup
depending on the parser's settings), and the other elements whose content is raw text. It also
refuses ``data-toc-label``, which would put text in the table of contents that the page does not
show (headings.py enforces that on the parsed tree).

Browsers decode entities (``&#58;``) and ignore tabs and newlines inside a URL scheme, so every
URL is decoded and stripped the same way before it is judged.
"""

from __future__ import annotations

import bisect
import html
import re

from styrdok.model import html_tokens, markers
from styrdok.model.markdown_text import blank_code
from styrdok.problems import Problem

ALLOWED_TAGS = {"br", "abbr", "sub", "sup", "kbd", "small"}
ALLOWED_ATTRIBUTES = {"title"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# Elements whose content a browser does not read as markup (with scripting on, as browsers run),
# and template, whose content a browser keeps out of the page: refused with their own reason.
RAW_CONTENT_TAGS = html_tokens.RAW_TEXT | {"plaintext", "template"}
# The attribute Python-Markdown's toc extension reads and removes (headings.TOC_ATTRIBUTES).
_TOC_ATTRIBUTE = re.compile(r"data-toc-label", re.IGNORECASE)

_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_AUTOLINK = re.compile(r"<([a-zA-Z][\w+.\-]*:[^<>\s]*)>")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_LINE_BREAK = re.compile(r"\n")
# A marker that is all its line holds (expanded there, before Markdown reads the page).
_MARKER_LINE = re.compile(rf"^[ \t]*+({markers.MARKER.pattern})[ \t]*+$", re.MULTILINE)


def dangerous_url(url: str) -> bool:
    """True when a browser would run or embed the URL: javascript:, data:, vbscript: in any disguise."""
    decoded = html.unescape(html.unescape(url))
    return _CONTROL.sub("", decoded).lower().startswith(BAD_SCHEMES)


def _fix_html():
    return ("Ta bort HTML-koden och skriv med Markdown. Tillåtna taggar: "
            + ", ".join(sorted(ALLOWED_TAGS)) + ".",
            "Remove the HTML and write Markdown instead. Allowed tags: "
            + ", ".join(sorted(ALLOWED_TAGS)) + ".")


def check_markdown(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """Problems with raw HTML, comments, table-of-contents attributes and link targets in one
    Markdown text."""
    problems = []
    text = blank_code(text)
    breaks = [match.start() for match in _LINE_BREAK.finditer(text)]

    def line_at(position: int) -> int:
        return bisect.bisect_right(breaks, position - 1) + first_line

    # Autolinks (<https://…>) are links, not tags; they are judged with the other links below.
    scanned = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text) if "<" in text else text
    fix_sv, fix_en = _fix_html()
    marker_spans = set()
    alone = {match.span(1) for match in _MARKER_LINE.finditer(scanned)} if "<!--" in scanned else set()
    for match in markers.MARKER.finditer(scanned):
        if match.group(1) not in markers.GENERATED:
            problems.append(markers.unknown(file, line_at(match.start()), match.group(1)))
        elif match.span() not in alone:
            problems.append(Problem(
                file, line_at(match.start()),
                f"Markeringen '{match.group(0)}' står inte ensam på sin rad.",
                f"The marker '{match.group(0)}' does not stand alone on its line.",
                "Skriv markeringen på en egen rad.", "Write the marker on a line of its own."))
        marker_spans.add(match.span())
    for token in html_tokens.tokens(scanned) if "<" in scanned else ():
        line = line_at(token.start)
        if token.kind in ("comment", "doctype"):
            if (token.start, token.end) not in marker_spans:
                problems.append(Problem(
                    file, line, "En HTML-kommentar (<!-- … -->, <!…>, <?…>) är inte tillåten i texten.",
                    "An HTML comment (<!-- … -->, <!…>, <?…>) is not allowed in the text.",
                    "Ta bort kommentaren. Webbläsare och kontroller läser inte alltid in samma sak i en "
                    "kommentar. Bara webbplatsens markeringar <!-- generated: … --> är tillåtna.",
                    "Remove the comment. Browsers and checks do not always read a comment the same way. "
                    "Only the site's markers <!-- generated: … --> are allowed."))
            continue
        if token.kind not in ("start", "open"):
            continue
        tag = token.name
        if tag in RAW_CONTENT_TAGS:
            problems.append(Problem(
                file, line, f"HTML-taggen <{tag}> är inte tillåten.", f"The HTML tag <{tag}> is not allowed.",
                f"{fix_sv} Webbläsare och kontroller läser inte det som står i <{tag}> på samma sätt.",
                f"{fix_en} Browsers and checks do not read what stands inside <{tag}> the same way."))
        elif tag not in ALLOWED_TAGS:
            problems.append(Problem(file, line, f"HTML-taggen <{tag}> är inte tillåten.",
                                    f"The HTML tag <{tag}> is not allowed.", fix_sv, fix_en))
        if token.kind == "open":
            continue
        for name, value in html_tokens.attributes(scanned, token):
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
    for match in _TOC_ATTRIBUTE.finditer(text):
        problems.append(toc_problem(file, line_at(match.start())))
    for pattern in (_MD_LINK, _AUTOLINK, _REF_DEF):
        for match in pattern.finditer(text):
            if dangerous_url(match.group(1)):
                problems.append(_bad_link(file, line_at(match.start(1)), match.group(1)))
    return problems


def toc_problem(file: str, line: int | None) -> Problem:
    return Problem(
        file, line,
        "Attributet data-toc-label är inte tillåtet: det sätter en annan text i innehållsförteckningen "
        "än den som står i rubriken.",
        "The attribute data-toc-label is not allowed: it puts text in the table of contents other than "
        "the heading's own.",
        "Ta bort {: data-toc-label=… } och skriv rubriken som den ska stå i innehållsförteckningen.",
        "Remove {: data-toc-label=… } and write the heading as it should read in the table of contents.")


def _bad_link(file, line, url) -> Problem:
    shown = url if len(url) <= 40 else url[:37] + "..."
    return Problem(file, line, f"Länken '{shown}' kör skript eller bäddar in innehåll och är inte tillåten.",
                   f"The link '{shown}' runs script or embeds content and is not allowed.",
                   "Länka till en vanlig webbadress (https://…) eller en sida på webbplatsen.",
                   "Link to an ordinary web address (https://…) or a page on this site.")


