"""The hostile pull request's tricks against the built site (build and browser tier; the in-process
half is tests/test_hostile_guard.py):

- the search's "Direkt träff" comes only from a query that is a whole identifier: never from a
  page title, a word of a longer query, or the start of an identifier (Chromium, the real site);
- an added Markdown extension (pymdownx.snippets with base_path /) cannot publish the build
  machine's files: `make check` and a plain `mkdocs build` both refuse it (a copy of the project).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import LANGUAGES, ORIGINAL, ROOT, check_copy, line_of, search
from styrdok import search as site_search
from styrdok.checks import pages
from styrdok.model import yamlfile
from styrdok.model.register import NOT_STATED, load_register
from styrdok.render import views

pytestmark = pytest.mark.build

REGISTER = load_register(ROOT / "docs" / "_data" / "register.yml")
WITH_REFERENCE = next(d for d in REGISTER.documents if d.reference != NOT_STATED)
WITH_CONTACT = next(d for d in REGISTER.documents if d.contact)
IDENTIFIERS = {site_search.identifier_key(v) for d in REGISTER.documents
               for v in (d.reference, d.decision_date, (d.contact or {}).get("name")) if v and v != NOT_STATED}


def _titles() -> list[tuple[str, str]]:
    """(language prefix, title) of every page, from the pages' front matter."""
    rows = []
    for lang in LANGUAGES:
        prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
        for name in sorted(pages.page_names(ROOT / "docs", lang)):
            meta, _, _ = yamlfile.read_page(ROOT / "docs" / lang / name, name)
            rows.append((prefix, meta["title"]))
    return rows


# (language prefix, query): each must give no direct hit
NO_DIRECT_HIT = [
    *_titles(),
    ("", f"strategi {WITH_REFERENCE.reference}"),                   # the identifier as a word of a longer query
    ("en/", f"{WITH_REFERENCE.reference} strategy"),
    ("", WITH_REFERENCE.reference.split("/")[0]),                 # the start of an identifier
    ("", WITH_CONTACT.contact["name"].split()[-1]),               # one word of the contact's name
    ("en/", f"{WITH_CONTACT.contact['name']} contact"),
]


def _direct_hits(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__link", """els => els
        .filter(e => e.querySelector('.site-search-direct')).map(e => e.href)""")


def test_no_title_or_part_of_an_identifier_is_a_key_of_the_published_identifiers(site):
    """Every query above, written as site.js writes a query (its identifierKey, in Node), against
    the identifiers the built site publishes: a direct hit needs the written query to equal a key."""
    from test_facts_grammar import run_twins
    keys = {entry["key"] for lang in LANGUAGES
            for entry in json.loads((site.dir / site_search.IDENTIFIERS_FILE.format(lang=lang)).read_text(encoding="utf-8"))}
    assert keys >= {site_search.identifier_key(WITH_REFERENCE.reference)}  # the control: the file is the real one
    written = run_twins({"identifierKey": [query for _, query in NO_DIRECT_HIT]})["identifierKey"]
    assert [q for q, key in zip(NO_DIRECT_HIT, written, strict=True) if key in keys] == []


# In Chromium, one query of each kind: a page title in each language, and each near-identifier.
IN_THE_BROWSER = [next(row for row in NO_DIRECT_HIT if row[0] == prefix) for prefix in ("", "en/")] + \
    NO_DIRECT_HIT[-5:]


@pytest.mark.parametrize(("start", "query"), IN_THE_BROWSER)
def test_a_query_that_is_not_a_whole_identifier_gives_no_direct_hit(site, search_page, start, query):
    page = search_page(start)
    search(page, query)
    page.wait_for_timeout(300)  # the identifiers arrive with the results; give a late badge its chance
    assert site_search.identifier_key(query) not in IDENTIFIERS
    assert _direct_hits(page) == [], query


@pytest.mark.parametrize(("start", "query", "doc"), [("", WITH_REFERENCE.reference, WITH_REFERENCE),
                                                     ("en/", WITH_CONTACT.contact["name"].upper(), WITH_CONTACT)])
def test_the_whole_identifier_still_gives_its_direct_hit(site, search_page, start, query, doc):
    """The control for the test above: the same search box, an identifier, a direct hit."""
    page = search_page(start)
    search(page, query)
    page.locator(".site-search-direct").first.wait_for()
    lang = "en" if start else "sv"
    assert [h[len(site.url):] for h in _direct_hits(page)] == [views.page_path(doc.page, lang, ORIGINAL)]


SNIPPETS = "  - pymdownx.snippets:\n      base_path: /\n"


def _with_snippets(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "markdown_extensions:\n" in text
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n" + SNIPPETS, 1), encoding="utf-8")
    # The page that would publish a file of the build machine.
    page = project / "docs" / "sv" / "ordlista.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "etc/hostname"\n', encoding="utf-8")
    return line_of(config, "pymdownx.snippets")


def test_make_check_refuses_the_snippets_extension(project):
    line = _with_snippets(project)
    checked = check_copy(project, build=True)
    assert checked.failed
    assert f"❌ mkdocs.yml:{line}" in checked.output, checked.output
    assert "Markdown-tillägget 'pymdownx.snippets' är inte tillåtet" in checked.output
    assert "The Markdown extension 'pymdownx.snippets' is not allowed" in checked.output
    assert "scripts/styrdok/checks/extensions.py" in checked.output


def test_a_plain_mkdocs_build_refuses_it_and_publishes_nothing(project, tmp_path):
    line = _with_snippets(project)
    site_dir = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), text=True, capture_output=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"mkdocs.yml:{line}" in output and "'pymdownx.snippets' is not allowed" in output, output
    hostname = open("/etc/hostname", encoding="utf-8").read().strip()
    written = [p for p in site_dir.rglob("*.html")] if site_dir.exists() else []
    assert written == [] or not any(hostname in p.read_text(encoding="utf-8") for p in written)
