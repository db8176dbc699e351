"""Includes ({!sv/name.md!}): one grammar, one set of rules for what they may read, enforced where
they are read.

The grammar is markdown-include's own pattern, so every form it accepts (``lines=``, spaces
inside the braces, includes inside included files) is seen here too. The library's regular
expression takes quadratic time on a line of unclosed ``{!`` (seconds per line, minutes per page),
so both the checks and the library use ``SYNTAX``: the same language matched in linear time
(``_IncludeSyntax``; tests/test_hostile_output.py compares it with the library's pattern on many
random texts).

The rules: an include reads a regular file inside docs/_includes/, reached without a symbolic
link; a page or fragment includes only fragments of its own language (docs/sv/* and
docs/_includes/sv/* read only docs/_includes/sv/, English likewise); and what one page and one
build may include is capped (``PAGE_BUDGET``, ``BUILD_BUDGET``: included files and their bytes,
nested includes counted), so a fragment that includes itself, or a chain that multiplies, stops.
The content check reports a broken rule with file and line before the build starts; the Markdown
extension ``SafeInclude`` (mkdocs.yml) enforces the same rules in the library's own file opener, for
every file it opens, however the name was put together.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import os
import re
from dataclasses import dataclass
from pathlib import Path

import markdown_include.include as _library

from styrdok.problems import ContentError, Problem

FOLDER = "_includes"
LIBRARY_SYNTAX = _library.INC_SYNTAX  # {!\s*(.+?)\s*!((\blines\b)=([0-9 -]+))?\}


# --- the grammar, in linear time ---------------------------------------------------------------------

_SPACE_RUN = re.compile(r"\s*")
# A "!" that can end an include: followed by "}" or by "lines=" with a line list and "}".
_CLOSING = re.compile(r"!(?:\}|lines=[0-9 -]+\})")
_LINE_BREAK = re.compile(r"\n")


class _Match:
    """What re.Match gives of an include: groups 1 (the name), 2 (``lines=…``), 3, 4 (the list)."""

    __slots__ = ("string", "_spans")

    def __init__(self, string: str, start: int, name: tuple[int, int], bang: int, end: int):
        self.string = string
        lines = (bang + 1, end - 1) if end - bang > 2 else None
        self._spans = [(start, end), name, lines, (bang + 1, bang + 6) if lines else None,
                       (bang + 7, end - 1) if lines else None]

    def span(self, group: int = 0):
        return self._spans[group] or (-1, -1)

    def start(self, group: int = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int = 0) -> int:
        return self.span(group)[1]

    def group(self, *groups):
        found = [None if self._spans[g] is None else self.string[slice(*self._spans[g])] for g in groups or (0,)]
        return found[0] if len(found) == 1 else tuple(found)

    def groups(self):
        return self.group(1, 2, 3, 4)


class _IncludeSyntax:
    """markdown-include's pattern ``{!\\s*(.+?)\\s*!((\\blines\\b)=([0-9 -]+))?\\}`` with the same
    matches, found in linear time.

    How the library's pattern decides, and how that is found here without trying it at every
    place: at a ``{!``, the leading white space is taken whole; the name is the shortest text (no
    line break) up to the first ``!`` that closes an include (``_CLOSING``), white space before
    that ``!`` left out; white space after a line break may lie between the name and the ``!``.
    Only when no such ``!`` follows does the pattern give back leading white space: then the ``!``
    right after it closes the include and the name is one white-space character. The closing
    places are found once per text and looked up (bisect), so each ``{!`` costs little however
    many there are.
    """

    pattern = LIBRARY_SYNTAX.pattern

    def finditer(self, string: str, pos: int = 0):
        if "{!" not in string:
            return
        closings = [(m.start(), m.end()) for m in _CLOSING.finditer(string, pos)]
        bangs = [start for start, _ in closings]
        breaks = [m.start() for m in _LINE_BREAK.finditer(string, pos)]
        space_ends: dict[int, int] = {}
        start = string.find("{!", pos)
        while start >= 0:
            match = self._at(string, start, closings, bangs, breaks, space_ends)
            if match is not None:
                yield match
                start = string.find("{!", match.end())
            else:
                start = string.find("{!", start + 1)

    def search(self, string: str, pos: int = 0) -> _Match | None:
        return next(self.finditer(string, pos), None)

    def sub(self, repl, string: str) -> str:
        parts, last = [], 0
        for match in self.finditer(string):
            parts += [string[last:match.start()], repl(match) if callable(repl) else repl]
            last = match.end()
        return "".join(parts) + string[last:] if parts else string

    @staticmethod
    def _at(string, start, closings, bangs, breaks, space_ends) -> _Match | None:
        name_start = _SPACE_RUN.match(string, start + 2).end()
        index = bisect.bisect_left(bangs, name_start + 1)
        if index < len(bangs):
            bang, end = closings[index]
            line_break = breaks[bisect.bisect_left(breaks, name_start)] \
                if bisect.bisect_left(breaks, name_start) < len(breaks) else -1
            if line_break < 0 or bang < line_break or _space_end(string, line_break, space_ends) == bang:
                name_end = bang
                while name_end > name_start + 1 and string[name_end - 1].isspace():
                    name_end -= 1
                return _Match(string, start, (name_start, name_end), bang, end)
        # The pattern gives back leading white space only for a "!" right after it.
        index = bisect.bisect_left(bangs, name_start)
        if name_start > start + 2 and index < len(bangs) and bangs[index] == name_start:
            last = name_start - 1
            while last >= start + 2 and string[last] == "\n":
                last -= 1
            if last >= start + 2:
                return _Match(string, start, (last, last + 1), name_start, closings[index][1])
        return None


def _space_end(string: str, position: int, cache: dict) -> int:
    if position not in cache:
        cache[position] = _SPACE_RUN.match(string, position).end()
    return cache[position]


SYNTAX = _IncludeSyntax()


def targets(text: str) -> list[tuple[int, str]]:
    """(line, path) of every include in a text, as markdown-include reads them."""
    if "{!" not in text:
        return []
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    return [(bisect.bisect_left(breaks, m.start()) + 1, m.group(1)) for m in SYNTAX.finditer(text)]


# --- where an include may read ------------------------------------------------------------------------

def refusal(target: str, base: Path) -> tuple[str, str] | None:
    """Why markdown-include must not read ``target`` relative to ``base``, or None.

    The same steps as the library (expand ~, join, normalise), then: inside base, no symbolic
    link on the way, a regular file.
    """
    path = os.path.expanduser(target)
    if os.path.isabs(path) or target.startswith("~"):
        return ("är en absolut sökväg", "is an absolute path")
    path = os.path.normpath(os.path.join(base, path))
    return refusal_of_path(path, base)


def refusal_of_path(path: str, base: Path) -> tuple[str, str] | None:
    base_real = os.path.realpath(base)
    absolute = os.path.abspath(path)
    if os.path.commonpath([absolute, os.path.abspath(base)]) != os.path.abspath(base):
        return ("pekar utanför mappen docs/_includes", "points outside the folder docs/_includes")
    probe = os.path.abspath(base)
    for part in Path(os.path.relpath(absolute, probe)).parts:
        probe = os.path.join(probe, part)
        if os.path.islink(probe):
            return ("är en symbolisk länk", "is a symbolic link")
    real = os.path.realpath(absolute)
    if os.path.commonpath([real, base_real]) != base_real:
        return ("pekar utanför mappen docs/_includes", "points outside the folder docs/_includes")
    if not os.path.isfile(real):
        return ("finns inte", "does not exist")
    return None


FIX = ("Lägg textstycket i docs/_includes/sv/ eller docs/_includes/en/ och skriv till exempel {!sv/namn.md!}.",
       "Put the fragment in docs/_includes/sv/ or docs/_includes/en/ and write, for example, {!en/name.md!}.")
# (a page, a fragment, of each language), in Swedish and English.
_HOLDER = {("sv", False): ("en svensk sida", "a Swedish page"), ("en", False): ("en engelsk sida", "an English page"),
           ("sv", True): ("ett svenskt textstycke", "a Swedish fragment"),
           ("en", True): ("ett engelskt textstycke", "an English fragment")}


def language_of(docs_path: str) -> str | None:
    """The language of a page or fragment by its path under docs/ (``sv/x.md``, ``_includes/en/y.md``):
    the folder it is in, a language's folder (the files' rules, tree.py, allow pages nowhere else).
    A fragment in another folder of _includes/ has that folder for its language, which no page has."""
    parts = docs_path.replace(os.sep, "/").split("/")
    if parts[0] == FOLDER:
        parts = parts[1:]
    return parts[0] if len(parts) > 1 and not parts[0].startswith(("_", ".")) else None


def _fragment_path(target: str) -> str:
    """The fragment's path under docs/ (``_includes/sv/x.md``) for an include that passed refusal()."""
    return os.path.normpath(os.path.join(FOLDER, target)).replace(os.sep, "/")


def _language_problem(file: str, line: int | None, target: str, language: str, found: str | None) -> Problem:
    """An include of a fragment in another language than the page or fragment that holds it."""
    holder_sv, holder_en = _HOLDER[(language, file.startswith(f"docs/{FOLDER}/"))]
    what_sv, what_en = _HOLDER.get((found, True), ("ett textstycke utan språkmapp",
                                                   "a fragment outside the language folders"))
    return Problem(
        file, line, f"Inkluderingen {{!{target}!}} hämtar {what_sv} till {holder_sv}.",
        f"The include {{!{target}!}} brings {what_en} into {holder_en}.",
        f"Inkludera bara textstycken från docs/{FOLDER}/{language}/ här, till exempel {{!{language}/namn.md!}}; "
        "lägg en översättning av textstycket där om den saknas.",
        f"Include only fragments from docs/{FOLDER}/{language}/ here, for example {{!{language}/name.md!}}; "
        "put a translation of the fragment there if it is missing.")


def check(text: str, file: str, includes_dir: Path, language: str | None = None) -> list[Problem]:
    """Every include in a text that breaks a rule, with its line: where it reads, and (given the
    text's language) that it reads a fragment of the same language."""
    problems = []
    for line, target in targets(text):
        reason = refusal(target, includes_dir)
        if reason:
            problems.append(Problem(file, line, f"Inkluderingen {{!{target}!}} {reason[0]}.",
                                    f"The include {{!{target}!}} {reason[1]}.", *FIX))
        elif language and language_of(_fragment_path(target)) != language:
            problems.append(_language_problem(file, line, target, language, language_of(_fragment_path(target))))
    return problems


# --- how much a page and a build may include --------------------------------------------------------

@dataclass
class Budget:
    """Included files and their bytes, counted against caps (nested includes count too)."""

    files: int
    bytes: int
    used_files: int = 0
    used_bytes: int = 0

    def take(self, size: int) -> bool:
        """Count one file of ``size`` bytes; False once a cap is passed."""
        self.used_files += 1
        self.used_bytes += size
        return self.used_files <= self.files and self.used_bytes <= self.bytes


# What an include costs is the Markdown it adds: about 4 s per MiB with the site's extensions on this
# kind of machine. A page of the real site includes 6 fragments (about 2.5 KB); 100 files and 1 MiB
# (twice the largest file docs/ accepts, tree.MAX_BYTES) leave room for far more than any page of
# text needs, while a fragment that includes itself, or two that include each other ten times each,
# stop after 100 files, and no page adds more than a few seconds.
PAGE_FILES, PAGE_BYTES = 100, 1024 * 1024
# The real site includes 24 fragments (about 8 KB) in a build. 10,000 files and 8 MiB allow the
# register at the size the benchmark builds (1,000 documents per language) five fragments of
# 800 bytes each, and hold what all includes together can add to a build to about half a minute.
BUILD_FILES, BUILD_BYTES = 10_000, 8 * 1024 * 1024


def page_budget() -> Budget:
    return Budget(PAGE_FILES, PAGE_BYTES)


def build_budget() -> Budget:
    return Budget(BUILD_FILES, BUILD_BYTES)


def _page_over(file: str, line: int | None) -> Problem:
    return Problem(
        file, line,
        f"Sidan inkluderar för mycket: mer än {PAGE_FILES} textstycken eller {PAGE_BYTES // 1024} KiB text, "
        "inkluderingar i textstyckena medräknade (den här raden är där gränsen passerades).",
        f"The page includes too much: more than {PAGE_FILES} fragments or {PAGE_BYTES // 1024} KiB of text, "
        "counting the includes inside fragments (this line is where the limit was passed).",
        "Inkludera färre eller kortare textstycken. Ett textstycke som inkluderar sig självt, direkt eller "
        "genom ett annat, tar aldrig slut: ta bort den inkluderingen.",
        "Include fewer or shorter fragments. A fragment that includes itself, directly or through another, "
        "never ends: remove that include.")


def _build_over(file: str, line: int | None) -> Problem:
    return Problem(
        file, line,
        f"Webbplatsen inkluderar för mycket sammanlagt: mer än {BUILD_FILES} textstycken eller "
        f"{BUILD_BYTES // (1024 * 1024)} MiB text på alla sidor (gränsen passerades här).",
        f"The site includes too much in all: more than {BUILD_FILES} fragments or "
        f"{BUILD_BYTES // (1024 * 1024)} MiB of text on all pages (the limit was passed here).",
        "Inkludera färre eller kortare textstycken, eller skriv texten direkt på sidorna.",
        "Include fewer or shorter fragments, or write the text on the pages themselves.")


class _Fragments:
    """Fragment texts, their sizes and includes, read once per check."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.known: dict[str, tuple[str, int, list[tuple[int, str]]]] = {}

    def get(self, rel: str) -> tuple[str, int, list[tuple[int, str]]]:
        if rel not in self.known:
            from styrdok.model import yamlfile
            text = yamlfile.read_text(self.docs_dir / rel)
            self.known[rel] = (text, len(text.encode("utf-8")), targets(text))
        return self.known[rel]


def _walk(found: list[tuple[int, str]], docs_dir: Path, language: str | None, budget: Budget,
          fragments: _Fragments, build: Budget | None = None):
    """(line in the text, target, fragment path, within budgets) for each include, in the order the
    library opens them (depth first), fragments of the wrong language or refused left out; stops
    after the first include past a budget."""
    base = docs_dir / FOLDER
    for line, target in found:
        if refusal(target, base):
            continue
        rel = _fragment_path(target)
        if language and language_of(rel) != language:
            continue
        _, size, inner = fragments.get(rel)
        within = budget.take(size)
        within_build = build.take(size) if build is not None else True
        yield line, target, rel, within, within_build
        if not within or not within_build:
            return
        for step in _walk(inner, docs_dir, language, budget, fragments, build):
            yield step
            if not step[3] or not step[4]:
                return


def budget_problems(docs_dir: Path, pages: list[str]) -> list[Problem]:
    """Pages (docs/-relative) that include more than a page may, and the page where the site as a
    whole passes the build's budget; each at the line of the page's include that passed it."""
    problems: list[Problem] = []
    fragments = _Fragments(docs_dir)
    build = build_budget()
    build_reported = False
    for page in pages:
        text = (docs_dir / page).read_text(encoding="utf-8")
        budget = page_budget()
        for line, target in targets(text):
            stopped = False
            for _, _, _, within, within_build in _walk([(line, target)], docs_dir, language_of(page), budget,
                                                       fragments, None if build_reported else build):
                if not within:
                    problems.append(_page_over(f"docs/{page}", line))
                    stopped = True
                elif not within_build:
                    problems.append(_build_over(f"docs/{page}", line))
                    build_reported = stopped = True
            if stopped:
                break
    return problems


def expand(text: str, docs_dir: Path, language: str | None = None) -> str:
    """The text with its fragments in place (for the fact and drift checks), as the build would
    include them: fragments that may not be read, of another language or past the page's budget
    are left out (the content check reports them)."""
    if "{!" not in text:
        return text
    return _expand(text, docs_dir, language, page_budget(), _Fragments(docs_dir))


def _expand(text: str, docs_dir: Path, language: str | None, budget: Budget, fragments: _Fragments) -> str:
    base = docs_dir / FOLDER

    def replace(match):
        target = match.group(1)
        if refusal(target, base):
            return ""
        rel = _fragment_path(target)
        if language and language_of(rel) != language:
            return ""
        inner, size, _ = fragments.get(rel)
        if not budget.take(size):
            return ""
        return _expand(inner, docs_dir, language, budget, fragments) if "{!" in inner else inner
    return SYNTAX.sub(replace, text)


def fragments(text: str, docs_dir: Path, language: str | None = None) -> list[str]:
    """Paths (relative to docs/) of the fragments a text includes, nested ones too, within the
    page's budget."""
    if "{!" not in text:
        return []
    return [rel for _, _, rel, within, _ in _walk(targets(text), docs_dir, language, page_budget(),
                                                  _Fragments(docs_dir)) if within]


# --- the guard inside markdown-include ------------------------------------------------------------

class IncludeRefused(ContentError):
    """Raised when markdown-include is asked to open a file the rules do not allow."""


@dataclass
class _Page:
    file: str               # as an editor sees it: docs/sv/strategi.md
    language: str | None


# The state of one build and of the page being rendered, held for as long as they last (start_build,
# start_page): never the process's. MkDocs makes a new Markdown object for each page, so the
# extension finds them here rather than in its own settings.
_build: contextvars.ContextVar = contextvars.ContextVar("include_build_budget", default=None)
_page: contextvars.ContextVar = contextvars.ContextVar("include_page", default=None)
_base: contextvars.ContextVar = contextvars.ContextVar("include_base", default=None)
_page_budget: contextvars.ContextVar = contextvars.ContextVar("include_page_budget", default=None)
_library_open = _library.open


def start_build() -> None:
    """A build begins (pipeline.SiteBuild.start): a new budget for the whole build."""
    _build.set(build_budget())
    _page.set(None)


def end_build() -> None:
    _build.set(None)
    _page.set(None)


def idle() -> bool:
    """No build and no page is in progress in this context (what every test leaves behind)."""
    return _build.get() is None and _page.get() is None


def start_page(src_uri: str | None) -> None:
    """The Markdown of this page (``sv/strategi.md``) is rendered next: it may include only
    fragments of its language. None: no page is being rendered."""
    _page.set(_Page(f"docs/{src_uri}", language_of(src_uri)) if src_uri else None)


def _refuse(sv: str, en: str):
    page = _page.get()
    raise IncludeRefused([Problem(page.file if page else f"docs/{FOLDER}", None, sv, en, *FIX)])


def _guarded_open(filename, *args, **kwargs):
    page, build = _page.get(), _build.get()
    base = _base.get()
    if base is not None:
        reason = refusal_of_path(filename, Path(base))
        shown = os.path.relpath(filename, base) if not os.path.isabs(str(filename)) else filename
        if reason:
            _refuse(f"Inkluderingen '{shown}' {reason[0]}.", f"The include '{shown}' {reason[1]}.")
        real = os.path.realpath(filename)
        if page is not None and page.language:
            found = language_of(os.path.relpath(real, os.path.realpath(base)))
            if found != page.language:
                problem = _language_problem(page.file, None, shown.replace(os.sep, "/"), page.language, found)
                raise IncludeRefused([problem])
        size = os.path.getsize(real)
        budget = _page_budget.get()
        file = page.file if page else f"docs/{FOLDER}"
        if budget is not None and not budget.take(size):
            raise IncludeRefused([_page_over(file, None)])
        if build is not None and not build.take(size):
            raise IncludeRefused([_build_over(file, None)])
    return _library_open(filename, *args, **kwargs)


@contextlib.contextmanager
def _library_guarded():
    """While the site's include step runs: the library finds includes with the linear SYNTAX and
    opens files through _guarded_open. It reads both through module-level names (INC_SYNTAX, open),
    the only places it offers; they are the library's own again when the step ends, so nothing is
    changed for anyone else who imports it."""
    before = _library.INC_SYNTAX, _library.open
    _library.INC_SYNTAX, _library.open = SYNTAX, _guarded_open
    try:
        yield
    finally:
        _library.INC_SYNTAX, _library.open = before


class _SafeIncludePreprocessor(_library.IncludePreprocessor):
    def run(self, lines):
        # The library calls run() again for each included file: the page's budget is made once.
        token = _base.set(self.base_path)
        budget = _page_budget.set(page_budget()) if _page_budget.get() is None else None
        outermost = _library.open is not _guarded_open
        try:
            if outermost:
                with _library_guarded():
                    return super().run(lines)
            return super().run(lines)
        finally:
            if budget is not None:
                _page_budget.reset(budget)
            _base.reset(token)


class SafeInclude(_library.MarkdownInclude):
    """markdown-include that reads only regular files inside its base_path, without symbolic links,
    of the page's language, within the page's and the build's budgets."""

    def __init__(self, configs=None):
        super().__init__(configs or {})
        self.setConfig("throwException", True)  # a refused or missing file stops the build

    def extendMarkdown(self, md):
        md.preprocessors.register(_SafeIncludePreprocessor(md, self.getConfigs()), "include", 101)


def makeExtension(**kwargs):
    return SafeInclude(kwargs)
