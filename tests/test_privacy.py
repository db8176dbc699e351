"""A reader's visit leaves nothing behind: no cookies, no storage, no request to another host."""

from __future__ import annotations

import pytest

from conftest import ORIGINAL, ROOT, search
from styrdok.model import ui
from styrdok.render import views

pytestmark = pytest.mark.build

TEXTS = ui.load(ROOT / "docs")

STORAGE = """async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    indexeddb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    cookie: document.cookie,
})"""


def test_browsing_and_searching_store_nothing_in_the_browser(site, browser_context):
    page = browser_context.new_page()
    for rel in site.pages():
        page.goto(site.url + rel)
        page.wait_for_load_state("networkidle")
    page.goto(site.url + "en/")
    search(page, "strategy")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(STORAGE) == {"local": 0, "session": 0, "indexeddb": 0, "caches": 0, "cookie": ""}
    assert browser_context.cookies() == []
    page.close()


def test_no_request_carries_the_search_words(site, browser_context):
    """Search words stay in the browser: not in any address, not in any request the server logs."""
    page = browser_context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url + " " + (r.post_data or "")))
    for start, query in ((site.url, "samverkar"), (site.url + "en/", "boards")):
        page.goto(start)
        search(page, query)
        page.locator(".md-search-result__link").first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator("article mark.site-search-highlight").count() >= 1  # highlighting still works
    assert requests and not [r for r in requests if "samverk" in r.lower() or "board" in r.lower()]
    page.close()


def test_the_privacy_note_has_its_parts_in_both_languages(site):
    """What the browser stores, what the server logs, the reader's rights, how it is checked."""
    for rel in ("integritet/", "en/integritet/"):
        for anchor in ("webblasaren", "servern", "rattigheter", "kontroll"):
            assert site.soup(rel).select_one(f"article #{anchor}"), (rel, anchor)


def test_every_page_links_to_the_statement_and_the_privacy_note_in_its_language(site):
    from urllib.parse import urljoin
    for rel in site.pages():
        links = {a.get_text(strip=True): urljoin(site.url + rel, a["href"])
                 for a in site.soup(rel).select(".site-footer-links a")}
        lang = "en" if rel.startswith("en/") else "sv"
        texts = TEXTS[lang]
        assert links == {texts["accessibility_statement"]: site.url + views.page_path("tillganglighet.md", lang, ORIGINAL),
                         texts["privacy"]: site.url + views.page_path("integritet.md", lang, ORIGINAL)}, rel
