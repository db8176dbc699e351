"""Search: a Pagefind index per language, made from the built pages; unused theme files removed.

Pagefind stems Swedish and English, keeps one index per <html lang> and splits each index into
small chunks that the browser fetches only when a reader searches. Pages are indexed while the
build writes them (Indexer). Material's own lunr search is not used, so its worker and language
files are not published.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import subprocess
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from styrdok.model import facts
from styrdok.model.register import NOT_STATED, Register, name_key
from styrdok.render import views
from styrdok.render.theme_fixes import page_language
from styrdok.search import compounds

# Made by Pagefind but never used by this site, so never written: its own UIs (the theme's search
# box is used instead) and its index for unknown languages. (Unused theme files are never written:
# pipeline.UNUSED_THEME_FILES.)
UNUSED_PAGEFIND = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                   "wasm.unknown.pagefind")


# Pagefind failing is not an editor's mistake: the tools are broken or the machine is short of memory.
HOW_TO_FIX = ("Sökindexet kunde inte byggas. Försök igen; om felet består, installera om verktygen: ta bort "
              "mappen .venv och kör make build. / The search index could not be built. Try again; if it keeps "
              "failing, reinstall the tools: delete the folder .venv and run make build.")

# overrides/main.html puts these around the part of each page that Pagefind indexes.
BODY_START, BODY_END = "<!-- search-body -->", "<!-- /search-body -->"


def searchable_part(html: str) -> str | None:
    """What Pagefind needs of a page: its language and the marked body (None if it has none).

    The menus, header and footer make up most of each page; leaving them out makes the index
    several times faster to build and gives the same index (tests/test_search_index.py).
    """
    start, end = html.find(BODY_START), html.find(BODY_END)
    language = page_language(html)
    if start < 0 or end < start or not language:
        return None
    return (f'<!DOCTYPE html><html lang="{language}"><head></head><body>'
            f'{html[start + len(BODY_START):end]}</body></html>')


# Decompounding is for Swedish: English writes its compounds apart.
DECOMPOUNDED = ("sv",)
# The site's own words, for "Did you mean": the most frequent ones, long enough to be mistyped.
VOCABULARY_SIZE, VOCABULARY_MIN = 20000, 3
# Where the search script finds the identifiers and the words of each language (site-relative).
IDENTIFIERS_FILE, WORDS_FILE = "search/identifiers-{lang}.json", "search/words-{lang}.json"

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Indexable:
    """What the search needs of one page: the copy handed to Pagefind and the page's words."""

    html: str
    language: str
    words: Counter


def prepare(html: str, corrections: compounds.Corrections | None) -> Indexable | None:
    """The searchable part of a written page, its compounds marked (Swedish pages, when
    corrections are given), and a count of its words. None for a page without a marked body."""
    part = searchable_part(html)
    if part is None:
        return None
    language = page_language(html)
    # Tags out; only up to the last ">", so that every "<" tried finds its end (linear).
    last = part.rfind(">") + 1
    words = Counter(word.lower() for word in _WORD.findall(_TAG.sub(" ", part[:last]) + part[last:])
                    if VOCABULARY_MIN <= len(word) <= compounds.MAX_WORD)
    if corrections is not None and language in DECOMPOUNDED:
        part = compounds.splitter(corrections).mark_html(part)
    return Indexable(part, language, words)


def vocabulary_json(words: Counter) -> str:
    """The words of one language, most frequent first (the order breaks ties in suggestions)."""
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))[:VOCABULARY_SIZE]
    return json.dumps([word for word, _ in ranked], ensure_ascii=False, separators=(",", ":"))


# One written form for a query and an identifier: facts.identifier_key (site.js's identifierKey is
# its twin, held to the same table of cases).
identifier_key = facts.identifier_key


def identifiers_json(register: Register, lang: str, texts: dict, page_path) -> str:
    """The identifiers of every document in one language: its reference number, its decision date
    and its contact person, each leading to the document's page. From the register, so a new
    document is found by its identifiers without any setting. The contact is named as the page
    names it (views.contact_label).

    Only identifiers: the register check holds a contact's name to a person's name beside that
    person's details in the source (register.check_contact_names); here, too, a name of one word or
    equal to a document's title is never a key."""
    titles = {name_key(part) for doc in register.documents for title in doc.title.values()
              for part in [title, *title.split(" – ")]}
    entries = []
    for doc in register.documents:
        found = [("reference", doc.reference, texts["reference"]),
                 ("date", doc.decision_date, texts["decision_date"]),
                 ("name", (doc.contact or {}).get("name"), views.contact_label(register, doc, lang, texts))]
        for kind, value, label in found:
            if kind == "name" and isinstance(value, str) and (len(value.split()) < 2 or name_key(value) in titles):
                continue
            if isinstance(value, str) and value and value != NOT_STATED:
                entries.append({"key": identifier_key(value), "kind": kind,
                                "url": page_path(doc.page, lang, register.languages[0]),
                                "title": doc.title[lang], "text": f"{label}: {value}"})
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":"))


class Indexer:
    """Pagefind's indexing service, fed each page as it is written.

    The service runs in its own process, so the index grows on the second core while MkDocs
    renders the next pages; only writing the bundle waits for the end of the build. A thread of
    ours writes the messages, so the build never waits while Pagefind's input is full. Pagefind's
    own Python client is not used: it reads one answer per tenth of a second, which takes minutes
    for a large site. The messages (base64 JSON, each followed by a comma) are those that client
    sends.
    """

    def __init__(self, executable: Path | None = None):
        if executable is None:
            # The same setting as Pagefind's own client; otherwise the binary installed from PyPI.
            from pagefind_bin import get_executable
            executable = os.environ.get("PAGEFIND_BINARY_PATH") or get_executable()
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._log)
        self._answers: dict[int, dict] = {}
        self._pages: dict[int, str] = {}
        self._done = threading.Condition()
        self._closed = False
        self._last = 0
        self._outgoing: queue.Queue = queue.Queue()
        self._write_failed = False
        threading.Thread(target=self._read, daemon=True).start()
        self._writer = threading.Thread(target=self._write, daemon=True)
        self._writer.start()
        self._index = self._wait(self._send({"type": "NewIndex", "config": None}))["index_id"]

    def add(self, html: str, path: str) -> None:
        """Index one page; path is where it is written in the site, e.g. en/strategi/index.html."""
        self._pages[self._send({"type": "AddFile", "index_id": self._index, "file_path": path,
                                "url": None, "file_contents": html})] = path

    def write(self, folder: Path) -> None:
        """Write the search bundle to folder once every page is indexed; raise if any page failed.

        The bundle is asked for in memory (GetFiles) and written here, each file complete before
        the build goes on. Pagefind's own WriteFiles answers while its last writes are still on
        their way to the disk, and Pagefind stops at once when its input closes: on a busy machine
        that left an empty pagefind-entry.json, which breaks the search in every language. The
        files the site does not use (UNUSED_PAGEFIND) are not written.
        """
        for number in self._pages:
            self._wait(number)
        answer = self._wait(self._send({"type": "GetFiles", "index_id": self._index}))
        failed = [f"{self._pages[number]}: {self._answers[number].get('message')}"
                  for number in self._pages if self._answers.get(number, {}).get("type") != "IndexedFile"]
        self.close()
        if answer.get("type") != "GetFiles" or failed:
            raise RuntimeError("Pagefind could not index the site:\n" + "\n".join(
                failed or [str(answer.get("message", answer))]))
        bundle = {PurePosixPath(file["path"]): file["content"] for file in answer["files"]}
        outside = [path for path in bundle if path.is_absolute() or ".." in path.parts]
        if outside:  # checked before anything is written
            raise RuntimeError(f"Pagefind named a file outside its folder: {outside[0]}")
        for relative, content in bundle.items():
            if relative.as_posix() not in UNUSED_PAGEFIND:
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(base64.b64decode(content))

    def close(self) -> None:
        if self._writer.is_alive():
            self._outgoing.put(None)
            self._writer.join()
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._log.close()

    def _send(self, payload: dict) -> int:
        if self._write_failed:
            raise RuntimeError(self._failure())
        self._last += 1
        self._outgoing.put((self._last, payload))
        return self._last

    def _write(self) -> None:
        """The writing thread: encodes and writes each message in order, then flushes when idle."""
        while True:
            item = self._outgoing.get()
            try:
                if item is None:
                    return
                if not self._write_failed:
                    number, payload = item
                    message = json.dumps({"message_id": number, "payload": payload}).encode("utf-8")
                    self._process.stdin.write(base64.b64encode(message) + b",")
                    if self._outgoing.empty():
                        self._process.stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                self._write_failed = True
            finally:
                self._outgoing.task_done()

    def _wait(self, number: int) -> dict:
        self._outgoing.join()  # every message so far written and flushed
        if self._write_failed:
            raise RuntimeError(self._failure())
        with self._done:
            # An answer without a number means Pagefind could not read a message at all.
            self._done.wait_for(lambda: number in self._answers or None in self._answers or self._closed)
        if number not in self._answers:
            raise RuntimeError(self._failure())
        return self._answers[number]

    def _read(self) -> None:
        # The pieces of a message not yet ended by its comma: joined once, since the bundle comes
        # as one message of several megabytes.
        pending: list[bytes] = []
        try:
            while chunk := self._process.stdout.read1(1 << 16):
                *ended, rest = chunk.split(b",")
                if ended:
                    ended[0] = b"".join([*pending, ended[0]])
                    pending = []
                pending.append(rest)
                for message in ended:
                    answer = json.loads(base64.b64decode(message))
                    with self._done:
                        self._answers[answer.get("message_id")] = answer["payload"]
                        self._done.notify_all()
        finally:  # end of output, or output that is not Pagefind's: stop every wait
            with self._done:
                self._closed = True
                self._done.notify_all()

    def _failure(self) -> str:
        unread = self._answers.get(None, {}).get("message", "")
        self._process.kill()  # no-op if it has already stopped
        self._process.wait()
        self._log.seek(0)
        output = " ".join(filter(None, [unread, self._log.read().decode("utf-8", "replace").strip()]))
        return f"Pagefind stopped while indexing the site (exit code {self._process.returncode}): {output}"
