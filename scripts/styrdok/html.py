"""Small, explicit fixes to the HTML the theme writes (each one says why)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import markupsafe

from . import language

# Material turns every <link rel="alternate" hreflang> in the head into a fetch of
# "<that URL>/sitemap.xml", which does not exist, on every page view. The sitemap already lists
# the language alternates with absolute URLs, and the language switcher keeps its own links.
# (The pattern starts at the line break before the link: a literal start lets the regex engine
# skip ahead, which matters on a site of thousands of pages.)
_HEAD_HREFLANG = re.compile(r'\n[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_head_hreflang(html: str) -> str:
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HEAD_HREFLANG.sub("", html[:head_end]) + html[head_end:]


# Material's two toggles (menu and search) are checkboxes with autocomplete="off", which HTML
# allows only on text-like inputs (the Nu Html Checker reports an error on every page). They stand
# before the article, in the theme's own markup: only that part is searched, so the pattern never
# reads the page's text (it tries each of the theme's few "<input class=" once, up to its ">").
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    end = html.find(_ARTICLE_START)
    end = len(html) if end < 0 else end
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html[:end]) + html[end:]


_LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')


def page_language(html: str) -> str | None:
    """The page's <html lang>, or None."""
    match = _LANG.search(html)
    return match.group(1) if match else None


# Wide tables scroll inside their own box on a phone instead of widening the page (WCAG 1.4.10).
# The theme's script used to add this wrapper; the site does not load that script. A box that
# scrolls must be reachable by keyboard (WCAG 2.1.1): it takes focus and is a named region.
# Searched only up to the last "</table>", so that every "<table>" tried finds its end (linear).
_TABLE = re.compile(r"(<table>.*?</table>)", re.DOTALL)


def scrollable_tables(html: str, texts: dict) -> str:
    # The region's name is ui.yml text in an attribute: escaped (markupsafe escapes quotes too).
    name = markupsafe.escape(texts.get(page_language(html) or "", texts["sv"])["table_region"])
    last = html.rfind("</table>")
    if last < 0:
        return html
    last += len("</table>")
    return _TABLE.sub(lambda m: f'<div class="md-typeset__scrollwrap" tabindex="0" role="region" '
                                f'aria-label="{name}"><div class="md-typeset__table">{m.group(1)}</div></div>',
                      html[:last]) + html[last:]


def fix(html: str, page_url: str | None, terms: list, texts: dict) -> str:
    """Every fix in this module, in order. ``texts``: the interface text by language (ui.yml)."""
    html = drop_checkbox_autocomplete(drop_head_hreflang(html))
    html = mark_languages(html, terms)
    return scrollable_tables(print_link_targets(html, page_url), texts)


def mark_languages(html: str, terms: list) -> str:
    """Swedish terms in an English article carry lang="sv" (language.mark); the frame is the theme's."""
    start = html.find(_ARTICLE_START)
    end = html.find(_ARTICLE_END, start)
    if not terms or start < 0 or end < 0:
        return html
    return html[:start] + language.mark(html[start:end], _escaped_glosses(terms), page_language(html) or "sv") \
        + html[end:]


_glosses: list = [None, None]  # (the terms, the same with their glosses escaped), for the whole build


def _escaped_glosses(terms: list) -> list:
    """The terms with each gloss escaped for HTML: language.mark writes a gloss into the page after
    a name's first use, and a gloss is terminology.yml text."""
    if _glosses[0] is not terms:
        _glosses[:] = [terms, [{**term, "gloss": markupsafe.escape(term["gloss"])} if term.get("gloss") else term
                               for term in terms]]
    return _glosses[1]


# Printed pages write each link's target out (print.css shows data-print-url): the full address,
# since a relative one means nothing on paper. Only links in the article; anchors on the same page
# are left alone.
_ARTICLE_START, _ARTICLE_END = '<article class="md-content__inner md-typeset">', "</article>"
_LINK = re.compile(r'<a href="([^"#][^"]*)"')


def print_link_targets(html: str, page_url: str | None) -> str:
    start = html.find(_ARTICLE_START)
    end = html.find(_ARTICLE_END, start)
    if not page_url or start < 0 or end < 0:
        return html
    body = _LINK.sub(lambda m: f'<a href="{m.group(1)}" data-print-url="{urljoin(page_url, m.group(1))}"',
                     html[start:end])
    return html[:start] + body + html[end:]
