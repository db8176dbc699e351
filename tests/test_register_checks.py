"""An editor who makes a mistake in the register is told what, where and how to fix it."""

from __future__ import annotations

import copy

import pytest

from conftest import ROOT
from styrdok import yamlfile
from styrdok.problems import ContentError
from styrdok.register import load_register, normalise_reference, parse_register

REGISTER = ROOT / "docs" / "_data" / "register.yml"
TEXT = REGISTER.read_text(encoding="utf-8")


def problems_for(text: str) -> list:
    with pytest.raises(ContentError) as caught:
        parse_register(yamlfile.parse(text, "docs/_data/register.yml"))
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_real_register_is_valid():
    register = load_register(REGISTER)
    assert {d.id for d in register.documents} == {
        "internationell-strategi-2016", "overgripande-mal-2007", "sbr-kompletterande-agardirektiv"}


def test_both_spellings_of_the_2007_reference_find_the_same_document():
    register = load_register(REGISTER)
    assert normalise_reference("006-1137/2007") == normalise_reference("6-1137/2007")
    assert register.by_reference("006-1137/2007").id == "overgripande-mal-2007"
    assert register.by_reference("6-1137/2007").id == "overgripande-mal-2007"
    assert register.by_reference("171-482/2016").id == "internationell-strategi-2016"
    assert register.by_reference("1-1/1999") is None


def test_an_unknown_field_is_named_with_its_line_and_a_suggestion():
    bad = TEXT.replace("    decision_date: 2016-12-12\n", "    decison_date: 2016-12-12\n", 1)
    problems = problems_for(bad)
    unknown = [p for p in problems if "decison_date" in p.en]
    assert unknown and unknown[0].line == line_of(bad, "decison_date")
    assert "Did you mean 'decision_date'?" in unknown[0].en
    assert "Okänt fält" in unknown[0].sv
    assert any("Required field 'decision_date' is missing" in p.en for p in problems)


def test_a_missing_required_field_is_reported():
    bad = TEXT.replace("    reference: 171-482/2016\n", "", 1)
    problems = problems_for(bad)
    assert [p.en for p in problems] == [
        "Required field 'reference' is missing in the document 'internationell-strategi-2016'."]
    assert "not_stated" in problems[0].fix_en


def test_an_impossible_date_is_refused():
    bad = TEXT.replace("    decision_date: 2016-12-12\n", "    decision_date: 2016-02-30\n", 1)
    (problem,) = problems_for(bad)
    assert "2016-02-30" in problem.en and "does not exist" in problem.en
    assert problem.line == line_of(bad, "2016-02-30")


def test_a_date_in_the_wrong_form_is_refused():
    bad = TEXT.replace("    decision_date: 2016-12-12\n", "    decision_date: 12/12/2016\n", 1)
    (problem,) = problems_for(bad)
    assert "YYYY-MM-DD" in problem.en


def test_an_unknown_status_is_refused_with_the_allowed_ones():
    bad = TEXT.replace("    status: in_force\n", "    status: active\n", 1)
    (problem,) = problems_for(bad)
    assert "Unknown status 'active'" in problem.en
    assert "in_force, replaced, proposal" in problem.fix_en
    assert problem.line == line_of(bad, "status: active")


def test_a_relation_to_a_missing_document_is_refused():
    bad = TEXT.replace("      adopts: [internationell-strategi-2016]", "      adopts: [internationell-strategi-2061]")
    problems = problems_for(bad)
    assert any("'internationell-strategi-2061', but that document is not in the register" in p.en
               and "Did you mean 'internationell-strategi-2016'?" in p.en for p in problems)


def test_a_relation_that_is_not_mirrored_is_refused():
    bad = TEXT.replace("      replaced_by: [internationell-strategi-2016]\n", "")
    (problem,) = problems_for(bad)
    assert problem.en == ("'internationell-strategi-2016' has replaces: overgripande-mal-2007, but "
                          "'overgripande-mal-2007' lacks replaced_by: internationell-strategi-2016.")
    assert "replaced_by: [internationell-strategi-2016]" in problem.fix_en


def test_a_cycle_of_replacements_is_refused():
    data = yamlfile.parse(TEXT, "register.yml")
    data = copy.deepcopy(data)
    docs = {d["id"]: d for d in data["documents"]}
    docs["overgripande-mal-2007"]["relations"]["replaces"] = ["internationell-strategi-2016"]
    docs["internationell-strategi-2016"]["relations"]["replaced_by"] = ["overgripande-mal-2007"]
    with pytest.raises(ContentError) as caught:
        parse_register(data)
    messages = [p.en for p in caught.value.problems]
    assert any("The relation replaces forms a cycle: " in m for m in messages), messages


def test_a_broken_yaml_file_names_the_line():
    bad = TEXT.replace("    status: in_force\n", "    status: [in_force\n", 1)
    with pytest.raises(ContentError) as caught:
        yamlfile.parse(bad, "docs/_data/register.yml")
    (problem,) = caught.value.problems
    assert problem.file == "docs/_data/register.yml" and problem.line
    assert "cannot be read" in problem.en


def test_a_title_without_english_is_refused():
    bad = TEXT.replace("      en: International strategy for the City of Stockholm\n", "", 1)
    (problem,) = problems_for(bad)
    assert "must have a Swedish and an English text" in problem.en


def test_every_problem_is_told_in_swedish_and_english_with_a_fix():
    bad = TEXT.replace("    status: in_force\n", "    status: active\n", 1)
    (problem,) = problems_for(bad)
    text = str(problem)
    assert text.startswith(f"❌ docs/_data/register.yml:{problem.line}")
    for part in ("Fel:", "Gör så här:", "Problem:", "How to fix:"):
        assert part in text
