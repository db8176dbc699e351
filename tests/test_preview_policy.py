"""make serve is as strict as the published site: a reviewer who previews a hostile pull request runs
none of its inline scripts. The real `mkdocs serve` of the pinned MkDocs, on a copy of the project,
in Chromium: every served page has the site's one policy and no inline script; an inline script
added to a served page is blocked; editing a page reloads it by itself; a failed rebuild shows the
error page and the fix brings the page back; and no policy violation is reported on the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ORIGINAL, append, edit, free_port, line_of
from styrdok.checks import pages
from styrdok.output import headers, published
from styrdok.render import views

pytestmark = pytest.mark.build

# Chromium's report of a blocked script, style or connection, and the page's own report (below).
VIOLATION_WORDS = ("Content Security Policy", "Content-Security-Policy", "CSP violation")
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e =>
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"""


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return None, ""


def _wait(url: str, wanted, seconds: float = 90):
    deadline = time.monotonic() + seconds
    status, body = None, ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if wanted(status, body):
            return status, body
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered as expected; last: {status} {body[:300]}")


@pytest.fixture
def preview(project):
    """`mkdocs serve` (as make serve runs it) on a copy of the project; yields (base URL, project)."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--livereload"], cwd=project, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait(url, lambda status, _: status == 200)
        yield url, project
    finally:
        server.terminate()
        server.wait(timeout=10)


def _inline_scripts(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    return [node.html[:120] for node in tree.css("script") if "src" not in node.attributes
            and (node.attributes.get("type") or "text/javascript").lower() != "application/ld+json"]


def _policies(html: str) -> list[str]:
    return [m.attributes.get("content") for m in LexborHTMLParser(html).css('meta[http-equiv="Content-Security-Policy"]')]


def test_every_served_page_has_the_sites_policy_and_no_inline_script(preview):
    url, project = preview
    served = [views.page_path(name, lang, ORIGINAL) for lang in LANGUAGES
              for name in sorted(pages.page_names(project / "docs", lang))]
    assert len(served) >= 2 * 10
    for path in served:
        status, html = _get(url + path)
        assert status == 200, path
        assert _policies(html) == [headers.meta_content_security_policy()], path
        assert "'unsafe-inline'" not in html, path
        assert _inline_scripts(html) == [], path
        assert published.document_findings(html) == [], path
        assert html.count('src="/livereload/styrdok-live-reload.js"') == 1, path


def _no_violations(errors: list[str]) -> list[str]:
    return [e for e in errors if any(word in e for word in VIOLATION_WORDS)]


def test_in_chromium_the_preview_blocks_inline_scripts_reloads_and_shows_a_failed_rebuild(preview, browser_page):
    url, project = preview
    page, errors = browser_page.page, browser_page.errors
    page.add_init_script(REPORT_VIOLATIONS)
    page.goto(url + "ordlista/")
    page.wait_for_load_state("load")
    heading = page.locator("article h1").inner_text()
    # The page's own live reload (a file) is running, and nothing was refused.
    assert page.evaluate("() => [...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json').length") == 0
    assert page.evaluate("() => !!document.querySelector('script[src=\"/livereload/styrdok-live-reload.js\"]')")
    assert _no_violations(errors) == []

    # Editing a page reloads the open page by itself.
    source = project / "docs" / "sv" / "ordlista.md"
    page.evaluate("() => { window.__notReloaded = true; }")
    append(source, "Förhandsvisningen laddade om sidan.")
    page.get_by_text("Förhandsvisningen laddade om sidan.").wait_for(timeout=90_000)
    assert page.evaluate("() => window.__notReloaded") is None
    assert _no_violations(errors) == []

    # A failed rebuild: the open page turns into the error page by itself, with the site's policy.
    append(source, '[x](https://example.org){: onclick="alert(1)" }')
    page.get_by_role("heading", name="Bygget misslyckades").wait_for(timeout=90_000)
    assert f"docs/sv/ordlista.md:{line_of(source, 'onclick')}" in page.locator("pre").inner_text()
    assert page.evaluate("() => document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content") \
        == headers.meta_content_security_policy()
    assert page.evaluate("() => [...document.scripts].filter(s => !s.src).length") == 0
    assert page.evaluate("() => getComputedStyle(document.querySelector('pre')).whiteSpace") == "pre-wrap"
    assert _no_violations(errors) == []

    # The fix brings the page back, by itself.
    edit(source, '\n\n[x](https://example.org){: onclick="alert(1)" }', "")
    page.locator("article h1", has_text=heading).wait_for(timeout=90_000)
    assert page.get_by_role("heading", name="Bygget misslyckades").count() == 0
    assert _no_violations(errors) == []

    # An inline script added to a served page is blocked: the preview grants no exemption.
    ran = page.evaluate("""() => new Promise(done => {
        document.addEventListener('securitypolicyviolation', e => done(['blocked', e.violatedDirective]));
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true;';
        document.body.append(s);
        setTimeout(() => done([window.__inlineRan === true ? 'ran' : 'silent', '']), 2000);
    })""")
    assert ran[0] == "blocked" and ran[1].startswith("script-src"), ran
    assert page.evaluate("() => window.__inlineRan") is None
