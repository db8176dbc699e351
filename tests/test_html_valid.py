"""Every built page is valid HTML according to the Nu Html Checker (vnu.jar, run with Java)."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = ROOT / "tests" / "html-validator-allowed.txt"


def allowed_messages() -> dict[str, str]:
    kept = {}
    for line in ALLOWED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            message, _, reason = line.partition(" | ")
            assert reason.strip(), f"{ALLOWED.name}: give the reason for keeping: {message}"
            kept[message.strip()] = reason.strip()
    return kept


def validate(paths) -> list[dict]:
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, paths)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stderr)["messages"]


# The checker applies the <meta> policy to pages read from disk, where no address is 'self', and
# to the JSON-LD data block, which no browser runs. Served over HTTP, the policy blocks nothing
# (test_server.py watches for violations in Chromium and proves the only inline script is JSON-LD).
CSP_FROM_DISK = ("Resource violates Content Security Policy (meta tag)",
                 "Inline script violates Content Security Policy (meta tag)")


def test_every_page_is_valid_html(site):
    """Every page of the site's own (and both 404 pages); the version history's hundreds of pages
    are three templates, checked one of each kind (test_history_site.py)."""
    pages = sorted(path for path in site.dir.rglob("*.html")
                   if not site.is_history(path.relative_to(site.dir).as_posix()))
    assert len(pages) >= 2 * len(site.pages("sv")) + 2  # the pages and both 404 pages
    kept = allowed_messages()
    problems = [f"{m['url'].split(site.dir.name, 1)[-1]}:{m.get('lastLine')}: {m['type']}: {m['message']}"
                for m in validate(pages)
                if m["type"] == "error" or (m["type"] == "info" and m.get("subType") == "warning")
                if m["message"] not in kept
                and not m["message"].startswith(CSP_FROM_DISK)]
    assert problems == []


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
def test_the_validator_reports_a_real_error(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="sv"><title>x</title><p><input type="checkbox" autocomplete="off"></html>',
                    encoding="utf-8")
    messages = validate([page])
    assert any(m["type"] == "error" and "autocomplete" in m["message"] for m in messages)
