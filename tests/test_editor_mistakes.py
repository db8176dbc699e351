"""The mistakes editors really make, each refused (or made harmless) with a Swedish-first message
naming the file and line. In-process over a copy of the project: seconds, not builds."""

from __future__ import annotations

import pytest

from conftest import append, edit, line_of, load_register_data, replace_line, save_register_data
from styrdok.checks import lint, spelling
from styrdok.model import content, terminology, yamlfile
from styrdok.problems import ContentError

pytestmark = pytest.mark.unit


def problems(project) -> list:
    try:
        content.load(project / "docs", project)
    except ContentError as error:
        return error.problems
    return []


def one(project, file: str, words: str):
    found = [p for p in problems(project) if p.file == file and words in p.en]
    assert found, [f"{p.file}:{p.line} {p.en}" for p in problems(project)]
    assert found[0].sv and found[0].fix_sv and found[0].fix_en
    return found[0]


@pytest.mark.parametrize("char, name", [("\u00ad", "soft hyphen"), ("\u200b", "zero-width space"),
                                        ("\u2060", "word joiner")])
def test_an_invisible_character_is_named_with_line_and_column(project, char, name):
    page = project / "docs" / "sv" / "ordlista.md"
    line = append(page, f"Or{char}den finns här.")
    problem = one(project, "docs/sv/ordlista.md", name)
    assert problem.line == line
    assert problem.en.startswith(f"Line {problem.line}, character 3:")


def test_a_byte_order_mark_is_one_clear_message(project):
    page = project / "docs" / "sv" / "ordlista.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    found = problems(project)
    assert [p.en for p in found] == ["The file starts with an invisible character (a byte order mark, BOM)."]


def test_a_non_breaking_space_in_a_phone_number_is_the_same_number(project):
    """Pasted from Word, 08-508 28 590 with a non-breaking space must not go 'missing' in English."""
    page = project / "docs" / "sv" / "ordlista.md"
    twin = project / "docs" / "en" / "ordlista.md"
    append(page, "Ring 08-508\u00a028 590.")
    append(twin, "Call 08-508 28 590.")
    assert problems(project) == []


def test_curly_quotes_around_a_front_matter_value_are_refused(project):
    page = project / "docs" / "sv" / "ordlista.md"
    replace_line(page, r"^title: (.*)$", r"title: ”\1”")
    problem = one(project, "docs/sv/ordlista.md", "is in typographic quotes")
    assert problem.line == 2


@pytest.mark.parametrize("new, words", [
    (r"title: \1: ord", "The value contains a colon"),
    ("\ttitle: \\1", "The line contains a tab"),
])
def test_yaml_mistakes_are_told_in_plain_words(project, new, words):
    replace_line(project / "docs" / "sv" / "ordlista.md", r"^title: (.*)$", new)
    assert one(project, "docs/sv/ordlista.md", words).line == 2


@pytest.mark.parametrize("key", ["title", "description"])
def test_a_page_without_title_or_description_is_refused(project, key):
    page = project / "docs" / "en" / "ordlista.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("\n".join(line for line in text.split("\n") if not line.startswith(f"{key}:")), encoding="utf-8")
    one(project, "docs/en/ordlista.md", f"The front matter lacks {key}:")


def test_a_page_without_any_front_matter_is_refused(project):
    page = project / "docs" / "en" / "ordlista.md"
    page.write_text(page.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    one(project, "docs/en/ordlista.md", "The front matter lacks title:")


def test_two_pages_with_the_same_title_are_refused(project):
    other = yamlfile.read_page(project / "docs" / "sv" / "dokumentregister.md", "x")[0]["title"]
    replace_line(project / "docs" / "sv" / "ordlista.md", r"^title: .*$", f"title: {other}")
    problem = one(project, "docs/sv/ordlista.md", "The title is the same as on docs/sv/dokumentregister.md")
    assert problem.line == 2


def test_register_text_must_state_the_same_facts_in_both_languages(project):
    register = project / "docs" / "_data" / "register.yml"
    text = register.read_text(encoding="utf-8")
    start = text.index("history:")
    en = text.index("en: ", text.index("note:", start))
    register.write_text(text[:en] + "en: On 2016-12-13, " + text[en + 4:], encoding="utf-8")
    problem = one(project, "docs/_data/register.yml", "has different dates in Swedish and English")
    assert "2016-12-13" in problem.en


def test_register_and_terminology_text_is_spell_checked(project):
    register = project / "docs" / "_data" / "register.yml"
    text = register.read_text(encoding="utf-8")
    note = text.index("sv: ", text.index("note:"))
    register.write_text(text[:note] + "sv: Straetgin " + text[note + 4:], encoding="utf-8")
    found = [p for p in spelling.check(content.read(project / "docs", project)) if "Straetgin" in p.en]
    assert found and found[0].file == "docs/_data/register.yml"
    assert found[0].line == line_of(register, "Straetgin")


def test_a_word_list_line_with_two_words_is_refused(project):
    words = project / "docs" / "_data" / "ordlista-stavning.txt"
    words.write_text(words.read_text(encoding="utf-8") + "Olle Zetterberg\n", encoding="utf-8")
    found = [p for p in spelling.check(content.read(project / "docs", project)) if "more than one word" in p.en]
    assert found and found[0].line == line_of(words, "Olle Zetterberg")


def test_the_style_check_allows_exactly_the_html_the_safety_check_allows(project):
    page = project / "docs" / "sv" / "ordlista.md"
    append(page, "A<br>B <abbr title=\"diarienummer\">dnr</abbr> <span>C</span>.")
    found = lint.check([page], project, project / ".pymarkdown.json")
    assert [p.en.split(" (MD")[1][:4] for p in found] == ["033:"]
    assert "Element: span" in found[0].en and "Tillåtna taggar: abbr, br, kbd, small, sub, sup." in found[0].sv


def test_the_advice_for_a_missing_major_is_true_or_false(project):
    data = load_register_data(project)
    del data["documents"][0]["history"][0]["major"]
    save_register_data(project, data)
    problem = one(project, "docs/_data/register.yml", "Required field 'major' is missing")
    assert problem.fix_en == "Write major: true for a major change, otherwise major: false."


def test_a_source_paragraph_with_fixed_punctuation_is_refused(project):
    """The source's own signs stay: "m.m." tidied to "mm." is no longer the source."""
    page = project / "docs" / "sv" / "agardirektiv.md"
    edit(page, "kompletterande ägardirektiv m.m. för bolag", "kompletterande ägardirektiv mm. för bolag")
    source = project / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt"
    # Told on the page the editor changed, at the line, naming the source text and its line.
    source_line = line_of(source, "för internationellt arbete (dnr 6-1137/2007)")
    problem = one(project, "docs/sv/agardirektiv.md", f"(docs/_data/000_ebcdb2b342ce38cb.txt, line {source_line})")
    assert problem.line == line_of(page, "kompletterande ägardirektiv mm. för bolag")
    assert "Här står 'mm.' där underlaget har 'm.m.'" in problem.sv


def test_an_english_page_that_ignores_the_glossary_is_refused(project):
    from styrdok.model.terminology import load_terms
    terms = load_terms(project / "docs" / "_data" / "terminology.yml")
    term = next(t for t in terms if t["sv"] == "samverkan")  # a term of the strategy page
    page = project / "docs" / "en" / "strategi.md"
    text = page.read_text(encoding="utf-8")
    fragment = project / "docs" / "_includes" / "en" / "arendet-inriktningar.md"
    fragment.write_text(fragment.read_text(encoding="utf-8").replace(term["en"], "collaboration"), encoding="utf-8")
    page.write_text(text.replace(f"- {term['en'].capitalize()}", "- Collaboration"), encoding="utf-8")
    problem = one(project, "docs/en/strategi.md", f"lacks the glossary's translation '{term['en']}'")
    assert problem.sv.startswith("Den svenska sidan använder 'samverkan'")


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


def test_an_interface_text_without_english_is_refused(project):
    texts = project / "docs" / "_data" / "ui.yml"
    text = texts.read_text(encoding="utf-8")
    start = text.index("\nmenu:\n") + 1
    english = text.index("  en: ", start)
    texts.write_text(text[:english] + text[text.index("\n", english) + 1:], encoding="utf-8")
    problem = one(project, "docs/_data/ui.yml", "'menu' must have a Swedish (sv:) and an English (en:) text")
    assert problem.line == line_of(texts, "menu:")
