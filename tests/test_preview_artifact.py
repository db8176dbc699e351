"""The reviewers' preview (the pull request's artifact "forhandsvisning") opens from disk.

It is built as CI builds it (`docs.py preview`, preview.yml over mkdocs.yml) and opened in Chromium
with file:// addresses, as a reviewer opens the unpacked download: every page opens, links lead
to pages (never to a folder's file listing), the language switch keeps the page, and every page
says it is a preview and that search needs a web server. The published build says no such thing.
Expectations come from the built files, the register and ui.yml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, REPO_URL, ROOT, BuiltSite, Nginx, edit, load_register_data, search

pytestmark = pytest.mark.build  # builds the preview; the browser tests are browser tier by their fixtures

UI = yaml.safe_load((ROOT / "docs" / "_data" / "ui.yml").read_text(encoding="utf-8"))
NOT_FOUND = "404.html"  # shown by a web server for a missing address; never reached from disk


def build_preview(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """The workflow's preview step: `docs.py preview --site-dir DIR` with the repository's address."""
    return subprocess.run([sys.executable, str(project / "scripts" / "docs.py"), "preview", "--site-dir", str(site_dir)],
                          cwd=project, env=dict(os.environ, REPO_URL=REPO_URL), text=True, capture_output=True)


@pytest.fixture(scope="module")
def preview() -> Path:
    # A folder any user may enter: one test serves it with nginx, whose workers are unprivileged.
    root = Path(tempfile.mkdtemp(prefix="styrdok-preview-"))
    root.chmod(0o755)
    result = build_preview(ROOT, root / "forhandsvisning")
    assert result.returncode == 0, result.stdout + result.stderr
    yield root / "forhandsvisning"
    shutil.rmtree(root, ignore_errors=True)


def pages(folder: Path, history: bool = False) -> list[str]:
    """Every page of a built site, relative to it ('index.html', 'en/strategi.html', …); with
    ``history``, the version history's pages too (test_history_browser.py opens them from disk)."""
    found = (p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
             if p.name != NOT_FOUND and "pagefind" not in p.parts)
    return sorted(rel for rel in found if history or not BuiltSite.is_history(rel))


def language(rel: str) -> str:
    return "en" if rel.startswith("en/") else "sv"


def other_language(rel: str) -> str:
    return rel[len("en/"):] if rel.startswith("en/") else "en/" + rel


def notice(lang: str) -> str:
    return f"{UI['preview_title'][lang]} {UI['preview_text'][lang]}"


def test_the_preview_has_every_page_of_the_site_each_a_file_whose_links_are_files(preview, site):
    """A link to a folder (strategi/) would show a file listing from disk: every page of the site
    is a file of the preview, and every address a page uses for a page or a file of the site is a
    file that exists."""
    found = pages(preview, history=True)
    homes = {"", *(f"{lang}/" for lang in LANGUAGES)}
    assert found == sorted(rel + "index.html" if rel in homes else rel[:-1] + ".html"
                           for rel in [*site.pages(), *site.history_pages()])
    broken = []
    for rel in found:
        page = preview / rel
        for node in LexborHTMLParser(page.read_text(encoding="utf-8")).css("[href], [src]"):
            for attribute in ("href", "src"):
                value = node.attributes.get(attribute)
                target = urlsplit(urljoin(page.as_uri(), value)) if value else None
                if target and target.scheme == "file" and not Path(target.path).is_file():
                    broken.append((rel, node.tag, value))
    assert broken == []


def test_every_page_opens_from_disk_and_says_it_is_a_preview(preview, browser_page):
    page = browser_page.page
    for rel in pages(preview):
        page.goto((preview / rel).as_uri())
        lang = page.evaluate("document.documentElement.lang")
        assert lang == language(rel), rel
        assert page.locator("h1").first.is_visible(), rel
        shown = page.locator(".preview-notice")
        assert shown.count() == 1 and shown.is_visible(), rel
        assert " ".join(shown.inner_text().split()) == notice(lang), rel
        # The site's own script ran from disk, under the page's Content-Security-Policy.
        assert "js" in page.evaluate("document.documentElement.className.split(' ')"), rel
    assert browser_page.errors == []


def test_from_the_start_page_to_a_document_and_back(preview, browser_page):
    page = browser_page.page
    documents = {d["page"][: -len(".md")] + ".html": d["title"]["sv"] for d in load_register_data(ROOT)["documents"]}
    start = (preview / "index.html").as_uri()
    page.goto(start)
    links = page.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    target = next(href for href in links if href in documents)
    page.locator(f"article a[href='{target}']").first.click()
    page.wait_for_load_state("load")
    assert page.url == (preview / target).as_uri()
    assert " ".join(page.locator("h1").first.inner_text().split()) == documents[target]
    # Back to the start page by its link in the header, and by the browser's back button.
    page.locator("a.md-logo").first.click()
    page.wait_for_load_state("load")
    assert page.url == start
    page.go_back()
    assert page.url == (preview / target).as_uri()
    page.go_back()
    assert page.url == start


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(preview, browser_page):
    page = browser_page.page
    for rel in pages(preview):
        page.goto((preview / rel).as_uri())
        target = "sv" if language(rel) == "en" else "en"
        page.locator(".md-header__option .md-select").hover()
        page.locator(f"a.md-select__link[hreflang={target}]").click()
        page.wait_for_load_state("load")
        assert page.url == (preview / other_language(rel)).as_uri(), rel
        assert page.evaluate("document.documentElement.lang") == target


def test_search_works_when_the_preview_comes_from_a_web_server(preview, browser_page, tmp_path):
    """What the notice says: search needs a web server. Served, it finds pages, as .html files."""
    server = Nginx(preview, "/", tmp_path)
    try:
        page = browser_page.page
        page.goto(server.url)
        title = load_register_data(ROOT)["documents"][0]["title"]["sv"]
        results = [urlsplit(url).path for url in search(page, title)]
        assert results, title
        # (Pagefind gives a folder's index.html as the folder, which a web server serves.)
        files = [path + "index.html" if path.endswith("/") else path for path in results]
        assert all((preview / path.lstrip("/")).is_file() for path in files), results
        assert "/" + load_register_data(ROOT)["documents"][0]["page"].replace(".md", ".html") in results
    finally:
        server.stop()


def test_the_published_site_has_no_preview_notice(site):
    for rel in site.pages():
        html = LexborHTMLParser((site.dir / rel / "index.html").read_text(encoding="utf-8"))
        assert html.css(".preview-notice, .md-banner") == [], rel
        assert html.css_first('[data-md-component="announce"]').text(strip=True) == "", rel


def test_the_preview_refuses_what_the_site_refuses(project, tmp_path):
    """The same plugin and checks: content the site's build stops at stops the preview too, with
    the same messages, and nothing is written."""
    shutil.copy2(ROOT / "preview.yml", project / "preview.yml")
    edit(project / "docs" / "sv" / "index.md", "\n# ", '\n[Klicka](https://example.org){: onclick="alert(1)" }\n\n# ')
    site = subprocess.run([sys.executable, str(project / "scripts" / "docs.py"), "build", "--site-dir",
                           str(tmp_path / "site")], cwd=project, text=True, capture_output=True)
    shown = build_preview(project, tmp_path / "preview")
    assert site.returncode == 1 and shown.returncode == 1
    refused = [line for line in site.stderr.splitlines() if line.startswith("❌ docs/")]
    assert refused and refused == [line for line in shown.stderr.splitlines() if line.startswith("❌ docs/")]
    assert "onclick" in shown.stderr
    assert not (tmp_path / "preview").exists()


def test_the_guide_renders_as_written(site):
    """The editors' guide (docs/*/medverka.md) on the built site: every numbered step of the Markdown
    is a numbered step on the page, and no fence or other Markdown is left as text (the site's
    Markdown has no fenced code blocks: a fence would become text, or a heading)."""
    import re
    for lang, rel in (("sv", "medverka/"), ("en", "en/medverka/")):
        source = (ROOT / "docs" / lang / "medverka.md").read_text(encoding="utf-8")
        article = LexborHTMLParser((site.dir / rel / "index.html").read_text(encoding="utf-8")).css_first("article")
        steps = len(re.findall(r"^\d+\. ", source, re.MULTILINE))
        assert len(article.css("ol > li")) == steps, lang
        assert "```" not in article.text() and "**" not in article.text(), lang
        headings = re.findall(r"^#+ (.+?)(?: \{#[a-z-]+\})?$", source, re.MULTILINE)
        assert [h.text(strip=True) for h in article.css("h1, h2, h3")] == headings, lang
