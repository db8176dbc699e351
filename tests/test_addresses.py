"""Published addresses stay: every page in the sitemap and every heading anchor on it that was
published when tests/fixtures/published-addresses.json was last written is still there, so a move
of the code or of a file never changes an address silently (links from other sites, bookmarks and
printed references point at them).

New pages and new headings pass. A heading renamed on purpose changes its anchor: the failure says
so and how to record the new addresses (STYRDOK_WRITE_ADDRESSES=1, then commit the file)."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

pytestmark = pytest.mark.unit  # the site fixture makes the whole-site test a build test

PINNED = ROOT / "tests" / "fixtures" / "published-addresses.json"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def published_addresses(site) -> dict[str, list[str]]:
    """Each page of the sitemap (site-relative) with the ids of the headings in its article."""
    prefix = urlsplit(site.url).path
    tree = ET.parse(site.dir / "sitemap.xml")
    pages = sorted(urlsplit(loc.text).path.removeprefix(prefix) for loc in tree.iter(f"{SITEMAP}loc"))
    addresses = {}
    for rel in pages:
        article = site.soup(rel).select_one("article")
        addresses[rel] = sorted(h["id"] for h in article.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"))
    return addresses


def missing(pinned: dict[str, list[str]], now: dict[str, list[str]]) -> list[str]:
    gone = []
    for page, anchors in pinned.items():
        if page not in now:
            gone.append(f"/{page}")
            continue
        gone += [f"/{page}#{anchor}" for anchor in anchors if anchor not in now[page]]
    return gone


def test_the_comparison_finds_a_removed_page_and_a_changed_anchor():
    pinned = {"strategi/": ["syfte", "mal"], "en/strategi/": ["purpose"]}
    assert missing(pinned, {"strategi/": ["syfte", "mal", "ny"], "en/strategi/": ["purpose"], "ny/": []}) == []
    assert missing(pinned, {"strategi/": ["syfte", "malen"]}) == ["/strategi/#mal", "/en/strategi/"]


@pytest.mark.published_address  # code_failure_report: an editor's change, not the code's fault
def test_no_published_address_disappears(site):
    now = published_addresses(site)
    if os.environ.get("STYRDOK_WRITE_ADDRESSES") == "1":
        PINNED.write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    gone = missing(pinned, now)
    assert not gone, (
        "Adresser som har publicerats finns inte längre / Published addresses are gone: " + ", ".join(gone) + ".\n"
        "Sidor och rubriker har fasta adresser som andra länkar till. Om en rubrik har bytt namn med avsikt: "
        "kör STYRDOK_WRITE_ADDRESSES=1 .venv/bin/python -m pytest tests/test_addresses.py och lägg till "
        f"{PINNED.relative_to(ROOT)} i ändringen. / Pages and headings have fixed addresses that others link to. "
        "If a heading was renamed on purpose, run the command above and commit the file.")
