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
