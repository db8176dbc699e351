"""An earlier version is marked and glossed with the glossary of its commit, and a change to the
glossary entry of a term a page holds is a version of that page (the glossary is part of what the
page shows); a change to a term the page does not hold is not."""

from __future__ import annotations

import pytest

from styrdok.model import history

pytestmark = pytest.mark.unit

PAGE = "en/strategi.md"
TEXT = "---\ntitle: Strategy\n---\n\nKommunfullmäktige decided.\n"


def _tree(terminology: str) -> history.Tree:
    files = {PAGE: TEXT, history.TERMINOLOGY: terminology}
    return history.Tree(lambda path: path if path in files else None, lambda blob, path: files.get(blob))


def _terms(gloss: str, other: str = "nämnder") -> str:
    return (f"terms:\n  - sv: Kommunfullmäktige\n    en: Kommunfullmäktige\n    kept: true\n    gloss: {gloss}\n"
            f"  - sv: {other}\n    en: committees\n")


def test_the_glossary_of_the_commit_is_read_as_the_marking_needs_it():
    terms = history.terms_at(_tree(_terms("the City Council")))
    assert terms[0] == {"sv": "Kommunfullmäktige", "en": "Kommunfullmäktige", "gloss": "the City Council", "kept": True}
    assert history.terms_at(_tree("terms: [{sv: 1, en: x}, nonsense]\n")) == []
    assert history.terms_at(_tree("")) == []


def test_a_changed_gloss_of_a_term_on_the_page_is_a_version_and_another_term_is_not():
    reads = history.Reads()
    before = history.shown(PAGE, _tree(_terms("the City Council")), reads)
    assert history.TERMINOLOGY in before.paths
    assert history.shown(PAGE, _tree(_terms("the Council")), reads).digest != before.digest
    assert history.shown(PAGE, _tree(_terms("the City Council", other="förvaltningar")), reads).digest == before.digest


def test_the_build_marks_an_earlier_version_with_its_own_glossary():
    """pipeline.SiteBuild.page_html: a page of the history carries the glossary of its commit
    (Generated.terms); every other page is marked with today's."""
    from conftest import ROOT
    from styrdok import pipeline
    from styrdok.model import content
    from styrdok.render.history import Generated
    build = pipeline.SiteBuild(ROOT / "docs", ROOT, "")
    build.site = content.load(ROOT / "docs", ROOT)
    then = [{"sv": "Zyxnämnden", "en": "the Zyx board"}]
    build.history_generated["en/historik/x/v.md"] = Generated("en/historik/x/v.md", "en/historik/x/v/", "t", {},
                                                                terms=then)
    toggles = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
               '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')
    page = (f'<!doctype html><html lang="en"><head><title>x</title></head><body>{toggles}'
            '<article class="md-content__inner md-typeset"><p>Zyxnämnden decided.</p></article></body></html>')
    then_html = build.page_html(page, "en/historik/x/v.md", "en/historik/x/v/index.html", None)
    today_html = build.page_html(page, "en/x.md", "en/x/index.html", None)
    assert '<span lang="sv">Zyxnämnden</span>' in then_html
    assert '<span lang="sv">Zyxnämnden</span>' not in today_html
