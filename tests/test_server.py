"""The production web server (nginx with deploy/nginx/site.conf.template) serves the site safely."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from styrdok import headers
from test_browser import search


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


def test_the_csp_allows_exactly_the_inline_scripts_of_the_pages(site):
    import base64
    import hashlib
    from bs4 import BeautifulSoup
    _, headers, _ = fetch(site.url)
    csp = headers["Content-Security-Policy"]
    for rel in site.pages():
        for script in BeautifulSoup((site.dir / rel / "index.html").read_bytes(), "html.parser").select("script:not([src])"):
            if script.get("type") in ("application/json", "application/ld+json"):
                continue
            digest = base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp, rel


def test_fingerprinted_files_are_cached_long_and_pages_briefly(site):
    stylesheet = next(site.dir.glob("assets/stylesheets/main.*.min.css")).name
    _, headers, _ = fetch(site.url + "assets/stylesheets/" + stylesheet)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("", "en/strategi/", "pagefind/pagefind-entry.json", "assets/javascripts/site.js"):
        _, headers, _ = fetch(site.url + path)
        assert headers["Cache-Control"] == "public, max-age=300, must-revalidate", path


def test_text_is_sent_compressed(site):
    _, headers, body = fetch(site.url + "strategi/", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip"
    assert b"Internationell strategi" in gzip.decompress(body)


def test_each_language_gets_its_own_page_not_found(site):
    status, _, body = fetch(site.url + "finns-inte/")
    assert status == 404
    assert b'<html lang="sv"' in body and b"Sidan finns inte" in body
    status, _, body = fetch(site.url + "en/does-not-exist/")
    assert status == 404
    assert b'<html lang="en"' in body and b"Page not found" in body


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
    assert search(page, "orientation")
    violations += page.evaluate("window.__csp")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    violations += page.evaluate("window.__csp")
    page.close()
    assert violations == []
    assert errors == []


def test_the_headers_file_allows_every_inline_script_and_stays_short(site):
    text = (site.dir / "_headers").read_text(encoding="utf-8")
    # The hashes were taken from the pages as they were written; reading the finished site again
    # must find no other inline script.
    for expression in headers.inline_script_hashes(site.dir):
        assert expression in text
    # Pagefind's many fingerprinted files share one rule per folder (some hosts allow ~100 rules).
    assert "/stockholm/pagefind/fragment/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000" in text
    assert ".pf_fragment" not in text
    assert text.count("\n/") < 20
