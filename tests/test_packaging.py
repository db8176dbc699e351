"""Packaging as the ecosystem expects it: a host runs `pip install -r requirements.txt`, then
`mkdocs build`, and nothing else (no Makefile, no Debian package, no network at build time).

A fresh virtual environment per test run would take half a minute and the network, so the pieces
are proved instead: requirements.txt installs the site's own package and pins exactly what the
code and mkdocs.yml need (with everything those need in turn, on Linux, macOS and Windows);
pyproject.toml declares exactly what the package imports; the wheel pip builds of the package
holds the package and its Swedish word list and no test or benchmark code; the installed package
finds its word list inside itself, never in /usr/share; the spelling check reads the same word
list; a copy of the project runs its own code.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT
from styrdok.checks import spelling
from styrdok.model import content
from styrdok.search import compounds

pytestmark = pytest.mark.build

SCRIPTS = ROOT / "scripts"
SHIPPED = ("styrdok", "mkdocs_styrdok")  # the packages pyproject.toml ships
FIRST_PARTY = {path.stem for path in SCRIPTS.iterdir() if path.suffix == ".py" or (path / "__init__.py").is_file()}
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NAME = canonicalize_name(PROJECT["project"]["name"])

# The platforms a host may build on: a dependency one of them needs must be pinned too.
PLATFORMS = [dict(default_environment(), sys_platform=sys_platform, platform_system=system, os_name=os_name, extra="")
             for sys_platform, system, os_name in (("linux", "Linux", "posix"), ("darwin", "Darwin", "posix"),
                                                   ("win32", "Windows", "nt"))]


# --- what the code and the configuration need ---------------------------------------------------------

def imported_modules(folder: Path) -> set[str]:
    """Top-level names of the modules the code in folder imports from outside the project and the
    standard library."""
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name not in FIRST_PARTY}


def distributions_of(modules: set[str]) -> set[str]:
    owners = metadata.packages_distributions()
    missing = modules - set(owners)
    assert not missing, f"imported but installed by no distribution: {missing}"
    return {canonicalize_name(dist) for module in modules for dist in owners[module]}


def package_imports() -> set[str]:
    """The distributions the shipped package imports."""
    return distributions_of(set().union(*(imported_modules(SCRIPTS / name) for name in SHIPPED)))


def configuration_needs() -> set[str]:
    """The distributions mkdocs.yml names: its theme, its plugins and its Markdown extensions."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV, !relative
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def names(entries) -> list[str]:
        return list(entries) if isinstance(entries, dict) else [e if isinstance(e, str) else next(iter(e))
                                                                  for e in entries or []]

    def by_entry_point(group: str, name: str) -> str | None:
        found = [ep for ep in metadata.entry_points(group=group) if ep.name == name]
        return canonicalize_name(found[0].dist.name) if found else None

    needs = {by_entry_point("mkdocs.themes", config["theme"]["name"])}
    needs |= {by_entry_point("mkdocs.plugins", name) for name in names(config.get("plugins"))}
    for name in names(config.get("markdown_extensions")):
        needs.add(by_entry_point("markdown.extensions", name) or distributions_of({name.split(".")[0]}).pop())
    assert None not in needs, needs
    return needs


def with_their_dependencies(names: set[str]) -> set[str]:
    """The names and everything they require, on any of PLATFORMS (no extras)."""
    seen, todo = set(), list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue  # needed on another platform only: pinned, but its own needs are not known here
        for requirement in map(Requirement, requires):
            if requirement.marker is None or any(requirement.marker.evaluate(env) for env in PLATFORMS):
                todo.append(requirement.name)
    return seen


NEEDED = with_their_dependencies(package_imports() | configuration_needs() | {NAME})


# --- the requirements file ---------------------------------------------------------------------------------

def read_requirements(text: str) -> tuple[list[str], list[Requirement]]:
    """(local package lines such as '-e .', requirements) of a requirements file's text."""
    local, requirements = [], []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-e ", "--editable ")) or line.startswith((".", "/")):
            local.append(line)
        elif not line.startswith("-"):
            requirements.append(Requirement(line))
    return local, requirements


def requirement_problems(text: str) -> dict[str, set[str]]:
    """What is wrong with a requirements.txt: needed but not pinned, pinned but not needed, and
    not pinned to one exact version."""
    _, requirements = read_requirements(text)
    pinned = {canonicalize_name(r.name) for r in requirements}
    return {"missing": NEEDED - pinned - {NAME},
            "not needed": pinned - NEEDED,
            "not exact": {r.name for r in requirements if len(r.specifier) != 1
                          or next(iter(r.specifier)).operator != "=="}}


REQUIREMENTS = (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_requirements_install_the_sites_own_package_editable():
    local, requirements = read_requirements(REQUIREMENTS)
    # Relative to the folder pip runs in: every host runs it in the repository, beside pyproject.toml.
    assert local == ["-e ."]
    assert NAME not in {canonicalize_name(r.name) for r in requirements}
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines()


def test_requirements_pin_exactly_what_the_code_and_the_configuration_need():
    assert requirement_problems(REQUIREMENTS) == {"missing": set(), "not needed": set(), "not exact": set()}
    # The environment the tests run in is the pinned one.
    for requirement in read_requirements(REQUIREMENTS)[1]:
        assert requirement.specifier.contains(metadata.version(requirement.name)), requirement


def test_the_requirements_check_finds_an_unused_pin_a_missing_one_and_a_range():
    """The check above can fail: Pagefind's Python client (the site runs the binary itself) is not
    needed; a dependency of a dependency left out is missing; a range is not a pin."""
    def pinned(line: str) -> set[str]:
        return {canonicalize_name(r.name) for r in read_requirements(line)[1]}

    transitive = sorted(pinned(REQUIREMENTS) - package_imports() - configuration_needs())[0]
    without = "\n".join(line for line in REQUIREMENTS.splitlines() if transitive not in pinned(line))
    assert requirement_problems(REQUIREMENTS + "\npagefind[bin]==1.5.2\n")["not needed"] == {"pagefind"}
    assert requirement_problems(without)["missing"] == {transitive}
    assert requirement_problems(REQUIREMENTS.replace("mkdocs==", "mkdocs>="))["not exact"] == {"mkdocs"}


def test_pyproject_declares_what_the_package_imports_within_the_pinned_versions():
    declared = {canonicalize_name(Requirement(r).name): Requirement(r) for r in PROJECT["project"]["dependencies"]}
    assert set(declared) == package_imports()
    pins = {canonicalize_name(r.name): r for r in read_requirements(REQUIREMENTS)[1]}
    for name, requirement in declared.items():
        pinned = next(iter(pins[name].specifier)).version
        assert requirement.specifier.contains(pinned), (requirement, pinned)


# --- the wheel ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel pip builds of the package, from a copy of what the repository holds (the build
    writes beside its sources), offline with the setuptools of requirements-test.txt."""
    source = tmp_path_factory.mktemp("source")
    shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
    shutil.copytree(SCRIPTS, source / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                             "--no-index", "--wheel-dir", str(out), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = out.glob("*.whl")
    return built


def repository_files(package: str) -> dict[str, bytes]:
    folder = SCRIPTS / package
    return {path.relative_to(SCRIPTS).as_posix(): path.read_bytes() for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")}


def test_the_wheel_holds_the_package_and_its_word_list_and_no_test_or_benchmark_code(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = [name for name in archive.namelist() if not name.endswith("/")]
        contents = {name: archive.read(name) for name in names if ".dist-info/" not in name}
        info = next(name.split("/")[0] for name in names if ".dist-info/" in name)
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        wheel_metadata = archive.read(f"{info}/METADATA").decode()
    expected = {**repository_files("styrdok"), **repository_files("mkdocs_styrdok")}
    assert contents == expected
    assert {name.split("/")[0] for name in names} == {*SHIPPED, info}  # not styrdok_testing, styrdok_benchmark
    dictionary = compounds.DICTIONARY.relative_to(SCRIPTS).as_posix()
    assert {f"{dictionary}.dic", f"{dictionary}.aff", f"{Path(dictionary).parent.as_posix()}/LICENSE"} <= set(contents)
    assert re.search(r"\[mkdocs\.plugins\]\s+styrdok = mkdocs_styrdok:StyrdokPlugin", entry_points)
    assert sorted(re.findall(r"^Requires-Dist: (.+)$", wheel_metadata, re.MULTILINE)) == \
        sorted(str(Requirement(r)) for r in PROJECT["project"]["dependencies"])


_FIND_WORD_LIST = """
import json, sys
target, words = sys.argv[1], json.loads(sys.argv[2])
sys.path.insert(0, target)
opened = []
sys.addaudithook(lambda event, args: event == "open" and isinstance(args[0], str) and opened.append(args[0]))
from styrdok.search import compounds
splitter = compounds.splitter()
print(json.dumps({"module": compounds.__file__, "dictionary": str(compounds.DICTIONARY), "opened": opened,
                  "parts": {word: splitter.parts(word) for word in words}}))
"""


def swedish_words() -> list[str]:
    """The words of the Swedish pages' text (as the spelling check reads them) long enough to split."""
    lines = [line for path in sorted((ROOT / "docs" / "sv").glob("*.md"))
             for _, line in spelling.prose_lines(path.read_text(encoding="utf-8"))]
    word = rf"[^\W\d_]{{{compounds.MIN_WORD},{compounds.MAX_WORD}}}"
    return sorted(set(re.findall(word, " ".join(lines))))


def test_the_installed_package_splits_compounds_with_its_own_word_list_never_one_in_usr_share(wheel, tmp_path):
    target = tmp_path / "site-packages"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                             "--target", str(target), str(wheel)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    words = swedish_words()
    # -I: no PYTHONPATH, no user site; the package is the one just installed.
    found = json.loads(subprocess.run([sys.executable, "-I", "-c", _FIND_WORD_LIST, str(target), json.dumps(words)],
                                      capture_output=True, text=True, check=True).stdout)
    assert Path(found["module"]).is_relative_to(target)
    assert Path(found["dictionary"]).is_relative_to(target)
    # The only word list read is the package's own (Debian's in /usr/share is installed here too).
    read = [path for path in found["opened"] if path.endswith((".dic", ".aff"))]
    assert sorted(read) == [found["dictionary"] + ".aff", found["dictionary"] + ".dic"]
    # The same splits as the checkout's package: the word list travelled whole.
    here = compounds.splitter()
    assert found["parts"] == {word: here.parts(word) for word in words}
    assert sum(bool(parts) for parts in found["parts"].values()) > 10


# --- the spelling check and the copies of the project -------------------------------------------------------

def test_the_spelling_check_reads_the_word_list_the_search_splits_with():
    assert Path(spelling.DICTIONARIES["sv"]) == compounds.DICTIONARY
    splitter = compounds.splitter(content.load(ROOT / "docs").compound_corrections)
    compounds_on_pages = [word for word in swedish_words() if splitter.parts(word) and word.islower()]
    made_up = "xqzvbrkt"
    words = spelling.load_word_list(ROOT / "docs" / spelling.WORD_LIST)
    found = spelling.misspelled([(1, " ".join(compounds_on_pages)), (2, made_up)], "sv", words)
    # hunspell ran with that path (it reports the made-up word) and knows the compounds it splits.
    assert [(line, word) for line, word, _ in found] == [(2, made_up)]


def test_a_copy_of_the_project_runs_its_own_code_in_the_processes_a_test_starts(project):
    code = "import mkdocs_styrdok, styrdok; print(mkdocs_styrdok.__file__); print(styrdok.__file__)"
    # As tests run MkDocs in a copy: `python -m mkdocs` in the copy's folder, with the test's environment.
    result = subprocess.run([sys.executable, "-c", code], cwd=project, env=dict(os.environ), capture_output=True,
                            text=True, check=True)
    assert all(Path(line).is_relative_to(project / "scripts") for line in result.stdout.splitlines())
