"""The pages of the version history: for each page and language, its history page, each earlier
version as it was, and a redline of each version against the one before it.

An earlier version is the page's own Markdown as it was at that commit, with its fragments as they
were then, rendered through the site's Markdown extensions (today's rules: includes only from
docs/_includes in the page's language, within the page's budget) and held to today's content
allowlist (output/published.py): a version that fails is not published, and its history page says
so. Its generated parts (the register block, the changelog, the glossary, …) are made by today's
code from that commit's data files; a part today's code cannot read is replaced by a note. Nothing
else of the site is rendered per commit.

A redline is the newer version's Markdown with the words that changed marked in CriticMarkup
(render/redline.py), rendered with pymdownx.critic: only here, so ``{++`` on an ordinary page stays
text. Insertions and deletions are ``<ins>`` and ``<del>``, underlined and struck through (not only
coloured), and each is announced by hidden text from ui.yml ("Tillagt:" … ). The register block is
part of the compared text.

Withdrawn versions (docs/_data/withdrawn.yml) are never read: not shown, not compared, and the
history page says that a version was withdrawn and why. Every address here is under the page's
history folder (HISTORY_FOLDER), out of the menu, the sitemap and the search index; earlier
versions and redlines say noindex and name the current page as canonical.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown as markdown_module
import markupsafe
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from selectolax.lexbor import LexborHTMLParser

from styrdok.checks.spelling import WORD_LIST
from styrdok.model import content, history, markdown_text, markers, withdrawn, yamlfile
from styrdok.output import published
from styrdok.render import redline, views
from styrdok.search import compounds

HISTORY_FOLDER = views.HISTORY_FOLDER   # /historik/strategi/, /en/historik/strategi/ (reserved: checks/site_paths)
REDLINE_FOLDER = "andringar"  # /historik/strategi/<version>/andringar/
# Files the build makes once for the whole site, at its root (pipeline.generated_files), which a page
# in any language links as if it were in its own folder.
SHARED_FILES = frozenset({views.JSON_FILE})
_WORD = re.compile(r"\w+")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# --- addresses ---------------------------------------------------------------------------------------

def _stem(name: str) -> str:
    return name[: -len(".md")]


def _prefix(lang: str, original: str) -> str:
    return "" if lang == original else f"{lang}/"


def history_path(name: str, lang: str, original: str, directory_urls: bool = True) -> str:
    """The history page of a page (``strategi.md`` → ``historik/strategi/``, ``en/historik/strategi/``;
    ``historik/strategi.html`` without directory URLs): the address MkDocs gives its generated file."""
    return views.page_path(f"{HISTORY_FOLDER}/{name}", lang, original, directory_urls)


def version_path(name: str, lang: str, original: str, version: str, directory_urls: bool = True) -> str:
    return views.page_path(f"{HISTORY_FOLDER}/{_stem(name)}/{version}.md", lang, original, directory_urls)


def redline_path(name: str, lang: str, original: str, version: str, directory_urls: bool = True) -> str:
    return views.page_path(f"{HISTORY_FOLDER}/{_stem(name)}/{version}/{REDLINE_FOLDER}.md", lang, original,
                           directory_urls)


def output_file(path: str) -> str:
    """The file MkDocs writes for a page at the site-relative address ``path``."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def history_source(name: str, lang: str) -> str:
    """The name of the generated file of a history page (never a file under docs/: the folder is
    reserved). Pages link to it as ``historik/strategi.md`` from their language's folder."""
    return f"{lang}/{HISTORY_FOLDER}/{name}"


def relative_url(target: str, base: str) -> str:
    """A site-relative address as seen from the page at the site-relative address ``base`` (a folder
    with directory URLs, a file without)."""
    folder = base if base == "" or base.endswith("/") else posixpath.dirname(base)
    relative = posixpath.relpath("/" + target, "/" + folder)
    if target.endswith("/") or target == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative


# --- headings ----------------------------------------------------------------------------------------

_ATX = re.compile(r"^(#{1,6})(?=[ \t])", re.MULTILINE)


def heading_level(markdown: str) -> int:
    """The level of the last heading of a Markdown text (0: none)."""
    levels = [len(match.group(1)) for match in _ATX.finditer(markdown)]
    return levels[-1] if levels else 0


def fit_headings(markdown: str, level: int) -> str:
    """A generated part, made by today's code, under a heading of ``level`` in an earlier version:
    its headings moved up so that the first level under that heading is not skipped (today's page
    may put the part under a heading the version did not have)."""
    levels = [len(match.group(1)) for match in _ATX.finditer(markdown)]
    shift = min(levels) - (level + 1) if levels else 0
    if shift <= 0:
        return markdown
    return _ATX.sub(lambda match: "#" * (len(match.group(1)) - shift), markdown)


# --- a version's own heading ------------------------------------------------------------------------

_LEADING_H1 = re.compile(r"\A\s*(<h1\b[^>]*>.*?</h1>)", re.DOTALL)


def own_heading(html: str, document: bool) -> tuple[dict, str]:
    """What the template writes as the h1 of an earlier version or a redline, as the current page
    does: a page whose Markdown has its own ``# `` heading shows that heading and no other (Material's
    content.html writes the title only when the content has no h1); a document page shows the
    title that main.html writes above its register block. Returns the template's data (``heading``:
    the content's leading h1, to stand above the notice; ``own_heading``: the content has its h1;
    ``title_anchor``: the h1's id, the first entry of the page's contents) and the content without
    the leading h1."""
    if document or "<h1" not in html:
        return {"own_heading": False}, html
    first = LexborHTMLParser(html).css_first("h1")
    data = {"own_heading": True, "title_anchor": first.attributes.get("id") if first is not None else None}
    leading = _LEADING_H1.match(html)
    if leading:
        data["heading"] = leading.group(1)
        html = html[leading.end():]
    return data, html


# --- the site's Markdown, for one version ------------------------------------------------------------

class _Links(Treeprocessor):
    """Links and images of an earlier version lead to today's site: a link to a page that still
    exists goes to its current address (relative to the version's), one to a page that is gone is
    kept as its text; other relative addresses are made relative to the version's page."""

    def __init__(self, md, owner: Renderer):
        super().__init__(md)
        self.owner = owner

    def run(self, root):
        owner = self.owner
        for element in root.iter():
            attribute = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            value = element.get(attribute) if attribute else None
            if not value or value.startswith("#") or value.startswith("/") or _SCHEME.match(value):
                continue
            path, _, anchor = value.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(owner.name), path))
            if path.endswith(".md"):
                if target not in owner.pages:
                    element.tag = "span"
                    del element.attrib[attribute]
                    continue
                address = views.page_path(target, owner.lang, owner.original, owner.directory_urls)
            elif target in SHARED_FILES:
                address = target  # (one file for every language, at the site's root)
            else:
                address = _prefix(owner.lang, owner.original) + target
            element.set(attribute, relative_url(address, owner.base) + (f"#{anchor}" if anchor else ""))


class _Announce(Postprocessor):
    """Each insertion and deletion begins and ends with hidden words (ui.yml), so that a screen
    reader says what it is; the marks themselves are critic's."""

    def __init__(self, md, texts: dict):
        super().__init__(md)
        hidden = '<span class="site-visually-hidden">{}</span>'
        self.replacements = {
            '<ins class="critic">': '<ins class="critic">' + hidden.format(markupsafe.escape(texts["redline_added"]) + " "),
            '</ins>': hidden.format(" " + markupsafe.escape(texts["redline_added_end"])) + "</ins>",
            '<del class="critic">': '<del class="critic">' + hidden.format(markupsafe.escape(texts["redline_removed"]) + " "),
            '</del>': hidden.format(" " + markupsafe.escape(texts["redline_removed_end"])) + "</del>",
        }
        self.pattern = re.compile("|".join(re.escape(key) for key in self.replacements))

    def run(self, text):
        return self.pattern.sub(lambda match: self.replacements[match.group()], text)


class _Extras(Extension):
    def __init__(self, owner: Renderer, texts: dict | None):
        super().__init__()
        self.owner, self.texts = owner, texts

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Links(md, self.owner), "styrdok-history-links", 0)
        if self.texts is not None:
            md.postprocessors.register(_Announce(md, self.texts), "styrdok-redline-announce", 1)


class Renderer:
    """Python-Markdown with the site's extensions (without the include step: a version's fragments
    are already in place, as they were), for one language; with ``redline_texts``, critic too."""

    def __init__(self, extensions: list, configs: dict, lang: str, original: str, pages: set[str],
                 redline_texts: dict | None = None, directory_urls: bool = True):
        self.lang, self.original, self.pages = lang, original, pages
        self.directory_urls = directory_urls
        self.name, self.base = "", ""
        names = [name for name in extensions if name != "styrdok.render.includes"]
        wanted = {name: settings for name, settings in configs.items() if name in names}
        extras = [_Extras(self, redline_texts)]
        if redline_texts is not None:
            names.append("pymdownx.critic")
        self.md = markdown_module.Markdown(extensions=[*names, *extras], extension_configs=wanted)

    def html(self, text: str, name: str, base: str) -> str:
        """``text`` (a version of the page ``name``, under the language's folder) as HTML for the page
        at the site-relative folder ``base``."""
        self.name, self.base = name, base
        self.md.reset()
        return self.md.convert(text)


# --- the register block as text ----------------------------------------------------------------------

# Its headings' anchors (not the template's own, which the content allowlist keeps for the template).
REGISTER_ANCHOR, REGISTER_HISTORY_ANCHOR = "registeruppgifter", "registerhistorik"


def register_markdown(view: dict, texts: dict) -> str:
    """A document's register block (partials/register/*.html, views.document_view) as Markdown text,
    the same facts in the same order: how an earlier version shows it, and what a redline compares."""
    esc = markdown_text.inline
    lines = [f"## {esc(texts['about'])} {{#{REGISTER_ANCHOR}}}", ""]

    def item(label: str, value: str) -> None:
        lines.append(f"- {esc(label)}: {value}")

    if view.get("notice"):
        notice = view["notice"]
        reference = f" ({esc(notice['reference'])})" if notice.get("reference") else ""
        lines[0:0] = [f"**{esc(view['status_label'])}.** {esc(notice['lead'])} "
                      f"[{esc(notice['title'])}]({notice['url']}){reference}.", ""]
    item(texts["status"], esc(view["status_label"]))
    item(texts["basis"], esc(view["status_basis"]))
    item(texts["type"], esc(view["type"]))
    if view["status"] == "proposal":
        item(texts["to_be_decided_by"], esc(view["to_be_decided_by"] or view["not_stated"]))
        item(texts["decision"], esc(texts["no_decision"]))
    else:
        item(texts["decided_by"], esc(view["decided_by"] or view["not_stated"]))
        item(texts["decision_date"], esc(view["decision_date"] or view["not_stated"]))
    item(texts["reference"], esc(view["reference"] or view["not_stated"]))
    for relation in view["relations"]:
        item(relation["label"], ", ".join(
            f"[{esc(target['title'])}]({target['url']})" + (f" ({esc(target['reference'])})" if target["reference"] else "")
            for target in relation["documents"]))
    contact = view.get("contact")
    if contact:
        parts = [f"{esc(contact['role'])}: {esc(contact['name'])}" if contact.get("role") else esc(contact["name"])]
        parts += [f"{esc(texts[key])}: {esc(contact[key])}" for key in ("phone", "email") if contact.get(key)]
        item(contact["label"], "; ".join(parts))
    if view.get("note"):
        lines += ["", esc(view["note"])]
    lines += ["", f"## {esc(texts['history'])} {{#{REGISTER_HISTORY_ANCHOR}}}", ""]
    lines += [f"- {esc(change['date'])}: {esc(change['note'])}" for change in view["history"]]
    return "\n".join(lines) + "\n"


def raw_register_markdown(entry, lang: str, heading: str, note: str) -> str:
    """An entry of a register that today's code cannot read, as it was written: each field and its
    value in this language (a value given in every language), under a note that says so."""
    esc = markdown_text.inline
    lines = [f"## {esc(heading)} {{#{REGISTER_ANCHOR}}}", "", f"*{esc(note)}*", ""]

    def value(item) -> str:
        if isinstance(item, dict):
            if lang in item and isinstance(item[lang], str | int | float):
                return esc(item[lang])
            return "; ".join(f"{esc(key)}: {value(inner)}" for key, inner in item.items())
        if isinstance(item, list):
            return "; ".join(value(inner) for inner in item)
        return esc(item)

    for key, item in (entry or {}).items() if isinstance(entry, dict) else []:
        lines.append(f"- {esc(key)}: {value(item)}")
    return "\n".join(lines) + "\n"


# --- the history of every page -----------------------------------------------------------------------

# Data files that no page shows (the spelling check's word list, the search's splitting of compounds,
# the withdrawn versions): an earlier version's data is read without them, so that a change to them
# makes no new read.
_NOT_SHOWN = frozenset({WORD_LIST, compounds.FILE, withdrawn.FILE})

@dataclass
class Generated:
    """One page of the version history, for the adapter to add to the site as a page out of the menu."""

    source: str       # the generated file's name (never a file under docs/)
    path: str         # site-relative folder: historik/strategi/
    template: str     # overrides/history/*.html
    meta: dict        # what the template shows (escaped there)
    html: str = ""    # the content: HTML held to the content allowlist
    # The glossary the page is marked with (language_marking): an earlier version's and a redline's
    # of their commit, as they were; None: today's.
    terms: list | None = None


@dataclass
class Entry:
    """One version in a page's history page."""

    date: str
    note: str
    note_lang: str        # the note's language ("": not known)
    kind: str             # first, text, language, form, withdrawn, unsafe
    read: str | None      # site-relative address of the version (the current page for the latest)
    compare: str | None   # site-relative address of its redline
    current: bool = False
    reason: str = ""      # why it was withdrawn (withdrawn.yml)
    commit: str = ""


@dataclass
class EditorialChange:
    """A commit that changed pages of one language without changing the register's record of
    decisions: what the changelog lists as an editorial change."""

    commit: history.Commit
    note: str
    note_lang: str
    pages: list = field(default_factory=list)   # (title, name) of each page it changed


class HistorySite:
    """The version history of every page, made into pages: one object per build."""

    def __init__(self, site: content.Content, log: history.Log, histories: dict, blobs: history.Blobs,
                 withdrawn: dict, site_url: str, markdown_config: tuple[list, dict],
                 handlers: Callable, reads: history.Reads, directory_urls: bool = True):
        self.site, self.log, self.histories, self.blobs = site, log, histories, blobs
        self.withdrawn = withdrawn            # commit id → {"sv": …, "en": …}
        self.site_url = site_url
        self.markdown_config = markdown_config
        self.handlers = handlers              # (site, lang, src_uri, updated) → {marker: callable}
        self.reads = reads
        self.original = site.languages[0]
        self.directory_urls = directory_urls   # MkDocs' use_directory_urls: every address here follows it
        self._snapshots: dict[tuple, content.Content] = {}
        self.parsed: dict = {}   # what was parsed, by blob (history.Tree), shared with the walk
        self._folder: Path | None = None
        self.editorial: dict[str, list[EditorialChange]] = {}
        self.refused_versions = 0

    # -- what every page shows ----------------------------------------------------------------------

    def last_changed(self, src_uri: str) -> dict:
        """What a page says about when it last changed, for main.html: the day, that it has changes
        not yet in the history, or that the build has no history."""
        lang, name = src_uri.split("/", 1)
        found = self.histories.get(src_uri)
        if not self.log.complete or found is None:
            return {"state": "missing"}
        link = history_path(name, lang, self.original, self.directory_urls) if found.versions else None
        if found.unsaved or found.latest is None:
            return {"state": "unsaved", "history": link}
        return {"state": "dated", "date": found.latest.commit.day.isoformat(), "history": link}

    def last_day(self, src_uri: str):
        """The day the page last changed, or None (no history, or changes not yet committed)."""
        found = self.histories.get(src_uri)
        if not self.log.complete or found is None or found.unsaved or found.latest is None:
            return None
        return found.latest.commit.day

    # -- the pages of one language ---------------------------------------------------------------------

    def pages(self, lang: str) -> list[Generated]:
        """Every history page, earlier version and redline of one language."""
        texts = self.site.ui[lang]
        current = {path.split("/", 1)[1] for path in self.histories if path.startswith(f"{lang}/")}
        extensions, configs = self.markdown_config
        reader = Renderer(extensions, configs, lang, self.original, current, directory_urls=self.directory_urls)
        marker = Renderer(extensions, configs, lang, self.original, current, redline_texts=texts,
                          directory_urls=self.directory_urls)
        generated: list[Generated] = []
        changes: dict[str, EditorialChange] = {}
        for page in sorted(path for path in self.histories if path.startswith(f"{lang}/")):
            generated += self._page(page, lang, texts, reader, marker, changes)
        self.editorial[lang] = sorted(changes.values(), key=lambda change: change.commit.time, reverse=True)
        return generated

    def _page(self, page: str, lang: str, texts: dict, reader: Renderer, marker: Renderer,
              changes: dict) -> list[Generated]:
        name = page.split("/", 1)[1]
        found = self.histories[page]
        title = self._current_title(page)
        current_url = views.page_path(name, lang, self.original, self.directory_urls)
        history_url = history_path(name, lang, self.original, self.directory_urls)
        generated: list[Generated] = []
        entries: list[Entry] = []
        previous = None   # (version, markdown, words) of the last version shown
        for number, version in enumerate(found.versions):
            latest = number == len(found.versions) - 1
            note, note_lang = self._note(version.commit, lang, texts)
            entry = Entry(version.commit.day.isoformat(), note, note_lang, "first" if number == 0 else "text",
                          None, None, latest, commit=version.commit.short)
            entries.append(entry)
            if version.commit.id in self.withdrawn:
                entry.kind, entry.reason = "withdrawn", self.withdrawn[version.commit.id][lang]
                continue
            text, version_title = self._markdown(version, page, lang)
            path = current_url if latest else version_path(name, lang, self.original, version.id, self.directory_urls)
            html = None if version.shown.refused else reader.html(text, name, path)
            if html is None or published.content_findings(html):
                entry.kind = "unsafe"
                self.refused_versions += 1
                continue
            words = _WORD.findall(LexborHTMLParser(html).text(separator=" "))
            if previous is not None:
                entry.kind = ("form" if words == previous[2] else
                              "language" if history.change_note(version.commit.message).language_only else "text")
                redline_url = redline_path(name, lang, self.original, version.id, self.directory_urls)
                marked, _ = redline.redline(previous[1], text)
                redline_html = marker.html(marked, name, redline_url)
                if not published.content_findings(redline_html, redline=True):
                    entry.compare = redline_url
                    generated.append(self._redline(page, version, previous[0], redline_html, title, texts,
                                                   words != previous[2]))
            entry.read = current_url if latest else path
            if not latest:
                generated.append(self._version(page, version, html, version_title or title, texts))
            if not version.decision:
                change = changes.setdefault(version.commit.id, EditorialChange(version.commit, note, note_lang))
                change.pages.append((title, name))
            previous = (version, text, words)
        generated.append(Generated(history_source(name, lang), history_url, "history/page.html", {
            "title": title, "kind": "history", "current": current_url, "entries": list(reversed(entries)),
            "alternates": {other: history_path(name, other, self.original, self.directory_urls) for other in self.site.languages},
        }))
        return generated

    def _version(self, page: str, version: history.Version, html: str, title: str, texts: dict) -> Generated:
        lang, name = page.split("/", 1)
        heading, html = own_heading(html, bool(version.shown.document))
        return Generated(f"{lang}/{HISTORY_FOLDER}/{_stem(name)}/{version.id}.md",
                         version_path(name, lang, self.original, version.id, self.directory_urls), "history/version.html", {
                             "title": title, "kind": "version", "date": version.commit.day.isoformat(),
                             **self._links(name, lang), **heading,
                         }, html, self._terms_at(version))

    def _redline(self, page: str, version: history.Version, before: history.Version, html: str, title: str,
                 texts: dict, words_changed: bool) -> Generated:
        lang, name = page.split("/", 1)
        heading, html = own_heading(html, bool(version.shown.document))
        return Generated(f"{lang}/{HISTORY_FOLDER}/{_stem(name)}/{version.id}/{REDLINE_FOLDER}.md",
                         redline_path(name, lang, self.original, version.id, self.directory_urls), "history/redline.html", {
                             "title": title, "kind": "redline", "date": version.commit.day.isoformat(),
                             "before": before.commit.day.isoformat(), "words_changed": words_changed,
                             **self._links(name, lang), **heading,
                         }, html, self._terms_at(version))

    def _terms_at(self, version: history.Version) -> list:
        """The glossary of the version's commit: its page is marked and glossed as it was then."""
        return history.terms_at(history.Tree(version.files.get, lambda blob, path: self.blobs.text(blob), self.parsed))

    def _links(self, name: str, lang: str) -> dict:
        """What an earlier version and a redline link to: the current page (also their canonical
        address) and the history page, in this language and the others."""
        current = views.page_path(name, lang, self.original, self.directory_urls)
        return {"current": current, "canonical": self._absolute(current),
                "history": history_path(name, lang, self.original, self.directory_urls),
                "alternates": {other: history_path(name, other, self.original, self.directory_urls)
                               for other in self.site.languages}}

    def _absolute(self, path: str) -> str:
        return self.site_url.rstrip("/") + "/" + path

    def _current_title(self, page: str) -> str:
        try:
            meta, _, _ = self.site.files.page(page)
        except Exception:  # (a page the checks refused never gets this far)
            return page
        return str(meta.get("title") or page)

    def _note(self, commit: history.Commit, lang: str, texts: dict) -> tuple[str, str]:
        """The change note in this language if the editor wrote one, else in the other language (marked
        with it), else the commit's title, whose language is not known."""
        note = history.change_note(commit.message)
        if lang in note.texts:
            return note.texts[lang], lang
        for other in self.site.languages:
            if other in note.texts:
                return note.texts[other], other
        return (note.title, "") if note.title else (texts["history_no_note"], lang)

    # -- one version's Markdown ----------------------------------------------------------------------------

    def _markdown(self, version: history.Version, page: str, lang: str) -> tuple[str, str | None]:
        """The version's Markdown as it was (fragments in place), its generated parts made from that
        commit's data, the register block first; and its title."""
        files = version.files
        tree = history.Tree(files.get, lambda blob, path: self.blobs.text(blob), self.parsed)
        text = tree.text(page) or ""
        match = yamlfile.FRONT_MATTER.match(text)
        body = text[match.end():] if match else text
        body, _, _ = history.expand(body, lang, tree)
        # Only a page with a register block or generated parts reads the data of its commit.
        needs_data = bool(version.shown.document) or "<!--" in body and bool(markers.MARKER.search(body))
        snapshot = self._snapshot(version) if needs_data else None
        updated = version.commit.day.isoformat()
        today = self.site.ui[lang]
        handlers = self.handlers(snapshot, lang, page, updated) if snapshot is not None else {}

        missing = f"*{markdown_text.inline(today['version_part_missing'])}*\n"

        def part(match) -> str:
            name = match.group(1)
            if name not in self.reads.markers or name not in handlers:
                return missing  # (made from this build or the history, or a marker of then that is gone)
            try:
                made = handlers[name]()
            except Exception:  # (today's code on a commit's data: any failure means it cannot be shown)
                return missing
            return fit_headings(made, heading_level(match.string[:match.start()]))

        body = markers.MARKER.sub(part, body)
        block = ""
        if version.shown.document:
            block = self._register_block(version, tree, snapshot, page, lang) + "\n"
        return block + body, version.shown.title

    def _register_block(self, version: history.Version, tree: history.Tree, snapshot, page: str, lang: str) -> str:
        name = page.split("/", 1)[1]
        folder = posixpath.dirname(name)

        def link(target: str, target_lang: str = lang) -> str:
            return posixpath.relpath(target, folder or ".")

        register = snapshot.register if snapshot is not None else None
        texts = snapshot.ui.get(lang) if snapshot is not None else None
        doc = register.by_id.get(version.shown.document) if register is not None else None
        if doc is not None and texts:
            try:
                return register_markdown(views.document_view(register, doc, lang, link), texts)
            except Exception:  # (today's views on a commit's data)
                pass
        today = self.site.ui[lang]
        data = tree.data(history.REGISTER)
        entry = next((d for d in (data or {}).get("documents") or [] if isinstance(d, dict)
                      and d.get("id") == version.shown.document), None) if isinstance(data, dict) else None
        return raw_register_markdown(entry, lang, today["about"], today["version_register_raw"])

    def _snapshot(self, version: history.Version):
        """The site's data files as they were at the version's commit, read by today's code
        (content.read); None when there are none. One read per distinct set of data files."""
        data = tuple(sorted((path, blob) for path, blob in version.files.items()
                            if path.startswith(history.DATA_FOLDER) and path not in _NOT_SHOWN))
        if not data:
            return None
        if data not in self._snapshots:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="styrdok-history-"))
            root = self._folder / str(len(self._snapshots))
            (root / "docs").mkdir(parents=True)
            shutil.copy2(self.site.root / "mkdocs.yml", root / "mkdocs.yml")
            texts = {path: self.blobs.text(blob) for path, blob in data}
            # A data file the commit did not have is empty: today's loader then says it cannot read it.
            for path in content.DATA_FILES:
                texts.setdefault(path, "")
            for path, text in texts.items():
                target = root / "docs" / path
                if text is None or ".." in Path(path).parts:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            self._snapshots[data] = content.read(root / "docs", root)
        return self._snapshots[data]

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        with contextlib.suppress(Exception):
            self.blobs.close()
