"""The files under docs/: which may be there, how large, in which encoding. Checked before anything
else reads them, so that no later check runs on a link out of the folder, a huge file or bytes
that are not text.

MkDocs publishes every file under docs/ that it does not treat as a page, and it follows
symbolic links; it treats several suffixes as Markdown pages. So the rules are an allowlist:
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .problems import Problem, relative

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
# Characters that cannot be seen but change what a word is (spelling, search, facts).
INVISIBLE = {
    "\u00ad": ("mjukt bindestreck", "soft hyphen"),
    "\u200b": ("nollbreddsmellanslag", "zero-width space"),
    "\u200c": ("nollbreddsicke-sammanfogare", "zero-width non-joiner"),
    "\u200d": ("nollbreddssammanfogare", "zero-width joiner"),
    "\u2060": ("ordsammanfogare", "word joiner"),
    "\ufeff": ("BOM mitt i texten", "byte order mark inside the text"),
}
PAGE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def check(docs_dir: Path, root: Path) -> list[Problem]:
    """Every file and folder under docs/ that may not be there or cannot be read safely."""
    problems: list[Problem] = []
    docs = relative(docs_dir, root)
    for parent, folders, names in os.walk(docs_dir):
        base = os.path.relpath(parent, docs_dir).replace(os.sep, "/")
        base = "" if base == "." else base + "/"
        for name in list(folders):
            path = os.path.join(parent, name)
            if os.path.islink(path):
                problems.append(_symlink(f"{docs}/{base}{name}"))
                folders.remove(name)  # never look inside a link
            elif name.startswith("."):
                problems.append(_hidden(f"{docs}/{base}{name}"))
                folders.remove(name)
        for name in sorted(names):
            rel = base + name
            file = f"{docs}/{rel}"
            path = os.path.join(parent, name)
            if os.path.islink(path):
                problems.append(_symlink(file))
            elif name.startswith("."):
                problems.append(_hidden(file))
            else:
                problems += _check_file(Path(path), rel, file)
    return problems


def _check_file(path: Path, rel: str, file: str) -> list[Problem]:
    top = rel.split("/", 1)[0] if "/" in rel else ""
    allowed = ALLOWED.get(top, IMAGE_SUFFIXES)
    lower = rel.lower()
    if lower.endswith(MARKDOWN_SUFFIXES) and not rel.endswith(".md"):
        stem = rel.rsplit(".", 1)[0]
        return [Problem(file, None, "Filen har en ändelse som MkDocs läser som en sida, men bara .md kontrolleras.",
                        "The file has a suffix MkDocs reads as a page, but only .md is checked.",
                        f"Byt namn till {stem}.md.", f"Rename it to {stem}.md.")]
    if not lower.endswith(allowed):
        return [Problem(file, None, "Den här sortens fil publiceras inte från den här mappen.",
                        "This kind of file is not published from this folder.",
                        f"Ta bort filen. Tillåtna filer här: {', '.join(allowed)}.",
                        f"Remove the file. Allowed here: {', '.join(allowed)}.")]
    if top in ("sv", "en") and rel.endswith(".md") and not PAGE_NAME.match(rel.split("/")[-1]):
        suggestion = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", rel.split("/")[-1][:-3].lower()
                            .translate(str.maketrans("åäöé", "aaoe")))).strip("-") or "sida"
        return [Problem(file, None, "Sidans filnamn får bara ha små bokstäver a–z, siffror och bindestreck.",
                        "A page's file name may only have lower-case letters a–z, digits and hyphens.",
                        f"Byt namn till till exempel {suggestion}.md (i båda språken).",
                        f"Rename it to, for example, {suggestion}.md (in both languages).")]
    if not lower.endswith(TEXT_SUFFIXES):
        return []
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        return [Problem(file, None, f"Filen är för stor ({size // 1024} KiB, högst {MAX_BYTES // 1024} KiB).",
                        f"The file is too large ({size // 1024} KiB, at most {MAX_BYTES // 1024} KiB).",
                        "Dela upp texten på flera sidor.", "Split the text into several pages.")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [Problem(file, line, "Filen är inte sparad som UTF-8 (tecknen kan inte läsas).",
                        "The file is not saved as UTF-8 (its characters cannot be read).",
                        "Spara filen med teckenkodningen UTF-8, eller klistra in texten i webbredigeraren på nytt.",
                        "Save the file with the UTF-8 encoding, or paste the text into the web editor again.")]
    problems = []
    if text.startswith("\ufeff"):
        problems.append(Problem(file, 1, "Filen börjar med ett osynligt tecken (BOM).",
                                "The file starts with an invisible character (a byte order mark, BOM).",
                                "Spara filen som UTF-8 utan BOM, eller ta bort det första tecknet på rad 1.",
                                "Save the file as UTF-8 without BOM, or delete the first character of line 1."))
    invisible = any(char in text for char in INVISIBLE)  # one pass in C; lines only when needed
    for number, line in enumerate(text.split("\n"), start=1):
        if not invisible:
            if len(line) > MAX_LINE:
                problems.append(_too_long(file, number, len(line)))
                break
            continue
        for column, char in ((i + 1, c) for i, c in enumerate(line) if c in INVISIBLE):
            if number == 1 and column == 1 and char == "\ufeff":
                continue  # the byte order mark, reported above
            problems.append(Problem(
                file, number, f"Rad {number}, tecken {column}: ett osynligt tecken ({INVISIBLE[char][0]}), "
                "ofta inklistrat från Word eller en webbsida.",
                f"Line {number}, character {column}: an invisible character ({INVISIBLE[char][1]}), often pasted "
                "from Word or a web page.",
                "Ta bort tecknet: ställ markören där och radera det, eller skriv om ordet.",
                "Delete the character: put the cursor there and delete it, or type the word again."))
        if len(line) > MAX_LINE:
            problems.append(_too_long(file, number, len(line)))
            break
    return problems


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
