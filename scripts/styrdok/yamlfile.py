"""YAML and front matter that remember line numbers, so that errors can point at a line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .problems import ContentError, Problem
from .tree import UNSEEN, describe


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
    return parse(path.read_text(encoding="utf-8"), file)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)


_pages: dict = {}
_texts: dict = {}


def read_text(path: Path) -> str:
    """A file's text, read once for as long as the file is unchanged (several checks read it)."""
    stat = os.stat(path)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _texts:
        _texts[key] = path.read_text(encoding="utf-8")
    return _texts[key]


def read_page(path: Path, file: str) -> tuple[LineDict, str, int]:
    """front_matter() of a file, parsed once for as long as the file is unchanged."""
    stat = os.stat(path)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _pages:
        _pages[key] = front_matter(read_text(path), file)
    return _pages[key]


def front_matter(text: str, file: str) -> tuple[LineDict, str, int]:
    """Split a Markdown page into (front matter, body, line number where the body starts)."""
    match = _FRONT.match(text)
    if not match:
        if text.startswith("---"):
            raise ContentError([
                Problem(
                    file, 1,
                    "Sidhuvudet (front matter) som börjar med --- avslutas aldrig.",
                    "The front matter that starts with --- is never closed.",
                    "Lägg till en rad med bara --- efter sidhuvudets sista rad.",
                    "Add a line with only --- after the last line of the front matter.",
                )
            ])
        return LineDict(), text, 1
    meta = parse(match.group(1) or "", file, first_line=2)
    if meta is None:
        meta = LineDict()
    if not isinstance(meta, dict):
        raise ContentError([
            Problem(
                file, 2,
                "Sidhuvudet (front matter) ska bestå av rader med namn: värde.",
                "The front matter must be lines of the form name: value.",
                "Skriv till exempel title: Sidans rubrik mellan raderna med ---.",
                "Write, for example, title: Page title between the --- lines.",
            )
        ])
    body_start = text[: match.end()].count("\n") + 1
    return meta, text[match.end():], body_start
