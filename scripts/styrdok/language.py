"""Language of parts (WCAG 3.1.2): words of the other language carry their own lang attribute.

Editors never write these spans. The terminology (docs/_data/terminology.yml) says which words
are Swedish: on an English page, each Swedish term is marked lang="sv" wherever it stands in
the article, and a Swedish name with an English gloss gets the gloss after its first use if the
text does not already give it. The glossary marks its own other-language column
(terminology.glossary_markdown).
"""

from __future__ import annotations

import functools
import html as html_module
import re

# Elements whose text is not prose (or is already in a stated language) are left alone.
_SKIP = {"code", "pre", "script", "style", "title", "textarea"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"}
_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"^</?([a-zA-Z][a-zA-Z0-9-]*)")


def swedish_terms(terms: list[dict]) -> list[dict]:
    """Terms that are Swedish words when they stand in English text: those translated otherwise,
    and Swedish names kept as they are (kept: true)."""
    return [t for t in terms if t["sv"].casefold() != t["en"].casefold() or t.get("kept")]


@functools.lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)


def mark(html: str, terms: list[dict], page_lang: str, other: str = "sv") -> str:
    """The HTML with every term of the other language wrapped in <span lang="…">.

    Only for English pages today (Swedish is the default language of the site; English words on
    Swedish pages occur in the generated glossary, which marks them itself).
    """
    if page_lang == other:
        return html
    wanted = swedish_terms(terms)
    pattern = _pattern(tuple(t["sv"] for t in wanted))
    if pattern is None or not pattern.search(html):
        return html
    glosses = {t["sv"].casefold(): t["gloss"] for t in wanted if t.get("gloss")}
    glossed: set[str] = set()
    out, stack = [], []
    parts = _TAG.split(html)
    for index, part in enumerate(parts):
        if part.startswith("<"):
            out.append(part)
            match = _NAME.match(part)
            if not match or part.startswith("<!"):
                continue
            name = match.group(1).lower()
            if part.startswith("</"):
                while stack and stack.pop()[0] != name:
                    pass
            elif name not in _VOID and not part.endswith("/>"):
                stack.append((name, " lang=" in part or name in _SKIP))
            continue
        if not part or any(skip for _, skip in stack):
            out.append(part)
            continue
        following = parts[index + 1:index + 3]
        out.append(_wrap(part, pattern, glosses, glossed, other, "".join(following)))
    return "".join(out)


def _wrap(text, pattern, glosses, glossed, lang, after_text) -> str:
    def replace(match):
        word = match.group(1)
        key = word.casefold()
        result = f'<span lang="{lang}">{word}</span>'
        gloss = glosses.get(key)
        if gloss and key not in glossed:
            glossed.add(key)
            rest = html_module.unescape(text[match.end():] or after_text)
            if not rest.lstrip().startswith(f"({gloss}"):
                result += f" ({gloss})"
        return result
    return pattern.sub(replace, text)
