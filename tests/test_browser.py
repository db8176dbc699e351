"""A reader in a real browser (Debian's Chromium): switching language, searching, nothing leaks."""

from __future__ import annotations

import pytest

from conftest import search

pytestmark = pytest.mark.browser


def other_language(rel: str) -> str:
    return rel[len("en/"):] if rel.startswith("en/") else "en/" + rel


def test_switching_language_keeps_the_page(site, browser_page):
    page = browser_page.page
    for rel in site.pages():
        page.goto(site.url + rel)
        target = "en" if not rel.startswith("en/") else "sv"
        page.locator(".md-header__option .md-select").hover()
        page.locator(f"a.md-select__link[hreflang={target}]").click()
        page.wait_for_load_state("load")
        assert page.url == site.url + other_language(rel), rel
        assert page.evaluate("document.documentElement.lang") == target


def test_no_request_leaves_the_site_and_no_console_errors(site, browser_page):
    page = browser_page.page
    for rel in site.pages():
        page.goto(site.url + rel)
        page.wait_for_load_state("networkidle")
    search(page, "strategi")
    outside = [u for u in browser_page.requests if not u.startswith(site.url)]
    assert outside == []
    assert browser_page.errors == []
    assert len(browser_page.requests) > len(site.pages())
