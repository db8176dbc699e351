"""The accessibility statement describes the assessment that this very test suite makes."""

from __future__ import annotations

from conftest import ROOT
from styrdok import assessment


def test_the_statement_names_the_tools_rules_and_pages_of_this_assessment(site):
    record = assessment.current(ROOT)
    for rel in ("tillganglighet/", "en/tillganglighet/"):
        text = site.text(rel)
        assert f"axe-core {record['tools']['axe-core']}" in text
        assert f"Nu Html Checker {record['tools']['vnu-jar']}" in text
        assert ", ".join(record["axe_tags"]) in text
        assert f" {len(site.pages()) + 2} " in text  # every page and both "page not found" pages
        assert record["built"] in text
    assert "förenlig" in site.text("tillganglighet/") and "compliant" in site.text("en/tillganglighet/")


def test_the_statement_is_made_by_the_tests_that_run_before_every_publication():
    """The statement says a failing assessment stops publication: the workflow must say so too."""
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "needs: test" in workflow and "run: make test" in workflow
    tests = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    assert {"test_accessibility.py", "test_html_valid.py", "test_reading.py"} <= tests
