"""An editor's mistake stops the build with a clear message, and nothing half-built is published."""

from __future__ import annotations

import pytest

from conftest import append, edit, load_register_data, replace_line, run_build, save_register_data

pytestmark = pytest.mark.build


def build_fails(project, tmp_path):
    site_dir = tmp_path / "published"
    result = run_build(project, site_dir)
    assert result.returncode != 0, result.stdout
    assert not site_dir.exists(), "a failed build must publish nothing"
    return result.stdout + result.stderr


def test_a_good_copy_builds(project, tmp_path):
    result = run_build(project, tmp_path / "published")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "published" / "en" / "strategi" / "index.html").is_file()


def test_a_missing_english_page_fails_the_build_and_names_the_file(project, tmp_path):
    (project / "docs" / "en" / "ordlista.md").unlink()
    output = build_fails(project, tmp_path)
    assert "docs/en/ordlista.md" in output
    assert "The English translation of docs/sv/ordlista.md is missing." in output
    assert "Den engelska översättningen av docs/sv/ordlista.md saknas." in output


def test_a_missing_swedish_page_fails_the_build(project, tmp_path):
    (project / "docs" / "en" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    output = build_fails(project, tmp_path)
    assert "The Swedish original of docs/en/extra.md is missing." in output


def test_a_failed_build_leaves_the_published_site_as_it_was(project, tmp_path):
    site_dir = tmp_path / "published"
    assert run_build(project, site_dir).returncode == 0
    before = (site_dir / "strategi" / "index.html").read_bytes()
    (project / "docs" / "en" / "strategi.md").unlink()
    assert run_build(project, site_dir).returncode != 0
    assert (site_dir / "strategi" / "index.html").read_bytes() == before
    assert (site_dir / "en" / "strategi" / "index.html").is_file()


def test_broken_front_matter_names_the_file_and_line(project, tmp_path):
    page = project / "docs" / "sv" / "ordlista.md"
    replace_line(page, r"^title: (.*)$", r"title: \1: ord")
    output = build_fails(project, tmp_path)
    assert "docs/sv/ordlista.md:2" in output
    assert "The value contains a colon (:), so YAML reads the rest as a new field." in output
    assert 'Sätt raka citattecken runt hela värdet' in output


def test_a_reference_number_that_differs_between_languages_fails(project, tmp_path):
    page = project / "docs" / "en" / "strategi.md"
    edit(page, "171-482/2016", "171-428/2016")
    output = build_fails(project, tmp_path)
    assert "'171-482/2016' is in docs/sv/strategi.md" in output
    assert "'171-428/2016' is in the English page but not in docs/sv/strategi.md" in output
    assert "docs/en/strategi.md" in output


def test_document_pages_that_disagree_on_the_document_fail(project, tmp_path):
    page = project / "docs" / "en" / "strategi.md"
    edit(page, "document: internationell-strategi-2016", "document: overgripande-mal-2007")
    output = build_fails(project, tmp_path)
    assert "docs/en/strategi.md:4" in output
    # (The message names the Swedish page and its line too.)
    assert "The page belongs to the document 'overgripande-mal-2007', but the Swedish page " \
           "(docs/sv/strategi.md, line 4) to 'internationell-strategi-2016'." in output


def test_a_bad_register_fails_the_build_before_anything_is_written(project, tmp_path):
    register = project / "docs" / "_data" / "register.yml"
    edit(register, "status: adopted", "status: gäller")
    output = build_fails(project, tmp_path)
    assert "docs/_data/register.yml:" in output and "Unknown status 'gäller'" in output


def test_an_unknown_generated_marker_is_refused(project, tmp_path):
    page = project / "docs" / "sv" / "andringslogg.md"
    edit(page, "generated: changelog", "generated: changelogg")
    output = build_fails(project, tmp_path)
    assert "docs/sv/andringslogg.md" in output and "Unknown marker 'generated: changelogg'" in output


def test_a_missing_include_fails_the_build(project, tmp_path):
    (project / "docs" / "_includes" / "en" / "arendet-syfte.md").unlink()
    output = build_fails(project, tmp_path)
    assert "arendet-syfte.md" in output


def test_a_dangling_link_fails_the_strict_build(project, tmp_path):
    page = project / "docs" / "en" / "ordlista.md"
    append(page, "See [this](missing.md).")
    output = build_fails(project, tmp_path)
    assert "The link 'missing.md' points at a page that does not exist (docs/en/missing.md)." in output


def test_a_document_whose_page_is_missing_fails_the_build(project, tmp_path):
    data = load_register_data(project)
    data["documents"][-1]["page"] = "finns-inte.md"
    save_register_data(project, data)
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "page: finns-inte.md, but the file docs/sv/finns-inte.md does not exist" in result.stderr


def test_a_document_page_without_its_document_line_fails_the_build(project, tmp_path):
    edit(project / "docs" / "sv" / "agardirektiv.md", "document: sbr-kompletterande-agardirektiv\n", "")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "docs/sv/agardirektiv.md:1" in result.stderr
    assert "the front matter lacks document:" in result.stderr


def test_a_comparison_across_pages_found_while_the_pages_are_written_still_stops_the_build(project, tmp_path):
    """The glossary, headings and source comparisons run beside the page writing: a problem they
    find is reported, with its line, and nothing is published."""
    page = project / "docs" / "en" / "strategi.md"
    text = page.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## "))
    edit(page, heading, "#" + heading)
    output = build_fails(project, tmp_path)
    assert "docs/en/strategi.md" in output and "Heading no." in output
