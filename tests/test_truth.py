"""Say no more than the source, in the right language: marked Swedish words, glosses, the operator's
settings on the legal pages."""

from __future__ import annotations

import re

import pytest
from bs4 import NavigableString

from conftest import LANGUAGES, ROOT, run_build
from styrdok.model import operator_settings
from styrdok.model.terminology import load_terms
from styrdok.render import language_marking

pytestmark = pytest.mark.unit

TERMS = load_terms(ROOT / "docs" / "_data" / "terminology.yml")


def _lang_of(node) -> str | None:
    for parent in node.parents:
        if parent.has_attr("lang"):  # lang="" too: a language the page does not know
            return parent["lang"]
    return None


def _occurrences(article, words):
    """(text node, word) for every occurrence of the words in the article's prose."""
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
    for node in article.find_all(string=True):
        if isinstance(node, NavigableString) and not node.find_parent(["code", "pre"]):
            for match in pattern.finditer(str(node)):
                yield node, match.group(1)


def _terms_of(other: str) -> list[str]:
    """The terms that are words of ``other`` when they stand on a page in the site's other language."""
    if other == "sv":
        return [t["sv"] for t in language_marking.swedish_terms(TERMS)]
    return [t["en"] for t in TERMS if not t.get("kept") and t["en"].casefold() != t["sv"].casefold()]


@pytest.mark.parametrize("page_lang, other", [("en", "sv"), ("sv", "en")])
def test_every_term_of_the_other_language_carries_its_lang(site, page_lang, other):
    """WCAG 3.1.2: screen readers switch voice. axe cannot see this; the terminology can.
    English pages use Swedish names; the Swedish glossary lists the English terms."""
    checked = 0
    for rel in site.pages(page_lang):
        article = site.soup(rel).select_one("article")
        for node, word in _occurrences(article, _terms_of(other)):
            # lang="": a text whose language the site cannot know (a commit's title as a change note).
            assert _lang_of(node) in (other, ""), (rel, word)
            checked += 1
    assert checked


def test_a_swedish_name_is_glossed_on_first_use_on_every_english_page(site):
    glossed = [t for t in TERMS if t.get("gloss")]
    for rel in site.pages("en"):
        text = " ".join(site.soup(rel).select_one("article").get_text(" ").split())
        for term in glossed:
            first = text.find(term["sv"])
            if first >= 0:
                following = re.sub(r"\(\s+", "(", text[first + len(term["sv"]):].lstrip())
                assert following.startswith(f"({term['gloss']}"), (rel, term["sv"])


@pytest.mark.unit
def test_marking_leaves_code_and_marked_text_alone_and_glosses_once():
    terms = [{"sv": "Kommunfullmäktige", "en": "Kommunfullmäktige", "kept": True, "gloss": "the City Council"},
             {"sv": "nämnder", "en": "committees"}]
    html = ('<p>Kommunfullmäktige decided. Kommunfullmäktige also.</p><p><code>nämnder</code> '
            '<span lang="sv">nämnder</span> committees (nämnder)</p>')
    marked = language_marking.mark(html, terms, "en")
    assert marked.count('<span lang="sv">Kommunfullmäktige</span>') == 2
    assert marked.count("(the City Council)") == 1
    assert "<code>nämnder</code>" in marked
    assert '<span lang="sv"><span lang="sv">' not in marked
    assert 'committees (<span lang="sv">nämnder</span>)' in marked
    assert language_marking.mark(html, terms, "sv") == html
    # A gloss already written is not written twice.
    assert language_marking.mark("<p>Kommunfullmäktige (the City Council) met.</p>", terms, "en").count("City Council") == 1


@pytest.mark.unit
def test_marking_finds_terms_in_any_case_also_beside_letters_whose_small_form_is_longer():
    terms = [{"sv": "nämnder", "en": "committees"}]
    plain = "<p>NÄMNDER and Nämnder</p>"
    # "İ" has a two-letter small form: the text is searched the case-blind way instead.
    for html in (plain, "<p>İ " + plain[3:]):
        marked = language_marking.mark(html, terms, "en")
        assert '<span lang="sv">NÄMNDER</span>' in marked and '<span lang="sv">Nämnder</span>' in marked, html
        assert language_marking.mark(html.replace("NÄMNDER", "NÄMNDERNA"), terms, "en").count("<span") == 1


# --- the operator's settings ------------------------------------------------------------------------

SETTINGS = operator_settings.load(ROOT / "docs")


def test_the_accessibility_statement_has_every_part_of_diggs_model(site):
    for rel in ("tillganglighet/", "en/tillganglighet/"):
        soup = site.soup(rel)
        for anchor in ("hur-tillganglig", "kontakt", "tillsyn", "teknisk-information", "brister",
                       "oskaligt-betungande", "omfattas-inte", "hur-vi-testat", "om-redogorelsen"):
            assert soup.select_one(f"article #{anchor}"), (rel, anchor)
        assert soup.select_one('article a[href="https://www.digg.se/tdosanmalan"]')
        contact = _section(soup, "kontakt")
        if operator_settings.is_set(SETTINGS, "email"):
            assert any(part.select_one(f'a[href="mailto:{SETTINGS["email"]}"]') for part in contact)
        else:  # a local preview says plainly what is missing
            lang = "en" if rel.startswith("en/") else "sv"
            marker = operator_settings.PLACEHOLDER[lang].split(":")[0]
            assert any(marker in part.get_text() for part in contact), rel


def _section(soup, anchor: str) -> list:
    """The elements under a heading, up to the next heading of the same or a higher level."""
    heading = soup.select_one(f"article #{anchor}")
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {f"h{n}" for n in range(1, int(heading.name[1]) + 1)}:
            break
        parts.append(sibling)
    return parts


@pytest.mark.unit
def test_a_production_address_needs_every_required_setting():
    assert operator_settings.production_problems({}, "http://127.0.0.1:8000/") == []
    problems = operator_settings.production_problems({}, "https://example.org/internationellt/")
    assert {p.en.split("'")[1] for p in problems} == {k for k, v in operator_settings.FIELDS.items() if v[1]}
    assert all(p.file == "docs/_data/webbplatsen.yml" and p.sv.startswith("Webbplatsen byggs för") for p in problems)


@pytest.mark.unit
@pytest.mark.parametrize("key, value, words", [
    ("email", "inte en adress", "has the wrong form"),
    ("organisation", "Bara svenska", "has the wrong form"),
    ("statement_published", "27 november", "has the wrong form"),
    ("telefon", "08-508 28 590", "Unknown field 'telefon'"),
])
def test_a_setting_of_the_wrong_form_is_refused(tmp_path, key, value, words):
    from styrdok.problems import ContentError
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "webbplatsen.yml").write_text(f"{key}: {value}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        operator_settings.load(tmp_path, languages=LANGUAGES)
    assert words in error.value.problems[0].en and error.value.problems[0].line == 1


def test_a_production_build_without_the_operator_settings_stops_and_says_what_to_set(project, tmp_path):
    settings = project / "docs" / "_data" / "webbplatsen.yml"
    settings.write_text("email:\n", encoding="utf-8")
    result = run_build(project, tmp_path / "out", "https://example.org/internationellt/")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not (tmp_path / "out").exists()
    assert "❌ docs/_data/webbplatsen.yml" in output
    assert "The site is built for https://example.org/internationellt/, but 'email'" in output
    assert "Fyll i 'email' i docs/_data/webbplatsen.yml" in output
