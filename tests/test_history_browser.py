"""The version history in Chromium (issue 26's done-when), on the copy with a history made here
(history_copy.py), served by nginx: in both languages a reader goes from a page's "last updated"
to its history, reads an earlier version and comes back by its banner; a redline marks insertions
and deletions without colour (underlined, struck through) and a screen reader hears what each is;
axe finds nothing on a history page, an earlier version and a redline, on the copy and on the real
site. Expectations come from the commits made and ui.yml."""

from __future__ import annotations

import pytest

import history_copy
from conftest import LANGUAGES, ORIGINAL, ROOT, Nginx
from styrdok.model import ui
from test_accessibility import axe
from test_history_site import history_url, page_url, redline_url, version_url

pytestmark = pytest.mark.browser

TEXTS = ui.load(ROOT / "docs")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    copy = history_copy.built()
    server = Nginx(copy.site, "/", tmp_path_factory.mktemp("nginx-history"))
    yield copy, server.url
    server.stop()


def pages_of(copy, lang: str) -> str:
    """The page of this language changed by the fragment or its translation (a document page)."""
    changed = copy.changed["fragment"] | copy.changed["translation"]
    return sorted(page for page in changed & copy.changed["register"] if page.startswith(f"{lang}/"))[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_from_last_updated_to_an_earlier_version_and_back(served, browser_page, lang):
    copy, url = served
    page = browser_page.page
    texts = TEXTS[lang]
    shown = pages_of(copy, lang)
    versions = copy.versions(shown)
    page.goto(url + page_url(shown))
    changed = page.locator(".page-changed")
    assert changed.is_visible()
    said = " ".join(changed.inner_text().split())
    assert said.startswith(f"{texts['last_changed']} {copy.days[versions[-1]].isoformat()}")
    changed.get_by_role("link", name=texts["history_link"]).click()
    page.wait_for_load_state("load")
    assert page.url == url + history_url(shown)
    entries = page.locator("ol.page-history > li")
    assert entries.count() == len(versions)
    oldest = entries.nth(len(versions) - 1)
    assert copy.days[versions[0]].isoformat() in oldest.inner_text()
    oldest.get_by_role("link", name=texts["history_read"]).click()
    page.wait_for_load_state("load")
    assert page.url == url + version_url(copy, shown, versions[0])
    banner = page.get_by_role("note")
    assert banner.is_visible()
    assert texts["version_banner"] in banner.inner_text() and copy.days[versions[0]].isoformat() in banner.inner_text()
    banner.get_by_role("link", name=texts["version_banner_link"]).click()
    page.wait_for_load_state("load")
    assert page.url == url + page_url(shown)
    assert browser_page.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_redline_is_readable_without_colour_and_announced(served, browser_page, lang):
    copy, url = served
    page = browser_page.page
    texts = TEXTS[lang]
    shown = pages_of(copy, lang)
    change = copy.versions(shown)[1]
    page.goto(url + redline_url(copy, shown, change))
    for selector, line, start, end in (("ins", "underline", "redline_added", "redline_added_end"),
                                       ("del", "line-through", "redline_removed", "redline_removed_end")):
        marks = page.locator(f".redline {selector}")
        assert marks.count() > 0, selector
        mark = marks.first
        assert line in mark.evaluate("e => getComputedStyle(e).textDecorationLine"), selector
        # What a screen reader reads: the hidden words are in the accessibility tree, around the mark.
        heard = " ".join(mark.evaluate("e => e.innerText").split())
        assert heard.startswith(texts[start]) and heard.endswith(texts[end]), heard
        hidden = mark.locator(".site-visually-hidden").first
        assert not hidden.is_visible() or hidden.bounding_box()["width"] <= 1
        assert hidden.evaluate("e => getComputedStyle(e).display") != "none"
        assert hidden.evaluate("e => e.closest('[aria-hidden=true]') === null")
    assert texts["redline_legend"] in page.get_by_role("note").inner_text()
    assert browser_page.errors == []


def _kinds(copy, lang: str) -> list[str]:
    shown = pages_of(copy, lang)
    versions = copy.versions(shown)
    return [history_url(shown), version_url(copy, shown, versions[0]), redline_url(copy, shown, versions[1])]


def test_axe_finds_nothing_on_the_history_pages_of_the_copy(served, browser_page):
    copy, url = served
    page = browser_page.page
    found = {}
    for lang in LANGUAGES:
        for rel in _kinds(copy, lang):
            page.goto(url + rel)
            if violations := axe(page):
                found[rel] = violations
    assert found == {}


def test_axe_finds_nothing_on_the_history_pages_of_the_real_site(site, browser_page):
    """One of each kind (history page, earlier version, redline) in each language of the real site,
    the largest of its kind (BuiltSite.history_samples)."""
    page = browser_page.page
    found, seen = {}, set()
    for rel in site.history_samples():
        seen.add((rel.split("/")[0] if rel.split("/")[0] in LANGUAGES[1:] else ORIGINAL, site.history_kind(rel)))
        page.goto(site.url + rel)
        if violations := axe(page):
            found[rel] = violations
    assert len(seen) == 3 * len(LANGUAGES), seen
    assert found == {}
