"""Translation drift: each English page records the hash of the Swedish text it translates.

A content hash (not a git date) survives rebases and works in a shallow clone. When the Swedish
page or one of its fragments changes, the hash no longer matches: the check reports the English
page as outdated and the built page shows a notice until someone marks it as re-translated.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import pages, yamlfile
from .problems import ContentError, Problem, relative

KEY = "translation_of"


def source_hash(swedish_page: Path, docs_dir: Path) -> str:
    text = pages.expand_includes(yamlfile.read_text(swedish_page), docs_dir)
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def status(name: str, docs_dir: Path, root: Path) -> tuple[str, str | None, int | None]:
    """(current hash of the Swedish page, hash recorded in the English page, its line)."""
    en = docs_dir / "en" / name
    meta, _, _ = yamlfile.read_page(en, relative(en, root))
    recorded = meta.get(KEY)
    return (source_hash(docs_dir / "sv" / name, docs_dir),
            str(recorded) if recorded is not None else None, meta.lines.get(KEY, 1) if meta else 1)


def check(docs_dir: Path, root: Path) -> list[Problem]:
    problems = []
    for name in sorted(pages.page_names(docs_dir, "sv") & pages.page_names(docs_dir, "en")):
        try:
            current, recorded, line = status(name, docs_dir, root)
        except ContentError as error:
            problems += error.problems
            continue
        file = relative(docs_dir / "en" / name, root)
        command = f"make translated PAGE={file}"
        if recorded is None:
            problems.append(Problem(
                file, 1, f"Sidan saknar {KEY}: och det går inte att se vilken svensk text den översätter.",
                f"The page lacks {KEY}: so it is unknown which Swedish text it translates.",
                f"Kontrollera översättningen och kör sedan: {command}",
                f"Check the translation, then run: {command}"))
        elif recorded != current:
            problems.append(Problem(
                file, line, f"Översättningen är inaktuell: docs/sv/{name} har ändrats sedan den översattes.",
                f"The translation is outdated: docs/sv/{name} has changed since it was translated.",
                f"Uppdatera den engelska texten och kör sedan: {command}",
                f"Update the English text, then run: {command}"))
    return problems


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*\n", re.DOTALL | re.MULTILINE)


def mark_translated(english_page: Path, docs_dir: Path) -> str:
    """Record the current Swedish hash in the English page's front matter; return the hash."""
    name = english_page.resolve().relative_to((docs_dir / "en").resolve()).as_posix()
    current = source_hash(docs_dir / "sv" / name, docs_dir)
    text = english_page.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    line = f"{KEY}: {current}\n"
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
