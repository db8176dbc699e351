"""Small, explicit fixes to the HTML the theme writes (each one says why)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from styrdok.render import language_marking

# Material's two toggles (menu and search) are checkboxes with autocomplete="off", which HTML
# allows only on text-like inputs (the Nu Html Checker reports an error on every page). They stand
# before the article, in the theme's own markup: only that part is searched, so the pattern never
# reads the page's text (it tries each of the theme's few "<input class=" once, up to its ">").
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    end = html.find(_ARTICLE_START)
    end = len(html) if end < 0 else end
    fixed, count = _CHECKBOX_AUTOCOMPLETE.subn(r"\1", html[:end])
    if count != 2:  # base.html writes the two toggles outside any block: the fix must find both
        raise ThemeChanged(f"Material's two toggles (menu and search) were not found as expected ({count} found): "
                           "look at styrdok.render.theme_fixes.drop_checkbox_autocomplete.")
    return fixed + html[end:]


_LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')


def page_language(html: str) -> str | None:
    """The page's <html lang>, or None."""
    match = _LANG.search(html)
    return match.group(1) if match else None


class ThemeChanged(RuntimeError):
    """The theme's markup no longer has what a fix here relies on: the fix must be looked at, never
    skipped in silence."""


def fix(html: str, page_url: str | None, terms: list) -> str:
    """Every fix in this module, in order. ``terms``: the terminology (language_marking.mark escapes what it writes)."""
    html = drop_checkbox_autocomplete(html)
    html = mark_languages(html, terms)
    return print_link_targets(html, page_url)


def _article(html: str) -> tuple[int, int]:
    """Where the theme's article starts and ends; ThemeChanged when the markup is not there."""
    start = html.find(_ARTICLE_START)
    end = html.find(_ARTICLE_END, start)
    if start < 0 or end < 0:
        raise ThemeChanged(f"The theme's article ({_ARTICLE_START}) was not found: look at styrdok.render.theme_fixes.")
    return start, end


def mark_languages(html: str, terms: list) -> str:
    """Swedish terms in an English article carry lang="sv" (language_marking.mark); the frame is the theme's."""
    start, end = _article(html)
    if not terms:
        return html
    return html[:start] + language_marking.mark(html[start:end], terms, page_language(html) or "sv") + html[end:]


# Printed pages write each link's target out (print.css shows data-print-url): the full address,
# since a relative one means nothing on paper. Only links in the article; anchors on the same page
# are left alone.
_ARTICLE_START, _ARTICLE_END = '<article class="md-content__inner md-typeset">', "</article>"
_LINK = re.compile(r'<a href="([^"#][^"]*)"')


def print_link_targets(html: str, page_url: str | None) -> str:
    start, end = _article(html)
    if not page_url:
        return html
    body = _LINK.sub(lambda m: f'<a href="{m.group(1)}" data-print-url="{urljoin(page_url, m.group(1))}"',
                     html[start:end])
    return html[:start] + body + html[end:]
