"""The version history on a built site (issue 26): a copy of the project with a history made here
(history_copy.py: a Swedish fragment's wording, its English translation, a register change, a
mistake withdrawn), built once, and read with a real HTML parser. Every expectation comes from the
commits made, the copy's files and ui.yml: when each page last changed (the Stockholm day), its
history page, earlier versions with their banner, redlines, the withdrawn version, what search
engines, the sitemap, the search and the menu see; and the builds without the history: a shallow
clone stopped for production, a copy without git that says so. The browser: test_history_browser.py.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import history_copy
from conftest import LANGUAGES, ORIGINAL, ROOT, run_build
from styrdok.model import history, ui
from styrdok.pipeline import history_problem
from styrdok.render import history as history_pages
from styrdok.render import views
from test_html_valid import CSP_FROM_DISK, allowed_messages, validate

pytestmark = pytest.mark.build

TEXTS = ui.load(ROOT / "docs")


@pytest.fixture(scope="module")
def copy() -> history_copy.HistoryCopy:
    return history_copy.built()


def parse(copy, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser(copy.html(history_pages.output_file(rel)))


def text(node) -> str:
    return " ".join(node.text().split())


def resolve(rel: str, href: str) -> str:
    """A link's target, site-relative, from the page at ``rel`` (directory URLs)."""
    target = posixpath.normpath(posixpath.join("/" + rel, href)).lstrip("/")
    return "" if target == "." else target + "/" if href.endswith("/") else target


def page_url(page: str) -> str:
    lang, name = page.split("/", 1)
    return views.page_path(name, lang, ORIGINAL)


def history_url(page: str) -> str:
    lang, name = page.split("/", 1)
    return history_pages.history_path(name, lang, ORIGINAL)


def version_url(copy, page: str, change: str) -> str:
    lang, name = page.split("/", 1)
    return history_pages.version_path(name, lang, ORIGINAL, copy.version_id(change))


def redline_url(copy, page: str, change: str) -> str:
    lang, name = page.split("/", 1)
    return history_pages.redline_path(name, lang, ORIGINAL, copy.version_id(change))


def entries(copy, page: str) -> dict[str, object]:
    """The history page's entries by the change they are."""
    html = parse(copy, history_url(page))
    by_id = {copy.version_id(name): name for name in copy.versions(page)}
    return {by_id[node.attributes["id"][len("version-"):]]: node for node in html.css("ol.page-history > li")}


def test_the_dates_are_stockholms_not_utcs(copy):
    """The copy's premise: a date taken in UTC would be another day."""
    assert copy.days["fragment"] != copy.utc_days["fragment"] and copy.days["register"] != copy.utc_days["register"]


def test_every_page_says_when_it_last_changed_and_links_its_history(copy):
    for page in sorted(set().union(*copy.changed.values())):
        lang = page.split("/", 1)[0]
        rel = page_url(page)
        changed = parse(copy, rel).css_first(".page-changed")
        latest = copy.versions(page)[-1]
        assert text(changed).startswith(TEXTS[lang]["last_changed"]), page
        assert changed.css_first("time").attributes["datetime"] == copy.days[latest].isoformat(), page
        link = changed.css_first("a")
        assert text(link) == TEXTS[lang]["history_link"]
        assert resolve(rel, link.attributes["href"]) == history_url(page), page


def test_the_history_page_lists_every_version_with_date_note_kind_and_link(copy):
    for page in sorted(set().union(*copy.changed.values())):
        lang = page.split("/", 1)[0]
        names = copy.versions(page)
        found = entries(copy, page)
        assert list(found) == list(reversed(names)), page  # newest first, every version
        for number, name in enumerate(names):
            entry = found[name]
            assert entry.css_first("time").attributes["datetime"] == copy.days[name].isoformat()
            if name == "mistake":
                continue  # (test_a_withdrawn_version_is_hidden_and_said)
            note, note_lang = copy.note(name, lang)
            assert note in text(entry), (page, name)
            if note_lang != lang:
                assert entry.css_first(f'span[lang="{note_lang}"]') is not None, (page, name)
            links = {text(a): resolve(history_url(page), a.attributes["href"]) for a in entry.css("a")}
            latest = number == len(names) - 1
            if latest:
                assert links[TEXTS[lang]["history_current"]] == page_url(page)
            else:
                assert links[TEXTS[lang]["history_read"]] == version_url(copy, page, name)
                assert (copy.site / history_pages.output_file(version_url(copy, page, name))).is_file()
            if number == 0:
                assert TEXTS[lang]["kind_first"] in text(entry)
                assert TEXTS[lang]["history_compare"] not in links
            else:
                assert links[TEXTS[lang]["history_compare"]] == redline_url(copy, page, name)
    # What kind of change: the text, or only its language (the editor's trailer), or only its form.
    for page in copy.changed["fragment"]:
        assert TEXTS[ORIGINAL]["kind_text"] in text(entries(copy, page)["fragment"])
    for page in copy.changed["translation"]:
        assert copy.language_only("translation")
        assert TEXTS["en"]["kind_language"] in text(entries(copy, page)["translation"])
    for page in copy.changed["register"] & (copy.changed["fragment"] | copy.changed["translation"]):
        assert TEXTS[page.split("/", 1)[0]]["kind_text"] in text(entries(copy, page)["register"])
    # The draft removed: the same words as the last version shown (the draft's is withdrawn).
    assert TEXTS[ORIGINAL]["kind_form"] in text(entries(copy, copy.mistake_page)["removal"])


def test_an_earlier_version_is_the_page_as_it_was_with_its_banner(copy):
    then, fragment = copy.fragment_lines
    for page in sorted(copy.changed["fragment"]):
        rel = version_url(copy, page, "base")
        html = parse(copy, rel)
        banner = html.css_first(".history-notice")
        texts = TEXTS[ORIGINAL]
        assert text(banner).startswith(f"{texts['version_banner']} {copy.days['base'].isoformat()} – {texts['version_banner_link']}")
        links = {text(a): resolve(rel, a.attributes["href"]) for a in banner.css("a")}
        assert links[texts["version_banner_link"]] == page_url(page)
        assert links[texts["version_history_link"]] == history_url(page)
        article = text(html.css_first("article"))
        assert " ".join(then.split()) in article and " ".join(fragment.split()) not in article
        now = text(parse(copy, page_url(page)).css_first("article"))
        assert " ".join(fragment.split()) in now
    # The register block as it was: the sentence the register change added is not there yet.
    for page in sorted(copy.changed["register"] & copy.changed["translation"] | copy.changed["register"] & copy.changed["fragment"]):
        lang = page.split("/", 1)[0]
        added = {"sv": "Texten är densamma som i beslutet.", "en": "The text is the same as in the decision."}[lang]
        assert added in text(parse(copy, page_url(page)).css_first("article"))
        assert added not in text(parse(copy, version_url(copy, page, "base")).css_first("article"))


def test_a_redline_marks_insertions_and_deletions_readable_without_colour_and_announced(copy):
    expected = {"fragment": ("och", "samt"), "translation": ("and", "as well as"),
                "register": (None, {"sv": "Texten är densamma som i beslutet.", "en": "The text is the same as in the decision."})}
    for change, (removed, added) in expected.items():
        for page in sorted(copy.changed[change] & (copy.changed["fragment"] | copy.changed["translation"])):
            lang = page.split("/", 1)[0]
            texts = TEXTS[lang]
            html = parse(copy, redline_url(copy, page, change))
            redline = html.css_first(".redline")
            inserted = [text(node) for node in redline.css("ins")]
            deleted = [text(node) for node in redline.css("del")]
            word = added[lang] if isinstance(added, dict) else added
            assert any(word in found for found in inserted), (page, change, inserted)
            if removed:
                assert any(removed in found for found in deleted), (page, change, deleted)
            # Announced: every mark begins and ends with hidden words a screen reader says.
            for node, start, end in [*((n, "redline_added", "redline_added_end") for n in redline.css("ins")),
                                     *((n, "redline_removed", "redline_removed_end") for n in redline.css("del"))]:
                hidden = [text(span) for span in node.css(".site-visually-hidden")]
                assert hidden == [texts[start], texts[end]], (page, change)
            # Readable without colour: the legend says how, and the page loads the styles that do it
            # (their effect in Chromium: test_history_browser.py).
            assert texts["redline_legend"] in text(html.css_first(".history-notice"))
            assert any("history.css" in link.attributes.get("href", "") for link in html.css("link[rel=stylesheet]"))
            before = copy.versions(page)[copy.versions(page).index(change) - 1]
            assert [t.attributes["datetime"] for t in html.css(".history-notice time")] == [
                copy.days[change].isoformat(), copy.days[before].isoformat()]


def test_a_withdrawn_version_is_hidden_and_said(copy):
    page = copy.mistake_page
    entry = entries(copy, page)["mistake"]
    assert TEXTS[ORIGINAL]["kind_withdrawn"] in text(entry)
    assert history_copy.WITHDRAWN_REASON[ORIGINAL] in text(entry)
    assert entry.css("a") == []
    assert not (copy.site / history_pages.output_file(version_url(copy, page, "mistake"))).exists()
    assert not (copy.site / history_pages.output_file(redline_url(copy, page, "mistake"))).exists()
    for path in copy.site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json"}:
            assert history_copy.MISTAKE not in path.read_text(encoding="utf-8"), path
    # The next version is compared with the last one shown.
    html = parse(copy, redline_url(copy, page, "removal"))
    assert html.css(".redline ins, .redline del") == []
    assert [t.attributes["datetime"] for t in html.css(".history-notice time")][1] == copy.days["base"].isoformat()


def test_earlier_versions_and_redlines_are_for_readers_only(copy):
    """noindex, canonical to the current page; no history page in the sitemap, the search or the menu."""
    for page in sorted(copy.changed["fragment"] | copy.changed["translation"]):
        current = parse(copy, page_url(page)).css_first('link[rel="canonical"]').attributes["href"]
        assert current.endswith("/" + page_url(page))
        for rel in (version_url(copy, page, "base"), redline_url(copy, page, copy.versions(page)[1])):
            html = parse(copy, rel)
            assert html.css_first('meta[name="robots"]').attributes["content"] == "noindex", rel
            assert html.css_first('link[rel="canonical"]').attributes["href"] == current, rel
    for sitemap in copy.site.rglob("sitemap.xml"):
        assert f"/{views.HISTORY_FOLDER}/" not in sitemap.read_text(encoding="utf-8")
    entry = json.loads((copy.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        pages = [page for page in copy.changed["base"] if page.startswith(f"{lang}/")]
        assert entry["languages"][lang]["page_count"] == len(pages)
    for page in copy.changed["base"]:
        html = parse(copy, page_url(page))
        assert [a for a in html.css(".md-nav a, .md-tabs a") if f"{views.HISTORY_FOLDER}/" in a.attributes.get("href", "")] == []


def test_critic_markup_typed_on_an_ordinary_page_stays_text(copy):
    article = parse(copy, page_url(copy.critic_page)).css_first("article")
    assert history_copy.CRITIC_TYPED in text(article)
    assert article.css("ins, del") == []


def test_the_changelog_and_the_feed_tell_editorial_changes_from_decisions(copy):
    for lang in LANGUAGES:
        changelog = text(parse(copy, views.page_path(views.CHANGELOG_PAGE, lang, ORIGINAL)).css_first("article"))
        for name in ("fragment", "register", "removal"):
            if any(page.startswith(f"{lang}/") for page in copy.changed[name]):
                assert copy.note(name, lang)[0] in changelog, (lang, name)
        feed = LexborHTMLParser((copy.site / views.file_path(views.FEED_FILE, lang, ORIGINAL)).read_text(encoding="utf-8"))
        kinds = {node.attributes["term"]: node.attributes["label"] for node in feed.css("entry category")}
        assert kinds == {"decision": TEXTS[lang]["feed_kind_decision"], "editorial": TEXTS[lang]["feed_kind_editorial"]}


def test_the_accessibility_statement_is_dated_from_the_same_history(copy):
    for lang in LANGUAGES:
        page = f"{lang}/tillganglighet.md"
        day = copy.days[copy.versions(page)[-1]].isoformat()
        said = ui.fill(TEXTS[lang], "updated_on", {"date": day})
        assert said in text(parse(copy, page_url(page)).css_first("article"))


def _invalid(files) -> list[str]:
    kept = allowed_messages()
    return [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in validate(files)
            if m["type"] == "error" or (m["type"] == "info" and m.get("subType") == "warning")
            if m["message"] not in kept and not m["message"].startswith(CSP_FROM_DISK)]


def test_history_pages_earlier_versions_and_redlines_are_valid_html(copy):
    # The pages the fragment changed (document pages) and those the register change changed (pages
    # with their own heading and generated parts, such as the changelog).
    shown = sorted(copy.changed["fragment"] | copy.changed["translation"] | copy.changed["register"])
    pages = [history_url(page) for page in shown]
    pages += [version_url(copy, page, "base") for page in shown]
    pages += [redline_url(copy, page, change) for change in ("fragment", "translation", "register")
              for page in sorted(copy.changed[change])]
    assert _invalid([copy.site / history_pages.output_file(rel) for rel in pages]) == []


def test_the_real_sites_history_is_valid_html_one_of_each_kind(site):
    """The whole-site check (test_html_valid.py) leaves the history's hundreds of pages out; here the
    largest history page, earlier version and redline of each language (BuiltSite.history_samples)."""
    samples = site.history_samples()
    assert {site.history_kind(rel) for rel in samples} == {"history", "version", "redline"}
    assert _invalid([site.dir / rel / "index.html" for rel in samples]) == []


# --- without the whole history ------------------------------------------------------------------------------

def test_a_shallow_clone_stops_the_production_build_and_says_how_to_fetch_the_history(copy, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{copy.project}", str(shallow)], check=True)
    result = run_build(shallow, tmp_path / "site", "https://styrdok.example.org/")
    assert result.returncode != 0
    problem = history_problem(history.Log(history.SHALLOW))
    output = " ".join((result.stdout + result.stderr).split())
    for said in (problem.sv, problem.en, problem.fix_sv, problem.fix_en):
        assert " ".join(said.split()) in output
    assert not (tmp_path / "site").exists()


def test_a_build_without_history_says_so_and_never_invents_a_date(copy, tmp_path):
    plain = history_copy.copy_project(tmp_path / "plain")
    result = run_build(plain, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert not (site / views.HISTORY_FOLDER).exists()
    for page in sorted(copy.changed["base"]):
        lang = page.split("/", 1)[0]
        html = LexborHTMLParser((site / history_pages.output_file(page_url(page))).read_text(encoding="utf-8"))
        changed = html.css_first(".page-changed")
        assert text(changed) == TEXTS[lang]["history_missing"], page
        assert changed.css("time, a") == []
        if page.endswith("/tillganglighet.md"):
            article = text(html.css_first("article"))
            assert ui.fill(TEXTS[lang], "updated_unknown", {}) in article
            assert TEXTS[lang]["updated_on"].split("{date}")[0] not in article


def test_the_preview_from_disk_links_history_pages_as_files(copy, tmp_path):
    """use_directory_urls: false (preview.yml): every address of the history is a file."""
    from urllib.parse import urljoin, urlsplit
    project = tmp_path / "preview-project"
    shutil.copytree(copy.project, project, symlinks=True)
    shutil.copy2(ROOT / "preview.yml", project / "preview.yml")
    result = subprocess.run([sys.executable, str(project / "scripts" / "docs.py"), "preview", "--site-dir",
                             str(tmp_path / "preview")], cwd=project, text=True, capture_output=True)
    assert result.returncode == 0, result.stdout + result.stderr
    preview = tmp_path / "preview"
    found = [path for path in preview.rglob("*.html") if views.HISTORY_FOLDER in path.relative_to(preview).parts]
    assert len(found) == len(list(copy.site.glob(f"**/{views.HISTORY_FOLDER}/**/index.html")))
    pages = found + [preview / history_pages.output_file(views.page_path(page.split("/", 1)[1], page.split("/", 1)[0],
                                                                           ORIGINAL, False))
                     for page in copy.changed["base"]]
    broken = []
    for path in pages:
        for node in LexborHTMLParser(path.read_text(encoding="utf-8")).css("[href], [src]"):
            for attribute in ("href", "src"):
                value = node.attributes.get(attribute)
                target = urlsplit(urljoin(path.as_uri(), value)) if value else None
                if target and target.scheme == "file" and not Path(target.path).is_file():
                    broken.append((path.relative_to(preview).as_posix(), value))
    assert broken == []
    lang, name = sorted(copy.changed["fragment"])[0].split("/", 1)
    shown = (preview / views.page_path(name, lang, ORIGINAL, False)).read_text(encoding="utf-8")
    assert re.search(rf'class="page-changed".*href="[^"]*{views.HISTORY_FOLDER}/[^"]*\.html"', shown, re.S)
