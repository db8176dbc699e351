"""The Markdown extensions the site may use, and their options: an allowlist.

One added line in mkdocs.yml changes what every page may do: ``pymdownx.snippets`` with
``base_path: /`` publishes any file of the build machine, ``pymdownx.superfences`` with a custom
fence runs code. So both ``make check`` (reading mkdocs.yml, with its lines) and the build itself
(the plugin's start phase, given the configuration MkDocs has loaded, overlays included) hold the
extensions to this list. Extensions of our own (modules named ``styrdok.*``) are allowed: they are
reviewed with the rest of scripts/. A new extension is added here, by a developer, in review.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from styrdok.model import yamlfile
from styrdok.problems import Problem, did_you_mean

FILE = "mkdocs.yml"
OWN = "styrdok."


@dataclass(frozen=True)
class Tagged:
    """A value mkdocs.yml writes with a YAML tag (``!relative $docs_dir/_includes``, ``!ENV X``)."""
    tag: str
    value: object


class IncludesFolder:
    """The one allowed ``base_path`` of styrdok.render.includes: docs/_includes, written
    ``!relative $docs_dir/_includes`` in mkdocs.yml; in the loaded configuration, that folder."""

    WRITTEN = Tagged("!relative", "$docs_dir/_includes")

    def matches(self, value, docs_dir: Path) -> bool:
        if isinstance(value, Tagged):
            return value == self.WRITTEN
        if isinstance(value, (str, os.PathLike)):
            return Path(os.fspath(value)).resolve() == (Path(docs_dir) / "_includes").resolve()
        return False

    def __str__(self) -> str:
        return "!relative $docs_dir/_includes"


# name: its options, exactly (a value, or IncludesFolder).
ALLOWED: dict[str, dict] = {
    "toc": {"permalink": False},
    "attr_list": {},
    "admonition": {},
    "tables": {},
    "styrdok.render.includes": {"base_path": IncludesFolder()},
}
# MkDocs adds these itself to every configuration (config builtins), without options.
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")


def _same(allowed, value, docs_dir: Path) -> bool:
    if isinstance(allowed, IncludesFolder):
        return allowed.matches(value, docs_dir)
    return type(value) is type(allowed) and value == allowed


def _written(options: dict) -> str:
    return ", ".join(f"{key}: {str(value).lower() if isinstance(value, bool) else value}"
                     for key, value in options.items()) or "inga / none"


def _allowed_options(name: str, options, docs_dir: Path) -> bool:
    wanted = ALLOWED[name]
    return isinstance(options, dict) and set(options) == set(wanted) and all(
        _same(wanted[key], options[key], docs_dir) for key in options)


def check(extensions: list[tuple[str, object, int | None]], docs_dir: Path, file: str = FILE) -> list[Problem]:
    """Each (name, options, line in mkdocs.yml) held to ALLOWED; every problem, with its fix."""
    problems = []
    for name, options, line in extensions:
        options = options or {}
        if name in ALLOWED:
            if not _allowed_options(name, options, docs_dir):
                problems.append(_changed(file, line, name, options))
        elif isinstance(name, str) and name.startswith(OWN) and all(
                part.isidentifier() for part in name[len(OWN):].split(".")):
            continue  # our own, reviewed with scripts/
        elif name in MKDOCS_BUILTINS and not options:
            continue
        else:
            hint_sv, hint_en = did_you_mean(str(name), list(ALLOWED))
            problems.append(Problem(
                file, line,
                f"Markdown-tillägget '{name}' är inte tillåtet. Ett tillägg ändrar vad varje sida kan göra "
                f"(till exempel läsa filer utanför docs/).{hint_sv}",
                f"The Markdown extension '{name}' is not allowed. An extension changes what every page can do "
                f"(for example read files outside docs/).{hint_en}",
                f"Ta bort tillägget ur {file}. Tillåtna: {', '.join(ALLOWED)} och sajtens egna (styrdok.*). Ett "
                "nytt tillägg läggs till av en utvecklare i scripts/styrdok/checks/extensions.py, efter granskning.",
                f"Remove the extension from {file}. Allowed: {', '.join(ALLOWED)} and the site's own (styrdok.*). "
                "A new extension is added by a developer in scripts/styrdok/checks/extensions.py, after review."))
    return problems


def _changed(file: str, line: int | None, name: str, options) -> Problem:
    allowed = _written(ALLOWED[name])
    shown = _written(options) if isinstance(options, dict) else str(options)
    return Problem(
        file, line,
        f"Markdown-tillägget '{name}' har inställningar som inte är tillåtna ({shown}).",
        f"The Markdown extension '{name}' has options that are not allowed ({shown}).",
        f"Skriv exakt de tillåtna inställningarna: {allowed}. Nya inställningar läggs till av en utvecklare i "
        "scripts/styrdok/checks/extensions.py, efter granskning.",
        f"Write exactly the allowed options: {allowed}. New options are added by a developer in "
        "scripts/styrdok/checks/extensions.py, after review.")


# --- mkdocs.yml as written, with lines ------------------------------------------------------------

class _ConfigLoader(yamlfile._Loader):
    """yamlfile's line-aware loader, reading MkDocs' tags (!ENV, !relative, any other) as Tagged."""


def _tagged(loader, tag: str, node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_mapping(node, deep=True))


# Every tag that is not YAML's own: MkDocs' (!ENV, !relative) and any other, never run.
_ConfigLoader.add_multi_constructor("", _tagged)


def read_config(path: Path) -> list[tuple[str, object, int | None]]:
    """(name, options, line) of each Markdown extension in mkdocs.yml as written (a list of names and
    one-key mappings, or a mapping, as MkDocs accepts)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    value = data.get("markdown_extensions") if isinstance(data, dict) else None
    found: list[tuple[str, object, int | None]] = []
    if isinstance(value, dict):
        return [(name, options, value.lines.get(name)) for name, options in value.items()]
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            found += [(name, options, item.lines.get(name)) for name, options in item.items()]
        else:
            found.append((item, {}, None))
    lines = path.read_text(encoding="utf-8").split("\n")
    return [(name, options, line if line else _line_of(lines, name)) for name, options, line in found]


def _line_of(lines: list[str], name) -> int | None:
    """The line of a plain list item (``- attr_list``), which the loader does not record."""
    for number, text in enumerate(lines, start=1):
        if text.strip() in (f"- {name}", f"- '{name}'", f'- "{name}"'):
            return number
    return None


def check_config(config_file: Path, docs_dir: Path) -> list[Problem]:
    """make check: mkdocs.yml's extensions, as written, against the allowlist."""
    return check(read_config(config_file), docs_dir, FILE)


def check_loaded(extensions: list[str], options: dict, docs_dir: Path, config_file: Path | None) -> list[Problem]:
    """The build: the extensions of the configuration MkDocs has loaded (``markdown_extensions`` and
    ``mdx_configs``), overlays and MkDocs' own additions included; lines from mkdocs.yml where the
    extension is written there."""
    lines = {}
    if config_file is not None and config_file.is_file():
        try:
            lines = {name: line for name, _, line in read_config(config_file)}
        except yaml.YAMLError:
            lines = {}
    return check([(name, options.get(name) or {}, lines.get(name)) for name in extensions], docs_dir, FILE)
