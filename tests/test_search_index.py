"""The search index is built while the pages are written, and it is the index Pagefind's own
command would build from the finished site."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_build
from styrdok import search


def _fragments(bundle: Path) -> list[bytes]:
    return sorted(p.read_bytes() for p in (bundle / "fragment").iterdir())


def test_the_index_holds_what_pagefinds_own_command_finds_in_the_finished_site(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.dir, copy, ignore=shutil.ignore_patterns("pagefind"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--silent"], check=True)
    # Each fragment is one page: its URL, title, language, text and anchors, compressed.
    assert _fragments(site.dir / "pagefind") == _fragments(copy / "pagefind")
    assert len(_fragments(site.dir / "pagefind")) == len(site.pages())


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
    entry = (tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"sv"' in entry and '"en"' in entry
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 2


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
