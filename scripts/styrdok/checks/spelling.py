"""Spelling with hunspell and real dictionaries (sv_SE, en_GB) plus the project's word list."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from styrdok.model import facts, yamlfile
from styrdok.model.markdown_text import blank_code
from styrdok.problems import ContentError, Problem, relative
from styrdok.search import compounds

# Swedish: the package's own copy, the one the search splits compounds with, so that the two agree
# (hunspell -d takes a path). English: Debian's en_GB (British English, as in EU texts).
DICTIONARIES = {"sv": str(compounds.DICTIONARY), "en": "en_GB"}
WORD_LIST = "_data/ordlista-stavning.txt"


_COMMENT = re.compile(r"<!--.*?-->")


def _without_comments(line: str) -> str:
    """The line without <!-- … -->: searched only up to the last "-->", so that every "<!--" tried
    finds its end (linear, where a line of unclosed "<!--" was quadratic)."""
    last = line.rfind("-->") + 3
    return _COMMENT.sub(" ", line[:last]) + line[last:] if last > 2 else line


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """The readable words of a page, line by line: no front matter keys, URLs, code or markers."""
    meta, body, start = yamlfile.front_matter(markdown, "page")
    lines = []
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            lines.append((meta.lines[key], meta[key]))
    body = blank_code(body)
    for number, line in enumerate(body.splitlines(), start=start):
        line = re.sub(r"^\s*[!?]{3}\+?\s*\w+", " ", line)  # admonition type: !!! note "Title"
        line = _without_comments(line)
        # A phrase marked as another language ({: lang="en" }) is not this language's to spell.
        line = re.sub(r"\*[^*]+\*\{:\s*lang=\"[a-z]+\"\s*\}", " ", line)
        # Each pattern stops at the character that would start another match: linear on any line.
        line = re.sub(r"\{[!#][^{}]*\}", " ", line)
        line = re.sub(r"\]\([^()]*\)", "] ", line)
        line = re.sub(r"<[^<>]+>", " ", line)
        line = re.sub(r"https?://\S++", " ", line)
        line = facts.PATTERNS["email"].sub(" ", line) if "@" in line else line  # the one e-mail grammar
        if line.strip():
            lines.append((number, line))
    return lines


def load_word_list(path: Path) -> list[str]:
    return [word for _, word in _word_lines(path)]


def _word_lines(path: Path) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            found.append((number, line))
    return found


def check_word_list(path: Path, file: str) -> list[Problem]:
    """One word per line: a line with two words would silently teach hunspell nothing."""
    return [Problem(file, number, f"Raden '{word}' har mer än ett ord. Ordlistan läser bara ett ord per rad.",
                    f"The line '{word}' has more than one word. The word list reads one word per line.",
                    "Skriv varje ord på en egen rad.", "Write each word on a line of its own.")
            for number, word in _word_lines(path) if len(word.split()) > 1]


def data_lines(data, lang: str) -> list[tuple[int, str]]:
    """(line, text) of every text in one language in a data file: values under sv: or en: keys."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == lang and isinstance(value, str):
                found.append((data.lines.get(key) if hasattr(data, "lines") else None, value))
            elif isinstance(value, (dict, list)):
                found += data_lines(value, lang)
    elif isinstance(data, list):
        for item in data:
            found += data_lines(item, lang)
    # {date}, {title} and the like are filled in by the site: not words to spell.
    return [(line or 1, re.sub(r"\{\w+\}", " ", text)) for line, text in found]


def misspelled(lines: list[tuple[int, str]], lang: str, words: list[str]) -> list[tuple[int, str, list]]:
    """(line, word, suggestions) for each word hunspell does not know, using ispell pipe mode."""
    if not shutil.which("hunspell"):
        raise ContentError([Problem("hunspell", None, "Programmet hunspell saknas.", "The hunspell program is missing.",
                                    "Kör make test eller make check, som installerar det.",
                                    "Run make test or make check, which install it.")])
    with tempfile.NamedTemporaryFile("w", suffix=".dic", encoding="utf-8", delete=False) as personal:
        personal.write("\n".join(words) + "\n")
    try:
        # '^' makes hunspell read each line as text, never as a command.
        # Dashes and non-breaking spaces separate words; a soft hyphen is not a break (tree.py reports it).
        text = "".join("^" + re.sub(r"[\u2013\u2014\u00a0\u202f]", " ", line).replace("\u00ad", "") + "\n"
                       for _, line in lines)
        result = subprocess.run(["hunspell", "-a", "-i", "utf-8", "-d", DICTIONARIES[lang], "-p", personal.name],
                                input=text, capture_output=True, text=True, check=True)
    finally:
        Path(personal.name).unlink()
    found = []
    body = result.stdout.split("\n", 1)[1] if "\n" in result.stdout else ""
    blocks = body.split("\n\n")
    for (number, _), block in zip(lines, blocks, strict=False):
        for row in block.splitlines():
            if row.startswith("&"):
                head, _, suggestions = row.partition(": ")
                found.append((number, head.split()[1].rstrip("."), suggestions.split(", ")[:3]))
            elif row.startswith("#"):
                found.append((number, row.split()[1].rstrip("."), []))
    # Rule names and numbers (MD018, 2016) are not words.
    return [item for item in found if not re.search(r"\d", item[1])]


DATA_FILES = ("_data/register.yml", "_data/terminology.yml", "_data/webbplatsen.yml", "_data/ui.yml")


def check(docs_dir: Path, root: Path, word_list: Path | None = None) -> list[Problem]:
    word_list = word_list or docs_dir / WORD_LIST
    words = load_word_list(word_list)
    problems = check_word_list(word_list, relative(word_list, root))
    for lang in DICTIONARIES:
        files = sorted((docs_dir / lang).rglob("*.md")) + sorted((docs_dir / "_includes" / lang).rglob("*.md"))
        sources = []
        for path in files:
            try:
                sources.append((relative(path, root), prose_lines(path.read_text(encoding="utf-8"))))
            except ContentError:
                continue  # reported by the content check
        # The register's and the terminology's texts are published too: titles, notes, labels.
        for name in DATA_FILES:
            if (docs_dir / name).is_file():
                try:
                    data = yamlfile.load(docs_dir / name, name)
                except ContentError:
                    continue
                sources.append((relative(docs_dir / name, root), data_lines(data, lang)))
        for file, lines in sources:
            for number, word, suggestions in misspelled(lines, lang, words):
                hint_sv = f" Förslag: {', '.join(suggestions)}." if suggestions else ""
                hint_en = f" Suggestions: {', '.join(suggestions)}." if suggestions else ""
                language = "svenska" if lang == "sv" else "engelska"
                problems.append(Problem(
                    file, number, f"Okänt ord på {language}: '{word}'.{hint_sv}",
                    f"Unknown {'Swedish' if lang == 'sv' else 'English'} word: '{word}'.{hint_en}",
                    f"Rätta stavningen, eller lägg till ordet i docs/{WORD_LIST} om det är rätt stavat.",
                    f"Correct the spelling, or add the word to docs/{WORD_LIST} if it is spelled right."))
    return problems
