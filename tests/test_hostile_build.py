"""The hostile-input suite, real builds: a payload stops the build with file and line and publishes
nothing; hostile data values are published as plain text (tests/test_hostile.py has the rest)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, edit, load_register_data, run_build, save_register_data
from styrdok.model import content
from styrdok.output import published

pytestmark = pytest.mark.build


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_attribute_payload_stops_the_build_with_file_and_line(project, tmp_path, lang):
    page = project / "docs" / lang / "ordlista.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n[x](https://example.org){: onclick="alert(1)" }\n',
                    encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"❌ docs/{lang}/ordlista.md:{line}" in output
    assert "the attribute onclick= on <a>" in output and "attributet onclick= på <a>" in output
    assert not site_dir.exists()


def test_hostile_data_values_are_published_as_plain_text(project, tmp_path):
    """Front matter written with YAML escapes, a description that tries to leave its attribute,
    register and terminology text with markup and include syntax: all shown as text."""
    for lang in LANGUAGES:
        page = project / "docs" / lang / "ordlista.md"
        text = page.read_text(encoding="utf-8").split("\n")
        text[1] = 'title: "Ord \\x3cimg src=x onerror=alert(1)\\x3e"'
        text[2] = 'description: \'" http-equiv="refresh" content="0;url=https://evil.example\''
        page.write_text("\n".join(text), encoding="utf-8")
    data = load_register_data(project)
    noted = next(doc for doc in data["documents"] if doc.get("note"))
    noted["note"]["sv"] = "<img src=x onerror=alert(1)> {!/etc/hostname!} " + noted["note"]["sv"]
    save_register_data(project, data)
    edit(project / "docs" / content.TERMINOLOGY_FILE, "terms:\n",
         'terms:\n  - sv: "<script>alert(1)</script>"\n    en: "</td><img src=x onerror=alert(1)>"\n')
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    for html_file in site_dir.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert published.document_findings(html) == [], html_file
        soup = BeautifulSoup(html, "lxml")
        assert not soup.find_all("img"), html_file
        assert not [s for s in soup.find_all("script") if not s.get("src")
                    and s.get("type") != "application/ld+json"], html_file
        assert len(soup.find_all("meta", attrs={"http-equiv": True})) == 1, html_file
    soup = BeautifulSoup((site_dir / "ordlista" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.title.get_text().startswith("Ord <img src=x onerror=alert(1)>")
    assert "Ord <img src=x onerror=alert(1)>" in soup.select_one("nav.md-nav--primary").get_text()
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith('" http-equiv=')
    assert "<script>alert(1)</script>" in soup.select_one("article table").get_text()
    # The include syntax in a register note reached the page as text, not as the file's content.
    directive = BeautifulSoup((site_dir / noted["page"][:-3] / "index.html").read_text(encoding="utf-8"), "lxml")
    assert directive.select_one(".register-note").get_text().startswith("<img src=x onerror=alert(1)> {!/etc/hostname!} ")


def test_a_template_that_would_publish_a_script_link_stops_the_build(project, tmp_path):
    """The document rules are the backstop for the templates too (the check runs as each page is written)."""
    partial = project / "overrides" / "partials" / "register" / "metadata.html"
    edit(partial, "<dl>", '<dl><a href="javascript:alert(1)">x</a>')
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not site_dir.exists()
    from conftest import ROOT
    from styrdok.model.register import load_register
    for doc in load_register(ROOT / "docs" / "_data" / "register.yml").documents:
        for lang in LANGUAGES:  # every document page in both languages, each named
            assert (f"The published page (docs/{lang}/{doc.page}) would contain the link "
                    f"href=\"javascript:alert(1)\"") in output
    assert "That is not allowed in the page template." in output
    # The 404 template shows the same rules at work on a template of its own.
    edit(partial, '<dl><a href="javascript:alert(1)">x</a>', "<dl>")
    edit(project / "overrides" / "404.html", "<h1 id=", '<h1 onclick="x()" id=')
    result = run_build(project, site_dir)
    assert result.returncode != 0 and "❌ overrides/404.html" in result.stdout + result.stderr
