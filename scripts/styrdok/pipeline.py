"""The build's own steps, in the order they run, with the state of one build.

Nothing here imports MkDocs: an adapter (scripts/mkdocs_styrdok, the MkDocs plugin) calls these
phases at the matching moments, and another generator would call the same phases. Each phase takes
plain values (paths, texts, page names) and returns plain values.

1. ``start``            every content check, before anything is written (stops with problems);
                        the version history read from git (model/history.py: a production build
                        stops without the whole history; withdrawn versions checked); starts
                        Pagefind's indexing service (its own process)
2. ``history_files``    the pages of one language's version history (render/history.py: history
                        pages, earlier versions, redlines), made and checked before MkDocs renders
                        any page, out of the menu, the sitemap and the search
   ``generated_files``  the files made from the register for one language (feed, register.json)
3. ``page_markdown``    a page's Markdown: escaped front matter, generated sections, notices, when
                        it last changed; for a page of the history, its template and data
4. ``page_content``     the HTML that Markdown made: held to the content allowlist (a page of the
                        history gets its content, checked when it was made);
   ``title_entry``      on a page whose h1 the template writes, the anchor of that h1 for the
                        page's table of contents (so the skip link lands on it)
5. ``page_html``        the page as it is written: HTML fixes and language marking, the document
                        rules, and the copy for the search index (Swedish compounds marked),
                        handed to Pagefind's process
6. ``template_html``    a template-only page (404): the same fixes and rules
7. ``language_done``    after one language is written: keep its "page not found" page
8. ``finish``           after every language: any page refused stops the build; with none, the
                        search bundle and words; the headers file
"""

from __future__ import annotations

import contextlib
import copy
import fnmatch
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from styrdok import search
from styrdok.checks import drift, extensions, site_paths
from styrdok.model import content, history, markdown_text, markers, operator_settings, terminology, tree, withdrawn
from styrdok.output import headers, published
from styrdok.problems import ContentError, Problem
from styrdok.render import assessment, includes, notfound, template_data, theme_fixes, views
from styrdok.render import history as history_pages
from styrdok.render.template_cache import RenderedOnce
from styrdok.search import compounds

# Files the theme ships that this site never uses: never written (the theme's script bundle, lunr
# search, source maps); see overrides/main.html and the README's search section.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/*", "assets/javascripts/workers/*",
                      "assets/javascripts/bundle.*.min.js", "*.map")


# The id of the h1 that our templates write (document pages in main.html, the 404 pages): the
# skip link's target there (title_entry).
TITLE_ANCHOR = "sidtitel"

# What each generated part is made of, for the version history (history.Reads): the data files
# (docs/-relative) whose change changes what it shows. None: it is made from this build (the
# assessment's tools and date) or from the history itself (the editorial changes), so it is no part
# of a page's versions, and an earlier version shows a note in its place.
GENERATED_READS: dict[str, tuple[str, ...] | None] = {
    "accessibility-assessment": None,
    "accessibility-compliance": (operator_settings.FILE,),
    "accessibility-contact": (operator_settings.FILE,),
    "accessibility-dates": (operator_settings.FILE,),
    "accessibility-gaps": (operator_settings.FILE,),
    "accessibility-review": (operator_settings.FILE,),
    "accessibility-technical": (operator_settings.FILE,),
    "changelog": (content.REGISTER_FILE,),
    "current-rules-contact": (operator_settings.FILE,),
    "editorial-changes": None,
    "glossary": (content.TERMINOLOGY_FILE,),
    "privacy-operator": (operator_settings.FILE,),
    "register-table": (content.REGISTER_FILE,),
    "status-overview": (content.REGISTER_FILE,),
}
# The templates of a document's register block, whose ui.yml texts (doc.ui.NAME) the page shows.
REGISTER_PARTIALS = "overrides/partials/register"
_TEMPLATE_TEXT = re.compile(r"\bdoc\.ui\.(\w+)")


def unused_theme_file(dest_uri: str) -> bool:
    return any(fnmatch.fnmatch(dest_uri, pattern) for pattern in UNUSED_THEME_FILES)


@contextlib.contextmanager
def _pagefind_failure(prefix: str = ""):
    """Pagefind failing is not an editor's mistake: its error, with what to do about it."""
    try:
        yield
    except (OSError, RuntimeError) as error:
        raise RuntimeError(f"{prefix}{error}\n{search.HOW_TO_FIX}") from None


class _NotedTexts(dict):
    """Interface texts that note which of them are read (SiteBuild.page_reads)."""

    def __init__(self, texts: dict):
        super().__init__(texts)
        self.used: set[str] = set()

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)


def history_problem(log: history.Log) -> Problem:
    """A production build without the whole version history: the dates and histories would be wrong."""
    if log.state == history.SHALLOW:
        what_sv = "en grund klon (shallow clone) som saknar den äldre versionshistoriken"
        what_en = "a shallow clone that lacks the older version history"
    else:
        what_sv = "utan versionshistorik (git saknas, mappen är inget git-förråd, eller git vägrar läsa det)"
        what_en = "without version history (git is missing, the folder is not a git repository, or git refuses to read it)"
    return Problem(
        ".git", None,
        f"Webbplatsen byggs för publicering, men kodförrådet är {what_sv}. Då kan sidorna inte visa rätt "
        "datum för senaste ändring, sin historik eller tidigare versioner, så inget publiceras.",
        f"The site is built for publishing, but the repository is {what_en}. The pages could not show "
        "the right date of their last change, their history or earlier versions, so nothing is published.",
        "Hämta hela historiken och bygg igen: git fetch --unshallow (eller en ny klon utan --depth). I GitHub "
        "Actions: actions/checkout med fetch-depth: 0. I en container: git config --global --add "
        "safe.directory med mappens sökväg. Se README, avsnittet Publishing.",
        "Fetch the whole history and build again: git fetch --unshallow (or a new clone without --depth). In "
        "GitHub Actions: actions/checkout with fetch-depth: 0. In a container: git config --global --add "
        "safe.directory with the folder's path. See the README, section Publishing.")


@dataclass
class PageResult:
    markdown: str
    meta: dict = field(default_factory=dict)


class SiteBuild:
    """One build of the whole site (every language). Make a new one for each build."""

    def __init__(self, docs_dir: Path, root: Path, site_url: str, directory_urls: bool = True):
        self.docs_dir = Path(docs_dir)
        self.root = Path(root)
        self.site_url = site_url or ""
        # MkDocs' use_directory_urls: every page address the build makes itself follows it.
        self.directory_urls = directory_urls
        self.page_path = functools.partial(views.page_path, directory_urls=directory_urls)
        self.site: content.Content | None = None
        self.refused: list[Problem] = []  # what the output checks refused, reported at finish
        self.refused_text: set[str] = set()  # pages refused for their text (not again for their template)
        self.indexer: search.Indexer | None = None
        self.corrections: compounds.Corrections | None = None
        self.words: dict[str, Counter] = {}
        self.not_found_pages: dict[str, bytes] = {}
        self._reading = None  # the run's files, read once (tree.reading), while the build lasts
        # The version history (render/history.py): what each page shows about when it changed, and
        # the pages of the history, made once per language and handed over page by page.
        self.history: history_pages.HistorySite | None = None
        self.history_generated: dict[str, history_pages.Generated] = {}
        self._history_languages: set[str] = set()

    # 1 ---------------------------------------------------------------------------------------
    def start(self, index: bool = True, split_compounds: bool = True,
              markdown_extensions: tuple[list[str], dict] | None = None, config_file: Path | None = None,
              checked: content.Content | None = None) -> None:
        """Check everything editors write; raise ContentError. Then start Pagefind's indexing service.

        ``index``: build the search index; ``split_compounds``: split Swedish compounds in it;
        ``markdown_extensions``: the loaded configuration's extensions and their options, held to
        the allowlist (extensions.py) before anything else, with lines from ``config_file``;
        ``checked``: the site as make check has just read and checked it (checks/registry.py), so that one
        run reads the files once; otherwise the build reads and checks them itself."""
        if markdown_extensions is not None:
            names, options = markdown_extensions
            problems = extensions.check_loaded(names, options, self.docs_dir, config_file)
            if problems:
                raise ContentError(problems)
        self.site = checked if checked is not None else content.load(self.docs_dir, self.root)
        # The build reads every file under docs/ through the site's one list (tree.reading).
        self._reading = tree.reading(self.site.files)
        self._reading.__enter__()
        problems = operator_settings.production_problems(self.site.operator, self.site_url)
        problems += self._read_history(markdown_extensions)
        if problems:
            raise ContentError(problems)
        corrections = self.site.compound_corrections if split_compounds else None
        if index and split_compounds and not compounds.DICTIONARY.with_suffix(".dic").is_file():
            raise RuntimeError(f"Den svenska ordlistan saknas i paketet ({compounds.DICTIONARY}.dic): sökningen "
                               "behöver den för att dela sammansatta ord. Installera om med pip install -r "
                               "requirements.txt. / The Swedish word list is missing from the package: the search "
                               "needs it to split compound words. Reinstall with pip install -r requirements.txt.")
        includes.start_build()  # the build's budget of includes (includes.SafeInclude counts against it)
        self.corrections = corrections
        if index:
            with _pagefind_failure("Pagefind could not start: "):
                self.indexer = search.Indexer()

    def _read_history(self, markdown_extensions) -> list[Problem]:
        """The version history of every page (model/history.py), read once: one git log, and the
        blobs the versions need. A production build needs the whole history; a local build without it
        says so on its pages. Withdrawn versions must be versions, and not what a page shows now."""
        site = self.site
        log = history.read_log(self.docs_dir)
        problems = []
        if not log.complete and operator_settings.production(self.site_url):
            problems.append(history_problem(log))
        blobs = history.Blobs(self.docs_dir)
        pages = [path for path in site.files.texts
                 if path.endswith(".md") and path.split("/", 1)[0] in site.languages and "/" in path]
        parsed: dict = {}
        histories = history.versions(log, blobs, pages, self.page_reads(),
                                     worktree=lambda path: history.normalised(site.files.texts[path])
                                     if path in site.files.texts else None, parsed=parsed)
        made = {version.commit.id: [] for found in histories.values() for version in found.versions}
        for page, found in histories.items():
            for version in found.versions:
                made[version.commit.id].append(page)
        latest = {found.latest.commit.id: f"docs/{page}" for page, found in histories.items() if found.latest}
        resolved, found_problems = withdrawn.check_commits(site.withdrawn, made, latest) if log.complete else ({}, [])
        problems += found_problems
        names, options = markdown_extensions if markdown_extensions is not None else ([], {})
        self.history = history_pages.HistorySite(site, log, histories, blobs, resolved, self.site_url,
                                                 (list(names), dict(options)), self.generated_handlers,
                                                 self.page_reads(), self.directory_urls)
        self.history.parsed = parsed
        return problems

    def page_reads(self) -> history.Reads:
        """What each generated part and a document's register block are made of (GENERATED_READS),
        with the ui.yml texts each shows, found by making them once with texts that note what is
        read, and from the register partials' doc.ui names."""
        if getattr(self, "_reads", None) is not None:
            return self._reads
        site = self.site
        used: dict[str, set[str]] = {name: set() for name in [*markers.GENERATED, "document"]}
        partials = self.root / REGISTER_PARTIALS
        for template in sorted(partials.glob("*.html")) if partials.is_dir() else []:
            used["document"] |= set(_TEMPLATE_TEXT.findall(template.read_text(encoding="utf-8")))
        for lang in site.languages if site.register and site.ui else ():
            noted = _NotedTexts(site.ui[lang])
            watched = copy.copy(site)
            watched.ui = {**site.ui, lang: noted}
            watched.register = copy.copy(site.register)
            watched.register.ui = watched.ui
            handlers = self.generated_handlers(watched, lang, f"{lang}/index.md", None)
            for name in markers.GENERATED:
                noted.used.clear()
                with contextlib.suppress(Exception):  # (a part that needs what a test copy lacks)
                    handlers[name]()
                used[name] |= noted.used
            noted.used.clear()
            for doc in watched.register.documents:
                views.document_view(watched.register, doc, lang, lambda page, *_: page)
            used["document"] |= noted.used
        self._reads = history.Reads(
            markers={name: files for name, files in GENERATED_READS.items() if files is not None},
            ui_keys={name: frozenset(keys) for name, keys in used.items()})
        return self._reads

    def content_security_policy(self) -> str:
        """The policy for every page's <meta> (the same for the published site and the local
        preview). Printed unescaped (its quotes are the policy's own 'self'), so it is held here to
        what cannot leave a double-quoted attribute."""
        policy = headers.meta_content_security_policy()
        if any(char in policy for char in '"<>&'):
            raise RuntimeError(f"headers.POLICY must not hold \", <, > or &: {policy}")
        return policy

    def markdown_settings(self, lang: str) -> dict:
        """Settings of the site's own Markdown extensions for this language's pages."""
        return {"styrdok.render.tables": {"label": self.site.ui[lang]["table_region"]}}

    def template_globals(self, lang: str) -> dict:
        """What every template may use: the interface text and the policy."""
        return {"ui": self.site.ui[lang], "ui_by_language": self.site.ui,
                "content_security_policy": self.content_security_policy(),
                "page_path": lambda page: self.page_path(page, lang, self.site.languages[0]),
                "title_anchor": TITLE_ANCHOR,
                "escaped_config": template_data.escaped_config,
                "once": RenderedOnce(),
                "search_files": {"identifiers": search.IDENTIFIERS_FILE.format(lang=lang),
                                 "words": search.WORDS_FILE.format(lang=lang)}}

    # 2 ---------------------------------------------------------------------------------------
    def generated_files(self, lang: str, site_name: str) -> list[tuple[str, str, str]]:
        """(source name, site-relative path, text) of the files made from the register for one
        language: its Atom feed, the register as JSON (the same in every language), and the
        identifiers the search puts first."""
        reg = self.site.register
        self.history_files(lang)  # (the feed carries the editorial changes, which the history finds)
        editorial = self.history.editorial.get(lang, []) if self.history else []
        original = self.site.languages[0]
        return [
            (f"{lang}/{views.FEED_FILE}", views.file_path(views.FEED_FILE, lang, original),
             views.atom_feed(reg, lang, self.site_url, site_name, editorial,
                             lambda name: history_pages.history_path(name, lang, original, self.directory_urls))),
            (views.JSON_FILE, views.JSON_FILE, views.register_json(reg, self.site_url)),
            (f"{lang}/{search.IDENTIFIERS_FILE.format(lang=lang)}", search.IDENTIFIERS_FILE.format(lang=lang),
             # (register text: no markup characters in the file, however it is read)
             views.markup_free_json(search.identifiers_json(reg, lang, self.site.ui[lang], self.page_path))),
        ]

    # 3 ---------------------------------------------------------------------------------------
    def page_markdown(self, markdown: str, src_uri: str, meta: dict, lang: str, link, edit_base: str) -> PageResult:
        """Front matter made safe for the templates, generated sections in place, and what the
        templates show beside the text (register facts, edit links, translation notice).

        ``link(page)`` gives the URL of another page (``strategi.md``) relative to this one.
        """
        if src_uri in self.history_generated:
            return self._history_page(self.history_generated[src_uri], lang)
        reg = self.site.register
        result = PageResult(markdown)
        result.meta["last_changed"] = self.history.last_changed(src_uri) if self.history else {"state": "missing"}
        # MkDocs templates do not escape: a title is shown in the menu, the <title> and the <h1>.
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                result.meta[key] = markdown_text.html_text(meta[key])
        result.meta["edit_parts"] = views.edit_parts(self.docs_dir, src_uri, markdown,
                                                     bool(meta.get("document")), edit_base, self.site.ui[lang])
        doc_id = meta.get("document")
        if doc_id:
            doc = reg.by_id[doc_id]
            result.meta["register"] = views.document_view(reg, doc, lang, link)
            result.meta["json_ld"] = views.json_ld(reg, doc, lang, self.site_url)
        original = self.site.languages[0]
        if lang != original and src_uri.startswith(f"{lang}/"):
            name = src_uri[len(lang) + 1:]
            current, recorded, _ = drift.status(name, self.docs_dir, self.root)
            if recorded != current:
                result.meta["translation_outdated"] = {"swedish_url": link(name, original)}
        handlers = self.generated_handlers(self.site, lang, src_uri, self._last_updated(src_uri))
        result.markdown = content.expand_markers(markdown, f"docs/{src_uri}", handlers)
        includes.start_page(src_uri)  # Markdown renders this page next: its includes are held to its language
        return result

    def _history_page(self, generated: history_pages.Generated, lang: str) -> PageResult:
        """A page of the version history: its template, what it shows (escaped there), and its
        title for the theme's templates, which do not escape."""
        texts = self.site.ui[lang]
        data = generated.meta
        title = {"history": f"{texts['history_heading']}: {data['title']}",
                 "version": f"{data['title']} ({texts['version_of']} {data.get('date')})",
                 "redline": f"{texts['redline_heading']}: {data['title']} ({data.get('date')})"}[data["kind"]]
        description = texts[f"{data['kind']}_description"]
        return PageResult("", {"title": markdown_text.html_text(title),
                               "description": markdown_text.html_text(description),
                               "template": generated.template, "history": data,
                               # Earlier versions and redlines are not for search engines: the
                               # current page is the one to find (canonical).
                               "noindex": data["kind"] != "history",
                               "canonical": data.get("canonical")})

    def history_files(self, lang: str) -> list[tuple[str, str]]:
        """(generated file's name, site-relative output path) of every page of this language's
        version history; made once per language (render/history.py), handed over page by page."""
        if self.history is None or not self.history.log.complete:
            return []
        if lang not in self._history_languages:
            self._history_languages.add(lang)
            for generated in self.history.pages(lang):
                self.history_generated[generated.source] = generated
        prefix = f"{lang}/{history_pages.HISTORY_FOLDER}/"
        return [(source, history_pages.output_file(generated.path)) for source, generated in self.history_generated.items()
                if source.startswith(prefix)]

    def generated_handlers(self, site: content.Content, lang: str, src_uri: str, updated) -> dict:
        """One handler for each name in markers.GENERATED, making its Markdown from ``site`` (this
        build's content, or a commit's data for an earlier version: render/history.py); ``updated``:
        the day the page last changed (the accessibility statement says it)."""
        reg, texts = site.register, site.ui.get(lang)
        return {
            "changelog": lambda: views.changelog_markdown(reg, lang),
            "editorial-changes": lambda: views.editorial_markdown(
                self.history.editorial.get(lang, []) if self.history else [], lang, texts,
                lambda name: history_pages.history_source(name, lang)[len(lang) + 1:]),
            "register-table": lambda: views.register_table_markdown(reg, lang),
            "status-overview": lambda: views.status_overview_markdown(reg, lang),
            "glossary": lambda: terminology.glossary_markdown(site.terms, lang, texts),
            "accessibility-assessment": lambda: assessment.statement_markdown(
                assessment.current(self.root, site.languages), texts),
            "accessibility-compliance": lambda: assessment.compliance_markdown(site.operator, lang, texts),
            "accessibility-technical": lambda: assessment.technical_markdown(site.operator, lang, texts),
            "accessibility-gaps": lambda: assessment.gaps_markdown(site.operator, lang, texts),
            "accessibility-review": lambda: assessment.review_markdown(site.operator, lang, texts),
            "accessibility-contact": lambda: operator_settings.contact_markdown(site.operator, lang, texts),
            "accessibility-dates": lambda: operator_settings.dates_markdown(site.operator, updated, lang, texts),
            "privacy-operator": lambda: operator_settings.privacy_markdown(site.operator, lang, texts),
            "current-rules-contact": lambda: operator_settings.current_rules_markdown(site.operator, lang, texts),
        }

    def title_entry(self, src_uri: str, meta: dict, toc_ids: list[str]) -> str | None:
        """The anchor of the h1 that main.html writes on a document page (the register's title area),
        or None on a page whose Markdown has its h1. The adapter makes it the first, level-1 entry
        of the page's table of contents, with the old entries as its children, as a Markdown h1
        would be: the theme's skip link goes to the first entry (it would otherwise jump past the
        title, the status and the notices to the first h2), and its sidebar lists the children."""
        if meta.get("history"):
            # (the history templates write the h1: the title's, or an earlier version's own heading)
            data = meta["history"]
            return data.get("title_anchor") if data.get("own_heading") else TITLE_ANCHOR
        if not meta.get("register"):
            return None
        if TITLE_ANCHOR in toc_ids:
            # The heading may stand in the page or in a fragment it includes: told where it is written.
            file, line = f"docs/{src_uri}", None
            for where, text in content.sources_of(self.docs_dir, src_uri):
                found = next((number for number, row in enumerate(text.split("\n"), start=1)
                              if TITLE_ANCHOR in row.lower()), None) if where.endswith(".md") else None
                if found:
                    file, line = where, found
                    break
            raise ContentError([Problem(
                file, line, f"Ankaret '#{TITLE_ANCHOR}' är reserverat för sidans titel, men en rubrik på sidan har det.",
                f"The anchor '#{TITLE_ANCHOR}' is kept for the page's title, but a heading on the page has it.",
                f"Ge rubriken ett annat ankare, till exempel {{#{TITLE_ANCHOR}-2}}.",
                f"Give the heading another anchor, for example {{#{TITLE_ANCHOR}-2}}.")])
        return TITLE_ANCHOR

    def _last_updated(self, src_uri: str):
        """The day the page last changed (its latest version), or None: the same source as the
        "last updated" line of every page (render/history.py)."""
        return self.history.last_day(src_uri) if self.history else None

    # 4 ---------------------------------------------------------------------------------------
    def page_content(self, content_html: str, src_uri: str) -> str:
        """The HTML that Markdown made, held to the content allowlist (a refusal is reported at
        finish, with every other page's); returns the page's content. A page of the version history
        gets the content made for it (render/history.py), checked there."""
        includes.start_page(None)
        generated = self.history_generated.get(src_uri)
        if generated is not None:
            html, generated.html = generated.html, ""
            return html
        if found := published.content_findings(content_html):
            self._refuse(src_uri, found, "sidans text", "the page text")
            self.refused_text.add(src_uri)
        return content_html

    # 5 ---------------------------------------------------------------------------------------
    def page_html(self, output: str, src_uri: str, dest_uri: str, canonical_url: str | None) -> str:
        """The page as it is written: the HTML fixes, the document rules, and its copy for the index."""
        generated = self.history_generated.get(src_uri)
        terms = generated.terms if generated is not None and generated.terms is not None else self.site.terms
        output = theme_fixes.fix(output, canonical_url, terms)
        # (A page refused for its text is not reported again for the page around it.)
        if src_uri not in self.refused_text and (found := published.document_findings(output, self.site_url)):
            self._refuse(src_uri, found, "sidans mall", "the page template")
        # (The version history is not in the search: it would repeat every page's words.)
        if self.indexer and not self.refused and src_uri not in self.history_generated \
                and (indexable := search.prepare(output, self.corrections)):
            self.words.setdefault(indexable.language, Counter()).update(indexable.words)
            with _pagefind_failure():
                self.indexer.add(indexable.html, dest_uri)
        return output

    def _refuse(self, src_uri: str, found: list, where_sv: str, where_en: str) -> None:
        self.refused += published.problems(found, f"docs/{src_uri}", content.sources_of(self.docs_dir, src_uri),
                                           where_sv, where_en)

    # 6 ---------------------------------------------------------------------------------------
    def template_html(self, output: str, template_name: str) -> str:
        output = theme_fixes.fix(output, None, self.site.terms)
        found = published.document_findings(output, self.site_url)
        if found:
            raise ContentError(published.problems(found, f"overrides/{template_name}", [], "mallen", "the template"))
        return output

    # 7 ---------------------------------------------------------------------------------------
    def language_done(self, site_dir: Path, lang: str) -> None:
        notfound.keep(site_dir, lang, self.not_found_pages)
        notfound.place(site_dir, self.not_found_pages, self.site.languages[0])

    # 8 ---------------------------------------------------------------------------------------
    def finish(self, site_dir: Path) -> None:
        """Any page refused stops the build; with none, the search bundle and each language's words."""
        self._stop_reading()
        includes.end_build()
        self._close_history()
        indexer, self.indexer = self.indexer, None
        if self.refused:
            if indexer:
                indexer.close()
            raise ContentError(self.refused)
        if indexer:
            with _pagefind_failure():
                indexer.write(site_dir / site_paths.PAGEFIND_FOLDER)
            for lang, words in self.words.items():
                path = site_dir / search.WORDS_FILE.format(lang=lang)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(search.vocabulary_json(words), encoding="utf-8")
        prefix = urlparse(self.site_url or "/").path or "/"
        (site_dir / site_paths.HEADERS_FILE).write_text(headers.headers_file(site_dir, prefix), encoding="utf-8")

    def _stop_reading(self) -> None:
        if self._reading is not None:
            self._reading.__exit__(None, None, None)
            self._reading = None

    def _close_history(self) -> None:
        if self.history is not None:
            self.history.close()

    def close(self) -> None:
        """After a failed build: stop Pagefind's process and git's."""
        self._stop_reading()
        includes.end_build()
        self._close_history()
        if self.indexer:
            self.indexer.close()
            self.indexer = None
