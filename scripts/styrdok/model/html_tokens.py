"""Where tags and comments begin and end in a text, as a browser's tokenizer reads them, in linear time.

Two checks read text for tags without building a tree, and both must end a tag or a comment
where a browser ends it: the source check (safety.py, over the Markdown) and the language marking
(render/language_marking.py, over the written article). Python's html.parser does neither: it reads ``<!-->`` as
an unclosed comment, treats only script and style as raw text, and takes quadratic time on
unclosed tags (``<a <a <a …``: minutes for a page). This follows the WHATWG tokenizer for what
decides where a token ends:

- a start or end tag is ``<`` or ``</`` and an ASCII letter, then attributes (quoted values may hold
  ``>``), up to ``>``; a tag still open at the end of the text swallows the rest, as in a browser;
- a comment is ``<!--`` up to ``-->`` or ``--!>``; ``<!-->`` and ``<!--->`` are whole comments;
- ``<!…>``, ``<?…>`` and ``</`` followed by anything but a letter are bogus comments up to ``>``;
- the text of script, style, xmp, iframe, noembed, noframes, noscript (a browser runs scripts),
  textarea and title runs to the matching end tag, plaintext to the end.

Not modelled (each refused in content by the checks of the output, published.py): the escape states
inside a script (``<!--<script>``), foreign content (svg, math: CDATA sections), the insertion
modes that close or move elements (those change the tree, not where tokens end).

Every pattern is possessive (nothing is tried twice) and each scan continues where the last
token ended, so the work is linear in the text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

_WS = "\t\n\f\r "
_NAME = r"[^\t\n\f\r />][^\t\n\f\r />=]*+"
# After "=": a quoted value (to its quote), nothing before ">", or an unquoted value.
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|(?=>)|[^\t\n\f\r >"'][^\t\n\f\r >]*+)"""
# An attribute: a name, then a value after "=", or no "=" at all. A quote that is never closed
# makes the whole tag fail, as "end of file in tag" does in a browser.
_ATTRIBUTE = rf"{_NAME}(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_VALUE}|(?![\t\n\f\r ]*+=))"
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*+")
_TAG_REST = re.compile(rf"(?:[\t\n\f\r /]++|{_ATTRIBUTE})*+>")
_ONE_ATTRIBUTE = re.compile(rf"[\t\n\f\r /]*+({_NAME})(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+({_VALUE}))?")
_COMMENT_END = re.compile(r"--!?>")

RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea",
                      "title"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr", "param", "keygen", "frame", "basefont", "bgsound"})


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of the text that is not text: ``kind`` is start, end, comment, doctype, raw (the
    text inside a raw-text element) or open (a tag never closed: it and the rest of the text)."""

    kind: str
    start: int
    end: int
    name: str = ""          # a tag's name, in small letters
    attributes_at: int = 0  # where a start tag's attributes begin


@functools.lru_cache(maxsize=32)
def _end_tag(name: str) -> re.Pattern:
    return re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE)


def tokens(text: str) -> Iterator[Token]:
    """Every tag, comment, doctype and raw text in order; what lies between them is text."""
    position, length = 0, len(text)
    while True:
        lt = text.find("<", position)
        if lt < 0 or lt + 1 >= length:
            return
        following = text[lt + 1]
        if following.isascii() and following.isalpha() or (
                following == "/" and lt + 2 < length and text[lt + 2].isascii() and text[lt + 2].isalpha()):
            end_tag = following == "/"
            name = _TAG_NAME.match(text, lt + 2 if end_tag else lt + 1)
            rest = _TAG_REST.match(text, name.end())
            tag = name.group().lower()
            if rest is None:
                yield Token("open", lt, length, tag)
                return
            yield Token("end" if end_tag else "start", lt, rest.end(), tag, name.end())
            position = rest.end()
            if not end_tag and (tag in RAW_TEXT or tag == "plaintext"):
                close = _end_tag(tag).search(text, position) if tag != "plaintext" else None
                stop = close.start() if close else length
                if stop > position:
                    yield Token("raw", position, stop, tag)
                if close is None:
                    return
                position = stop
        elif following == "!" and text.startswith("<!--", lt):
            after = lt + 4
            if text.startswith(">", after):
                end = after + 1
            elif text.startswith("->", after):
                end = after + 2
            else:
                close = _COMMENT_END.search(text, after)
                end = close.end() if close else length
            yield Token("comment", lt, end)
            position = end
        elif following in "!?/":
            if following == "/" and lt + 2 >= length:
                return  # "</" at the very end is text
            if following == "/" and text[lt + 2] == ">":
                position = lt + 3  # "</>" is dropped
                continue
            close = text.find(">", lt + 2)
            end = close + 1 if close >= 0 else length
            doctype = following == "!" and text[lt + 2:lt + 9].lower() == "doctype"
            yield Token("doctype" if doctype else "comment", lt, end)
            position = end
        else:
            position = lt + 1  # "<" followed by anything else is text


def attributes(text: str, token: Token) -> list[tuple[str, str]]:
    """(name in small letters, value with character references decoded) of a start tag, in order."""
    found = []
    for match in _ONE_ATTRIBUTE.finditer(text, token.attributes_at, token.end):
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((match.group(1).lower(), html.unescape(value)))
    return found
