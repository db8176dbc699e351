"""A reader sees each document's status, decision and relations, all derived from the register."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import run_build

ATOM = "{http://www.w3.org/2005/Atom}"


def metadata(soup) -> dict:
    block = soup.select_one("section.register-meta dl")
    return {dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
            for dt in block.select("dt")}


def test_the_strategy_page_shows_its_facts_in_both_languages(site):
    sv = metadata(site.soup("strategi/"))
    assert sv["Status"] == "Gäller"
    assert sv["Beslutat av"] == "Kommunfullmäktige"
    assert sv["Beslutsdatum"] == "2016-12-12"
    assert sv["Diarienummer"] == "171-482/2016"
    assert "Övergripande mål, inriktning och riktlinjer" in sv["Ersätter"]
    en = metadata(site.soup("en/strategi/"))
    assert en["Status"] == "In force"
    assert en["Decided by"] == "Kommunfullmäktige (the City Council)"
    assert en["Decision date"] == "2016-12-12"
    assert en["Reference number"] == "171-482/2016"
    link = site.soup("en/strategi/").select_one("section.register-meta a[href]")
    assert link["href"] == "../strategi-2007/"


def test_a_replaced_document_says_so_first_and_links_to_its_replacement(site):
    for rel, text in (("strategi-2007/", "Ersatt 2016-12-12 av"), ("en/strategi-2007/", "Replaced on 2016-12-12 by")):
        soup = site.soup(rel)
        notice = soup.select_one("article .register-notice")
        assert text in " ".join(notice.get_text(" ").split())
        assert notice.select_one("a")["href"] == "../strategi/"
        # The notice comes before the metadata and the text.
        elements = [e for e in soup.select_one("article").find_all(True) if e.get("class")]
        classes = [" ".join(e["class"]) for e in elements]
        assert classes.index(" ".join(notice["class"])) < classes.index("register-meta")
    assert site.soup("strategi/").select_one(".register-notice") is None


def test_the_directive_is_a_proposal_and_says_what_the_source_lacks(site):
    sv = metadata(site.soup("agardirektiv/"))
    assert sv["Status"] == "Förslag till beslut"
    assert sv["Beslutas av"] == "Styrelsen för Stockholm Business Region"
    assert sv["Beslutsdatum"] == "Anges inte i källan"
    assert sv["Kontakt"] == "Handläggare: Mattias Rindberg Tel: 08-508 28 590 E-post: mattias.rindberg@stockholm.se"
    en = metadata(site.soup("en/agardirektiv/"))
    assert en["To be decided by"] == "The Board of Stockholm Business Region"
    assert en["Decision date"] == "Not stated in the source"
    assert en["Contact"].startswith("Case officer: Mattias Rindberg Phone: 08-508 28 590")


def test_each_document_page_shows_its_history(site):
    for rel, heading in (("strategi/", "Dokumenthistorik"), ("en/strategi/", "Document history")):
        history = site.soup(rel).select_one("section.register-history")
        assert history.h2.get_text() == heading
        assert "2016-12-12" in history.get_text()
    undated = site.soup("agardirektiv/").select_one("section.register-history").get_text()
    assert "Odaterad" in undated


def test_the_changelog_is_newest_first_with_stable_anchors(site):
    for rel in ("andringslogg/", "en/andringslogg/"):
        headings = site.soup(rel).select("article h2[id]")
        ids = [h["id"] for h in headings]
        assert ids == ["2016-12-12-internationell-strategi-2016", "2016-12-12-overgripande-mal-2007",
                       "undated-sbr-kompletterande-agardirektiv"]
    first = site.soup("andringslogg/").select_one("article h2[id]").find_next_sibling("p").get_text()
    assert "ersätter övergripande mål" in first and "006-1137/2007" in first
    assert "Stockholms Stadshus AB att ge alla bolagsstyrelser i uppdrag att anta strategin" in first
    first_en = site.soup("en/andringslogg/").select_one("article h2[id]").find_next_sibling("p").get_text()
    assert "Stockholms Stadshus AB to instruct all company boards to adopt the strategy" in first_en


def test_the_register_page_lists_every_document(site):
    rows = site.soup("dokumentregister/").select("article table tbody tr")
    assert len(rows) == 3
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    assert cells[1][2] == "Ersatt" and cells[1][5] == "006-1137/2007"
    assert "Ersatt av: Internationell strategi för Stockholms stad" in cells[1][6]
    en = [[td.get_text(" ", strip=True) for td in r.select("td")]
          for r in site.soup("en/dokumentregister/").select("article table tbody tr")]
    assert en[2][2] == "Proposal for decision" and en[2][4] == "Not stated in the source"


def test_the_feeds_are_valid_atom_and_linked(site):
    for rel, lang, page in (("feed.xml", "sv", "andringslogg/"), ("en/feed.xml", "en", "en/andringslogg/")):
        root = ET.fromstring((site.dir / rel).read_bytes())
        assert root.tag == f"{ATOM}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 2  # the undated change cannot be an Atom entry
        for entry in entries:
            assert entry.find(f"{ATOM}updated").text == "2016-12-12T00:00:00Z"
            assert entry.find(f"{ATOM}id").text.startswith(site.url + page + "#2016-12-12-")
        assert site.soup(page).select_one('article a[href$="feed.xml"]') is not None


def test_the_json_export_holds_the_register_and_is_linked(site):
    data = json.loads((site.dir / "register.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in data["documents"]}
    assert docs["overgripande-mal-2007"]["reference_normalised"] == "6-1137/2007"
    assert docs["overgripande-mal-2007"]["relations"] == {"replaced_by": ["internationell-strategi-2016"]}
    assert docs["sbr-kompletterande-agardirektiv"]["decision_date"] is None
    assert docs["internationell-strategi-2016"]["pages"]["en"] == site.url + "en/strategi/"
    for rel in ("dokumentregister/", "en/dokumentregister/"):
        assert site.soup(rel).select_one('article a[href$="register.json"]') is not None


def test_document_pages_carry_schema_org_legislation(site):
    for rel in ("strategi/", "en/strategi/", "strategi-2007/", "agardirektiv/"):
        scripts = site.soup(rel).select('script[type="application/ld+json"]')
        assert len(scripts) == 1, rel
        data = json.loads(scripts[0].string)
        assert data["@type"] == "Legislation"
    data = json.loads(site.soup("en/strategi/").select_one('script[type="application/ld+json"]').string)
    assert data["legislationIdentifier"] == "171-482/2016"
    assert data["legislationDate"] == "2016-12-12"
    assert data["inLanguage"] == "en"
    assert site.soup("ordlista/").select('script[type="application/ld+json"]') == []


def test_changing_one_fact_in_the_register_changes_it_everywhere(project, tmp_path):
    register = project / "docs" / "_data" / "register.yml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("    decision_date: 2016-12-12", "    decision_date: 2016-12-19")
                        .replace("      - date: 2016-12-12\n        major: true\n        note:\n          sv: >-\n            Kommunfullmäktige antog",
                                 "      - date: 2016-12-19\n        major: true\n        note:\n          sv: >-\n            Kommunfullmäktige antog"),
                        encoding="utf-8")
    out = tmp_path / "out"
    result = run_build(project, out, "http://127.0.0.1/")
    assert result.returncode == 0, result.stderr
    from bs4 import BeautifulSoup

    def soup(rel):
        return BeautifulSoup((out / rel / "index.html").read_text(encoding="utf-8"), "lxml")
    assert metadata(soup("strategi"))["Beslutsdatum"] == "2016-12-19"
    assert metadata(soup("en/strategi"))["Decision date"] == "2016-12-19"
    assert "Ersatt 2016-12-19 av" in soup("strategi-2007").select_one(".register-notice").get_text()
    assert "Replaced on 2016-12-19 by" in soup("en/strategi-2007").select_one(".register-notice").get_text()
    assert soup("andringslogg").select_one("article h2[id]")["id"] == "2016-12-19-internationell-strategi-2016"
    assert "2016-12-19" in (out / "en" / "feed.xml").read_text(encoding="utf-8")
    data = json.loads((out / "register.json").read_text(encoding="utf-8"))
    assert {d["id"]: d["decision_date"] for d in data["documents"]}["internationell-strategi-2016"] == "2016-12-19"
    assert "2016-12-19" in soup("").select_one("article").get_text()
