"""A redline between two versions of a page's Markdown: the newer text, with words added and removed
marked in CriticMarkup (``{++ ++}``, ``{-- --}``), which pymdownx.critic turns into ``<ins>`` and
``<del>``. Only the redline's renderer enables critic (render/history.py): on every other page
``{++`` stays text.

A mark must never cut through Markdown's structure, or the HTML would come out mis-nested or the
structure would be lost (critic runs before Markdown reads the text). So the texts are compared in
two steps: first by blocks (a paragraph, a heading, a list item, a table row: the structure of a
line's start is never inside a mark), then by words inside two blocks of the same kind. Markup
inside a block (links' targets, emphasis marks, table pipes, attribute lists, HTML) is never
marked: the newer version's is kept as it is and the older's is left out, so only words are
marked, and a change of markup alone is shown as it now is. Code blocks are shown as they now are.
Literal critic markup in either text is written with a character reference (``&#123;``), so it
stays text here too.
"""

from __future__ import annotations

import difflib
import re

# The start of a line that is Markdown's structure, never inside a mark: a heading's #s, a list
# marker (with a task box), a quote's >, a table row's leading pipe, indentation.
_PREFIX = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+|>[ \t]?|\|)?")
# A line that starts a block of its own (not the continuation of a paragraph).
_BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\||!!!|\?\?\?|<!--|`{3,}|~{3,}|\{:|\*\*\*+[ \t]*$|---+[ \t]*$)")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
# Tokens of a block's text. Structure (never marked): a link's target "](…)", an attribute list
# "{…}", an HTML tag or autolink "<…>", the characters that open or close emphasis, links, images,
# code and table cells. Text (marked): words, escapes, character references, code spans, spaces,
# other punctuation. Critic's own openers ("{" before ++, --, ~~, == or >>) are tokens of their own,
# written as a character reference wherever they stand.
_TOKEN = re.compile(r"""
    (?P<opener>\{(?=\+\+|--|~~|==|>>))
  | (?P<structure>\]\([^)\n]*\)|\{[:#.][^}\n]*\}|<[^<>\n]+>|!\[|[\[\]*_|])
  | (?P<code>`+[^`]*?`+)
  | (?P<escape>\\.)
  | (?P<entity>&\#?\w+;)
  | (?P<space>\s+)
  | (?P<word>\w+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def _fence_closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and set(stripped) == {fence[0]} and len(stripped) >= len(fence)


# A table's delimiter row (|---|:--:|) and a thematic break: structure through and through.
_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$|[ \t]*([-*_])([ \t]*\2){2,}[ \t]*$")


def _blocks(text: str) -> list[tuple[str, str, bool]]:
    """(the line breaks before it, its text, shown as it is) for each block of a Markdown text: a
    paragraph (its lines), a heading, a list item, a table row; each line of a code block, a
    table's delimiter row and a thematic break are shown as they are (never marked)."""
    blocks: list[list] = []
    blank, fence, current = 0, None, None
    for line in text.split("\n"):
        separator = "\n" * (blank + 1) if blocks else ""
        if fence is not None:
            blocks.append([separator, [line], True])
            blank, current = 0, None
            if _fence_closes(line, fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            blocks.append([separator, [line], True])
            blank, current = 0, None
            continue
        if not line.strip():
            blank += 1
            current = None
            continue
        if current is not None and not _BLOCK_START.match(line) and not _RULE.match(line):
            blocks[current][1].append(line)
            continue
        blocks.append([separator, [line], bool(_RULE.match(line))])
        blank, current = 0, (None if _RULE.match(line) else len(blocks) - 1)
    return [(separator, "\n".join(lines), fixed) for separator, lines, fixed in blocks]


def _prefix(block: str) -> tuple[str, str]:
    match = _PREFIX.match(block)
    return block[:match.end()], block[match.end():]


def _kind(prefix: str) -> str:
    """The kind of a block by its prefix: a heading of its level, a list item, a quote, a row, text."""
    stripped = prefix.strip()
    if stripped.startswith("#"):
        return stripped
    if stripped[:1] in "-*+" and stripped:
        return "item"
    if stripped[:1].isdigit():
        return "numbered"
    return stripped or "text"


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(match.lastgroup, match.group()) for match in _TOKEN.finditer(text)]


def _text(token: tuple[str, str]) -> str:
    """A token as the redline writes it: critic's own openers as a character reference (text)."""
    return "&#123;" if token[0] == "opener" else token[1]


def _mark(kind: str, tokens: list[tuple[str, str]]) -> str:
    """Tokens inside one mark (``++`` or ``--``), with white space at the edges left outside, and
    structure left out of a deletion (its text is gone) or outside an insertion."""
    out, run = [], []

    def flush():
        if not run:
            return
        start = 0
        while start < len(run) and run[start][0] == "space":
            start += 1
        end = len(run)
        while end > start and run[end - 1][0] == "space":
            end -= 1
        out.append("".join(_text(t) for t in run[:start]))
        if end > start:
            out.append("{" + kind + "".join(_text(t) for t in run[start:end]) + kind + "}")
        out.append("".join(_text(t) for t in run[end:]))
        run.clear()

    for token in tokens:
        if token[0] == "structure":
            flush()
            if kind == "++":
                out.append(token[1])
        else:
            run.append(token)
    flush()
    return "".join(out)


# Comparing two blocks word by word costs up to the product of their numbers of words: past this,
# the older block is shown removed and the newer added (a paragraph of a few thousand words each).
WORD_PAIRS = 4_000_000


def _words(old: str, new: str) -> tuple[str, bool]:
    """The newer block with the words that differ from the older one marked; and whether any did."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    if len(old_tokens) * len(new_tokens) > WORD_PAIRS:
        return _mark("--", old_tokens) + " " + _mark("++", new_tokens), True
    matcher = difflib.SequenceMatcher(None, [t[1] for t in old_tokens], [t[1] for t in new_tokens], autojunk=False)
    out, changed = [], False
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append("".join(_text(t) for t in new_tokens[j1:j2]))
            continue
        removed = [t for t in old_tokens[i1:i2]]
        added = [t for t in new_tokens[j1:j2]]
        changed = changed or any(t[0] != "space" and t[0] != "structure" for t in removed + added)
        out.append(_mark("--", removed) + _mark("++", added))
    return "".join(out), changed


_ATTRIBUTES = re.compile(r"[ \t]*\{[:#.][^}\n]*\}")


def _removed(block: str) -> str:
    """A block that is gone, marked as removed; its attribute lists left out (an id of a heading
    that is gone would stand twice on the page)."""
    prefix, rest = _prefix(_ATTRIBUTES.sub("", block))
    return prefix + _mark("--", _tokens(rest))


def _added(block: str) -> str:
    prefix, rest = _prefix(block)
    return prefix + _mark("++", _tokens(rest))


def redline(old: str, new: str) -> tuple[str, bool]:
    """The newer text with what changed since the older marked, and whether any word changed."""
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    # (autojunk: a block repeated many times, such as a table's rows of dashes, anchors nothing, so
    # that texts of thousands of blocks cost little more than their length.)
    matcher = difflib.SequenceMatcher(None, [(b[1], b[2]) for b in old_blocks], [(b[1], b[2]) for b in new_blocks])
    out: list[str] = []
    changed = False

    def emit(separator: str, text: str):
        out.append((separator if out else "") + text)

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for separator, text, code in new_blocks[j1:j2]:
                emit(separator, text if code else "".join(_text(t) for t in _tokens(text)))
            continue
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for (_, old_text, old_code), (separator, new_text, new_code) in zip(olds[:paired], news[:paired], strict=True):
            old_prefix, old_rest = _prefix(old_text)
            new_prefix, new_rest = _prefix(new_text)
            if old_code or new_code:
                emit(separator, new_text)  # code is shown as it is now (critic would read inside it)
                changed = changed or old_text.split() != new_text.split()
            elif _kind(old_prefix) == _kind(new_prefix):
                text, words_changed = _words(old_rest, new_rest)
                emit(separator, new_prefix + text)
                changed = changed or words_changed
            else:
                emit(separator, _removed(old_text))
                emit(separator, _added(new_text))
                changed = True
        for separator, text, code in olds[paired:]:
            if not code:
                emit(separator or "\n\n", _removed(text))
                changed = changed or bool(text.split())
        for separator, text, code in news[paired:]:
            emit(separator, text if code else _added(text))
            changed = changed or bool(text.split())
    return "".join(out), changed
