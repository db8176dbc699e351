"""Swedish compound words split into their parts for the search index; the page text never changes.

Swedish writes compounds as one word (*livskvalitet*), so a reader who searches for a part
(*kvalitet*) finds nothing in a word index. Like Lucene's dictionary compound-word filter, the
index keeps the whole word and gets its parts too.

The word list is Debian's Swedish Hunspell dictionary (package hunspell-sv, from LibreOffice's
"Den stora svenska ordlistan"), kept in this package (data/hunspell/, with its licence and
origin) so that the build needs nothing but pip, on any system; the spelling check reads the same
files. Its flags say which words may begin (X), sit inside (U) or end (Y) a compound, and its
suffix rules give the inflected forms of the last part (*fördelningen*). A part may be followed
by the linking *s* (*verksamhet-s-nivå*). The split with the fewest parts wins; names (words the
dictionary writes with a capital) are never split.

Editors correct the splitter in docs/_data/sammansattningar.yml (load_corrections): words to
split by hand, and words to keep whole.

How the parts reach the index: the copy of a page handed to Pagefind gets MARK between the parts
(``verksamhet~s~nivå``). Pagefind indexes a word with punctuation inside both as the whole word
and as each part of two letters or more; the search script removes MARK from the excerpts, so
the reader sees the word as written, highlighted whole.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from styrdok.model import yamlfile
from styrdok.problems import ContentError, Problem

DICTIONARY = Path(__file__).parents[1] / "data" / "hunspell" / "sv_SE"  # .dic and .aff (data/hunspell/README.md)
FILE = "_data/sammansattningar.yml"
MARK = "~"
MIN_WORD = 6     # shorter words are not split
MAX_WORD = 40    # nor longer ones: no Swedish word is that long, and the work stays bounded
MIN_PART = 3     # no part shorter than this (the linking s aside)
MAX_PARTS = 4

_BEGIN, _MIDDLE, _END, _ONLY_IN_COMPOUND = "X", "U", "Y", "Z"
_WORD = re.compile(r"[^\W\d_]+")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


@dataclass
class Lexicon:
    """What the splitter needs of the dictionary."""

    flags: dict[str, str] = field(default_factory=dict)    # lower-case stem → its flags
    names: set[str] = field(default_factory=set)           # words written with a capital (lower-cased)
    suffixes: dict[str, list] = field(default_factory=dict)  # added ending → [(flag, stripped, condition)]
    longest_suffix: int = 0


@functools.lru_cache(maxsize=2)
def load_lexicon(base: Path = DICTIONARY) -> Lexicon:
    """Read the Hunspell .dic and .aff (about 0.1 s; done once per process)."""
    lexicon = Lexicon()
    with open(base.with_suffix(".dic"), encoding="utf-8") as dic:
        next(dic)  # the number of entries
        for line in dic:
            word, _, flags = line.rstrip("\n").partition("/")
            if not word.isalpha():
                continue
            lower = word.lower()
            if word[0].isupper():
                lexicon.names.add(lower)
            elif flags:
                lexicon.flags[lower] = lexicon.flags.get(lower, "") + flags
    with open(base.with_suffix(".aff"), encoding="utf-8") as aff:
        for line in aff:
            parts = line.split()
            if len(parts) >= 5 and parts[0] == "SFX":
                flag, stripped, added, condition = parts[1], parts[2], parts[3].split("/")[0], parts[4]
                added = "" if added == "0" else added
                stripped = "" if stripped == "0" else stripped
                lexicon.suffixes.setdefault(added, []).append((flag, stripped, re.compile(f"(?:{condition})$")))
    lexicon.longest_suffix = max(map(len, lexicon.suffixes), default=0)
    return lexicon


@dataclass(frozen=True)
class Corrections:
    """The editors' corrections: (word, boundaries) pairs to split by hand, and words never split."""

    split: tuple = ()
    keep_whole: frozenset = frozenset()


class Splitter:
    def __init__(self, lexicon: Lexicon, corrections: Corrections = Corrections()):
        self.lexicon = lexicon
        self.split_by_hand = dict(corrections.split)
        self.keep_whole = corrections.keep_whole
        self._cache: dict[str, tuple[int, ...]] = {}

    # --- one word ---------------------------------------------------------------------------------

    def _may(self, form: str, wanted: str) -> bool:
        return any(flag in self.lexicon.flags.get(form, "") for flag in wanted)

    def _begins(self, form: str) -> bool:
        return len(form) >= MIN_PART and self._may(form, _BEGIN + _MIDDLE + _END + _ONLY_IN_COMPOUND)

    def _ends(self, form: str) -> bool:
        """The form is a word that may end a compound, as written or inflected by a suffix rule."""
        if len(form) < MIN_PART:
            return False
        if self._may(form, _END):
            return True
        for length in range(1, min(self.lexicon.longest_suffix, len(form) - 1) + 1):
            for flag, stripped, condition in self.lexicon.suffixes.get(form[-length:], ()):
                stem = form[:-length] + stripped
                flags = self.lexicon.flags.get(stem, "")
                if flag in flags and _END in flags and condition.search(stem):
                    return True
        return False

    def boundaries(self, word: str) -> tuple[int, ...]:
        """Where the word splits (positions in it), best split first; () if it is not split."""
        lower = word.lower()
        if len(lower) != len(word):
            return ()
        if lower not in self._cache:
            self._cache[lower] = self._boundaries(lower)
        return self._cache[lower]

    def _boundaries(self, word: str) -> tuple[int, ...]:
        if word in self.split_by_hand:
            return self.split_by_hand[word]
        if (not MIN_WORD <= len(word) <= MAX_WORD or word in self.keep_whole or word in self.lexicon.names
                or word.rstrip("s") in self.lexicon.names):
            return ()
        n = len(word)
        # best[i]: the fewest parts that make up word[:i] as compound beginnings, and their cuts.
        best: dict[int, tuple[int, tuple[int, ...]]] = {0: (0, ())}
        for i in range(MIN_PART, n - MIN_PART + 1):
            for j in list(best):
                if j >= i or best[j][0] >= MAX_PARTS - 1:
                    continue
                form = word[j:i]
                if self._begins(form):
                    self._keep(best, i, best[j][0] + 1, best[j][1] + ((j,) if j else ()))
                # the linking s: *verksamhet* + s + *nivå*
                if form.endswith("s") and self._begins(form[:-1]):
                    self._keep(best, i, best[j][0] + 1, best[j][1] + ((j,) if j else ()) + (i - 1,))
        chosen = None
        for i, (count, cuts) in best.items():
            if i and self._ends(word[i:]):
                candidate = (count + 1, -(n - i), cuts + (i,))
                if chosen is None or candidate < chosen:
                    chosen = candidate
        return chosen[2] if chosen else ()

    @staticmethod
    def _keep(best: dict, i: int, count: int, cuts: tuple[int, ...]) -> None:
        if i not in best or (count, len(cuts)) < (best[i][0], len(best[i][1])):
            best[i] = (count, cuts)

    def parts(self, word: str) -> list[str]:
        """The word's parts as written (the linking s is a part of its own); [] if not split."""
        cuts = self.boundaries(word)
        if not cuts:
            return []
        edges = (0, *cuts, len(word))
        return [word[a:b] for a, b in zip(edges, edges[1:], strict=False)]

    # --- text -------------------------------------------------------------------------------------

    def mark_word(self, word: str) -> str:
        parts = self.parts(word)
        return MARK.join(parts) if parts else word

    def mark_text(self, text: str) -> str:
        return _WORD.sub(lambda m: self.mark_word(m.group()) if MIN_WORD <= len(m.group()) <= MAX_WORD
                         else m.group(), text)

    def mark_html(self, html: str) -> str:
        """MARK between the parts of every compound in the text of an HTML fragment (not in tags)."""
        # Split only up to the last ">", so that every "<" tried finds its end (linear); the rest is text.
        last = html.rfind(">") + 1
        pieces = _TAG_OR_TEXT.split(html[:last])
        pieces[-1] += html[last:]
        for index in range(0, len(pieces), 2):  # even pieces are text, odd ones tags
            pieces[index] = self.mark_text(pieces[index])
        return "".join(pieces)


@functools.lru_cache(maxsize=2)
def splitter(corrections: Corrections = Corrections(), base: Path = DICTIONARY) -> Splitter:
    """The splitter of one process for these corrections (its cache of words kept between pages)."""
    return Splitter(load_lexicon(base), corrections)


def unmark(text: str) -> str:
    """The text as written: MARK removed between letters (as the search script does)."""
    return re.sub(rf"(?<=[^\W\d_]){re.escape(MARK)}(?=[^\W\d_])", "", text)


# --- the editors' corrections ---------------------------------------------------------------------

_PIECES = re.compile(r"^[^\W\d_]+(\|[^\W\d_]+)+$")


def load_corrections(path: Path, file: str = f"docs/{FILE}") -> Corrections:
    """docs/_data/sammansattningar.yml: ``split:`` words written with | where they split, and
    ``keep_whole:`` words never split. Raise ContentError naming the line of each mistake."""
    if not path.is_file():
        return Corrections()
    data = yamlfile.load(path, file)
    if data is None:
        return Corrections()
    problems = []
    if not isinstance(data, dict) or set(data) - {"split", "keep_whole"}:
        raise ContentError([Problem(
            file, 1, "Filen får bara ha listorna split: och keep_whole:.",
            "The file may only hold the lists split: and keep_whole:.",
            "Skriv split: med ord som '- verksamhet|s|nivå' och keep_whole: med ord som '- samverkan'.",
            "Write split: with words such as '- verksamhet|s|nivå' and keep_whole: with words such as "
            "'- samverkan'.")])
    split: dict[str, tuple[int, ...]] = {}
    keep: set[str] = set()
    lines = getattr(data, "lines", {})
    for key, wanted in (("split", "split"), ("keep_whole", "keep")):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            problems.append(Problem(file, lines.get(key), f"{key}: ska vara en lista med ett ord per rad.",
                                    f"{key}: must be a list with one word per line.",
                                    "Skriv varje ord på en egen rad som börjar med '- '.",
                                    "Write each word on a line of its own starting with '- '."))
            continue
        entry_lines = _entry_lines(path, lines.get(key))
        for number, entry in enumerate(entries):
            line = entry_lines[number] if number < len(entry_lines) else lines.get(key)
            text = entry.strip().lower() if isinstance(entry, str) else None
            if wanted == "split" and (text is None or not _PIECES.match(text)):
                problems.append(Problem(
                    file, line, f"'{entry}' under split: är inte ett ord med | där det delas.",
                    f"'{entry}' under split: is not a word with | where it splits.",
                    "Skriv ordet med små bokstäver och | mellan delarna, till exempel verksamhet|s|nivå.",
                    "Write the word in small letters with | between its parts, for example verksamhet|s|nivå."))
                continue
            if wanted == "keep" and (text is None or not text.isalpha()):
                problems.append(Problem(
                    file, line, f"'{entry}' under keep_whole: är inte ett ord.",
                    f"'{entry}' under keep_whole: is not a word.",
                    "Skriv ett ord per rad, bara bokstäver, till exempel samverkan.",
                    "Write one word per line, letters only, for example samverkan."))
                continue
            word = text.replace("|", "")
            if word in split or word in keep:
                problems.append(Problem(
                    file, line, f"Ordet '{word}' står mer än en gång i filen.",
                    f"The word '{word}' is in the file more than once.",
                    "Ta bort raden så att ordet står en gång, under split: eller keep_whole:.",
                    "Remove the line so that the word is there once, under split: or keep_whole:."))
                continue
            if wanted == "split":
                cuts, position = [], 0
                for piece in text.split("|")[:-1]:
                    position += len(piece)
                    cuts.append(position)
                split[word] = tuple(cuts)
            else:
                keep.add(word)
    if problems:
        raise ContentError(problems)
    return Corrections(tuple(sorted(split.items())), frozenset(keep))


def _entry_lines(path: Path, key_line: int | None) -> list[int]:
    """The lines of the '- ' entries under the key on key_line (YAML lists of strings carry no
    lines), read once per list."""
    if key_line is None:
        return []
    found = []
    lines = yamlfile.read_text(path).splitlines()
    for index in range(key_line, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith("- "):
            found.append(index + 1)
        elif stripped and not stripped.startswith("#"):
            break
    return found
