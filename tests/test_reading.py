"""A reader who uses only the keyboard, a screen reader's outline or a search engine's summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.build


def test_each_page_has_one_h1_and_headings_that_do_not_skip_levels(site):
    for rel in site.pages():
        article = site.soup(rel).select_one("article")
        levels = [int(h.name[1]) for h in article.find_all(re.compile(r"^h[1-6]$"))]
        assert levels.count(1) == 1 and levels[0] == 1, (rel, levels)
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (rel, levels)


def test_each_page_has_its_own_description_in_its_language(site):
    descriptions = {}
    for rel in site.pages():
        meta = site.soup(rel).select_one('meta[name="description"]')
        assert meta and len(meta["content"]) > 30, rel
        descriptions[rel] = meta["content"]
    assert len(set(descriptions.values())) == len(descriptions)
    swedish_words = re.compile(r"\b(och|för|med|som|på|stadens|webbplatsen|sidan)\b", re.IGNORECASE)
    for rel, text in descriptions.items():
        assert bool(swedish_words.search(text)) == (not rel.startswith("en/")), (rel, text)


def focused(page) -> str:
    return page.evaluate("""() => {
        const el = document.activeElement;
        return (el.getAttribute('href') || '') + '|' + (el.className || '') + '|' + el.textContent.trim().slice(0, 40);
    }""")


def theme_text(lang: str, key: str) -> str:
    """A text of the theme's own translations (Material's partials/languages/<lang>.html)."""
    import material
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html"
    return re.search(rf'"{re.escape(key)}": "([^"]*)"', path.read_text(encoding="utf-8")).group(1)


def test_the_skip_link_is_first_and_visible_when_focused(site, browser_page):
    """On a document page (whose h1 the template writes): the link goes to the page's h1
    (test_statement_site.py: every page type, and where focus lands)."""
    page = browser_page.page
    page.goto(site.url + "strategi/")
    target = "#" + site.soup("strategi/").select_one("article h1")["id"]
    page.keyboard.press("Tab")
    link = page.locator(":focus")
    assert link.get_attribute("href") == target and "md-skip" in link.get_attribute("class")
    assert link.is_visible()
    assert link.inner_text().strip() == theme_text("sv", "action.skip")
    page.keyboard.press("Enter")
    assert page.url.endswith(target)


def test_focus_is_always_visible(site, browser_page):
    page = browser_page.page
    page.goto(site.url + "agardirektiv/")
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => {
            const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, s.outlineWidth, s.boxShadow, document.activeElement.tagName];
        }""")
        if style[3] == "BODY":
            continue
        seen += 1
        # Focus may be shown by an outline or by a box shadow (the theme uses both); one is needed.
        outline, shadow = style[0] != "none" and style[1] != "0px", style[2] != "none"
        assert outline or shadow, style
    assert seen >= 10


def test_the_language_switcher_works_with_the_keyboard(site, browser_page):
    page = browser_page.page
    page.goto(site.url + "strategi/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    else:
        raise AssertionError("the English link of the language switcher is not reachable with Tab")
    assert page.locator(":focus").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + "en/strategi/")


def test_the_menu_opens_with_the_keyboard_on_a_phone(site, browser_page):
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('for')") == "__drawer":
            break
    else:
        raise AssertionError("the menu button is not reachable with Tab")
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked()
    link = page.locator(".md-nav--primary a[href='ordlista/']")
    assert link.is_visible()
