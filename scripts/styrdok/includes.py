"""Includes ({!sv/name.md!}): one grammar, one rule for where they may read, enforced where they are read.

The grammar is markdown-include's own pattern, so every form it accepts (``lines=``, spaces
inside the braces, includes inside included files) is seen here too. The rule: an include reads
a regular file inside docs/_includes/, reached without a symbolic link. The content check reports
a broken rule with file and line before the build starts; the Markdown extension ``SafeInclude``
(mkdocs.yml) enforces the same rule in the library's own file opener, for every file it opens,
however the name was put together.
"""

from __future__ import annotations

import contextvars
import os
from pathlib import Path

import markdown_include.include as _library

from .problems import Problem

SYNTAX = _library.INC_SYNTAX
FOLDER = "_includes"


def targets(text: str) -> list[tuple[int, str]]:
    """(line, path) of every include in a text, as markdown-include reads them."""
    if "{!" not in text:
        return []
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in SYNTAX.finditer(text)]


def refusal(target: str, base: Path) -> tuple[str, str] | None:
    """Why markdown-include must not read ``target`` relative to ``base``, or None.

    The same steps as the library (expand ~, join, normalise), then: inside base, no symbolic
    link on the way, a regular file.
    """
    path = os.path.expanduser(target)
    if os.path.isabs(path) or target.startswith("~"):
        return ("är en absolut sökväg", "is an absolute path")
    path = os.path.normpath(os.path.join(base, path))
    return refusal_of_path(path, base)


def refusal_of_path(path: str, base: Path) -> tuple[str, str] | None:
    base_real = os.path.realpath(base)
    absolute = os.path.abspath(path)
    if os.path.commonpath([absolute, os.path.abspath(base)]) != os.path.abspath(base):
        return ("pekar utanför mappen docs/_includes", "points outside the folder docs/_includes")
    probe = os.path.abspath(base)
    for part in Path(os.path.relpath(absolute, probe)).parts:
        probe = os.path.join(probe, part)
        if os.path.islink(probe):
            return ("är en symbolisk länk", "is a symbolic link")
    real = os.path.realpath(absolute)
    if os.path.commonpath([real, base_real]) != base_real:
        return ("pekar utanför mappen docs/_includes", "points outside the folder docs/_includes")
    if not os.path.isfile(real):
        return ("finns inte", "does not exist")
    return None


FIX = ("Lägg textstycket i docs/_includes/sv/ eller docs/_includes/en/ och skriv till exempel {!sv/namn.md!}.",
       "Put the fragment in docs/_includes/sv/ or docs/_includes/en/ and write, for example, {!en/name.md!}.")


def check(text: str, file: str, includes_dir: Path) -> list[Problem]:
    """Every include in a text that breaks the rule, with its line."""
    problems = []
    for line, target in targets(text):
        reason = refusal(target, includes_dir)
        if reason:
            problems.append(Problem(file, line, f"Inkluderingen {{!{target}!}} {reason[0]}.",
                                    f"The include {{!{target}!}} {reason[1]}.", *FIX))
    return problems


def expand(text: str, docs_dir: Path, depth: int = 0) -> str:
    """The text with its fragments in place (for the fact and drift checks); unreadable ones empty."""
    base = docs_dir / FOLDER

    def replace(match):
        if depth > 5 or refusal(match.group(1), base):
            return ""
        return expand((base / match.group(1)).read_text(encoding="utf-8"), docs_dir, depth + 1)
    return SYNTAX.sub(replace, text) if "{!" in text else text


def fragments(text: str, docs_dir: Path, depth: int = 0) -> list[str]:
    """Paths (relative to docs/) of the fragments a text includes, nested ones too."""
    found = []
    for _, target in targets(text):
        if depth > 5 or refusal(target, docs_dir / FOLDER):
            continue
        rel = os.path.normpath(os.path.join(FOLDER, target)).replace(os.sep, "/")
        found.append(rel)
        found += fragments((docs_dir / rel).read_text(encoding="utf-8"), docs_dir, depth + 1)
    return found


# --- the guard inside markdown-include ------------------------------------------------------------

class IncludeRefused(Exception):
    """Raised when markdown-include is asked to open a file the rule does not allow."""


_base: contextvars.ContextVar = contextvars.ContextVar("include_base", default=None)
_library_open = _library.open


def _guarded_open(filename, *args, **kwargs):
    base = _base.get()
    if base is not None:
        reason = refusal_of_path(filename, Path(base))
        if reason:
            shown = os.path.relpath(filename, base) if not os.path.isabs(str(filename)) else filename
            raise IncludeRefused(f"Inkluderingen '{shown}' {reason[0]}. {FIX[0]} / "
                                 f"The include '{shown}' {reason[1]}. {FIX[1]}")
    return _library_open(filename, *args, **kwargs)


# The library resolves a name and opens it in one place, through this module-level name.
_library.open = _guarded_open


class _SafeIncludePreprocessor(_library.IncludePreprocessor):
    def run(self, lines):
        token = _base.set(self.base_path)
        try:
            return super().run(lines)
        finally:
            _base.reset(token)


class SafeInclude(_library.MarkdownInclude):
    """markdown-include that reads only regular files inside its base_path, without symbolic links."""

    def __init__(self, configs=None):
        super().__init__(configs or {})
        self.setConfig("throwException", True)  # a refused or missing file stops the build

    def extendMarkdown(self, md):
        md.preprocessors.register(_SafeIncludePreprocessor(md, self.getConfigs()), "include", 101)


def makeExtension(**kwargs):
    return SafeInclude(kwargs)
