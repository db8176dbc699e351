"""The sv→en terminology: one data file, shown as the glossary and checked on the pages."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from styrdok.model import yamlfile
from styrdok.model.markdown_text import inline
from styrdok.problems import ContentError, Problem

# A term is a word or a short phrase (the longest today has 48 characters). The cap bounds the work
# of finding the terms on the pages (language.mark, inconsistent_terms): at each word of a page the
# patterns read at most this many characters.
MAX_TERM = 100


def load_terms(path: Path, file: str = "docs/_data/terminology.yml") -> list[dict]:
    data = yamlfile.load(path, file)
    problems = []
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list):
        raise ContentError([Problem(file, 1, "Filen ska börja med terms: och en lista av termer.",
                                    "The file must start with terms: and a list of terms.",
                                    "Skriv terms: och under den '- sv: …' med en: och note:.",
                                    "Write terms: and below it '- sv: …' with en: and note:.")])
    for term in terms:
        for key in ("sv", "en", "gloss"):
            if isinstance(term, dict) and isinstance(term.get(key), str) and len(term[key]) > MAX_TERM:
                problems.append(Problem(
                    file, getattr(term, "lines", {}).get(key, getattr(term, "line", None)),
                    f"{key}: har {len(term[key])} tecken; en term är ett ord eller en kort fras på högst "
                    f"{MAX_TERM} tecken.",
                    f"{key}: has {len(term[key])} characters; a term is a word or a short phrase of at most "
                    f"{MAX_TERM} characters.",
                    "Korta termen; en längre förklaring hör hemma i note:.",
                    "Shorten the term; a longer explanation belongs in note:."))
        gloss = term.get("gloss") if isinstance(term, dict) else None
        if isinstance(gloss, str) and any(character.isdigit() for character in gloss):
            # A gloss says in English what a Swedish name means; a number or a date in it would be a
            # fact the Swedish text lacks, printed beside the name on every English page.
            problems.append(Problem(
                file, getattr(term, "lines", {}).get("gloss", getattr(term, "line", None)),
                f"gloss: '{gloss}' innehåller siffror. En förklaring säger bara vad namnet betyder; ett tal "
                "eller ett datum vore en uppgift som den svenska texten inte har.",
                f"gloss: '{gloss}' holds digits. A gloss only says what the name means; a number or a date "
                "would be a fact the Swedish text lacks.",
                "Skriv bara vad namnet betyder på engelska, till exempel 'the City Council'.",
                "Write only what the name means in English, for example 'the City Council'."))
        line = getattr(term, "line", None)
        if not isinstance(term, dict) or set(term) - {"sv", "en", "note", "gloss", "kept"} or not all(
                isinstance(term.get(k), str) and term[k].strip() for k in ("sv", "en")):
            problems.append(Problem(file, line, "En term ska ha sv:, en: och kan ha note: med sv: och en:, gloss: och kept: true.",
                                    "A term must have sv:, en: and may have note: with sv: and en:, gloss: and kept: true.",
                                    "Jämför med termerna ovanför och rätta fälten.",
                                    "Compare with the terms above and correct the fields."))
        elif "note" in term and not (isinstance(term["note"], dict) and all(
                isinstance(term["note"].get(k), str) for k in ("sv", "en"))):
            problems.append(Problem(file, term.lines.get("note", line),
                                    "note: ska ha en svensk (sv:) och en engelsk (en:) förklaring.",
                                    "note: must have a Swedish (sv:) and an English (en:) explanation.",
                                    "Skriv note: och under den sv: och en:.",
                                    "Write note: and below it sv: and en:."))
    if problems:
        raise ContentError(problems)
    return terms


def glossary_markdown(terms: list[dict], lang: str, texts: dict) -> str:
    """The glossary table; the column in the other language carries its lang attribute."""
    first, second, third = (inline(texts[k]) for k in ("glossary_swedish", "glossary_english", "glossary_explanation"))
    rows = [f"| {first} | {second} | {third} |", "|---|---|---|"]

    def cell(text, text_lang):
        return inline(text) if text_lang == lang else f'<span lang="{text_lang}">{inline(text)}</span>'
    for term in sorted(terms, key=lambda t: t["sv"].casefold()):
        note = term.get("note", {}).get(lang, "")
        # A Swedish name kept in English text is Swedish; its gloss, if any, is English.
        english = cell(term["en"], "sv" if term.get("kept") else "en")
        if term.get("gloss"):
            english += f" ({cell(term['gloss'], 'en')})"
        rows.append(f"| {cell(term['sv'], 'sv')} | {english} | {inline(note)} |")
    return "\n".join(rows) + "\n"


def trie(words: list[str]) -> str:
    """The words as one pattern shaped as a tree of their letters: at each place the regex engine
    follows one branch per letter instead of trying every word, so the work per place is bounded by
    the longest word (MAX_TERM), whatever the number of words. A longer word is tried before a
    shorter one it begins with."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return pattern(tree)


@functools.lru_cache(maxsize=16)
def _finder(phrases: tuple[str, ...], ignore_case: bool):
    """A pattern that stops at every place where a phrase begins (the longest phrase there that
    ends where a word ends), and each phrase's shorter phrases that it begins with."""
    keys = sorted({p if ignore_case else p.lower() for p in phrases})
    pattern = re.compile(rf"(?<!\w)(?=({trie(keys)})(?!\w))", re.IGNORECASE if ignore_case else 0)
    known = {key.lower() for key in keys}
    shorter = {key.lower(): [n for n in range(1, len(key)) if key[:n].lower() in known] for key in keys}
    return pattern, shorter


def phrases_in(text: str, phrases: list[str]) -> set[str]:
    """The phrases, in small letters, that stand whole (not inside a longer word) somewhere in the
    text, in any case. One pass over the text for all phrases: the work is the text's length
    times at most the longest phrase (MAX_TERM), whatever the number of phrases; one pattern per
    phrase read the whole text again for each, and a phrase found everywhere but never whole
    (" ab ab ab…" for "ab ab … ab a") cost its length at every word."""
    if not phrases:
        return set()
    lowered = text.lower()
    ignore_case = len(lowered) != len(text)  # (a few rare letters change length: search case-blind)
    subject = text if ignore_case else lowered
    pattern, shorter = _finder(tuple(phrases), ignore_case)
    found: set[str] = set()
    for match in pattern.finditer(subject):
        whole = match.group(1).lower()
        if whole in found:
            continue
        found.add(whole)
        start = match.start()
        for length in shorter.get(whole, ()):  # (the character after each lies inside the match)
            if not _WORD_CHAR.match(subject, start + length):
                found.add(whole[:length])
    return found


_WORD_CHAR = re.compile(r"\w")


def inconsistent_terms(terms: list[dict], sv_text: str, en_text: str) -> list[dict]:
    """Terms whose Swedish form is on the Swedish page but whose English form is missing on its twin."""
    on_swedish = phrases_in(sv_text, [t["sv"] for t in terms])
    on_english = phrases_in(en_text, [t["en"] for t in terms])
    return [t for t in terms if t["sv"].lower() in on_swedish and t["en"].lower() not in on_english]
