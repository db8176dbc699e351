"""Language of parts (WCAG 3.1.2): words of the other language carry their own lang attribute.

Editors never write these spans. The terminology (docs/_data/terminology.yml) says which words
are Swedish: on an English page, each Swedish term is marked lang="sv" wherever it stands in
the article, and a Swedish name with an English gloss gets the gloss after its first use if the
text does not already give it. The glossary marks its own other-language column
(terminology.glossary_markdown).
"""

from __future__ import annotations

import bisect
import functools
import html as html_module
import re

import markupsafe

from styrdok.model import html_tokens, terminology


def swedish_terms(terms: list[dict]) -> list[dict]:
    """Terms that are Swedish words when they stand in English text: those translated otherwise,
    and Swedish names kept as they are (kept: true)."""
    return [t for t in terms if t["sv"].casefold() != t["en"].casefold() or t.get("kept")]


@functools.lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...], ignore_case: bool) -> re.Pattern | None:
    if not words:
        return None
    alternatives = terminology.trie(sorted({w if ignore_case else w.lower() for w in words}))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE if ignore_case else 0)


def _find(html: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the words stand in the HTML, in any case. Searching a small-letter copy is several
    times faster than a case-blind pattern; a text whose small letters are not one for one (a few
    rare letters) is searched with the case-blind pattern."""
    lowered = html.lower()
    ignore_case = len(lowered) != len(html)
    pattern = _pattern(words, ignore_case)
    if pattern is None:
        return []
    return [match.span(1) for match in pattern.finditer(html if ignore_case else lowered)]


# Text in these is code or not shown as prose: never marked.
_SKIP_ELEMENTS = frozenset({"code", "pre", "script", "style", "title", "textarea"})
_LANG_HINT = re.compile(r"lang", re.IGNORECASE)


def free_text(html: str, until: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the text a term may be marked in: not inside a tag, a comment, code, or an
    element that states its language (lang=), as a browser's tokenizer reads the HTML
    (html_tokens). One pass over the tags, with a stack of open elements; an end tag without an
    open element of its name is ignored, as a browser ignores it. ``until``: no text after this
    place is needed."""
    free: list[tuple[int, int]] = []
    stack: list[tuple[str, bool]] = []
    open_count: dict[str, int] = {}
    protecting = 0
    position = 0
    for token in html_tokens.tokens(html):
        if token.start > position and not protecting:
            free.append((position, token.start))
        position = token.end
        if until is not None and position >= until:
            return free
        if token.kind == "start" and token.name not in html_tokens.VOID:
            protects = token.name in _SKIP_ELEMENTS or (
                _LANG_HINT.search(html, token.attributes_at, token.end) is not None
                and any(name == "lang" for name, _ in html_tokens.attributes(html, token)))
            stack.append((token.name, protects))
            open_count[token.name] = open_count.get(token.name, 0) + 1
            protecting += protects
        elif token.kind == "end" and open_count.get(token.name):
            while stack:
                name, protects = stack.pop()
                open_count[name] -= 1
                protecting -= protects
                if name == token.name:
                    break
    if position < len(html) and not protecting:
        free.append((position, len(html)))
    return free


_TAG = re.compile(r"<[^>]*>")


def _without_tags(html: str) -> str:
    """The text with tags taken out (in linear time: only up to the last ">", so no "<" is tried
    against the rest of the text)."""
    last = html.rfind(">") + 1
    return _TAG.sub("", html[:last]) + html[last:]


def mark(html: str, terms: list[dict], page_lang: str, other: str = "sv") -> str:
    """The HTML with every term of the other language wrapped in <span lang="…">.

    Only for English pages today (Swedish is the default language of the site; English words on
    Swedish pages occur in the generated glossary, which marks them itself). The terms are found
    in one pass over the whole HTML; a match inside a tag, code or an element that already states
    its language is left alone. A gloss is data: it is written escaped, as text.
    """
    if page_lang == other:
        return html
    wanted = swedish_terms(terms)
    matches = _find(html, tuple(t["sv"] for t in wanted))
    if not matches:
        return html
    free = free_text(html, until=matches[-1][1])
    starts = [start for start, _ in free]
    glosses = {t["sv"].casefold(): t["gloss"] for t in wanted if t.get("gloss")}
    glossed: set[str] = set()
    out, last = [], 0
    for start, end in matches:
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or free[index][1] < end:
            continue  # inside a tag, code or text that states its language
        word = html[start:end]
        key = word.casefold()
        out += [html[last:start], f'<span lang="{other}">{word}</span>']
        gloss = glosses.get(key)
        if gloss and key not in glossed:
            glossed.add(key)
            following = _without_tags(html[end:end + 200 + len(gloss) * 4])
            if not html_module.unescape(following).lstrip().startswith(f"({gloss}"):
                out.append(f" ({markupsafe.escape(gloss)})")
        last = end
    return "".join(out) + html[last:]
