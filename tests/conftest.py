"""Shared fixtures: the real site built once (served under a sub-path), a browser, project copies."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from styrdok.model import languages
from styrdok_testing.localhost import CHROMIUM, CHROMIUM_ARGS, Nginx, free_port

ROOT = Path(__file__).resolve().parent.parent
# The site's languages, the original first, from the one place that sets them (mkdocs.yml).
LANGUAGES = languages.from_config(ROOT / "mkdocs.yml")
ORIGINAL = LANGUAGES[0]
SITE_PATH = "/stockholm/"  # serve under a path, as a real host may: proves site_url works
REPO_URL = "https://git.example.org/stockholm/styrdokument"

# A failing test after a passed content check is told as the code's fault, in Swedish.
pytest_plugins = ["code_failure_report"]


def run_build(project: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, REPO_URL=REPO_URL)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, str(project / "scripts" / "docs.py"), "build",
                           "--site-dir", str(site_dir)], cwd=project, env=env, text=True,
                          capture_output=True)


@dataclass
class BuiltSite:
    dir: Path
    url: str  # e.g. http://127.0.0.1:PORT/stockholm/
    _texts: dict = field(default_factory=dict, repr=False, compare=False)

    def pages(self, lang: str | None = None) -> list[str]:
        """Site-relative paths of every page of the site's content ('' for the home page,
        'en/strategi/' ...): the pages of the menu, not those of the version history."""
        return [rel for rel in self._all_pages(lang) if not self.is_history(rel)]

    def history_pages(self, lang: str | None = None) -> list[str]:
        """Site-relative paths of the version history's pages (each page's history, its earlier
        versions and redlines: render/history.py)."""
        return [rel for rel in self._all_pages(lang) if self.is_history(rel)]

    def history_samples(self) -> list[str]:
        """One page of each kind of the version history (a page's history, an earlier version, a
        redline) in each language: the largest of its kind, the one with the most structure
        (tables, lists, headings) to get wrong. The whole-site tests (pages()) leave the history's
        hundreds of pages out: three templates, checked here and on the history copy."""
        largest: dict[tuple[str, str], tuple[int, str]] = {}
        for rel in self.history_pages():
            lang = next((other for other in LANGUAGES[1:] if rel.startswith(f"{other}/")), ORIGINAL)
            kind = self.history_kind(rel)
            size = (self.dir / rel / "index.html").stat().st_size
            if size > largest.get((lang, kind), (-1, ""))[0]:
                largest[(lang, kind)] = (size, rel)
        return [rel for _, rel in sorted(largest.values(), key=lambda found: found[1])]

    @staticmethod
    def history_kind(rel: str) -> str:
        """history, version or redline (render/history.py's addresses)."""
        from styrdok.render import history as history_pages
        parts = rel.rstrip("/").split("/")
        if parts[0] in LANGUAGES[1:]:
            parts = parts[1:]
        return {2: "history", 3: "version"}.get(len(parts), "redline" if parts[-1] == history_pages.REDLINE_FOLDER else "?")

    @staticmethod
    def is_history(rel: str) -> bool:
        from styrdok.render.views import HISTORY_FOLDER
        return rel.startswith(f"{HISTORY_FOLDER}/") or any(rel.startswith(f"{lang}/{HISTORY_FOLDER}/")
                                                            for lang in LANGUAGES[1:])

    def _all_pages(self, lang: str | None) -> list[str]:
        found = []
        for html in sorted(self.dir.rglob("index.html")):
            rel = html.parent.relative_to(self.dir).as_posix()
            rel = "" if rel == "." else rel + "/"
            page_lang = "en" if rel.startswith("en/") or rel == "en/" else "sv"
            if lang in (None, page_lang):
                found.append(rel)
        return found

    def soup(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.dir / rel / "index.html").read_text(encoding="utf-8"), "lxml")

    def text(self, rel: str) -> str:
        """The article's text, its white space collapsed (read once per page: the site is not
        rebuilt while a session uses it)."""
        if rel not in self._texts:
            self._texts[rel] = " ".join(self.soup(rel).select_one("article").get_text(" ").split())
        return self._texts[rel]


def pytest_collection_modifyitems(items):
    """Tiers: `pytest -m unit` runs the fast in-process tests (under half a minute); `build` tests
    build the site, run the command line on a copy, or run a tool or a timed worst case; `browser`
    tests drive Chromium. A test's own marker decides (browser, then build, then unit: a file marked
    unit may hold a heavier test marked build); otherwise its fixtures do."""
    tiers = ("unit", "build", "browser")
    decided = []
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        own = {mark.name for mark in item.own_markers}  # the test's own markers, not its file's
        marked = {mark.name for mark in item.iter_markers()}
        if "browser" in own or names & {"browser_context", "browser_page"}:
            tier = "browser"
        elif "build" in own or names & {"site", "project", "copy"}:
            tier = "build"
        else:
            tier = next((name for name in reversed(tiers) if name in marked), "unit")
        decided.append((item, tier))
    # Each test carries exactly its own tier (a file's marker is moved onto its tests).
    for item, _ in decided:
        for node in item.listchain():
            node.own_markers[:] = [mark for mark in node.own_markers if mark.name not in tiers]
    for item, tier in decided:
        item.add_marker(getattr(pytest.mark, tier))
    items[:] = longest_first(items, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


def longest_first(items: list, workers: int) -> list:
    """The tests marked ``long`` (tens of seconds each) at the head of each worker's first share:
    pytest-xdist's worksteal hands each worker an equal, contiguous share of this order at the
    start, and later moves only the tails of shares. Left where they are, the long tests met at the
    end of the run, one worker running one of them alone while the others had finished."""
    long = [item for item in items if item.get_closest_marker("long")]
    if workers < 2 or not long:
        return items
    rest = iter([item for item in items if not item.get_closest_marker("long")])
    ordered, left = [], len(items)
    for worker in range(workers):
        share = left // (workers - worker)  # as xdist's worksteal scheduler sizes each share
        mine = long[worker::workers]
        ordered += mine + [next(rest) for _ in range(share - len(mine))]
        left -= share
    return ordered + list(rest)


# Under pytest-xdist every worker of one run sees the same run id (the controller names the run).
RUN_ID = "PYTEST_XDIST_TESTRUNUID"


def shared_folder(run_id: str) -> Path:
    """A folder that every pytest-xdist worker of one run shares (made_once_per_run), removed by
    the controller when the run ends."""
    return Path(tempfile.gettempdir()) / f"styrdok-shared-{run_id}"


def made_once_per_run(name: str, make):
    """``make(folder)`` once per test run, whatever the number of workers: the first worker to need
    it makes it in a folder of the run's shared folder, the others wait for it and get what it
    returned (pickled). None when the run has no workers (the caller makes its own)."""
    run_id = os.environ.get(RUN_ID)
    if not run_id:
        return None
    shared = shared_folder(run_id)
    shared.mkdir(mode=0o755, exist_ok=True)
    shared.chmod(0o755)  # (nginx's workers read the sites inside it)
    made = shared / f"{name}.pickle"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # (released when the file closes)
        if made.exists():
            return pickle.loads(made.read_bytes())
        folder = shared / name
        folder.mkdir()
        folder.chmod(0o755)
        result = make(folder)
        made.write_bytes(pickle.dumps(result))
        return result


def pytest_configure(config):
    # The controller names the run itself (xdist hands the name to every worker as RUN_ID), so that
    # it knows which shared folder to remove.
    if not hasattr(config, "workerinput") and config.pluginmanager.hasplugin("xdist") \
            and getattr(config.option, "testrunuid", "") is None:
        import uuid
        config.option.testrunuid = uuid.uuid4().hex


def pytest_unconfigure(config):
    run_id = None if hasattr(config, "workerinput") else getattr(config.option, "testrunuid", None)
    if run_id:
        # The servers the workers started for the whole run (serve_real_site) end with it.
        for pid_file in shared_folder(run_id).glob("*/nginx/nginx.pid"):
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid_file.read_text()), signal.SIGTERM)
        shutil.rmtree(shared_folder(run_id), ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_build_left_open():
    """A build's include state (the page being rendered, the budgets) lives in context variables for
    as long as the build: a test that starts one must end it, or the next test in the process would
    render as that page. Failing here names the test that left it, not the one it breaks."""
    yield
    from styrdok.render import includes
    assert includes.idle(), "the test left a build or a page of the include step open (includes.end_build)"


def build_and_serve(project: Path, root: Path, nginx_dir: Path) -> tuple[BuiltSite, Nginx]:
    """The project's site built for production under ``root`` (a folder any user may enter: nginx's
    workers are unprivileged; the build makes the site itself readable) and served by nginx with
    its configuration."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{SITE_PATH}"
    site_dir = root / SITE_PATH.strip("/")
    result = run_build(project, site_dir, url)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(site_dir, url), Nginx(site_dir, SITE_PATH, nginx_dir, port)


@contextlib.contextmanager
def served(project: Path, nginx_dir: Path):
    """The project's site built and served (build_and_serve) for as long as the block runs."""
    root = Path(tempfile.mkdtemp(prefix="styrdok-www-"))  # (pytest's own folders are private)
    root.chmod(0o755)
    try:
        built, server = build_and_serve(project, root, nginx_dir)
        try:
            yield built
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


# An editorial journey (test_editorial_journey.py) builds and serves its copy's site once, and hands
# it to the content tests it runs on that copy, which would otherwise build the same site again.
SERVED_SITE_DIR, SERVED_SITE_URL = "STYRDOK_SERVED_SITE_DIR", "STYRDOK_SERVED_SITE_URL"


def serve_real_site(folder: Path) -> BuiltSite:
    """The real site built and served (build_and_serve) in ``folder`` until the run ends
    (pytest_unconfigure stops it): one build and one server for every worker of the run."""
    (folder / "www").mkdir()
    (folder / "www").chmod(0o755)
    (folder / "nginx").mkdir()
    built, server = build_and_serve(ROOT, folder / "www", folder / "nginx")
    # Kept by this worker for as long as it runs; the controller stops it when every worker is done.
    _RUN_SERVERS.append(server)
    return built


_RUN_SERVERS: list[Nginx] = []


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real site, built once per run and served by nginx with the production configuration."""
    if os.environ.get(SERVED_SITE_DIR):
        yield BuiltSite(Path(os.environ[SERVED_SITE_DIR]), os.environ[SERVED_SITE_URL])
        return
    shared = made_once_per_run("real-site", serve_real_site)
    if shared is not None:
        yield shared
        return
    with served(ROOT, tmp_path_factory.mktemp("nginx")) as built:
        yield built


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            locale="sv-SE")
        yield context
        context.close()


@dataclass
class WatchedPage:
    page: object
    requests: list
    errors: list


@pytest.fixture
def browser_page(browser_context):
    page = browser_context.new_page()
    watched = WatchedPage(page, [], [])
    page.on("request", lambda r: watched.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
    page.on("pageerror", lambda e: watched.errors.append(str(e)))
    yield watched
    page.close()


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the project that a test may break on purpose. Every process the test starts
    imports the copy's code: the installed package is editable and points at this checkout, so
    `python -m mkdocs` in the copy would otherwise run this checkout's plugin."""
    copy = tmp_path / "project"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(copy / "scripts"),
                                                                   os.environ.get("PYTHONPATH")])))
    return copy_project(copy)


# What a copy of the project needs to be checked and built (content, templates, code, settings).
PROJECT_FILES = ("mkdocs.yml", ".pymarkdown.json", "package-lock.json", "pyproject.toml", "docs", "overrides", "scripts")


def copy_project(target: Path, names: tuple[str, ...] = PROJECT_FILES, leave_out: tuple[str, ...] = ()) -> Path:
    """The project's files (``names``) in ``target``. The compiled bytecode comes along: it belongs to
    the same source (Python checks each file's time and size), so the copy's processes need not
    compile the same modules again."""
    target.mkdir(parents=True)
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(*leave_out))
        else:
            shutil.copy2(source, target / name)
    return target


@dataclass
class Checked:
    """What make check finds on a copy, told as make check tells it (str(Problem): mark, file:line,
    Swedish then English)."""
    problems: list

    @property
    def failed(self) -> bool:
        return any(not p.warning for p in self.problems)

    @property
    def output(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def check_copy(project: Path, *only: str, build: bool = False) -> Checked:
    """make check on a copy, in this process (the copy's code is this checkout's code): the checks
    of the one list (styrdok.checks.registry) whose names start with one of ``only`` (all when none),
    then, with ``build``, the strict build (MkDocs' own warnings: links, anchors, the menu), as
    make check runs them (docs.check_problems).
    The command itself, its exit code and printing, is proved once (test_editor_checks.py)."""
    import docs as cli
    from styrdok.checks import registry
    saved = dict(os.environ)  # the build sets what mkdocs.yml reads (!ENV) for its process
    try:
        problems = cli.check_problems(project, only or registry.ALL, build=build)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Checked(problems)


# The search's result line shows the words it shows before anything is typed (the page's own
# data-label-placeholder, the theme's translation).
SEARCH_EMPTY = ("() => document.querySelector('.md-search-result__meta').textContent.trim() === "
                "document.querySelector('[data-site-search]').getAttribute('data-label-placeholder').trim()")


def search(page, query: str) -> list[str]:
    """Open the search as a reader would, paste the query (the input event a keystroke makes too,
    without a keystroke's wait per letter: test_search_is_usable_with_the_keyboard_alone types
    letter by letter) and return the result links. On a page that has searched before
    (``search_page``), the box is emptied first, as a reader searching again would, and the
    results of the earlier query are gone before the new one is pasted."""
    box = page.locator("input.md-search__input")
    if not page.locator("#__search").is_checked():
        if box.is_visible():
            box.click()  # wide screens show the search box in the header
        else:
            page.locator("label.md-header__button[for=__search]").click()  # phones: the magnifier
    if box.input_value():
        box.fill("")
        page.wait_for_function(f"() => ({SEARCH_EMPTY})() && !document.querySelector('.md-search-result__link')")
    box.fill(query)
    page.wait_for_function(f"() => !({SEARCH_EMPTY})()", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")


@pytest.fixture(scope="session")
def search_page(site, browser_context):
    """``search_page(start)``: a page of the real site (``start``: '', 'en/') kept open for the
    worker's session, for tests that only search and read the results. A page loads the search
    index with its first search; each test loading its own would do that work once per test."""
    opened = {}

    def at(start: str):
        if start not in opened:
            opened[start] = browser_context.new_page()
            opened[start].goto(site.url + start)
        return opened[start]
    yield at
    for page in opened.values():
        page.close()


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "scripts" / "docs.py"), *args], cwd=project,
                          text=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> int:
    """Add a paragraph at the end of a page, whatever its text says today; return its line."""
    content = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{content}\n\n{text}\n", encoding="utf-8")
    return content.count("\n") + 3


def replace_line(path: Path, pattern: str, replacement: str) -> None:
    """Change the first line matching a pattern (a front-matter field, a heading), whatever it says."""
    import re
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    assert text in content, f"{text!r} not in {path}"
    return content[: content.index(text)].count("\n") + 1


def load_register_data(project: Path) -> dict:
    """The register as plain data, to change as an editor would, whatever it says today."""
    import yaml
    return yaml.safe_load((project / "docs" / "_data" / "register.yml").read_text(encoding="utf-8"))


def save_register_data(project: Path, data: dict) -> None:
    import yaml

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True  # the register refuses anchors and aliases: write every value out
    (project / "docs" / "_data" / "register.yml").write_text(
        yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
