"""Hostile data, real builds and Chromium (issue 22, "Safe by construction"; in-process tests:
tests/test_hostile_data.py).

The proof: every string value of every data file carries markup, and no built page, feed or
generated file holds such an element; a value a check refuses is refused with file and line. Then
a hostile ui.yml in a real browser, served with no security headers and no policy in the page, is
shown as text: nothing navigates, no form appears, no script runs.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ORIGINAL, ROOT, line_of, run_build, run_cli
from styrdok import search
from styrdok.checks import site_paths
from styrdok.model import terminology, ui
from styrdok.output import published
from styrdok.render import theme_fixes, views
from styrdok_testing.localhost import free_port

pytestmark = pytest.mark.build

# Ends a comment, an RCDATA or raw-text element and a quoted attribute, then opens an element: a value
# printed anywhere without escaping for where it lands becomes an element with data-x.
MARK = "--></title></textarea></script></style>\"'><i data-x>"
ATOM = "{http://www.w3.org/2005/Atom}"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

# Register fields whose value has a set form a validator requires (ids, keys of labels, dates,
# reference numbers, file names, phone numbers, e-mail addresses, relations): kept in the proof,
# and refused with markup by test_hostile_data.py::test_a_value_in_a_set_form_with_markup_is_refused.
REGISTER_FORMS = {"id", "type", "page", "status", "decided_by", "to_be_decided_by", "decision_date", "reference", "date", "after", "verbatim",
                  "published", "written_after", "file", "phone", "email", "relations", "major", "name"}
# Swedish words that must stand on the Swedish pages as the source writes them (the contact lines of
# the source: content.check_source_on_pages), kept too and refused with markup by
# test_hostile_data.py::test_a_contact_word_of_the_source_with_markup_is_refused.
SOURCE_WORDS_UI = ("phone", "email")
OPERATOR_FORMS = {"email", "phone", "dpo_email", "statement_published"}
SETTINGS = {"organisation": {"sv": "Stockholms stad", "en": "City of Stockholm"},
            "email": "info@stockholm.se", "phone": "08-508 00 000",
            "response_time": {"sv": "Vi svarar inom en vecka.", "en": "We reply within a week."},
            "controller": {"sv": "Stadsledningskontoret", "en": "The City Executive Office"},
            "legal_basis": {"sv": "Allmänt intresse.", "en": "Public interest."},
            "dpo_email": "dataskyddsombud@stockholm.se",
            "host": {"sv": "GitHub Pages.", "en": "GitHub Pages."},
            "logs": {"sv": "IP-adresser.", "en": "IP addresses."},
            "statement_published": "2026-11-26"}


def _taint(value, keep: set, key=None):
    if key in keep:
        return value
    if isinstance(value, dict):
        return {k: _taint(v, keep, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_taint(v, keep, key) for v in value]
    return value + MARK if isinstance(value, str) else value


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def hostile_project(project: Path) -> dict:
    """Markup in every string value of every data file (and in mkdocs.yml's texts), but for the values
    a validator requires in a set form and the ui.yml texts that are Markdown by design (both refused
    with markup: test_hostile_data.py). Returns the tainted data, to derive what the pages show."""
    data_dir = project / "docs" / "_data"
    texts = yaml.safe_load((data_dir / "ui.yml").read_text(encoding="utf-8"))
    texts = {key: value if key in ui.FORMS or key in ui.MARKDOWN else _taint(value, set())
             for key, value in texts.items()}
    for key in SOURCE_WORDS_UI:
        texts[key]["sv"] = texts[key]["sv"].removesuffix(MARK)
    _dump(data_dir / "ui.yml", texts)
    register = _taint(yaml.safe_load((data_dir / "register.yml").read_text(encoding="utf-8")), REGISTER_FORMS)
    for doc in register["documents"]:
        if doc.get("contact", {}).get("role"):
            doc["contact"]["role"]["sv"] = doc["contact"]["role"]["sv"].removesuffix(MARK)
    _dump(data_dir / "register.yml", register)
    original = yaml.safe_load((data_dir / "terminology.yml").read_text(encoding="utf-8"))
    terms = _taint(original, set())
    # A term is at most terminology.MAX_TERM characters (a longer one is refused: test_hostile_output.py).
    for term, before in zip(terms["terms"], original["terms"], strict=True):
        for lang in LANGUAGES:
            if len(term[lang]) > terminology.MAX_TERM:
                term[lang] = before[lang]
    # One term whose Swedish word stands on the pages, so that its gloss is written into them.
    terms["terms"].append({"sv": "Kommunfullmäktige", "en": "Kommunfullmäktige", "kept": True,
                           "gloss": "the City Council" + MARK})
    _dump(data_dir / "terminology.yml", terms)
    settings = _taint(SETTINGS, OPERATOR_FORMS)
    _dump(data_dir / "webbplatsen.yml", settings)
    # Facts the register must find in a source (a later decision beside the first: content.source_files).
    facts = [doc["title"]["sv"] for doc in register["documents"]]
    facts += [body["sv"] for body in register["labels"]["bodies"].values()]
    # Each decision as one paragraph (register.check_status_evidence): the tainted body, the date, the
    # reference number and those of the documents it replaces.
    by_id = {doc["id"]: doc for doc in register["documents"]}
    facts += [f"{register['labels']['bodies'][doc['decided_by']]['sv']} beslutade {doc['decision_date']} "
              f"(dnr {doc['reference']}), som ersätter "
              + ", ".join(f"dnr {by_id[old]['reference']}" for old in doc.get("relations", {}).get("replaces", [])) + "."
              for doc in register["documents"] if doc["status"] == "adopted"]
    (data_dir / "tillagg.txt").write_text("\n\n".join(facts) + "\n", encoding="utf-8")
    register["sources"].append({"file": "tillagg.txt", "title": {"sv": "Tillägg" + MARK, "en": "Addition" + MARK},
                                "date": "2017-01-01"})
    _dump(data_dir / "register.yml", register)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^(\s*)(site_name|site_description|copyright): (.*)$",
                             lambda m: f"{m[1]}{m[2]}: {json.dumps(m[3] + MARK, ensure_ascii=False)}",
                             config.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    return {"ui": texts, "register": register, "terms": terms, "settings": settings}


def _parsed(text: str):
    return LexborHTMLParser(text)


def _every_file(site_dir: Path):
    """(path, text) of every file the build wrote that a browser could read as text; Pagefind's
    bundle is compressed binary data that only its own script reads (site.js shows its excerpts
    escaped), and images are images."""
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if not path.is_file() or rel.startswith(f"{site_paths.PAGEFIND_FOLDER}/") or \
                path.suffix in (".png", ".jpg", ".jpeg", ".gif", ".webp"):
            continue
        data = path.read_bytes()
        yield rel, (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def test_every_data_value_with_markup_is_text_in_every_published_file(project, tmp_path):
    data = hostile_project(project)
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    texts = {lang: {key: value[lang] for key, value in data["ui"].items()} for lang in LANGUAGES}
    checked = set()
    for rel, text in _every_file(site_dir):
        tree = _parsed(text)
        assert not tree.css("[data-x]"), rel  # parsed as a browser parses, whatever the file is
        checked.add(rel)
        if not rel.endswith(".html"):
            continue
        assert published.document_findings(text) == [], rel
        t = texts[theme_fixes.page_language(text)]
        # The values are there, as text: a test that found nothing would prove nothing.
        footer = tree.css_first("nav.site-footer-links")
        assert footer.attributes["aria-label"] == t["about_site"], rel
        assert [a.text() for a in footer.css("a")] == [t["accessibility_statement"], t["privacy"]], rel
        assert MARK in tree.css_first(".md-copyright__highlight").text() and MARK in tree.css_first("title").text()
        assert tree.css_first("label[for=__drawer] .site-visually-hidden").text() == t["menu"], rel
        assert tree.css_first("label[for=__search] .site-visually-hidden").text() == t["search"], rel
        search_box = tree.css_first("[data-site-search]")
        assert search_box.attributes["data-label-direct"] == t["search_direct_hit"], rel
        if rel.endswith("404.html"):
            assert tree.css_first("article h1").text() == t["not_found_title"], rel
            assert tree.css_first("article p").text() == t["not_found_text"], rel
        else:
            stamp = tree.css_first(".print-stamp")
            assert stamp.text().strip().startswith(t["printed_from"]), rel
            assert stamp.css_first("[data-print-date]").attributes["data-label"] == t["printed_on"], rel
        for region in tree.css("[role=region]"):
            assert region.attributes["aria-label"] == t["table_region"], rel
    generated = {views.JSON_FILE, "sitemap.xml", site_paths.SITEMAP_GZ, site_paths.HEADERS_FILE,
                 *(name for lang in LANGUAGES for name in (views.file_path(views.FEED_FILE, lang, ORIGINAL),
                                                           views.file_path(site_paths.NOT_FOUND_PAGE, lang, ORIGINAL),
                                                           search.IDENTIFIERS_FILE.format(lang=lang),
                                                           search.WORDS_FILE.format(lang=lang)))}
    pages = {site_paths.published_path(p.relative_to(project / "docs").as_posix(), LANGUAGES)
             for lang in LANGUAGES for p in (project / "docs" / lang).rglob("*.md")}
    assert generated | pages <= checked
    # Register values on the document pages, the register table, the feeds and the JSON files.
    for doc in data["register"]["documents"]:
        for lang in LANGUAGES:
            page = _parsed((site_dir / views.page_path(doc["page"], lang, ORIGINAL) / "index.html").read_text(encoding="utf-8"))
            if doc.get("note"):
                assert page.css_first(".register-note").text() == doc["note"][lang]
            ld = json.loads(page.css_first('script[type="application/ld+json"]').text())
            assert ld["name"] == doc["title"][lang]
            if doc["status"] == "replaced":
                notice = " ".join(page.css_first(".register-notice").text().split())
                assert " ".join(texts[lang]["replaced_notice"].split()) in notice
                assert MARK in notice  # the status, as text (ui.yml's status_replaced, tainted)
    for lang in LANGUAGES:
        feed = ET.fromstring((site_dir / views.file_path(views.FEED_FILE, lang, ORIGINAL)).read_bytes())
        notes = [e.text for e in feed.iter(f"{ATOM}content")]
        for doc in data["register"]["documents"]:  # (an undated change's note says so after the note)
            assert any(note.startswith(doc["history"][0]["note"][lang]) for note in notes)
        identifiers = json.loads((site_dir / search.IDENTIFIERS_FILE.format(lang=lang)).read_text(encoding="utf-8"))
        assert identifiers
        assert {entry["title"] for entry in identifiers} <= {d["title"][lang] for d in data["register"]["documents"]}
        glossary = _parsed((site_dir / views.page_path("ordlista.md", lang, ORIGINAL) / "index.html").read_text(encoding="utf-8"))
        cells = glossary.css_first("article table").text()
        assert all(term[lang] in cells for term in data["terms"]["terms"])
        privacy = _parsed((site_dir / views.page_path("integritet.md", lang, ORIGINAL) / "index.html").read_text(encoding="utf-8"))
        assert data["settings"]["controller"][lang] in privacy.css_first("article").text()
    register = json.loads((site_dir / views.JSON_FILE).read_text(encoding="utf-8"))
    assert [d["title"] for d in register["documents"]] == [d["title"] for d in data["register"]["documents"]]
    english = _parsed((site_dir / views.page_path("strategi.md", "en", ORIGINAL) / "index.html").read_text(encoding="utf-8"))
    assert "(the City Council" + MARK + ")" in english.css_first("article").text()


def test_a_markdown_text_of_ui_yml_with_markup_stops_the_build_at_its_line(project, tmp_path):
    """statement_* and privacy_* are Markdown by design: the content allowlist judges what they become."""
    path = project / "docs" / "_data" / "ui.yml"
    text = path.read_text(encoding="utf-8")
    old = "  sv: \"Om du behöver innehåll"
    assert old in text
    path.write_text(text.replace(old, "  sv: \"<form action=https://evil.example><button>Logga in</button></form> "
                                 "Om du behöver innehåll", 1), encoding="utf-8")
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not site_dir.exists()
    assert f"❌ docs/_data/ui.yml:{line_of(path, '<form action')}" in output
    assert "The published page (docs/sv/tillganglighet.md) would contain the element <form>" in output


def test_a_file_that_would_replace_the_themes_favicon_stops_the_build(project, tmp_path):
    favicon = project / "docs" / "assets" / "images" / "favicon.png"
    favicon.parent.mkdir(parents=True)
    favicon.write_bytes(PNG)
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not site_dir.exists()
    assert "❌ docs/assets/images/favicon.png" in output
    assert "The file would be published as assets/images/favicon.png and take the place of the theme's file" in output
    assert "SITE_OWN" in output


def test_every_file_of_the_built_site_is_a_docs_file_a_theme_file_or_one_the_build_writes(site):
    """The lists the check refuses against are complete: nothing is written that they do not name."""
    docs = [site_paths.published_path(rel, LANGUAGES) for rel in
            (p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.is_file())]
    known = {d for d in docs if d} | site_paths.theme_files(ROOT) | site_paths.build_files(LANGUAGES)
    stray = [rel for rel in (p.relative_to(site.dir).as_posix() for p in site.dir.rglob("*") if p.is_file())
             if rel not in known and not rel.startswith(site_paths.build_folders(LANGUAGES))]
    assert stray == []
    assert all((site.dir / d).is_file() for d in docs if d)


def test_the_header_owns_its_focusable_buttons(site):
    """The same markup theme_fixes.fix used to patch in: focusable labels named in the page's language."""
    texts = ui.load(ROOT / "docs")
    for rel in site.pages() + ["404.html", "en/404.html"]:
        path = site.dir / rel / "index.html" if not rel.endswith(".html") else site.dir / rel
        text = path.read_text(encoding="utf-8")
        t = texts[theme_fixes.page_language(text)]
        for target, name in (("__drawer", t["menu"]), ("__search", t["search"])):
            assert (f'<label class="md-header__button md-icon" for="{target}" tabindex="0">'
                    f'<span class="site-visually-hidden">{name}</span>') in text, (rel, target)


def test_check_quotes_nothing_of_a_file_a_link_points_at(project, tmp_path):
    secret = tmp_path / "utanfor.md"
    secret.write_text("---\ntitle: Hemlighet\ndescription: X.\n---\n\nXyzzyhemlighet plugh stavfel.\n", encoding="utf-8")
    (project / "docs" / "sv" / "lank.md").symlink_to(secret)
    result = run_cli(project, "check")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "❌ docs/sv/lank.md" in output and "A symbolic link" in output
    assert "Xyzzyhemlighet" not in output and "Hemlighet" not in output and "plugh" not in output


def _crlf_all(project: Path) -> None:
    for path in (project / "docs").rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yml", ".txt"):
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def test_a_site_saved_with_crlf_passes_every_check(project):
    """Every step of make check (content, drift, Markdown style, spelling, the strict build)."""
    _crlf_all(project)
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✅ Allt innehåll är i ordning" in result.stdout


def test_a_finding_on_a_crlf_page_names_its_line_in_the_build(project, tmp_path):
    page = project / "docs" / "en" / "ordlista.md"
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + '\n\n[x](https://example.org){: onclick="x()" }\n',
                    encoding="utf-8")
    line = line_of(page, "onclick")
    _crlf_all(project)
    result = run_build(project, tmp_path / "published")
    assert result.returncode != 0
    assert f"❌ docs/en/ordlista.md:{line}" in result.stdout + result.stderr


# --- in Chromium, with no security headers and no policy in the page -------------------------------------------

HOSTILE_UI = {
    # key: value, in both languages (footer, print stamp and header are on every page)
    "accessibility_statement": '<form action="/stolen" method="get"><p>Logga in</p>'
                               '<input name="password" type="password"><button>Logga in</button></form>',
    "printed_from": '<meta http-equiv="refresh" content="0;url=/redirected">',
    "printed_on": "<script>window.__hostile = 'printed_on'</script>",
    "search": "<script>window.__hostile = 'search'; alert(1)</script><img src=x onerror=\"window.__hostile = 'img'\">",
    "search_direct_hit": '"><img src=x onerror="window.__hostile = \'direct\'">',
    "table_region": '"><script>window.__hostile = "table"</script><meta http-equiv="refresh" content="0;url=/redirected">',
    "not_found_text": "<script>window.__hostile = '404'</script><form action=\"/stolen\"><button>Logga in</button></form>",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    requested: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.requested.append(self.path)
        super().do_GET()


@pytest.fixture
def hostile_site(project, tmp_path):
    """A site built with HOSTILE_UI, served by Python's plain file server (no security headers), the
    Content-Security-Policy taken out of every page: what stops a script then is the escaping alone."""
    path = project / "docs" / "_data" / "ui.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in HOSTILE_UI.items():
        data[key] = {lang: value for lang in LANGUAGES}
    _dump(path, data)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir, url)
    assert result.returncode == 0, result.stdout + result.stderr
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert policy.search(text), page
        page.write_text(policy.sub("", text), encoding="utf-8")
    handler = type("Handler", (_Quiet,), {"requested": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, handler.requested
    server.shutdown()
    server.server_close()


def test_a_hostile_ui_yml_is_only_text_in_a_browser(hostile_site, browser_page):
    url, requested = hostile_site
    page = browser_page.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for rel in ["", "ordlista/", "en/", "en/ordlista/", "404.html", "en/404.html"]:
        page.goto(url + rel)
        page.wait_for_timeout(1200)  # a meta refresh of 0 seconds would have navigated by now
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # site.js writes the print date
        assert page.url == url + rel, rel
        found = page.evaluate("""() => ({
            hostile: window.__hostile === undefined ? null : String(window.__hostile),
            forms: [...document.forms].map(f => f.className),
            passwords: document.querySelectorAll('input[type=password]').length,
            refresh: document.querySelectorAll('meta[http-equiv=refresh i]').length,
            images: document.querySelectorAll('img').length,
            scripts: [...document.scripts].map(s => s.src ? 'src' : s.type),
            footer: document.querySelector('.site-footer-links a').textContent,
            direct: document.querySelector('[data-site-search]').getAttribute('data-label-direct'),
        })""")
        assert found["hostile"] is None, rel
        assert found["forms"] in ([], ["md-search__form"]), rel  # the search box's own form only
        assert found["passwords"] == 0 and found["refresh"] == 0 and found["images"] == 0, rel
        assert set(found["scripts"]) <= {"src", "application/ld+json"}, rel
        assert found["footer"] == HOSTILE_UI["accessibility_statement"], rel
        assert found["direct"] == HOSTILE_UI["search_direct_hit"], rel
        if rel.endswith("404.html"):
            assert page.locator("article p").first.text_content() == HOSTILE_UI["not_found_text"]
        else:
            assert page.locator(".print-stamp__date").text_content().startswith(HOSTILE_UI["printed_on"])
            assert page.locator(".print-stamp").text_content().strip().startswith(HOSTILE_UI["printed_from"])
        if "ordlista" in rel:
            assert page.locator("[role=region]").first.get_attribute("aria-label") == HOSTILE_UI["table_region"]
    assert dialogs == []
    assert not [path for path in requested if path.startswith(("/stolen", "/redirected")) or path.endswith("/x")]
