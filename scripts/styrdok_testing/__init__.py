"""Helpers shared by the tests (tests/) and the benchmark (scripts/styrdok_benchmark): not part of
the shipped package (pyproject.toml lists only styrdok and mkdocs_styrdok)."""
