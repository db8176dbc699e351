"""An editor's journey through `make check`: each mistake gets a clear message with file and line.

The command itself (its exit code, its printing, its annotations in CI) is run once end to end; each
message is then asserted once, in-process, by the check of the one list that gives it (check_copy),
with the strict build only where MkDocs' own warnings are the message (links, anchors, the menu)."""

from __future__ import annotations

import os
import re

import pytest

from conftest import ORIGINAL, append, check_copy, edit, line_of, replace_line, run_build, run_cli
from styrdok.checks import drift, pages, safety
from styrdok.model import ui
from styrdok.render import includes as styrdok_includes
from styrdok.render import views

pytestmark = pytest.mark.unit


def check_fails(project, *only: str, build: bool = False) -> str:
    checked = check_copy(project, *only, build=build)
    assert checked.failed, checked.output
    return checked.output


def explicit_anchors(page) -> list[str]:
    return re.findall(r"\{#([\w-]+)\}\s*$", page.read_text(encoding="utf-8"), re.MULTILINE)


def test_the_real_content_passes_every_check(project):
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✅ Allt innehåll är i ordning / All content is in order" in result.stdout


def test_a_newcomer_with_a_typo_a_missing_translation_and_a_script_gets_three_clear_messages(project):
    docs = project / "docs"
    page = docs / "sv" / "strategi-2007.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nDokumentet är ersatt av en nyare straetgi.\n", encoding="utf-8")
    (docs / "sv" / "nyheter.md").write_text("---\ntitle: Nyheter\n---\n\n# Nyheter\n\nInga nyheter ännu.\n",
                                           encoding="utf-8")
    append(docs / "sv" / "index.md", "<script>alert(1)</script>")
    result = run_cli(project, "check")  # the command as CI runs it: exit code and what it prints
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "docs/en/nyheter.md" in output
    assert "The English translation of docs/sv/nyheter.md is missing." in output
    assert "Den engelska översättningen av docs/sv/nyheter.md saknas." in output
    assert "docs/sv/index.md:" in output and "The HTML tag <script> is not allowed." in output
    assert "HTML-taggen <script> är inte tillåten." in output
    assert f"docs/sv/strategi-2007.md:{line_of(docs / 'sv' / 'strategi-2007.md', 'straetgi')}" in output and "Okänt ord på svenska: 'straetgi'." in output
    # Fixed, the check is green again.
    edit(docs / "sv" / "strategi-2007.md", "straetgi", "strategi")
    (docs / "sv" / "nyheter.md").unlink()
    edit(docs / "sv" / "index.md", "\n\n<script>alert(1)</script>", "")
    checked = check_copy(project)
    assert not checked.failed, checked.output  # publishable: the Swedish edit only warns ...
    assert "The translation is outdated: docs/sv/strategi-2007.md changed" in checked.output
    import docs as cli
    assert cli.translated(project / "docs" / "en" / "strategi-2007.md", project) == 0
    checked = check_copy(project, "översättningar")  # ... until the translation is marked as updated
    # (Other pages may have a Swedish edit waiting for its translation: that warning is allowed.)
    assert "docs/en/strategi-2007.md" not in checked.output, checked.output


def test_a_misspelled_english_word_is_caught(project):
    page = project / "docs" / "en" / "ordlista.md"
    append(page, "The temrs are here.")
    output = check_fails(project, "stavning")
    assert f"docs/en/ordlista.md:{line_of(page, 'temrs')}" in output and "Unknown English word: 'temrs'." in output
    assert "Suggestions: terms" in output


def test_a_word_on_the_project_list_passes(project):
    from styrdok.checks import spelling
    docs = project / "docs"
    name = next(w for w in spelling.load_word_list(docs / spelling.WORD_LIST) if w.isalpha() and w.istitle())
    append(docs / "en" / "ordlista.md", f"{name} is a name.")
    assert check_copy(project, "stavning").problems == []
    (docs / spelling.WORD_LIST).write_text("\n".join(w for w in spelling.load_word_list(docs / spelling.WORD_LIST)
                                                     if w != name) + "\n", encoding="utf-8")
    assert f"'{name}'" in check_fails(project, "stavning")  # the list is what let it pass


def test_markdown_style_problems_are_explained(project):
    page = project / "docs" / "sv" / "ordlista.md"
    replace_line(page, r"^# ", "#")
    output = check_fails(project, "Markdown-stil")
    assert f"docs/sv/ordlista.md:{line_of(page, '#Ordlista')}" in output
    assert "Det saknas ett mellanslag efter # i rubriken. (MD018)" in output


def test_a_heading_with_another_level_in_english_is_reported(project):
    import re
    english, swedish = project / "docs" / "en" / "strategi.md", project / "docs" / "sv" / "strategi.md"
    first = re.search(r"^## .*\{#([\w-]+)\}$", english.read_text(encoding="utf-8"), re.MULTILINE)
    anchor = first.group(1)
    replace_line(english, r"^## (.*\{#[\w-]+\})$", r"### \1")
    number = [a for _, _, a in pages.headings(english.read_text(encoding="utf-8"), 1)].index(anchor) + 1
    output = check_fails(project, "innehåll")
    assert f"docs/en/strategi.md:{line_of(english, '### ')}" in output
    assert (f"Heading no. {number} has level 3 and anchor {{#{anchor}}}, but in docs/sv/strategi.md "
            f"(line {line_of(swedish, '{#' + anchor + '}')}) level 2") in output


def test_a_changed_anchor_in_english_is_reported(project):
    english = project / "docs" / "en" / "strategi.md"
    anchor = explicit_anchors(english)[-1]
    replace_line(english, r"\{#" + anchor + r"\}$", "{#orientations}")
    output = check_fails(project, "innehåll")
    assert "anchor {#orientations}" in output and f"anchor {{#{anchor}}}" in output


def test_an_outdated_translation_shows_a_notice_on_the_built_english_page(project, tmp_path):
    fragment = project / "docs" / "_includes" / "sv" / "arendet-syfte.md"
    fragment.write_text(fragment.read_text(encoding="utf-8").rstrip("\n") + " Ny mening.\n", encoding="utf-8")
    checked = check_copy(project)
    output = checked.output
    assert not checked.failed, output  # a warning: the Swedish edit may be published first
    # The warning stands on the fragment that changed (the file the editor changed), names its English
    # twin, the English page and the exact line to paste there, with that line's number.
    assert "⚠️  docs/_includes/sv/arendet-syfte.md\n" in output
    assert "The translation is outdated: docs/_includes/sv/arendet-syfte.md changed" in output
    assert "Translate the change in docs/_includes/en/arendet-syfte.md" in output
    line = drift.status("strategi.md", project / "docs", project)[2]
    paste = re.search(rf"the translation_of: line \(line {line}\) in docs/en/strategi.md with: "
                      r"(translation_of: \"[0-9a-f-]+\")", output).group(1)
    site = tmp_path / "out"
    assert run_build(project, site).returncode == 0
    english = (site / "en" / "strategi" / "index.html").read_text(encoding="utf-8")
    assert ui.load(project / "docs")["en"]["outdated_text"] in english
    assert 'href="../../strategi/"' in english
    # Pages whose translation was up to date before this edit stay without the notice.
    for name in ("index.md", "ordlista.md"):
        current, recorded, _ = drift.status(name, project / "docs", project)
        if current == recorded:
            assert "translation-outdated" not in (site / "en" / views.page_path(name, "sv", ORIGINAL) / "index.html").read_text(
                encoding="utf-8"), name
    assert "translation-outdated" not in (site / "strategi" / "index.html").read_text(encoding="utf-8")
    # In the web editor: paste the line into the English page; the warning is gone.
    english_page = project / "docs" / "en" / "strategi.md"
    text = english_page.read_text(encoding="utf-8")
    english_page.write_text(re.sub(r"^translation_of: .*$", paste, text, count=1, flags=re.MULTILINE), encoding="utf-8")
    checked = check_copy(project, "översättningar")
    assert not checked.failed and "docs/en/strategi.md" not in checked.output, checked.output
    # The directive's page includes the same fragment: the fragment's warning now names only that page.
    assert "⚠️  docs/_includes/sv/arendet-syfte.md" in checked.output
    assert "docs/en/agardirektiv.md" in checked.output


def test_marking_as_translated_records_the_hash_in_the_front_matter(project):
    page = project / "docs" / "en" / "ordlista.md"
    edit(page, "translation_of:", "translation_of: 000000000000\nold_translation_of:")
    result = run_cli(project, "translated", "docs/en/ordlista.md")
    assert result.returncode == 0
    front = page.read_text(encoding="utf-8").split("---")[1]
    assert front.count("translation_of:") == 2 and "000000000000" not in front
    assert run_cli(project, "translated", "docs/sv/ordlista.md").returncode == 1


@pytest.mark.parametrize("markdown", [
    "<script>alert(1)</script>", "<iframe src='x'></iframe>", "<object data='x'></object>",
    "<embed src='x'>", "<form action='x'></form>", "<style>p{}</style>", "<SCRIPT>x</SCRIPT>",
])
def test_dangerous_tags_are_refused(markdown):
    (problem,) = safety.check_markdown("Text\n\n" + markdown + "\n", "docs/sv/x.md")
    assert problem.line == 3 and "is not allowed" in problem.en


@pytest.mark.parametrize("link", [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](javascript&#58;alert(1))",
    "[x](java&#x09;script:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox)",
    "<javascript:alert(1)>", "[x]: javascript:alert(1)", "<abbr title='x' onclick='y'>A</abbr>",
    '<abbr title="javascript&#58;x">A</abbr>',
])
def test_script_links_are_refused_in_every_disguise(link):
    problems = safety.check_markdown(link + "\n", "docs/sv/x.md")
    assert problems and all(p.line == 1 for p in problems)
    assert any("runs script" in p.en for p in problems)


def test_allowed_html_and_code_examples_pass():
    text = "A<br>B <abbr title='diarienummer'>dnr</abbr>, `<script>` and\n\n```\n<iframe>\n```\n"
    assert safety.check_markdown(text, "docs/sv/x.md") == []


def test_includes_outside_the_includes_folder_are_refused(project, tmp_path):
    includes = project / "docs" / "_includes"
    (tmp_path / "secret.md").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.md", includes / "sv" / "link.md")
    cases = {
        "{!/etc/hostname!}": "is an absolute path",
        "{!~/.bashrc!}": "is an absolute path",
        "{!../sv/index.md!}": "points outside the folder docs/_includes",
        "{!sv/../../../mkdocs.yml!}": "points outside the folder docs/_includes",
        "{!sv/link.md!}": "is a symbolic link",
        "{!sv/saknas.md!}": "does not exist",
    }
    for include, reason in cases.items():
        problems = styrdok_includes.check(f"Text\n\n{include}\n", "docs/sv/x.md", includes)
        assert [p.en for p in problems] == [f"The include {include} {reason}."], include
        assert problems[0].line == 3


def test_an_unsafe_include_stops_the_build_before_it_is_read(project, tmp_path):
    append(project / "docs" / "sv" / "strategi.md", "{!/etc/hostname!}")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "docs/sv/strategi.md:" in result.stderr and "The include {!/etc/hostname!} is an absolute path." in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_dangling_link_is_reported_with_its_file(project):
    append(project / "docs" / "sv" / "ordlista.md",
           "Se [sidan som inte finns](saknas.md) och [en rubrik](strategi.md#ingen-rubrik).")
    output = check_fails(project, build=True)
    line = line_of(project / "docs" / "sv" / "ordlista.md", "saknas.md")
    assert f"❌ docs/sv/ordlista.md:{line}" in output
    assert "The link 'saknas.md' points at a page that does not exist (docs/sv/saknas.md)." in output
    assert "Länken 'saknas.md' pekar på en sida som inte finns (docs/sv/saknas.md)." in output
    assert "The link 'strategi.md#ingen-rubrik' points at the anchor #ingen-rubrik, which docs/sv/strategi.md does not have." in output
    there = output.split("Anchors there: ", 1)[1].split(".", 1)[0].split(", ")
    assert there[:3] == explicit_anchors(project / "docs" / "sv" / "strategi.md")[:3], there


def test_a_misspelt_anchor_gets_the_nearest_existing_one(project):
    anchor = max(explicit_anchors(project / "docs" / "sv" / "strategi.md"), key=len)
    append(project / "docs" / "sv" / "ordlista.md", f"Se [rubriken](strategi.md#{anchor[:-1]}x).")
    output = check_fails(project, build=True)
    assert f"Did you mean #{anchor}?" in output and f"Menade du #{anchor}?" in output


def test_a_page_left_out_of_the_menu_is_named(project):
    for lang in ("sv", "en"):
        (project / "docs" / lang / "nyheter.md").write_text(
            "---\ntitle: Nyheter\ndescription: Nyheter.\n---\n\n# Nyheter\n\nText.\n", encoding="utf-8")
    output = check_fails(project, build=True)
    assert "❌ docs/sv/nyheter.md" in output
    assert "The page is not in the menu, so it is published but cannot be found." in output
    assert "Lägg till raden '  - nyheter.md' under nav: i mkdocs.yml" in output


def test_in_ci_each_problem_is_shown_on_its_line_of_the_pull_request(project, tmp_path, monkeypatch, capsys):
    import docs as cli
    page = project / "docs" / "sv" / "ordlista.md"
    append(page, "Ordan finns här.")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli._report(check_copy(project, "stavning").problems) == 1  # how make check reports them
    line = line_of(page, "Ordan")
    assert f"::error file=docs/sv/ordlista.md,line={line},title=Fel::Okänt ord på svenska: 'Ordan'." in capsys.readouterr().out
    assert "Okänt ord på svenska: 'Ordan'." in summary.read_text(encoding="utf-8")
