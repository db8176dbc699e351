"""Small, explicit fixes to the HTML the theme writes (each one says why)."""

from __future__ import annotations

import re

# Material turns every <link rel="alternate" hreflang> in the head into a fetch of
# "<that URL>/sitemap.xml", which does not exist, on every page view. The sitemap already lists
# the language alternates with absolute URLs, and the language switcher keeps its own links.
_HEAD_HREFLANG = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop_head_hreflang(html: str) -> str:
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HEAD_HREFLANG.sub("", html[:head_end]) + html[head_end:]


# Material's two toggles (menu and search) are checkboxes with autocomplete="off", which HTML
# allows only on text-like inputs (the Nu Html Checker reports an error on every page).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


# On narrow screens the menu and search buttons are <label>s for hidden checkboxes: the theme
# answers Enter on a focused label, but a label cannot get focus, so keyboard users could not
# open the menu (WCAG 2.1.1). Make them focusable buttons with a name in the page's language.
HEADER_BUTTONS = {
    "sv": {"__drawer": "Meny", "__search": "Sök"},
    "en": {"__drawer": "Menu", "__search": "Search"},
}
_LANG = re.compile(r'<html lang="([a-z]+)"')


def focusable_header_buttons(html: str) -> str:
    match = _LANG.search(html)
    names = HEADER_BUTTONS.get(match.group(1) if match else "", HEADER_BUTTONS["sv"])
    for target, name in names.items():
        html = html.replace(f'<label class="md-header__button md-icon" for="{target}">',
                            f'<label class="md-header__button md-icon" for="{target}" tabindex="0" '
                            f'role="button" aria-label="{name}">')
    return html


def fix(html: str) -> str:
    """Every fix in this module, in order."""
    return focusable_header_buttons(drop_checkbox_autocomplete(drop_head_hreflang(html)))
