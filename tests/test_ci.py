"""CI as the workflow file says it: linted, the content check first and alone, history where it is
read, a preview whatever the tests say, the production build warning before merge; and the
preview's overlay changes only what opening from disk needs. In process, no build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, ROOT

pytestmark = pytest.mark.unit

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
SAFE_DIRECTORY = 'git config --global --add safe.directory "$GITHUB_WORKSPACE"'


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint (requirements-test.txt) with shellcheck for the run: scripts, both from the venv."""
    return subprocess.run([str(BIN / "actionlint"), "-shellcheck", str(BIN / "shellcheck"), "-pyflakes=",
                           "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def uses(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]


def triggers(job: dict) -> str:
    return job.get("if", "")


def test_the_workflows_pass_actionlint():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_actionlint_finds_what_it_is_there_for(tmp_path):
    """The lint above can fail: a wrong expression, a script injection and a shell mistake."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.event.pull_request.title }}\n"
                      "      - if: ${{ github.evnt_name == 'push' }}\n        run: echo ok\n"
                      "      - run: cd $HOME/x; rm -rf $unset/*\n", encoding="utf-8")
    found = actionlint(broken).stdout
    assert "[expression]" in found  # github.evnt_name
    assert "potentially untrusted" in found  # the title, written into the script
    assert "shellcheck reported issue" in found  # unquoted variables


def test_the_content_check_starts_first_and_runs_alone():
    jobs = workflow()["jobs"]
    content = jobs["content"]
    assert "needs" not in content and "if" not in content  # every push, every pull request, at once
    commands = runs(content)
    assert commands[-1] == "make check"
    assert not [c for c in commands if re.search(r"make (test|build)|pytest|docs\.py (build|preview)", c)]
    # The environment and Debian's dictionaries come from caches keyed on what makes them.
    cached = {step["with"]["path"]: step["with"]["key"] for step in uses(content, "actions/cache")}
    assert "requirements-test.txt" in cached[".venv"] and "pyproject.toml" in cached[".venv"]
    assert ".cache/debs" in cached and ".cache/pip" in cached
    # Exactly the Debian packages make check installs when they are missing.
    script = (ROOT / "scripts" / "install-system-packages.sh").read_text(encoding="utf-8")
    wanted = re.findall(r"need\+=\(([\w-]+)\)", script.split('if [ "${1:-test}" = "test" ]')[0])
    setup = next(c for c in commands if "dpkg -i .cache/debs/" in c)
    installed = re.search(r'archives="\$PWD/\.cache/debs" ([\w -]+)\n', setup).group(1).split()
    assert wanted and installed == wanted
    # The whole suite waits for the content: a failing test is then the code's fault.
    assert jobs["test"]["needs"] == "content" and "make test" in runs(jobs["test"])


def test_every_checkout_reads_history_as_the_container_allows():
    """The strict build dates the accessibility statement from git history: every job that checks
    out fetches all of it, and tells the container's git that the runner's checkout is safe before
    anything else runs. No job leaves its token in the checkout."""
    jobs = workflow()["jobs"]
    checked_out = [name for name, job in jobs.items() if uses(job, "actions/checkout")]
    assert set(checked_out) == set(jobs) - {"publish"}
    for name in checked_out:
        steps = jobs[name]["steps"]
        checkout = uses(jobs[name], "actions/checkout")[0]
        assert steps.index(checkout) == 0, name
        assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False, name
        first_run = next(step["run"] for step in steps if "run" in step)
        assert first_run == SAFE_DIRECTORY, name
    assert "steps" in jobs["publish"] and not [s for s in jobs["publish"]["steps"] if "run" in s]


def test_the_preview_is_built_whatever_the_tests_say():
    preview = workflow()["jobs"]["preview"]
    assert "needs" not in preview and triggers(preview) == "github.event_name == 'pull_request'"
    build = next(c for c in runs(preview) if "docs.py preview" in c)
    folder = re.search(r"--site-dir (\S+)", build).group(1)
    upload = uses(preview, "actions/upload-artifact")[0]
    assert upload["with"]["path"] == folder and upload["with"]["if-no-files-found"] == "error"
    assert "if" not in upload  # uploaded whenever the build succeeded


def test_the_guide_and_the_template_say_where_the_preview_is():
    name = uses(workflow()["jobs"]["preview"], "actions/upload-artifact")[0]["with"]["name"]
    for path in ("docs/sv/medverka.md", "docs/en/medverka.md", ".github/pull_request_template.md"):
        assert f"`{name}`" in (ROOT / path).read_text(encoding="utf-8"), path


def test_the_production_build_warns_before_merge_and_never_blocks():
    from styrdok.model import operator_settings as operator
    jobs = workflow()["jobs"]
    production = jobs["production"]
    assert "github.event_name == 'pull_request'" in triggers(production) and "base_ref == 'main'" in triggers(production)
    assert not [name for name, job in jobs.items() if "production" in str(job.get("needs", ""))]
    build = next(step for step in production["steps"] if step.get("id") == "production")
    assert build["continue-on-error"] is True and build["run"].startswith("make build")
    # The stand-in address is off this machine, so the build requires the operator's settings.
    site_url = re.sub(r"\$\{\{[^}]*\}\}", "x", build["env"]["SITE_URL"])
    assert operator.production(site_url)
    problems = operator.production_problems({}, site_url)
    assert {p.file for p in problems} == {"docs/_data/webbplatsen.yml"}
    assert all(p.fix_sv.startswith("Fyll i '") for p in problems)  # the build's own words, in the log
    # When it fails, the job says so in Swedish on the settings file and the summary page.
    told = next(step["run"] for step in production["steps"] if step.get("if") == "steps.production.outcome == 'failure'")
    assert "::warning file=docs/_data/webbplatsen.yml" in told and "fyll i" in told and "GITHUB_STEP_SUMMARY" in told
    # Never part of the README's test command or CI's entry point.
    assert "SITE_URL" not in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "SITE_URL" not in makefile.split("\ntest:")[1].split("\n\n")[0]


def test_the_workflow_uses_only_actions_that_run_on_node_24():
    """GitHub removed Node 20 from its runners (September 2026): no action of a retired major."""
    retired = {"actions/checkout": 4, "actions/cache": 4, "actions/upload-artifact": 5, "actions/configure-pages": 5,
               "actions/upload-pages-artifact": 4, "actions/deploy-pages": 4}
    for job in workflow()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                action, _, version = step["uses"].partition("@v")
                assert action in retired and int(version) > retired[action], step["uses"]


# --- the preview's overlay ----------------------------------------------------------------------

def load(config: str):
    from mkdocs.config import load_config
    return load_config(config_file=str(ROOT / config), site_dir=str(ROOT / "site-unused"))


def resolved(settings: dict) -> dict:
    """Extension settings with MkDocs' !relative paths as the paths they stand for."""
    return {name: {key: os.fspath(value) if isinstance(value, os.PathLike) else value for key, value in options.items()}
            for name, options in settings.items()}


def test_the_preview_overlay_changes_only_what_opening_from_disk_needs():
    overlay = yaml.safe_load((ROOT / "preview.yml").read_text(encoding="utf-8"))
    assert overlay == {"INHERIT": "mkdocs.yml", "use_directory_urls": False, "site_url": overlay["site_url"],
                       "extra": {"preview": True}}
    from styrdok.model import operator_settings as operator
    assert not operator.production(overlay["site_url"])  # a local build: never published
    site, preview = load("mkdocs.yml"), load("preview.yml")
    assert preview.use_directory_urls is False and site.use_directory_urls is True
    assert not site.extra.get("preview") and preview.extra["preview"] is True
    # The same plugins with the same settings, the same Markdown, theme and checks.
    assert list(preview.plugins) == list(site.plugins)
    assert [dict(p.config) for p in preview.plugins.values()] == [dict(p.config) for p in site.plugins.values()]
    assert preview.markdown_extensions == site.markdown_extensions
    assert resolved(preview.mdx_configs) == resolved(site.mdx_configs)
    assert preview.theme.dirs == site.theme.dirs and dict(preview.validation) == dict(site.validation)
    assert preview.nav == site.nav and preview.exclude_docs == site.exclude_docs


def test_page_addresses_follow_use_directory_urls():
    from styrdok.render import views
    for page in yaml.safe_load(re.sub(r"!\w+", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))["nav"]:
        stem = page[: -len(".md")]
        for lang in LANGUAGES:
            prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
            assert views.page_path(page, lang, LANGUAGES[0], directory_urls=False) == f"{prefix}{stem}.html"
            assert views.page_path(page, lang, LANGUAGES[0]) == prefix + ("" if stem == "index" else f"{stem}/")


# --- the editors' guide says what CI and the register say --------------------------------------

GUIDES = {"sv": ROOT / "docs" / "sv" / "medverka.md", "en": ROOT / "docs" / "en" / "medverka.md"}


def guide(lang: str) -> str:
    return " ".join(GUIDES[lang].read_text(encoding="utf-8").split())


def section(lang: str, anchor: str) -> str:
    text = guide(lang)
    start = text.index(f"{{#{anchor}}}")
    return text[start: text.find(" ## ", start)]


def test_the_guide_names_each_status_as_the_site_writes_it():
    from styrdok.model import register, ui
    texts = ui.load(ROOT / "docs")
    for lang in GUIDES:
        statuses = section(lang, "status")
        for status in register.STATUSES:
            assert f"| `{status}` |" in statuses, (lang, status)
            for piece in re.split(r"\{\w+\}", texts[lang][f"status_{status}"]):
                assert piece.strip() in statuses, (lang, piece)
            # The English guide gives the Swedish words too, marked as Swedish.
            first = re.split(r"\{\w+\}", texts["sv"][f"status_{status}"])[0].strip()
            assert lang == "sv" or re.search(rf'\*{re.escape(first)}[^*]*\*\{{: lang="sv" \}}', statuses), first


def test_the_guides_adoption_steps_name_every_field_the_register_requires():
    from styrdok.model import register
    for lang in GUIDES:
        steps = section(lang, "antaget")
        # What the adoption changes (tests/test_editorial_journey.py follows the same steps): the
        # decided document's fields, the proposal's field it loses, both relations and their mirrors.
        fields = [*register.STATUS_FIELDS["adopted"]["required"], *register.STATUS_FIELDS["proposal"]["required"],
                  "reference", "sources", "history", *register.PROPOSED]
        for field in fields:
            assert f"`{field}" in steps, (lang, field)
        assert "`status: adopted`" in steps and "`adopts:`" in steps and "`adopted_by:`" in steps
        replacing = section(lang, "ersatt")
        for field in ("replaces:", "replaced_by:", "status: replaced", "nav:", "translation_of:", "document:"):
            assert f"`{field}" in replacing, (lang, field)


def test_the_guide_lists_every_operator_setting_and_which_are_required():
    from styrdok.model import operator_settings as operator
    answer = {"sv": ("Ja", "Nej"), "en": ("Yes", "No")}
    for lang in GUIDES:
        rows = {row.split("|")[1].strip(): row.split("|")[-2].strip()
                for row in GUIDES[lang].read_text(encoding="utf-8").splitlines() if row.startswith("| `")}
        for key, (_, required, _, _) in operator.FIELDS.items():
            assert rows.get(f"`{key}`") == answer[lang][0 if required else 1], (lang, key)
        settings = section(lang, "webbplatsens-uppgifter")
        for key in (*operator.RECORDS, *operator.REVIEW_FIELDS, *operator.CONFORMANCE):
            assert f"`{key}`" in settings, (lang, key)


def test_the_guide_quotes_the_line_that_says_a_failing_test_is_the_codes_fault():
    import code_failure_report
    assert code_failure_report.MESSAGE_SV in guide("sv")
    assert code_failure_report.MESSAGE_EN in guide("en")
