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


# The mistakes editors make most, told in plain words with the fix (PyYAML's own words are jargon).
_PLAIN = [
    ("mapping values are not allowed",
     "Värdet innehåller ett kolon (:), så YAML läser resten som ett nytt fält.",
     "The value contains a colon (:), so YAML reads the rest as a new field.",
     'Sätt raka citattecken runt hela värdet, till exempel title: "Bakgrund: så började det".',
     'Put straight quotes around the whole value, for example title: "Background: how it began".'),
    ("cannot start any token",
     "Raden innehåller en tabb (eller ett annat tecken som inte får inleda ett värde).",
     "The line contains a tab (or another character that cannot start a value).",
     "Byt tabben mot mellanslag. Om värdet börjar med @ eller `, sätt citattecken runt det.",
     "Replace the tab with spaces. If the value starts with @ or `, put it in quotes."),
    ("could not find expected ':'",
     "En rad saknar kolon mellan fältets namn och värdet.",
     "A line lacks the colon between the field's name and its value.",
     "Skriv namn: värde. En text på flera rader ska ha samma indrag på varje rad.",
     "Write name: value. A text over several lines needs the same indentation on every line."),
    ("did not find expected key",
     "Indraget stämmer inte med raderna ovanför.",
     "The indentation does not match the lines above.",
     "Ge raden samma antal mellanslag i början som raderna på samma nivå.",
     "Give the line the same number of leading spaces as the lines at the same level."),
]
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
    try:
        # Leading blank lines make every line number the line in the whole file.
        text = "\n" * (first_line - 1) + text
        _no_anchors(text, file)
        data = yaml.load(text, Loader=_Loader)
        problems = _curly_quoted(data, file) + _unseen(data, file)
        if problems:
            raise ContentError(problems)
        return data
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
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        for words, sv, en, fix_sv, fix_en in _PLAIN:
            if words in reason:
                raise ContentError([Problem(file, line, sv, en, fix_sv, fix_en)]) from None
        raise ContentError([
            Problem(
                file, line,
                f"YAML-texten går inte att läsa ({reason}).",
                f"The YAML cannot be read ({reason}).",
                "Kontrollera indrag, kolon och citattecken på raden och raden före.",
                "Check the indentation, colons and quotes on this line and the one before.",
            )
        ]) from None


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
