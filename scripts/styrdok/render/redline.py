"""A redline between two versions of a page's Markdown: the newer text, with words added and removed
marked in CriticMarkup (``{++ ++}``, ``{-- --}``), which pymdownx.critic turns into ``<ins>`` and
``<del>``. Only the redline's renderer enables critic (render/history.py): on every other page
``{++`` stays text.

A mark must never cut through Markdown's structure, or the HTML would come out mis-nested or the
structure would be lost (critic runs before Markdown reads the text). So the texts are compared in
three steps: first by Markdown's blocks (a paragraph, a whole list, a whole table, a quote, a
heading, a code block: ``_groups``); two changed blocks of the same kind are then compared by their
lines (a list's items, a table's rows: the structure of a line's start is never inside a mark), then
by words inside two lines of the same kind. A block that is gone or new is marked whole and stands
between blank lines, so it never becomes rows of the table or items of the list beside it. Markup
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


def _mark(kind: str, tokens: list[tuple[str, str]], keep: frozenset = frozenset()) -> str:
    """Tokens inside one mark (``++`` or ``--``), with white space at the edges left outside, and
    structure left out of a deletion (its text is gone, except the structure in ``keep``: a removed
    table's pipes) or outside an insertion."""
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
            if kind == "++" or token[1] in keep:
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


# --- blocks of the whole text: what a mark never crosses ------------------------------------------------

# A heading line (ATX), which ends its block at the line's end.
_HEADING_LINE = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
# The kind of a whole block by its first line: two blocks are compared word by word only if they
# are of the same kind (a table with a table, a list with a list, …); otherwise the older is removed
# and the newer added, each a block of its own.
_GROUP_KINDS = (
    ("code", re.compile(r"[ \t]*(`{3,}|~{3,})")),
    ("heading", _HEADING_LINE),
    ("table", re.compile(r"[ \t]*\|")),
    ("item", re.compile(r"[ \t]*[-*+][ \t]")),
    ("numbered", re.compile(r"[ \t]*\d{1,9}[.)][ \t]")),
    ("quote", re.compile(r"[ \t]*>")),
    ("admonition", re.compile(r"[ \t]*(?:!!!|\?\?\?)")),
    ("html", re.compile(r"[ \t]*<")),
    ("indented", re.compile(r"(?:    |\t)")),  # (four spaces or a tab: an indented code block)
)


def _group_kind(text: str) -> str:
    first = text.split("\n", 1)[0]
    for kind, pattern in _GROUP_KINDS:
        if pattern.match(first):
            return kind + (first.strip().split()[0] if kind == "heading" else "")
    # A table without leading pipes: its second line is the delimiter row.
    lines = text.split("\n")
    if len(lines) > 1 and "|" in lines[1] and _RULE.match(lines[1]):
        return "table"
    return "text"


def _groups(text: str) -> list[tuple[str, str, bool]]:
    """(the line breaks before it, its text, a code block) for each block of a Markdown text as
    Markdown reads it: lines between blank lines (a paragraph, a whole list, a whole table, a
    quote), a heading line, a fenced code block (blank lines and all)."""
    groups: list[list] = []
    blank, fence, open_group = 0, None, False
    for line in text.split("\n"):
        separator = "\n" * (blank + 1) if groups else ""
        if fence is not None:
            groups[-1][1].append(line)
            if _fence_closes(line, fence):
                fence, open_group = None, False
            continue
        if not line.strip():
            blank += 1
            open_group = False
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            groups.append([separator, [line], True])
        elif _HEADING_LINE.match(line):
            groups.append([separator, [line], False])
            open_group = False
            blank = 0
            continue
        elif open_group:
            groups[-1][1].append(line)
            continue
        else:
            groups.append([separator, [line], False])
        blank, open_group = 0, fence is None
    return [(separator, "\n".join(lines), code) for separator, lines, code in groups]


_ATTRIBUTES = re.compile(r"[ \t]*\{[:#.][^}\n]*\}")


def _removed(block: str, keep: frozenset = frozenset()) -> str:
    """A block that is gone, marked as removed; its attribute lists left out (an id of a heading
    that is gone would stand twice on the page)."""
    prefix, rest = _prefix(_ATTRIBUTES.sub("", block))
    return prefix + _mark("--", _tokens(rest), keep)


def _added(block: str) -> str:
    prefix, rest = _prefix(block)
    return prefix + _mark("++", _tokens(rest))


def _removed_group(text: str, kind: str) -> str:
    """A whole block that is gone, marked as removed: a table stays a table (its pipes and its
    delimiter row kept, each cell's words marked), a list a list."""
    table = kind == "table"
    lines = [(block if table else None) if fixed else _removed(block, _PIPES if table else frozenset())
             for _, block, fixed in _blocks(text)]
    return "\n".join(line for line in lines if line is not None)


def _added_group(text: str) -> str:
    return "\n".join(block if fixed else _added(block) for _, block, fixed in _blocks(text))


_PIPES = frozenset({"|"})


def _within(old: str, new: str) -> tuple[str, bool]:
    """Two blocks of the same kind (a paragraph, a list, a table, a quote, …) compared line by line
    inside them (a list's items, a table's rows), then word by word: what is marked stays inside
    the block, a table's pipes and a list's markers outside every mark."""
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    matcher = difflib.SequenceMatcher(None, [(b[1], b[2]) for b in old_blocks], [(b[1], b[2]) for b in new_blocks])
    out: list[str] = []
    changed = False
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [text if code else "".join(_text(t) for t in _tokens(text)) for _, text, code in new_blocks[j1:j2]]
            continue
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for (_, old_text, old_code), (_, new_text, new_code) in zip(olds[:paired], news[:paired], strict=True):
            old_prefix, old_rest = _prefix(old_text)
            new_prefix, new_rest = _prefix(new_text)
            if old_code or new_code:
                out.append(new_text)  # code is shown as it is now (critic would read inside it)
                changed = changed or old_text.split() != new_text.split()
            elif _kind(old_prefix) == _kind(new_prefix):
                text, words_changed = _words(old_rest, new_rest)
                out.append(new_prefix + text)
                changed = changed or words_changed
            else:
                out += [_removed(old_text), _added(new_text)]
                changed = True
        for _, text, code in olds[paired:]:
            if not code:
                out.append(_removed(text))
                changed = changed or bool(text.split())
        for _, text, code in news[paired:]:
            out.append(text if code else _added(text))
            changed = changed or bool(text.split())
    return "\n".join(out), changed


# Pairing the blocks of one changed stretch by kind costs up to the product of their numbers: past
# this, the older blocks are shown removed and the newer added.
KIND_PAIRS = 250_000


def _pairs(old_kinds: list[str], new_kinds: list[str]) -> list[tuple]:
    if old_kinds == new_kinds:
        return [("equal", 0, len(old_kinds), 0, len(new_kinds))]
    if len(old_kinds) * len(new_kinds) > KIND_PAIRS:
        return [("replace", 0, len(old_kinds), 0, len(new_kinds))]
    return difflib.SequenceMatcher(None, old_kinds, new_kinds, autojunk=False).get_opcodes()


def redline(old: str, new: str) -> tuple[str, bool]:
    """The newer text with what changed since the older marked, and whether any word changed.

    The texts are compared block by block (Markdown's blocks: a paragraph, a whole list, a whole
    table, a quote, a heading, a code block). Two blocks of the same kind are compared inside
    (``_within``); a block that is gone or new is marked whole and stands as a block of its own,
    between blank lines, so that it never joins the table, list or paragraph beside it."""
    old_groups, new_groups = _groups(old), _groups(new)
    # (autojunk: a block repeated many times anchors nothing, so that texts of thousands of blocks
    # cost little more than their length.)
    matcher = difflib.SequenceMatcher(None, [(g[1], g[2]) for g in old_groups], [(g[1], g[2]) for g in new_groups])
    out: list[str] = []
    changed = False
    alone = False   # whether the block written last was one that is gone or new

    def emit(separator: str, text: str, whole: bool = False):
        nonlocal alone
        if out:
            out.append(separator if separator.count("\n") >= 2 or not (whole or alone) else "\n\n")
        out.append(text)
        alone = whole

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for separator, text, code in new_groups[j1:j2]:
                emit(separator, text if code else "".join(_text(t) for t in _tokens(text)))
            continue
        olds, news = old_groups[i1:i2], new_groups[j1:j2]
        kinds = _pairs([_group_kind(g[1]) for g in olds], [_group_kind(g[1]) for g in news])
        for kind_op, a1, a2, b1, b2 in kinds:
            if kind_op == "equal":
                for (_, old_text, code), (separator, new_text, _) in zip(olds[a1:a2], news[b1:b2], strict=True):
                    if code:
                        emit(separator, new_text)  # code is shown as it is now (critic would read inside it)
                        changed = changed or old_text.split() != new_text.split()
                    else:
                        text, words_changed = _within(old_text, new_text)
                        emit(separator, text)
                        changed = changed or words_changed
                continue
            for _, text, code in olds[a1:a2]:
                changed = changed or bool(text.split())
                if not code and (marked := _removed_group(text, _group_kind(text))):
                    emit("\n\n", marked, whole=True)
            for separator, text, code in news[b1:b2]:
                changed = changed or bool(text.split())
                emit(separator, text if code else _added_group(text), whole=True)
    return "".join(out), changed
