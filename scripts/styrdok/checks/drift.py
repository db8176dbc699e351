"""Translation drift: each English page records the hash of the Swedish text it translates.

A content hash (not a git date) survives rebases and works in a shallow clone. When the Swedish
page or one of its fragments changes, the hash no longer matches: the check reports the English
page as outdated and the built page shows a notice until someone marks it as re-translated.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from styrdok.checks import pages
from styrdok.model import yamlfile
from styrdok.problems import ContentError, Problem, relative
from styrdok.render import includes

KEY = "translation_of"


def parts(swedish_page: Path, docs_dir: Path) -> list[str]:
    """The files a Swedish page's text is made of: the page, then its fragments (docs/-relative)."""
    name = swedish_page.relative_to(docs_dir).as_posix() if swedish_page.is_absolute() and \
        swedish_page.is_relative_to(docs_dir) else f"sv/{swedish_page.name}"
    return [name, *includes.fragments(yamlfile.read_text(swedish_page), docs_dir)]


def _short(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def source_hash(swedish_page: Path, docs_dir: Path) -> str:
    """One short hash per part (the page, then each fragment), joined with "-": a changed part can
    be named, and the value stays one line that an editor can paste in the web editor."""
    return "-".join(_short(yamlfile.read_text(docs_dir / part)) for part in parts(swedish_page, docs_dir))


def status(name: str, docs_dir: Path, root: Path) -> tuple[str, str | None, int | None]:
    """(current hash of the Swedish page, hash recorded in the English page, its line)."""
    en = docs_dir / "en" / name
    meta, _, _ = yamlfile.read_page(en, relative(en, root))
    recorded = meta.get(KEY)
    return (source_hash(docs_dir / "sv" / name, docs_dir),
            str(recorded) if recorded is not None else None, meta.lines.get(KEY, 1) if meta else 1)


def changed_parts(name: str, current: str, recorded: str, docs_dir: Path) -> list[str]:
    """The Swedish files (docs/-relative) whose text differs from what was translated. When the page
    has more or fewer parts than then, the page itself changed (its includes) and is named alone."""
    files = parts(docs_dir / "sv" / name, docs_dir)
    now, then = current.split("-"), recorded.split("-")
    if len(now) != len(then):
        return files[:1]
    return [file for file, a, b in zip(files, now, then, strict=True) if a != b]


# What line_to_paste writes: one short hash per part, joined with "-".
_RECORDED = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{8})*")


def line_to_paste(current: str) -> str:
    """The front-matter line that records a hash. Quoted: YAML would read a hash of digits alone
    as a number (00151104 even as an octal one) and lose it."""
    return f'{KEY}: "{current}"'


def check(docs_dir: Path, root: Path) -> list[Problem]:
    """Outdated translations, as warnings: a Swedish edit may be published before its translation
    (the English page says so). Each warning stands on the Swedish file whose change caused it (the
    file the editor changed: the page or a fragment), names the English text to update, and gives
    the exact translation_of: line to paste there, with its line; a page that includes a changed
    fragment is named in that fragment's one warning. Only what the English page itself lacks or
    holds wrongly (no translation_of:, a value the site never writes) is told on the English page."""
    problems = []
    docs = relative(docs_dir, root)
    caused: dict[str, list[tuple[str, int | None, str]]] = {}  # Swedish part → (English page, line, paste)
    for name in sorted(pages.page_names(docs_dir, "sv") & pages.page_names(docs_dir, "en")):
        try:
            current, recorded, line = status(name, docs_dir, root)
        except ContentError as error:
            problems += error.problems
            continue
        file = relative(docs_dir / "en" / name, root)
        paste = line_to_paste(current)
        if recorded is None:
            problems.append(Problem(
                file, 1, f"Sidan saknar {KEY}: och det går inte att se vilken svensk text den översätter.",
                f"The page lacks {KEY}: so it is unknown which Swedish text it translates.",
                f"Kontrollera översättningen och skriv sedan den här raden bland fälten överst i filen: {paste}",
                f"Check the translation, then write this line in the front matter: {paste}", warning=True))
        elif recorded != current and not _RECORDED.fullmatch(recorded):
            problems.append(Problem(
                file, line, f"Värdet i {KEY}: är inte ett värde som webbplatsen skriver, så det går inte att se "
                "vilken svensk text sidan översätter.",
                f"The value of {KEY}: is not one the site writes, so it is unknown which Swedish text the page "
                "translates.",
                f"Kontrollera översättningen och byt sedan raden {KEY}: (rad {line}) mot: {paste}",
                f"Check the translation, then replace the {KEY}: line (line {line}) with: {paste}", warning=True))
        elif recorded != current:
            try:
                yamlfile.read_page(docs_dir / "sv" / name, f"{docs}/sv/{name}")
            except ContentError:
                continue  # the content check tells what is wrong; the text changes again when it is fixed
            for part in changed_parts(name, current, recorded, docs_dir):
                caused.setdefault(part, []).append((file, line, paste))
    for part, english_pages in sorted(caused.items()):
        swedish, twin = f"{docs}/{part}", f"{docs}/{part.replace('sv/', 'en/', 1)}"
        named = ", ".join(page for page, _, _ in english_pages)
        paste_sv = " och ".join(f"raden {KEY}: (rad {line}) i {page} mot: {paste}" for page, line, paste in english_pages)
        paste_en = " and ".join(f"the {KEY}: line (line {line}) in {page} with: {paste}"
                                for page, line, paste in english_pages)
        problems.append(Problem(
            swedish, None,
            f"Översättningen är inaktuell: {swedish} har ändrats sedan {named} översattes. Den engelska sidan "
            "visar en upplysning om det tills den är uppdaterad (ändringen kan publiceras ändå).",
            f"The translation is outdated: {swedish} changed after {named} was translated. The English page "
            "shows a notice until it is updated (the change may be published anyway).",
            f"Översätt ändringen i {twin}. Byt sedan {paste_sv}",
            f"Translate the change in {twin}, then replace {paste_en}", warning=True))
    return problems


def mark_translated(english_page: Path, docs_dir: Path) -> str:
    """Record the current Swedish hash in the English page's front matter; return the hash."""
    name = english_page.resolve().relative_to((docs_dir / "en").resolve()).as_posix()
    current = source_hash(docs_dir / "sv" / name, docs_dir)
    text = english_page.read_text(encoding="utf-8")
    match = yamlfile.FRONT_MATTER.match(text)  # as MkDocs finds it (--- or ... closes it)
    line = line_to_paste(current) + "\n"
    if not match:
        text = f"---\n{line}---\n\n{text}"
    else:
        front = match.group(1)
        if re.search(rf"^{KEY}:.*$", front, re.MULTILINE):
            front = re.sub(rf"^{KEY}:.*\n?", line, front, flags=re.MULTILINE)
        else:
            front = front + line
        text = f"---\n{front}---\n" + text[match.end():]
    english_page.write_text(text, encoding="utf-8")
    return current
