"""The site builds cleanly, in two languages, with the same pages in each."""

from __future__ import annotations

import json
import re

import pytest

from conftest import LANGUAGES, ROOT
from styrdok import search

pytestmark = pytest.mark.unit


def test_both_languages_have_the_same_pages(site):
    swedish = site.pages("sv")
    english = site.pages("en")
    assert len(swedish) >= 7
    assert sorted("en/" + p for p in swedish) == sorted(english)


def _site_names() -> dict:
    """Each language's site name, from mkdocs.yml (the i18n settings may give a language its own)."""
    from mkdocs.config import load_config
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = {item["locale"]: item.get("site_name") or config.site_name
             for item in config.plugins["i18n"].config.languages}
    return names


SITE_NAMES = _site_names()


def test_each_page_is_marked_with_its_language_and_titled_in_it(site):
    for rel in site.pages():
        soup = site.soup(rel)
        lang = "en" if rel.startswith("en/") else "sv"
        assert soup.html["lang"] == lang, rel
        title = soup.title.get_text()
        suffix = SITE_NAMES[lang]
        assert title.endswith(suffix), (rel, title)
    titles = [site.soup(rel).title.get_text() for rel in site.pages()]
    assert len(set(titles)) == len(titles)


def test_the_ui_speaks_the_page_language(site):
    sv = site.soup("strategi/")
    en = site.soup("en/strategi/")
    assert sv.select_one("input.md-search__input")["placeholder"] == "Sök"
    assert en.select_one("input.md-search__input")["placeholder"] == "Search"
    assert sv.select_one(".md-nav--primary").get_text(" ").count("Ordlista") == 1
    assert en.select_one(".md-nav--primary").get_text(" ").count("Glossary") == 1


def test_includes_and_data_are_not_published(site):
    assert not (site.dir / "_includes").exists()
    assert not (site.dir / "_data").exists()
    sitemap = (site.dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "_includes" not in sitemap and "arendet-" not in sitemap
    # The search index holds exactly the pages of each language, no fragments.
    entry = json.loads((site.dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {
        "sv": len(site.pages("sv")), "en": len(site.pages("en"))}


def test_unused_theme_files_and_source_maps_are_not_published(site):
    assert not list(site.dir.rglob("*.map"))
    assert not (site.dir / "assets" / "javascripts" / "lunr").exists()
    # No lunr index: the search folder holds only the identifiers and words our search reads.
    assert sorted(p.name for p in (site.dir / "search").iterdir()) == sorted(
        search.IDENTIFIERS_FILE.format(lang=lang).split("/")[-1] for lang in LANGUAGES) + sorted(
        search.WORDS_FILE.format(lang=lang).split("/")[-1] for lang in LANGUAGES)
    assert not (site.dir / "pagefind" / "pagefind-ui.js").exists()


def test_links_use_the_configured_site_path(site):
    soup = site.soup("strategi/")
    canonical = soup.select_one("link[rel=canonical]")["href"]
    assert canonical == site.url + "strategi/"


LOADING = {  # elements whose URL the browser fetches by itself
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
    "embed": "src", "object": "data", "track": "src",
}
NOT_LOADED = {"alternate", "canonical", "prev", "next", "edit", "search", "help", "license"}


def test_nothing_in_the_html_or_css_loads_from_another_host(site):
    import urllib.parse
    for rel in site.pages():
        soup = site.soup(rel)
        base = site.url + rel
        urls = [el[attr] for tag, attr in LOADING.items() for el in soup.select(f"{tag}[{attr}]")]
        urls += [el["href"] for el in soup.select("link[href]") if not set(el.get("rel", [])) & NOT_LOADED]
        for url in urls:
            absolute = urllib.parse.urljoin(base, url)
            assert absolute.startswith(site.url), (rel, url)
    for css in site.dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for url in re.findall(r"""(?:url\(|@import\s+)['"]?([^'")\s]+)""", text):
            assert not re.match(r"^(https?:)?//", url), (css, url)


def test_requirements_are_pinned_exactly_and_mkdocs_stays_below_2():
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            # "-e .": the site's own package, from this repository (tests/test_packaging.py)
            if line and not line.startswith("-r") and line != "-e .":
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), line
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert int(pins["mkdocs"].split(".")[0]) < 2


def test_every_page_has_an_edit_link_to_its_own_source_file(site):
    from conftest import REPO_URL
    for rel in site.pages():
        link = site.soup(rel).select_one("a.md-content__button[rel=edit]")
        assert link is not None, rel
        folder, path = ("en", rel[3:]) if rel.startswith("en/") else ("sv", rel)
        source = path.rstrip("/") or "index"
        assert link["href"] == f"{REPO_URL}/edit/main/docs/{folder}/{source}.md", rel
        assert link["title"] in ("Redigera sidan", "Edit this page"), rel


def test_a_page_made_of_fragments_links_each_part_to_the_file_that_holds_it(site):
    """The pencil opens a file of include lines; the text itself is in the fragments and the register."""
    from conftest import REPO_URL, ROOT
    from styrdok.render import includes
    docs = ROOT / "docs"
    checked = 0
    for rel in site.pages():
        folder, path = ("en", rel[3:]) if rel.startswith("en/") else ("sv", rel)
        source = f"{folder}/{path.rstrip('/') or 'index'}.md"
        text = (docs / source).read_text(encoding="utf-8")
        fragments = includes.fragments(text, docs)
        links = [a["href"] for a in site.soup(rel).select("section.edit-parts a[rel=edit]")]
        parts = [source, *fragments] + (["_data/register.yml"] if "\ndocument:" in text else [])
        if len(parts) == 1:
            assert links == [], rel  # the pencil is enough
            continue
        assert links == [f"{REPO_URL}/edit/main/docs/{part}" for part in parts], rel
        checked += 1
    assert checked


# Absolute addresses that appear in the published JavaScript without being fetched, and why.
JS_URLS_NOT_FETCHED = {
    "https://example.com": "Pagefind's base for parsing relative result URLs (new URL(...)); never requested",
}


def test_no_javascript_refers_to_another_host(site):
    for script in site.dir.rglob("*.js"):
        for url in re.findall(r"https?://[\w.-]+", script.read_text(encoding="utf-8")):
            assert url in JS_URLS_NOT_FETCHED, (script.name, url)


def test_language_alternates_are_absolute_and_in_the_sitemap_not_the_head(site):
    for rel in site.pages():
        assert site.soup(rel).select("head link[hreflang]") == [], rel
    sitemap = (site.dir / "sitemap.xml").read_text(encoding="utf-8")
    alternates = re.findall(r'hreflang="(sv|en)" href="([^"]+)"', sitemap)
    # Every page is listed with both language versions.
    assert sitemap.count("<url>") == len(site.pages())
    assert len(alternates) == 2 * len(site.pages())
    assert all(href.startswith(site.url) for _, href in alternates)


def test_the_swedish_pages_have_no_english_interface_text(site):
    leftovers = ["Made with", "Table of contents", "Skip to content", "Search", "Previous", "Next",
                 "Back to top", "Edit this page"]
    for rel in site.pages("sv"):
        soup = site.soup(rel)
        for node in soup.select("article, .md-container script, .md-content script"):
            node.decompose()  # the content itself may quote English; the interface may not
        text = soup.get_text(" ")
        attributes = " ".join(v for el in soup.find_all(True) for k, v in el.attrs.items()
                              if k in ("title", "aria-label", "placeholder") and isinstance(v, str))
        for phrase in leftovers:
            assert not re.search(rf"\b{phrase}\b", text + " " + attributes), (rel, phrase)


def test_interface_text_comes_from_the_one_data_file(site):
    """The footer, the 404 pages and the table regions say what docs/_data/ui.yml says, per language."""
    from conftest import ROOT
    from styrdok.model import ui
    texts = ui.load(ROOT / "docs")
    for lang, prefix in (("sv", ""), ("en", "en/")):
        t = texts[lang]
        footer = [a.get_text(strip=True) for a in site.soup(prefix + "ordlista/").select(".site-footer-links a")]
        assert footer == [t["accessibility_statement"], t["privacy"]]
        region = site.soup(prefix + "ordlista/").select_one(".md-typeset__scrollwrap")
        assert region["aria-label"] == t["table_region"]
        not_found = (site.dir / prefix / "404.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1\b[^>]*>{re.escape(t['not_found_title'])}</h1>", not_found)


def test_the_head_is_our_template_without_the_theme_alternates(site):
    """main.html writes the head (its site_meta block): the policy first, no hreflang links for the
    theme's script to turn into fetches of a sitemap that does not exist."""
    for rel in site.pages():
        head = site.soup(rel).head
        assert not head.select("link[hreflang]"), rel
        assert head.select_one('meta[http-equiv="Content-Security-Policy"]') is head.find("meta"), rel
