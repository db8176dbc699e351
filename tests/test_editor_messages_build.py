"""Issue 24, point 4, on the built site: a page saved with CRLF line ends (as a browser's editor saves)
or lone CRs builds to the same HTML as its LF twin. One real build of a copy, compared with the
real site built the usual way (the session's `site`)."""

from __future__ import annotations

import pytest

from conftest import run_build, run_cli

pytestmark = pytest.mark.build

# Pages and a fragment saved with other line ends: (file under docs/, line end). The strategy pages
# include the fragment; the glossary pages carry a table.
SAVED = {"sv/ordlista.md": "\r\n", "en/ordlista.md": "\r\n", "sv/strategi.md": "\r\n",
         "_includes/sv/arendet-syfte.md": "\r", "en/strategi.md": "\r"}
PAGES = ("ordlista/index.html", "en/ordlista/index.html", "strategi/index.html", "en/strategi/index.html")


def test_crlf_and_lone_cr_pages_pass_the_check_and_build_to_the_same_html(project, tmp_path):
    # The same copy built before and after (a copy has no git history: both say so alike).
    url = "http://127.0.0.1:8000/stockholm/"
    before = tmp_path / "before"
    assert run_build(project, before, url).returncode == 0
    for rel, end in SAVED.items():
        path = project / "docs" / rel
        path.write_bytes(path.read_bytes().replace(b"\n", end.encode()))
    assert b"\r" in (project / "docs" / "sv" / "ordlista.md").read_bytes()
    checked = run_cli(project, "check")
    assert checked.returncode == 0 and "❌" not in checked.stdout + checked.stderr, checked.stdout + checked.stderr
    out = tmp_path / "out"
    built = run_build(project, out, url)
    assert built.returncode == 0, built.stdout + built.stderr
    for page in PAGES:
        assert (out / page).read_text(encoding="utf-8") == (before / page).read_text(encoding="utf-8"), page
