"""Templates own their markup: what tables need is added where tables are made, the head is our
template's, and a fix to the theme's markup that remains stops the build loudly when its anchor is
gone (a quiet no-op would publish the theme's markup unfixed)."""

from __future__ import annotations

import markdown
import pytest

from styrdok.output import published
from styrdok.render import tables, theme_fixes

pytestmark = pytest.mark.unit

TOGGLES = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
           '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')
ARTICLE = '<article class="md-content__inner md-typeset"><p><a href="../x/">x</a></p></article>'


def page(toggles: str = TOGGLES, article: str = ARTICLE) -> str:
    return f'<!doctype html><html lang="sv"><head></head><body>{toggles}{article}</body></html>'


def convert(text: str, label: str = "Tabell") -> str:
    return markdown.Markdown(extensions=["tables", "attr_list", "styrdok.render.tables"],
                             extension_configs={"styrdok.render.tables": {"label": label}}).convert(text)


def test_the_fixes_apply_where_the_theme_markup_is():
    fixed = theme_fixes.fix(page(), "https://example.org/sida/", [])
    assert 'autocomplete="off"' not in fixed
    assert 'data-print-url="https://example.org/x/"' in fixed


@pytest.mark.parametrize("broken", [page(toggles=""), page(toggles=TOGGLES.split(">")[0] + ">"),
                                    page(article="<main><p>x</p></main>")])
def test_a_fix_whose_anchor_is_gone_stops_loudly(broken):
    with pytest.raises(theme_fixes.ThemeChanged, match="look at"):
        theme_fixes.fix(broken, "https://example.org/sida/", [])


def test_a_table_is_wrapped_where_it_is_made_and_the_allowlist_takes_exactly_that():
    converted = convert("| a | b |\n|---|---|\n| 1 | 2 |", "Tabell (rulla i sidled)")
    assert converted.startswith(f'<div aria-label="Tabell (rulla i sidled)" class="{tables.OUTER_CLASS}" '
                                f'role="region" tabindex="0"><div class="{tables.INNER_CLASS}"><table>')
    assert published.content_findings(converted) == []


@pytest.mark.parametrize("forged", [
    # The same classes around something else, or with one attribute more or less, are not the site's.
    f'<div class="{tables.OUTER_CLASS}" tabindex="0" role="region" aria-label="x"><p>text</p></div>',
    f'<div class="{tables.OUTER_CLASS}" tabindex="0" role="region" aria-label="x" onfocus="y()">'
    f'<div class="{tables.INNER_CLASS}"><table></table></div></div>',
    f'<div class="{tables.OUTER_CLASS}" tabindex="1" role="region" aria-label="x">'
    f'<div class="{tables.INNER_CLASS}"><table></table></div></div>',
    f'<div class="{tables.INNER_CLASS}"><table></table></div>',
    f'<div class="{tables.INNER_CLASS}" tabindex="0"><table></table></div>',
])
def test_anything_else_with_the_wrappers_classes_is_refused(forged):
    assert published.content_findings(forged)
