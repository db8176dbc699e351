"""MkDocs' own messages, told as the project's problems: file, line, what, how to fix (sv + en).

The strict build stops on MkDocs' warnings (a dangling link, a missing anchor, a page left out of
the menu). They reach us in this process as log records (Recorder, one handler on MkDocs' logger);
their messages are English and name no line, so here each one gets the line of the link in the
Markdown, the nearest existing page or anchor, and the fix. Our own steps' problems are objects
already and never pass through here.
"""

from __future__ import annotations

import contextlib
import logging
import re
import unicodedata
from pathlib import Path

from styrdok.checks import pages
from styrdok.model import tree
from styrdok.model.files import files_under
from styrdok.problems import Problem, did_you_mean
from styrdok.render import includes

_MISSING_PAGE = re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but the target '([^']+)' is not found")
_MISSING_ANCHOR = re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but the doc '([^']+)' does not "
                             r"contain an anchor '#([^']+)'")
_NOT_IN_NAV = "are not included in the \"nav\" configuration"


def slug(text: str) -> str:
    """Python-Markdown's default anchor for a heading (toc's slugify)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _text(docs_dir: Path, page: str) -> str | None:
    """A page MkDocs' message names, read only if it is a file inside docs/ (tree.docs_path): the
    messages quote its anchors."""
    try:
        return tree.docs_path(docs_dir, page).read_text(encoding="utf-8")
    except tree.OutsideDocs:
        return None


def anchors(docs_dir: Path, page: str) -> list[str]:
    """The anchors a page has: explicit {#id} or the slug of each heading's text, the headings of the
    fragments it includes too."""
    text = _text(docs_dir, page)
    if text is None:
        return []
    text = includes.expand(text, docs_dir, includes.language_of(page))
    found = []
    for line in text.split("\n"):
        heading = pages.headings(line, 1)
        if heading:
            text = line.lstrip("#").strip()
            found.append(heading[0][2] or slug(re.sub(r"\{#[^}]*\}\s*$", "", text)))
    return found


def _where_link(docs_dir: Path, page: str, needle: str) -> tuple[str, int | None]:
    """(file, line) of a link MkDocs names on a page: in the page, or in a fragment it includes (MkDocs
    names the page; the editor wrote the link in the fragment)."""
    text = _text(docs_dir, page)
    if text is None:
        return f"docs/{page}", None
    parts = [(f"docs/{page}", text)]
    for rel in includes.fragments(text, docs_dir, includes.language_of(page)):
        with contextlib.suppress(tree.OutsideDocs):
            parts.append((f"docs/{rel}", tree.docs_path(docs_dir, rel).read_text(encoding="utf-8")))
    for file, part in parts:
        for number, line in enumerate(part.split("\n"), start=1):
            if f"({needle}" in line or f"]: {needle}" in line:
                return file, number
    return f"docs/{page}", None


class Recorder(logging.Handler):
    """MkDocs' warnings and errors of one run, as they are logged (one handler on the "mkdocs"
    logger, which every MkDocs module, the theme and the i18n plugin log under)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> Recorder:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


def problems(messages: list[str], docs_dir: Path) -> list[Problem]:
    """MkDocs' messages as problems; a message may go on over several lines (the pages left out of
    the menu are listed below it)."""
    found = []
    for message in messages:
        first, *following = message.split("\n")
        if message.startswith("Aborted"):
            continue  # MkDocs' summary of the warnings told here one by one
        if _NOT_IN_NAV not in first:
            first = " ".join([first, *(line.strip() for line in following)])
        found += _translate(first, following, docs_dir)
    return found


def _translate(message: str, following: list[str], docs_dir: Path) -> list[Problem]:
    anchor = _MISSING_ANCHOR.search(message)
    if anchor:
        source, link, target, name = anchor.groups()
        known = anchors(docs_dir, target)
        hint_sv, hint_en = did_you_mean(name, known, cutoff=0.4, form="#{}")
        return [Problem(
            *_where_link(docs_dir, source, link),
            f"Länken '{link}' pekar på ankaret #{name}, som inte finns på docs/{target}.{hint_sv}",
            f"The link '{link}' points at the anchor #{name}, which docs/{target} does not have.{hint_en}",
            "Rätta ankaret efter # så att det är en rubrik på sidan. Ankare som finns: " + ", ".join(known[:8]) + ".",
            "Correct the anchor after # so that it is a heading on that page. Anchors there: " + ", ".join(known[:8]) + ".")]
    page = _MISSING_PAGE.search(message)
    if page:
        source, link, target = page.groups()
        lang = target.split("/", 1)[0]
        hint_sv, hint_en = did_you_mean(target.split("/", 1)[-1], files_under(docs_dir / lang, ".md"),
                                        cutoff=0.5, form="{}")
        return [Problem(
            *_where_link(docs_dir, source, link),
            f"Länken '{link}' pekar på en sida som inte finns (docs/{target}).{hint_sv}",
            f"The link '{link}' points at a page that does not exist (docs/{target}).{hint_en}",
            "Länka till en sida som finns, med dess filnamn (till exempel strategi.md).",
            "Link to a page that exists, by its file name (for example strategi.md).")]
    if _NOT_IN_NAV in message:
        found = []
        for line in following:
            item = re.match(r"^\s*-\s+(\S+\.md)\s*$", line)
            if not item:
                break
            name = item.group(1).split("/", 1)[-1]
            found.append(Problem(
                f"docs/{item.group(1)}", None,
                "Sidan finns inte i menyn, så den publiceras men går inte att hitta.",
                "The page is not in the menu, so it is published but cannot be found.",
                f"Lägg till raden '  - {name}' under nav: i mkdocs.yml, där sidan ska stå i menyn.",
                f"Add the line '  - {name}' under nav: in mkdocs.yml, where the page belongs in the menu."))
        if found:
            return found
    doc = re.search(r"Doc file '([^']+)'", message)
    return [Problem(
        f"docs/{doc.group(1)}" if doc else "mkdocs.yml", None,
        f"Bygget stoppade med det här meddelandet från MkDocs: {message}",
        f"The build stopped with this message from MkDocs: {message}",
        "Rätta det som meddelandet nämner. Fråga en utvecklare om det gäller något annat än innehållet.",
        "Correct what the message names. Ask a developer if it concerns something other than the content.")]
