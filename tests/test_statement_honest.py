"""The accessibility statement claims no more than what is recorded (issue 23, point 6), in-process.

Automated tests cannot establish conformance: without a recorded manual review the statement says
"partially compliant", lists the known gaps and says that no manual review has been made; with a
record it says exactly what the record says. "Last updated" comes from git. The privacy note names
who receives the logs, the transfer and its operator-supplied basis. Expectations come from ui.yml
and the settings, never from today's sentences. Built site and browser: test_statement_site.py.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT
from styrdok import pipeline
from styrdok.model import operator_settings, ui
from styrdok.problems import ContentError
from styrdok.render import assessment

pytestmark = pytest.mark.unit

TEXTS = ui.load(ROOT / "docs")
FILE = f"docs/{operator_settings.FILE}"
REVIEW = {"date": "2026-10-01",
          "method": {"sv": "Skärmläsaren NVDA och bara tangentbord, enligt WCAG-EM.",
                     "en": "The NVDA screen reader and the keyboard alone, following WCAG-EM."},
          "reviewer": {"sv": "Tillgänglighetsbyrån AB", "en": "Tillgänglighetsbyrån AB"},
          "result": {"sv": "Två brister hittades.", "en": "Two shortcomings were found."}}
GAPS = [{"sv": "Språkväljaren saknar språkmärkning.", "en": "The language switcher lacks language marking.",
         "wcag": "3.1.2"},
        {"sv": "En tabell saknar rubrikceller.", "en": "A table lacks header cells."}]
# (name, settings, the conformance the statement may claim)
CASES = [
    ("no record", {}, "partial"),
    ("no record, known gaps", {"known_gaps": GAPS}, "partial"),
    ("a review that found gaps", {"manual_review": {**REVIEW, "conformance": "partial"}, "known_gaps": GAPS},
     "partial"),
    ("a review that found full conformance", {"manual_review": {**REVIEW, "conformance": "full"}}, "full"),
]


def html_of(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=["attr_list"]), "lxml")


def words(text: str) -> str:
    return " ".join(text.split())


def settings_file(tmp_path: Path, settings: dict) -> Path:
    (tmp_path / "_data").mkdir(exist_ok=True)
    path = tmp_path / "_data" / "webbplatsen.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp_path


def loaded(tmp_path: Path, settings: dict) -> dict:
    return operator_settings.load(settings_file(tmp_path, settings), today=dt.date(2026, 12, 1),
                                  languages=LANGUAGES)


# --- 1. the compliance sentences come from the record --------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name, settings, claim", CASES, ids=[case[0] for case in CASES])
def test_the_statement_claims_exactly_what_the_record_says(tmp_path, name, settings, claim, lang):
    texts = TEXTS[lang]
    settings = loaded(tmp_path, settings)
    compliance = html_of(assessment.compliance_markdown(settings, lang, texts))
    technical = html_of(assessment.technical_markdown(settings, lang, texts))
    gaps = html_of(assessment.gaps_markdown(settings, lang, texts))
    review = words(html_of(assessment.review_markdown(settings, lang, texts)).get_text(" "))
    # The bold claim of "How accessible is the site?" and the claim of "Technical information"
    assert [words(b.get_text()) for b in compliance.find_all("strong")] == [texts[f"conformance_{claim}"]]
    assert words(technical.get_text(" ")).startswith(
        words(texts["statement_technical"].split("{conformance}")[0]) + " " + texts[f"conformance_{claim}"])
    record = settings.get("manual_review")
    said = words(compliance.get_text(" "))
    if record:
        for value in (record["date"], record["reviewer"][lang], record["method"][lang]):
            assert value in said, (name, value)
        for value in (record["date"], record["reviewer"][lang], record["method"][lang], record["result"][lang]):
            assert value in review, (name, value)
        assert texts["review_missing"] not in said and texts["review_not_made"] not in review
    else:  # no manual review: says so, in both places, and never claims full conformance
        assert texts["review_missing"] in said and review == texts["review_not_made"]
        assert texts["review_missing_short"] in words(technical.get_text(" ")) or settings.get("known_gaps")
    listed = [words(li.get_text(" ")) for li in gaps.find_all("li")]
    expected = [gap[lang] + (" " + ui.fill(texts, "gap_criterion", {"criterion": gap["wcag"]}) if gap.get("wcag")
                             else "") for gap in settings.get("known_gaps") or []]
    assert listed == expected
    if expected:
        assert texts["gaps_below"] in said and texts["gaps_below"] in words(technical.get_text(" "))
        assert texts["gaps_intro"] in words(gaps.get_text(" "))
    elif record:
        assert words(gaps.get_text(" ")) == ui.fill(texts, "gaps_none_found", {"date": record["date"]})
    else:
        assert words(gaps.get_text(" ")) == texts["gaps_unknown"]


def test_without_a_review_the_statement_is_partial_whatever_else_is_set(tmp_path):
    """The real settings file, and the real settings with everything but a review filled in."""
    for settings in (operator_settings.load(ROOT / "docs"), {**operator_settings.load(ROOT / "docs"), "known_gaps": None}):
        if operator_settings.review(settings):
            continue  # a review is recorded: the cases above cover what it may claim
        assert operator_settings.conformance(settings) == "partial"
        for lang in LANGUAGES:
            strong = html_of(assessment.compliance_markdown(settings, lang, TEXTS[lang])).find("strong")
            assert strong.get_text() == TEXTS[lang]["conformance_partial"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_record_values_are_literal_text_in_the_statement(tmp_path, lang):
    hostile = "<img src=x onerror=alert(1)> [link](javascript:alert(1)) **bold** {!/etc/passwd!}"
    review = {key: ({"sv": hostile, "en": hostile} if isinstance(value, dict) else value)
              for key, value in REVIEW.items()}
    settings = loaded(tmp_path, {"manual_review": {**review, "conformance": "partial"},
                                 "known_gaps": [{"sv": hostile, "en": hostile}]})
    for part in (assessment.compliance_markdown, assessment.gaps_markdown, assessment.review_markdown):
        page = html_of(part(settings, lang, TEXTS[lang]))
        assert not page.find("img") and not page.find("a") and hostile in words(page.get_text(" ")), part.__name__
        assert [b.get_text() for b in page.find_all("strong")] in ([], [TEXTS[lang]["conformance_partial"]])


# --- 2. the records are checked, with file and line --------------------------------------------------

def refused(tmp_path: Path, text: str) -> list:
    (tmp_path / "_data").mkdir(exist_ok=True)
    (tmp_path / "_data" / "webbplatsen.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        operator_settings.load(tmp_path, today=dt.date(2026, 12, 1), languages=LANGUAGES)
    for problem in error.value.problems:
        assert problem.file == FILE and problem.sv and problem.en and problem.fix_sv and problem.fix_en
    return error.value.problems


def review_yaml(**changes) -> str:
    record = {**REVIEW, "conformance": "full", **changes}
    record = {key: value for key, value in record.items() if value is not None}
    return yaml.safe_dump({"manual_review": record}, allow_unicode=True, sort_keys=False)


BAD_RECORDS = {
    # name: (the file, the line of the problem, words of the English message, of the Swedish one)
    "not a mapping": ("manual_review: granskad\n", 1, "'manual_review' (the manual review) must have the fields",
                      "ska ha fälten"),
    "a field missing": (review_yaml(method=None), 1, "'manual_review' lacks 'method' (how the site was reviewed)",
                        "saknar 'method'"),
    "a misspelt field": (review_yaml() + "  reviwer: x\n", 13, "Unknown field 'reviwer'. Did you mean 'reviewer'?",
                         "Menade du 'reviewer'?"),
    "an impossible date": (review_yaml(date="2026-02-30"), 2, "'manual_review: date' (the day the review was made) "
                           "has the wrong form", "har fel form"),
    "a date in the future": (review_yaml(date="2027-01-01"), 2, "The review's date 2027-01-01 is in the future",
                             "har inte kommit än"),
    "a misspelt conformance": (review_yaml(conformance="fully"), 12, "has the wrong form. Did you mean 'full'?",
                               "Menade du 'full'?"),
    "a text in one language": (review_yaml(result={"sv": "Inga brister."}), 9,
                               "'manual_review: result' (what the review found) has the wrong form", "fel form"),
    "full with gaps": (review_yaml() + "known_gaps:\n- sv: a\n  en: b\n", 13,
                       "fully compliant (conformance: full), but 'known_gaps' lists shortcomings",
                       "men 'known_gaps' listar brister"),
    "partial without gaps": (review_yaml(conformance="partial"), 12,
                             "partially compliant (conformance: partial), but 'known_gaps' lists no shortcomings",
                             "listar inga brister"),
    "gaps not a list": ("known_gaps: tabellerna\n", 1, "'known_gaps' must be a list of shortcomings",
                        "ska vara en lista"),
    "a gap in one language": ("known_gaps:\n- sv: En brist.\n", 2, "Gap number 1 in 'known_gaps' lacks a text in "
                              "every language", "saknar en text på varje språk"),
    "a gap's criterion": ("known_gaps:\n- sv: a\n  en: b\n  wcag: 2.4\n", 4, "'wcag' in gap number 1 must be a "
                          "criterion's number, not '2.4'", "ska vara ett kriteriums nummer"),
    "a misspelt record": ("manual_reveiw: x\n", 1, "Unknown field 'manual_reveiw'. Did you mean 'manual_review'?",
                          "Okänt fält 'manual_reveiw'"),
}


@pytest.mark.parametrize("name", sorted(BAD_RECORDS))
def test_a_bad_record_is_refused_with_its_line_and_the_fix(tmp_path, name):
    text, line, english, swedish = BAD_RECORDS[name]
    found = [p for p in refused(tmp_path, text) if english in p.en]
    assert found, [p.en for p in refused(tmp_path, text)]
    assert found[0].line == line and swedish in found[0].sv + found[0].fix_sv, (found[0].line, found[0].sv)


def test_a_complete_record_is_accepted_and_gives_its_conformance(tmp_path):
    assert operator_settings.conformance(loaded(tmp_path, {"manual_review": {**REVIEW, "conformance": "full"}})) == "full"
    assert operator_settings.conformance(loaded(tmp_path, {})) == "partial"


def test_no_record_is_required_for_production_but_the_privacy_settings_are():
    required = {key for key, (_, needed, _, _) in operator_settings.FIELDS.items() if needed}
    assert {"privacy_email", "transfer", "transfer_basis"} <= required
    assert not set(operator_settings.RECORDS) & set(operator_settings.FIELDS)
    problems = operator_settings.production_problems({}, "https://example.org/")
    assert {p.en.split("'")[1] for p in problems} == required


# --- 3. the assessment in words; when the statement last changed ---------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_assessment_names_its_rules_in_words_not_axe_tags(lang):
    text = assessment.statement_markdown(assessment.current(ROOT, LANGUAGES), TEXTS[lang])
    assert not [tag for tag in assessment.AXE_TAGS if tag in text]
    versions, levels = assessment.rules(assessment.AXE_TAGS)
    assert versions and levels
    assert f"WCAG {assessment.words(versions, TEXTS[lang])}" in text
    assert assessment.words(levels, TEXTS[lang]) in text


def test_axe_tags_become_versions_and_levels():
    assert assessment.rules(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]) == (["2.0", "2.1"], ["A", "AA"])
    assert assessment.rules(["wcag22aa", "best-practice", "wcag2aaa"]) == (["2.0", "2.2"], ["AA", "AAA"])
    assert assessment.words(["2.0", "2.1", "2.2"], TEXTS["en"]) == f"2.0, 2.1 {TEXTS['en']['list_and']} 2.2"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dates_say_the_day_of_the_last_change_or_that_it_cannot_be_told(lang):
    texts = TEXTS[lang]
    known = words(html_of(operator_settings.dates_markdown({}, dt.date(2026, 3, 11), lang, texts)).get_text(" "))
    assert ui.fill(texts, "updated_on", {"date": "2026-03-11"}) in known
    unknown = words(html_of(operator_settings.dates_markdown({}, None, lang, texts)).get_text(" "))
    assert texts["updated_unknown"] in unknown and "2026" not in unknown


# When the statement last changed: the same source as every page's "last updated" line, the page's
# latest version (model/history.py; tests/test_history.py, and test_statement_site.py on the built site).


# --- 4. the privacy note --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_note_names_who_receives_the_logs_the_transfer_and_its_basis(lang):
    texts = TEXTS[lang]
    filled = {"controller": {"sv": "Stadsledningskontoret", "en": "The City Executive Office"},
              "email": "tillganglighet@example.org", "privacy_email": "dataskydd@example.org",
              "transfer": {"sv": "Mottagaren i tredjeland.", "en": "The recipient in a third country."},
              "transfer_basis": {"sv": "Ett beslut om adekvat skyddsnivå.", "en": "An adequacy decision."}}
    page = html_of(operator_settings.privacy_markdown(filled, lang, texts))
    text = words(page.get_text(" "))
    assert filled["transfer"][lang] in text and filled["transfer_basis"][lang] in text
    assert [a["href"] for a in page.find_all("a")] == ["mailto:dataskydd@example.org"]  # not the accessibility one
    empty = words(html_of(operator_settings.privacy_markdown({}, lang, texts)).get_text(" "))
    for key in ("transfer", "transfer_basis", "privacy_email"):  # the site invents none of them
        what = operator_settings.FIELDS[key][2 if lang == "sv" else 3]
        assert operator_settings.PLACEHOLDER[lang].format(what=what, key=key) in empty, key


def test_the_real_settings_say_who_receives_the_logs_but_leave_the_basis_to_the_operator():
    settings = operator_settings.load(ROOT / "docs")
    assert operator_settings.is_set(settings, "transfer") and operator_settings.is_set(settings, "host")
    if not operator_settings.is_set(settings, "transfer_basis"):
        problems = operator_settings.production_problems(settings, "https://example.org/")
        assert "transfer_basis" in {p.en.split("'")[1] for p in problems}


# --- 5. the skip link's target on document pages ------------------------------------------------------------

def test_a_document_page_gets_its_title_as_the_first_entry_of_its_contents():
    build = pipeline.SiteBuild(ROOT / "docs", ROOT, "http://127.0.0.1:8000/")
    assert build.title_entry("sv/strategi.md", {"register": {"id": "x"}}, ["varfor", "syfte"]) == pipeline.TITLE_ANCHOR
    assert build.title_entry("sv/integritet.md", {}, ["integritet-och-kakor"]) is None


def test_a_heading_that_takes_the_titles_anchor_is_refused_with_its_line(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sv").mkdir(parents=True)
    (docs / "sv" / "x.md").write_text(f"---\ndocument: x\n---\n\n## Rubrik {{#{pipeline.TITLE_ANCHOR}}}\n",
                                      encoding="utf-8")
    build = pipeline.SiteBuild(docs, tmp_path, "http://127.0.0.1:8000/")
    with pytest.raises(ContentError) as error:
        build.title_entry("sv/x.md", {"register": {"id": "x"}}, ["a", pipeline.TITLE_ANCHOR])
    (problem,) = error.value.problems
    assert (problem.file, problem.line) == ("docs/sv/x.md", 5)
    assert f"'#{pipeline.TITLE_ANCHOR}'" in problem.en and f"'#{pipeline.TITLE_ANCHOR}'" in problem.sv


# --- worst cases ---------------------------------------------------------------------------------------------

def _worst_many_gaps():
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        gaps = [{"sv": f"Brist {n}.", "en": f"Gap {n}.", "wcag": "1.1.1"} for n in range(5000)]
        settings = operator_settings.load(settings_file(Path(folder), {"known_gaps": gaps}), languages=LANGUAGES)
        for lang in LANGUAGES:
            assessment.gaps_markdown(settings, lang, TEXTS[lang])


WORST_CASES = {
    "5,000 known gaps checked and listed": _worst_many_gaps,
}


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
def test_worst_cases_take_bounded_time():
    started = time.monotonic()
    _worst_many_gaps()
    assert time.monotonic() - started < 10
