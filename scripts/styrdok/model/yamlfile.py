"""YAML and front matter that remember line numbers, so that errors can point at a line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from styrdok.model import tree
from styrdok.model.tree import UNSEEN, describe
from styrdok.problems import ContentError, Problem


class LineDict(dict):
    """A mapping from YAML that knows the line of each of its keys (1-based)."""

    line: int = 0
    lines: dict


# libyaml's parser when PyYAML has it (it is several times faster on large sites).
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result.lines:  # YAML would keep the last value and lose the first without a word
            raise _DuplicateKey(key, result.lines[key], key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text: the register validates them itself and reports impossible ones clearly.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_Events = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _no_anchors(text: str, file: str) -> None:
    """Anchors and aliases (&name, *name) let a few lines expand into gigabytes; the site needs none."""
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Events):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ContentError([Problem(
                file, event.start_mark.line + 1,
                "YAML-ankare och alias (&namn och *namn) är inte tillåtna.",
                "YAML anchors and aliases (&name and *name) are not allowed.",
                "Skriv ut värdet i stället. Om texten börjar med & eller *, sätt citattecken runt den.",
                "Write the value out instead. If the text starts with & or *, put it in quotes.")])


# Spaces that are not YAML's: YAML separates a key from its value, and indents, only with the
# ordinary space (and tab). A non-breaking space there (typed by Word after a colon, or pasted) is
# part of the text to YAML, so "title:\u00a0Strategi" is no field at all. In a value it is correct
# Swedish and stays.
HARD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_HARD_SPACE = re.compile(f"[{HARD_SPACES}]")
def hard_space_hint(value) -> tuple[str, str]:
    """For a typed value of a set form (a date, a reference number, a phone number) refused for its
    form: when it holds a hard space, which looks like a space but is not one, say so."""
    found = _HARD_SPACE.search(value) if isinstance(value, str) else None
    if not found:
        return "", ""
    code = f"U+{ord(found.group()):04X}"
    return (f" Värdet har ett hårt mellanslag ({code}), som ser ut som ett vanligt men inte är det: radera det "
            "och skriv ett vanligt mellanslag (eller inget).",
            f" The value holds a non-breaking space ({code}), which looks like an ordinary space but is not: "
            "delete it and type an ordinary space (or none).")


# A line that starts with a key, as the site's YAML writes keys (small ASCII letters, digits, _ and
# -): its indentation, the gap before the colon and the character after it are YAML's syntax.
_KEY_LINE = re.compile(rf"^(?P<indent>[ \t{HARD_SPACES}]*(?:-[ \t{HARD_SPACES}]+)?)(?P<key>[a-z_][a-z0-9_-]*)"
                       rf"(?P<gap>[ \t{HARD_SPACES}]*):(?P<after>[{HARD_SPACES}]?)")


def _hard_space_problem(file: str, number: int, line: str) -> Problem | None:
    """A line whose YAML syntax (indentation, the space around the key's colon) holds a hard space."""
    match = _KEY_LINE.match(line)
    if not match:
        return None
    found = _HARD_SPACE.search(match["indent"] + match["gap"] + match["after"])
    if not found:
        return None
    code = f"U+{ord(found.group()):04X}"
    return Problem(
        file, number,
        f"Raden har ett hårt mellanslag ({code}) vid fältet '{match['key']}', där YAML bara läser vanliga "
        "mellanslag. Då blir raden inget fält utan text.",
        f"The line has a non-breaking space ({code}) at the field '{match['key']}', where YAML reads only "
        "ordinary spaces. The line is then no field but text.",
        f"Byt mellanslagen i början av raden och runt kolonet efter '{match['key']}' mot vanliga mellanslag "
        "(radera dem och skriv dem igen med mellanslagstangenten). Hårda mellanslag i själva texten får stå kvar.",
        f"Replace the spaces at the start of the line and around the colon after '{match['key']}' with "
        "ordinary ones (delete them and type them again with the space bar). Non-breaking spaces in the text "
        "itself may stay.")


def _hard_spaced_keys(text: str, file: str) -> list[Problem]:
    """Every line whose YAML syntax holds a hard space."""
    if not _HARD_SPACE.search(text):
        return []
    return [problem for number, line in enumerate(text.split("\n"), start=1)
            if _HARD_SPACE.search(line) and (problem := _hard_space_problem(file, number, line))]


# A value that swallowed a field: "title: Ordlista" then "description:\u00a0…" is one text to YAML.
_SWALLOWED = re.compile(rf"(?:^|\s)[a-z_][a-z0-9_-]*[ {HARD_SPACES}]*:[{HARD_SPACES}]")


def _hard_spaces_read_wrongly(data) -> bool:
    """Whether YAML read a hard space in the syntax as text: a key holding one, or a value holding
    what looks like a field set apart by one. (Only then are the lines held to _hard_space_problem:
    in a text, a hard space before or after a colon is the editor's choice.)"""
    if isinstance(data, str):  # the whole text one value: "title:\u00a0Strategi" alone
        return bool(_HARD_SPACE.search(data) and _SWALLOWED.search(data))
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        if isinstance(key, str) and _HARD_SPACE.search(key):
            return True
        if isinstance(value, str) and _HARD_SPACE.search(value) and _SWALLOWED.search(value):
            return True
        if isinstance(value, (dict, list)) and _hard_spaces_read_wrongly(value):
            return True
    return False


class _DuplicateKey(Exception):
    def __init__(self, key, first: int, again: int):
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


def _quoted(value: str) -> str:
    """A value in the straight quotes YAML reads it in, as a fix to copy."""
    value = value.strip()
    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        return value
    return "'" + value.replace("'", "''") + "'" if '"' in value else f'"{value}"'


def _explained(error: yaml.YAMLError, text: str, file: str) -> Problem:
    """A YAML syntax error in plain Swedish and English, with the line to fix and how: the common
    mistakes by name (a colon in a value, a missing colon, a tab, wrong indentation, an unclosed
    quote, an unknown escape), the parser's own words kept in the English half."""
    mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    parser = f"{context}: {problem}" if context else problem
    lines = text.split("\n")
    line = mark.line + 1 if mark else None
    context_line = context_mark.line + 1 if context_mark else line

    def at(number):
        return lines[number - 1] if number and 0 < number <= len(lines) else ""

    def told(number, sv, en, fix_sv, fix_en) -> Problem:
        return Problem(file, number, sv, f"{en} (YAML: {parser})", fix_sv, fix_en)

    here = at(line)
    column = mark.column if mark else 0
    if "mapping values are not allowed" in problem:
        before = here[:column]
        key, colon, value = here.partition(": ")
        if colon and len(key) < column and ":" in before.strip():
            fixed = f"{key}: {_quoted(value)}"
            return told(line,
                        "Värdet innehåller ett kolon (:) följt av ett mellanslag, så YAML läser resten som ett nytt "
                        "fält och raden går inte att läsa.",
                        "The value contains a colon (:), so YAML reads the rest as a new field.",
                        f"Sätt raka citattecken runt hela värdet: {fixed.strip()}",
                        f"Put straight quotes around the whole value: {fixed.strip()}")
        return told(line,
                    "Raden är indragen mer än fälten på samma nivå, så YAML läser den som en fortsättning på "
                    "värdet på raden ovanför.",
                    "The line is indented more than the fields at its level, so YAML reads it as part of the "
                    "value on the line above.",
                    "Ge raden samma antal mellanslag i början som fälten på samma nivå. Om raden ska fortsätta "
                    "texten ovanför: skriv allt på en rad, eller sätt raka citattecken runt texten.",
                    "Give the line as many leading spaces as the fields at its level. If the line continues the "
                    "text above: write it all on one line, or put straight quotes around the text.")
    if "could not find expected ':'" in problem:
        return told(context_line,
                    "Raden saknar kolon (:) mellan fältets namn och värdet.",
                    "The line lacks the colon (:) between the field's name and its value.",
                    "Skriv namn: värde. Om raden fortsätter texten på raden ovanför: skriv allt på en rad, "
                    "eller ge raden fler mellanslag i början än fältets namn.",
                    "Write name: value. If the line continues the text on the line above: write it all on one "
                    "line, or indent it further than the field's name.")
    if "cannot start any token" in problem:
        char = here[column:column + 1]
        if char == "\t":
            return told(line, "Raden innehåller en tabb. YAML tillåter bara vanliga mellanslag i indrag.",
                        "The line contains a tab; YAML allows only ordinary spaces for indentation.",
                        "Byt tabben mot mellanslag (samma antal som raderna på samma nivå).",
                        "Replace the tab with spaces (as many as the lines at the same level).")
        return told(line, f"Värdet börjar med tecknet {char or '?'}, som YAML inte tillåter först i ett värde "
                          "utan citattecken.",
                    f"The value starts with the character {char or '?'}, which YAML does not allow first in a "
                    "value without quotes.",
                    "Sätt raka citattecken runt hela värdet, till exempel namn: \"@stockholm\".",
                    "Put straight quotes around the whole value, for example name: \"@stockholm\".")
    if "found unexpected end of stream" in problem and context and "quoted scalar" in context:
        return told(context_line, "Citattecknet som börjar värdet avslutas aldrig.",
                    "The quote that starts the value is never closed.",
                    "Skriv ett likadant citattecken (\" eller ') sist i värdet på den här raden.",
                    "Write the same quote (\" or ') at the end of the value on this line.")
    if "unknown escape character" in problem:
        return told(line, "Ett omvänt snedstreck (\\) inom raka dubbla citattecken måste följas av en giltig "
                          "YAML-kod.",
                    "A backslash (\\) inside straight double quotes must be followed by a valid YAML escape.",
                    "Använd enkla citattecken runt värdet ('…'), eller skriv \\\\ för ett omvänt snedstreck.",
                    "Use single quotes around the value ('…'), or write \\\\ for a backslash.")
    if context and ("flow sequence" in context or "flow mapping" in context):
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return told(context_line, f"Värdet börjar med {bracket}, så YAML läser det som en lista, men listan stängs "
                                  f"aldrig med {closing}. Filen går inte att läsa.",
                    f"The value starts with {bracket}, so YAML reads it as a list, but the list is never closed with "
                    f"{closing}, so the YAML cannot be read.",
                    f"Skriv {closing} sist i listan. Om värdet är text: sätt raka citattecken runt hela värdet.",
                    f"Write {closing} at the end of the list. If the value is text: put straight quotes around the "
                    "whole value.")
    if "did not find expected" in problem or "expected <block end>" in problem:
        value = here[:column].rstrip()
        if value.endswith(("\"", "'")) and value.count(value[-1]) >= 2:
            return told(line, "Texten fortsätter efter det avslutande citattecknet.",
                        "The text goes on after the closing quote.",
                        "Sätt citattecknen runt hela värdet, eller skriv ' som '' inom enkla citattecken.",
                        "Put the quotes around the whole value, or write ' as '' inside single quotes.")
        key, colon, rest = here.partition(": ")
        if colon and rest[:1] in ("[", "{") and len(key) < column:
            return told(line, f"Värdet börjar med {rest[0]}, så YAML läser det som en lista och inte som text.",
                        f"The value starts with {rest[0]}, so YAML reads it as a list, not as text.",
                        f"Sätt raka citattecken runt hela värdet: {key}: {_quoted(rest)}",
                        f"Put straight quotes around the whole value: {key}: {_quoted(rest)}")
        return told(line, "Indraget på raden stämmer inte med raderna ovanför.",
                    "The indentation of the line does not match the lines above.",
                    "Ge raden samma antal mellanslag i början som raderna på samma nivå"
                    + (f" (se rad {context_line})." if context_line and context_line != line else "."),
                    "Give the line the same number of leading spaces as the lines at the same level"
                    + (f" (see line {context_line})." if context_line and context_line != line else "."))
    return told(line, "YAML-texten går inte att läsa.", "The YAML cannot be read.",
                "Kontrollera indrag, kolon och citattecken på raden och raden före.",
                "Check the indentation, colons and quotes on this line and the one before.")


_CURLY_OPEN, _CURLY_CLOSE = "”“„«»’‘", "”“«»’‘"


def _curly_quoted(data, file: str) -> list[Problem]:
    """Values wrapped in typographic quotes (from a word processor) would be published with them."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        if isinstance(value, str) and len(value) > 1 and value[0] in _CURLY_OPEN and value[-1] in _CURLY_CLOSE:
            line = data.lines.get(key) if isinstance(data, LineDict) else None
            found.append(Problem(
                file, line, f"Värdet {value} står inom typografiska citattecken, som då syns på webbplatsen.",
                f"The value {value} is in typographic quotes, which would then show on the site.",
                'Ta bort citattecknen runt värdet, eller använd raka citattecken ("…") om värdet behöver dem.',
                'Remove the quotes around the value, or use straight quotes ("…") if the value needs them.'))
        elif isinstance(value, (dict, list)):
            found += _curly_quoted(value, file)
    return found


def _unseen(data, file: str, line: int | None = None) -> list[Problem]:
    """Values holding a character no text may hold (tree.UNSEEN), written with a YAML escape such as
    "\\x01" or "\\u202e": the file itself is clean (tree.check), the value is not."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        at = data.lines.get(key, line) if isinstance(data, LineDict) else getattr(value, "line", None) or line
        if isinstance(value, str) and (match := UNSEEN.search(value)):
            what_sv, what_en = describe(match.group())
            found.append(Problem(
                file, at, f"Värdet har {what_sv}, skrivet med en YAML-kod (till exempel \\x01 eller \\u202e).",
                f"The value holds {what_en}, written with a YAML escape (such as \\x01 or \\u202e).",
                "Ta bort koden som börjar med \\ ur värdet och skriv bara vanlig text.",
                "Remove the code starting with \\ from the value and write plain text only."))
        elif isinstance(value, (dict, list)):
            found += _unseen(value, file, at)
    return found


def parse(text: str, file: str, first_line: int = 1):
    """Parse YAML text; a syntax error becomes a Problem with the file and line."""
    # Leading blank lines make every line number the line in the whole file.
    text = "\n" * (first_line - 1) + text
    try:
        _no_anchors(text, file)
        data = yaml.load(text, Loader=_Loader)
        if _HARD_SPACE.search(text) and _hard_spaces_read_wrongly(data) and (hard := _hard_spaced_keys(text, file)):
            raise ContentError(hard)
        problems = _curly_quoted(data, file) + _unseen(data, file)
        if problems:
            raise ContentError(problems)
        return data
    except _DuplicateKey as twice:
        raise ContentError([Problem(
            file, twice.again, f"Fältet '{twice.key}' står två gånger på samma nivå (också på rad {twice.first}). "
            "YAML behåller bara det sista värdet.",
            f"The field '{twice.key}' appears twice at the same level (also on line {twice.first}). YAML keeps "
            "only the last value.",
            f"Ta bort den ena raden '{twice.key}:' (rad {twice.first} eller {twice.again}), eller slå ihop värdena.",
            f"Remove one of the '{twice.key}:' lines (line {twice.first} or {twice.again}), or merge the values.",
        )]) from None
    except yaml.constructor.ConstructorError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError([Problem(
            file, mark.line + 1 if mark else None,
            "En YAML-tagg (till exempel !!python/…) som inte är tillåten.",
            "A YAML tag (for example !!python/…) that is not allowed.",
            "Ta bort taggen som börjar med ! och skriv bara värdet. Sätt citattecken runt text som börjar med !.",
            "Remove the tag that starts with ! and write only the value. Put text that starts with ! in quotes.")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # A hard space where YAML needs a space is the cause of the error it leads to, on its line or below.
        hard = [p for p in _hard_spaced_keys(text, file) if mark is None or p.line <= mark.line + 1]
        raise ContentError(hard or [_explained(error, text, file)]) from None


def load(path: Path, file: str):
    return parse(read_text(path), file)


# --- front matter, exactly as MkDocs reads it ------------------------------------------------------
#
# What counts as front matter, and whether it parses, is decided by MkDocs' reader
# (mkdocs.utils.meta.get_data in the pinned MkDocs 1.6.1), copied here so that styrdok imports no
# MkDocs: its pattern, its loader (libyaml's safe loader when PyYAML has it), and what it does with a
# failure: when the YAML does not load (an impossible date: its loader reads dates as timestamps)
# or is not a mapping, MkDocs keeps the whole block as page text and the page has no front matter
# at all (no title, no document:, no register block). Such a block is refused here, with the line.
# Without the --- lines MkDocs reads "key: value" lines at the top of a page as front matter
# (MultiMarkdown style); a page is refused for those too (read_page).
# tests/test_hostile_guard.py runs MkDocs' own reader over a table of cases to prove the two agree.
FRONT_MATTER = re.compile(r'^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n', re.UNICODE | re.DOTALL)
_MULTIMARKDOWN_KEY = re.compile(r'^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)')
try:
    _MkDocsLoader = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml, as in MkDocs
    _MkDocsLoader = yaml.SafeLoader


def _first_rejected_value(text: str) -> tuple[int, str, str] | None:
    """(line, value, reason) of the first value in ``text`` that MkDocs' loader cannot construct,
    such as an impossible date; found by constructing each value on its own."""
    loader = _MkDocsLoader(text)
    try:
        nodes = [loader.get_single_node()]
        while nodes:
            node = nodes.pop(0)
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node)
                except Exception as error:  # whatever MkDocs' loader raises
                    return node.start_mark.line + 1, node.value, str(error)
            elif isinstance(node, yaml.SequenceNode):
                nodes[:0] = node.value
            elif isinstance(node, yaml.MappingNode):
                nodes[:0] = [part for pair in node.value for part in pair]
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _dropped_by_mkdocs(file: str, line: int | None, value: str, reason: str) -> Problem:
    return Problem(
        file, line,
        f"MkDocs kan inte läsa värdet {value}. Då publiceras sidan utan fälten överst i filen: utan titel, "
        "dokument och registeruppgifter, och med fälten som text.",
        f"MkDocs cannot read the value {value} ({reason}). The page would then be published without its "
        "front matter: no title, document or register details, and the front matter shown as text.",
        "Rätta värdet (ett datum skrivs ÅÅÅÅ-MM-DD och ska finnas i kalendern), eller sätt raka citattecken runt det.",
        "Correct the value (a date is written YYYY-MM-DD and must exist in the calendar), or put straight "
        "quotes around it.")


def read_text(path: Path) -> str:
    """A file's text: from the run's files when a run is reading docs/ (tree.reading: read once),
    otherwise from the disk."""
    found = tree.current(path)
    if found is not None:
        files, rel = found
        return files.text(rel)
    return Path(path).read_text(encoding="utf-8")


def page_text(path: Path) -> str:
    """A page's text as MkDocs reads it: UTF-8 without a leading byte order mark, line ends as \\n."""
    return read_text(path).removeprefix("\ufeff")


def read_page(path: Path, file: str) -> tuple[LineDict, str, int]:
    """front_matter() of a page (parsed once per run when a run is reading docs/)."""
    found = tree.current(path)
    if found is not None:
        files, rel = found
        return files.page(rel)
    return read_page_text(page_text(path), file)


def read_page_text(text: str, file: str) -> tuple[LineDict, str, int]:
    """front_matter() of a page's text; "key: value" lines at the top without the --- lines (which
    MkDocs would read as front matter) are refused."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    if not FRONT_MATTER.match(text) and _MULTIMARKDOWN_KEY.match(first) and first.strip() != "---":
        raise ContentError([Problem(
            file, 1,
            "Sidan börjar med en rad namn: värde utan rader med --- runt. MkDocs läser den som ett fält "
            "överst i filen och visar den inte, men den kontrolleras inte som ett sådant fält.",
            "The page starts with a name: value line without --- lines around it. MkDocs reads it as "
            "front matter and does not show it, but it is not checked as front matter.",
            "Skriv fälten mellan två rader med bara ---, överst i filen.",
            "Write the front matter between two lines of only ---, at the top of the file.")])
    return front_matter(text, file)


def front_matter(text: str, file: str) -> tuple[LineDict, str, int]:
    """Split a Markdown page into (front matter, body, line number where the body starts), as MkDocs
    does; front matter MkDocs would drop or read differently is refused with its line."""
    match = FRONT_MATTER.match(text)
    if not match:
        if text.split("\n", 1)[0].rstrip(" \t") == "---":
            empty = re.match(r"---[ \t]*\n(?:---|\.\.\.)[ \t]*(\n|$)", text)
            raise ContentError([
                Problem(
                    file, 1,
                    "Fälten överst i filen (front matter) mellan raderna med --- saknas." if empty else
                    "Fälten överst i filen (front matter) börjar med --- men avslutas aldrig med ---.",
                    "The front matter between the --- lines is empty." if empty else
                    "The front matter that starts with --- is never closed.",
                    "Skriv title: och description: mellan raderna med ---." if empty else
                    "Lägg till en rad med bara --- efter det sista fältet överst i filen.",
                    "Write title: and description: between the --- lines." if empty else
                    "Add a line with only --- after the last line of the front matter.",
                )
            ])
        return LineDict(), text, 1
    block = match.group(1)
    meta = parse(block, file, first_line=2)  # a syntax error, an anchor or a tag: told with its line
    try:
        theirs = yaml.load(block, _MkDocsLoader)
    except Exception as error:  # MkDocs catches every error here and drops the block
        found = _first_rejected_value("\n" + block)
        line, value, reason = found if found else (None, block.strip().split("\n", 1)[0], str(error))
        raise ContentError([_dropped_by_mkdocs(file, line, value, reason)]) from None
    if not isinstance(theirs, dict) or not isinstance(meta, dict):
        raise ContentError([
            Problem(
                file, 2,
                "Fälten överst i filen (front matter) ska vara rader med namn: värde.",
                "The front matter must be lines of the form name: value.",
                "Skriv till exempel title: Sidans rubrik mellan raderna med ---.",
                "Write, for example, title: Page title between the --- lines.",
            )
        ])
    for key in meta:
        if key not in theirs or theirs[key] != meta[key]:
            # MkDocs reads the value as something else than the text written: the one difference
            # between the loaders is that MkDocs' reads dates (2016-12-12) as dates.
            raise ContentError([Problem(
                file, meta.lines.get(key),
                f"MkDocs läser värdet i fältet '{key}' som ett datum, inte som text.",
                f"MkDocs reads the value of the field '{key}' as a date, not as text.",
                f"Sätt raka citattecken runt värdet, till exempel {key}: \"{meta[key]}\".",
                f"Put straight quotes around the value, for example {key}: \"{meta[key]}\".")])
    body_start = text[: match.end()].count("\n") + 1
    return meta, text[match.end():], body_start
