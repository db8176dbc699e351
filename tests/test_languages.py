"""The language list comes from one place, mkdocs.yml's i18n settings, the original first."""

from __future__ import annotations

import pytest

from styrdok.model import languages

pytestmark = pytest.mark.unit


def test_the_languages_are_the_i18n_languages_default_first(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: !ENV [SITE_URL, x]\nplugins:\n  - search\n  - i18n:\n      languages:\n"
                      "        - locale: en\n        - locale: sv\n          default: true\n        - locale: fi\n",
                      encoding="utf-8")
    assert languages.from_config(config) == ("sv", "en", "fi")


def test_the_plugins_may_be_a_mapping_as_in_the_sites_own_settings(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  search: {}\n  i18n:\n    languages:\n      - locale: en\n"
                      "      - locale: sv\n        default: true\n", encoding="utf-8")
    assert languages.from_config(config) == ("sv", "en")


def test_a_site_copy_has_its_own_languages_not_those_read_at_import(tmp_path):
    # Nothing is read when the module is imported: a copy of the site with other languages gets its own.
    assert not hasattr(languages, "LANGUAGES")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - i18n:\n      languages:\n        - locale: fi\n"
                                         "          default: true\n        - locale: sv\n", encoding="utf-8")
    assert languages.of_docs(tmp_path / "docs") == ("fi", "sv")
