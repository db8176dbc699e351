"""An editor who makes a mistake in the register is told what, where and how to fix it."""

from __future__ import annotations

import copy

import pytest

from conftest import LANGUAGES, ROOT
from styrdok.model import yamlfile
from styrdok.model.register import load_register, normalise_reference, parse_register
from styrdok.problems import ContentError

pytestmark = pytest.mark.unit

REGISTER = ROOT / "docs" / "_data" / "register.yml"
# A fixed register for the mistakes below, so that editing the real one never breaks these tests.
TEXT = (ROOT / "tests" / "fixtures" / "register.yml").read_text(encoding="utf-8")


def problems_for(text: str) -> list:
    with pytest.raises(ContentError) as caught:
        parse_register(yamlfile.parse(text, "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_real_register_is_valid():
    register = load_register(REGISTER)
    assert register.documents


def test_both_spellings_of_the_2007_reference_find_the_same_document():
    register = parse_register(yamlfile.parse(TEXT, "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)
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
    assert any("has status: adopted but lacks decision_date:" in p.en for p in problems)


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
    bad = TEXT.replace("    status: adopted\n", "    status: adoptd\n", 1)
    (problem,) = problems_for(bad)
    assert "Unknown status 'adoptd'" in problem.en and "Did you mean 'adopted'?" in problem.en
    assert all(status in problem.fix_en for status in ("adopted", "replaced", "proposal"))
    assert problem.line == line_of(bad, "status: adoptd")


def test_a_relation_to_a_missing_document_is_refused():
    bad = TEXT.replace("      proposes_adoption: [internationell-strategi-2016]",
                       "      proposes_adoption: [internationell-strategi-2061]")
    problems = problems_for(bad)
    assert any("'internationell-strategi-2061', but that document is not in the register" in p.en
               and "Did you mean 'internationell-strategi-2016'?" in p.en for p in problems)


def test_a_relation_that_is_not_mirrored_is_refused():
    bad = TEXT.replace("      replaced_by: [internationell-strategi-2016]\n", "")
    (problem,) = [p for p in problems_for(bad) if "lacks replaced_by" in p.en]
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
        parse_register(data, "docs/_data/register.yml", LANGUAGES)
    messages = [p.en for p in caught.value.problems]
    assert any("The relation replaces forms a cycle: " in m for m in messages), messages


def test_a_broken_yaml_file_names_the_line():
    bad = TEXT.replace("    status: adopted\n", "    status: [adopted\n", 1)
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
    bad = TEXT.replace("    status: adopted\n", "    status: active\n", 1)
    (problem,) = problems_for(bad)
    text = str(problem)
    assert text.startswith(f"❌ docs/_data/register.yml:{problem.line}")
    for part in ("Fel:", "Gör så här:", "Problem:", "How to fix:"):
        assert part in text


# --- a proposal is not a decision (the model cannot say more than the source) -----------------

PROPOSAL = "    status: proposal\n    to_be_decided_by: sbr_board\n"


@pytest.mark.parametrize("field", ["decision_date: 2016-12-12", "decided_by: sbr_board"])
def test_a_proposal_with_a_decision_is_refused(field):
    bad = TEXT.replace(PROPOSAL, PROPOSAL + f"    {field}\n")
    (problem,) = problems_for(bad)
    key = field.split(":")[0]
    assert problem.en == (f"The document 'sbr-kompletterande-agardirektiv' is a proposal (status: proposal), but has "
                          f"{key}:. A proposal has no decision.")
    assert problem.line == line_of(bad, PROPOSAL + f"    {field}") + 2
    assert problem.sv.startswith("Dokumentet 'sbr-kompletterande-agardirektiv' är ett förslag")
    assert "to_be_decided_by" in problem.fix_en


def test_a_proposal_names_who_is_to_decide():
    (problem,) = problems_for(TEXT.replace("    to_be_decided_by: sbr_board\n", ""))
    assert "has status: proposal but lacks to_be_decided_by:" in problem.en


def test_a_decided_document_cannot_have_a_decider_to_come():
    bad = TEXT.replace("    status: adopted\n", "    status: adopted\n    to_be_decided_by: sbr_board\n", 1)
    (problem,) = problems_for(bad)
    assert "to_be_decided_by: is only for proposals" in problem.en


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
    bad = TEXT.replace(PROPOSAL, "    status: adopted\n    decided_by: sbr_board\n    decision_date: not_stated\n")
    problems = problems_for(bad)
    assert any("is not a proposal but has the relation proposes_adoption" in p.en for p in problems)


def test_a_replaced_document_left_adopted_is_refused():
    bad = TEXT.replace("    status: replaced\n", "    status: adopted\n", 1)
    (problem,) = problems_for(bad)
    assert problem.en == "The document 'overgripande-mal-2007' has been replaced (replaced_by) but has the status adopted."
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
    from styrdok.model.register import check_against_source
    assert old in TEXT
    register = parse_register(yamlfile.parse(TEXT.replace(old, new, 1), "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)
    problems = check_against_source(register, SOURCE, "docs/_data/000.txt")
    assert len(problems) == 1 and what in problems[0].en, [p.en for p in problems]
    assert problems[0].line is not None
    assert "not_stated" in problems[0].fix_en


def test_the_fixture_register_states_only_what_the_source_gives():
    from styrdok.model.register import check_against_source
    register = parse_register(yamlfile.parse(TEXT, "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)
    assert check_against_source(register, SOURCE, "docs/_data/000.txt") == []


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    type: owner_directive\n", "    type: directive\n", "Unknown type 'directive'"),
    ("    decided_by: kommunfullmaktige\n", "    decided_by: kommunstyrelsen\n", "Unknown body 'kommunstyrelsen'"),
    ("  - id: overgripande-mal-2007\n", "  - id: Övergripande mål\n", "may only contain lower-case letters"),
    ("    reference: 171-482/2016\n", "    reference: <KS 2016/12>\n", "cannot be read as a reference number"),
    ("    reference: 171-482/2016\n", "    reference: 6-1137/2007\n", "Two documents have the same reference: '6-1137/2007'"),
    ("        major: true\n", "        major: yes please\n", "'major' in change no. 1"),
    ("  types:\n", "  statuses:\n    adopted: {sv: Gäller, en: In force}\n  types:\n",
     "Unknown field 'statuses' in labels"),
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


# --- a status rests on a decision that a source text holds ---------------------------------------------

def _evidence_problems(text: str, sources: dict[str, str] | None = None) -> list:
    from styrdok.model.register import check_status_evidence
    register = parse_register(yamlfile.parse(text, "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)
    return check_status_evidence(register, sources if sources is not None else {"000_ebcdb2b342ce38cb.txt": SOURCE})


def test_todays_register_rests_every_status_on_its_decision():
    assert _evidence_problems(TEXT) == []
    assert _evidence_problems(REGISTER.read_text(encoding="utf-8"),
                              {p.name: p.read_text(encoding="utf-8")
                               for p in (ROOT / "docs" / "_data").glob("*.txt") if p.name != "ordlista-stavning.txt"}) == []


def test_the_decision_split_by_a_page_break_is_read_as_one_paragraph():
    from styrdok.model.register import source_paragraphs
    joined = [text for _, text in source_paragraphs(SOURCE) if "171-482/2016" in text]
    assert len(joined) == 1 and "6-1137/2007" in joined[0] and "2016-12-12" in joined[0]
    assert source_paragraphs("Slutar inte\n\n\nmed punkt.\n\nNy mening.") == [(1, "Slutar inte med punkt."), (6, "Ny mening.")]


def _adopted(text: str, decision: str = "2017-03-15", reference: str = "not_stated") -> str:
    """The proposal's status changed to adopted, with a decision, as an editor might type it."""
    at = text.index(PROPOSAL)
    text = text[:at] + text[at:].replace("    reference: not_stated\n", f"    reference: {reference}\n", 1)
    return (text.replace(PROPOSAL, f"    status: adopted\n    decided_by: sbr_board\n    decision_date: {decision}\n")
            .replace("      proposes_adoption: [internationell-strategi-2016]", "      adopts: [internationell-strategi-2016]")
            .replace("      proposed_for_adoption_by: [sbr-kompletterande-agardirektiv]",
                     "      adopted_by: [sbr-kompletterande-agardirektiv]"))


def test_changing_the_status_alone_cannot_adopt_the_proposal():
    # Parsing refuses what a proposal is not allowed to hold, or the decision a decided document needs.
    with pytest.raises(ContentError):
        parse_register(yamlfile.parse(TEXT.replace("    status: proposal\n", "    status: adopted\n"), "r.yml"), "docs/_data/register.yml", LANGUAGES)
    # With the decision's fields filled in, the decision must stand in a source text.
    problems = _evidence_problems(_adopted(TEXT, reference="SBR 2017/12"))
    assert len(problems) == 1 and "has status: adopted, but no paragraph of the source documents" in problems[0].en
    assert "2017-03-15" in problems[0].en and "SBR 2017/12" in problems[0].en
    assert "Lägg till beslutets text som en .txt-fil i docs/_data/" in problems[0].fix_sv
    assert problems[0].line == line_of(_adopted(TEXT, reference="SBR 2017/12"), "    status: adopted\n    decided_by: sbr")


def test_the_decision_text_added_as_a_source_is_the_evidence():
    decision = "Styrelsen för Stockholm Business Region beslutade 2017-03-15 att anta förslaget (SBR 2017/12).\n"
    sources = {"000_ebcdb2b342ce38cb.txt": SOURCE, "beslut.txt": decision}
    text = _adopted(TEXT, reference="SBR 2017/12").replace("sources:\n", "sources:\n  - file: beslut.txt\n"
                                                           "    title: {sv: Styrelsens beslut, en: The board's decision}\n"
                                                           "    date: 2017-03-15\n", 1)
    assert _evidence_problems(text, sources) == []
    # The date, the body and the reference number must be in one paragraph.
    split = decision.replace(" (SBR 2017/12).", ".\n\nDiarienummer SBR 2017/12.")
    assert len(_evidence_problems(text, {**sources, "beslut.txt": split})) == 1


@pytest.mark.parametrize("refusal", ["att inte anta förslaget", "att avslå förslaget", "att återremittera förslaget",
                                     "att ej fastställa förslaget"])
def test_a_decision_that_refuses_the_proposal_is_no_adoption(refusal):
    decision = f"Styrelsen för Stockholm Business Region beslutade 2017-03-15 {refusal} (SBR 2017/12).\n"
    text = _adopted(TEXT, reference="SBR 2017/12").replace("sources:\n", "sources:\n  - file: beslut.txt\n"
                                                           "    title: {sv: Styrelsens beslut, en: The board's decision}\n"
                                                           "    date: 2017-03-15\n", 1)
    (problem,) = _evidence_problems(text, {"000_ebcdb2b342ce38cb.txt": SOURCE, "beslut.txt": decision})
    assert refusal.split()[-2] in problem.sv and "keep status: proposal" in problem.fix_en
    assert problem.line == line_of(text, "    status: adopted\n    decided_by: sbr")


def test_a_relation_alone_cannot_replace_a_document():
    bad = (TEXT.replace("      proposes_adoption: [internationell-strategi-2016]\n",
                        "      proposes_adoption: [internationell-strategi-2016]\n      replaced_by: [internationell-strategi-2016]\n")
           # (the strategy's one replaces: list gains the proposal: a second replaces: key is refused as a duplicate)
           .replace("      replaces: [overgripande-mal-2007]\n",
                    "      replaces: [overgripande-mal-2007, sbr-kompletterande-agardirektiv]\n"))
    problems = problems_for(bad)
    assert any("has been replaced (replaced_by) but has the status proposal" in p.en for p in problems)


def test_a_replaced_document_rests_on_the_decision_that_replaced_it():
    # The decision that replaced it must name the replaced document's own reference number too.
    other = TEXT.replace("    reference: 006-1137/2007\n", "    reference: 7-1137/2007\n")
    problems = _evidence_problems(other, {"000_ebcdb2b342ce38cb.txt": SOURCE + "\n\ndnr 7-1137/2007\n"})
    assert len(problems) == 1 and "has status: replaced" in problems[0].en
    assert "the decision on 'internationell-strategi-2016'" in problems[0].en


def test_a_reference_number_of_another_form_is_taken_as_the_decision_writes_it():
    from styrdok.model.register import check_against_source
    register = parse_register(yamlfile.parse(_adopted(TEXT, reference="SBR 2017/12"), "r.yml"), "docs/_data/register.yml", LANGUAGES)
    decision = "Styrelsen för Stockholm Business Region beslutade 2017-03-15 (SBR 2017/12)."
    assert check_against_source(register, SOURCE + "\n\n" + decision, "x") == []
    missing = check_against_source(register, SOURCE + "\n\n" + decision.replace("SBR 2017/12", "SBR 2017/13"), "x")
    assert any("reference number 'SBR 2017/12'" in p.en for p in missing)


def test_a_missing_register_file_is_named_not_a_crash(tmp_path):
    import shutil

    from styrdok.model import content
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    (tmp_path / "docs" / content.REGISTER_FILE).unlink()
    site = content.read(tmp_path / "docs", tmp_path)
    (problem,) = [p for p in site.load_problems if p.file == f"docs/{content.REGISTER_FILE}"]
    assert "saknas" in problem.sv and "is missing" in problem.en and problem.fix_sv
