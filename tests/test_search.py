"""A reader searches in their own language and finds the page whatever form of the word they type."""

from __future__ import annotations

import re

import pytest

from conftest import search


def pages_found(site, urls: list[str]) -> list[str]:
    return [u.split("?")[0].split("#")[0][len(site.url):] for u in urls]


# (page to search from, query, pages that must be found, pages that must not)
QUERIES = [
    ("", "samverkar", ["strategi/", "agardirektiv/"], []),            # verb form of samverkan
    ("", "strategins", ["strategi/", "agardirektiv/"], []),           # genitive, definite
    ("", "ägardirektivet", ["agardirektiv/"], []),                      # definite form
    ("", "bolagsstyrelsernas", ["strategi/", "agardirektiv/"], []),   # compound, plural, genitive
    ("", "verksamheterna", ["strategi/", "agardirektiv/"], []),       # plural definite
    ("", "inriktningarna", ["strategi/"], []),
    ("", "beslutade", ["strategi-2007/", "agardirektiv/"], []),
    ("", "xyzzy", [], ["strategi/"]),                                   # no hits
    ("", "strategy", [], ["en/strategi/", "en/agardirektiv/"]),        # English words on a Swedish page
    ("en/", "boards", ["en/agardirektiv/", "en/strategi/"], []),       # plural of board
    ("en/", "strategies", ["en/strategi/"], []),
    ("en/", "area", ["en/strategi/"], []),                              # singular of focus areas
    ("en/", "cooperating", ["en/strategi/"], []),                       # cooperate, cooperation
    ("en/", "strategins", [], ["strategi/", "agardirektiv/"]),         # Swedish on an English page
]


@pytest.mark.parametrize(("start", "query", "must", "must_not"), QUERIES)
def test_search_finds_word_forms_in_the_page_language_only(site, browser_page, start, query, must, must_not):
    page = browser_page.page
    page.goto(site.url + start)
    found = pages_found(site, search(page, query))
    for wanted in must:
        assert wanted in found, (query, found)
    for unwanted in must_not:
        assert unwanted not in found, (query, found)
    language = "en/" if start == "en/" else ""
    assert all(p.startswith("en/") == (language == "en/") for p in found), (query, found)
    if not must:
        meta = page.locator(".md-search-result__meta").inner_text()
        if not found:
            assert meta in ("Inga sökresultat", "No matching documents")


@pytest.mark.parametrize(("query", "exact"), [("stockholmarna", "stockholmarna"), ("samverkan", "samverkan"),
                                              ("förslaget", "förslaget"), ("beslutade", "beslutade")])
def test_the_exact_form_ranks_first(site, browser_page, query, exact):
    page = browser_page.page
    page.goto(site.url)
    found = pages_found(site, search(page, query))
    with_exact = [p for p in found if re.search(rf"\b{exact}\b", site.text(p), re.IGNORECASE)]
    assert with_exact and found[:len(with_exact)] == with_exact, found


def test_the_searched_word_is_highlighted_on_the_result_page(site, browser_page):
    page = browser_page.page
    page.goto(site.url)
    search(page, "samverkar")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert "samverk" not in page.url  # the words never travel in the address
    marks = page.locator("article mark.site-search-highlight")
    assert marks.count() >= 1
    assert marks.first.inner_text().lower() == "samverkan"


def test_search_is_usable_with_the_keyboard_alone(site, browser_page):
    page = browser_page.page
    page.goto(site.url + "en/")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    assert page.locator("#__search").is_checked()
    box.press_sequentially("strategy", delay=20)
    page.locator(".md-search-result__link").first.wait_for()
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and first.startswith("/") and "en/" in first
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")
    assert page.locator("#__search").is_checked()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_nothing_is_downloaded_for_search_until_the_reader_searches(site, browser_page):
    page = browser_page.page
    page.goto(site.url + "strategi/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in browser_page.requests if "/pagefind/" in u or "search_index" in u]
    search(page, "strategi")
    loaded = [u for u in browser_page.requests if "/pagefind/" in u]
    assert any("wasm.sv" in u for u in loaded)
    assert not any("wasm.en" in u or "pagefind.en_" in u for u in loaded)
