"""A reader finds every word of the source on the Swedish site, and every fact on the English one."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from styrdok.checks.pages import FACT_PATTERNS

pytestmark = pytest.mark.unit

SOURCE = ROOT / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt"
SHARED_SOURCE = ROOT.parent / "shared" / "seeds" / "000_ebcdb2b342ce38cb.txt"
_WORD = re.compile(r"\w+(?:[-./@]\w+)*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def source_paragraphs() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if words(p)]


def contains_sequence(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def test_the_project_keeps_an_exact_copy_of_the_source():
    if SHARED_SOURCE.exists():  # beside a checkout; CI has it too
        assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()
    assert len(source_paragraphs()) > 20


def test_word_sequence_matching_ignores_markup_but_not_words():
    from bs4 import BeautifulSoup
    page = words(BeautifulSoup("<p>Det <em>internationella</em>\n arbetet ska</p>", "lxml").get_text(" "))
    assert contains_sequence(page, words("Det internationella arbetet"))
    assert not contains_sequence(page, words("Det internationell arbetet"))


def test_every_paragraph_of_the_source_is_on_the_swedish_site_word_for_word(site):
    pages = {rel: words(site.text(rel)) for rel in site.pages("sv")}
    missing = [p for p in source_paragraphs()
               if not any(contains_sequence(page, words(p)) for page in pages.values())]
    assert missing == []


def flat(text: str) -> str:
    """Text with its spaces and line breaks evened out, nothing else changed."""
    return " ".join(text.split())


def punctuated_paragraph_on(paragraph: str, pages: list[str]) -> bool:
    # The source marks the vision's name with *…*, which the page shows as emphasis.
    return any(flat(paragraph.replace("*", "")) in page for page in pages)


def test_punctuation_counts_when_comparing_with_the_source():
    page = [flat("Anta strategin (bilaga 1) som ersätter mål – internationell strategi m.m. för bolag.")]
    assert punctuated_paragraph_on("Anta strategin (bilaga 1) som ersätter mål – internationell strategi m.m. för bolag.", page)
    assert not punctuated_paragraph_on("Anta strategin (bilaga 1) som ersätter mål - internationell strategi m.m. för bolag.", page)
    assert not punctuated_paragraph_on("Anta strategin (bilaga 1) som ersätter mål – internationell strategi mm. för bolag.", page)


def test_every_paragraph_of_the_source_is_on_the_swedish_site_with_its_punctuation(site):
    """Word for word and sign for sign: the source's dashes, "m.m." and even its typos stay."""
    pages = [flat(site.soup(rel).select_one("article").get_text("")) for rel in site.pages("sv")]
    missing = [p for p in source_paragraphs() if not punctuated_paragraph_on(p, pages)]
    assert missing == []


def test_the_directive_page_holds_the_whole_proposal(site):
    page = words(site.text("agardirektiv/"))
    missing = [p for p in source_paragraphs() if not contains_sequence(page, words(p))]
    assert missing == []


def source_facts() -> set[str]:
    text = SOURCE.read_text(encoding="utf-8")
    found = set()
    for pattern in FACT_PATTERNS.values():
        found |= set(pattern.findall(text))
    return found


def source_names() -> set[str]:
    """People named in the source, and the proper names the terminology keeps in Swedish."""
    names = set()
    for paragraph in source_paragraphs():
        if re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+", paragraph):
            names.add(paragraph)
        match = re.fullmatch(r"Handläggare: (.+)", paragraph)
        if match:
            names.add(match.group(1))
    terms = yaml.safe_load((ROOT / "docs" / "_data" / "terminology.yml").read_text(encoding="utf-8"))
    names |= {t["sv"] for t in terms["terms"] if t["sv"] == t["en"]}
    names.add("Kommunfullmäktige")
    text = SOURCE.read_text(encoding="utf-8")
    assert all(name in text for name in names)
    return names


def test_the_english_site_carries_every_number_date_name_and_contact_detail(site):
    english = " ".join(site.text(rel) for rel in site.pages("en"))
    expected = source_facts() | source_names()
    assert {"171-482/2016", "006-1137/2007", "6-1137/2007", "2016-12-12", "08-508 28 590",
            "mattias.rindberg@stockholm.se", "Olle Zetterberg", "Lena Häggdahl",
            "Mattias Rindberg"} <= expected
    assert sorted(fact for fact in expected if fact not in english) == []


def test_english_pages_use_the_terminology(site):
    from styrdok.model.terminology import inconsistent_terms, load_terms
    terms = load_terms(ROOT / "docs" / "_data" / "terminology.yml")
    problems = {}
    for rel in site.pages("sv"):
        twin = "en/" + rel
        bad = inconsistent_terms(terms, site.text(rel), site.text(twin))
        if bad:
            problems[rel] = [t["en"] for t in bad]
    assert problems == {}


def test_the_glossary_lists_every_term_in_both_languages(site):
    from styrdok.model.terminology import load_terms
    terms = load_terms(ROOT / "docs" / "_data" / "terminology.yml")
    for rel in ("ordlista/", "en/ordlista/"):
        rows = [[re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", c.get_text(" ", strip=True))) for c in tr.select("td")]
                for tr in site.soup(rel).select("article table tbody tr")]
        expected = [(t["sv"], t["en"] + (f" ({t['gloss']})" if t.get("gloss") else "")) for t in terms]
        assert sorted((r[0], r[1]) for r in rows) == sorted(expected)


def test_pages_say_what_the_source_does_not_state(site):
    from styrdok.model.register import NOT_STATED, load_register
    register = load_register(ROOT / "docs" / "_data" / "register.yml")
    for doc in register.documents:
        if NOT_STATED in (doc.decision_date, doc.reference, doc.decided_by):
            for lang, prefix in (("sv", ""), ("en", "en/")):
                assert register.label("ui", "not_stated", lang) in site.text(prefix + doc.page[:-3] + "/")
        # A note says what the source lacks (the annex's text, who decided): it stands on the page.
        if doc.note:
            for lang, prefix in (("sv", ""), ("en", "en/")):
                assert " ".join(doc.note[lang].split()) in site.text(prefix + doc.page[:-3] + "/"), doc.id
