"""The accessibility statement describes the assessment that this very test suite makes."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, ROOT
from styrdok.model import operator_settings, ui
from styrdok.render import assessment

pytestmark = pytest.mark.unit

TEXTS = ui.load(ROOT / "docs")
SETTINGS = operator_settings.load(ROOT / "docs")


def test_the_statement_names_the_tools_rules_and_pages_of_this_assessment(site):
    record = assessment.current(ROOT, LANGUAGES)
    versions, levels = assessment.rules(record["axe_tags"])
    for rel, lang in (("tillganglighet/", "sv"), ("en/tillganglighet/", "en")):
        text = site.text(rel)
        assert f"axe-core {record['tools']['axe-core']}" in text
        assert f"Nu Html Checker {record['tools']['vnu-jar']}" in text
        # the rules in words (WCAG 2.0 and 2.1, A and AA), not axe's tags
        assert f"WCAG {assessment.words(versions, TEXTS[lang])}" in text
        assert assessment.words(levels, TEXTS[lang]) in text
        assert not [tag for tag in record["axe_tags"] if tag in text]
        assert f" {len(site.pages()) + 2} " in text  # every page and both "page not found" pages
        assert record["built"] in text
        # the claim is what the operator's records allow (test_statement_honest.py: every case)
        claim = TEXTS[lang][f"conformance_{operator_settings.conformance(SETTINGS)}"]
        assert site.soup(rel).select_one("article #hur-tillganglig + p strong").get_text() == claim


def test_the_statement_is_made_by_the_tests_that_run_before_every_publication():
    """The statement says a failing assessment stops publication: the workflow must say so too."""
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "needs: test" in workflow and "run: make test" in workflow
    tests = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    assert {"test_accessibility.py", "test_html_valid.py", "test_reading.py"} <= tests
