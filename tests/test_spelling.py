"""Spelling over a small site: one hunspell per language for every page, fragment and data text,
each unknown word told on its own file and line, whatever came before it."""

from __future__ import annotations

import shutil

import pytest

from styrdok.checks import spelling
from styrdok.model import content

pytestmark = [pytest.mark.unit,
              pytest.mark.skipif(not shutil.which("hunspell"), reason="hunspell: make check installs it")]

CONFIG = "plugins:\n  - i18n:\n      languages:\n        - locale: sv\n          default: true\n        - locale: en\n"


def small_site(tmp_path, files: dict[str, str]):
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for rel, text in {"_data/ordlista-stavning.txt": "Häggdahl\n", **files}.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content.read(tmp_path / "docs", tmp_path)


def test_each_unknown_word_is_told_on_its_file_and_line_after_lines_without_words(tmp_path):
    site = small_site(tmp_path, {
        "sv/a.md": "# Rubrik\n\n- – .\n\nEn straetgi.\n",
        "sv/b.md": "Häggdahl skriver.\n\nEn nyare tekst.\n",
        # A text of several lines, and one made only of placeholders, in a data file.
        "_data/ui.yml": "intro:\n  sv: |\n    Första raden.\n\n    Andra raden med fell.\n  en: |\n    First.\n"
                        "only_fields:\n  sv: \"{date}\"\n  en: \"{date}\"\n",
        "en/a.md": "A wrod.\n",
    })
    found = {(p.file, p.line, p.en.split("'")[1]) for p in spelling.check(site)}
    assert found == {("docs/sv/a.md", 5, "straetgi"), ("docs/sv/b.md", 3, "tekst"),
                     ("docs/_data/ui.yml", 2, "fell"), ("docs/en/a.md", 1, "wrod")}


def test_the_word_list_is_read_from_the_run(tmp_path):
    site = small_site(tmp_path, {"sv/a.md": "Häggdahl och Zqxwv.\n", "_data/ordlista-stavning.txt": "Zqxwv\nHäggdahl\n"})
    assert spelling.check(site) == []
    (tmp_path / "docs" / "_data" / "ordlista-stavning.txt").write_text("Häggdahl\n", encoding="utf-8")
    assert spelling.check(site) == []  # the run's copy, read once, not the disk's newer one
