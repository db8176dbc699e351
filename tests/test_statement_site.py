"""What a reader of the built site gets (issue 23, point 6–8): a statement that claims what the records
and git say, a skip link that lands on the h1 of every kind of page, language names in the switcher
marked with their language, a privacy note that names the transfer of the logs, and "page not
found" pages in every language. Expectations come from ui.yml, the settings, mkdocs.yml and the
theme, never from today's sentences. In-process: test_statement_honest.py."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ORIGINAL, ROOT
from styrdok.model import operator_settings, ui
from styrdok.model.languages import read_config
from styrdok.render import assessment
from test_reading import theme_text

pytestmark = pytest.mark.build

TEXTS = ui.load(ROOT / "docs")
SETTINGS = operator_settings.load(ROOT / "docs")
# The not-found pages as a reader meets them: any address that does not exist, in each language.
NOT_FOUND = {ORIGINAL: "finns-inte/", **{lang: f"{lang}/finns-inte/" for lang in LANGUAGES[1:]}}


def lang_of(rel: str) -> str:
    return next((lang for lang in LANGUAGES[1:] if rel.startswith(f"{lang}/")), ORIGINAL)


def words(text: str) -> str:
    return " ".join(text.split())


def rendered(text: str) -> str:
    return words(BeautifulSoup(markdown.markdown(text), "lxml").get_text(" "))


def section(soup, anchor: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    heading = soup.select_one(f"article #{anchor}")
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {f"h{n}" for n in range(1, int(heading.name[1]) + 1)}:
            break
        if "page-changed" in sibling.get("class", []):
            continue  # every page's "last updated" line (partials/last-changed.html), not the section's
        parts.append(sibling.get_text(" "))
    return words(" ".join(parts))


def language_names() -> dict[str, str]:
    """Each language's own name, as mkdocs.yml's i18n settings give it to the switcher."""
    plugins = read_config(ROOT / "mkdocs.yml").get("plugins") or []
    for plugin in [plugins] if isinstance(plugins, dict) else plugins:  # (MkDocs takes either form)
        if isinstance(plugin, dict) and "i18n" in plugin:
            return {item["locale"]: item["name"] for item in plugin["i18n"]["languages"]}
    raise AssertionError("no i18n settings")


# --- the statement --------------------------------------------------------------------------------------

def test_the_statement_says_what_the_records_say_and_when_it_last_changed(site):
    for lang in LANGUAGES:
        rel = "tillganglighet/" if lang == ORIGINAL else f"{lang}/tillganglighet/"
        soup, texts = site.soup(rel), TEXTS[lang]
        # "Last updated" has the same source as the page's own "last updated" line (its latest
        # version: model/history.py), which has no date without a history or with unsaved changes.
        changed = soup.select_one("article .page-changed time")
        updated = dt.date.fromisoformat(changed["datetime"]) if changed else None
        claim = texts[f"conformance_{operator_settings.conformance(SETTINGS)}"]
        assert soup.select_one("article #hur-tillganglig + p strong").get_text() == claim
        assert section(soup, "hur-tillganglig") == rendered(assessment.compliance_markdown(SETTINGS, lang, texts))
        technical = soup.select_one("article #teknisk-information + p").get_text(" ")
        assert words(technical) == rendered(assessment.technical_markdown(SETTINGS, lang, texts))
        assert section(soup, "brister") == rendered(assessment.gaps_markdown(SETTINGS, lang, texts))
        assert rendered(assessment.review_markdown(SETTINGS, lang, texts)) in section(soup, "hur-vi-testat")
        if not operator_settings.review(SETTINGS):
            assert texts["review_not_made"] in section(soup, "hur-vi-testat")
        # "last updated" is the day the statement last changed in git, or it says it cannot tell
        assert section(soup, "om-redogorelsen") == rendered(operator_settings.dates_markdown(SETTINGS, updated, lang, texts))
        said = ui.fill(texts, "updated_on", {"date": updated.isoformat()}) if updated else texts["updated_unknown"]
        assert said in section(soup, "om-redogorelsen")


def test_no_page_shows_an_unexplained_programming_name(site):
    """A name such as a browser interface's (written joinedLikeThis) means nothing to a reader:
    outside code, no page's text has one."""
    joined = re.compile(r"\b[a-z]+[A-Z][A-Za-z]*\b")
    for rel in site.pages():
        article = site.soup(rel).select_one("article")
        for code in article.select("code, pre, kbd"):
            code.decompose()
        assert not joined.findall(article.get_text(" ")), rel


def test_every_phrase_marked_with_a_language_is_published_with_it(site):
    """`*word*{: lang="xx" }` in a page's Markdown (the project's way to mark the other language):
    the published page has that phrase in an element with that lang."""
    marked = re.compile(r"\*([^*]+)\*\{:\s*lang=\"([a-z]+)\"\s*\}")
    seen = 0
    for rel in site.pages():
        lang = lang_of(rel)
        name = rel[len(lang) + 1:] if lang != ORIGINAL else rel
        source = ROOT / "docs" / lang / (name.rstrip("/") + ".md" if name else "index.md")
        for phrase, phrase_lang in marked.findall(source.read_text(encoding="utf-8")):
            found = [e for e in site.soup(rel).select(f'article [lang="{phrase_lang}"]') if e.get_text() == phrase]
            assert found, (rel, phrase)
            seen += 1
    assert seen


# --- the privacy note -------------------------------------------------------------------------------------

def test_the_privacy_note_names_who_receives_the_logs_the_transfer_its_basis_and_its_own_contact(site):
    for lang in LANGUAGES:
        rel = "integritet/" if lang == ORIGINAL else f"{lang}/integritet/"
        soup = site.soup(rel)
        server = section(soup, "servern")
        for key in ("host", "logs", "transfer", "transfer_basis", "privacy_email", "controller", "legal_basis"):
            if not operator_settings.is_set(SETTINGS, key):
                what = operator_settings.FIELDS[key][2 if lang == ORIGINAL else 3]
                assert operator_settings.PLACEHOLDER[lang].format(what=what, key=key) in server, (rel, key)
            elif operator_settings.FIELDS[key][0] == "text":
                assert words(SETTINGS[key][lang]) in server, (rel, key)
        mail = [a["href"] for a in soup.select("article a[href^='mailto:']")]
        expected = [f"mailto:{SETTINGS[key]}" for key in ("privacy_email", "dpo_email") if operator_settings.is_set(SETTINGS, key)]
        assert mail == expected, rel


# --- the pages not found ----------------------------------------------------------------------------------------

def test_the_page_not_found_in_each_folder_carries_every_language(site):
    names = language_names()
    for lang in LANGUAGES:
        path = site.dir / ("404.html" if lang == ORIGINAL else f"{lang}/404.html")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert soup.html["lang"] == lang
        h1 = soup.select_one("article h1")
        assert h1.get_text() == TEXTS[lang]["not_found_title"]
        assert soup.select_one("a.md-skip")["href"] == f"#{h1['id']}"
        others = [e["lang"] for e in soup.select("article > [lang]")]
        assert others == [other for other in LANGUAGES if other != lang]
        for other in others:
            part = soup.select_one(f'article > [lang="{other}"]')
            assert words(part.get_text(" ")) == words(" ".join(TEXTS[other][key] for key in (
                "not_found_title", "not_found_text", "not_found_other_home")))
        # the switcher leads to each language's home page (not to the last page built)
        homes = {a["lang"]: a["href"] for a in soup.select(".md-select__link")}
        assert homes == {code: site.url + ("" if code == ORIGINAL else f"{code}/") for code in names}


# --- the table of contents -----------------------------------------------------------------------------------

def _template_heading_ids() -> set[str]:
    """Ids of the headings our templates write (the register's parts, the edit links)."""
    found = set()
    for path in (ROOT / "overrides").rglob("*.html"):
        found |= set(re.findall(r'<h[2-6][^>]*\bid="([^"{]+)"', path.read_text(encoding="utf-8")))
    return found


def test_the_sidebar_lists_the_headings_of_the_text_and_never_the_title(site):
    from_templates = _template_heading_ids()
    assert from_templates
    for rel in site.pages():
        soup = site.soup(rel)
        listed = [a["href"] for a in soup.select(".md-sidebar--secondary nav a")]
        headings = [f"#{h['id']}" for h in soup.select("article h2[id], article h3[id], article h4[id]")
                    if h["id"] not in from_templates]
        assert listed == headings, rel
        assert f"#{soup.select_one('article h1')['id']}" not in listed


# --- in the browser: the skip link and the switcher, on every kind of page ---------------------------------------

LANDING = """() => {
    const h1 = document.querySelector('article h1');
    const header = document.querySelector('header').getBoundingClientRect();
    const box = h1.getBoundingClientRect();
    return {target: document.querySelector(':target') === h1, top: box.top, bottom: header.bottom,
            height: window.innerHeight};
}"""
AFTER_TITLE = """() => {
    const h1 = document.querySelector('article h1');
    return !!(h1.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""
SWITCHER = """() => [...document.querySelectorAll('.md-select__link')].map(
    a => [a.getAttribute('lang'), a.getAttribute('hreflang'), a.textContent.trim()])"""


def shown(page, seconds: float = 5) -> bool:
    """The focused element is fully opaque within ``seconds`` (polled: the page's policy forbids the
    string evaluation that wait_for_function uses)."""
    for _ in range(int(seconds * 20)):
        if page.evaluate("() => getComputedStyle(document.activeElement).opacity") == "1":
            return True
        page.wait_for_timeout(50)
    return False


def test_the_skip_link_lands_on_the_h1_and_every_language_name_carries_its_lang(site, browser_page):
    """Every page and both pages not found: the first Tab reaches the skip link; Enter makes the
    h1 the target, scrolled into view below the header, and the next Tab goes on from there. Every
    name in the language switcher carries the lang of the language it names."""
    page = browser_page.page
    names = language_names()
    visited = 0
    for rel in site.pages() + list(NOT_FOUND.values()):
        lang = lang_of(rel)
        page.goto(site.url + rel)
        page.keyboard.press("Tab")
        link = page.locator(":focus")
        assert "md-skip" in (link.get_attribute("class") or ""), rel
        assert link.is_visible() and link.inner_text().strip() == theme_text(lang, "action.skip"), rel
        assert shown(page), rel  # the theme fades it in once focused
        page.keyboard.press("Enter")
        landing = page.evaluate(LANDING)
        assert landing["target"], (rel, landing)
        assert landing["bottom"] - 1 <= landing["top"] < landing["height"], (rel, landing)
        page.keyboard.press("Tab")
        assert page.evaluate(AFTER_TITLE), rel
        switcher = page.evaluate(SWITCHER)
        assert switcher == [[code, code, name] for code, name in names.items()], (rel, switcher)
        visited += 1
    assert visited == len(site.pages()) + len(LANGUAGES)


# --- a build with a recorded review, in a copy without git ---------------------------------------------------

def test_a_build_with_a_recorded_review_says_what_it_found_and_no_date_without_git(project, tmp_path):
    import yaml

    from conftest import run_build
    path = project / "docs" / operator_settings.FILE
    settings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    settings["manual_review"] = {
        "date": "2026-10-01", "conformance": "partial",
        "method": {"sv": "Skärmläsaren NVDA och bara tangentbord.", "en": "The NVDA screen reader and the keyboard."},
        "reviewer": {"sv": "Tillgänglighetsbyrån AB", "en": "Tillgänglighetsbyrån AB"},
        "result": {"sv": "En brist hittades.", "en": "One shortcoming was found."}}
    settings["known_gaps"] = [{"sv": "En tabell saknar rubrikceller.", "en": "A table lacks header cells.",
                               "wcag": "1.3.1"}]
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in LANGUAGES:
        rel = "tillganglighet" if lang == ORIGINAL else f"{lang}/tillganglighet"
        soup = BeautifulSoup((tmp_path / "out" / rel / "index.html").read_text(encoding="utf-8"), "lxml")
        texts, record = TEXTS[lang], settings["manual_review"]
        assert soup.select_one("article #hur-tillganglig + p strong").get_text() == texts["conformance_partial"]
        said = section(soup, "hur-tillganglig")
        assert all(value in said for value in (record["date"], record["reviewer"][lang], record["method"][lang]))
        assert [words(li.get_text(" ")) for li in soup.select("article #brister + p + ul li")] == [
            settings["known_gaps"][0][lang] + " " + ui.fill(texts, "gap_criterion", {"criterion": "1.3.1"})]
        review = section(soup, "hur-vi-testat")
        assert record["result"][lang] in review and texts["review_not_made"] not in review
        assert texts["updated_unknown"] in section(soup, "om-redogorelsen")  # a copy without git history
