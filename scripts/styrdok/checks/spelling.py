"""Spelling with hunspell and real dictionaries (sv_SE, en_GB) plus the project's word list."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from styrdok.model import facts, tree, yamlfile
from styrdok.model.markdown_text import blank_code
from styrdok.problems import ContentError, Problem, relative
from styrdok.search import compounds

# Swedish: the package's own copy, the one the search splits compounds with, so that the two agree
# (hunspell -d takes a path). English: Debian's en_GB (British English, as in EU texts).
DICTIONARIES = {"sv": str(compounds.DICTIONARY), "en": "en_GB"}
WORD_LIST = "_data/ordlista-stavning.txt"


_COMMENT = re.compile(r"<!--.*?-->")
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


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
    return [word for _, word in _word_lines(yamlfile.read_text(path))]


def _word_lines(text: str) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            found.append((number, line))
    return found


def check_word_list(path: Path, file: str) -> list[Problem]:
    """One word per line: a line with two words would silently teach hunspell nothing."""
    return [Problem(file, number, f"Raden '{word}' har mer än ett ord. Ordlistan läser bara ett ord per rad.",
                    f"The line '{word}' has more than one word. The word list reads one word per line.",
                    "Skriv varje ord på en egen rad.", "Write each word on a line of its own.")
            for number, word in _word_lines(yamlfile.read_text(path)) if len(word.split()) > 1]


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
        # Anything a reader of lines would take as a line break is a space here: one input line, one answer.
        text = "".join("^" + _LINE_BREAKS.sub(" ", re.sub(r"[\u2013\u2014\u00a0\u202f]", " ", line)).replace("\u00ad", "")
                       + "\n" for _, line in lines)
        result = subprocess.run(["hunspell", "-a", "-i", "utf-8", "-d", DICTIONARIES[lang], "-p", personal.name],
                                input=text, capture_output=True, text=True, check=True)
    finally:
        Path(personal.name).unlink()
    # After its banner, hunspell answers each input line with a row per word it does not know and
    # ends the answer with an empty row (a line without words gets the empty row alone).
    found, index = [], 0
    for row in result.stdout.split("\n")[1:]:
        if not row:
            index += 1
        elif index < len(lines) and row.startswith("&"):
            head, _, suggestions = row.partition(": ")
            found.append((lines[index][0], head.split()[1].rstrip("."), suggestions.split(", ")[:3]))
        elif index < len(lines) and row.startswith("#"):
            found.append((lines[index][0], row.split()[1].rstrip("."), []))
    # Rule names and numbers (MD018, 2016) are not words.
    return [item for item in found if not re.search(r"\d", item[1])]


DATA_FILES = ("_data/register.yml", "_data/terminology.yml", "_data/webbplatsen.yml", "_data/ui.yml")


def _sources(site, lang: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """(file, its (line, text) in ``lang``) for every page, fragment and data file of the run."""
    files, docs = site.files, site.files.docs
    sources = []
    for rel in [f"{lang}/{n}" for n in files.names(lang, ".md")] + \
               [f"_includes/{lang}/{n}" for n in files.names(f"_includes/{lang}", ".md")]:
        try:
            sources.append((f"{docs}/{rel}", prose_lines(files.text(rel))))
        except ContentError:
            continue  # reported by the content check
    # The register's and the terminology's texts are published too: titles, notes, labels.
    for rel in DATA_FILES:
        if files.exists(rel):
            try:
                sources.append((f"{docs}/{rel}", data_lines(yamlfile.parse(files.text(rel), rel), lang)))
            except ContentError:
                continue
    return sources


def check(site) -> list[Problem]:
    """Every page, fragment and data text of the site (content.read) in each language with a
    dictionary: one hunspell for all of a language's text."""
    word_list = site.docs_dir / WORD_LIST
    with tree.reading(site.files):
        words = load_word_list(word_list)
        problems = check_word_list(word_list, relative(word_list, site.root))
        for lang in (lang for lang in site.languages if lang in DICTIONARIES):
            where, lines = [], []
            for file, found in _sources(site, lang):
                for number, text in found:
                    if text.strip():  # hunspell answers a blank line with nothing
                        where.append((file, number))
                        lines.append((len(lines), text))
            for index, word, suggestions in misspelled(lines, lang, words):
                file, number = where[index]
                hint_sv = f" Förslag: {', '.join(suggestions)}." if suggestions else ""
                hint_en = f" Suggestions: {', '.join(suggestions)}." if suggestions else ""
                language = "svenska" if lang == "sv" else "engelska"
                problems.append(Problem(
                    file, number, f"Okänt ord på {language}: '{word}'.{hint_sv}",
                    f"Unknown {'Swedish' if lang == 'sv' else 'English'} word: '{word}'.{hint_en}",
                    f"Rätta stavningen, eller lägg till ordet i docs/{WORD_LIST} om det är rätt stavat.",
                    f"Correct the spelling, or add the word to docs/{WORD_LIST} if it is spelled right."))
    return problems
