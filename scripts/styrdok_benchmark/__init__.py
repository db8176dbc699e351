"""Benchmark: build time, memory, output size, bytes a reader downloads, search speed, Lighthouse.

    python scripts/docs.py benchmark [--sizes 10 100 1000] [--runs 5] [--no-lighthouse | --only-lighthouse]
    python scripts/docs.py benchmark --history [1000x20 ...] [--runs 3]   (the version history's cost)

(`make benchmark` runs it.) For the real site and for generated corpora of N documents per
language it prints, side by side with a stock Material build of the same pages and with bare
builds without this project's plugin (kinds.KINDS, each an overlay of mkdocs.yml):

- build time (median of --runs builds of the largest corpus and three times as many of the
  others, the kinds built in turns, each into a new folder: see QUIET_AFTER_DELETING), peak
  memory and output size;
- bytes transferred, gzip-compressed by the production nginx configuration, for a first visit to
  the home page and to a document page in each language, and for a first search;
- the time from the last keystroke to the search results in Chromium, the size of the search
  index, and what splitting Swedish compounds costs and finds (ours against ours-nosplit);

then checks the budgets of the project and writes every figure to benchmark/results.md and
benchmark/results.json. It is not a test: figures vary from machine to machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from styrdok.model import files
from styrdok.output import published
from styrdok_testing.localhost import CHROMIUM, CHROMIUM_ARGS, ROOT, Nginx

from .kinds import KINDS, OVERLAY, READ_KINDS, make_project

OUT = ROOT / "benchmark"
PREFIX = "/site/"
BUDGET_FIRST_VISIT = 60 * 1024
# Lighthouse, pinned with its whole tree in lighthouse/package-lock.json, installed with npm ci.
LIGHTHOUSE_LOCK = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE_PAGES = ["", "strategi/", "agardirektiv/", "andringslogg/"]
# A search in each language for an inflected form, and one for the last part of a compound.
QUERIES = {"sv": "strategins", "en": "strategies"}
COMPOUND_PART = "kvalitet"


# --- measuring --------------------------------------------------------------------------------

# This machine's disk is ext4 without a journal: each time it creates a file, it looks past every
# inode freed in the last 30 s (60 s while the freeing is not yet written back). Deleting a build
# right before the next one made that build pay for the deletion, the more so the more files both
# have (at 1,000 documents per language, +18% for the bare build and +26% for ours, whose search
# bundle doubles the number of files). A build in CI starts from a fresh clone and pays nothing of
# the kind. So every timed build goes into a folder never used before, the benchmark deletes
# nothing while it times builds, and it waits out that window after its own deletions.
QUIET_AFTER_DELETING = 60
_last_deletion = time.monotonic()  # what happened before the benchmark started is not known


def delete(folders: list[Path]) -> None:
    global _last_deletion
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    _last_deletion = time.monotonic()


def settle() -> None:
    """Wait until the file system has forgotten the last deletion (see QUIET_AFTER_DELETING)."""
    time.sleep(max(0.0, _last_deletion + QUIET_AFTER_DELETING - time.monotonic()))


def build_once(project: Path, site_dir: Path) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of one strict build into a new folder."""
    if site_dir.exists():
        raise RuntimeError(f"{site_dir} exists: each build goes into a new folder (QUIET_AFTER_DELETING)")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:1{PREFIX}")
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", OVERLAY,
                                "--site-dir", str(site_dir)],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"build failed in {project}: {process.stderr.read().decode()[-2000:]}")
    files.readable(site_dir)  # nginx's workers run as an unprivileged user
    return elapsed, usage.ru_maxrss


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def transferred(page, action) -> int:
    """Bytes on the wire (headers and compressed bodies) for the requests `action` causes."""
    responses = []

    def finished(request):
        responses.append(request)
    page.on("requestfinished", finished)
    action()
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except Exception:
        pass
    page.remove_listener("requestfinished", finished)
    total = 0
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def open_search_and_type(page, query: str) -> float:
    """Open the search, enter a query; milliseconds from the keystroke to results on the screen."""
    box = page.locator("input.md-search__input")
    if box.is_visible():
        box.click()
    else:
        page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_timeout(300)  # let the theme's search (stock) finish loading its index
    return page.evaluate("""query => new Promise(resolve => {
        const input = document.querySelector('.md-search__input');
        const list = document.querySelector('.md-search-result__list');
        let start = 0;
        setTimeout(() => resolve(-1), 15000);  // no results within 15 s
        const observer = new MutationObserver(() => {
            if (list.querySelector('li')) { observer.disconnect(); resolve(performance.now() - start); }
        });
        observer.observe(list, {childList: true, subtree: true});
        input.value = query;
        start = performance.now();
        // This site's search listens for input, the theme's for keyup.
        input.dispatchEvent(new Event('input', {bubbles: true}));
        input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: query.slice(-1)}));
    })""", query)


def results_for(page, query: str) -> int:
    """How many results a search finds (after the results of an earlier search are shown)."""
    page.locator("input.md-search__input").fill(query)
    page.wait_for_timeout(1500)
    return page.locator(".md-search-result__item").count()


def measure_reader(site_url: str, document: str) -> dict:
    from playwright.sync_api import sync_playwright
    figures = {}
    with sync_playwright() as p:
        for lang, prefix, query in (("sv", "", QUERIES["sv"]), ("en", "en/", QUERIES["en"])):
            for label, path in (("home", ""), ("document", document)):
                context = p.chromium.launch_persistent_context(
                    tempfile.mkdtemp(), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                page = context.new_page()
                figures[f"first_visit_{label}_{lang}"] = transferred(
                    page, lambda page=page, url=site_url + prefix + path: page.goto(url))
                if label == "home":
                    times = []
                    search_bytes = transferred(
                        page, lambda page=page, times=times, query=query: times.append(open_search_and_type(page, query)))
                    figures[f"first_search_{lang}"] = search_bytes
                    figures[f"search_ms_{lang}"] = round(times[0])
                    if lang == "sv":
                        figures["compound_part_results"] = results_for(page, COMPOUND_PART)
                context.close()
    return figures


def html_per_page(site_dir: Path) -> int:
    pages = [p for p in site_dir.rglob("index.html") if "korpus" in p.as_posix()] or list(site_dir.rglob("index.html"))
    return round(statistics.median(p.stat().st_size for p in pages))


def output_check_seconds(site_dir: Path) -> float:
    """What the check of the published HTML costs: every document's rules, every article's allowlist
    (styrdok.output.published), run again over the built site, as the build runs them page by page."""
    start = time.perf_counter()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        published.document_findings(html)
        begin, end = html.find("<article"), html.find("</article>")
        if begin >= 0:
            published.content_findings(html[begin:end])
    return time.perf_counter() - start


def measure(projects: dict[str, Path], work: Path, runs: int, document: str) -> dict:
    """Build each kind `runs` times, taking turns so that a slow moment of the machine hits all
    kinds alike; then measure what a reader downloads from ours and stock."""
    times = {kind: [] for kind in projects}
    memory = {kind: [] for kind in projects}
    settle()
    for run in range(runs):
        for kind, project in projects.items():
            seconds, kib = build_once(project, work / kind / f"site-{run}")
            times[kind].append(seconds)
            memory[kind].append(kib)
    # The last build of each kind is read and served; the others go now, outside the timed builds.
    delete([work / kind / f"site-{run}" for kind in projects for run in range(runs - 1)])
    row = {}
    for kind in projects:
        site_dir = work / kind / f"site-{runs - 1}"
        unused = [p for p in site_dir.rglob("*") if p.suffix == ".map" or "lunr" in p.parts]
        row[kind] = {"build_s": round(statistics.median(times[kind]), 2),
                     "build_runs_s": [round(t, 2) for t in times[kind]],
                     "peak_mib": round(max(memory[kind]) / 1024),
                     "output_kib": round(folder_size(site_dir) / 1024), "html_per_page_b": html_per_page(site_dir),
                     "source_maps_and_lunr_files": len(unused)}
        if (site_dir / "pagefind").is_dir():
            row[kind]["search_index_kib"] = round((folder_size(site_dir / "pagefind") + folder_size(site_dir / "search"))
                                                  / 1024)
        if kind == "ours":
            row[kind]["output_check_s"] = round(output_check_seconds(site_dir), 2)
        if kind in READ_KINDS:
            server = Nginx(site_dir, PREFIX, work / kind)
            try:
                row[kind].update(measure_reader(server.url, document))
            finally:
                server.stop()
    return row


def lighthouse(site_url: str, cache: Path) -> dict:
    """Lighthouse scores (mobile and desktop) for the main pages in both languages."""
    binary = cache / "node_modules" / ".bin" / "lighthouse"
    locked = (LIGHTHOUSE_LOCK / "package-lock.json").read_bytes()
    if not binary.exists() or (cache / "package-lock.json").read_bytes() != locked:
        # The pinned tree, in a folder of its own so that npm leaves the project's own packages alone.
        cache.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(LIGHTHOUSE_LOCK / name, cache / name)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=cache, check=True)
    scores = {}
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    for lang_prefix in ("", "en/"):
        for page in LIGHTHOUSE_PAGES:
            for preset in ("mobile", "desktop"):
                report = cache / "report.json"
                command = [str(binary), site_url + lang_prefix + page, "--quiet", "--output=json",
                           f"--output-path={report}", f"--chrome-flags={flags}",
                           "--only-categories=performance,accessibility,best-practices,seo"]
                if preset == "desktop":
                    command.append("--preset=desktop")
                # Chromium now and then fails to start on a busy machine: try again before giving up.
                for _ in range(3):
                    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                            text=True)
                    if result.returncode == 0:
                        break
                else:
                    raise RuntimeError(f"Lighthouse failed three times on {command[1]}:\n{result.stderr[-2000:]}")
                data = json.loads(report.read_text(encoding="utf-8"))
                scores[f"/{lang_prefix}{page} {preset}"] = {
                    name: round(category["score"] * 100) for name, category in data["categories"].items()}
    return scores


# --- report -----------------------------------------------------------------------------------

def kib(value: int) -> str:
    return f"{value / 1024:.1f} KiB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--only-lighthouse", action="store_true",
                        help="run Lighthouse again and keep the other figures of benchmark/results.json")
    parser.add_argument("--history", nargs="*", metavar="DOCUMENTSxVERSIONS",
                        help="instead: what the version history costs (history.py), the real site and corpora "
                             "such as 1000x20 (documents per language x versions); benchmark/history.md")
    args = parser.parse_args(argv)
    if args.history is not None:
        from . import history
        corpora = [tuple(int(n) for n in size.lower().split("x")) for size in args.history]
        history.run(corpora, args.runs)
        return 0
    if args.only_lighthouse:
        results = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as scratch:
            Path(scratch).chmod(0o755)
            run_lighthouse(results, Path(scratch))
        return report(results)

    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
               "date": time.strftime("%Y-%m-%d"), "runs": args.runs, "corpora": {}}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        scratch.chmod(0o755)  # nginx's workers run as an unprivileged user
        for size in [0, *args.sizes]:
            label = "real site" if size == 0 else f"{size} per language"
            document = "strategi/" if size == 0 else "korpus/00/00/d0000/"
            work = scratch / str(size)
            projects = {kind: make_project(work / kind / "project", size, kind) for kind in KINDS}
            # Builds of a second or two vary most from run to run on a busy machine: build them more often.
            runs = args.runs if size > 100 else 3 * args.runs
            print(f"… {label}: {runs} builds of each of {', '.join(KINDS)}", flush=True)
            row = measure(projects, work, runs, document)
            row["runs"] = runs
            results["corpora"][label] = row
            print(json.dumps({label: row}, indent=1), flush=True)
        results["budgets"] = budgets(results)
        write_report(results)  # the figures so far are kept even if Lighthouse fails
        if not args.no_lighthouse:
            run_lighthouse(results, scratch)
    return report(results)


def run_lighthouse(results: dict, scratch: Path) -> None:
    work = scratch / "lighthouse"
    work.mkdir()
    project = make_project(work / "project", 0)
    build_once(project, work / "site")
    server = Nginx(work / "site", PREFIX, work)
    try:
        results["lighthouse"] = lighthouse(server.url, ROOT / ".cache" / "lighthouse")
    finally:
        server.stop()


def report(results: dict) -> int:
    results["budgets"] = budgets(results)
    write_report(results)
    print((OUT / "results.md").read_text(encoding="utf-8"))
    return 0 if all(b["ok"] for b in results["budgets"]) else 1


def budgets(results: dict) -> list[dict]:
    corpora = results["corpora"]
    real = corpora["real site"]["ours"]
    checks = []
    visits = {k: v for k, v in real.items() if k.startswith("first_visit_")}
    worst = max(visits.values())
    checks.append({"budget": "first visit to any measured page ≤ 60 KiB compressed",
                   "figure": kib(worst), "ok": worst <= BUDGET_FIRST_VISIT})
    unused = real.get("source_maps_and_lunr_files")
    checks.append({"budget": "no source maps or lunr language files published",
                   "figure": "not measured in this run" if unused is None else f"{unused} files "
                             f"(stock: {corpora['real site']['stock'].get('source_maps_and_lunr_files')})",
                   "ok": unused == 0})
    sizes = [c for c in corpora if c != "real site"]
    if len(sizes) >= 2:
        html = [corpora[c]["ours"]["html_per_page_b"] for c in sizes]
        # A menu that shows only the page's own branch grows with the depth of the tree, not the
        # number of pages: allow that (×1.5 from the smallest to the largest corpus).
        checks.append({"budget": "HTML per page does not grow with the number of pages (menu pruned)",
                       "figure": " → ".join(f"{h} B" for h in html), "ok": max(html) <= min(html) * 1.5})
        first, last = sizes[0], sizes[-1]
        n0, n1 = int(first.split()[0]), int(last.split()[0])
        t0, t1 = corpora[first]["ours"]["build_s"], corpora[last]["ours"]["build_s"]
        per_page_growth = (t1 / n1) / (t0 / n0) if t0 else 0
        checks.append({"budget": "build time grows at most linearly with the corpus",
                       "figure": f"{t0} s at {n0} → {t1} s at {n1} (time per page ×{per_page_growth:.2f})",
                       "ok": per_page_growth <= 1.1})
    # Our plugin, templates and checks are compared with the same pages built without them. The
    # search index replaces the index stock Material builds, so the whole build is compared with stock.
    for label, row in corpora.items():
        for budget, ours, bare in (
                ("our plugin, templates and checks (search index aside) add ≤ 20% to a bare build", "ours-search",
                 "bare"),
                ("the whole build, search index included, adds ≤ 20% to stock Material with its search",
                 "ours", "stock")):
            ratio = row[ours]["build_s"] / row[bare]["build_s"]
            checks.append({"budget": f"{budget} ({label})",
                           "figure": f"{row[ours]['build_s']} s vs {row[bare]['build_s']} s ({(ratio - 1) * 100:+.0f}%)",
                           "ok": ratio <= 1.2})
    # What splitting compounds costs: the same build with the index, without splitting.
    for label, row in corpora.items():
        if "ours-nosplit" in row:
            ratio = row["ours"]["build_s"] / row["ours-nosplit"]["build_s"]
            checks.append({"budget": f"splitting Swedish compounds adds ≤ 10% to the build ({label})",
                           "figure": f"{row['ours']['build_s']} s vs {row['ours-nosplit']['build_s']} s "
                                     f"({(ratio - 1) * 100:+.0f}%)", "ok": ratio <= 1.1})
    for page, scores in results.get("lighthouse", {}).items():
        ok = scores["accessibility"] == 100 and scores["best-practices"] == 100 and scores["seo"] == 100
        if page.endswith("mobile"):
            ok = ok and scores["performance"] >= 98
        checks.append({"budget": f"Lighthouse {page}", "figure": ", ".join(f"{k} {v}" for k, v in scores.items()),
                       "ok": ok})
    return checks


def write_report(results: dict) -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = ["# Benchmark results", "", f"Written by `make benchmark` on {results['date']} "
             f"({results['machine']}). Figures vary between machines; compare ratios.", "",
             "| corpus | build | build ×stock | build ×bare | peak memory | output | HTML/page | first visit sv home | "
             "first visit sv doc | first visit en home | first visit en doc | first search sv | first search en | "
             "keystroke→results sv | en | search index | results for a compound part |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for label, row in results["corpora"].items():
        for kind in KINDS:
            if kind not in row:
                continue  # figures from before the kind existed
            r = row[kind]
            label_runs = f"{label}, {row['runs']} builds"
            cells = [f"{label_runs} ({kind})", f"{r['build_s']} s",
                     f"{r['build_s'] / row['stock']['build_s']:.2f}", f"{r['build_s'] / row['bare']['build_s']:.2f}",
                     f"{r['peak_mib']} MiB",
                     f"{r['output_kib']} KiB", f"{r['html_per_page_b']} B"]
            cells += [kib(r[k]) if k in r else "–" for k in (
                "first_visit_home_sv", "first_visit_document_sv", "first_visit_home_en", "first_visit_document_en",
                "first_search_sv", "first_search_en")]
            cells += ["–" if k not in r else "no results" if r[k] < 0 else f"{r[k]} ms"
                      for k in ("search_ms_sv", "search_ms_en")]
            cells += [f"{r['search_index_kib']} KiB" if "search_index_kib" in r else "–",
                      str(r["compound_part_results"]) if "compound_part_results" in r else "–"]
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Kinds: " + "; ".join(f"**{kind}**: {what}" for kind, (what, _) in KINDS.items()) + ". "
              "Stock is Material for MkDocs with mkdocs-static-i18n, its lunr search and its default (Google) fonts, "
              "none of this project's hooks or templates; its search index loads with the page, so its first-search "
              "figure counts only what typing fetches (\"no results\": its search found nothing for the inflected query "
              "within 15 s). Google Fonts are left out of the stock build (this machine cannot fetch them; on the web "
              "they add about 50 KiB and a third-party request). Peak memory includes the Pagefind indexer, a child "
              "process. The kinds are built in turns, as many times as the first column says, each build into a "
              "folder never used before and nothing deleted while builds are timed (the disk here, ext4 without "
              "a journal, makes creating files slow for up to a minute after deleting many); the build time is "
              "the median. The search index is Pagefind's bundle with the identifiers and the vocabulary "
              f"files; the last column counts the results for '{COMPOUND_PART}' (a part of compounds such as "
              "livskvalitet) on the Swedish home page.", ""]
    if results.get("lighthouse"):
        lines += ["## Lighthouse", "", "| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
        for page, s in results["lighthouse"].items():
            lines.append(f"| {page} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |")
        lines.append("")
    checked = {label: row["ours"]["output_check_s"] for label, row in results["corpora"].items()
               if "output_check_s" in row.get("ours", {})}
    if checked:
        lines += ["The check of the published HTML (every document's rules and every article's allowlist, "
                  "styrdok.output.published), run again over ours in one process after the build: "
                  + ", ".join(f"{seconds} s ({label})" for label, seconds in checked.items())
                  + ". In the build it runs as each page is written, in the build's own process.", ""]
    lines += ["## Budgets", ""]
    lines += [f"- {'✅' if b['ok'] else '❌'} {b['budget']}: {b['figure']}" for b in results["budgets"]]
    (OUT / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

