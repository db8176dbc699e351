"""The files under docs/: which may be there, how large, in which encoding. Checked before anything
else reads them, so that no later check runs on a link out of the folder, a huge file or bytes
that are not text.

MkDocs publishes every file under docs/ that it does not treat as a page, and it follows
symbolic links; it treats several suffixes as Markdown pages. So the rules are an allowlist:
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
from pathlib import Path

from styrdok.problems import ContentError, Problem, relative

# Every suffix MkDocs reads as a Markdown page; only .md gets the project's checks.
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
# folder → suffixes allowed in it (folders not named here: images only)
ALLOWED = {
    "sv": (".md", *IMAGE_SUFFIXES),
    "en": (".md", *IMAGE_SUFFIXES),
    "_includes": (".md",),
    "_data": (".yml", ".txt"),
}
TEXT_SUFFIXES = (".md", ".yml", ".txt")
MAX_BYTES = 512 * 1024
MAX_LINE = 5000
# Characters that cannot be seen but change what a word is (spelling, search, facts), or the order
# in which text is shown (bidirectional controls: a line can then read differently from what it
# holds), or where a line ends (YAML and scripts count the line and paragraph separators as line
# breaks, Python's reading does not). Non-breaking spaces and typographic quotes are ordinary text.
INVISIBLE = {
    "\u00ad": ("mjukt bindestreck", "soft hyphen"),
    "\u061c": ("arabisk riktningsmarkering", "Arabic letter mark"),
    "\u200b": ("nollbreddsmellanslag", "zero-width space"),
    "\u200c": ("nollbreddsicke-sammanfogare", "zero-width non-joiner"),
    "\u200d": ("nollbreddssammanfogare", "zero-width joiner"),
    "\u200e": ("vänster-till-höger-markering", "left-to-right mark"),
    "\u200f": ("höger-till-vänster-markering", "right-to-left mark"),
    "\u2028": ("radavgränsare", "line separator"),
    "\u2029": ("styckeavgränsare", "paragraph separator"),
    "\u202a": ("vänster-till-höger-inbäddning", "left-to-right embedding"),
    "\u202b": ("höger-till-vänster-inbäddning", "right-to-left embedding"),
    "\u202c": ("slut på riktningsformatering", "pop directional formatting"),
    "\u202d": ("vänster-till-höger-åsidosättning", "left-to-right override"),
    "\u202e": ("höger-till-vänster-åsidosättning", "right-to-left override"),
    "\u2060": ("ordsammanfogare", "word joiner"),
    "\u2061": ("osynlig funktionstillämpning", "invisible function application"),
    "\u2062": ("osynligt gångertecken", "invisible times"),
    "\u2063": ("osynlig avgränsare", "invisible separator"),
    "\u2064": ("osynligt plustecken", "invisible plus"),
    "\u2066": ("vänster-till-höger-isolering", "left-to-right isolate"),
    "\u2067": ("höger-till-vänster-isolering", "right-to-left isolate"),
    "\u2068": ("första-stark-isolering", "first strong isolate"),
    "\u2069": ("slut på riktningsisolering", "pop directional isolate"),
    "\ufeff": ("BOM mitt i texten", "byte order mark inside the text"),
}
# Control characters (Unicode's Cc) other than tab, line feed and carriage return, and the two
# non-characters XML forbids: a text with one is not text (the Atom feeds would not be XML).
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
# Characters no text value may hold, however written (in a data file, YAML's escapes such as "\x01"
# or "\u202e" make them without the file holding them): yamlfile.parse refuses them in values.
UNSEEN = re.compile("[" + _CONTROL + "\r" + "".join(INVISIBLE) + "]")
_REFUSED = re.compile("[" + _CONTROL + "".join(INVISIBLE) + "]")
# The line and paragraph separators: YAML, JavaScript and str.splitlines count them as line breaks,
# Markdown and the line counts here do not, so a line would be one line to one reader and two to
# another. The fix is an ordinary line break.
LINE_SEPARATORS = ("\u2028", "\u2029")
# A file full of such characters is reported by its first few, not by thousands of lines.
MAX_REPORTED = 20


def line_ends(text: str) -> str:
    """Line ends as \\n: CRLF (as a browser's editor saves) and a lone CR (as old Mac files and some
    programs save) are line breaks, as MkDocs, markdown-include and the web editor read them (Python
    reads text files with universal newlines), so every check reads the lines the build reads and
    every line number is the line the web editor shows."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def describe(char: str) -> tuple[str, str]:
    """What a refused character is, in Swedish and English, with its code."""
    code = f"U+{ord(char):04X}"
    if char in INVISIBLE:
        sv, en = INVISIBLE[char]
        return f"ett osynligt tecken ({sv}, {code})", f"an invisible character ({en}, {code})"
    if char == "\r":
        return f"en vagnretur (CR, {code})", f"a carriage return (CR, {code})"
    return f"ett styrtecken ({code})", f"a control character ({code})"


PAGE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


# The run whose files are being read: set for as long as a check run or a build lasts (reading), so
# that every function that reads a file under docs/ reads it from there, once. State of one run,
# never of the process: a new run (a build, a live reload) reads anew.
_RUN: contextvars.ContextVar = contextvars.ContextVar("docs_files", default=None)


@contextlib.contextmanager
def reading(files: DocsFiles):
    """Read every file under ``files.docs_dir`` through ``files`` while the block runs."""
    token = _RUN.set(files)
    try:
        yield files
    finally:
        _RUN.reset(token)


def current(path: Path) -> tuple[DocsFiles, str] | None:
    """(the run's files, ``path`` relative to docs/) when a run is reading the docs/ ``path`` is in."""
    files = _RUN.get()
    if files is None:
        return None
    try:
        rel = Path(path).relative_to(files.docs_dir).as_posix()
    except ValueError:
        return None
    return files, ("" if rel == "." else rel)


class DocsFiles:
    """The files under docs/ of one run: listed once, with this module's rules, and each text read
    once. Every check of the run reads through it (scripts/styrdok/checks/registry.py), so the tree is walked
    and read once, whatever the number of checks; a new run (a build, a live reload) reads anew.

    A file the rules refuse (a link, a hidden name, a kind not allowed, too large, not UTF-8) is
    listed with its problem, and its text is never read: nothing can quote it.
    """

    def __init__(self, docs_dir: Path, root: Path):
        self.docs_dir, self.root = Path(docs_dir), Path(root)
        self.docs = relative(self.docs_dir, self.root)  # docs/ as the editor sees it
        self.paths: list[str] = []
        self.texts: dict[str, str] = {}
        self.problems: list[Problem] = []
        self._pages: dict[str, tuple] = {}
        self._walk()

    def _walk(self) -> None:
        docs = self.docs
        for parent, folders, names in os.walk(self.docs_dir):
            base = os.path.relpath(parent, self.docs_dir).replace(os.sep, "/")
            base = "" if base == "." else base + "/"
            for name in sorted(folders):
                path = os.path.join(parent, name)
                if os.path.islink(path):
                    self.problems.append(_symlink(f"{docs}/{base}{name}"))
                    folders.remove(name)  # never look inside a link
                elif name.startswith("."):
                    self.problems.append(_hidden(f"{docs}/{base}{name}"))
                    folders.remove(name)
            for name in sorted(names):
                rel = base + name
                file = f"{docs}/{rel}"
                path = os.path.join(parent, name)
                self.paths.append(rel)
                if os.path.islink(path):
                    self.problems.append(_symlink(file))
                elif name.startswith("."):
                    self.problems.append(_hidden(file))
                else:
                    found, text = _check_file(Path(path), rel, file)
                    self.problems += found
                    if text is not None:
                        self.texts[rel] = text  # line ends as \n (line_ends)
        self.paths.sort()

    def exists(self, rel: str) -> bool:
        return rel in self.texts or rel in self.paths

    def text(self, rel: str) -> str:
        """A text file's text (``rel`` relative to docs/); OutsideDocs for anything else: a path
        outside docs/, a file the rules refused, or one that is not there."""
        if rel not in self.texts:
            raise OutsideDocs(rel)
        return self.texts[rel]

    def names(self, folder: str, suffix: str = "") -> list[str]:
        """The files below ``folder`` ending in ``suffix``, relative to it, sorted."""
        prefix = folder.rstrip("/") + "/"
        return [rel[len(prefix):] for rel in self.paths if rel.startswith(prefix) and rel.endswith(suffix)]

    def page(self, rel: str) -> tuple:
        """(front matter, body, line where the body starts) of a page or fragment, parsed once; its
        ContentError (with file and line) each time it is asked for."""
        if rel not in self._pages:
            from styrdok.model import yamlfile
            try:
                self._pages[rel] = ("ok", yamlfile.read_page_text(self.text(rel), f"{self.docs}/{rel}"))
            except ContentError as error:
                self._pages[rel] = ("error", error)
        kind, value = self._pages[rel]
        if kind == "error":
            raise value
        return value


def _check_file(path: Path, rel: str, file: str) -> tuple[list[Problem], str | None]:
    """The file's problems, and its text when it is a text file the rules let through."""
    top = rel.split("/", 1)[0] if "/" in rel else ""
    allowed = ALLOWED.get(top, IMAGE_SUFFIXES)
    lower = rel.lower()
    if lower.endswith(MARKDOWN_SUFFIXES) and not rel.endswith(".md"):
        stem = rel.rsplit(".", 1)[0]
        return ([Problem(file, None, "Filen har en ändelse som MkDocs läser som en sida, men bara .md kontrolleras.",
                        "The file has a suffix MkDocs reads as a page, but only .md is checked.",
                        f"Byt namn till {stem}.md.", f"Rename it to {stem}.md.")], None)
    if not lower.endswith(allowed):
        return ([Problem(file, None, "Den här sortens fil publiceras inte från den här mappen.",
                        "This kind of file is not published from this folder.",
                        f"Ta bort filen. Tillåtna filer här: {', '.join(allowed)}.",
                        f"Remove the file. Allowed here: {', '.join(allowed)}.")], None)
    if top in ("sv", "en") and rel.endswith(".md") and not PAGE_NAME.match(rel.split("/")[-1]):
        suggestion = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", rel.split("/")[-1][:-3].lower()
                            .translate(str.maketrans("åäöé", "aaoe")))).strip("-") or "sida"
        return ([Problem(file, None, "Sidans filnamn får bara ha små bokstäver a–z, siffror och bindestreck.",
                        "A page's file name may only have lower-case letters a–z, digits and hyphens.",
                        f"Byt namn till till exempel {suggestion}.md (i båda språken).",
                        f"Rename it to, for example, {suggestion}.md (in both languages).")], None)
    if not lower.endswith(TEXT_SUFFIXES):
        return [], None
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        return ([Problem(file, None, f"Filen är för stor ({size // 1024} KiB, högst {MAX_BYTES // 1024} KiB).",
                        f"The file is too large ({size // 1024} KiB, at most {MAX_BYTES // 1024} KiB).",
                        "Dela upp texten på flera sidor.", "Split the text into several pages.")], None)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return ([Problem(file, line, "Filen är inte sparad som UTF-8 (tecknen kan inte läsas).",
                        "The file is not saved as UTF-8 (its characters cannot be read).",
                        "Spara filen med teckenkodningen UTF-8, eller klistra in texten i webbredigeraren på nytt.",
                        "Save the file with the UTF-8 encoding, or paste the text into the web editor again.")], None)
    text = line_ends(text)
    problems = []
    if text.startswith("\ufeff"):
        problems.append(Problem(file, 1, "Filen börjar med ett osynligt tecken (BOM).",
                                "The file starts with an invisible character (a byte order mark, BOM).",
                                "Spara filen som UTF-8 utan BOM, eller ta bort det första tecknet på rad 1.",
                                "Save the file as UTF-8 without BOM, or delete the first character of line 1."))
    problems += _characters(file, text)
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            problems.append(_too_long(file, number, len(line)))
            break
    return problems, text


def _characters(file: str, text: str) -> list[Problem]:
    """Each refused character (control, invisible, lone CR) with its line and column; one pass in C
    when there is none."""
    if _REFUSED.search(text) is None:
        return []
    problems, count, line, line_start = [], 0, 1, 0
    for match in _REFUSED.finditer(text):
        position = match.start()
        if position == 0 and match.group() == "\ufeff":
            continue  # the byte order mark, reported above
        count += 1
        if count > MAX_REPORTED:
            continue
        line += text.count("\n", line_start, position)
        line_start = text.rfind("\n", 0, position) + 1
        column = position - line_start + 1
        what_sv, what_en = describe(match.group())
        if match.group() in LINE_SEPARATORS:
            fix_sv = ("Byt tecknet mot en vanlig radbrytning: ställ markören där, radera tecknet och tryck på "
                      "Enter (eller radera det bara, om raden ska fortsätta).")
            fix_en = ("Replace the character with an ordinary line break: put the cursor there, delete it and "
                      "press Enter (or just delete it if the line should go on).")
        else:
            fix_sv = "Ta bort tecknet: ställ markören där och radera det, eller skriv om ordet."
            fix_en = "Delete the character: put the cursor there and delete it, or type the word again."
        problems.append(Problem(
            file, line, f"Rad {line}, tecken {column}: {what_sv}, ofta inklistrat från Word eller en webbsida.",
            f"Line {line}, character {column}: {what_en}, often pasted from Word or a web page.", fix_sv, fix_en))
    if count > MAX_REPORTED:
        problems.append(Problem(
            file, None, f"Filen har {count - MAX_REPORTED} tecken till av samma slag.",
            f"The file has {count - MAX_REPORTED} more such characters.",
            "Spara texten på nytt från ett vanligt textprogram, eller klistra in den som oformaterad text.",
            "Save the text again from a plain text editor, or paste it as unformatted text."))
    return problems


class OutsideDocs(ValueError):
    """A path that is not a plain file inside docs/ (see docs_path)."""


def docs_path(docs_dir: Path, rel: str) -> Path:
    """The file ``rel`` names (relative to docs/, with /), only if it is a plain file inside docs/:
    no absolute path, no ``..``, ``.`` or empty part, no backslash, no name starting with a dot, no
    symbolic link on the way, a regular file of at most MAX_BYTES. Raises OutsideDocs otherwise.

    Every message that quotes a file's text reads the file through this, so no message can ever
    quote anything from outside docs/ (check() has refused links and huge files there already; this
    holds the same for a name that comes from a data file, such as register.yml's source.file).
    """
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\\" in rel or "\0" in rel:
        raise OutsideDocs(rel)
    path = Path(docs_dir)
    for part in rel.split("/"):
        if part in ("", ".", "..") or part.startswith("."):
            raise OutsideDocs(rel)
        path = path / part
        if os.path.islink(path):
            raise OutsideDocs(rel)
    if not path.is_file() or os.path.getsize(path) > MAX_BYTES:
        raise OutsideDocs(rel)
    return path


def excerpt(text: str, limit: int = 60) -> str:
    """The start of a text for a message: spaces evened out, at most ``limit`` characters, "…" when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _too_long(file: str, number: int, length: int) -> Problem:
    return Problem(file, number, f"Raden är för lång ({length} tecken, högst {MAX_LINE}).",
                   f"The line is too long ({length} characters, at most {MAX_LINE}).",
                   "Dela upp stycket med radbrytningar.", "Break the paragraph into lines.")


def _symlink(file: str) -> Problem:
    return Problem(file, None, "En symbolisk länk. Den kan peka på filer utanför docs/, som då skulle publiceras.",
                   "A symbolic link. It can point at files outside docs/, which would then be published.",
                   "Ta bort länken och lägg en riktig fil här.", "Remove the link and put a real file here.")


def _hidden(file: str) -> Problem:
    return Problem(file, None, "Namnet börjar med en punkt. Sådana filer publiceras inte och sidan försvinner.",
                   "The name starts with a dot. Such files are not published and the page disappears.",
                   "Ta bort punkten i början av namnet.", "Remove the dot at the start of the name.")
