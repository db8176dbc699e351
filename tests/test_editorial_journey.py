"""An editor's realistic changes, done as the guide says, reach green; CI's checks run on each.

Each journey edits a copy of the whole project (content, code and tests) the way the guide
(docs/*/medverka.md) tells an editor to, then runs what CI runs on content: `make check`'s checks,
the strict production build, and the test files whose expectations come from the content (on that
built site), then a reader's first steps in Chromium on the same site (test_smoke.py's subset). A
test that hard-coded today's content would fail here. The journeys find what they change from
the register, so they too keep working when the content changes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import (
    PROJECT_FILES,
    SERVED_SITE_DIR,
    SERVED_SITE_URL,
    Checked,
    check_copy,
    copy_project,
    load_register_data,
    save_register_data,
    served,
)
from styrdok.model import content
from test_smoke import run_all as run_smoke_checks

pytestmark = [pytest.mark.build, pytest.mark.long]

CONTENT_TESTS = ["tests/test_content.py", "tests/test_register_site.py", "tests/test_truth.py",
                 "tests/test_statement.py", "tests/test_build.py"]


@pytest.fixture
def copy(tmp_path) -> Path:
    """The whole project, its tests too (the content tests run on the copy), but not this file."""
    return copy_project(tmp_path / "project", PROJECT_FILES + ("pytest.ini", "requirements.txt", "requirements-test.txt",
                                                              "tests", "deploy", ".github"),
                        leave_out=("test_editorial_journey.py",))


def paste_translation_lines(project: Path, output: str) -> bool:
    """What the guide says to do with each translation warning: paste its line into the English page."""
    pasted = False
    for file, line in re.findall(r"the translation_of: line \(line \d+\) in (\S+) with: (translation_of: \"[0-9a-f-]+\")", output):
        path = project / file
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^translation_of: .*$", line, text, count=1, flags=re.MULTILINE), encoding="utf-8")
        pasted = True
    for file, line in re.findall(r"(\S+):1\n   Varning: Sidan saknar translation_of:.*?\n.*?den här raden bland fälten överst i filen: "
                                 r"(translation_of: \"[0-9a-f-]+\")", output, re.DOTALL):
        path = project / file
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\n{line}\n", 1), encoding="utf-8")
        pasted = True
    return pasted


@pytest.fixture
def green(browser_context, browser_page, tmp_path):
    """``green(project)``: what CI runs on content passes on the project, and a reader's first steps
    work on its site. That is make check's checks (told as make check tells them); the production
    build, which is strict and runs the build's checks as make check's own build does; the
    content-derived tests on that site; and the browser smoke subset (test_smoke.py) on it, in the
    browser this worker already has open. With ``translated``, the editor first pastes each
    translation line the warnings give; without it, a Swedish edit waits for its translation, which
    the guide allows (a warning, not an error). Returns what the check found. The command itself,
    its exit code and printing, is proved once (test_editor_checks.py)."""
    def run(project: Path, translated: bool = True) -> Checked:
        check = check_copy(project)
        if translated and paste_translation_lines(project, check.output):
            check = check_copy(project)
        assert not check.failed, check.output
        if translated:
            assert not check.problems, check.output
        (tmp_path / "nginx").mkdir(exist_ok=True)
        with served(project, tmp_path / "nginx") as built:
            # Their temporary folders go in this test's own: pytest would otherwise tidy its shared
            # folder of earlier runs at the start of every run.
            tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                    f"--basetemp={tmp_path / 'content-tests'}", *CONTENT_TESTS],
                                   cwd=project, text=True, capture_output=True,
                                   env={**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
                                        SERVED_SITE_DIR: str(built.dir), SERVED_SITE_URL: built.url})
            assert tests.returncode == 0, tests.stdout[-4000:]
            run_smoke_checks(built, browser_context, browser_page.page, content.load(project / "docs").register)
        return check
    return run


def add_source(project: Path, name: str, text: str) -> None:
    """A later decision is added as a source text beside the first one (README, the register)."""
    (project / "docs" / "_data" / name).write_text(text, encoding="utf-8")


def add_to_nav(project: Path, page: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav:\n", f"nav:\n  - {page}\n", 1), encoding="utf-8")


def write_page(project: Path, lang: str, name: str, front: dict, body: str) -> None:
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in front.items()) + "---\n\n" + body
    (project / "docs" / lang / name).write_text(text, encoding="utf-8")


def add_source_entry(data: dict, name: str, title_sv: str, title_en: str, date: str) -> None:
    """The decision's text is listed under sources: with its title and date (the guide's step 1)."""
    data["sources"].append({"file": name, "title": {"sv": title_sv, "en": title_en}, "date": date})


def test_a_decided_proposal_is_recorded_with_its_decision(copy, green):
    """The guide's adoption steps: the decision's text as a source, then the status and the decision."""
    data = load_register_data(copy)
    proposal = next((d for d in data["documents"] if d["status"] == "proposal"), None)
    if proposal is None:
        pytest.skip("the register holds no proposal today")
    body = data["labels"]["bodies"][proposal["to_be_decided_by"]]["sv"]
    add_source(copy, "beslut-2017-03-15.txt", f"{body} beslutade 2017-03-15 att anta förslaget (SBR 2017/12).\n")
    add_source_entry(data, "beslut-2017-03-15.txt", "Styrelsens beslut 2017-03-15", "The board's decision of 2017-03-15",
                     "2017-03-15")
    decider = proposal.pop("to_be_decided_by")
    proposal.update(status="adopted", decided_by=decider, decision_date="2017-03-15", reference="SBR 2017/12")
    relations = proposal["relations"]
    for target in relations.pop("proposes_adoption", []):
        relations.setdefault("adopts", []).append(target)
        other = next(d for d in data["documents"] if d["id"] == target)
        other["relations"].pop("proposed_for_adoption_by", None)
        other["relations"].setdefault("adopted_by", []).append(proposal["id"])
    proposal["history"].append({"date": "2017-03-15", "major": True, "note": {
        "sv": "Styrelsen beslutade att anta förslaget.", "en": "The board decided to adopt the proposal."}})
    save_register_data(copy, data)
    green(copy)


def test_changing_only_the_status_of_a_proposal_is_refused_with_what_to_add(copy):
    data = load_register_data(copy)
    proposal = next((d for d in data["documents"] if d["status"] == "proposal"), None)
    if proposal is None:
        pytest.skip("the register holds no proposal today")
    proposal["status"] = "adopted"
    save_register_data(copy, data)
    check = check_copy(copy)
    assert check.failed
    # What to add, and what a decided document cannot have, each with the register's line.
    assert "har status: adopted men saknar decided_by:" in check.output
    assert "Lägg till decided_by: (skriv not_stated om beslutsunderlaget inte anger det)." in check.output
    assert "har status: adopted, men to_be_decided_by: gäller bara förslag" in check.output


def test_a_new_document_replaces_an_adopted_one(copy, green):
    data = load_register_data(copy)
    old = next(d for d in data["documents"] if d["status"] == "adopted")
    body = data["labels"]["bodies"]["kommunfullmaktige"]["sv"]
    add_source(copy, "beslut-2030-01-15.txt",
               f"{body} beslutade 2030-01-15 att anta Ny strategi (dnr 100-1/2030), som ersätter "
               f"{old['title']['sv']} (dnr {old['reference']}).\n")
    add_source_entry(data, "beslut-2030-01-15.txt", "Kommunfullmäktiges beslut 2030-01-15",
                     "The decision of Kommunfullmäktige of 2030-01-15", "2030-01-15")
    old["status"] = "replaced"
    old["relations"].setdefault("replaced_by", []).append("ny-strategi")
    data["documents"].insert(0, {
        "id": "ny-strategi", "type": old["type"], "page": "ny-strategi.md",
        "title": {"sv": "Ny strategi", "en": "New strategy"}, "status": "adopted",
        "decided_by": "kommunfullmaktige", "decision_date": "2030-01-15", "reference": "100-1/2030",
        "relations": {"replaces": [old["id"]]},
        "history": [{"date": "2030-01-15", "major": True, "note": {
            "sv": "Kommunfullmäktige beslutade att anta strategin.",
            "en": "Kommunfullmäktige decided to adopt the strategy."}}]})
    old["history"].append({"date": "2030-01-15", "major": True, "note": {
        "sv": "Ersatt av Ny strategi.", "en": "Replaced by the New strategy."}})
    save_register_data(copy, data)
    write_page(copy, "sv", "ny-strategi.md", {"title": "Ny strategi", "description": "Stadens nya strategi.",
                                              "document": "ny-strategi"}, "Strategin antogs genom beslutet.\n")
    write_page(copy, "en", "ny-strategi.md", {"title": "New strategy", "description": "The City's new strategy.",
                                              "document": "ny-strategi"}, "The strategy was adopted by the decision.\n")
    add_to_nav(copy, "ny-strategi.md")
    green(copy)


def test_a_new_page_in_both_languages(copy, green):
    write_page(copy, "sv", "nyheter.md", {"title": "Nyheter", "description": "Vad som är nytt på webbplatsen."},
               "# Nyheter\n\nHär berättar vi om nya dokument.\n")
    write_page(copy, "en", "nyheter.md", {"title": "News", "description": "What is new on the site."},
               "# News\n\nThis page tells you about new documents.\n")
    add_to_nav(copy, "nyheter.md")
    green(copy)


def test_a_swedish_edit_and_its_translation(copy, green):
    for lang, sentence in (("sv", "Sidan uppdateras när nya beslut fattas."),
                           ("en", "The page is updated when new decisions are made.")):
        page = copy / "docs" / lang / "index.md"
        page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
    green(copy)


def test_a_register_only_change(copy, green):
    data = load_register_data(copy)
    doc = data["documents"][-1]
    doc["history"].append({"date": str(doc["history"][0]["date"]), "major": False})
    save_register_data(copy, data)
    green(copy)


def test_a_swedish_edit_whose_translation_is_left_for_later(copy, green):
    page = copy / "docs" / "sv" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\nSidan uppdateras när nya beslut fattas.\n",
                    encoding="utf-8")
    check = green(copy, translated=False)
    # The warning stands on the file the editor changed and names the English page to update.
    assert "⚠️  docs/sv/index.md" in check.output and "docs/en/index.md" in check.output


def test_the_operator_fills_in_the_settings(copy, green):
    """The organisation that runs the site fills in docs/_data/webbplatsen.yml (README, "Publishing")."""
    import yaml

    from styrdok.model import operator_settings
    values = {"text": {"sv": "Stockholms stad, stadsledningskontoret", "en": "City of Stockholm, City Executive Office"},
              "email": "webbredaktion@stockholm.se", "phone": "08-508 29 000", "date": "2026-12-01"}
    settings = {key: dict(values[kind]) if kind == "text" else values[kind]
                for key, (kind, _, _, _) in operator_settings.FIELDS.items()}
    (copy / "docs" / "_data" / "webbplatsen.yml").write_text(yaml.safe_dump(settings, allow_unicode=True),
                                                             encoding="utf-8")
    green(copy)
