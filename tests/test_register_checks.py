"""An editor who makes a mistake in the register is told what, where and how to fix it."""

from __future__ import annotations

import copy

import pytest

from conftest import ROOT
from styrdok import yamlfile
from styrdok.problems import ContentError
from styrdok.register import load_register, normalise_reference, parse_register

REGISTER = ROOT / "docs" / "_data" / "register.yml"
# A fixed register for the mistakes below, so that editing the real one never breaks these tests.
TEXT = (ROOT / "tests" / "fixtures" / "register.yml").read_text(encoding="utf-8")


def problems_for(text: str) -> list:
    with pytest.raises(ContentError) as caught:
        parse_register(yamlfile.parse(text, "docs/_data/register.yml"))
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_real_register_is_valid():
    register = load_register(REGISTER)
    assert register.documents


def test_both_spellings_of_the_2007_reference_find_the_same_document():
    register = parse_register(yamlfile.parse(TEXT, "docs/_data/register.yml"))
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
    bad = TEXT.replace("      proposes_adoption: [internationell-strategi-2016]",
                       "      proposes_adoption: [internationell-strategi-2061]")
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
    bad = TEXT.replace("      en: International Strategy for the City of Stockholm\n", "", 1)
    (problem,) = problems_for(bad)
    assert "must have a Swedish and an English text" in problem.en


def test_every_problem_is_told_in_swedish_and_english_with_a_fix():
    bad = TEXT.replace("    status: in_force\n", "    status: active\n", 1)
    (problem,) = problems_for(bad)
    text = str(problem)
    assert text.startswith(f"❌ docs/_data/register.yml:{problem.line}")
    for part in ("Fel:", "Gör så här:", "Problem:", "How to fix:"):
        assert part in text


# --- a proposal is not a decision (the model cannot say more than the source) -----------------

def test_a_proposal_with_a_decision_date_is_refused():
    bad = TEXT.replace("    decision_date: not_stated\n    reference: not_stated\n    status: proposal",
                       "    decision_date: 2016-12-12\n    reference: not_stated\n    status: proposal")
    (problem,) = problems_for(bad)
    assert problem.en == "The document 'sbr-kompletterande-agardirektiv' is a proposal (status: proposal) but has a decision date."
    assert problem.line == line_of(bad, "    decision_date: 2016-12-12\n    reference: not_stated")
    assert problem.sv.startswith("Dokumentet 'sbr-kompletterande-agardirektiv' är ett förslag")


def test_a_proposal_that_adopts_is_refused_on_both_sides():
    bad = (TEXT.replace("      proposes_adoption: [internationell-strategi-2016]", "      adopts: [internationell-strategi-2016]")
           .replace("      proposed_for_adoption_by: [sbr-kompletterande-agardirektiv]",
                    "      adopted_by: [sbr-kompletterande-agardirektiv]"))
    problems = problems_for(bad)
    texts = [p.en for p in problems]
    assert any("is a proposal but says that it adopts another document" in t for t in texts)
    assert any("has adopted_by: sbr-kompletterande-agardirektiv, but 'sbr-kompletterande-agardirektiv' is a "
               "proposal: nothing has been decided." in t for t in texts)
    assert all(p.line for p in problems)


def test_a_decided_document_cannot_merely_propose():
    bad = TEXT.replace("    decision_date: not_stated\n    reference: not_stated\n    status: proposal",
                       "    decision_date: not_stated\n    reference: not_stated\n    status: in_force")
    problems = problems_for(bad)
    assert any("is not a proposal but has the relation proposes_adoption" in p.en for p in problems)


def test_a_replaced_document_left_in_force_is_refused():
    bad = TEXT.replace("    status: replaced\n", "    status: in_force\n", 1)
    (problem,) = problems_for(bad)
    assert problem.en == "The document 'overgripande-mal-2007' has been replaced (replaced_by) but has the status in_force."
    assert problem.fix_sv == "Skriv status: replaced."


def test_a_relation_without_brackets_gives_one_message():
    bad = TEXT.replace("      replaced_by: [internationell-strategi-2016]", "      replaced_by: internationell-strategi-2016")
    (problem,) = problems_for(bad)
    assert problem.en == "The relation replaced_by in the document 'overgripande-mal-2007' must be a list in square brackets."
    assert problem.fix_en == "Write replaced_by: [internationell-strategi-2016]."


def test_an_undated_change_needs_the_day_the_site_published_it():
    bad = TEXT.replace("        published: 2026-11-26\n", "")
    (problem,) = problems_for(bad)
    assert "has no date and needs published:" in problem.en


def test_after_is_only_for_undated_changes():
    bad = TEXT.replace("      - date: 2016-12-12\n        major: true\n", "      - date: 2016-12-12\n        after: 2016-01-01\n        major: true\n", 1)
    (problem,) = problems_for(bad)
    assert "'after' in change no. 1 in the document 'internationell-strategi-2016' is only for changes without a date" in problem.en


SOURCE = (ROOT / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, what", [
    ("    decision_date: 2016-12-12", "    decision_date: 2016-12-13", "decision date '2016-12-13'"),
    ("    reference: 171-482/2016", "    reference: 171-483/2016", "reference number '171-483/2016'"),
    ("      name: Mattias Rindberg", "      name: Mattias Rindborg", "contact detail 'Mattias Rindborg'"),
    ("      phone: 08-508 28 590", "      phone: 08-508 28 591", "contact detail '08-508 28 591'"),
    ("      sv: Kompletterande ägardirektiv – Stockholm Business Regions förslag till beslut",
     "      sv: Kompletterande ägardirektiv för Stockholm Business Region", "title (or part of it)"),
    ("        after: 2016-12-12", "        after: 2017-01-01", "date '2017-01-01'"),
])
def test_a_fact_the_source_does_not_give_is_refused(old, new, what):
    from styrdok.register import check_against_source
    assert old in TEXT
    register = parse_register(yamlfile.parse(TEXT.replace(old, new, 1), "docs/_data/register.yml"))
    problems = check_against_source(register, SOURCE, "docs/_data/000.txt")
    assert len(problems) == 1 and what in problems[0].en, [p.en for p in problems]
    assert problems[0].line is not None
    assert "not_stated" in problems[0].fix_en


def test_the_fixture_register_states_only_what_the_source_gives():
    from styrdok.register import check_against_source
    register = parse_register(yamlfile.parse(TEXT, "docs/_data/register.yml"))
    assert check_against_source(register, SOURCE, "docs/_data/000.txt") == []


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    type: owner_directive\n", "    type: directive\n", "Unknown type 'directive'"),
    ("    decided_by: kommunfullmaktige\n", "    decided_by: kommunstyrelsen\n", "Unknown deciding body 'kommunstyrelsen'"),
    ("  - id: overgripande-mal-2007\n", "  - id: Övergripande mål\n", "may only contain lower-case letters"),
    ("    reference: 171-482/2016\n", "    reference: KS 2016/12\n", "is not in the form 171-482/2016"),
    ("    reference: 171-482/2016\n", "    reference: 6-1137/2007\n", "Two documents have the same reference: '6-1137/2007'"),
    ("        major: true\n", "        major: yes please\n", "'major' in change no. 1"),
    ("    replaced: {sv: Ersatt, en: Replaced}\n", "    repealed: {sv: Upphävd, en: Repealed}\n",
     "labels: statuses must have exactly these statuses"),
])
def test_more_register_mistakes_are_named(old, new, message):
    assert old in TEXT
    assert any(message in p.en for p in problems_for(TEXT.replace(old, new, 1)))


@pytest.mark.parametrize("old, new, words", [
    ("      email: mattias.rindberg@stockholm.se", '      email: "x@y.se\\" onmouseover=\\"alert(1)"', "'email' in contact"),
    ("      phone: 08-508 28 590", "      phone: 'javascript:alert(1)'", "'phone' in contact"),
])
def test_contact_details_are_typed_values(old, new, words):
    assert old in TEXT
    problems = problems_for(TEXT.replace(old, new, 1))
    assert any(words in p.en and p.line for p in problems), [p.en for p in problems]
