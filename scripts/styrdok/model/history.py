"""The site's version history, read from git: which commits changed what each page shows.

A version of a page is a commit on the first-parent line of the branch being built (each merged or
squashed pull request, or a commit made on the branch itself) that changed something the page
shows: its own file, the fragments it includes (as they were at that commit), its entry in the
register (the entry's data and what the page quotes of the documents it relates to, not the whole
file), the data its generated parts are made of (the register, the glossary, the operator's
settings) or the interface texts it shows (ui.yml, by key). Its date is the committer's date in
Stockholm. Branches merged into the line are not versions of their own: a reader saw the merge.

Git is read with a bounded number of processes whatever the length of the history: one
``git rev-parse``, one ``git log`` over docs/ (first parent, with the blob of every file each
commit changed), parsed once, and one ``git cat-file --batch`` that reads, when asked, only the
blobs the pages' versions need.

History is all or nothing: in a shallow clone the oldest commit seems to add every file, so the
dates of everything older would be invented; such a clone, or a copy without git, has no history
(``Log.state``), and the build says so (a production build stops: pipeline.SiteBuild.start).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from styrdok.model import markers
from styrdok.render import includes

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_TIMEOUT = 120  # seconds: git answers in moments; a hung git must not hang the build

COMPLETE = "complete"        # the whole first-parent history of HEAD
SHALLOW = "shallow"          # a shallow clone: no history is used
UNAVAILABLE = "unavailable"  # no git, no repository or no commit

REGISTER = "_data/register.yml"
UI = "_data/ui.yml"
TERMINOLOGY = "_data/terminology.yml"
DATA_FOLDER = "_data/"
_LINK = "120000"             # git's mode for a symbolic link
_LINKED = "link"             # what a path holds at a commit where it was a symbolic link


# --- git -------------------------------------------------------------------------------------------

def _run(folder: Path, args: list[str]) -> bytes | None:
    """git's output, or None when git is missing, ``folder`` is not in a repository or git fails."""
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=_TIMEOUT,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class Commit:
    """A commit on the first-parent line that changed something under docs/."""

    id: str
    parents: tuple[str, ...]
    time: int                                     # committer time, seconds since 1970 (UTC)
    message: str
    changes: tuple[tuple[str, str | None], ...]   # (path under docs/, blob after the commit; None: removed)

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.time, STOCKHOLM)

    @property
    def day(self) -> dt.date:
        """The committer's date in Stockholm (a commit at 23:30 UTC in winter is the next day there)."""
        return self.moment.date()

    @property
    def short(self) -> str:
        return self.id[:SHORT]


# Characters of a commit id in addresses and lists: enough to be unique in a large repository.
SHORT = 10


@dataclass
class Log:
    state: str
    commits: list[Commit] = field(default_factory=list)   # oldest first

    @property
    def complete(self) -> bool:
        return self.state == COMPLETE


def read_log(docs_dir: Path) -> Log:
    """The first-parent history of HEAD over docs/ (paths relative to docs/), in two git processes."""
    docs_dir = Path(docs_dir)
    found = _run(docs_dir, ["rev-parse", "--is-shallow-repository", "--verify", "HEAD"])
    if found is None:
        return Log(UNAVAILABLE)
    if found.split(b"\n", 1)[0].strip() == b"true":
        return Log(SHALLOW)
    # --relative: paths relative to docs/, wherever the repository's top is. %x1e starts a commit,
    # %x1f separates its fields; the message cannot hold a NUL, which ends the header (-z).
    out = _run(docs_dir, ["-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent", "--root",
                          "--raw", "--no-renames", "--no-abbrev", "--relative", "-z",
                          "--format=%x1e%H %P%x1f%ct%x1f%B%x1f", "HEAD", "--", "."])
    if out is None:
        return Log(UNAVAILABLE)
    return Log(COMPLETE, list(reversed(parse_log(out.decode("utf-8", "replace")))))


def parse_log(text: str) -> list[Commit]:
    """Commits (newest first, as git writes them) from read_log's format."""
    commits = []
    at = text.find("\x1e")
    while at >= 0:
        head_end = text.index("\x1f", at)
        ids = text[at + 1:head_end].split()
        time_end = text.index("\x1f", head_end + 1)
        stamp = int(text[head_end + 1:time_end])
        message_end = text.index("\x1f\x00", time_end + 1)
        message = text[time_end + 1:message_end]
        at = message_end + 2
        changes = []
        while True:
            while at < len(text) and text[at] == "\n":
                at += 1
            if at >= len(text) or text[at] != ":":
                break
            fields_end = text.index("\x00", at)
            path_end = text.index("\x00", fields_end + 1)
            _, new_mode, _, new_blob, status = text[at + 1:fields_end].split(" ")
            path = text[fields_end + 1:path_end]
            if status.startswith("D"):
                changes.append((path, None))
            else:
                changes.append((path, _LINKED if new_mode == _LINK else new_blob))
            at = path_end + 1
        commits.append(Commit(ids[0], tuple(ids[1:]), stamp, message, tuple(changes)))
        at = text.find("\x1e", at)
    return commits


class Blobs:
    """Texts of blobs, read through one ``git cat-file --batch`` process started when first needed."""

    def __init__(self, folder: Path, cache: int = 512):
        self.folder = Path(folder)
        self._process: subprocess.Popen | None = None
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._size = cache
        self.read = 0  # blobs read from git (for the benchmark)

    def text(self, blob: str | None) -> str | None:
        """The blob's text as the site reads a file (UTF-8, no byte order mark, \\n line ends), or
        None for no blob, a symbolic link or a blob git does not have."""
        if blob is None or blob == _LINKED:
            return None
        if blob in self._cache:
            self._cache.move_to_end(blob)
            return self._cache[blob]
        text = self._read(blob)
        self._cache[blob] = text
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return text

    def _read(self, blob: str) -> str | None:
        if self._process is None:
            self._process = subprocess.Popen(["git", "-C", str(self.folder), "cat-file", "--batch"],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        process = self._process
        process.stdin.write(blob.encode("ascii") + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3:
            return None  # "<id> missing"
        size = int(header[2])
        data = process.stdout.read(size + 1)[:size]
        self.read += 1
        if header[1] != b"blob":
            return None
        return normalised(data.decode("utf-8", "replace"))

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=_TIMEOUT)
            self._process.stdout.close()
            self._process = None


def normalised(text: str) -> str:
    """A text as the site reads its files: no byte order mark, line ends as \\n (tree.DocsFiles)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


# --- the change note ------------------------------------------------------------------------------

# Lines an editor writes in the pull request's description (which becomes the merge or squash
# commit's message): "Ändring: …" in Swedish, "Change: …" in English; "Ändringstyp: språk" says
# that a change of words changed only the language (spelling, grammar, plain language).
NOTE_TRAILERS = {"ändring": "sv", "change": "en"}
KIND_TRAILERS = ("ändringstyp", "change-type")
LANGUAGE_ONLY = ("språk", "language")
_TRAILER = re.compile(r"^[ \t]*([A-Za-zÅÄÖåäö-]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_GITHUB_MERGE = re.compile(r"^Merge pull request #\d+ from \S+$")
_PULL_NUMBER = re.compile(r"\s*\(#\d+\)$")
NOTE_LENGTH = 200


@dataclass(frozen=True)
class Note:
    """What a commit says about itself."""

    texts: dict                 # language → the editor's note (trailers)
    title: str                  # the commit's title, for when the editor wrote no note
    language_only: bool = False


def change_note(message: str) -> Note:
    """The editor's note from the trailers, and the commit's title: a GitHub merge commit's title is
    the pull request's (the first line after "Merge pull request #n from …"), a squash commit's
    loses its " (#n)"."""
    texts, language_only = {}, False
    for match in _TRAILER.finditer(message):
        key, value = match.group(1).lower(), match.group(2)
        if key in NOTE_TRAILERS and value and NOTE_TRAILERS[key] not in texts:
            texts[NOTE_TRAILERS[key]] = _shortened(value)
        elif key in KIND_TRAILERS and value.lower().rstrip(".") in LANGUAGE_ONLY:
            language_only = True
    lines = [line.strip() for line in message.strip().split("\n")]
    title = lines[0] if lines else ""
    if _GITHUB_MERGE.match(title):
        title = next((line for line in lines[1:] if line and not _TRAILER.match(line)), title)
    return Note(texts, _shortened(_PULL_NUMBER.sub("", title)), language_only)


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= NOTE_LENGTH:
        return text
    cut = text[:NOTE_LENGTH].rsplit(" ", 1)[0]
    return cut + " …"


# --- what a page shows at a commit ------------------------------------------------------------------

@dataclass(frozen=True)
class Reads:
    """What each kind of generated content is made of, besides the page's own Markdown: the data
    files (docs/-relative) of each marker, and the ui.yml texts of a document page's register
    block ("document") and of each marker. The build knows them (pipeline.page_reads)."""

    markers: dict = field(default_factory=dict)
    ui_keys: dict = field(default_factory=dict)


class Tree:
    """The files under docs/ at one moment: a commit's (blob ids) or the working tree's."""

    def __init__(self, blob_of: Callable[[str], str | None], text_of: Callable[[str | None, str], str | None],
                 parsed: dict | None = None):
        self.blob_of = blob_of          # path → an id of its content (None: no such file)
        self._text_of = text_of         # (id, path) → text
        # What was parsed, by content id: shared by the trees of one build (a blob is the same
        # text at every commit).
        self._parsed: dict = parsed if parsed is not None else {}

    def text(self, path: str) -> str | None:
        return self._text_of(self.blob_of(path), path)

    def data(self, path: str):
        """A YAML file's data (None: no file; {"unreadable": text}: it does not parse), parsed once
        per content."""
        return self._once("data", path, _yaml)

    def meta(self, path: str) -> dict:
        """A page's front matter (empty when it has none or it does not parse), parsed once per content."""
        return self._once("meta", path, _front_matter) or {}

    def _once(self, kind: str, path: str, parse):
        blob = self.blob_of(path)
        if blob is None:
            return None
        key = (kind, blob)
        if key not in self._parsed:
            text = self._text_of(blob, path)
            self._parsed[key] = None if text is None else parse(text)
        return self._parsed[key]


def _yaml(text: str):
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {"unreadable": text}


@dataclass(frozen=True)
class Shown:
    """What a page shows at one moment, as a digest, and the files it was read from."""

    digest: str | None                  # None: the page does not exist
    paths: tuple[str, ...] = ()         # every docs/ path read (the page, fragments, data)
    document: str | None = None         # its register entry (front matter document:)
    title: str | None = None            # its front matter title
    refused: tuple[str, str] | None = None   # why it cannot be rendered as it was (sv, en)


def _front_matter(text: str) -> dict:
    from styrdok.model.yamlfile import FRONT_MATTER
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    data = _yaml(match.group(1))
    return data if isinstance(data, dict) and "unreadable" not in data else {}


def expand(text: str, language: str | None, tree: Tree) -> tuple[str, list[str], tuple[str, str] | None]:
    """A page's text with its fragments in place as they were in ``tree``, the fragments' paths, and
    why an include could not be read by today's rules (outside docs/_includes, another language, a
    missing file or a symbolic link, past the page's budget), or None. A refused include is left out."""
    found: list[str] = []
    refused: list[tuple[str, str]] = []
    budget = includes.page_budget()

    def replace(match):
        target = match.group(1)
        path = os.path.normpath(os.path.join(includes.FOLDER, os.path.expanduser(target))).replace(os.sep, "/")
        if os.path.isabs(os.path.expanduser(target)) or not path.startswith(includes.FOLDER + "/"):
            refused.append((f"{{!{target}!}} pekar utanför mappen docs/_includes",
                            f"{{!{target}!}} points outside the folder docs/_includes"))
            return ""
        if language and includes.language_of(path) != language:
            refused.append((f"{{!{target}!}} hämtar ett textstycke på ett annat språk",
                            f"{{!{target}!}} brings in a fragment in another language"))
            return ""
        found.append(path)
        inner = tree.text(path)
        if inner is None:
            refused.append((f"{{!{target}!}} finns inte", f"{{!{target}!}} does not exist"))
            return ""
        if not budget.take(len(inner.encode("utf-8"))):
            refused.append(("sidan inkluderar för mycket", "the page includes too much"))
            return ""
        return includes.SYNTAX.sub(replace, inner) if "{!" in inner else inner

    expanded = includes.SYNTAX.sub(replace, text) if "{!" in text else text
    return expanded, found, (refused[0] if refused else None)


def _register_part(data, doc_id: str) -> dict:
    """A document's entry, what its page quotes of the documents it relates to, and the labels and
    sources its register block names."""
    data = data if isinstance(data, dict) else {"unreadable": data}
    docs = [d for d in data.get("documents") or [] if isinstance(d, dict)] if "unreadable" not in data else []
    entry = next((d for d in docs if d.get("id") == doc_id), None)
    related_ids = {x for values in ((entry or {}).get("relations") or {}).values() if isinstance(values, list)
                   for x in values}
    related = {d.get("id"): {key: d.get(key) for key in ("title", "reference", "page", "status", "decided_by",
                                                         "decision_date")}
               for d in docs if d.get("id") in related_ids}
    return {"entry": entry, "related": related, "labels": data.get("labels"), "sources": data.get("sources"),
            "unreadable": data.get("unreadable")}


def decisions(data) -> dict:
    """The register's record of changes (each document's history:), to tell a commit that records a
    decision from an editorial one."""
    if not isinstance(data, dict):
        return {}
    return {d.get("id"): d.get("history") for d in data.get("documents") or [] if isinstance(d, dict)}


def terms_at(tree: Tree) -> list[dict]:
    """The glossary's terms in ``tree`` (those with a Swedish and an English form), [] without one."""
    data = tree.data(TERMINOLOGY)
    terms = data.get("terms") if isinstance(data, dict) else None
    # (Read as the marking needs them, whatever form the file had then: only the fields it uses.)
    return [{key: term[key] for key in ("sv", "en", "gloss", "kept")
             if key in term and isinstance(term[key], bool if key == "kept" else str)}
            for term in terms or [] if isinstance(term, dict) and isinstance(term.get("sv"), str)
            and isinstance(term.get("en"), str)]


def terms_in(terms: list[dict], text: str) -> list[dict]:
    """The terms whose Swedish or English form the text holds (as the marking finds them, any case)."""
    folded = text.casefold()
    return [term for term in terms if term["sv"].casefold() in folded or term["en"].casefold() in folded]


def shown(page: str, tree: Tree, reads: Reads) -> Shown:
    """What ``page`` (docs-relative: sv/strategi.md) shows in ``tree``."""
    text = tree.text(page)
    if text is None:
        return Shown(None, (page,))
    language = includes.language_of(page)
    expanded, fragments, refused = expand(text, language, tree)
    meta = tree.meta(page)
    document = meta.get("document") if isinstance(meta.get("document"), str) else None
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    parts: dict = {"text": text, "fragments": [tree.text(path) for path in fragments]}
    paths = [page, *fragments]
    keys: set[str] = set()
    if document:
        parts["register"] = _register_part(tree.data(REGISTER), document)
        paths.append(REGISTER)
        keys |= reads.ui_keys.get("document", frozenset())
    for name in sorted(set(markers.MARKER.findall(expanded))):
        keys |= reads.ui_keys.get(name, frozenset())
        for data_file in reads.markers.get(name, ()):
            parts[data_file] = tree.data(data_file) if data_file.endswith(".yml") else tree.text(data_file)
            paths.append(data_file)
    # The glossary marks and glosses the terms a page holds (render/language_marking.py): the entries
    # of the terms in its text are part of what it shows.
    shown_terms = terms_in(terms_at(tree), expanded)
    if shown_terms:
        parts["terms"] = shown_terms
        paths.append(TERMINOLOGY)
    if keys:
        texts = tree.data(UI)
        texts = texts if isinstance(texts, dict) else {"unreadable": texts}
        parts["ui"] = {key: texts.get(key) for key in sorted(keys)}
        paths.append(UI)
    digest = hashlib.sha1(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    return Shown(digest.hexdigest(), tuple(dict.fromkeys(paths)), document, title, refused)


# --- the versions of every page ---------------------------------------------------------------------

@dataclass
class Version:
    """One version of one page: the commit that made it, and where its texts are."""

    commit: Commit
    shown: Shown
    files: dict          # docs-relative path → blob, for every path it read, and every file in _data/
    decision: bool       # the commit changed the register's record of changes (history:)

    @property
    def id(self) -> str:
        """The version's name in addresses: its date and commit (2026-12-03-6d94d25a1c)."""
        return f"{self.commit.day.isoformat()}-{self.commit.short}"


@dataclass
class PageHistory:
    page: str                        # docs-relative: sv/strategi.md
    versions: list[Version]          # oldest first
    unsaved: bool = False            # the working tree shows what no commit has (local builds)

    @property
    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None


def versions(log: Log, blobs: Blobs, pages: Iterable[str], reads: Reads,
             worktree: Callable[[str], str | None] | None = None, parsed: dict | None = None) -> dict[str, PageHistory]:
    """Every version of each page (docs-relative paths), walking the log once, oldest first: a
    page is looked at again only at a commit that changed a file it read the last time.
    ``parsed``: what was parsed, by blob (Tree), to share with what reads the versions later."""
    pages = list(pages)
    state: dict[str, str] = {}
    data_files: dict[str, str] = {}
    parsed = parsed if parsed is not None else {}
    tree = Tree(state.get, lambda blob, path: blobs.text(blob), parsed)
    last = {page: Shown(None, (page,)) for page in pages}
    readers: dict[str, set[str]] = {page: {page} for page in pages}
    found: dict[str, list[Version]] = {page: [] for page in pages}
    for commit in log.commits:
        register_before = state.get(REGISTER)
        for path, blob in commit.changes:
            target = data_files if path.startswith(DATA_FOLDER) else None
            if blob is None:
                state.pop(path, None)
                if target is not None:
                    target.pop(path, None)
            else:
                state[path] = blob
                if target is not None:
                    target[path] = blob
        decision = False
        if state.get(REGISTER) != register_before:
            before = Tree({REGISTER: register_before}.get, lambda blob, path: blobs.text(blob), parsed)
            decision = decisions(before.data(REGISTER)) != decisions(tree.data(REGISTER))
        affected = set()
        for path, _ in commit.changes:
            affected |= readers.get(path, set())
        for page in sorted(affected):
            now = shown(page, tree, reads)
            for path in last[page].paths:
                readers.get(path, set()).discard(page)
            for path in now.paths:
                readers.setdefault(path, set()).add(page)
            readers[page].add(page)
            if now.digest != last[page].digest and now.digest is not None:
                files = {path: state[path] for path in now.paths if path in state}
                files.update(data_files)
                found[page].append(Version(commit, now, files, decision))
            last[page] = now
    histories = {page: PageHistory(page, found[page]) for page in pages}
    if worktree is not None:
        texts: dict[str, str | None] = {}

        def read(path: str) -> str | None:
            if path not in texts:
                texts[path] = worktree(path)
            return texts[path]

        # The working tree's "ids" are its paths: each file is parsed once.
        work = Tree(lambda path: path if read(path) is not None else None, lambda blob, path: read(path))
        for page, history in histories.items():
            history.unsaved = shown(page, work, reads).digest != last[page].digest
    return histories
