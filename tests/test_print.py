"""A reader prints a document on A4: the text and its facts, link targets written out, no menus."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ORIGINAL, ROOT
from styrdok.model import ui
from styrdok.model.register import load_register
from styrdok.render import views

pytestmark = pytest.mark.browser

REGISTER = load_register(ROOT / "docs" / "_data" / "register.yml")
# A replaced document: its page shows the notice with a link to what replaced it.
REPLACED = next(doc for doc in REGISTER.documents if doc.relations.get("replaced_by"))
NEWER = REGISTER.by_id[REPLACED.relations["replaced_by"][0]]


def test_a_printed_document_shows_its_facts_and_no_navigation(site, browser_page):
    page = browser_page.page
    page.goto(site.url + views.page_path(REPLACED.page, "sv", ORIGINAL))
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(el => getComputedStyle(el).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.locator(".register-notice").is_visible()
    assert page.locator("section.register-meta").is_visible()
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('.register-notice a[data-print-url]'), '::after').content""")
    assert after == f'" ({site.url}{views.page_path(NEWER.page, "sv", ORIGINAL)})"'  # Chromium gives the content with attr() resolved
    link = page.locator(".register-notice a[data-print-url]")
    assert link.get_attribute("data-print-url") == site.url + views.page_path(NEWER.page, "sv", ORIGINAL)
    stamp = page.locator(".print-stamp")
    assert stamp.is_visible()
    text = stamp.inner_text()
    assert site.url + views.page_path(REPLACED.page, "sv", ORIGINAL) in text
    assert str(dt.date.today().year) in text and ui.load(ROOT / "docs")["sv"]["printed_from"] in text


def test_the_pdf_is_a4(site, browser_page, tmp_path):
    page = browser_page.page
    page.goto(site.url + "en/agardirektiv/")
    pdf = page.pdf(path=str(tmp_path / "page.pdf"), prefer_css_page_size=True)
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points


def test_the_printed_date_is_written_as_each_language_writes_dates(site, browser_page):
    page = browser_page.page
    today = dt.date.today()
    for prefix, written in (("", f"{today.day} {SWEDISH_MONTHS[today.month - 1]} {today.year}"),
                            ("en/", f"{today.day} {today.strftime('%B')} {today.year}")):
        page.goto(site.url + prefix + "strategi/")
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert written in page.locator(".print-stamp").inner_text()


SWEDISH_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                  "oktober", "november", "december"]
