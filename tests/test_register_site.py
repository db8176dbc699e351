"""A reader sees each document's status, its basis, decision and relations, all derived from the register.

Expectations are read from docs/_data/register.yml, never typed in here: an editor who records a
decision, adds a document or replaces one gets a green run when the site follows the register.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import LANGUAGES, ORIGINAL, ROOT, load_register_data, run_build, save_register_data
from styrdok.model import content
from styrdok.model.register import MIRRORS, NOT_STATED, stated
from styrdok.model.terminology import load_terms
from styrdok.render import views

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
# The register as the build loads it: its interface text and what each status rests on.
REGISTER = content.load(ROOT / "docs").register
UI = REGISTER.ui
GLOSSES = [t["gloss"] for t in load_terms(ROOT / "docs" / "_data" / "terminology.yml") if t.get("gloss")]


def metadata(soup) -> dict:
    block = soup.select_one("section.register-meta dl")
    return {dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
            for dt in block.select("dt")}


def rel(doc, lang: str) -> str:
    return views.page_path(doc.page, lang, ORIGINAL)


def label(group, key, lang):
    return REGISTER.label(group, key, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("doc", REGISTER.documents, ids=lambda d: d.id)
def test_each_document_page_shows_the_register_facts(site, doc, lang):
    facts = metadata(site.soup(rel(doc, lang)))
    t, not_stated = UI[lang], label("ui", "not_stated", lang)
    assert facts[t["status"]] == views.status_label(REGISTER, doc, lang)
    assert facts[t["basis"]] == views.status_basis(REGISTER, doc, lang)
    # The basis names the source text that holds the decision (or the proposal).
    evidence = REGISTER.evidence[doc.id]
    assert REGISTER.source(evidence.file)["title"][lang] in facts[t["basis"]]
    if doc.status == "proposal":
        assert facts[t["to_be_decided_by"]] == label("bodies", doc.to_be_decided_by, lang)
        assert facts[t["decision"]] == t["no_decision"]
        assert t["decided_by"] not in facts and t["decision_date"] not in facts
    else:
        assert facts[t["decided_by"]] == (label("bodies", doc.decided_by, lang) if stated(doc.decided_by) else not_stated)
        assert facts[t["decision_date"]] == (stated(doc.decision_date) or not_stated)
        assert t["to_be_decided_by"] not in facts
    assert facts[t["reference"]] == (doc.reference if doc.reference != NOT_STATED else not_stated)
    for kind in MIRRORS:
        for target in doc.relations.get(kind, []):
            assert REGISTER.by_id[target].title[lang] in facts[label("relations", kind, lang)]
    if doc.contact:
        # The source's contact, named as such and quoted, never a link to call or write to.
        shown = facts[views.contact_label(REGISTER, doc, lang)]
        assert doc.contact["name"] in shown and doc.contact.get("email", "") in shown
        block = site.soup(rel(doc, lang)).select_one(".register-contact")
        assert not block.select('a[href^="tel:"], a[href^="mailto:"]')


def test_no_status_says_what_is_in_force(site):
    """A status is what a decision says: no "Gäller"/"In force", no legal force in JSON-LD, no date
    of effect ("ersatt 2016-12-12", "replaced on")."""
    for doc in REGISTER.documents:
        for lang in LANGUAGES:
            data = json.loads(site.soup(rel(doc, lang)).select_one('script[type="application/ld+json"]').string)
            assert "legislationLegalForce" not in data
            if doc.status == "replaced":
                newer = REGISTER.by_id[doc.relations["replaced_by"][0]]
                shown = views.status_label(REGISTER, doc, lang)
                assert newer.decision_date in shown and label("bodies", newer.decided_by, lang).lower()[:8] in shown.lower()
    exported = json.loads((site.dir / "register.json").read_text(encoding="utf-8"))["documents"]
    assert {d["status"] for d in exported} <= {"adopted", "replaced", "proposal"}


def test_a_proposal_never_reads_as_a_decision(site):
    """No page, feed or data file says that a proposal was adopted, passed or decided."""
    proposals = [d for d in REGISTER.documents if d.status == "proposal"]
    accomplished = [label("relations", k, lang) for k in ("adopts", "adopted_by") for lang in LANGUAGES]
    for doc in proposals:
        for lang in LANGUAGES:
            for other in REGISTER.documents:
                facts = metadata(site.soup(rel(other, lang)))
                for name in accomplished:
                    assert doc.title[lang] not in facts.get(name, ""), (other.id, name)
            data = json.loads(site.soup(rel(doc, lang)).select_one('script[type="application/ld+json"]').string)
            assert data["@type"] != "Legislation" and "legislationPassedBy" not in data
            assert data["creativeWorkStatus"] == UI[lang]["status_proposal"]
    exported = {d["id"]: d for d in json.loads((site.dir / "register.json").read_text(encoding="utf-8"))["documents"]}
    for doc in proposals:
        assert exported[doc.id]["decision_date"] is None and exported[doc.id]["decided_by"] is None
        assert exported[doc.id]["to_be_decided_by"]["id"] == doc.to_be_decided_by
        assert not {"adopts", "replaces"} & set(exported[doc.id]["relations"])


def test_a_replaced_document_says_so_first_and_links_to_its_replacement(site):
    for doc in REGISTER.documents:
        for lang in LANGUAGES:
            soup = site.soup(rel(doc, lang))
            notice = soup.select_one("article .register-notice")
            if doc.status != "replaced":
                assert notice is None, doc.id
                continue
            newer = REGISTER.by_id[doc.relations["replaced_by"][0]]
            text = " ".join(notice.get_text(" ").split())
            assert views.status_label(REGISTER, doc, lang) in text and UI[lang]["replaced_notice"] in text
            assert notice.select_one("a").get_text() == newer.title[lang]
            classes = [" ".join(e["class"]) for e in soup.select_one("article").find_all(True) if e.get("class")]
            assert classes.index(" ".join(notice["class"])) < classes.index("register-meta")


def test_each_document_page_shows_its_history(site):
    for doc in REGISTER.documents:
        for lang in LANGUAGES:
            history = site.soup(rel(doc, lang)).select_one("section.register-history")
            assert history.h2.get_text() == UI[lang]["history"]
            items = [" ".join(li.get_text(" ").split()) for li in history.select("li")]
            expected = [c for c in views.changes(REGISTER, major_only=False) if c.document.id == doc.id]
            assert len(items) == len(expected)
            for item, change in zip(items, expected, strict=True):
                assert item.startswith(views.when(change, REGISTER, lang))


def test_the_changelog_follows_the_register_with_stable_anchors(site):
    """Its first part: the changes the register records (its second, the editorial changes from git:
    test_history_site.py)."""
    expected = [c.anchor for c in views.changes(REGISTER)]
    for lang in LANGUAGES:
        headings = [h for h in site.soup(views.page_path(views.CHANGELOG_PAGE, lang, ORIGINAL)).select("article h3[id]")
                    if not h["id"].startswith(views.EDITORIAL_ANCHOR.split("{")[0])]
        assert [h["id"] for h in headings] == expected
        for heading, change in zip(headings, views.changes(REGISTER), strict=True):
            assert heading.get_text().startswith(views.when(change, REGISTER, lang))
            shown = heading.find_next_sibling("p").get_text()
            for gloss in GLOSSES:  # added after a Swedish name's first use on English pages
                shown = shown.replace(f" ({gloss})", "", 1) if f" ({gloss})" not in change.note[lang] else shown
            assert shown == " ".join(change.note[lang].split())


def test_the_register_page_lists_every_document(site):
    for lang in LANGUAGES:
        rows = site.soup(views.page_path(views.REGISTER_PAGE, lang, ORIGINAL)).select("article table tbody tr")
        assert len(rows) == len(REGISTER.documents)
        for row, doc in zip(rows, REGISTER.documents, strict=True):
            cells = [td.get_text(" ", strip=True) for td in row.select("td")]
            assert cells[0] == doc.title[lang] and cells[2] == views.status_label(REGISTER, doc, lang)


def test_the_start_page_groups_documents_by_status(site):
    for lang in LANGUAGES:
        article = site.soup(views.page_path("index.md", lang, ORIGINAL)).select_one("article")
        for status in views.STATUS_ORDER:
            group = [d for d in REGISTER.documents if d.status == status]
            heading = article.select_one(f"h3#{status}")
            if not group:
                assert heading is None
                continue
            assert heading.get_text() == UI[lang][f"group_{status}"]
            listed = [li.find("a").get_text() for li in heading.find_next_sibling("ul").find_all("li", recursive=False)]
            assert listed == [d.title[lang] for d in group]


def test_the_feeds_are_valid_atom_with_every_major_change(site):
    major = views.changes(REGISTER)
    for lang in LANGUAGES:
        root = ET.fromstring((site.dir / views.file_path(views.FEED_FILE, lang, ORIGINAL)).read_bytes())
        assert root.tag == f"{ATOM}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None
        # (the register's changes, each marked as a decision; the editorial ones: test_history_site.py)
        entries = {e.find(f"{ATOM}id").text.rsplit("#", 1)[1]: e for e in root.findall(f"{ATOM}entry")
                   if e.find(f"{ATOM}category").get("term") == "decision"}
        assert set(entries) == {c.anchor for c in major}, "no change is left out of the feed"
        for change in major:
            entry = entries[change.anchor]
            assert entry.find(f"{ATOM}updated").text == f"{change.date or change.published}T00:00:00Z"
            content = entry.find(f"{ATOM}content").text
            # An undated change carries the day the site published it, and says so.
            assert (UI[lang]["feed_published_note"] in content) is (change.date is None)
        page = views.page_path(views.CHANGELOG_PAGE, lang, ORIGINAL)
        assert site.soup(page).select_one('article a[href$="feed.xml"]') is not None


def test_the_json_export_holds_the_register_and_is_linked(site):
    data = json.loads((site.dir / "register.json").read_text(encoding="utf-8"))
    exported = {d["id"]: d for d in data["documents"]}
    for doc in REGISTER.documents:
        item = exported[doc.id]
        assert item["reference_normalised"] == doc.normalised_reference
        assert item["relations"] == {k: v for k, v in doc.relations.items() if v}
        assert item["decision_date"] == stated(doc.decision_date)
        assert item["status"] == doc.status
        assert item["status_label"] == {lang: views.status_label(REGISTER, doc, lang) for lang in LANGUAGES}
        assert item["pages"]["en"] == site.url + views.page_path(doc.page, "en", ORIGINAL)
    for lang in LANGUAGES:
        assert site.soup(views.page_path(views.REGISTER_PAGE, lang, ORIGINAL)).select_one('article a[href$="register.json"]')


def test_decided_documents_carry_schema_org_legislation(site):
    for doc in REGISTER.documents:
        for lang in LANGUAGES:
            scripts = site.soup(rel(doc, lang)).select('script[type="application/ld+json"]')
            assert len(scripts) == 1
            data = json.loads(scripts[0].string)
            assert data["inLanguage"] == lang and data["name"] == doc.title[lang]
            if doc.status == "proposal":
                continue
            assert data["@type"] == "Legislation"
            assert data.get("legislationIdentifier") == (None if doc.reference == NOT_STATED else doc.reference)
            assert data.get("legislationDate") == stated(doc.decision_date)
    assert site.soup("ordlista/").select('script[type="application/ld+json"]') == []


def test_changing_one_fact_in_the_register_changes_it_everywhere(project, tmp_path):
    """A corrected decision date (in the source and the register) reaches every place that shows it."""
    doc = next(d for d in REGISTER.documents if stated(d.decision_date) and d.status == "adopted")
    old, new = doc.decision_date, "2016-12-19"

    def corrected(value):  # every value that is this date, and nothing else (a file name may hold it)
        if isinstance(value, dict):
            return {key: corrected(item) for key, item in value.items()}
        if isinstance(value, list):
            return [corrected(item) for item in value]
        return new if str(value) == old else value
    save_register_data(project, corrected(load_register_data(project)))
    from styrdok.model.content import source_files
    for name in source_files(project / "docs"):
        source = project / "docs" / name
        source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    out = tmp_path / "out"
    result = run_build(project, out, "http://127.0.0.1/")
    assert result.returncode == 0, result.stdout + result.stderr
    from bs4 import BeautifulSoup

    def soup(path):
        return BeautifulSoup((out / path / "index.html").read_text(encoding="utf-8"), "lxml")
    for lang in LANGUAGES:
        assert metadata(soup(rel(doc, lang)))[UI[lang]["decision_date"]] == new
        assert new in (out / views.file_path(views.FEED_FILE, lang, ORIGINAL)).read_text(encoding="utf-8")
        assert new in soup(views.page_path("index.md", lang, ORIGINAL)).select_one("article").get_text()
        for older in doc.relations.get("replaces", []):
            notice = soup(views.page_path(REGISTER.by_id[older].page, lang, ORIGINAL)).select_one(".register-notice")
            assert new in " ".join(notice.get_text(" ").split())
    data = json.loads((out / "register.json").read_text(encoding="utf-8"))
    assert {d["id"]: d["decision_date"] for d in data["documents"]}[doc.id] == new


PROPOSAL_WORDS = re.compile(r"förslag|proposal|beslutas|decided by|inget beslut|no decision", re.IGNORECASE)
PROPOSAL_TEXTS = ("status_proposal", "basis_proposal", "no_decision", "to_be_decided_by", "contact_proposal",
                  "summary_proposal", "table_to_be_decided")


def _fixed_parts(text: str) -> list[str]:
    """The phrases of a ui.yml text around its places ({body}) that speak of a proposal or of a
    decision still to come (the source document's name alone is not a proposal's wording)."""
    parts = [part.strip(" .,;()") for part in re.split(r"\{\w+\}", text)]
    return [part for part in parts if len(part.split()) >= 2 and PROPOSAL_WORDS.search(part)]


def test_a_decided_document_keeps_none_of_a_proposals_wording(site):
    """Once a proposal is adopted, its page says nothing a proposal says ("Förslag till beslut",
    "Inget beslut i beslutsunderlaget", "Ska beslutas av", "Handläggare för förslaget")."""
    for doc in REGISTER.documents:
        if doc.status == "proposal":
            continue
        for lang in LANGUAGES:
            facts = " ".join(site.soup(rel(doc, lang)).select_one("section.register-meta").get_text(" ").split())
            for key in PROPOSAL_TEXTS:
                for part in _fixed_parts(UI[lang][key]):
                    assert part not in facts, (doc.id, lang, key, part)
