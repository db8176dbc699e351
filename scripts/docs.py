"""The project's one command line. Run it through the Makefile (README), or directly:

    python scripts/docs.py build      check the content, then build the site into site/
    python scripts/docs.py preview [--site-dir preview]
                                      the reviewers' preview (preview.yml): opens from disk
    python scripts/docs.py serve      serve the site on 127.0.0.1:8000 with live reload
    python scripts/docs.py check      every content check; prints ✅ or every problem, exits 1
    python scripts/docs.py translated docs/en/PAGE.md
                                      mark an English page as translated from today's Swedish text
    python scripts/docs.py nginx [--site-dir site] [--prefix /] [--listen 80]
                                      print the nginx configuration for the built site
    python scripts/docs.py benchmark [--sizes 10 100 1000] [--runs 5] [--no-lighthouse]
                                      speed and size figures and budgets: benchmark/results.md
    python scripts/docs.py code-changes BASE_REF
                                      say whether the current commit changes the site's code
                                      (.github/CODEOWNERS) against BASE_REF; CI runs it on pull requests

A failed build publishes nothing: the site is built into a new folder and only moved to
site/ when the whole build has succeeded.
"""

from __future__ import annotations

import argparse
import contextvars
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from styrdok.checks import build_log, code_owners, drift, registry
from styrdok.model import content, files
from styrdok.output import headers
from styrdok.problems import Problem

ROOT = Path(__file__).resolve().parent.parent


def repository_url(root: Path = ROOT) -> str | None:
    """The web address of the repository, from REPO_URL or from git's origin remote."""
    if os.environ.get("REPO_URL"):
        return os.environ["REPO_URL"]
    result = subprocess.run(["git", "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True)
    url = result.stdout.strip()
    if result.returncode or not url:
        return None
    url = re.sub(r"^git@([^:]+):", r"https://\1/", url)
    url = re.sub(r"^https://[^@/]+@", "https://", url)  # never publish credentials
    return url.removesuffix(".git") if url.startswith("https://") else None


def prepare_environment(root: Path = ROOT) -> None:
    """What mkdocs.yml reads from the environment (!ENV), set for this process's MkDocs."""
    # Material's end-of-life notice (May 2027) is known and planned for (README); keep logs clean.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # "Edit this page" links to the page's file in the repository, when the repository is known.
    repo = repository_url(root)
    if repo:
        os.environ.setdefault("EDIT_URI", f"{repo}/edit/main/docs/")


def run_mkdocs_build(root: Path, site_dir: Path, checked: content.Content | None = None,
                     config_file: str = "mkdocs.yml") -> list[Problem]:
    """MkDocs' strict build, in this process. Our plugin hands over what stopped it as problems;
    MkDocs' own warnings (links, anchors, the menu) come as log records (build_log.Recorder) and are
    told as problems too. An empty list: the build succeeded. ``checked``: the site make check has
    just read and checked, handed to the build so that the run reads the files once."""
    # The build's state (the include step's page and budgets, the run's files) lives in context
    # variables: run it in a context of its own, so that none of it outlives the build here.
    return contextvars.copy_context().run(_mkdocs_build, root, site_dir, checked, config_file)


def _mkdocs_build(root: Path, site_dir: Path, checked: content.Content | None,
                  config_file: str) -> list[Problem]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    prepare_environment(root)
    plugin = None
    with build_log.Recorder() as recorder:
        try:
            config = load_config(config_file=str(root / config_file), site_dir=str(site_dir), strict=True)
            plugin = config.plugins.get("styrdok")
            if plugin is not None:
                plugin.checked = checked
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException:
            pass  # what stopped it is in the plugin's problems and the recorded messages
    problems = list(plugin.problems if plugin is not None else [])
    problems += build_log.problems(recorder.messages, root / "docs")
    if not problems and recorder.messages:
        problems = [Problem("mkdocs.yml", None, "Det strikta bygget misslyckades: " + " ".join(recorder.messages),
                            "The strict build failed: " + " ".join(recorder.messages),
                            "Läs meddelandet eller fråga en utvecklare.", "Read the message or ask a developer.")]
    return problems


def check(root: Path = ROOT) -> int:
    """Every check (styrdok.checks: the files, the content, the Markdown extensions, translation
    drift, Markdown style, spelling in Swedish and English, the code), then the strict build with
    link and anchor validation. The files under docs/ are read once for all of it."""
    return _report(check_problems(root, show=print))


def check_problems(root: Path, which: str | tuple[str, ...] = registry.ALL, build: bool = True,
                   show=lambda line: None) -> list[Problem]:
    """What make check finds: the checks (``which``: all, or the beginnings of their names), then,
    with ``build``, the strict build, unless a check the build runs itself has refused the content
    (it would only tell the same problems again). ``show`` gets one line per step."""
    site = content.read(root / "docs", root)
    problems: list[Problem] = []
    stopped = False
    for step, found in registry.run(site, which):
        problems += found
        failing = [p for p in found if not p.warning]
        mark = "❌" if failing else "⚠️ " if found else "✅"
        show(f"{mark} {step.name}: {len(failing)} problem" + (f", {len(found) - len(failing)} varning(ar) / warning(s)"
                                                              if len(found) > len(failing) else ""))
        stopped = stopped or (bool(failing) and (step.stops or step.build or step.name.startswith("Markdown-tillägg")))
    if not build:
        return problems
    if stopped:
        show("⏭️  strikt bygge / strict build: hoppas över tills innehållet är rättat / skipped until "
             "the content is fixed")
        return problems
    with tempfile.TemporaryDirectory() as scratch:
        found = run_mkdocs_build(root, Path(scratch), checked=site)
    show(f"{'❌' if found else '✅'} strikt bygge / strict build")
    return problems + found


def annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: the problem shown on its line in the pull request."""
    kind = "warning" if problem.warning else "error"
    where = f"file={problem.file}" + (f",line={problem.line}" if problem.line else "")
    text = f"{problem.sv} {problem.fix_sv} / {problem.en} {problem.fix_en}"
    return f"::{kind} {where},title={'Varning' if problem.warning else 'Fel'}::" + \
        text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _report(problems: list[Problem]) -> int:
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    for problem in problems:
        print(problem, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(annotation(problem))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and problems:
        with open(summary, "a", encoding="utf-8") as out:
            out.write("## Kontroll av innehållet / Content check\n\n```text\n"
                      + "\n".join(str(p) for p in problems) + "\n```\n")
    if warnings:
        print(f"⚠️  {len(warnings)} varning(ar) som inte stoppar publiceringen / "
              f"{len(warnings)} warning(s) that do not stop publishing", file=sys.stderr)
    if errors:
        print(f"❌ {len(errors)} problem att rätta / {len(errors)} problem(s) to fix", file=sys.stderr)
        return 1
    print("✅ Allt innehåll är i ordning / All content is in order")
    return 0


def translated(page: Path, root: Path = ROOT) -> int:
    """Record that an English page now translates the current Swedish text."""
    page = page if page.is_absolute() else Path.cwd() / page
    docs = root / "docs"
    if page.resolve().parent != (docs / "en").resolve() or not page.is_file():
        print(f"❌ {page}: ange en engelsk sida, till exempel docs/en/strategi.md / "
              "give an English page, for example docs/en/strategi.md", file=sys.stderr)
        return 1
    value = drift.mark_translated(page, docs)
    print(f"✅ {page.relative_to(root) if page.is_relative_to(root) else page}: translation_of: {value}")
    return 0


def build(root: Path = ROOT, site_dir: Path | None = None, config_file: str = "mkdocs.yml") -> int:
    """Build the whole site with --strict into site_dir, replacing it only on success.

    The content is checked once, by the build itself, before it writes anything."""
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    problems = run_mkdocs_build(root, staging, config_file=config_file)
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        for problem in problems:
            print(problem, file=sys.stderr)
        print("❌ Bygget misslyckades, inget publicerades / The build failed, nothing was published",
              file=sys.stderr)
        return 1
    files.readable(staging)
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print("✅ Innehållet är i ordning / The content is in order")
    print(f"✅ Webbplatsen är byggd / The site is built: {site_dir}")
    return 0


def preview(root: Path = ROOT, site_dir: Path | None = None) -> int:
    """Build the reviewers' preview into site_dir (default preview/): the same build and checks as
    the site's, with preview.yml's overlay (pages as .html files that open from disk, a notice)."""
    return build(root, site_dir or root / "preview", "preview.yml")


def serve(root: Path = ROOT) -> int:
    """Serve the site on 127.0.0.1 with live reload (a failed rebuild shows its problems in the browser)."""
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    prepare_environment(root)
    # MkDocs' own messages (where it serves, each rebuild) on the terminal, as its command line shows them.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr="127.0.0.1:8000")
    except MkDocsException as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def nginx(site_dir: Path, prefix: str, listen: str, root: Path = ROOT) -> int:
    """Print the nginx configuration (security headers, caching, 404 pages) for a built site."""
    if not (site_dir / "index.html").is_file():
        print(f"❌ {site_dir} is not a built site: run make build first", file=sys.stderr)
        return 1
    print(headers.nginx_config(root / "deploy" / "nginx" / "site.conf.template", site_dir, prefix, listen))
    return 0


def code_changes(base: str, root: Path = ROOT) -> int:
    """Say whether the current commit changes the site's code (.github/CODEOWNERS) against a base ref."""
    try:
        changed = code_owners.changed_files(root, base)
        code = code_owners.code_files(changed, code_owners.rules(root, base))
    except RuntimeError as error:
        print(f"❌ Kunde inte jämföra med {base} / Could not compare with {base}: {error}", file=sys.stderr)
        return 2
    if not code:
        print(f"✅ Ändringen rör bara innehållet / The change touches only the content ({len(changed)} fil(er) / file(s))")
        return 0
    print(f"⚠️  {code_owners.MESSAGE_SV}\n   {code_owners.MESSAGE_EN}")
    for name in code:
        print(f"   {name}")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        text = f"{code_owners.MESSAGE_SV} / {code_owners.MESSAGE_EN}"
        for name in code:
            # Workflow command properties escape these characters (GitHub's toolkit does the same).
            where = name.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A") \
                .replace(",", "%2C")
            print(f"::warning file={where},title=Kod / Code::{text}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(f"## ⚠️ {code_owners.MESSAGE_SV}\n\n{code_owners.MESSAGE_EN}\n\n"
                      + "".join(f"- `{name}`\n" for name in code) + "\n")
    return 0


def benchmark(argv: list[str]) -> int:
    """Speed and size figures and budgets (scripts/styrdok_benchmark): benchmark/results.md."""
    import styrdok_benchmark
    return styrdok_benchmark.main(argv)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["benchmark"]:  # its own options (python scripts/docs.py benchmark --help)
        return benchmark(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in (("build", build), ("preview", preview), ("serve", serve), ("check", check), ("translated", translated),
                       ("nginx", nginx), ("benchmark", benchmark), ("code-changes", code_changes)):
        sub.add_parser(name, help=func.__doc__.splitlines()[0])
    sub.choices["code-changes"].add_argument("base", help="the branch or commit the change is compared with")
    sub.choices["build"].add_argument("--site-dir", type=Path)
    sub.choices["preview"].add_argument("--site-dir", type=Path)
    sub.choices["translated"].add_argument("page", type=Path)
    sub.choices["nginx"].add_argument("--site-dir", type=Path, default=ROOT / "site")
    sub.choices["nginx"].add_argument("--prefix", default="/")
    sub.choices["nginx"].add_argument("--listen", default="80")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(site_dir=args.site_dir)
    if args.command == "preview":
        return preview(site_dir=args.site_dir)
    if args.command == "translated":
        return translated(args.page)
    if args.command == "nginx":
        return nginx(args.site_dir, args.prefix, args.listen)
    if args.command == "code-changes":
        return code_changes(args.base)
    return {"serve": serve, "check": check}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
