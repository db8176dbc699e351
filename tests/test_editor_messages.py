"""Issue 24, points 3 and 4: every problem an editor causes is told on the file the editor changed,
with its line, what is wrong and how to fix it, Swedish first; the silent mistakes are refused and
the unclear messages are plain. In-process over small sites written into a temporary folder (a few
files each), so that no expectation reads today's wording of the real pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT
from styrdok.checks import build_log, drift, lint, markdown_mistakes, markdown_rules, pages, registry
from styrdok.model import content, facts, tree, yamlfile
from styrdok.model import register as register_module
from styrdok.problems import ContentError

pytestmark = pytest.mark.unit

SOURCE = "beslut.txt"
SOURCE_FILE = f"docs/_data/{SOURCE}"
# A source text of four paragraphs, the second of two lines.
SOURCE_TEXT = ("Styrelsen beslutar att anta strategin för stadens arbete.\n\n"
               "Strategin ska användas när staden själv tar initiativ och\n"
               "när staden prioriterar bland förfrågningar.\n\n"
               "Arbetet ska bidra till visionen om ett Stockholm för alla.\n\n"
               "Inriktningarna hänger samman och ses inte som separata delar.\n")
PAGE = ("---\ntitle: Strategi\ndescription: Stadens strategi.\n---\n\n# Strategi\n\n"
        "Styrelsen beslutar att anta strategin för stadens arbete.\n\n"
        "{!sv/anvandning.md!}\n\n"
        "## Vision\n\n"
        "Arbetet ska bidra till visionen om ett Stockholm för alla.\n\n"
        "Inriktningarna hänger samman och ses inte som separata delar.\n")
FRAGMENT = ("Strategin ska användas när staden själv tar initiativ och\n"
            "när staden prioriterar bland förfrågningar.\n")
ENGLISH = ("---\ntitle: Strategy\ndescription: The city's strategy.\ntranslation_of: \"{hash}\"\n---\n\n"
           "# Strategy\n\nThe board decides to adopt the strategy.\n\n{{!en/anvandning.md!}}\n\n## Vision\n\n"
           "The work is to contribute to the vision.\n\nThe orientations belong together.\n")
ENGLISH_FRAGMENT = "The strategy is used when the city itself takes the initiative.\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "docs"


def line_in(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def small_site(tmp_path: Path, **changes: str) -> Path:
    """A Swedish page with a fragment, its English twin marked as translated, and a verbatim
    source; ``changes`` replaces files by their docs-relative names (sv_page, fragment, source)."""
    docs = write(tmp_path, {"docs/sv/strategi.md": PAGE, "docs/_includes/sv/anvandning.md": FRAGMENT,
                            "docs/_includes/en/anvandning.md": ENGLISH_FRAGMENT,
                            f"docs/_data/{SOURCE}": SOURCE_TEXT, "docs/en/strategi.md": ENGLISH.format(hash="")})
    current = drift.source_hash(docs / "sv" / "strategi.md", docs)
    (docs / "en" / "strategi.md").write_text(ENGLISH.format(hash=current), encoding="utf-8")
    names = {"sv_page": "sv/strategi.md", "fragment": "_includes/sv/anvandning.md", "source": f"_data/{SOURCE}",
             "en_page": "en/strategi.md"}
    for key, text in changes.items():
        (docs / names[key]).write_text(text, encoding="utf-8")
    return docs


def source_problems(docs: Path) -> list:
    register = SimpleNamespace(sources=[{"file": SOURCE, "verbatim": True}], documents=[], file="docs/_data/register.yml")
    return content.check_source_on_pages(register, {"phone": "Tel", "email": "E-post"}, docs, docs.parent)


def assert_told(problem, file: str, line: int | None, *swedish: str) -> None:
    """Told on this file and line, with a Swedish text holding each of ``swedish``, an English text
    and a fix in both languages."""
    assert (problem.file, problem.line) == (file, line), problem
    for words in swedish:
        assert words in problem.sv + " " + problem.fix_sv, (words, problem.sv, problem.fix_sv)
    assert problem.en and problem.fix_sv and problem.fix_en


# --- 3. messages on the changed file ------------------------------------------------------------------

def test_the_small_site_is_in_order(tmp_path):
    docs = small_site(tmp_path)
    assert source_problems(docs) == []
    assert drift.check(docs, tmp_path) == []


def test_a_word_changed_in_a_fragment_is_told_on_the_fragment_line(tmp_path):
    fragment = FRAGMENT.replace("prioriterar", "prioriterade")
    docs = small_site(tmp_path, fragment=fragment)
    (problem,) = source_problems(docs)
    assert_told(problem, "docs/_includes/sv/anvandning.md", line_in(fragment, "prioriterade"),
                "Här står 'prioriterade' där underlaget har 'prioriterar'", f"({SOURCE_FILE}, rad 3)")
    assert f"({SOURCE_FILE}, line 3)" in problem.en
    assert "Om det var docs/_data/beslut.txt som ändrades: återställ texten där" in problem.fix_sv


def test_punctuation_changed_on_a_page_is_told_on_the_page_line(tmp_path):
    page = PAGE.replace("för alla.", "för alla!")
    docs = small_site(tmp_path, sv_page=page)
    (problem,) = source_problems(docs)
    assert_told(problem, "docs/sv/strategi.md", line_in(page, "för alla!"), "Här står 'alla!' där underlaget har 'alla.'",
                f"({SOURCE_FILE}, rad {line_in(SOURCE_TEXT, 'Arbetet ska')})")


def test_a_paragraph_removed_from_a_page_is_told_where_it_belongs(tmp_path):
    page = PAGE.replace("Arbetet ska bidra till visionen om ett Stockholm för alla.\n\n", "")
    docs = small_site(tmp_path, sv_page=page)
    (problem,) = source_problems(docs)
    before, after = line_in(page, "## Vision"), line_in(page, "Inriktningarna")
    assert_told(problem, "docs/sv/strategi.md", after, "saknas på de svenska sidorna",
                f"mellan rad {before} och rad {after}", "'Arbetet ska bidra till visionen")


def test_an_emptied_fragment_is_told_on_the_fragment(tmp_path):
    docs = small_site(tmp_path, fragment="\n")
    (problem,) = source_problems(docs)
    assert_told(problem, "docs/_includes/sv/anvandning.md", 1, "Textstycket är tomt", f"({SOURCE_FILE}, rad 3)")


def test_a_source_that_is_on_no_page_is_told_on_the_source(tmp_path):
    docs = small_site(tmp_path, source="En helt annan text.\n\nSom ingen sida har.\n")
    found = source_problems(docs)
    assert [(p.file, p.line) for p in found] == [(SOURCE_FILE, 1), (SOURCE_FILE, 3)]
    assert found[0].sv.startswith("Stycket på rad 1 i beslutsunderlaget")


def test_a_word_made_longer_is_no_longer_the_source(tmp_path):
    """'Vision' in 'Visionen' was taken for the source's paragraph: a paragraph stands as whole words."""
    docs = small_site(tmp_path, source=SOURCE_TEXT + "\nVision\n")
    assert source_problems(docs) == []
    page = PAGE.replace("## Vision", "## Visionen")
    docs = small_site(tmp_path, sv_page=page, source=SOURCE_TEXT + "\nVision\n")
    (problem,) = source_problems(docs)
    assert_told(problem, "docs/sv/strategi.md", line_in(page, "## Visionen"), "Här står 'Visionen' där underlaget har 'Vision'")


def test_a_swedish_fragment_edit_warns_on_the_fragment_with_the_english_line_to_paste(tmp_path):
    fragment = FRAGMENT + "\nEn ny mening.\n"
    docs = small_site(tmp_path, fragment=fragment)
    (problem,) = drift.check(docs, tmp_path)
    current, _, line = drift.status("strategi.md", docs, tmp_path)
    paste = drift.line_to_paste(current)
    assert problem.warning and (problem.file, problem.line) == ("docs/_includes/sv/anvandning.md", None)
    assert problem.sv.startswith("Översättningen är inaktuell: docs/_includes/sv/anvandning.md har ändrats sedan "
                                 "docs/en/strategi.md översattes.")
    assert problem.fix_sv == (f"Översätt ändringen i docs/_includes/en/anvandning.md. Byt sedan raden translation_of: "
                              f"(rad {line}) i docs/en/strategi.md mot: {paste}")
    assert paste in problem.fix_en and f"(line {line}) in docs/en/strategi.md" in problem.fix_en


def test_a_swedish_page_edit_warns_on_the_page(tmp_path):
    docs = small_site(tmp_path, sv_page=PAGE + "\nEn ny mening.\n")
    (problem,) = drift.check(docs, tmp_path)
    assert problem.warning and problem.file == "docs/sv/strategi.md"
    assert "Översätt ändringen i docs/en/strategi.md." in problem.fix_sv


def test_what_the_english_page_lacks_is_still_told_on_the_english_page(tmp_path):
    """No translation_of: at all, or a value the site never writes: the English page is the cause."""
    docs = small_site(tmp_path, en_page=ENGLISH.replace('translation_of: "{hash}"\n', ""))
    (problem,) = drift.check(docs, tmp_path)
    assert problem.warning and (problem.file, problem.line) == ("docs/en/strategi.md", 1)
    docs = small_site(tmp_path, en_page=ENGLISH.format(hash="uppdaterad"))
    (problem,) = drift.check(docs, tmp_path)
    assert problem.warning and (problem.file, problem.line) == ("docs/en/strategi.md", 4)
    assert "inte ett värde som webbplatsen skriver" in problem.sv
    assert drift.line_to_paste(drift.status("strategi.md", docs, tmp_path)[0]) in problem.fix_sv


def test_a_swedish_page_that_cannot_be_read_gets_no_translation_warning(tmp_path):
    docs = small_site(tmp_path, sv_page=PAGE.replace("title: Strategi", "title: Strategi: mål"))
    assert drift.check(docs, tmp_path) == []


def test_a_fact_added_in_a_swedish_fragment_is_told_on_the_fragment(tmp_path):
    fragment = FRAGMENT + "\nBeslutet fattades 2017-03-15.\n"
    docs = small_site(tmp_path, fragment=fragment)
    (problem,) = pages.compare_translations(docs, tmp_path, ("sv", "en"))
    assert_told(problem, "docs/_includes/sv/anvandning.md", line_in(fragment, "2017-03-15"),
                "'2017-03-15' står här men inte i den engelska sidan docs/en/strategi.md",
                "Skriv samma uppgift i docs/_includes/en/anvandning.md")
    # The kind of fact in each half's own language: the Swedish line names it in Swedish only.
    name_sv, name_en = facts.LABELS["date"].split(" / ")
    assert problem.sv.startswith(f"{name_sv}: ") and name_en not in problem.sv.split(":")[0]
    assert problem.en.startswith(f"{name_en}: ")


def test_a_fact_in_a_fragment_is_named_with_its_file_and_line_when_the_english_page_changed(tmp_path):
    docs = small_site(tmp_path)
    fragment = FRAGMENT + "\nBeslutet fattades 2017-03-15.\n"
    (docs / "_includes" / "sv" / "anvandning.md").write_text(fragment, encoding="utf-8")
    english = docs / "en" / "strategi.md"
    drift.mark_translated(english, docs)  # translated, and the English side has lost the date since
    (problem,) = pages.compare_translations(docs, tmp_path, ("sv", "en"))
    assert (problem.file, problem.line) == ("docs/en/strategi.md", None)
    assert f"står i docs/_includes/sv/anvandning.md (rad {line_in(fragment, '2017-03-15')})" in problem.sv


def test_a_missing_translation_is_told_on_the_page_that_is_there(tmp_path):
    docs = write(tmp_path, {"docs/sv/ny.md": "---\ntitle: Ny\ndescription: Ny sida.\n---\n\n# Ny\n",
                            "docs/en/gammal.md": "---\ntitle: Old\ndescription: Old page.\n---\n\n# Old\n"})
    found = {p.file: p for p in pages.check_translations(docs, tmp_path, ("sv", "en"))}
    assert_told(found["docs/sv/ny.md"], "docs/sv/ny.md", None, "Den engelska översättningen av docs/sv/ny.md saknas",
                "Skapa docs/en/ny.md")
    assert_told(found["docs/en/gammal.md"], "docs/en/gammal.md", None, "Den svenska originalsidan till docs/en/gammal.md saknas")


def test_a_broken_link_in_a_fragment_is_told_on_the_fragment(tmp_path):
    fragment = FRAGMENT + "\nSe [planen](plan.md).\n"
    docs = small_site(tmp_path, fragment=fragment)
    message = ("Doc file 'sv/strategi.md' contains a link 'plan.md', but the target 'sv/plan.md' is not found among "
               "documentation files.")
    (problem,) = build_log.problems([message], docs)
    assert_told(problem, "docs/_includes/sv/anvandning.md", line_in(fragment, "plan.md"), "pekar på en sida som inte finns")


# --- 4. silent mistakes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(pages.FRONT_MATTER))
def test_a_front_matter_line_below_the_closing_dashes_is_refused(key):
    text = "---\ntitle: Strategi\ndescription: Stadens strategi.\n---\n\n# Strategi\n\nText.\n\n" + f'{key}: "x"\n'
    (problem,) = markdown_mistakes.check(text, "docs/en/strategi.md", page=True)
    assert_told(problem, "docs/en/strategi.md", text.count("\n"), f"Raden '{key}: …' står under raden ---",
                "publiceras som text", "Flytta raden upp ovanför raden --- på rad 4")


def test_a_front_matter_line_in_code_or_prose_is_left_alone():
    text = ("---\ntitle: T\ndescription: D.\n---\n\n```yaml\ntranslation_of: \"abc\"\n```\n\n"
            "Title: a word in a sentence.\n\n    document: indented, so code\n")
    assert markdown_mistakes.check(text, "docs/sv/x.md", page=True) == []


def test_the_content_check_refuses_a_pasted_translation_line(tmp_path):
    docs = small_site(tmp_path, en_page=ENGLISH.format(hash="x") + '\ntranslation_of: "0123abcd"\n')
    (problem,) = content.check_markdown_mistakes(docs, tmp_path)
    assert problem.file == "docs/en/strategi.md" and "translation_of" in problem.sv


@pytest.mark.parametrize("rows, columns", [
    ("| Ord | Betydelse |\n| nämnd | board |\n", 2),
    ("| a | b | c |\n", 3),
    ("| a | b |\n| c | d |\n|---|---|\n", 2),  # the separator row in the wrong place
])
def test_a_table_without_its_separator_row_is_refused(rows, columns):
    text = f"# Tabell\n\nText.\n\n{rows}\nMer text.\n"
    (problem,) = markdown_mistakes.check(text, "docs/_includes/sv/tabell.md", page=False)
    separator = "|" + " --- |" * columns
    assert_told(problem, "docs/_includes/sv/tabell.md", line_in(text, rows.split("\n")[0]),
                "raden med streck under tabellens första rad saknas", f"Lägg till den här raden direkt under rad "
                f"{line_in(text, rows.split(chr(10))[0])}", f"tabellens {columns} kolumner): {separator}")
    # With the separator the fix gives, Python-Markdown makes a table and the check is content.
    first = rows.split("\n")[0]
    fixed = text.replace(first + "\n", f"{first}\n{separator}\n", 1).replace("|---|---|\n", "")
    assert markdown_mistakes.check(fixed, "docs/_includes/sv/tabell.md", page=False) == []
    import markdown
    assert "<table>" in markdown.markdown(fixed, extensions=["tables"])


def test_tables_written_right_and_bars_in_text_are_left_alone():
    text = ("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nEn mening med | ett lodstreck.\n\n```text\n| kod | här |\n```\n"
            "\n    | indraget | är kod |\n")
    assert markdown_mistakes.check(text, "docs/sv/x.md", page=False) == []


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def test_crlf_and_lone_cr_files_read_as_their_lf_twins(tmp_path):
    """Front matter, facts, includes and drift hashes read a CRLF (or CR) file as with LF."""
    lf = small_site(tmp_path / "lf")
    expected = {rel: tree.DocsFiles(lf, tmp_path / "lf").texts[rel] for rel in tree.DocsFiles(lf, tmp_path / "lf").texts}
    crlf = small_site(tmp_path / "crlf", sv_page=_crlf(PAGE), fragment=FRAGMENT.replace("\n", "\r"),
                      source=_crlf(SOURCE_TEXT))
    files = tree.DocsFiles(crlf, tmp_path / "crlf")
    assert files.problems == [] and files.texts == expected
    with tree.reading(files):
        assert source_problems(crlf) == []
        assert files.page("sv/strategi.md")[0] == yamlfile.read_page_text(PAGE, "x")[0]
        assert pages.compare_translations(crlf, tmp_path / "crlf", ("sv", "en")) == []
        assert drift.status("strategi.md", crlf, tmp_path / "crlf")[0] == drift.status("strategi.md", lf, tmp_path / "lf")[0]
        assert content.check_markdown_mistakes(crlf, tmp_path / "crlf") == []


@pytest.mark.parametrize("char, name", [("\u2028", "radavgränsare"), ("\u2029", "styckeavgränsare")])
def test_a_line_or_paragraph_separator_is_refused_with_the_fix_a_line_break(tmp_path, char, name):
    page = PAGE.replace("ett Stockholm för alla.", f"ett Stockholm{char}för alla.")
    docs = small_site(tmp_path, sv_page=page)
    (problem,) = tree.DocsFiles(docs, tmp_path).problems
    assert_told(problem, "docs/sv/strategi.md", line_in(page, char), name, "Byt tecknet mot en vanlig radbrytning")
    assert problem.sv.startswith(f"Rad {problem.line}, tecken {len('Arbetet ska bidra till visionen om ett Stockholm') + 1}:")


def test_non_breaking_spaces_and_swedish_quotes_in_text_stay_accepted(tmp_path):
    page = PAGE.replace("ett Stockholm för alla.", "ett ”Stockholm\u00a0för\u202falla”.").replace(
        "description: Stadens strategi.", "description: Stadens 2\u00a0000 ”mål”.")
    docs = small_site(tmp_path, sv_page=page, source=SOURCE_TEXT.replace("ett Stockholm för alla.",
                                                                          "ett ”Stockholm\u00a0för\u202falla”."))
    files = tree.DocsFiles(docs, tmp_path)
    assert files.problems == []
    with tree.reading(files):
        assert files.page("sv/strategi.md")[0]["description"] == "Stadens 2\u00a0000 ”mål”."
        assert source_problems(docs) == []


@pytest.mark.parametrize("line, key, code", [("title:\u00a0Strategi", "title", "U+00A0"),
                                             ("title\u00a0: Strategi", "title", "U+00A0"),
                                             ("description:\u202fStadens strategi.", "description", "U+202F")])
def test_a_hard_space_in_the_front_matter_syntax_is_refused(line, key, code):
    text = "---\ntitle: Strategi\ndescription: Stadens strategi.\n---\n\n# Strategi\n"
    text = text.replace("title: Strategi\n" if key == "title" else "description: Stadens strategi.\n", line + "\n", 1)
    with pytest.raises(ContentError) as caught:
        yamlfile.read_page_text(text, "docs/sv/strategi.md")
    (problem,) = caught.value.problems
    assert_told(problem, "docs/sv/strategi.md", line_in(text, line), f"hårt mellanslag ({code}) vid fältet '{key}'",
                "Byt mellanslagen i början av raden och runt kolonet")


def test_a_hard_space_indenting_a_data_key_is_refused():
    with pytest.raises(ContentError) as caught:
        yamlfile.parse("phone:\n\u00a0 sv: Tel\n  en: Phone\n", "docs/_data/ui.yml")
    (problem,) = caught.value.problems
    assert_told(problem, "docs/_data/ui.yml", 2, "hårt mellanslag (U+00A0) vid fältet 'sv'")


def test_a_hard_space_in_a_text_value_around_a_colon_stays_accepted():
    assert yamlfile.parse("note: >\n  Kl.\u00a010:\u00a0möte\n", "x.yml") == {"note": "Kl.\u00a010:\u00a0möte\n"}


def test_a_hard_space_in_a_reference_number_of_the_register_is_named():
    text = (ROOT / "tests" / "fixtures" / "register.yml").read_text(encoding="utf-8")
    bad = text.replace("    reference: 171-482/2016\n", "    reference: 171-482/\u00a02016\n", 1)
    with pytest.raises(ContentError) as caught:
        register_module.parse_register(yamlfile.parse(bad, "docs/_data/register.yml"), "docs/_data/register.yml",
                                       ("sv", "en"))
    (problem,) = [p for p in caught.value.problems if "reference" in p.en]
    assert problem.line == line_in(bad, "reference: 171-482/\u00a02016")
    assert "Värdet har ett hårt mellanslag (U+00A0), som ser ut som ett vanligt men inte är det" in problem.sv


def test_facts_with_non_breaking_spaces_are_read_as_with_spaces():
    """The one grammar reads them already (normalise.for_facts): no case of the table changes."""
    assert facts.find("Ring 08-508\u00a028\u00a0590 om dnr 171-482/2016.") == facts.find("Ring 08-508 28 590 om dnr 171-482/2016.")
    assert facts.Facts("Beslut (SBR\u00a02017/12).").holds("reference", "SBR 2017/12")
    assert facts.Facts("Beslut (SBR\u202f2017/012).").holds("reference", "SBR 2017/12")


def test_a_reference_number_of_another_form_is_accepted_when_a_source_text_holds_it():
    text = (ROOT / "tests" / "fixtures" / "register.yml").read_text(encoding="utf-8")
    changed = text.replace("    reference: 171-482/2016\n", "    reference: SBR 2017/12\n", 1)
    reg = register_module.parse_register(yamlfile.parse(changed, "docs/_data/register.yml"), "docs/_data/register.yml",
                                         ("sv", "en"))
    source = (ROOT / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt").read_text(encoding="utf-8")
    assert not any("SBR 2017/12" in p.en for p in register_module.check_against_source(
        reg, source + "\n\nBeslut SBR 2017/12.\n", "docs/_data/x.txt"))
    assert any("SBR 2017/12" in p.en for p in register_module.check_against_source(reg, source, "docs/_data/x.txt"))


# --- 4. unclear messages --------------------------------------------------------------------------------

CONFIG = ROOT / ".pymarkdown.json"


def test_every_markdown_rule_the_configuration_enables_has_a_text():
    enabled = lint.enabled_rules(CONFIG)
    assert "MD045" in enabled and len(enabled) > 20  # (pymarkdown answered)
    missing = sorted(enabled - set(markdown_rules.RULES))
    assert missing == [], f"Give these rules a text in scripts/styrdok/checks/markdown_rules.py: {missing}"
    for rule in enabled:
        sv, en, fix_sv, fix_en = markdown_rules.RULES[rule]
        assert all(text.strip() for text in (sv, en, fix_sv, fix_en)) and sv != en and fix_sv != fix_en, rule


def test_markdown_style_messages_say_what_is_wrong_and_how_to_fix_it(tmp_path):
    text = "---\ntitle: Bild\ndescription: En bild.\n---\n\n# Bild\n\n![](karta.png)\n\n### Hopp\n\nText.\n"
    docs = write(tmp_path, {"docs/sv/bild.md": text})
    found = {p.sv.rsplit("(", 1)[1].rstrip(")"): p for p in lint.check([docs / "sv"], tmp_path, CONFIG)}
    assert set(found) == {"MD045", "MD001"}
    image, heading = found["MD045"], found["MD001"]
    assert_told(image, "docs/sv/bild.md", line_in(text, "![]"), "Bilden saknar alternativtext",
                "Skriv en kort beskrivning av bilden inom hakparenteserna")
    assert_told(heading, "docs/sv/bild.md", line_in(text, "### Hopp"), "En rubriknivå hoppas över", "Väntat: ##, här: ###.")
    assert heading.sv.startswith(markdown_rules.RULES["MD001"][0])
    assert "Heading levels should only increment by one level at a time" in heading.en  # the tool's words kept


def _checks_for(monkeypatch, page: Path) -> None:
    """Every check but the code's (ruff reads the project's code) and the spelling (hunspell takes
    seconds over every page; its reading of the front matter is the content check's); the style
    check over the changed page only."""
    kept = []
    for check in registry.CHECKS:
        if check.name.startswith(("kod", "stavning")):
            continue
        if check.name.startswith("Markdown-stil"):
            check = registry.Check(check.name, lambda site: lint.check([page], site.root, site.root / ".pymarkdown.json"),
                                   check.build, check.stops, check.quiet_on_errors)
        kept.append(check)
    monkeypatch.setattr(registry, "CHECKS", tuple(kept))


def test_a_colon_in_a_title_gives_exactly_one_message(tmp_path, monkeypatch):
    """YAML reads ': ' as the start of a new key: one message with the line and the quoted title, no
    style rules read from the broken block, no translation warning with a line to paste that the
    fix would change."""
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "docs", copy / "docs")
    for name in ("mkdocs.yml", ".pymarkdown.json"):
        shutil.copy2(ROOT / name, copy / name)
    page = copy / "docs" / "sv" / "ordlista.md"
    text = page.read_text(encoding="utf-8")
    title = yamlfile.read_page_text(text, "x")[0]["title"]
    page.write_text(text.replace(f"title: {title}\n", f"title: Strategi: {title}\n", 1), encoding="utf-8")
    _checks_for(monkeypatch, page)
    found = [p for _, problems in registry.run(content.read(copy / "docs", copy)) for p in problems]
    (problem,) = found
    assert_told(problem, "docs/sv/ordlista.md", 2, "Värdet innehåller ett kolon (:) följt av ett mellanslag",
                f'Sätt raka citattecken runt hela värdet: title: "Strategi: {title}"')
    assert "(YAML: mapping values are not allowed" in problem.en


YAML_MISTAKES = {
    # name: (YAML text, line, Swedish words, Swedish fix words, the parser's words kept in English)
    "a colon in a value": ("title: Strategi: mål\n", 1, "Värdet innehåller ett kolon (:)",
                           "title: \"Strategi: mål\"", "mapping values are not allowed"),
    "a line without its colon": ("title: Strategi\nbara text\ndescription: x\n", 2, "Raden saknar kolon (:)",
                                 "Skriv namn: värde", "could not find expected ':'"),
    "a tab": ("phone:\n\tsv: Tel\n", 2, "Raden innehåller en tabb", "Byt tabben mot mellanslag",
              "cannot start any token"),
    "a key twice": ("title: Strategi\ndescription: x\ntitle: Strategin\n", 3,
                    "Fältet 'title' står två gånger på samma nivå (också på rad 1)", "Ta bort den ena raden 'title:'",
                    "appears twice"),
    "a line indented too far": ("phone:\n  sv: Tel\n   en: Phone\n", 3, "Raden är indragen mer än fälten på samma nivå",
                                "Ge raden samma antal mellanslag", "mapping values are not allowed"),
    "a line indented too little": ("phone:\n  sv: Tel\n en: Phone\n", 3, "Indraget på raden stämmer inte",
                                   "samma antal mellanslag i början som raderna på samma nivå (se rad 1)",
                                   "did not find expected key"),
    "an unclosed quote": ('title: "Strategi\ndescription: x\n', 1, "Citattecknet som börjar värdet avslutas aldrig",
                          "Skriv ett likadant citattecken", "found unexpected end of stream"),
    "an unclosed list": ("relations:\n  replaces: [a-2007\n  replaced_by: [b]\n", 2, "listan stängs aldrig med ]",
                         "Skriv ] sist i listan", "did not find expected ',' or ']'"),
    "text after a closing quote": ('title: "Strategi" 2016\n', 1, "Texten fortsätter efter det avslutande citattecknet",
                                   "Sätt citattecknen runt hela värdet", "did not find expected key"),
    "a value starting with @": ("contact: @stockholm\n", 1, "Värdet börjar med tecknet @",
                                "Sätt raka citattecken runt hela värdet", "cannot start any token"),
}


@pytest.mark.parametrize("name", sorted(YAML_MISTAKES))
def test_yaml_mistakes_are_told_in_plain_swedish_with_line_and_fix(name):
    text, line, what, fix, parser = YAML_MISTAKES[name]
    with pytest.raises(ContentError) as caught:
        yamlfile.parse(text, "docs/_data/ui.yml")
    (problem,) = caught.value.problems
    assert_told(problem, "docs/_data/ui.yml", line, what, fix)
    assert parser in problem.en


def test_a_yaml_mistake_in_front_matter_is_told_with_the_line_in_the_file():
    text = "---\ntitle: Strategi\ndescription: x\ntitle: Strategin\n---\n\n# Strategi\n"
    with pytest.raises(ContentError) as caught:
        yamlfile.read_page_text(text, "docs/sv/strategi.md")
    (problem,) = caught.value.problems
    assert_told(problem, "docs/sv/strategi.md", 4, "också på rad 2")


# --- worst cases ----------------------------------------------------------------------------------------

_MANY = 5000
MISSING = 40  # more than verbatim.MAX_LOCATED: the rest are told on the source text


def _worst_verbatim(folder: Path) -> None:
    """Twenty missing paragraphs, each looked for among thousands of short page paragraphs."""
    source = "\n\n".join(f"Stycke {n} ur beslutet om något viktigt." for n in range(MISSING))
    page = "---\ntitle: T\ndescription: D.\n---\n\n" + "\n\n".join(f"Ord {n} x" for n in range(_MANY)) + "\n"
    docs = write(folder, {f"docs/_data/{SOURCE}": source, "docs/sv/a.md": page})
    source_problems(docs)



def _worst_long_paragraph(folder: Path) -> None:
    """A source paragraph of the largest file's size, one word changed in its copy on the page: compared
    word by word it cost the product of the lengths (minutes); aligned, one reading of each."""
    words = " ".join(f"ord{n % 50}" for n in range(tree.MAX_BYTES // 7))
    page = "---\ntitle: T\ndescription: D.\n---\n\n" + words.replace("ord7 ", "ordX ", 1) + "\n"
    docs = write(folder, {f"docs/_data/{SOURCE}": words, "docs/sv/a.md": page})
    (problem,) = source_problems(docs)
    assert "'ordX' där underlaget har 'ord7'" in problem.sv


def _worst_parts_of_words(folder: Path) -> None:
    """Source paragraphs that stand on the page only inside longer words, many times each."""
    source = "\n\n".join(f"ord{n}" for n in range(0, 20000, 7))
    page = "---\ntitle: T\ndescription: D.\n---\n\n" + " ".join(f"xord{n}x" for n in range(60000)) + "\n"
    docs = write(folder, {f"docs/_data/{SOURCE}": source, "docs/sv/a.md": page})
    source_problems(docs)


def _worst_table_lines() -> None:
    markdown_mistakes.check("\n\n".join("| a | b |" for _ in range(_MANY)) + "\ntitle: x\n" * _MANY, "f", page=True)


def _worst_hard_spaces() -> None:
    text = "".join(f"k{n}:\u00a0v\n" for n in range(_MANY))
    with pytest.raises(ContentError):
        yamlfile.parse(text, "f")


def _in_temporary_folder(function):
    def run():
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            function(Path(folder))
    return run


WORST_CASES = {
    "messages: missing source paragraphs among many page paragraphs": _in_temporary_folder(_worst_verbatim),
    "messages: a source paragraph as long as the largest file, changed on the page": _in_temporary_folder(
        _worst_long_paragraph),
    "messages: source paragraphs found only inside longer words": _in_temporary_folder(_worst_parts_of_words),
    "messages: table rows and front-matter lines in a long page": _worst_table_lines,
    "messages: hard spaces on every line of a data file": _worst_hard_spaces,
}


@pytest.mark.build  # a timed worst case: not the fast tier
@pytest.mark.parametrize("name", sorted(WORST_CASES))
def test_each_worst_case_ends_in_bounded_time(name):
    code = ("import sys, time; sys.path.insert(0, 'tests'); import test_editor_messages as t; "
            "s = time.perf_counter(); t.WORST_CASES[sys.argv[1]](); print(time.perf_counter() - s)")
    result = subprocess.run([sys.executable, "-c", code, name], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.split()[-1]) < 10, result.stdout

