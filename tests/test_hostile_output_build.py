"""Safe by construction (issue 22), in real builds and a real browser.

Each class of attack stops a real build with file and line and publishes nothing. In Chromium
(Debian's, headless, a fresh profile, scripting on, pages from a tiny server on 127.0.0.1 that
sends no security headers) the tree the output check judged is the tree the browser builds, for
every payload of tests/test_hostile_output.py: the browser's view is the one that counts, so the
check must see exactly what it sees.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, append, run_build
from styrdok.model import yamlfile
from styrdok.output import published
from test_hostile_output import PAYLOADS, check_view, page_with, render

pytestmark = pytest.mark.build


def _after_front_matter(page: Path, text: str) -> int:
    """Put a paragraph first in a page's body (the start of its content); return its line."""
    lines = page.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)
    lines[end + 1:end + 1] = ["", text, ""]
    page.write_text("\n".join(lines), encoding="utf-8")
    return end + 3


def _self_including(project: Path, lang: str) -> tuple[str, int]:
    append(project / "docs" / "_includes" / lang / "arendet-syfte.md", f"{{!{lang}/arendet-syfte.md!}}")
    page = project / "docs" / lang / "strategi.md"
    line = next(number for number, text in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
                if f"{lang}/arendet-syfte.md" in text)
    return f"docs/{lang}/strategi.md", line


# name: (language, how to break the copy → (file, line), words the message must hold in sv and en)
BUILD_CASES = {
    "noscript ending inside an attribute": (
        "sv", lambda project, lang: ("docs/sv/ordlista.md", append(
            project / "docs" / lang / "ordlista.md", PAYLOADS["noscript ending inside an attribute (meta refresh)"])),
        ("HTML-taggen <noscript> är inte tillåten.", "The HTML tag <noscript> is not allowed.")),
    "a comment a browser ends at once": (
        "en", lambda project, lang: ("docs/en/ordlista.md", append(
            project / "docs" / lang / "ordlista.md", PAYLOADS["comment a browser ends at once (<!-->)"])),
        ("En HTML-kommentar", "An HTML comment")),
    "a head-type element at the start of the content": (
        "sv", lambda project, lang: ("docs/sv/ordlista.md", _after_front_matter(
            project / "docs" / lang / "ordlista.md", "<style>body{display:none}</style>")),
        ("HTML-taggen <style> är inte tillåten.", "The HTML tag <style> is not allowed.")),
    "a fragment of the other language": (
        "en", lambda project, lang: ("docs/en/ordlista.md", append(
            project / "docs" / lang / "ordlista.md", "{!sv/arendet-syfte.md!}")),
        ("hämtar ett svenskt textstycke till en engelsk sida", "brings a Swedish fragment into an English page")),
    "a fragment that includes itself": (
        "sv", _self_including, ("Sidan inkluderar för mycket", "The page includes too much")),
    "a heading that changes the table of contents": (
        "en", lambda project, lang: ("docs/en/ordlista.md", append(
            project / "docs" / lang / "ordlista.md", '## Rubrik {: data-toc-label="Annat namn" }')),
        ("Attributet data-toc-label är inte tillåtet", "The attribute data-toc-label is not allowed")),
}


@pytest.mark.parametrize("name", sorted(BUILD_CASES))
def test_each_class_stops_the_build_with_file_and_line_and_publishes_nothing(project, tmp_path, name):
    lang, breaking, (words_sv, words_en) = BUILD_CASES[name]
    file, line = breaking(project, lang)
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"❌ {file}:{line}" in output, output[-3000:]
    assert words_sv in output and words_en in output
    assert "inget publicerades / The build failed, nothing was published" in output
    assert not site_dir.exists()


# --- the browser's view ---------------------------------------------------------------------------------

# The article as the page holds it (overrides/main.html in Material's base.html), with page.content
# in its container, published.CONTENT_CONTEXT; two comments mark where the content begins and ends.
SHELL = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Prov</title></head>
<body><div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
<{context} data-pagefind-body><!--check:start-->{content}<!--check:end--></{context}>
</article></div></div></main></div></body></html>"""

# The elements and comments between the two marks, in document order, as the check lists them.
BROWSER_VIEW = """() => {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT);
  const seen = []; let inside = false;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === Node.COMMENT_NODE && node.data === 'check:start') { inside = true; continue; }
    if (node.nodeType === Node.COMMENT_NODE && node.data === 'check:end') break;
    if (!inside) continue;
    seen.push(node.nodeType === Node.COMMENT_NODE ? ['#comment', {}]
      : [node.localName, Object.fromEntries([...node.attributes].map(a => [a.name, a.value]))]);
  }
  return seen;
}"""

# What document.querySelectorAll finds of the elements content may never hold, between the marks.
BROWSER_FORBIDDEN = """(selector) => {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  let start = null, end = null;
  while (walker.nextNode()) {
    if (walker.currentNode.data === 'check:start') start = walker.currentNode;
    if (walker.currentNode.data === 'check:end') end = walker.currentNode;
  }
  return [...document.querySelectorAll(selector)].filter(e =>
    (start.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) &&
    (end.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING)).map(e => e.localName);
}"""


@pytest.fixture(scope="module")
def local_server(tmp_path_factory):
    """A tiny server on 127.0.0.1 for files written to disk: no Content-Security-Policy or any other
    security header, as a host without headers serves a page."""
    folder = tmp_path_factory.mktemp("pages")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def _open(browser_context, local_server, name: str, html: str):
    """The page in Chromium; every request that leaves 127.0.0.1 is recorded and answered "204 No
    Content", so a redirect is seen but never leaves, and the page stays."""
    folder, base = local_server
    file = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html"
    (folder / file).write_text(html, encoding="utf-8")
    page = browser_context.new_page()
    left: list[str] = []

    def route(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            left.append(route.request.url)
            route.fulfill(status=204)
    page.route("**/*", route)
    response = page.goto(base + file)
    assert response.ok and "content-security-policy" not in response.headers
    return page, left


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_the_tree_the_check_judged_is_the_tree_chromium_builds(browser_context, local_server, name):
    content_html = render(page_with(PAYLOADS[name]))
    document = SHELL.format(context=published.CONTENT_CONTEXT, content=content_html)
    page, left = _open(browser_context, local_server, name, document)
    try:
        assert page.evaluate("() => navigator.userAgent.includes('Chrome')")
        # Every element (with its attributes) and every comment, in order.
        assert page.evaluate(BROWSER_VIEW) == [[tag, attributes] for tag, attributes in check_view(content_html)]
        # The forbidden elements the check reports are those Chromium built, no more, no fewer.
        reported = {m.group(1) for f in published.content_findings(content_html)
                    for m in [re.fullmatch(r"the element <(\w+)>", f.en)] if m}
        selector = ", ".join(sorted(published.FORBIDDEN_CONTENT_ELEMENTS))
        in_browser = set(page.evaluate(BROWSER_FORBIDDEN, selector))
        assert reported & published.FORBIDDEN_CONTENT_ELEMENTS == in_browser
        # The whole-document rules see a redirect exactly when Chromium has a meta refresh to follow.
        refresh = any(f.en == "an automatic redirect (meta refresh)" for f in published.document_findings(document))
        assert refresh == page.evaluate("() => document.querySelectorAll('meta[http-equiv=refresh i]').length > 0")
        if refresh:
            page.wait_for_timeout(1500)
            assert any(url.startswith("https://evil.example") for url in left), left  # it really redirects
    finally:
        page.close()


def test_the_noscript_payload_is_markup_in_chromium_because_scripting_is_on(browser_context, local_server):
    """The premise of the issue, in the browser: the noscript ends inside the attribute."""
    payload = PAYLOADS["noscript ending inside an attribute (meta refresh)"]
    page, _ = _open(browser_context, local_server, "premise", SHELL.format(
        context=published.CONTENT_CONTEXT, content=payload))
    try:
        assert page.evaluate("() => document.querySelector('noscript').textContent") == '<p title="'
        assert page.evaluate("() => !!document.querySelector('[data-pagefind-body] meta[http-equiv=refresh]')")
    finally:
        page.close()


@pytest.mark.parametrize("src", ["sv/ordlista.md", "sv/strategi.md", "en/ordlista.md", "en/strategi.md"])
def test_page_content_stands_in_the_element_the_check_parses_it_in(site, src):
    """published.CONTENT_CONTEXT is the element that holds page.content in the real pages (a plain
    page and a document page with its register block, in both languages): every heading the page's
    Markdown makes is a child of it."""
    _, body, _ = yamlfile.read_page(ROOT / "docs" / src, src)
    ids = [node.attributes["id"] for node in published.parse_content(render(body)).css("h1, h2, h3")]
    rel = src.removeprefix("sv/").removesuffix(".md") + "/"
    tree = LexborHTMLParser((site.dir / rel / "index.html").read_text(encoding="utf-8"), scripting=True)
    holder = tree.css_first("article > [data-pagefind-body]")
    assert holder is not None and holder.tag == published.CONTENT_CONTEXT
    assert ids
    for anchor in ids:
        parent = tree.css_first(f"#{anchor}").parent
        assert parent.tag == published.CONTENT_CONTEXT and "data-pagefind-body" in parent.attributes, anchor
