"""The production web server (nginx with deploy/nginx/site.conf.template) serves the site safely."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, search
from styrdok.model import ui
from styrdok.output import headers

pytestmark = pytest.mark.build

TEXTS = ui.load(ROOT / "docs")


def fetch(url: str, gzip_ok: bool = False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("path", ["", "strategi/", "en/agardirektiv/", "feed.xml", "register.json",
                                  "assets/stylesheets/site.css", "404-does-not-exist/"])
def test_every_response_carries_the_security_headers(site, path):
    _, headers, _ = fetch(site.url + path)
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_no_page_runs_inline_script_and_every_page_carries_the_policy(site):
    """The policy allows scripts only from the site's files; the meta copy holds where no headers are sent."""
    from bs4 import BeautifulSoup
    _, response_headers, _ = fetch(site.url)
    csp = response_headers["Content-Security-Policy"]
    assert "'sha256-" not in csp and "'unsafe-inline'" not in csp and "script-src 'self' 'wasm-unsafe-eval'" in csp
    documents = [site.dir / rel / "index.html" for rel in site.pages()] + [site.dir / "404.html",
                                                                          site.dir / "en" / "404.html"]
    for document in documents:
        soup = BeautifulSoup(document.read_bytes(), "lxml")
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert inline == [], document
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert [m["content"] for m in metas] == [headers.meta_content_security_policy()], document
        # Before anything that loads: a policy applies only to what follows it.
        head = soup.head.find_all(True)
        assert head.index(metas[0]) < min(head.index(e) for e in soup.head.find_all(["script", "link"])), document
    assert headers.meta_content_security_policy() in csp.replace("; frame-ancestors 'none'", "")


def test_files_whose_names_start_with_a_dot_are_never_served(site):
    secret = site.dir / ".env"
    secret.write_text("SECRET=1", encoding="utf-8")
    secret.chmod(0o644)
    try:
        assert fetch(site.url + ".env")[0] == 404
        assert fetch(site.url + "en/.env")[0] == 404
    finally:
        secret.unlink()


def test_the_site_is_readable_by_a_web_server_that_is_not_root(site):
    # nginx's workers run as nobody in these tests: a page it can read proves the modes.
    for path in ("", "en/", "assets/javascripts/site.js", "pagefind/pagefind.js"):
        assert fetch(site.url + path)[0] == 200, path
    assert all(p.stat().st_mode & 0o004 for p in site.dir.rglob("*"))


def test_fingerprinted_files_are_cached_long_and_pages_briefly(site):
    stylesheet = next(site.dir.glob("assets/stylesheets/main.*.min.css")).name
    _, headers, _ = fetch(site.url + "assets/stylesheets/" + stylesheet)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("", "en/strategi/", "pagefind/pagefind-entry.json", "assets/javascripts/site.js"):
        _, headers, _ = fetch(site.url + path)
        assert headers["Cache-Control"] == "public, max-age=300, must-revalidate", path


def test_text_is_sent_compressed(site):
    _, headers, body = fetch(site.url, gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip"
    assert (site.dir / "index.html").read_bytes() == gzip.decompress(body)


def test_each_language_gets_its_own_page_not_found_and_every_page_not_found_has_every_language(site):
    """nginx sends the page of the address's language; GitHub Pages sends only the root one, so each
    carries its own language first and then every other, marked with its lang, with a link home."""
    from bs4 import BeautifulSoup
    languages = list(TEXTS)
    for path, lang in (("finns-inte/", languages[0]), ("en/does-not-exist/", "en")):
        status, _, body = fetch(site.url + path)
        assert status == 404
        soup = BeautifulSoup(body, "lxml")
        assert soup.html["lang"] == lang and soup.select_one("article h1").get_text() == TEXTS[lang]["not_found_title"]
        for other in (code for code in languages if code != lang):
            part = soup.select_one(f'article [lang="{other}"]')
            assert part.select_one("h2").get_text() == TEXTS[other]["not_found_title"]
            home = site.url + ("" if other == languages[0] else f"{other}/")
            assert [a["href"] for a in part.select("a")] == [home]


def test_the_headers_file_is_published_for_static_hosts_but_not_served_here(site):
    text = (site.dir / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self'" in text
    assert "X-Content-Type-Options: nosniff" in text
    status, _, _ = fetch(site.url + "_headers")
    assert status == 404


CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_no_csp_violation_while_reading_switching_language_and_searching(site, browser_context):
    page = browser_context.new_page()
    page.add_init_script(CSP_WATCH)
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    violations = []
    for rel in site.pages():
        page.goto(site.url + rel)
        page.wait_for_load_state("networkidle")
        violations += page.evaluate("window.__csp")
    page.goto(site.url + "strategi/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_load_state("load")
    assert page.url == site.url + "en/strategi/"
    assert search(page, "areas")
    violations += page.evaluate("window.__csp")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    violations += page.evaluate("window.__csp")
    page.close()
    assert violations == []
    assert errors == []


def test_the_headers_file_carries_the_policy_and_stays_short(site):
    text = (site.dir / "_headers").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {headers.content_security_policy()}" in text
    # Pagefind's many fingerprinted files share one rule per folder (some hosts allow ~100 rules).
    assert "/stockholm/pagefind/fragment/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000" in text
    assert ".pf_fragment" not in text
    assert text.count("\n/") < 20


def test_the_meta_policy_alone_blocks_an_injected_script_on_a_host_without_headers(site, browser_context):
    """GitHub Pages sends no headers: the <meta> policy in each page must hold by itself."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(site.dir.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser_context.new_page()
    page.add_init_script(CSP_WATCH)
    try:
        response = page.goto(f"http://127.0.0.1:{server.server_port}/{site.dir.name}/strategi/")
        assert response.ok and "content-security-policy" not in response.headers
        page.evaluate("() => { const s = document.createElement('script');"
                      " s.textContent = 'window.__ran = true'; document.body.append(s); }")
        assert page.evaluate("window.__ran === undefined")
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    finally:
        page.close()
        server.shutdown()
