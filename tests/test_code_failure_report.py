"""An editor whose content passed `make check` but whose pull request is red learns it is not theirs to fix."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.unit


def run_pytest(tmp_path, checked: bool, sample: str = "def test_ok():\n    pass\n\ndef test_broken():\n    assert 1 == 2\n") -> str:
    (tmp_path / "test_sample.py").write_text(sample, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tests"), GITHUB_ACTIONS="true",
               GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    env.pop("STYRDOK_CONTENT_CHECKED", None)
    if checked:
        env["STYRDOK_CONTENT_CHECKED"] = "1"
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "code_failure_report", "-p", "no:cacheprovider",
                             "-q", "test_sample.py"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    return result.stdout


def test_a_failing_test_after_the_content_check_is_told_as_the_codes_fault(tmp_path):
    output = run_pytest(tmp_path, checked=True)
    assert "Innehållet är i ordning; felet ligger i webbplatsens kod – be en utvecklare titta." in output
    assert "test_sample.py::test_broken" in output and "test_sample.py::test_ok" not in output
    assert "::error title=Webbplatsens kod::" in output
    assert "test_sample.py::test_broken" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_without_a_passed_content_check_nothing_is_claimed_about_the_content(tmp_path):
    assert "Innehållet är i ordning" not in run_pytest(tmp_path, checked=False)


def test_a_moved_published_address_is_not_told_as_the_codes_fault(tmp_path):
    """test_addresses.py fails when an editor renames a published heading: the message says what
    happened and what to do, not that the code is broken."""
    from code_failure_report import ADDRESS_SV, MESSAGE_SV
    sample = ("import pytest\n\n@pytest.mark.published_address\ndef test_address():\n    assert 1 == 2\n")
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    published_address: x\n", encoding="utf-8")
    output = run_pytest(tmp_path, checked=True, sample=sample)
    assert ADDRESS_SV.split(" (")[0] in output and MESSAGE_SV not in output
    assert "::error title=Publicerad adress::" in output
