"""The accessibility statement shows the last recorded assessment, and the record cannot go stale."""

from __future__ import annotations

from conftest import ROOT


def test_the_statement_shows_the_last_assessment_and_it_still_describes_the_site(site):
    from styrdok import assessment
    record = assessment.load(ROOT / "docs")
    assert record, "no assessment recorded: run make assess"
    assert assessment.outdated(record, ROOT) == [], "the site changed since the last assessment: run make assess"
    assert record["axe_violations"] == 0 and record["html_errors"] == 0
    sv, en = site.text("tillganglighet/"), site.text("en/tillganglighet/")
    for text in (sv, en):
        assert record["assessed"] in text
        assert f"axe-core {record['tools']['axe-core']}" in text
        assert f"Nu Html Checker {record['tools']['vnu-jar']}" in text
        assert "https://www.digg.se/tdosanmalan" in str(site.soup("tillganglighet/")) + str(site.soup("en/tillganglighet/"))
    assert "förenlig" in sv and "compliant" in en  # the compliance status, as Digg's model asks
    assert f"alla {record['pages']} sidor" in sv


def test_a_changed_site_makes_the_recorded_assessment_outdated(tmp_path):
    from styrdok import assessment
    record = dict(assessment.current(ROOT), pages=3)
    assert assessment.outdated(record, ROOT) == [f"pages: recorded 3, now {assessment.page_count(ROOT / 'docs')}"]
