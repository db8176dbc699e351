"""An English page records which Swedish text it translates; the record survives YAML's readings."""

from __future__ import annotations

import pytest

from styrdok.checks import drift

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("current", ["00151104", "12345678", "1e100000", "c0288b9c-00000007"])
def test_a_recorded_hash_is_read_back_as_written_even_when_yaml_would_read_a_number(tmp_path, monkeypatch, current):
    docs = tmp_path / "docs"
    for lang in ("sv", "en"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "sida.md").write_text("---\ntitle: Sida\n---\n\nText.\n", encoding="utf-8")
    monkeypatch.setattr(drift, "source_hash", lambda page, docs_dir: current)
    assert drift.mark_translated(docs / "en" / "sida.md", docs) == current
    now, recorded, _ = drift.status("sida.md", docs, tmp_path)
    assert recorded == now == current
    assert drift.check(docs, tmp_path) == []
