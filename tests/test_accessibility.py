"""Every page meets WCAG 2.1 AA as far as axe-core can tell, in both languages, search open or not."""

from __future__ import annotations

import pytest

from conftest import ROOT, search
from styrdok.model.register import load_register
from styrdok.render.assessment import AXE_TAGS as TAGS

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # read when a test needs it: pytest -m unit runs without it


def axe(page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the test driver: the site's CSP rightly refuses an injected <script>.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # Only violations are read: axe then details no passing node (its documented way to run faster).
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", TAGS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×: {v['nodes'][0]['target']})" for v in result["violations"]]


@pytest.mark.long
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_axe_finds_no_violation_on_any_page(site, browser_page, viewport):
    page = browser_page.page
    page.set_viewport_size(viewport)
    found = {}
    for rel in site.pages() + ["404-finns-inte/", "en/404-not-here/"]:
        page.goto(site.url + rel)
        violations = axe(page)
        if violations:
            found[rel] = violations
    assert found == {}


REFERENCE = next(d.reference for d in load_register(ROOT / "docs" / "_data" / "register.yml").documents
                 if d.reference != "not_stated")


@pytest.mark.parametrize(("start", "query", "shown"), [
    ("", "strategi", None), ("en/", "strategy", None), ("", "xyzzy", None),
    ("", "samvekan", ".site-search-suggest button"), ("en/", "stratgy", ".site-search-suggest button"),
    ("", REFERENCE, ".site-search-direct"), ("en/", REFERENCE, ".site-search-direct"),
])
def test_axe_finds_no_violation_with_search_results_open(site, browser_page, start, query, shown):
    """Also with a "Did you mean" line and a direct hit on show."""
    page = browser_page.page
    page.goto(site.url + start)
    search(page, query)
    if shown:
        page.locator(shown).first.wait_for()
    assert axe(page) == []
