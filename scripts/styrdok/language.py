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
import itertools
import re

_TAG = re.compile(r"<[^>]*>")


def swedish_terms(terms: list[dict]) -> list[dict]:
    """Terms that are Swedish words when they stand in English text: those translated otherwise,
    and Swedish names kept as they are (kept: true)."""
    return [t for t in terms if t["sv"].casefold() != t["en"].casefold() or t.get("kept")]


@functools.lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...], ignore_case: bool) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w if ignore_case else w.lower())
                            for w in sorted(set(words), key=len, reverse=True))
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


_SKIP_ELEMENT = re.compile(r"<(code|pre|script|style|title|textarea)\b[^>]*>.*?</\1>", re.DOTALL | re.IGNORECASE)
_LANG_ELEMENT = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\slang=[^>]*>.*?</\1>", re.DOTALL)


def mark(html: str, terms: list[dict], page_lang: str, other: str = "sv") -> str:
    """The HTML with every term of the other language wrapped in <span lang="…">.

    Only for English pages today (Swedish is the default language of the site; English words on
    Swedish pages occur in the generated glossary, which marks them itself). The terms are found
    in one pass over the whole HTML; a match inside a tag, code or an element that already states
    its language is left alone.
    """
    if page_lang == other:
        return html
    wanted = swedish_terms(terms)
    matches = _find(html, tuple(t["sv"] for t in wanted))
    if not matches:
        return html
    protected = sorted([m.span() for m in _TAG.finditer(html)] + [m.span() for m in _SKIP_ELEMENT.finditer(html)]
                       + [m.span() for m in _LANG_ELEMENT.finditer(html)])
    starts = [start for start, _ in protected]
    reach = list(itertools.accumulate((end for _, end in protected), max))  # furthest end so far
    glosses = {t["sv"].casefold(): t["gloss"] for t in wanted if t.get("gloss")}
    glossed: set[str] = set()
    out, last = [], 0
    for start, end in matches:
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and reach[index] > start:
            continue  # inside a tag, code or text that states its language
        word = html[start:end]
        key = word.casefold()
        out += [html[last:start], f'<span lang="{other}">{word}</span>']
        gloss = glosses.get(key)
        if gloss and key not in glossed:
            glossed.add(key)
            following = re.sub(r"<[^>]*>", "", html[end:end + 200 + len(gloss) * 4])
            if not html_module.unescape(following).lstrip().startswith(f"({gloss}"):
                out.append(f" ({gloss})")
        last = end
    return "".join(out) + html[last:]
