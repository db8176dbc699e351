"""Where a paragraph of a verbatim source text went missing: told on the file an editor changed.

The source check (content.check_source_on_pages) knows only that a paragraph of a source text in
docs/_data/ no longer stands word for word on the Swedish pages. The editor did not change the
source text (it is an exact copy, not to be edited), but a page or fragment where that paragraph
stood, or a text of the register block that prints a contact line. So each missing paragraph is
looked for among the Swedish texts:

- a text that is nearly the paragraph (most of its words): the paragraph as the editor left it.
  The message stands on that file, at the line of the first word that differs, and says what
  differs;
- otherwise the paragraph was removed: the message stands where it belongs, after the text that
  holds the source's paragraph before it (or before the one after it);
- otherwise (nothing of the source is on the pages) on the source text, as before.

Every message names the source text and the paragraph's line in it. Only the first MAX_LOCATED
missing paragraphs of a run are looked for (a source text that is not on the pages at all is told
on the source); the rest are told on the source text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from styrdok.model import tree
from styrdok.problems import Problem

# A text that holds at least this share of the paragraph's words, in order, is the paragraph, edited.
SIMILAR = 0.6
# A short paragraph (up to SHORT words) this much like a short text, letter by letter, is that text.
SHORT, SHORT_SIMILAR = 5, 0.75
# The texts holding most of a paragraph's words that are compared with it word by word.
CANDIDATES = 5
# Texts compared word by word at most this large (the product of the two lengths in words: the
# comparison's work); longer ones are aligned at their start and read side by side.
COMPARED = 2_000_000
# Words of the source quoted on each side of a difference.
CONTEXT = 4
MAX_LOCATED = 20
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A heading's marks and its {#anchor} or {: attributes } are no words of its text.
_HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+|[ \t]*\{[#:][^{}\n]*\}[ \t]*$")


@dataclass
class Piece:
    """A Swedish text the site shows (a paragraph of a page or fragment, or a contact line of a
    register block), as a reader reads it, word by word, with where each run of words comes from."""

    words: list[str] = field(default_factory=list)
    # (index of the first word, file, line): where the words from that index on are written
    origins: list[tuple[int, str, int | None]] = field(default_factory=list)

    def add(self, words: list[str], file: str, line: int | None) -> None:
        if words:
            self.origins.append((len(self.words), file, line))
            self.words += words

    def origin(self, index: int) -> tuple[str, int | None]:
        found = self.origins[0]
        for origin in self.origins:
            if origin[0] > index:
                break
            found = origin
        return found[1], found[2]

    @property
    def last(self) -> tuple[str, int | None]:
        return self.origin(len(self.words) - 1)


def pieces_of_markdown(text: str, file: str, first_line: int, as_read: Callable[[str], str]) -> list[Piece]:
    """Each paragraph (text between blank lines) of a page body or fragment, read line by line."""
    pieces, start = [], 0
    for end in [*(match.start() for match in _PARAGRAPH_BREAK.finditer(text)), len(text)]:
        piece = Piece()
        number = first_line + text.count("\n", 0, start)
        for offset, line in enumerate(text[start:end].split("\n")):
            piece.add(as_read(_HEADING_MARKS.sub("", line)).split(), file, number + offset)
        if piece.words:
            pieces.append(piece)
        start = end
    return pieces


class Locator:
    """The Swedish texts in reading order (each page with its fragments in place), built on the
    first question, which is only asked when a paragraph is missing."""

    def __init__(self, build: Callable[[], list[Piece]]):
        self._build = build
        self._pieces: list[Piece] | None = None
        self._sets: list[set[str]] = []

    def pieces(self) -> list[Piece]:
        if self._pieces is None:
            self._pieces = self._build()
            self._sets = [set(piece.words) for piece in self._pieces]
        return self._pieces

    def nearest(self, words: list[str]) -> tuple[Piece, float] | None:
        """The text most like the paragraph, and how much of the paragraph it holds in order (0 to 1):
        among the few texts holding the largest share of its words, the one whose words follow the
        paragraph's longest (words a text has before or after the paragraph do not count against it:
        a page paragraph may join two of the source's)."""
        wanted = set(words)
        if not wanted:
            return None
        ranked = sorted(((len(wanted & present) / len(wanted), -abs(len(piece.words) - len(words)), index)
                         for index, (piece, present) in enumerate(zip(self.pieces(), self._sets, strict=True))
                         if piece.words), reverse=True)[:CANDIDATES]
        best, best_share = None, -1.0
        for set_share, _, index in ranked:
            piece = self.pieces()[index]
            if len(words) * len(piece.words) > COMPARED:
                share = set_share  # (word by word would cost the product of the lengths)
            else:
                matcher = difflib.SequenceMatcher(None, words, piece.words, autojunk=False)
                share = sum(block.size for block in matcher.get_matching_blocks()) / len(words)
            if share > best_share:
                best, best_share = piece, share
        return (best, best_share) if best is not None else None

    def holding(self, words: list[str]) -> list[int]:
        """The places (in reading order) of the texts that hold every word of a paragraph."""
        wanted = set(words)
        self.pieces()
        return [index for index, present in enumerate(self._sets) if wanted and wanted <= present]

    def nearest_short(self, words: list[str]) -> Piece | None:
        """For a short paragraph (a heading, a name) whose words were retyped: the short text most
        like it letter by letter, if it is like enough."""
        wanted = " ".join(words)
        best, best_ratio = None, SHORT_SIMILAR
        for piece in self.pieces():
            if not piece.words or len(piece.words) > 2 * len(words) + 3:
                continue
            matcher = difflib.SequenceMatcher(None, wanted, " ".join(piece.words), autojunk=False)
            if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio \
                    and (ratio := matcher.ratio()) > best_ratio:
                best, best_ratio = piece, ratio
        return best

    def gap(self, before: str | None, after: str | None) -> tuple[Piece | None, Piece | None, list[Piece]]:
        """Where a paragraph between two that are on the pages went: (the text that holds the one
        before, the text that holds the one after, the texts between the two in reading order), the
        two nearest each other."""
        pieces = self.pieces()
        firsts = self.holding(before.split()) if before else []
        seconds = self.holding(after.split()) if after else []
        if firsts and seconds:
            pairs = [(second - first, first, second) for first in firsts for second in seconds if second > first]
            if pairs:
                _, first, second = min(pairs)
                return pieces[first], pieces[second], pieces[first + 1:second]
        return (pieces[firsts[0]] if firsts else None), (pieces[seconds[0]] if seconds else None), []


def _difference(wanted: list[str], piece: Piece) -> tuple[int, str, str, str]:
    """(index in the piece of the first difference, the source's words there, the text's words
    there, the source's words around the place): words the text has before or after the whole
    paragraph (a page paragraph that joins two of the source's) are no difference."""
    if len(wanted) * len(piece.words) > COMPARED:
        return _aligned_difference(wanted, piece)
    matcher = difflib.SequenceMatcher(None, wanted, piece.words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "insert" and i1 in (0, len(wanted))):
            continue
        start, end = max(i1 - CONTEXT, 0), min(max(i2, i1 + 1) + CONTEXT, len(wanted))
        around = ("…" if start else "") + " ".join(wanted[start:end]) + ("…" if end < len(wanted) else "")
        return (j1, " ".join(wanted[i1:min(i2, i1 + 6)]), " ".join(piece.words[j1:min(j2, j1 + 6)]), around)
    return 0, "", "", tree.excerpt(" ".join(wanted))


def _aligned_difference(wanted: list[str], piece: Piece) -> tuple[int, str, str, str]:
    """_difference for long texts, in linear time: the paragraph's first words found in the text,
    then both read side by side up to the first word that differs."""
    words, start = piece.words, 0
    head = wanted[:3]
    for index in range(len(words) - len(head) + 1):
        if words[index:index + len(head)] == head:
            start = index
            break
    offset = 0
    while offset < len(wanted) and start + offset < len(words) and wanted[offset] == words[start + offset]:
        offset += 1
    begin, end = max(offset - CONTEXT, 0), min(offset + 1 + CONTEXT, len(wanted))
    around = ("…" if begin else "") + " ".join(wanted[begin:end]) + ("…" if end < len(wanted) else "")
    return (min(start + offset, max(len(words) - 1, 0)), " ".join(wanted[offset:offset + 1]),
            " ".join(words[start + offset:start + offset + 1]), around)


def _said(want: str, got: str) -> tuple[str, str]:
    """What differs, in Swedish and English."""
    if want and got:
        return (f" Här står '{got}' där underlaget har '{want}'.",
                f" Here it says '{got}' where the source has '{want}'.")
    if want:
        return f" Här saknas '{want}'.", f" Here '{want}' is missing."
    if got:
        return (f" Här står '{got}', som inte finns i underlaget.",
                f" Here it says '{got}', which is not in the source.")
    return "", ""


def located_problem(source: str, line: int, wanted: str, locator: Locator,
                    before: str | None, after: str | None) -> Problem | None:
    """The problem told where the editor's change is (see the module's docstring), or None when
    the paragraph cannot be placed. ``before``/``after``: the source's paragraphs around it that
    are on the pages (as read), if any."""
    words = wanted.split()
    found = locator.nearest(words)
    quoted = tree.excerpt(wanted)
    undo_sv = f"Om det var {source} som ändrades: återställ texten där i stället."
    undo_en = f"If it was {source} that changed: restore the text there instead."
    piece = found[0] if found and found[1] >= SIMILAR else None
    if piece is None and len(words) <= SHORT:
        piece = locator.nearest_short(words)
    if piece is not None:
        index, want, got, around = _difference(words, piece)
        file, at = piece.origin(index)
        said_sv, said_en = _said(want, got)
        return Problem(
            file, at,
            f"Texten ska stå ordagrant som i beslutsunderlaget ({source}, rad {line}), men skiljer sig.{said_sv}",
            f"The text must stand word for word as in the source ({source}, line {line}), but differs.{said_en}",
            f"Skriv texten exakt som i underlaget, med skiljetecken och stavfel: '{around}'. {undo_sv}",
            f"Write the text exactly as in the source, punctuation and typos included: '{around}'. {undo_en}")
    previous, following, between = locator.gap(before, after)
    emptied = next((piece for piece in between if not piece.words), None)
    if emptied is not None:
        file, at = emptied.origin(0)
        return Problem(
            file, at,
            f"Textstycket är tomt, men här ska ett stycke ur beslutsunderlaget ({source}, rad {line}) stå "
            f"ordagrant: '{quoted}'.",
            f"The fragment is empty, but a paragraph of the source ({source}, line {line}) belongs here word "
            f"for word: '{quoted}'.",
            f"Skriv in stycket igen, ordagrant som i underlaget. {undo_sv}",
            f"Write the paragraph in again, word for word as in the source. {undo_en}")
    if previous is None and following is None:
        return None
    if previous is not None and following is not None and following.origin(0)[0] != previous.last[0]:
        # Between a fragment and the page that includes it: on the side whose text fills the gap.
        ahead = [piece for piece in between if piece.words and piece.origin(0)[0] == following.origin(0)[0]]
        behind = [piece for piece in between if piece.words and piece.last[0] == previous.last[0]]
        if ahead:
            previous = ahead[-1]
        elif behind:
            following = behind[0]
    if previous is not None and following is not None and following.origin(0)[0] == previous.last[0]:
        file, after_line = previous.last
        at = following.origin(0)[1]
        place_sv, place_en = f"mellan rad {after_line} och rad {at}", f"between line {after_line} and line {at}"
        where_sv, where_en = f"mellan texten på rad {after_line} och texten på rad {at} här", \
            f"between the text on line {after_line} and the text on line {at} here"
    elif previous is not None:
        file, at = previous.last
        place_sv, place_en = f"efter rad {at}", f"after line {at}"
        where_sv, where_en = f"direkt efter texten som slutar på rad {at} här", \
            f"right after the text that ends on line {at} here"
        if following is not None:
            where_sv += f" (och före texten som börjar på rad {following.origin(0)[1]} i {following.origin(0)[0]})"
            where_en += f" (and before the text that starts on line {following.origin(0)[1]} of {following.origin(0)[0]})"
    else:
        file, at = following.origin(0)
        place_sv, place_en = f"före rad {at}", f"before line {at}"
        where_sv, where_en = f"direkt före texten som börjar på rad {at} här", \
            f"right before the text that starts on line {at} here"
    return Problem(
        file, at,
        f"Ett stycke ur beslutsunderlaget ({source}, rad {line}) saknas på de svenska sidorna. I underlaget "
        f"kommer det {where_sv}: '{quoted}'.",
        f"A paragraph of the source ({source}, line {line}) is missing from the Swedish pages. In the source "
        f"it comes {where_en}: '{quoted}'.",
        f"Skriv in stycket {place_sv}, ordagrant som i underlaget. {undo_sv}",
        f"Write the paragraph {place_en}, word for word as in the source. {undo_en}")
