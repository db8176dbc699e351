"""What the version history costs (issue 26): the same site built with its git history and without
(a copy without .git: the build then shows no history and makes no history pages).

- the real site: a clone of this repository (its whole first-parent history) against the same
  files without .git;
- a generated corpus (kinds.make_project) of N documents per language put in git with V versions
  of every document (the first commit adds the site, each later one changes every document).

Builds are interleaved and each goes into a folder never used before (see QUIET_AFTER_DELETING in
the package). Figures: median build time, peak memory, output size and files, pages of the history.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
from pathlib import Path

from styrdok_testing.localhost import ROOT

from .kinds import make_project

GIT = ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org", "-c", "commit.gpgsign=false",
       "-c", "core.autocrlf=false"]


def _git(folder: Path, *args: str, when: int | None = None) -> None:
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null")
    if when is not None:
        env.update(GIT_COMMITTER_DATE=f"{when} +0000", GIT_AUTHOR_DATE=f"{when} +0000")
    subprocess.run([*GIT, "-C", str(folder), *args], env=env, check=True, capture_output=True)


def real_site(target: Path) -> tuple[Path, Path]:
    """(a clone of this repository with its history, the same files without .git), each with the
    benchmark's overlay of kind "ours"."""
    with_history = target / "with-history"
    subprocess.run(["git", "clone", "-q", "--no-local", str(ROOT), str(with_history)], check=True, capture_output=True)
    make_project(target / "overlay", 0)  # (only its overlay file is used)
    for project in (with_history,):
        shutil.copy2(target / "overlay" / "benchmark.yml", project / "benchmark.yml")
        (project / "no-overrides").mkdir(exist_ok=True)
    without = target / "without-history"
    shutil.copytree(with_history, without, ignore=shutil.ignore_patterns(".git"))
    return with_history, without


def corpus(target: Path, documents: int, versions: int) -> tuple[Path, Path]:
    """(a generated corpus in git, ``versions`` versions of each of its documents; the same files
    without .git)."""
    project = make_project(target / "with-history", documents)
    _git(project, "init", "-q", "-b", "main")
    start = 1767268800  # 2026-01-01 12:00 UTC; one version a day
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Webbplatsen / the site\n\nÄndring: Första versionen.", when=start)
    pages = sorted((project / "docs").glob("*/korpus/**/*.md"))
    for version in range(1, versions):
        for page in pages:
            text = page.read_text(encoding="utf-8")
            marker = text.rfind("\n\n")
            # One sentence more in each version: every document changes, its words too.
            page.write_text(text[:marker] + f"\n\nVersion {version}: {page.stem}." + text[marker:], encoding="utf-8")
        _git(project, "add", "-A")
        _git(project, "commit", "-q", "-m", f"Version {version}\n\nÄndring: Version {version}.\nChange: Version {version}.",
             when=start + version * 86400)
    without = target / "without-history"
    shutil.copytree(project, without, ignore=shutil.ignore_patterns(".git"))
    return project, without


def history_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.glob("**/historik/**/index.html"))


def files_in(folder: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(folder))


def measure(pair: tuple[Path, Path], work: Path, runs: int, build_once, folder_size) -> dict:
    """Interleaved builds of the pair; the medians, and what the last build of each wrote."""
    times = {"with": [], "without": []}
    memory = {"with": [], "without": []}
    for run in range(runs):
        for kind, project in zip(("with", "without"), pair, strict=True):
            seconds, kib = build_once(project, work / kind / f"site-{run}")
            times[kind].append(seconds)
            memory[kind].append(kib)
    row = {}
    for kind in times:
        site_dir = work / kind / f"site-{runs - 1}"
        row[kind] = {"build_s": round(statistics.median(times[kind]), 2),
                     "build_runs_s": [round(t, 2) for t in times[kind]],
                     "peak_mib": round(max(memory[kind]) / 1024),
                     "output_mib": round(folder_size(site_dir) / 1024 / 1024, 1),
                     "files": files_in(site_dir), "history_pages": history_pages(site_dir)}
    row["ratio"] = round(row["with"]["build_s"] / row["without"]["build_s"], 2)
    return row


def run(corpora: list[tuple[int, int]], runs: int, real: bool = True) -> dict:
    """Measure the real site (with ``real``) and each corpus of (documents per language, versions);
    write benchmark/history.md and history.json; return the figures."""
    import json
    import tempfile
    import time

    from . import OUT, build_once, folder_size

    results = {"date": time.strftime("%Y-%m-%d"), "runs": runs, "rows": {}}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        cases = ([("real site", lambda target: real_site(target))] if real else []) + [
            (f"{documents} per language × {versions} versions",
             lambda target, d=documents, v=versions: corpus(target, d, v)) for documents, versions in corpora]
        for label, make in cases:
            work = scratch / label.replace(" ", "-").replace("×", "x")
            pair = make(work / "projects")
            print(f"… {label}: {runs} builds with and without history", flush=True)
            results["rows"][label] = measure(pair, work, runs, build_once, folder_size)
            print(json.dumps({label: results["rows"][label]}, indent=1), flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "history.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = ["# The version history's cost", "", f"Written by `python scripts/docs.py benchmark --history` on "
             f"{results['date']}; median of {runs} builds each, with the git history and without it (the same "
             "files without .git: no history pages).", "",
             "| corpus | build with | build without | ratio | peak memory with / without | output with / without | "
             "files with / without | history pages |", "|---|---|---|---|---|---|---|---|"]
    for label, row in results["rows"].items():
        w, o = row["with"], row["without"]
        lines.append(f"| {label} | {w['build_s']} s | {o['build_s']} s | {row['ratio']} | {w['peak_mib']} / "
                     f"{o['peak_mib']} MiB | {w['output_mib']} / {o['output_mib']} MiB | {w['files']} / {o['files']} | "
                     f"{w['history_pages']} |")
    (OUT / "history.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return results
