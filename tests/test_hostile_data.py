"""Hostile values in docs/_data and hostile characters in any file, in-process (issue 22, "Safe by
construction"): data is text wherever it lands; placeholders are bare names; text files hold text;
paths in data stay in docs/_data; no file under docs/ takes the place of the theme's or the build's.
Real builds and Chromium: tests/test_hostile_data_build.py."""

from __future__ import annotations

import json
import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, append, line_of
from styrdok import pipeline
from styrdok.checks import site_paths
from styrdok.model import content, operator_settings, tree, ui, yamlfile
from styrdok.model import register as register_module
from styrdok.output import published
from styrdok.problems import ContentError
from styrdok.render import assessment, includes, theme_fixes, views

pytestmark = pytest.mark.unit

MARKUP = "<i data-x>"
UI_FILE = "docs/_data/ui.yml"
REGISTER_FILE = "docs/_data/register.yml"


def problems(project) -> list:
    try:
        content.load(project / "docs", project)
    except ContentError as error:
        return error.problems
    return []


def one(project, file: str, words: str):
    found = [p for p in problems(project) if p.file == file and words in p.en]
    assert found, [f"{p.file}:{p.line} {p.en}" for p in problems(project)]
    assert found[0].sv and found[0].fix_sv and found[0].fix_en
    return found[0]


def set_ui(project, key: str, lang: str, text: str) -> int:
    """Give one ui.yml text a new value, as an editor would (the line of that value is returned)."""
    path = project / "docs" / "_data" / "ui.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key][lang] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000, sort_keys=False), encoding="utf-8")
    parsed = yamlfile.load(path, UI_FILE)
    return parsed[key].lines[lang]


def fill_settings(project) -> dict:
    """Every operator setting filled in (the optional ones too), so every paragraph is generated."""
    path = project / "docs" / operator_settings.FILE
    values = {"organisation": {"sv": "Stockholms stad", "en": "City of Stockholm"},
              "email": "info@stockholm.se", "phone": "08-508 00 000",
              "response_time": {"sv": "Vi svarar inom en vecka.", "en": "We reply within a week."},
              "controller": {"sv": "Stadsledningskontoret", "en": "The City Executive Office"},
              "legal_basis": {"sv": "Allmänt intresse.", "en": "Public interest."},
              "dpo_email": "dataskyddsombud@stockholm.se",
              "host": {"sv": "GitHub Pages.", "en": "GitHub Pages."},
              "logs": {"sv": "IP-adresser.", "en": "IP addresses."},
              "statement_published": "2026-11-26",
              "current_rules_contact": {"sv": "Stadsledningskontoret.", "en": "The City Executive Office."}}
    path.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return values


# --- 2. placeholders are bare names ------------------------------------------------------------------

BAD_PLACEHOLDERS = {
    # what an editor (or an attacker) writes: the words the message must have
    "{date:>20000000}": "has a format (after a colon)",
    "{date:>9}": "has a format (after a colon)",
    "{date!r}": "has a conversion (after !)",
    "{date.__class__}": "reads a part of a value",
    "{date[0]}": "reads a part of a value",
    "{datum}": "is not a name the site fills in here",
    "{}": "is not a name the site fills in",
    "{date": "a brace { without its pair",
    "date}": "a brace } without its pair",
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("written", sorted(BAD_PLACEHOLDERS))
def test_a_placeholder_that_is_not_a_bare_name_is_refused_when_ui_yml_is_loaded(project, written, lang):
    line = set_ui(project, "source_dated", lang, f"Beslutsunderlag daterat {written}.")
    problem = one(project, UI_FILE, BAD_PLACEHOLDERS[written])
    assert problem.line == line
    assert f"'source_dated' ({lang}:)" in problem.en and f"'source_dated' ({lang}:)" in problem.sv
    assert "{date}" in problem.fix_en and "{date}" in problem.fix_sv


@pytest.mark.parametrize("written", ["{datum}", "{date:>9}", "{date!r}", "{date[0]}"])
def test_a_misspelt_or_decorated_name_gets_did_you_mean(project, written):
    set_ui(project, "source_dated", "sv", f"Beslutsunderlag daterat {written}.")
    problem = one(project, UI_FILE, "'source_dated'")
    assert "Did you mean '{date}'?" in problem.en and "Menade du '{date}'?" in problem.sv


def test_a_placeholder_in_a_text_the_site_fills_nothing_into_is_refused(project):
    line = set_ui(project, "menu", "en", "Menu {date}")
    problem = one(project, UI_FILE, "is not filled in")
    assert problem.line == line and "Remove the braces" in problem.fix_en


def test_a_name_of_another_text_is_refused_with_the_names_of_this_one(project):
    set_ui(project, "summary_ref", "sv", "dnr {date}")
    problem = one(project, UI_FILE, "it fills in ref")
    assert "{ref}" in problem.fix_en


def test_the_line_of_a_placeholder_inside_a_text_of_several_lines(project):
    path = project / "docs" / "_data" / "ui.yml"
    text = path.read_text(encoding="utf-8")
    old = "on all {pages} pages"
    assert old in text
    path.write_text(text.replace(old, "on all {pages:>99999999} pages"), encoding="utf-8")
    problem = one(project, UI_FILE, "{pages:>99999999} has a format")
    assert problem.line == line_of(path, "{pages:>99999999}")


def test_the_date_locale_must_be_a_language_tag(project):
    line = set_ui(project, "date_locale", "sv", 'sv-SE" onmouseover="x')
    problem = one(project, UI_FILE, "must be a language tag")
    assert problem.line == line


def test_every_text_of_the_real_ui_yml_loads():
    texts = ui.load(ROOT / "docs")
    for key, allowed in ui.PLACEHOLDERS.items():
        for lang in LANGUAGES:
            assert set(ui.names(texts[lang][key])) <= set(allowed), (key, lang)


def test_fill_replaces_bare_names_only_and_never_formats():
    texts = {"source_dated": "A {date} B {date:>20000000} {date!r} {date.__class__} {date[0]} {other} {"}
    started = time.monotonic()
    filled = ui.fill(texts, "source_dated", {"title": "T", "date": "2016-12-12"})
    assert time.monotonic() - started < 1
    assert filled == "A 2016-12-12 B {date:>20000000} {date!r} {date.__class__} {date[0]} {other} {"


def test_fill_escapes_the_text_around_the_names_for_markdown_and_not_the_values():
    texts = {"summary_ref": "*dnr* {ref} [x]"}
    from styrdok.model.markdown_text import inline
    assert ui.fill(texts, "summary_ref", {"ref": "[171](x.md)"}, literal=inline) == \
        "&#42;dnr&#42; [171](x.md) &#91;x&#93;"


@pytest.mark.parametrize("values", [{}, {"date": "x", "extra": "y"}, {"dat": "x"}])
def test_fill_takes_exactly_the_names_placeholders_gives(values):
    with pytest.raises(RuntimeError, match="PLACEHOLDERS"):
        ui.fill({"source_dated": "{date}"}, "source_dated", values)


def _register_with_ui(texts_by_lang: dict) -> register_module.Register:
    reg = register_module.load_register(ROOT / "docs" / "_data" / "register.yml")
    reg.ui = texts_by_lang
    return reg


def _every_filled_text(texts_by_lang: dict, settings: dict) -> dict[str, str]:
    """Every text the site fills, made by the code that makes it, per language: one string each."""
    reg = _register_with_ui(texts_by_lang)
    out = {}
    record = {"built": "2026-11-26", "pages": 22, "tools": {"axe-core": "4.10.0", "vnu-jar": "24.10.17"},
              "axe_tags": ["wcag2a"]}
    for lang in LANGUAGES:
        t = texts_by_lang[lang]
        views_text = " ".join(views.status_basis(reg, doc, lang) for doc in reg.documents)
        views_text += views.status_overview_markdown(reg, lang)
        views_text += " ".join(views.status_label(reg, doc, lang) + views.contact_label(reg, doc, lang)
                               for doc in reg.documents)
        views_text += " ".join(str((views.document_view(reg, doc, lang, lambda page: page)["notice"] or {})
                                   .get("lead", "")) for doc in reg.documents)
        out[lang] = (views_text + operator_settings.contact_markdown(settings, lang, t)
                     + operator_settings.dates_markdown(settings, "2026-11-27", lang, t)
                     + operator_settings.privacy_markdown(settings, lang, t) + assessment.statement_markdown(record, t))
    return out


def test_every_caller_fills_exactly_the_names_of_placeholders(project):
    """Each text that has names, written with every name it may have: each caller supplies exactly
    those (ui.fill refuses anything else), and each name is replaced."""
    fill_settings(project)
    settings = operator_settings.load(project / "docs")
    texts = ui.load(project / "docs")
    for lang in LANGUAGES:
        for key, allowed in ui.PLACEHOLDERS.items():
            texts[lang][key] = "[" + " ".join("{" + name + "}" for name in allowed) + "]"
    names = {name for allowed in ui.PLACEHOLDERS.values() for name in allowed}
    for lang, text in _every_filled_text(texts, settings).items():
        assert not [name for name in names if "{" + name + "}" in text or f"&#123;{name}&#125;" in text], lang


def test_a_format_that_got_past_the_check_would_still_not_be_formatted(project):
    """Even a text that never went through the load check cannot format: every caller fills through
    ui.fill, so a width of twenty million characters stays the text it is."""
    fill_settings(project)
    settings = operator_settings.load(project / "docs")
    texts = ui.load(project / "docs")
    for lang in LANGUAGES:
        for key, allowed in ui.PLACEHOLDERS.items():
            texts[lang][key] = " ".join("{" + name + ":>20000000}" for name in allowed)
    started = time.monotonic()
    made = _every_filled_text(texts, settings)
    assert time.monotonic() - started < 5
    for text in made.values():
        assert len(text) < 100_000 and ":>20000000" in text


def test_no_template_of_ours_formats_a_string():
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert ".format(" not in text and "|format" not in text.replace(" ", ""), template


# --- 1. data is text: every template of ours escapes, Markdown values meet the allowlist ----------------

def test_every_template_of_ours_runs_with_autoescape():
    """Each template prints inside an autoescape block (a child template: inside each block)."""
    for template in sorted((ROOT / "overrides").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        body = text.split("#}", 1)[1] if text.lstrip().startswith("{#") else text
        if "{{" not in body:
            continue  # an empty partial (the theme's inline scripts, replaced by nothing)
        if "{% extends" in body:
            blocks = [b for b in body.split("{% block ")[1:] if "{{" in b.split("{% endblock %}")[0]]
            assert blocks and all(b.split("%}", 1)[1].lstrip().startswith("{% autoescape true") for b in blocks), \
                template
        else:
            outside = body.split("{% autoescape true", 1)[0]
            assert "{{" not in outside and "{% autoescape true" in body, template


def test_what_is_marked_safe_says_what_checked_it():
    for template in sorted((ROOT / "overrides").rglob("*.html")):
        lines = template.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if "| safe" in line:
                comment = "\n".join(lines[max(0, number - 3):number])
                assert "Safe:" in comment, f"{template}:{number + 1}"


def test_the_header_buttons_are_no_longer_patched_into_the_html():
    """The template owns its markup: theme_fixes.fix adds no attribute or text to the header any more."""
    assert not hasattr(theme_fixes, "focusable_header_buttons")
    page = ('<html lang="sv"><body><input class="md-toggle" type="checkbox" autocomplete="off">'
            '<input class="md-toggle" type="checkbox" autocomplete="off">'
            '<label class="md-header__button md-icon" for="__drawer"></label>'
            '<article class="md-content__inner md-typeset"></article></body></html>')
    assert 'tabindex' not in theme_fixes.fix(page, None, [])


def test_a_table_name_is_escaped_in_its_attribute():
    import markdown
    label = f'" onfocus="alert(1)" x="{MARKUP}'
    tree_ = LexborHTMLParser(markdown.Markdown(extensions=["tables", "styrdok.render.tables"], extension_configs={
        "styrdok.render.tables": {"label": label}}).convert("| x |\n|---|\n| 1 |"))
    region = tree_.css_first("[role=region]")
    assert region.attributes["aria-label"] == label
    assert "onfocus" not in region.attributes and not tree_.css("[data-x]")


def test_a_gloss_from_the_terminology_is_text():
    terms = [{"sv": "Kommunfullmäktige", "en": "Kommunfullmäktige", "kept": True, "gloss": f"the Council{MARKUP}"}]
    page = ('<html lang="en"><body><article class="md-content__inner md-typeset"><p>Kommunfullmäktige decided.</p>'
            '</article></body></html>')
    out = theme_fixes.mark_languages(page, terms)
    parsed = LexborHTMLParser(out)
    assert not parsed.css("[data-x]")
    assert f"(the Council{MARKUP})" in parsed.css_first("p").text()
    assert parsed.css_first("span[lang=sv]").text() == "Kommunfullmäktige"


def test_the_configuration_texts_reach_every_template_escaped():
    from markupsafe import Markup

    from styrdok.render.template_data import EscapedConfig, escaped_config
    config = load_config(str(ROOT / "mkdocs.yml"))
    config["site_name"] = f"Namn {MARKUP}"
    config["copyright"] = f"© {MARKUP}"
    wrapped = escaped_config(config)
    assert escaped_config(wrapped) is wrapped and isinstance(wrapped, EscapedConfig)
    assert wrapped.site_name == Markup("Namn &lt;i data-x&gt;") and wrapped["copyright"] == "© &lt;i data-x&gt;"
    assert wrapped.theme is config.theme and wrapped.site_url == config.site_url
    assert "theme" in wrapped and wrapped.get("nothing") is None


def _site_markdown():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return lambda text: markdown.Markdown(extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs).convert(text)


PAGE_OF = {"statement": "tillganglighet.md", "privacy": "integritet.md"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", ui.MARKDOWN)
def test_markdown_texts_of_ui_yml_meet_the_same_allowlist_as_pages(project, key, lang):
    """statement_* and privacy_* are Markdown by design: expanded into the page's Markdown, rendered,
    and held to the content allowlist like the page's own text; the refusal names ui.yml's line."""
    fill_settings(project)
    path = project / "docs" / "_data" / "ui.yml"
    text = yaml.safe_load(path.read_text(encoding="utf-8"))[key][lang]
    set_ui(project, key, lang, text.rstrip("\n") + f" {MARKUP}x</i>" + ("\n" if text.endswith("\n") else ""))
    docs = project / "docs"
    page = f"{lang}/{PAGE_OF[key.split('_')[0]]}"
    build = pipeline.SiteBuild(docs, project, "http://127.0.0.1:8000/")
    build.site = content.load(docs, project)
    meta, body, _ = yamlfile.front_matter((docs / page).read_text(encoding="utf-8"), f"docs/{page}")
    try:
        result = build.page_markdown(body, page, meta, lang, lambda target, target_lang=lang: target, "")
    finally:
        includes.start_page(None)  # the page's rendering would end here in a build
    assert MARKUP in result.markdown  # expanded into the page's Markdown
    found = published.content_findings(_site_markdown()(result.markdown))
    assert [f.en for f in found] == ["the element <i>"]
    (problem,) = published.problems(found, f"docs/{page}", content.sources_of(docs, page))
    assert (problem.file, problem.line) == (UI_FILE, line_of(path, MARKUP))


# --- 3. text files hold text -------------------------------------------------------------------------------

CONTROL = {"\x00": "U+0000", "\x01": "U+0001", "\x08": "U+0008", "\x0b": "U+000B", "\x0c": "U+000C",
           "\x1b": "U+001B", "\x7f": "U+007F", "\x85": "U+0085", "\x9f": "U+009F", "\ufffe": "U+FFFE"}
INVISIBLE_NEW = {"\u2061": "invisible function application", "\u2062": "invisible times",
                 "\u2063": "invisible separator", "\u2064": "invisible plus", "\u202a": "left-to-right embedding",
                 "\u202b": "right-to-left embedding", "\u202c": "pop directional formatting",
                 "\u202d": "left-to-right override", "\u202e": "right-to-left override",
                 "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate",
                 "\u2068": "first strong isolate", "\u2069": "pop directional isolate",
                 "\u200e": "left-to-right mark", "\u200f": "right-to-left mark", "\u061c": "Arabic letter mark",
                 "\u2028": "line separator", "\u2029": "paragraph separator"}


def _insert_in_register_note(project, char: str) -> tuple[int, int]:
    """A character in the middle of a register note, as raw text; its (line, column)."""
    path = project / "docs" / "_data" / "register.yml"
    text = path.read_text(encoding="utf-8")
    anchor = "    note:\n      sv: "  # the first note, whatever it says
    at = text.index(anchor) + len(anchor) + 3
    path.write_text(text[:at] + char + text[at:], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    return line, at - text.rfind("\n", 0, at)


@pytest.mark.parametrize("char", sorted(CONTROL))
def test_register_text_with_a_control_character_is_refused_with_its_line(project, char):
    line, column = _insert_in_register_note(project, char)
    problem = one(project, REGISTER_FILE, f"a control character ({CONTROL[char]})")
    assert problem.line == line
    assert problem.en.startswith(f"Line {line}, character {column}:")
    assert problem.sv.startswith(f"Rad {line}, tecken {column}:")


@pytest.mark.parametrize("where", ["sv/ordlista.md", "en/ordlista.md", "_includes/sv/arendet-syfte.md",
                                   "_data/terminology.yml", "_data/000_ebcdb2b342ce38cb.txt"])
def test_a_control_character_is_refused_in_every_kind_of_text_file(project, where):
    path = project / "docs" / where
    line = append(path, "Text \x1b[31m i rött.")
    problem = one(project, f"docs/{where}", "a control character (U+001B)")
    assert problem.line == line and problem.en.startswith(f"Line {line}, character 6:")


@pytest.mark.parametrize("char", sorted(INVISIBLE_NEW))
@pytest.mark.parametrize("where", ["sv/ordlista.md", "_data/ui.yml"])
def test_invisible_and_bidi_characters_are_refused_with_line_and_column(project, char, where):
    path = project / "docs" / where
    if where.endswith(".md"):
        line = append(path, f"Ett{char} ord.")
        column = 4
    else:
        text = path.read_text(encoding="utf-8")
        at = text.index("sv: Meny") + len("sv: Me")
        path.write_text(text[:at] + char + text[at:], encoding="utf-8")
        line, column = text.count("\n", 0, at) + 1, len("  sv: Me") + 1
    problem = one(project, f"docs/{where}", INVISIBLE_NEW[char])
    assert problem.line == line and problem.en.startswith(f"Line {line}, character {column}:")


@pytest.mark.parametrize("escape, name", [(r"\x01", "U+0001"), (r"\e", "U+001B"), (r"\u202e", "U+202E"),
                                          (r"\N", "U+0085"), (r"\L", "U+2028"), (r"\r", "U+000D")])
def test_a_character_written_as_a_yaml_escape_is_refused_too(project, escape, name):
    path = project / "docs" / "_data" / "ui.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  sv: Meny\n", f'  sv: "Me{escape}ny"\n')
    path.write_text(text, encoding="utf-8")
    problem = one(project, UI_FILE, name)
    assert problem.line == line_of(path, f"Me{escape}ny")
    assert "YAML escape" in problem.en


def test_a_lone_carriage_return_is_a_line_break(project):
    """As MkDocs, markdown-include and the web editor read it (tree.line_ends): the lines after it are
    counted as they read them."""
    path = project / "docs" / "sv" / "ordlista.md"
    line = append(path, "Första\rAndra O\u200brd")
    assert problems(project) and all(p.line == line + 1 for p in problems(project))
    problem = one(project, "docs/sv/ordlista.md", "zero-width space")
    assert problem.en.startswith(f"Line {line + 1}, character 8:")


def _crlf(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def test_crlf_files_are_read_as_they_are_meant(project):
    """A browser's editor saves CRLF: every text file in CRLF passes every content check."""
    for path in (project / "docs").rglob("*"):
        if path.suffix in tree.TEXT_SUFFIXES:
            _crlf(path)
    assert problems(project) == []


def test_line_numbers_stay_right_in_a_crlf_file(project):
    page = project / "docs" / "sv" / "ordlista.md"
    clean = page.read_bytes()
    line = append(page, "Ett\u00ad ord.")
    _crlf(page)
    assert one(project, "docs/sv/ordlista.md", "soft hyphen").line == line
    page.write_bytes(clean)  # (a file problem stops the other checks: take it away first)
    register = project / "docs" / "_data" / "register.yml"
    text = register.read_text(encoding="utf-8").replace("status: adopted", "status: active", 1)
    register.write_text(text, encoding="utf-8")
    _crlf(register)
    assert one(project, REGISTER_FILE, "Unknown status 'active'").line == line_of(register, "status: active")
    set_ui(project, "source_dated", "en", "{title}, dated {date:>9}.")
    uifile = project / "docs" / "_data" / "ui.yml"
    _crlf(uifile)
    assert one(project, UI_FILE, "has a format").line == line_of(uifile, "{date:>9}")


def test_a_finding_in_the_published_html_points_at_the_right_line_of_a_crlf_page(project):
    page = project / "docs" / "sv" / "ordlista.md"
    line = append(page, '[x](https://example.org){: onclick="alert(1)" }')
    _crlf(page)
    docs = project / "docs"
    found = published.content_findings(_site_markdown()(page.read_text(encoding="utf-8")))
    (problem,) = published.problems(found, "docs/sv/ordlista.md", content.sources_of(docs, "sv/ordlista.md"))
    assert (problem.file, problem.line) == ("docs/sv/ordlista.md", line)


@pytest.mark.parametrize("text", ["Ring 08-508\u00a028 590.", "10\u202f000 kronor", "”Citat” och ’så’ – „x“ «y»"])
def test_ordinary_typography_stays_accepted(project, text):
    append(project / "docs" / "sv" / "ordlista.md", text)
    append(project / "docs" / "en" / "ordlista.md", text)
    assert problems(project) == []


def _allowed_characters() -> str:
    """Every character no check refuses (the whole plane of ordinary text and some beyond)."""
    chars = [chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF]
    chars += ["\t", "\n", "\U0001F600", "\U00020000", "\U0010FFFD"]
    return "".join(c for c in chars if not tree.UNSEEN.search(c))


def test_the_feeds_of_a_valid_register_always_parse_as_xml():
    """Whatever a register may hold once the checks have passed, each feed is well-formed XML: every
    character the file check (tree) and the value check (yamlfile) let through, in the notes and
    labels the feeds carry."""
    everything = _allowed_characters()
    data = yaml.safe_load((ROOT / "docs" / "_data" / "register.yml").read_text(encoding="utf-8"))
    for doc in data["documents"]:
        for item in doc["history"]:
            if item.get("note"):
                item["note"] = {lang: everything for lang in LANGUAGES}
    data["labels"]["ui"]["undated"] = {lang: everything for lang in LANGUAGES}
    text = yaml.safe_dump(data, allow_unicode=True)
    assert tree._characters("docs/_data/register.yml", text) == []
    parsed = yamlfile.parse(text, "docs/_data/register.yml")
    # (The register's other checks read the same values; what matters here is what the feeds get.)
    reg = register_module.load_register(ROOT / "docs" / "_data" / "register.yml")
    for doc, raw in zip(reg.documents, parsed["documents"], strict=True):
        doc.history = raw["history"]
    reg.labels = parsed["labels"]
    reg.ui = ui.load(ROOT / "docs")
    for lang in LANGUAGES:
        feed = ET.fromstring(views.atom_feed(reg, lang, "https://example.org/", everything).encode("utf-8"))
        notes = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}content")]
        assert notes and all(note.startswith(everything) for note in notes)
        titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
        assert any(everything in title for title in titles[1:])  # an undated change's title: its label


# --- 4. paths in data are names in docs/_data -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["/etc/hostname", "../../mkdocs.yml", "../000_ebcdb2b342ce38cb.txt",
                                  "sv/strategi.md", "_data/000_ebcdb2b342ce38cb.txt", "..", ".gömd.txt",
                                  "~/x.txt", "C:\\x.txt", "ui.yml", "''", ""])
def test_source_file_must_be_a_plain_name_of_a_text_in_docs_data(project, name):
    register = project / "docs" / "_data" / "register.yml"
    text = register.read_text(encoding="utf-8")
    text = text.replace("  - file: 000_ebcdb2b342ce38cb.txt", f"  - file: {json.dumps(name)}")
    register.write_text(text, encoding="utf-8")
    problem = one(project, REGISTER_FILE, "file: ")
    assert problem.line == line_of(register, "  - file: ")


def test_a_source_file_that_is_not_there_gets_did_you_mean(project):
    register = project / "docs" / "_data" / "register.yml"
    text = register.read_text(encoding="utf-8").replace("000_ebcdb2b342ce38cb.txt", "000_ebcdb2b342ce38cc.txt")
    register.write_text(text, encoding="utf-8")
    problem = one(project, REGISTER_FILE, "is not a text in docs/_data/")
    assert problem.line == line_of(register, "  - file: ")
    assert "Did you mean '000_ebcdb2b342ce38cb.txt'?" in problem.en


def test_no_file_outside_docs_can_be_read_for_a_message(project, tmp_path):
    docs = project / "docs"
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT innehåll utanför docs\n\nANDRA stycket\n", encoding="utf-8")
    os.symlink(secret, docs / "_data" / "lank.txt")
    (docs / "_data" / "stor.txt").write_text("x" * (tree.MAX_BYTES + 1), encoding="utf-8")
    for rel in [str(secret), f"../../{secret.name}", "_data/../../x", "_data/lank.txt", "_data//ui.yml",
                "./_data/ui.yml", "_data\\ui.yml", "_data/saknas.txt", "_data", "_data/stor.txt", "", "_data/.x"]:
        with pytest.raises(tree.OutsideDocs):
            tree.docs_path(docs, rel)
    assert tree.docs_path(docs, "_data/ui.yml") == docs / "_data" / "ui.yml"
    reg = content.load(ROOT / "docs", ROOT).register
    for name in (str(secret), f"../../../{secret.relative_to('/')}", "lank.txt"):
        reg_copy = register_module.Register(reg.labels, reg.documents, reg.file,
                                            [{**source, "file": name} for source in reg.sources])
        found = content.check_source_on_pages(reg_copy, ui.load(ROOT / "docs")["sv"], docs, project)
        assert not any("HEMLIGT" in p.en or "ANDRA" in p.en for p in found)


def test_a_message_quotes_a_short_excerpt_of_the_source_only(project):
    source = project / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt"
    append(source, "Ett nytt stycke som ingen sida har, " + "mycket långt " * 40)
    # (Told where the paragraph belongs on the pages, naming the source text: checks/verbatim.py.)
    (problem,) = [p for p in problems(project) if "docs/_data/000_ebcdb2b342ce38cb.txt, line" in p.en]
    quoted = problem.en.split("'", 1)[1].rsplit("'", 1)[0]
    assert quoted.startswith("Ett nytt stycke") and len(quoted) <= 61 and quoted.endswith("…")


# --- 6. values a validator requires in a set form: markup there is refused with file and line ---------------

def _taint_line(path: Path, line_start: str, old: str | None = None) -> None:
    """Markup added to the value on the first line that starts with ``line_start``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(line_start))
    lines[number] = lines[number].replace(old, old[:-1] + MARKUP + old[-1]) if old else lines[number] + MARKUP
    path.write_text("\n".join(lines), encoding="utf-8")


SET_FORMS = {
    # name: (file under docs/, the line to put markup on, or (line, part ending where it goes),
    #        the words of the message, the line the message must name)
    "document id": ("_data/register.yml", "  - id: internationell-strategi-2016", "may only contain lower-case", None),
    "document type": ("_data/register.yml", "    type: strategy", "Unknown type", None),
    "document page": ("_data/register.yml", "    page: strategi.md", "does not exist",
                      "  - id: internationell-strategi-2016"),
    "document status": ("_data/register.yml", "    status: ", "Unknown status", None),
    "deciding body": ("_data/register.yml", "    decided_by: kommunfullmaktige", "Unknown body", None),
    "decision date": ("_data/register.yml", "    decision_date: 2016-12-12", "is not in the form YYYY-MM-DD", None),
    "reference number": ("_data/register.yml", "    reference: 171-482/2016", "cannot be read as a reference number",
                         None),
    "date of a change": ("_data/register.yml", "      - date: 2016-12-12", "is not in the form YYYY-MM-DD", None),
    "after": ("_data/register.yml", "        after: 2016-12-12", "is not in the form YYYY-MM-DD", None),
    "published": ("_data/register.yml", "        published: 2026-11-26", "is not in the form YYYY-MM-DD", None),
    "major": ("_data/register.yml", "        major: true", "must be true or false", None),
    "written after": ("_data/register.yml", "    written_after: 2016-12-12", "is not in the form YYYY-MM-DD", None),
    "source file": ("_data/register.yml", "  - file: 000_ebcdb2b342ce38cb.txt", "must be only the name of a text", None),
    "contact phone": ("_data/register.yml", "      phone: 08-508 28 590", "'phone' in contact", None),
    "contact e-mail": ("_data/register.yml", "      email: mattias.rindberg@stockholm.se", "'email' in contact", None),
    "relation": ("_data/register.yml", ("      replaces: [overgripande-mal-2007]", "2007]"),
                 "that document is not in the register", None),
    # Facts the register must find in the source (register.check_against_source).
    "a title in Swedish": ("_data/register.yml", "      sv: Internationell strategi för Stockholms stad",
                           "does not occur in the source", "    title:\n      sv: Internationell strategi för"),
    "a body in Swedish": ("_data/register.yml", "      sv: Kommunfullmäktige", "does not occur in the source",
                          "    decided_by: kommunfullmaktige"),
    "a contact name": ("_data/register.yml", "      name: Mattias Rindberg", "does not occur in the source", None),
    # The search's corrections (docs/_data/sammansattningar.yml): words only.
    "a split word": ("_data/sammansattningar.yml", "  - integritet|s|skydd", "is not a word with |", None),
    "a word kept whole": ("_data/sammansattningar.yml", "  - lagring", "is not a word", None),
    "the date form of the print stamp": ("_data/ui.yml", ("  sv: sv-SE", "SE"), "must be a language tag", None),
}


@pytest.mark.parametrize("name", sorted(SET_FORMS))
def test_a_value_in_a_set_form_with_markup_is_refused(project, name):
    where, place, words, expected = SET_FORMS[name]
    path = project / "docs" / where
    line_start, old = place if isinstance(place, tuple) else (place, None)
    line = line_of(path, expected or line_start)
    _taint_line(path, line_start, old)
    assert one(project, f"docs/{where}", words).line == line


@pytest.mark.parametrize("key", ["email", "phone", "dpo_email", "statement_published"])
def test_an_operator_setting_in_a_set_form_with_markup_is_refused(project, key):
    values = fill_settings(project)
    path = project / "docs" / operator_settings.FILE
    path.write_text(yaml.safe_dump({**values, key: values[key] + MARKUP}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    problem = one(project, f"docs/{operator_settings.FILE}", f"'{key}'")
    assert "has the wrong form" in problem.en and problem.line == line_of(path, f"{key}:")


@pytest.mark.parametrize("where, line_start, source_line", [
    ("_data/ui.yml", "  sv: Tel", "Tel: 08-508"),
    ("_data/ui.yml", "  sv: E-post", "E-post: mattias"),
    ("_data/register.yml", "      role: {sv: Handläggare", "Handläggare: Mattias"),
])
def test_a_contact_word_of_the_source_with_markup_is_refused(project, where, line_start, source_line):
    """The Swedish words of the source's contact lines stand on the page as the source writes them
    (content.check_source_on_pages): with markup, the source's line is no longer on the site."""
    path = project / "docs" / where
    line = line_of(path, line_start)
    _taint_line(path, line_start, "Handläggare," if "role" in line_start else None)
    source = project / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt"
    # Told on the data file and line that was changed, naming the source text's line (checks/verbatim.py).
    problem = one(project, f"docs/{where}", f"(docs/_data/000_ebcdb2b342ce38cb.txt, line {line_of(source, source_line)})")
    assert problem.line == line and "word for word" in problem.en


# --- 5. files under docs/ do not take the place of the theme's or the build's ----------------------------------

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

COLLISIONS = {
    # file under docs/: words of the message
    "assets/images/favicon.png": "the theme's file of the same name",
    "sv/assets/images/favicon.png": "the theme's file of the same name",
    "sv/search/bild.png": "a file the build itself writes there",
    "pagefind/bild.png": "a file the build itself writes there",
    "sv/pagefind.md": "a file the build itself writes there",
    "sv/en/bild.png": "a page in the language en",
    "sv/en.md": "a page in the language en",
}


@pytest.mark.parametrize("rel", sorted(COLLISIONS))
def test_a_file_that_would_take_the_place_of_the_themes_or_the_builds_is_refused(project, rel):
    path = project / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if rel.endswith(".md"):
        path.write_text("---\ntitle: X\ndescription: X.\n---\n\n# X\n", encoding="utf-8")
    else:
        path.write_bytes(PNG)
    problem = one(project, f"docs/{rel}", COLLISIONS[rel])
    assert f"published as {site_paths.published_path(rel, LANGUAGES)}" in problem.en
    assert "SITE_OWN" in problem.fix_en and "SITE_OWN" in problem.fix_sv


def test_two_files_published_at_one_path_are_refused(project):
    for rel in ("bilder/karta.png", "sv/bilder/karta.png"):
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_bytes(PNG)
    one(project, "docs/sv/bilder/karta.png", "docs/bilder/karta.png, which is published there")


def test_the_sites_own_version_of_a_theme_file_is_listed_in_one_constant(project, monkeypatch):
    (project / "docs" / "assets" / "images").mkdir(parents=True)
    (project / "docs" / "assets" / "images" / "favicon.png").write_bytes(PNG)
    assert problems(project)
    monkeypatch.setattr(site_paths, "SITE_OWN", frozenset({"assets/images/favicon.png"}))
    assert problems(project) == []


def test_the_themes_files_are_read_from_the_installed_theme():
    import material
    package = Path(material.__file__).parent / "templates"
    files = site_paths.theme_files(ROOT)
    installed = [p.relative_to(package).as_posix() for p in package.rglob("*")
                 if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                             for part in p.relative_to(package).parts)
                 and p.suffix not in (".py", ".pyc")]
    assert installed and set(installed) <= files
    assert {"assets/images/favicon.png", "sitemap.xml", "assets/javascripts/site.js"} <= files
    assert site_paths.SITE_OWN == frozenset()


def test_published_paths_follow_mkdocs_and_the_language_folders():
    assert site_paths.published_path("sv/index.md", LANGUAGES) == "index.html"
    assert site_paths.published_path("sv/strategi.md", LANGUAGES) == "strategi/index.html"
    assert site_paths.published_path("en/strategi.md", LANGUAGES) == "en/strategi/index.html"
    assert site_paths.published_path("sv/mapp/index.md", LANGUAGES) == "mapp/index.html"
    assert site_paths.published_path("bilder/x.png", LANGUAGES) == "bilder/x.png"
    assert site_paths.published_path("_data/ui.yml", LANGUAGES) is None
    assert site_paths.published_path("_includes/sv/x.md", LANGUAGES) is None


# --- the worst cases, for the benchmark -------------------------------------------------------------------------

def _worst_fill():
    ui.fill({"source_dated": "{date:>20000000}" * 2000}, "source_dated", {"title": "t", "date": "x"})


def _worst_characters():
    tree._characters("docs/x.md", ("a\x01" * 200_000))


def _worst_theme_check():
    site_paths.theme_files.cache_clear()
    site_paths.check(ROOT / "docs", ROOT, LANGUAGES)


WORST_CASES = {
    "a placeholder with a width of twenty million, two thousand times": _worst_fill,
    "a file of two hundred thousand control characters": _worst_characters,
    "the theme's files read again and every docs file placed": _worst_theme_check,
}


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
@pytest.mark.parametrize("name", sorted(WORST_CASES))
def test_worst_cases_take_bounded_time(name):
    started = time.monotonic()
    WORST_CASES[name]()
    assert time.monotonic() - started < 5, name


def test_a_file_of_control_characters_is_reported_by_its_first_few():
    found = tree._characters("docs/x.md", "a\x01" * 1000)
    assert len(found) == tree.MAX_REPORTED + 1
    assert found[-1].en == f"The file has {1000 - tree.MAX_REPORTED} more such characters."
