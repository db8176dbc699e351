"""An attacker with a pull request: nothing executable is published, no file leaves docs/.

Tried as such a pull request would, in both languages. Each payload class is a table row with
the outcome it must have: refused (with the message an editor gets) or inert (published as
plain text). The decision is made on the HTML the build writes (styrdok.output.published); the
Markdown checks only point at the line. Most rows run in-process; a few real builds prove the
wiring (the build stops, names the file and line, and publishes nothing).
"""

from __future__ import annotations

import os
import subprocess
import sys

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from conftest import LANGUAGES, ROOT, edit
from styrdok.model import content, terminology, ui
from styrdok.model import register as register_module
from styrdok.output import published
from styrdok.problems import ContentError
from styrdok.render import includes, views

pytestmark = pytest.mark.unit


def _markdown_config():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def render(text: str) -> str:
    """Markdown as the site renders it: the same extensions and settings as mkdocs.yml."""
    extensions, configs = _markdown_config()
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


# --- Markdown that would publish something executable ------------------------------------------------

REFUSED_ON_OUTPUT = {
    "attr_list event handler on a link": '[x](https://example.org){: onclick="alert(1)" }',
    "attr_list javascript: href on a link": '[x](https://example.org){: href="javascript:alert(1)" }',
    "attr_list autofocus and onfocus on a paragraph": 'Text\n{: onfocus="alert(1)" autofocus }',
    "attr_list style on a heading": '## Rubrik {: style="position:fixed;top:0" }',
    "attr_list onerror on an image": '![x](bild.png){: onerror="alert(1)" }',
    "attr_list a theme id on a heading": "## Rubrik {: #__search }",
    "attr_list a theme class": '## Rubrik {: class="md-header" }',
    "raw script": "<script>alert(1)</script>",
    "script inside svg": "<svg><script>alert(1)</script></svg>",
    "comment a browser ends at once (<!-->)": "<!--> <img src=x onerror=alert(1)> -->",
    "comment a browser ends at once (<!--->)": "<!---> <img src=x onerror=alert(1)> -->",
    "comment ended by --!>": "<!-- x --!> <img src=x onerror=alert(1)> -->",
    "fenced code with an event handler attribute": "```{ .html onclick=alert(1) }\ncode\n```",
    "a fence the checks could misread, closed later": "````\nx\n```\n\n<img src=x onerror=alert(1)>\n\n````x",
    "code span across paragraphs": "`a\n\n<img src=x onerror=alert(1)>\n\nb`",
    "escaped backticks": "\\`<img src=x onerror=alert(1)>\\`",
    "javascript: link with an entity": "[x](javascript&#58;alert(1))",
    "javascript: link with a tab": "[x](java&#x09;script:alert(1))",
    "reference-style javascript: link": "[x][r]\n\n[r]: javascript:alert(1)",
    "data: image": "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "event handler on an allowed tag": "<abbr title=x onmouseover=alert(1)>A</abbr>",
    "details ontoggle": "<details open ontoggle=alert(1)>x</details>",
    "iframe": "<iframe src=https://example.org></iframe>",
    "form": "<form action=https://example.org><button>OK</button></form>",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://example.org">',
    "style element": "<style>body{display:none}</style>",
    "base element": "<base href=https://example.org/>",
    "template element": "<template><script>alert(1)</script></template>",
}

INERT = {
    # Python-Markdown reads these as code; the published HTML shows them as text.
    "an indented fence": "  ```\n<img src=x onerror=alert(1)>\n  ```",
    "fences of differing length": "````\n<img src=x onerror=alert(1)>\n```",
    "a fence with an info string": "~~~html\n<script>alert(1)</script>\n~~~",
    "a code span": "`<script>alert(1)</script>`",
    "escaped markup": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "an ordinary link": "[Stockholm](https://start.stockholm/)",
    "a telephone link": "[08-508 28 590](tel:0850828590)",
    "allowed inline HTML": "A<br>B <abbr title=\"diarienummer\">dnr</abbr>",
    "an admonition": '!!! note "Obs"\n    Text.',
    "a table with alignment": "| a | b |\n|:--|--:|\n| 1 | 2 |",
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(REFUSED_ON_OUTPUT))
def test_executable_markdown_is_refused_on_the_published_html(name, lang):
    text = f"# Sida\n\nStycke.\n\n{REFUSED_ON_OUTPUT[name]}\n"
    found = published.content_findings(render(text))
    assert found, name
    problems = published.problems(found, f"docs/{lang}/sida.md", [(f"docs/{lang}/sida.md", text)])
    assert all(p.file == f"docs/{lang}/sida.md" for p in problems)
    assert all(p.sv.startswith("Den publicerade sidan") and p.en.startswith("The published page")
               for p in problems)
    assert any(p.line and p.line >= 5 for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("name", sorted(INERT))
def test_ordinary_and_escaped_markdown_is_published(name):
    html = render(INERT[name])
    assert published.content_findings(html) == []
    assert published.document_findings(f"<html><body>{html}</body></html>") == []


def test_the_document_rules_refuse_inline_script_and_handlers_anywhere():
    page = ('<html><head><script>alert(1)</script><script src="https://evil.example/x.js"></script>'
            '<script type="application/ld+json">{}</script><script src="../site.js"></script></head>'
            '<body onload="x()"><a href="javascript:void(0)">x</a></body></html>')
    found = [f.en for f in published.document_findings(page)]
    assert found.count("a script that is not one of the site's own script files") == 2
    assert "the attribute onload=, which runs script" in found
    assert any(f.startswith('the link href="javascript:void(0)"') for f in found)
    assert len(found) == 4



@pytest.mark.parametrize("element", ['<a ONCLICK="x()">', "<a\tonClick=x()>", '<a/onclick=x()>',
                                     '<a href=""onclick=x()>', "<img src=x onerror =x()>", "<p\nonpointerup=x()>"])
def test_an_event_handler_in_any_case_or_spacing_is_found(element):
    """Only a page with something that reads as an event handler has every element looked at."""
    page = f"<html><body><p>Information on {element}x</p></body></html>"
    assert published.may_have_handler(page)
    assert [f.needle for f in published.document_findings(page)][0].startswith("on")
    assert not published.may_have_handler(page.replace(element, "<a>"))

# --- data files: every value is escaped for where it lands ---------------------------------------------

HOSTILE_TEXT = '</script><img src=x onerror=alert(1)> {!/etc/hostname!} [x](javascript:alert(1)) "\' & *_|`'


def _hostile_register(tmp_path):
    path = tmp_path / "register.yml"
    text = (ROOT / "docs" / content.REGISTER_FILE).read_text(encoding="utf-8")
    import yaml
    data = yaml.safe_load(text)
    for doc in data["documents"]:
        for lang in LANGUAGES:
            doc["title"][lang] = HOSTILE_TEXT
            for item in doc["history"]:
                if item.get("note"):
                    item["note"][lang] = HOSTILE_TEXT
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    reg = register_module.load_register(path, "docs/_data/register.yml", LANGUAGES)
    reg.ui = ui.load(ROOT / "docs")
    reg.ui["sv"]["status_adopted"] = HOSTILE_TEXT + " {body} {date}"
    return reg


@pytest.mark.parametrize("lang", LANGUAGES)
def test_register_text_is_literal_text_in_generated_markdown(tmp_path, lang):
    reg = _hostile_register(tmp_path)
    for generated in (views.changelog_markdown(reg, lang), views.register_table_markdown(reg, lang),
                      views.status_overview_markdown(reg, lang)):
        html = render(generated)  # the include step runs too: it must not see {!…!}
        assert published.content_findings(html) == []
        soup = BeautifulSoup(html, "lxml")
        assert soup.find("img") is None and soup.find("script") is None
        assert not any(a["href"].startswith("javascript") for a in soup.find_all("a"))
        assert "{!/etc/hostname!}" in soup.get_text()


def test_register_text_in_json_ld_cannot_end_its_script_element(tmp_path):
    reg = _hostile_register(tmp_path)
    for doc in reg.documents:
        data = views.json_ld(reg, doc, "sv", "https://example.org/")
        assert "<" not in data and ">" not in data
        import json
        assert json.loads(data)["name"] == HOSTILE_TEXT


def test_register_text_in_the_feed_is_xml_text(tmp_path):
    import xml.etree.ElementTree as ET
    reg = _hostile_register(tmp_path)
    feed = ET.fromstring(views.atom_feed(reg, "sv", "https://example.org/", "Site").encode())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}content")]
    assert HOSTILE_TEXT in titles


def test_terminology_and_assessment_values_are_literal_text():
    html = render(terminology.glossary_markdown([{"sv": HOSTILE_TEXT, "en": HOSTILE_TEXT,
                                                  "note": {"sv": HOSTILE_TEXT, "en": HOSTILE_TEXT}}], "en",
                                                ui.load(ROOT / "docs")["en"]))
    assert published.content_findings(html) == []
    assert BeautifulSoup(html, "lxml").find("img") is None
    from styrdok.render import assessment
    record = {"built": HOSTILE_TEXT, "pages": HOSTILE_TEXT, "tools": {"axe-core": HOSTILE_TEXT,
              "vnu-jar": "1"}, "axe_tags": [HOSTILE_TEXT]}
    html = render(assessment.statement_markdown(record, content.load(ROOT / "docs").ui["sv"]))
    assert published.content_findings(html) == []
    assert BeautifulSoup(html, "lxml").find("img") is None


# --- files stay inside docs/ -----------------------------------------------------------------------

def _problems(project) -> list:
    with pytest.raises(ContentError) as error:
        content.load(project / "docs", project)
    return error.value.problems


def _one(project, file: str, fragment: str):
    found = [p for p in _problems(project) if p.file == file]
    assert found, [str(p) for p in _problems(project)]
    assert fragment in found[0].en, str(found[0])
    assert found[0].sv and found[0].fix_sv and found[0].fix_en
    return found[0]


TREE_CASES = {
    # name: (path under docs/, how to make it, expected English words)
    "a symbolic link to a file": ("{lang}/lank.md", lambda p: os.symlink("/etc/hostname", p), "A symbolic link"),
    "a symbolic link to a folder": ("{lang}/mapp", lambda p: os.symlink("/etc", p), "A symbolic link"),
    "an HTML file": ("{lang}/sida.html", lambda p: p.write_text("<script>alert(1)</script>"),
                     "This kind of file is not published"),
    "an SVG image": ("{lang}/bild.svg", lambda p: p.write_text('<svg><script href="x.js"/></svg>'),
                     "This kind of file is not published"),
    "a script file": ("assets/x.js", lambda p: p.write_text("alert(1)"), "This kind of file is not published"),
    "a redirects file": ("_redirects", lambda p: p.write_text("/* https://evil.example 301"),
                         "This kind of file is not published"),
    "a page with another Markdown suffix": ("{lang}/sida.markdown", lambda p: p.write_text("# x"),
                                            "only .md is checked"),
    "a page whose name starts with dots": ("{lang}/..sida.md", lambda p: p.write_text("# x"),
                                           "The name starts with a dot"),
    "a page name with capitals and spaces": ("{lang}/Min Sida.md", lambda p: p.write_text("# x"),
                                             "may only have lower-case letters"),
    "a file that is not UTF-8": ("{lang}/latin.md", lambda p: p.write_bytes(b"---\ntitle: \xe5\n---\n"),
                                 "not saved as UTF-8"),
    "a huge file": ("{lang}/stor.md", lambda p: p.write_text("Text.\n" * 100_000), "too large"),
    "a line of many thousand characters": ("{lang}/lang.md", lambda p: p.write_text("#" + " " * 9000 + "x\n"),
                                           "The line is too long"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(TREE_CASES))
def test_files_that_may_not_be_published_are_refused_before_anything_reads_them(project, name, lang):
    rel, make, words = TREE_CASES[name]
    rel = rel.format(lang=lang)
    path = project / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    _one(project, f"docs/{rel}", words)


INCLUDE_CASES = {
    "{!/etc/hostname!}": "is an absolute path",
    "{!/etc/hostname!lines=1}": "is an absolute path",
    "{! /etc/hostname !lines=1 2-3}": "is an absolute path",
    "{!~/.bashrc!}": "is an absolute path",
    "{!../../mkdocs.yml!}": "points outside the folder docs/_includes",
    "{!sv/../../../mkdocs.yml!lines=1}": "points outside the folder docs/_includes",
    "{!sv/saknas.md!}": "does not exist",
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("include", sorted(INCLUDE_CASES))
def test_every_form_of_include_is_held_to_the_includes_folder(project, include, lang):
    page = project / "docs" / lang / "ordlista.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{include}\n", encoding="utf-8")
    problem = _one(project, f"docs/{lang}/ordlista.md", INCLUDE_CASES[include])
    assert problem.line == len(page.read_text(encoding="utf-8").splitlines())


def test_an_include_inside_a_fragment_is_checked_too(project):
    fragment = project / "docs" / "_includes" / "sv" / "arendet-syfte.md"
    fragment.write_text(fragment.read_text(encoding="utf-8") + "\n{!/etc/hostname!lines=1}\n", encoding="utf-8")
    _one(project, "docs/_includes/sv/arendet-syfte.md", "is an absolute path")


def test_the_include_step_itself_refuses_what_the_checks_would(tmp_path):
    """The guard sits in markdown-include's own file opener: every form, nesting, composed names."""
    base = tmp_path / "_includes"
    (base / "sv").mkdir(parents=True)
    (base / "sv" / "ok.md").write_text("Hej.", encoding="utf-8")
    (base / "sv" / "nested.md").write_text("{!/etc/hostname!}", encoding="utf-8")
    (base / "sv" / "half.md").write_text("{!../../etc/host", encoding="utf-8")
    os.symlink("/etc/hostname", base / "sv" / "link.md")
    md = lambda: markdown.Markdown(extensions=[includes.SafeInclude({"base_path": str(base)})])  # noqa: E731
    assert "Hej." in md().convert("{!sv/ok.md!}")
    for text in ("{!/etc/hostname!lines=1}", "{! ../../../../etc/hostname !}", "{!sv/nested.md!}",
                 "{!sv/link.md!}", "{!sv/half.md!}name!}"):
        with pytest.raises(includes.IncludeRefused):
            md().convert(text)


def test_symbolic_links_in_the_includes_folder_are_refused(project, tmp_path):
    (tmp_path / "secret.md").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.md", project / "docs" / "_includes" / "sv" / "link.md")
    _one(project, "docs/_includes/sv/link.md", "A symbolic link")


# --- YAML and front matter -------------------------------------------------------------------------

YAML_CASES = {
    "an alias bomb": ('a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
                      'c: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n', "anchors and aliases", 1),
    "a Python tag": ('x: !!python/object/apply:os.system ["id"]\n', "YAML tag", 1),
}


@pytest.mark.parametrize("name", sorted(YAML_CASES))
def test_yaml_that_could_run_code_or_explode_is_refused_with_its_line(project, name):
    text, words, line = YAML_CASES[name]
    register = project / "docs" / content.REGISTER_FILE
    register.write_text(text + register.read_text(encoding="utf-8"), encoding="utf-8")
    problem = _one(project, "docs/_data/register.yml", words)
    assert problem.line == line


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", ["template: main.html", "hide: [footer]", "search: {exclude: true}"])
def test_front_matter_keys_the_theme_would_obey_are_refused(project, key, lang):
    page = project / "docs" / lang / "ordlista.md"
    edit(page, "---\n", f"---\n{key}\n")
    problem = _one(project, f"docs/{lang}/ordlista.md", "which is not allowed")
    assert problem.line == 2


# --- bounded work ----------------------------------------------------------------------------------

BOUNDED = {
    "a heading of many spaces": "#" + " " * 4900 + "x" + " " * 10 + "\n",
    "unmatched backticks": " `a" * 1600 + "\n",
    "unclosed brackets and links": ("[a](" * 1200 + "\n") * 40,
    "unclosed autolinks": "<a:" * 1600 + "\n",
    "unclosed reference definitions": "[" + "a" * 4000 + "\n" * 2 + ("[x\n" * 2000),
}


@pytest.mark.parametrize("name", sorted(BOUNDED))
def test_hostile_text_is_checked_in_bounded_time(project, name):
    """A check that grew with the square or cube of a line took minutes; now each is linear.
    The subprocess's time limit turns a regression into a failure instead of a stalled CI."""
    page = project / "docs" / "sv" / "ordlista.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + BOUNDED[name], encoding="utf-8")
    code = ("import sys; from pathlib import Path; from styrdok.model import content; from styrdok.checks import spelling, safety\n"
            "from styrdok.problems import ContentError\n"
            f"p = Path({str(project)!r})\n"
            "try:\n    content.load(p / 'docs', p)\nexcept ContentError:\n    pass\n"
            "spelling.prose_lines((p / 'docs/sv/ordlista.md').read_text())\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
