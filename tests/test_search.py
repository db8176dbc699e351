"""A reader searches in their own language and finds the page whatever form of the word they type."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ORIGINAL, ROOT, search
from styrdok import search as site_search
from styrdok.checks import pages
from styrdok.model import content
from styrdok.model.register import load_register
from styrdok.render import views
from styrdok.search import compounds

pytestmark = pytest.mark.unit


def pages_found(site, urls: list[str]) -> list[str]:
    return [u.split("?")[0].split("#")[0][len(site.url):] for u in urls]


# The words below are not today's wording of a page: each Swedish one stands in the source documents,
# which the checks keep word for word on the Swedish pages (those marked verbatim), and each English one in a glossary term whose
# Swedish form is in the source, which the checks keep on the English twin of that page
# (test_the_query_words_are_guaranteed_by_the_data). The pages a query must find are the pages
# that hold the word today, read from the built site.
SOURCE_TEXT = " ".join(" ".join(content.source_texts(content.load(ROOT / "docs").register, ROOT / "docs").values())
                       .split())
TERMS = content.load(ROOT / "docs").terms


def in_source(word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", SOURCE_TEXT, re.IGNORECASE) is not None


def in_english_terms(word: str) -> bool:
    return any(in_source(t["sv"]) and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", t["en"], re.IGNORECASE)
               for t in TERMS)


# (page to search from, query, a word of the pages it must find in any form: None for no hits)
QUERIES = [
    ("", "samverkar", "samverkan"),               # verb form of samverkan
    ("", "strategins", "strategin"),              # genitive of the definite form
    ("", "ägardirektivet", "ägardirektiv"),       # definite form
    ("", "bolagsstyrelsernas", "bolagsstyrelser"),  # compound, plural, genitive
    ("", "verksamheterna", "verksamheter"),       # plural definite
    ("", "inriktningarna", "inriktningar"),
    ("", "beslutade", "beslutade"),
    ("", "xyzzy", None),                          # no hits
    ("", "strategy", None),                       # English words on a Swedish page find no English page
    ("en/", "boards", "boards"),                  # plural of board
    ("en/", "strategies", "strategy"),
    ("en/", "area", "areas"),                     # singular of focus areas
    ("en/", "cooperating", "cooperation"),        # cooperate, cooperation
    ("en/", "strategins", None),                  # Swedish on an English page
    # Parts of compounds (the index holds the parts of Swedish compounds too)
    ("", "kvalitet", "livskvalitet"),
    ("", "fördelning", "ansvarsfördelning"),
    ("", "nivå", "verksamhetsnivå"),              # linking s
    ("", "verksamhet", "verksamhetsnivå"),        # the first part
    ("en/", "kvalitet", None),                    # a Swedish part never crosses over
]


def test_the_query_words_are_guaranteed_by_the_data():
    for start, _, word in QUERIES:
        if word:
            assert (in_english_terms(word) if start == "en/" else in_source(word)), word
    for word in EXACT_FORMS:
        assert in_source(word), word
    for start, _, meant in TYPOS:
        assert (in_english_terms(meant) if start == "en/" else in_source(meant)), meant


def holding(site, word: str, lang: str) -> list[str]:
    """The pages of a language whose text holds the word, as a word of its own."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return [rel for rel in site.pages(lang) if pattern.search(site.text(rel))]


@pytest.mark.parametrize(("start", "query", "word"), QUERIES)
def test_search_finds_word_forms_in_the_page_language_only(site, search_page, start, query, word):
    page = search_page(start)
    found = pages_found(site, search(page, query))
    must = holding(site, word, "en" if start else "sv") if word else []
    assert word is None or must, word
    for wanted in must:
        assert wanted in found, (query, found)
    language = "en/" if start == "en/" else ""
    assert all(p.startswith("en/") == (language == "en/") for p in found), (query, found)
    if not must:
        meta = page.locator(".md-search-result__meta").inner_text()
        if not found:
            assert meta in ("Inga sökresultat", "No matching documents")


EXACT_FORMS = ["stockholmarna", "samverkan", "bolagsstyrelser", "beslutade"]


@pytest.mark.parametrize("exact", EXACT_FORMS)
def test_the_exact_form_ranks_first(site, search_page, exact):
    query = exact
    page = search_page("")
    found = pages_found(site, search(page, query))
    with_exact = [p for p in found if re.search(rf"\b{exact}\b", site.text(p), re.IGNORECASE)]
    assert with_exact and found[:len(with_exact)] == with_exact, found


def test_the_searched_word_is_highlighted_on_the_result_page(site, browser_page):
    page = browser_page.page
    page.goto(site.url)
    search(page, "samverkar")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert "samverk" not in page.url  # the words never travel in the address
    marks = page.locator("article mark.site-search-highlight")
    assert marks.count() >= 1
    assert marks.first.inner_text().lower() == "samverkan"


def test_search_is_usable_with_the_keyboard_alone(site, browser_page):
    page = browser_page.page
    page.goto(site.url + "en/")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    assert page.locator("#__search").is_checked()
    box.press_sequentially("strategy", delay=20)
    page.locator(".md-search-result__link").first.wait_for()
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and first.startswith("/") and "en/" in first
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")
    assert page.locator("#__search").is_checked()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_nothing_is_downloaded_for_search_until_the_reader_searches(site, browser_page):
    page = browser_page.page
    page.goto(site.url + "strategi/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in browser_page.requests if "/pagefind/" in u or "search_index" in u]
    search(page, "strategi")
    loaded = [u for u in browser_page.requests if "/pagefind/" in u]
    assert any("wasm.sv" in u for u in loaded)
    assert not any("wasm.en" in u or "pagefind.en_" in u for u in loaded)


# --- parts of compounds, identifiers, typos ---------------------------------------------------------

def _splitter():
    return compounds.splitter(content.load(ROOT / "docs").compound_corrections)


def _compound_rows(limit: int = 4) -> list[tuple[str, str, str]]:
    """(page, part, compound): compounds on the Swedish pages whose last part is on no page as a
    word of its own, so that only the splitting can find them. Derived from the pages, so that
    the table follows the text."""
    splitter = _splitter()
    texts = {name: (ROOT / "docs" / "sv" / name).read_text(encoding="utf-8").lower()
             for name in sorted(pages.page_names(ROOT / "docs", "sv"))}
    everything = " ".join(texts.values())
    rows, seen = [], set()
    for name, text in texts.items():
        for word in sorted(set(re.findall(r"[^\W\d_]{8,}", text))):
            parts = splitter.parts(word)
            last = parts[-1] if parts else ""
            # Not even another form of it (the search stems words) may start a word anywhere.
            stem = last[:max(4, len(last) - 4)]
            if len(last) < 5 or last in seen or re.search(rf"(?<!\w){stem}", everything):
                continue
            seen.add(last)
            page = "" if name == "index.md" else name[:-3] + "/"
            rows.append((page, last, word))
    return rows[:limit]


COMPOUND_ROWS = _compound_rows()


def test_the_pages_hold_compounds_that_only_splitting_finds():
    assert len(COMPOUND_ROWS) >= 2, COMPOUND_ROWS


def _results(page) -> list[dict]:
    return page.eval_on_selector_all(".md-search-result__link", """els => els.map(e => ({
        href: e.href, title: e.querySelector('h2').textContent,
        direct: !!e.querySelector('.site-search-direct'),
        marks: [...e.querySelectorAll('p mark')].map(m => m.textContent), text: e.textContent}))""")


@pytest.mark.parametrize(("rel", "part", "compound"), COMPOUND_ROWS)
def test_the_last_part_of_a_compound_finds_the_page_and_highlights_the_whole_word(site, search_page, rel, part, compound):
    page = search_page("")
    search(page, part)
    results = {pages_found(site, [r["href"]])[0]: r for r in _results(page)}
    assert rel in results, (part, list(results))
    # The compound is highlighted whole (in the form the excerpt shows), not only its part.
    marked = [m.lower().strip(".,:;()!?") for m in results[rel]["marks"]]
    stem = part[:max(4, len(part) - 4)]
    assert any(stem in m and not m.startswith(stem) for m in marked), (compound, marked)
    assert all("~" not in r["text"] for r in results.values())


def _identifier_rows() -> list[tuple[str, str, str]]:
    """(language prefix, query, page) for every identifier in the register, in each written form."""
    register = load_register(ROOT / "docs" / "_data" / "register.yml")
    rows = []
    for doc in register.documents:
        for prefix, lang in (("", "sv"), ("en/", "en")):
            url = views.page_path(doc.page, lang, ORIGINAL)
            if doc.reference != "not_stated":
                first, rest = doc.reference.split("-", 1)
                rows.append((prefix, doc.reference, url))
                # the other written form: without leading zeros, or with one added
                other = f"{int(first)}-{rest}" if first.startswith("0") else f"0{first}-{rest}"
                rows.append((prefix, other, url))
            if doc.contact:
                rows.append((prefix, doc.contact["name"], url))
    dates = {}
    for doc in register.documents:
        if doc.decision_date not in (None, "not_stated"):  # a proposal has none
            dates.setdefault(doc.decision_date, []).append(doc)
    for date, docs in dates.items():
        rows += [(prefix, date, views.page_path(docs[0].page, lang, ORIGINAL)) for prefix, lang in (("", "sv"), ("en/", "en"))]
    return rows


@pytest.mark.parametrize(("start", "query", "rel"), _identifier_rows())
def test_an_identifier_puts_its_document_first_as_a_direct_hit(site, search_page, start, query, rel):
    page = search_page(start)
    search(page, query)
    page.locator(".site-search-direct").first.wait_for()
    results = _results(page)
    assert pages_found(site, [results[0]["href"]]) == [rel], (query, [r["href"] for r in results])
    assert results[0]["direct"]
    assert not any(r["direct"] for r in results[1:] if pages_found(site, [r["href"]]) == [rel])
    assert all(pages_found(site, [r["href"]])[0].startswith("en/") == (start == "en/") for r in results)


def _typo(word: str) -> str:
    """A one-letter slip: the letter in the middle left out."""
    return word[: len(word) // 2] + word[len(word) // 2 + 1:]


TYPOS = [
    ("", "samvekan", "samverkan"),            # a letter left out
    ("", "stratgei", "strategi"),             # two letters swapped
    ("en/", "cooperetion", "cooperation"),    # a wrong letter
    ("en/", "stratgy", "strategy"),
]


@pytest.mark.parametrize(("start", "typed", "meant"), TYPOS)
def test_a_typo_offers_the_word_the_reader_meant_and_one_click_searches_for_it(site, search_page, start, typed, meant):
    page = search_page(start)
    search(page, typed)
    button = page.locator(".site-search-suggest button", has_text=meant)
    button.first.wait_for()
    label = page.locator(".site-search-suggest").inner_text().strip()
    assert label.startswith(content.load(ROOT / "docs").ui["en" if start else "sv"]["search_did_you_mean"]), label
    button.first.click()
    assert page.locator("input.md-search__input").input_value() == meant
    page.wait_for_function("m => [...document.querySelectorAll('.md-search-result__article p mark')]"
                           ".some(e => e.textContent.toLowerCase().includes(m))", arg=meant[:6])
    found = pages_found(site, page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)"))
    assert found and all(p.startswith("en/") == (start == "en/") for p in found)


@pytest.mark.parametrize("start", ["", "en/"])
def test_a_slip_in_a_frequent_word_of_the_site_is_corrected(site, search_page, start):
    """Derived from the vocabulary the build publishes: its most frequent long word, misspelt."""
    lang = "en" if start else "sv"
    words = json.loads((site.dir / site_search.WORDS_FILE.format(lang=lang)).read_text(encoding="utf-8"))
    word = next(w for w in words if len(w) >= 9 and _typo(w) not in words)
    page = search_page(start)
    search(page, _typo(word))
    page.locator(".site-search-suggest button", has_text=word).first.wait_for()


def test_a_correct_word_gets_no_suggestion_and_no_word_list_is_fetched(site, browser_page):
    page = browser_page.page
    page.goto(site.url)
    search(page, "samverkan")
    page.wait_for_timeout(500)
    assert page.locator(".site-search-suggest").count() == 0
    assert not [u for u in browser_page.requests if "/search/words-" in u]
