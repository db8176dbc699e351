"""The search index is built while the pages are written, and it is the index Pagefind's own
command would build from the finished site with its Swedish compounds marked; beside it, the
identifiers and the words the search script uses."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ORIGINAL, ROOT, run_build
from styrdok import search
from styrdok.model import content
from styrdok.model.register import load_register
from styrdok.render import views
from styrdok.search import compounds


def _fragments(bundle: Path) -> list[bytes]:
    return sorted(p.read_bytes() for p in (bundle / "fragment").iterdir())


def test_the_index_holds_what_pagefinds_own_command_finds_in_the_finished_site(site, tmp_path):
    """The only difference to Pagefind's own index is the marks between the parts of compounds."""
    copy = tmp_path / "site"
    shutil.copytree(site.dir, copy, ignore=shutil.ignore_patterns("pagefind"))
    splitter = compounds.splitter(content.load(ROOT / "docs").compound_corrections)
    marked = 0
    for page in copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        start, end = text.find(search.BODY_START), text.find(search.BODY_END)
        if start < 0 or page.relative_to(copy).parts[0] == "en":
            continue
        body = splitter.mark_html(text[start:end])
        marked += body != text[start:end]
        page.write_text(text[:start] + body + text[end:], encoding="utf-8")
    assert marked, "no Swedish page has a compound the splitter splits"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--silent"], check=True)
    # Each fragment is one page: its URL, title, language, text and anchors, compressed.
    assert _fragments(site.dir / "pagefind") == _fragments(copy / "pagefind")
    assert len(_fragments(site.dir / "pagefind")) == len(site.pages())


def test_the_published_pages_keep_their_compounds_whole(site):
    splitter = compounds.splitter(content.load(ROOT / "docs").compound_corrections)
    checked = 0
    for rel in site.pages("sv"):
        text = site.text(rel)
        for word in {w.strip(".,:;()") for w in text.split()}:
            if splitter.parts(word):
                assert splitter.mark_word(word) not in text, (rel, word)
                checked += 1
    assert checked, "no compound found on the Swedish pages"


def test_only_the_marked_part_of_a_page_is_handed_to_pagefind():
    page = ('<html lang="en" class="no-js"><head><title>T</title></head><body><nav>Menu</nav>'
            f'{search.BODY_START}<div data-pagefind-body><h1>Title</h1><p>Text</p></div>{search.BODY_END}'
            '<footer>Footer</footer></body></html>')
    part = search.searchable_part(page)
    assert part.startswith('<!DOCTYPE html><html lang="en">')
    assert "<h1>Title</h1><p>Text</p>" in part
    assert "Menu" not in part and "Footer" not in part
    assert search.searchable_part(page.replace(search.BODY_END, "")) is None
    assert search.searchable_part("<html><body>no markers</body></html>") is None


def test_a_pagefind_that_stops_gives_a_clear_error(tmp_path):
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: cannot start' >&2\nexit 3\n")
    broken.chmod(0o755)
    with pytest.raises(RuntimeError, match=r"Pagefind stopped while indexing the site \(exit code 3\): "
                                           r"pagefind: cannot start"):
        search.Indexer(broken)


def test_an_index_is_written_only_with_every_page_in_it(tmp_path):
    indexer = search.Indexer()
    indexer.add('<!DOCTYPE html><html lang="sv"><body><div data-pagefind-body><h1>Ett</h1>'
                '<p>Internationell strategi</p></div></body></html>', "ett/index.html")
    indexer.add('<!DOCTYPE html><html lang="en"><body><div data-pagefind-body><h1>Two</h1>'
                '<p>International strategy</p></div></body></html>', "en/two/index.html")
    indexer.write(tmp_path / "pagefind")
    # Complete when write() returns: the entry parses and lists both languages.
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"sv", "en"}
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 2
    assert all(p.stat().st_size for p in (tmp_path / "pagefind").rglob("*") if p.is_file())


# A stand-in for Pagefind's service: it answers each message and hands over the given bundle.
FAKE_SERVICE = """#!{python}
import base64, json, sys

pytestmark = pytest.mark.unit
files = {files!r}
answers = {{"NewIndex": {{"type": "NewIndex", "index_id": 0}}, "AddFile": {{"type": "IndexedFile"}},
           "GetFiles": {{"type": "GetFiles", "files": [
               {{"path": path, "content": base64.b64encode(text.encode()).decode()}} for path, text in files.items()]}}}}
message = b""
while byte := sys.stdin.buffer.read(1):
    if byte != b",":
        message += byte
        continue
    asked = json.loads(base64.b64decode(message))
    message = b""
    answer = {{"message_id": asked["message_id"], "payload": answers[asked["payload"]["type"]]}}
    sys.stdout.write(base64.b64encode(json.dumps(answer).encode()).decode() + ",")
    sys.stdout.flush()
"""


def _fake_pagefind(folder: Path, files: dict[str, str]) -> Path:
    fake = folder / "fake-pagefind"
    fake.write_text(FAKE_SERVICE.format(python=sys.executable, files=files), encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_the_bundle_is_written_as_pagefind_hands_it_over_without_the_files_the_site_does_not_use(tmp_path):
    indexer = search.Indexer(_fake_pagefind(tmp_path, {
        "pagefind-entry.json": '{"languages": {}}', "fragment/sv_1.pf_fragment": "fragment",
        "pagefind-ui.js": "its own search box", "wasm.unknown.pagefind": "unknown language"}))
    indexer.add("<html lang=sv></html>", "index.html")
    indexer.write(tmp_path / "pagefind")
    written = {p.relative_to(tmp_path / "pagefind").as_posix(): p.read_text(encoding="utf-8")
               for p in (tmp_path / "pagefind").rglob("*") if p.is_file()}
    assert written == {"pagefind-entry.json": '{"languages": {}}', "fragment/sv_1.pf_fragment": "fragment"}


@pytest.mark.parametrize("path", ["../outside.js", "/tmp/outside.js", "fragment/../../outside.js"])
def test_a_bundle_file_named_outside_the_search_folder_is_refused(tmp_path, path):
    indexer = search.Indexer(_fake_pagefind(tmp_path, {"pagefind.js": "search", path: "anything"}))
    with pytest.raises(RuntimeError, match="Pagefind named a file outside its folder"):
        indexer.write(tmp_path / "site" / "pagefind")
    assert not (tmp_path / "site" / "outside.js").exists() and not (tmp_path / "outside.js").exists()


def test_a_message_pagefind_cannot_read_gives_a_clear_error_without_waiting(tmp_path):
    answer = base64.b64encode(json.dumps(
        {"message_id": None, "payload": {"type": "Error", "message": "unreadable message"}}).encode()).decode()
    confused = tmp_path / "pagefind"
    confused.write_text(f"#!/bin/sh\nprintf '{answer},'\nsleep 60\n")
    confused.chmod(0o755)
    with pytest.raises(RuntimeError, match="unreadable message"):
        search.Indexer(confused)


def test_a_build_whose_search_index_fails_stops_and_publishes_nothing(project, tmp_path, monkeypatch):
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: out of memory' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    site_dir = tmp_path / "site"
    result = run_build(project, site_dir)
    assert result.returncode != 0
    assert "Pagefind could not start: Pagefind stopped while indexing the site (exit code 1): " \
           "pagefind: out of memory" in result.stdout + result.stderr
    assert not site_dir.exists(), "a failed build must publish nothing"
    assert "delete the folder .venv and run make build" in result.stdout + result.stderr


# --- what the search script reads beside the index ------------------------------------------------

def test_a_swedish_page_is_handed_over_with_its_compounds_marked_and_an_english_one_as_it_is():
    body = f"{search.BODY_START}<div data-pagefind-body><p>Vår livskvalitet och livskvalitet</p></div>{search.BODY_END}"
    swedish = search.prepare(f'<html lang="sv"><body>{body}</body></html>', compounds.Corrections())
    english = search.prepare(f'<html lang="en"><body>{body}</body></html>', compounds.Corrections())
    assert "liv~s~kvalitet" in swedish.html and swedish.language == "sv"
    assert "livskvalitet" in english.html and "~" not in english.html
    # The words are counted as written, for "Did you mean".
    assert swedish.words["livskvalitet"] == 2 and "kvalitet" not in swedish.words
    assert search.prepare("<html><body>no markers</body></html>", None) is None


def test_the_vocabulary_lists_the_most_frequent_words_first():
    from collections import Counter
    words = Counter({"samverkan": 3, "strategi": 5, "och": 5, "mål": 1})
    assert json.loads(search.vocabulary_json(words)) == ["och", "strategi", "samverkan", "mål"]


def test_every_identifier_of_the_register_leads_to_its_document_in_each_language():
    register = load_register(Path(__file__).parent / "fixtures" / "register.yml")
    texts = content.load(ROOT / "docs").ui
    for lang in ("sv", "en"):
        entries = json.loads(search.identifiers_json(register, lang, texts[lang], views.page_path))
        for doc in register.documents:
            mine = [e for e in entries if e["url"] == views.page_path(doc.page, lang, ORIGINAL)]
            keys = {e["key"] for e in mine}
            if doc.reference != "not_stated":
                assert search.identifier_key(doc.reference) in keys
            else:
                assert not any(e["kind"] == "reference" for e in mine)
            if doc.decision_date not in (None, "not_stated"):  # a proposal has none
                assert doc.decision_date in keys
            if doc.contact:
                assert doc.contact["name"].lower() in keys
            assert all(e["title"] == doc.title[lang] for e in mine)


@pytest.mark.parametrize(("written", "key"), [
    ("006-1137/2007", "6-1137/2007"), ("6-1137/2007", "6-1137/2007"), ("  Mattias   Rindberg ", "mattias rindberg"),
    ("2016-12-12", "2016-12-12"), ("dnr 0171-0482/2016", "dnr 171-482/2016"),
])
def test_identifiers_and_queries_share_one_written_form(written, key):
    assert search.identifier_key(written) == key
