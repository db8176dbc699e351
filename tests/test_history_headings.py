"""An earlier version and a redline have one h1, as the current page does: the page's own ``# ``
heading when its Markdown has one (Material writes the title only when the content has no h1), the
title otherwise; and a generated part that today's code makes for an earlier version skips no
heading level under the version's headings (render/history.py)."""

from __future__ import annotations

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

import history_copy
from styrdok.pipeline import TITLE_ANCHOR
from styrdok.render import history as history_pages

pytestmark = pytest.mark.unit


def test_a_versions_own_heading_is_its_h1_and_stands_first():
    html = markdown.markdown("# Ändringslogg {#andringslogg}\n\nText.\n\n## Del\n", extensions=["attr_list", "toc"])
    data, rest = history_pages.own_heading(html, document=False)
    assert data["own_heading"] and data["title_anchor"] == "andringslogg"
    assert LexborHTMLParser(data["heading"]).css_first("h1").text() == "Ändringslogg"
    assert "<h1" not in rest and "Text." in rest and "<h2" in rest


def test_a_page_without_its_own_heading_or_a_document_page_gets_the_templates_title():
    plain = markdown.markdown("Text.\n\n## Del\n")
    assert history_pages.own_heading(plain, document=False) == ({"own_heading": False}, plain)
    # A document page: main.html writes the title above the register block, whatever the text has.
    document = markdown.markdown("# Rubrik\n\nText.\n")
    assert history_pages.own_heading(document, document=True) == ({"own_heading": False}, document)


def test_an_own_heading_later_in_the_text_stays_where_it_is():
    html = markdown.markdown("Inledning.\n\n# Rubrik\n", extensions=["toc"])
    data, rest = history_pages.own_heading(html, document=False)
    assert data["own_heading"] and "heading" not in data and rest == html


def test_a_generated_part_under_a_versions_heading_skips_no_level():
    part = "### En ändring {#a}\n\nText.\n\n#### Detalj\n\n### En till\n"
    assert history_pages.fit_headings(part, 1) == "## En ändring {#a}\n\nText.\n\n### Detalj\n\n## En till\n"
    assert history_pages.fit_headings(part, 2) == part      # under an h2: as today's page has it
    assert history_pages.fit_headings(part, 3) == part      # never pushed down
    assert history_pages.fit_headings("Text utan rubrik.\n", 0) == "Text utan rubrik.\n"
    assert history_pages.heading_level("# Sida\n\nText\n\n## Del\n\nMer.\n") == 2
    assert history_pages.heading_level("Text.\n") == 0


@pytest.mark.build
def test_every_earlier_version_and_redline_of_the_copy_has_one_h1_as_its_current_page():
    """On the built copy (tests/history_copy.py): each earlier version and redline has exactly one
    h1; a page whose current version shows its own heading shows it in its versions too, and the
    skip link goes to it."""
    copy = history_copy.built()
    checked = 0
    for page in sorted(copy.site.rglob("index.html")):
        rel = page.parent.relative_to(copy.site).as_posix() + "/"
        parts = rel.rstrip("/").split("/")
        history_at = parts.index(history_pages.HISTORY_FOLDER) if history_pages.HISTORY_FOLDER in parts else None
        if history_at is None or len(parts) - history_at < 3:
            continue  # not an earlier version or a redline
        html = LexborHTMLParser(page.read_text(encoding="utf-8"))
        headings = html.css("article h1")
        assert len(headings) == 1, (rel, [h.text() for h in headings])
        current_rel = "/".join(parts[:history_at] + [parts[history_at + 1]]) + "/"
        current_rel = "" if current_rel == "index/" else current_rel.replace("/index/", "/")
        current = LexborHTMLParser((copy.site / current_rel / "index.html").read_text(encoding="utf-8"))
        current_h1 = current.css("article h1")
        assert len(current_h1) == 1, current_rel
        if current_h1[0].attributes.get("id") != TITLE_ANCHOR:  # (the page's own heading, not the template's)
            assert headings[0].attributes.get("id") == current_h1[0].attributes.get("id"), rel
            assert html.css_first(".md-skip").attributes["href"] == "#" + headings[0].attributes["id"], rel
            checked += 1
    assert checked > 0  # (the copy's register change changes pages with their own heading: the changelog)
