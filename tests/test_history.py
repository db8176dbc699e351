"""The version history, in-process over small git repositories made here (issue 26): which commits are
versions of which page, their dates in Stockholm, the change note, a shallow clone or a copy without
git, uncommitted changes, git read by a bounded number of processes; the redline's marks; the
withdrawn list's messages. The built site and the browser: test_history_site.py."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT
from styrdok.model import history, ui, withdrawn
from styrdok.output import published
from styrdok.problems import ContentError
from styrdok.render import history as history_pages
from styrdok.render import redline

pytestmark = pytest.mark.unit

TEXTS = ui.load(ROOT / "docs")
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
REGISTER = "_data/register.yml"
READS = history.Reads(markers={"changelog": (REGISTER,)},
                      ui_keys={"document": frozenset({"status"}), "changelog": frozenset({"changelog"})})


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null")
    if when:
        env.update(GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when)
    return subprocess.run([*GIT, "-C", str(repo), *args], env=env, check=True, capture_output=True,
                          text=True).stdout


def commit(repo: Path, files: dict[str, str | None], when: str, message: str = "change") -> str:
    for name, text in files.items():
        path = repo / "docs" / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    path = tmp_path / "repo"
    (path / "docs").mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    return path


def register(entries: dict[str, dict]) -> str:
    import yaml
    return yaml.safe_dump({"documents": [{"id": key, **value} for key, value in entries.items()]},
                          allow_unicode=True, sort_keys=False)


def page(text: str, document: str | None = None) -> str:
    return "---\ntitle: T\ndescription: D\n" + (f"document: {document}\n" if document else "") + "---\n\n" + text


def versions_of(repo: Path, pages: list[str], worktree: bool = False) -> dict[str, history.PageHistory]:
    log = history.read_log(repo / "docs")
    blobs = history.Blobs(repo / "docs")
    try:
        def read(path):
            file = repo / "docs" / path
            return history.normalised(file.read_text(encoding="utf-8")) if file.is_file() else None
        return history.versions(log, blobs, pages, READS, worktree=read if worktree else None)
    finally:
        blobs.close()


def days(found: history.PageHistory) -> list[dt.date]:
    return [version.commit.day for version in found.versions]


# --- which commits are versions of a page -----------------------------------------------------------------

def test_a_version_is_dated_by_the_committer_day_in_stockholm(repo):
    # 23:30 UTC on 10 March is 00:30 on 11 March in Stockholm (winter time, UTC+1)
    commit(repo, {"sv/a.md": page("Ett.\n")}, "2026-03-10T23:30:00+00:00")
    commit(repo, {"sv/b.md": page("Två.\n")}, "2026-06-01T12:00:00+00:00")
    found = versions_of(repo, ["sv/a.md", "sv/b.md"])
    assert days(found["sv/a.md"]) == [dt.date(2026, 3, 11)]
    assert days(found["sv/b.md"]) == [dt.date(2026, 6, 1)]


def test_a_page_changes_with_its_own_fragments_in_its_language_only(repo):
    commit(repo, {"sv/a.md": page("{!sv/del.md!}\n"), "en/a.md": page("{!en/del.md!}\n"),
                  "_includes/sv/del.md": "Ett.\n", "_includes/en/del.md": "One.\n"}, "2026-01-01T12:00:00+00:00")
    commit(repo, {"_includes/sv/del.md": "Ett ord.\n"}, "2026-02-01T12:00:00+00:00")
    commit(repo, {"_includes/en/del.md": "One word.\n"}, "2026-03-01T12:00:00+00:00")
    commit(repo, {"sv/b.md": page("Annat.\n")}, "2026-04-01T12:00:00+00:00")
    found = versions_of(repo, ["sv/a.md", "en/a.md"])
    assert days(found["sv/a.md"]) == [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert days(found["en/a.md"]) == [dt.date(2026, 1, 1), dt.date(2026, 3, 1)]


def test_a_fragment_counts_from_the_commit_that_includes_it(repo):
    commit(repo, {"sv/a.md": page("Ett.\n"), "_includes/sv/del.md": "Del.\n"}, "2026-01-01T12:00:00+00:00")
    commit(repo, {"_includes/sv/del.md": "Del, ändrad.\n"}, "2026-02-01T12:00:00+00:00")  # not yet included
    commit(repo, {"sv/a.md": page("Ett.\n\n{!sv/del.md!}\n")}, "2026-03-01T12:00:00+00:00")
    commit(repo, {"_includes/sv/del.md": "Del, ändrad igen.\n"}, "2026-04-01T12:00:00+00:00")
    commit(repo, {"sv/a.md": page("Ett.\n")}, "2026-05-01T12:00:00+00:00")
    commit(repo, {"_includes/sv/del.md": "Del, en gång till.\n"}, "2026-06-01T12:00:00+00:00")  # no longer included
    assert [d.month for d in days(versions_of(repo, ["sv/a.md"])["sv/a.md"])] == [1, 3, 4, 5]


def test_a_register_change_is_a_version_of_its_documents_page_only(repo):
    entries = {"a": {"title": {"sv": "A"}, "status": "adopted", "relations": {"replaces": ["b"]}},
               "b": {"title": {"sv": "B"}, "status": "replaced", "note": {"sv": "Ett."}},
               "c": {"title": {"sv": "C"}, "status": "proposal"}}
    commit(repo, {"sv/a.md": page("A.\n", "a"), "sv/c.md": page("C.\n", "c"), "sv/x.md": page("X.\n"),
                  REGISTER: register(entries)}, "2026-01-01T12:00:00+00:00")
    entries["b"]["note"] = {"sv": "Två."}       # a field of b that a's page does not quote
    commit(repo, {REGISTER: register(entries)}, "2026-02-01T12:00:00+00:00")
    entries["b"]["title"] = {"sv": "B, nytt namn"}  # a's page names b
    commit(repo, {REGISTER: register(entries)}, "2026-03-01T12:00:00+00:00")
    entries["c"]["status"] = "adopted"
    commit(repo, {REGISTER: register(entries) + "# a comment only changes the file\n"}, "2026-04-01T12:00:00+00:00")
    found = versions_of(repo, ["sv/a.md", "sv/c.md", "sv/x.md"])
    assert [d.month for d in days(found["sv/a.md"])] == [1, 3]
    assert [d.month for d in days(found["sv/c.md"])] == [1, 4]
    assert [d.month for d in days(found["sv/x.md"])] == [1]


def test_interface_texts_count_only_where_the_page_shows_them(repo):
    texts = "status:\n  sv: Status\n  en: Status\nchangelog:\n  sv: Logg\n  en: Log\nother:\n  sv: a\n  en: a\n"
    commit(repo, {"sv/a.md": page("A.\n", "a"), "sv/log.md": page("<!-- generated: changelog -->\n"),
                  "sv/x.md": page("X.\n"), REGISTER: register({"a": {"status": "adopted"}}), "_data/ui.yml": texts},
           "2026-01-01T12:00:00+00:00")
    for month, old, new in ((2, "a\n  en: a", "b\n  en: b"), (3, "sv: Status", "sv: Läge"), (4, "sv: Logg", "sv: Ändring")):
        texts = texts.replace(old, new)
        commit(repo, {"_data/ui.yml": texts}, f"2026-0{month}-01T12:00:00+00:00")
    found = versions_of(repo, ["sv/a.md", "sv/log.md", "sv/x.md"])
    assert [d.month for d in days(found["sv/a.md"])] == [1, 3]
    assert [d.month for d in days(found["sv/log.md"])] == [1, 4]
    assert [d.month for d in days(found["sv/x.md"])] == [1]


def test_a_merge_is_one_version_dated_when_it_was_merged(repo):
    """A merged pull request: the merge commit on the first-parent line is the version, with the
    merge's date; the branch's own commits are not versions."""
    commit(repo, {"sv/a.md": page("Ett.\n")}, "2026-01-01T12:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "branch")
    commit(repo, {"sv/a.md": page("Två.\n")}, "2026-02-01T12:00:00+00:00")
    commit(repo, {"sv/a.md": page("Tre.\n")}, "2026-02-02T12:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"sv/b.md": page("B.\n")}, "2026-02-15T12:00:00+00:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request #7 from someone/branch\n\nNy lydelse\n\nÄndring: Ny text.",
        "branch", when="2026-03-01T12:00:00+00:00")
    found = versions_of(repo, ["sv/a.md", "sv/b.md"])
    assert days(found["sv/a.md"]) == [dt.date(2026, 1, 1), dt.date(2026, 3, 1)]
    assert len(found["sv/a.md"].versions[-1].commit.parents) == 2
    assert days(found["sv/b.md"]) == [dt.date(2026, 2, 15)]
    note = history.change_note(found["sv/a.md"].versions[-1].commit.message)
    assert note.texts == {"sv": "Ny text."} and note.title == "Ny lydelse"


def test_a_page_removed_and_added_again_keeps_its_earlier_versions(repo):
    commit(repo, {"sv/a.md": page("Ett.\n")}, "2026-01-01T12:00:00+00:00")
    commit(repo, {"sv/a.md": None}, "2026-02-01T12:00:00+00:00")
    commit(repo, {"sv/a.md": page("Två.\n")}, "2026-03-01T12:00:00+00:00")
    assert [d.month for d in days(versions_of(repo, ["sv/a.md"])["sv/a.md"])] == [1, 3]


# --- what the build can and cannot say -------------------------------------------------------------------------

def test_uncommitted_changes_and_new_pages_have_no_date(repo):
    commit(repo, {"sv/a.md": page("Ett.\n"), "sv/b.md": page("B.\n")}, "2026-01-01T12:00:00+00:00")
    (repo / "docs" / "sv" / "a.md").write_text(page("Ändrad.\n"), encoding="utf-8")
    (repo / "docs" / "sv" / "new.md").write_text(page("Ny.\n"), encoding="utf-8")
    found = versions_of(repo, ["sv/a.md", "sv/b.md", "sv/new.md"], worktree=True)
    assert found["sv/a.md"].unsaved and found["sv/new.md"].unsaved and not found["sv/b.md"].unsaved
    assert found["sv/new.md"].versions == []


def test_a_shallow_clone_or_a_copy_without_git_has_no_history(repo, tmp_path):
    commit(repo, {"sv/a.md": page("Ett.\n")}, "2026-01-10T12:00:00+00:00")
    commit(repo, {"sv/b.md": page("Två.\n")}, "2026-05-10T12:00:00+00:00")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    assert history.read_log(shallow / "docs").state == history.SHALLOW
    plain = tmp_path / "plain"
    (plain / "docs").mkdir(parents=True)
    assert history.read_log(plain / "docs").state == history.UNAVAILABLE
    full = tmp_path / "full"
    subprocess.run(["git", "clone", "-q", f"file://{repo}", str(full)], check=True)
    log = history.read_log(full / "docs")
    assert log.complete and [c.day for c in log.commits] == [dt.date(2026, 1, 10), dt.date(2026, 5, 10)]


def test_git_is_read_by_a_bounded_number_of_processes(repo, monkeypatch):
    """Two processes for the log and one for the blobs, whatever the number of commits and pages."""
    _fast_history(repo, pages=20, commits=60)
    started = []
    real_popen = subprocess.Popen  # (subprocess.run starts its process through Popen too)

    def popen(*args, **kwargs):
        started.append(args[0])
        return real_popen(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    found = versions_of(repo, [f"sv/p{n}.md" for n in range(20)])
    assert sum(len(f.versions) for f in found.values()) == 20 + 59  # every page, then one per commit
    assert len([args for args in started if "git" in args[0]]) == 3, started


# --- the change note ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("message", "texts", "title", "language_only"), [
    ("Rätta stavfel (#12)\n\n* fix\n", {}, "Rätta stavfel", False),
    ("Merge pull request #5 from a/b\n\nNy lydelse i syftet\n", {}, "Ny lydelse i syftet", False),
    ("Titel\n\nÄndring: Ett ord rättades.\nChange: A word was corrected.\nÄndringstyp: språk\n",
     {"sv": "Ett ord rättades.", "en": "A word was corrected."}, "Titel", True),
    ("Title\n\nchange-type: Language.\nchange:   Spaces   are  evened .\n", {"en": "Spaces are evened ."}, "Title", True),
    ("Titel\n\nÄndringstyp: innehåll\n", {}, "Titel", False),
])
def test_the_change_note_comes_from_the_trailers_or_the_title(message, texts, title, language_only):
    note = history.change_note(message)
    assert (note.texts, note.title, note.language_only) == (texts, title, language_only)


def test_a_long_note_is_shortened_at_a_word():
    note = history.change_note("x" * 10 + " " + "ord " * 100)
    assert len(note.title) <= history.NOTE_LENGTH + 2 and note.title.endswith(" …")


# --- includes in an earlier version ---------------------------------------------------------------------------

def test_an_earlier_versions_includes_follow_todays_rules(repo):
    tree = history.Tree({"_includes/sv/a.md": "1", "_includes/en/b.md": "2", "_includes/sv/c.md": "{!sv/a.md!}"}.get,
                        lambda blob, path: blob)
    assert history.expand("x {!sv/c.md!} y", "sv", tree) == ("x 1 y", ["_includes/sv/c.md", "_includes/sv/a.md"], None)
    for text in ("{!en/b.md!}", "{!../sv/x.md!}", "{!/etc/hostname!}", "{!sv/gone.md!}"):
        expanded, _, refused = history.expand(text, "sv", tree)
        assert refused is not None and expanded == "", text


# --- the redline ----------------------------------------------------------------------------------------------

def critic_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "pymdownx.critic"])


def test_a_redline_marks_words_and_never_cuts_through_markdown():
    old = ("# Rubrik\n\nEtt stycke med några ord\nsom fortsätter.\n\n- ett\n- två\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
           "Se [länken](a.md) här.\n\n## Borta {#borta}\n\nSlut.\n")
    new = ("# Rubrik\n\nEtt stycke med andra ord\nsom fortsätter.\n\n- ett\n- tre\n- fyra\n\n| a | b |\n|:--|---|\n"
           "| 1 | 3 |\n\nSe [länken nu](b.md) här.\n\nSlut.\n")
    marked, changed = redline.redline(old, new)
    assert changed
    html = LexborHTMLParser(critic_html(marked))
    assert [e.text() for e in html.css("del")] == ["några", "två", "2", "Borta"]
    assert [e.text() for e in html.css("ins")] == ["andra", "tre", "fyra", "3", "nu"]
    assert html.css_first("table") is not None and html.css_first("a").attributes["href"] == "b.md"
    assert html.css_first("h2").text() == "Borta" and "id" not in html.css_first("h2").attributes
    # accepting every mark gives the new text, rejecting every mark the old one (words only)
    accept = markdown.markdown(marked, extensions=["tables", "pymdownx.critic"], extension_configs={
        "pymdownx.critic": {"mode": "accept"}})
    assert LexborHTMLParser(accept).text().split() == LexborHTMLParser(critic_html(new)).text().split()


def test_a_code_span_across_a_line_break_is_one_token_of_the_redline():
    """A code span that wraps (the guide's `description: …` examples) is marked whole or not at all:
    a mark that opened inside it would close outside it (mis-nested <code> and <ins>)."""
    marked, _ = redline.redline("Skriv `title: Ett\nexempel` på en rad.\n", "Skriv `title: Ett annat\nexempel` på en rad.\n")
    html = critic_html(marked)
    assert "`" not in LexborHTMLParser(html).text()
    assert [node.text() for node in LexborHTMLParser(html).css("ins code")] == ["title: Ett annat\nexempel"]


def test_only_the_form_changed_when_no_word_did():
    marked, changed = redline.redline("Ett *ord* här,\nradbrutet.\n", "Ett ord här, radbrutet.\n")
    assert not changed and "{++" not in marked and "{--" not in marked


def test_critic_markup_written_in_a_page_stays_text_in_a_redline():
    marked, _ = redline.redline("Skriv {++så++} här.\n", "Skriv {++så++} där.\n")
    html = LexborHTMLParser(critic_html(marked))
    assert "{++så++}" in html.text() and [e.text() for e in html.css("ins")] == ["där"]


def test_the_redline_renderer_is_the_only_one_with_critic():
    """The same Markdown, through the site's renderer with and without the redline's: only the
    redline's makes <ins> and <del>, and the content allowlist accepts them only on a redline."""
    extensions = ["toc", "tables", "fenced_code", "attr_list", "admonition"]
    plain = history_pages.Renderer(extensions, {}, "sv", "sv", set())
    marker = history_pages.Renderer(extensions, {}, "sv", "sv", set(), redline_texts=TEXTS["sv"])
    text = "Ett {++nytt++} ord.\n"
    assert "<ins" not in plain.html(text, "a.md", "historik/a/") and "{++nytt++}" in plain.html(text, "a.md", "x/")
    marked = marker.html(text, "a.md", "historik/a/")
    ins = LexborHTMLParser(marked).css_first("ins")
    assert ins is not None and TEXTS["sv"]["redline_added"] in ins.text()
    assert published.content_findings(marked, redline=True) == []
    assert {f.en for f in published.content_findings(marked)} >= {"the element <ins>"}


def test_links_in_an_earlier_version_lead_to_todays_pages():
    renderer = history_pages.Renderer(["attr_list"], {}, "en", "sv", {"b.md", "sub/c.md"})
    html = renderer.html("[b](b.md#x) [gone](gone.md) [c](sub/c.md) [feed](feed.xml) [out](https://a.b/)",
                         "a.md", "en/historik/a/2026-01-01-abc/")
    links = {a.text(): a.attributes.get("href") for a in LexborHTMLParser(html).css("a, span")}
    assert links == {"b": "../../../b/#x", "gone": None, "c": "../../../sub/c/", "feed": "../../../feed.xml",
                     "out": "https://a.b/"}


# --- withdrawn versions ------------------------------------------------------------------------------------------

def write_withdrawn(docs: Path, text: str) -> None:
    (docs / "_data").mkdir(parents=True, exist_ok=True)
    (docs / withdrawn.FILE).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("text", "line", "words"), [
    ("withdrawn:\n  - commit: \"xyz1234\"\n    reason: {sv: a, en: b}\n", 2, "is not the id of a version"),
    ("withdrawn:\n  - commit: 1234567\n    reason: {sv: a, en: b}\n", 2, "is not the id of a version"),
    ("withdrawn:\n  - commit: \"abcdef1\"\n    reason: {sv: a}\n", 3, "lacks the reason in en"),
    ("withdrawn:\n  - commit: \"abcdef1\"\n    reson: {sv: a, en: b}\n", 3, "Did you mean 'reason'?"),
    ("tillbaka: []\n", 1, "must hold the list withdrawn:"),
])
def test_a_withdrawn_list_with_a_mistake_is_refused_at_its_line(tmp_path, text, line, words):
    write_withdrawn(tmp_path, text)
    with pytest.raises(ContentError) as error:
        withdrawn.load(tmp_path, LANGUAGES)
    problem = next(p for p in error.value.problems if words in p.en)
    assert (problem.file, problem.line) == (f"docs/{withdrawn.FILE}", line) and problem.sv and problem.fix_sv


def test_the_real_withdrawn_list_loads():
    assert isinstance(withdrawn.load(ROOT / "docs", LANGUAGES), list)


def test_a_withdrawn_commit_must_be_an_earlier_version():
    made = {"abcdef1234": ["sv/a.md"], "abcdef9999": ["sv/a.md"], "1234567890": ["sv/a.md"]}
    entries = [{"commit": c, "reason": {"sv": "s", "en": "e"}, "line": n} for n, c in enumerate(
        ["abcdef12", "abcdef", "1234567", "9999999"], start=2)]
    resolved, problems = withdrawn.check_commits(entries, made, latest={"1234567890": "docs/sv/a.md"})
    assert resolved == {"abcdef1234": {"sv": "s", "en": "e"}}
    by_line = {p.line: p for p in problems}
    assert "matches several versions" in by_line[3].en
    assert "cannot be withdrawn" in by_line[4].en and "docs/sv/a.md" in by_line[4].sv
    assert "No version of any page" in by_line[5].en


def test_an_unknown_withdrawn_commit_gets_the_nearest_as_did_you_mean():
    entries = [{"commit": "abcdef13", "reason": {"sv": "s", "en": "e"}, "line": 2}]
    _, (problem,) = withdrawn.check_commits(entries, {"abcdef1234": ["sv/a.md"]}, latest={})
    assert "Did you mean 'abcdef12'?" in problem.en and "Menade du 'abcdef12'?" in problem.sv


# --- worst cases ----------------------------------------------------------------------------------------------

def _fast_history(path: Path, pages: int, commits: int, words: int = 40) -> None:
    """A repository of ``pages`` Swedish pages and ``commits`` commits, each changing one page (git
    fast-import: quick)."""
    if not (path / ".git").exists():
        git(path, "init", "-q", "-b", "main")
    stream = []
    for number in range(commits):
        stamp = 1767268800 + number * 3600
        stream += [b"commit refs/heads/main", b"mark :%d" % (number + 1),
                   b"committer Test <test@example.org> %d +0000" % stamp, b"data 6", b"change"]
        if number:
            stream.append(b"from :%d" % number)
        targets = range(pages) if number == 0 else [number % pages]
        for target in targets:
            data = page(f"Version {number}. " + " ".join(f"ord{(number + k) % 97}" for k in range(words)) + "\n").encode("utf-8")
            stream += [b"M 100644 inline docs/sv/p%d.md" % target, b"data %d" % len(data), data]
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet"], input=b"\n".join(stream) + b"\n",
                   check=True, capture_output=True)
    git(path, "checkout", "-q", "-f", "main")


def _worst_long_history() -> float:
    """2,000 commits over 200 pages: read and walked once. Returns the seconds it took."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        _fast_history(path, pages=200, commits=2000)
        started = time.monotonic()
        found = versions_of(path, [f"sv/p{n}.md" for n in range(200)])
        assert sum(len(f.versions) for f in found.values()) == 200 + 1999
        return time.monotonic() - started


def _worst_redline() -> float:
    """A redline of two pages of 100,000 words, every tenth word changed, in one paragraph and in
    10,000: bounded by the cap on word pairs. Returns the seconds it took."""
    started = time.monotonic()
    old = " ".join(f"ord{n % 50}" for n in range(100_000))
    new = " ".join(f"ord{n % 50}" if n % 10 else "nytt" for n in range(100_000))
    redline.redline(old, new)
    redline.redline(old.replace("0 ", "0\n\n"), new.replace("0 ", "0\n\n"))
    redline.redline("\n\n".join(["- a"] * 20_000), "\n\n".join(["- b"] * 20_000))
    return time.monotonic() - started


def _worst_one_page_200_versions() -> float:
    """The site's build, one document page (register block, fragments) changed by 200 merged
    commits: 200 earlier versions and 199 redlines of it in one language, the rest of the site
    once. Returns the seconds the build took."""
    import tempfile

    import history_copy
    from conftest import ORIGINAL, run_build
    from styrdok.model.register import load_register
    with tempfile.TemporaryDirectory() as folder:
        project = history_copy.copy_project(Path(folder) / "project")
        name = load_register(project / "docs" / "_data" / "register.yml").documents[0].page
        target = project / "docs" / ORIGINAL / name
        git(project, "init", "-q", "-b", "main")
        git(project, "add", "-A")
        git(project, "commit", "-q", "-m", "base", when="2026-01-01T12:00:00+00:00")
        text = target.read_text(encoding="utf-8")
        stream = []
        for number in range(1, 200):
            text += f"\nMening {number} om strategin.\n"
            data = text.encode("utf-8")
            stream += [b"commit refs/heads/main", b"committer Test <test@example.org> %d +0000" % (1767268800 + number * 3600),
                       b"data 6", b"change"]
            stream += [b"from refs/heads/main^0"] if number == 1 else []
            stream += [f"M 100644 inline docs/{ORIGINAL}/{name}".encode(), b"data %d" % len(data), data]
        subprocess.run(["git", "-C", str(project), "fast-import", "--quiet"], input=b"\n".join(stream) + b"\n",
                       check=True, capture_output=True)
        git(project, "checkout", "-q", "-f", "main")
        started = time.monotonic()
        result = run_build(project, Path(folder) / "site")
        seconds = time.monotonic() - started
        assert result.returncode == 0, result.stdout + result.stderr
        stem = name[: -len(".md")]
        made = list((Path(folder) / "site" / history_pages.HISTORY_FOLDER / stem).glob("*/index.html"))
        assert len(made) == 199, len(made)  # every earlier version (the 200th is the page itself)
        return seconds


WORST_CASES = {
    "2,000 commits over 200 pages: the history read and walked": _worst_long_history,
    "a redline of two pages of 100,000 words": _worst_redline,
    "one page changed by 200 merged commits: the site's build": _worst_one_page_200_versions,
}


@pytest.mark.build
@pytest.mark.long
@pytest.mark.parametrize("name", list(WORST_CASES))
def test_worst_cases_take_bounded_time(name):
    started = time.monotonic()
    WORST_CASES[name]()
    assert time.monotonic() - started < 60, name
