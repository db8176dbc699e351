"""Say no more than the source: a date, reference number, e-mail address or phone number on a
Swedish page or fragment must stand in a source text the register lists. A page cannot say that a
proposal was adopted on a date no source gives; the decision is added as a source first."""

from __future__ import annotations

import pytest

from conftest import ORIGINAL, check_copy, line_of, load_register_data, save_register_data

pytestmark = pytest.mark.build

SENTENCE = "Styrelsen antog förslaget 2099-02-15 och det gäller från 2099-03-01 (dnr 112-45/2099)."


def _unsourced(project) -> list:
    return [p for p in check_copy(project, "innehåll").problems if "källtexterna" in p.sv]


def _append(path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")


def test_the_real_pages_state_only_facts_of_their_sources(project):
    assert _unsourced(project) == []


def test_a_decision_no_source_gives_is_refused_on_the_page_with_its_line(project):
    page = project / "docs" / ORIGINAL / "agardirektiv.md"
    _append(page, SENTENCE)
    found = _unsourced(project)
    assert {(p.file, p.line) for p in found} == {(f"docs/{ORIGINAL}/agardirektiv.md", line_of(page, SENTENCE))}
    told = " ".join(p.sv + p.en for p in found)
    for fact in ("2099-02-15", "2099-03-01", "112-45/2099"):
        assert fact in told
    assert all(p.fix_sv and p.fix_en and not p.warning for p in found)


def test_in_a_fragment_it_is_told_on_the_fragment(project):
    fragment = next((project / "docs" / "_includes" / ORIGINAL).glob("*.md"))
    _append(fragment, SENTENCE)
    assert {p.file for p in _unsourced(project)} == {f"docs/_includes/{ORIGINAL}/{fragment.name}"}


def test_once_the_decision_is_a_source_the_page_may_state_it(project):
    _append(project / "docs" / ORIGINAL / "agardirektiv.md", SENTENCE)
    (project / "docs" / "_data" / "beslut-2099.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    data = load_register_data(project)
    data["sources"].append({"file": "beslut-2099.txt", "title": {"sv": "Beslut", "en": "Decision"},
                            "date": "2099-02-15"})
    save_register_data(project, data)
    assert _unsourced(project) == []


def test_an_english_gloss_with_a_number_or_a_date_is_refused_with_its_line(tmp_path):
    """An English gloss adds nothing the Swedish lacks: it says what a name means, never a fact."""
    from styrdok.model import terminology
    from styrdok.problems import ContentError
    path = tmp_path / "terminology.yml"
    path.write_text("terms:\n  - sv: Kommunfullmäktige\n    en: Kommunfullmäktige\n    kept: true\n"
                    "    gloss: the City Council, which adopted it on 2017-03-01\n", encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        terminology.load_terms(path)
    (problem,) = refused.value.problems
    assert problem.line == 5 and "2017-03-01" in problem.sv and problem.fix_sv
    path.write_text(path.read_text(encoding="utf-8").replace(", which adopted it on 2017-03-01", ""), encoding="utf-8")
    assert terminology.load_terms(path)[0]["gloss"] == "the City Council"


def test_a_source_copied_with_verbatim_but_on_no_page_names_the_flag_in_its_fix(project):
    """The guide's adoption step copies the first source's lines; its verbatim: true asks for the
    decision's text on the pages. Each message on the text says how to restore it, and also that
    the flag, on its line of the register, is what to remove when the text is only a basis."""
    (project / "docs" / "_data" / "beslut-2099.txt").write_text("Styrelsen beslutade 2099-02-15.\n\nAndra stycket.\n",
                                                                encoding="utf-8")
    data = load_register_data(project)
    data["sources"].append({"file": "beslut-2099.txt", "title": {"sv": "Beslut", "en": "Decision"},
                            "date": "2099-02-15", "verbatim": True})
    save_register_data(project, data)
    text = (project / "docs" / "_data" / "register.yml").read_text(encoding="utf-8")
    last_verbatim = text[:text.rindex("verbatim:")].count("\n") + 1
    found = [p for p in check_copy(project, "innehåll").problems if p.file == "docs/_data/beslut-2099.txt"]
    assert [p.line for p in found] == [1, 3]
    for problem in found:
        assert f"ta bort raden verbatim: true vid källan i docs/_data/register.yml (rad {last_verbatim})" in problem.fix_sv
        assert f"(line {last_verbatim})" in problem.fix_en and not problem.warning
