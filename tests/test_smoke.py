"""A reader's first steps on a built site, in Chromium: reading without JavaScript, switching
language, finding a document by searching. Small on purpose: each editorial journey
(test_editorial_journey.py) runs these checks (``run_all``) on the site its change made, in the
browser its worker already has open; the whole browser tier (test_browser.py, test_reading.py,
test_search.py, test_accessibility.py) runs once, on the site as it is. Every expectation comes
from the built project's register and menu, never from today's wording."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from conftest import LANGUAGES, ORIGINAL, ROOT, search
from styrdok.model import content
from styrdok.render import views

pytestmark = pytest.mark.browser


def reading_works_without_javascript(site, browser_context, register, lang: str) -> None:
    """Each document page, reached through the menu of the page before it, shows its title and its
    register facts."""
    page = browser_context.new_page()
    browser_context.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        current = views.page_path("index.md", lang, ORIGINAL)
        page.goto(site.url + current)
        assert page.locator("html.no-js").count() == 1  # the theme's script did not run
        for doc in register.documents:
            target = views.page_path(doc.page, lang, ORIGINAL)
            link = get_relative_url(target, current)  # as the menu writes it: MkDocs' own function
            page.locator(f".md-nav--primary a[href='{link}']").first.click()
            assert doc.title[lang] in page.locator("h1").inner_text()
            facts = page.locator("section.register-meta")
            assert facts.is_visible()
            shown = views.document_view(register, doc, lang, lambda target: target)
            assert shown["status_label"] in facts.inner_text()
            current = target
    finally:
        page.close()


def switching_language_keeps_each_document_page(site, page, register) -> None:
    """From each document page in the original language to the same page in each other language
    (test_browser.py switches both ways on every page of the site as it is)."""
    for doc in register.documents:
        for target in LANGUAGES[1:]:
            page.goto(site.url + views.page_path(doc.page, ORIGINAL, ORIGINAL))
            page.locator(".md-header__option .md-select").hover()
            page.locator(f"a.md-select__link[hreflang={target}]").click()
            page.wait_for_load_state("load")
            assert page.url == site.url + views.page_path(doc.page, target, ORIGINAL)
            assert page.evaluate("document.documentElement.lang") == target
            assert doc.title[target] in page.locator("h1").inner_text()


def a_reader_finds_each_document_by_its_title(site, page, register, lang: str) -> None:
    """From the home page, one search after another, as a reader looking for each document."""
    page.goto(site.url + views.page_path("index.md", lang, ORIGINAL))
    for doc in register.documents:
        found = [url.split("#")[0].split("?")[0] for url in search(page, doc.title[lang])]
        assert site.url + views.page_path(doc.page, lang, ORIGINAL) in found, (doc.title[lang], found)


def run_all(site, browser_context, page, register) -> None:
    """The smoke subset on one built site: what each editorial journey runs on its result."""
    for lang in LANGUAGES:
        reading_works_without_javascript(site, browser_context, register, lang)
    switching_language_keeps_each_document_page(site, page, register)
    for lang in LANGUAGES:
        a_reader_finds_each_document_by_its_title(site, page, register, lang)


@pytest.fixture(scope="module")
def register():
    return content.load(ROOT / "docs").register


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reading_works_without_javascript(site, browser_context, register, lang):
    reading_works_without_javascript(site, browser_context, register, lang)


def test_switching_language_keeps_each_document_page(site, browser_page, register):
    switching_language_keeps_each_document_page(site, browser_page.page, register)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reader_finds_each_document_by_its_title(site, browser_page, register, lang):
    a_reader_finds_each_document_by_its_title(site, browser_page.page, register, lang)
