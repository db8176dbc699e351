"""The remaining guards against bad input, each fed its bad input (register, terminology, pages)."""

from __future__ import annotations

import jinja2
import pytest

from conftest import ROOT, edit, run_build
from styrdok import pages, terminology, yamlfile
from styrdok.problems import ContentError
from styrdok.register import parse_register
from styrdok.template_cache import MemoryBytecodeCache

REGISTER = (ROOT / "docs" / "_data" / "register.yml").read_text(encoding="utf-8")


def register_problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_register(yamlfile.parse(text, "docs/_data/register.yml"))
    return [p.en for p in caught.value.problems]


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
    assert old in REGISTER
    assert any(message in m for m in register_problems(REGISTER.replace(old, new, 1)))


def test_a_document_whose_page_is_missing_fails_the_build(project, tmp_path):
    edit(project / "docs" / "_data" / "register.yml", "    page: strategi-2007.md", "    page: strategi-2008.md")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "page: strategi-2008.md, but the file docs/sv/strategi-2008.md does not exist" in result.stderr


def test_a_document_page_without_its_document_line_fails_the_build(project, tmp_path):
    edit(project / "docs" / "sv" / "agardirektiv.md", "document: sbr-kompletterande-agardirektiv\n", "")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "docs/sv/agardirektiv.md:1" in result.stderr
    assert "the front matter lacks document:" in result.stderr


def test_a_front_matter_that_is_never_closed_is_named():
    with pytest.raises(ContentError) as caught:
        yamlfile.front_matter("---\ntitle: Ordlista\n\n# Ordlista\n", "docs/sv/ordlista.md")
    (problem,) = caught.value.problems
    assert problem.where() == "docs/sv/ordlista.md:1" and "never closed" in problem.en


def test_a_broken_terminology_entry_is_named(tmp_path):
    path = tmp_path / "terminology.yml"
    path.write_text("terms:\n  - sv: samverkan\n    en: cooperation\n  - sv: påverkan\n    note: {sv: x}\n",
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        terminology.load_terms(path, "docs/_data/terminology.yml")
    (problem,) = caught.value.problems
    assert problem.where() == "docs/_data/terminology.yml:4"
    assert "A term must have sv:, en:" in problem.en


def test_a_term_translated_differently_is_reported():
    terms = [{"sv": "samverkan", "en": "cooperation"}]
    assert terminology.inconsistent_terms(terms, "Samverkan är viktig.", "Collaboration matters.") == terms
    assert terminology.inconsistent_terms(terms, "Samverkan är viktig.", "Cooperation matters.") == []


@pytest.mark.parametrize("text, expected", [
    ("dnr 171-482/2016 och 006-1137/2007", {"171-482/2016", "6-1137/2007"}),
    ("x/171-482/2016 1171-482/2016 171-482/20161", set()),
])
def test_reference_numbers_are_found_whole_and_only_whole(text, expected):
    assert pages.facts(text)["diarienummer / reference number"] == expected


@pytest.mark.parametrize("kind, text, expected", [
    ("datum / date", "den 2016-12-12, (2007-01-01)", {"2016-12-12", "2007-01-01"}),
    ("datum / date", "12016-12-12 2016-12-121 -2016-12-12", set()),
    ("telefon / phone", "tel. 08-508 29 000 eller (08-508 25 000)", {"08-508 29 000", "08-508 25 000"}),
    ("telefon / phone", "a08-508 29 000 108-508 29 000", set()),
    ("e-post / e-mail", "mejla a.b@stockholm.se.", {"a.b@stockholm.se"}),
    ("e-post / e-mail", "inget snabel-a här", set()),
])
def test_dates_phone_numbers_and_addresses_are_found_whole_and_only_whole(kind, text, expected):
    assert pages.facts(text)[kind] == expected


def test_an_edited_template_is_compiled_again_in_the_same_process():
    # `mkdocs serve` keeps one process: a cached template must not outlive an edit.
    source = {"page.html": "old {{ x }}"}
    cache = MemoryBytecodeCache()

    def render():
        env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: (source[name], None, None)),
                                 bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert render() == "old 1"
    assert render() == "old 1"  # from the cache
    source["page.html"] = "new {{ x }}"
    assert render() == "new 1"
