"""What an editor's pull request cannot change on its own: the site's code.

``.github/CODEOWNERS`` gives the files around docs/ (the configuration, templates, scripts, tests,
dependencies, CI) to the developers' team; with the branch rule "Require review from Code Owners"
(set by the operator) GitHub will not merge a change to them without a developer's approval, and it
reads CODEOWNERS from the base branch, so a pull request cannot loosen it for itself. This module
reads the same file to tell the pull request plainly, in CI, when it touches such a file
(``docs.py code-changes BASE_REF``): a reviewer who checks content must know that this one is code.
"""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

FILE = ".github/CODEOWNERS"
MESSAGE_SV = "Den här ändringen rör webbplatsens kod och måste granskas av en utvecklare."
MESSAGE_EN = "This change touches the site's code and must be reviewed by a developer."


def patterns(text: str) -> list[str]:
    """The patterns of a CODEOWNERS text that have an owner (comments and blank lines skipped)."""
    found = []
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            found.append(parts[0])
    return found


def owned(path: str, pattern: str) -> bool:
    """Whether CODEOWNERS' ``pattern`` covers ``path`` (repository-relative, '/' separated): a
    pattern names a file or a folder (everything in it); ``/`` in front ties it to the root."""
    anchored = pattern.startswith("/")
    name = pattern.strip("/")
    parts = path.split("/")
    if anchored:
        return any(fnmatch.fnmatchcase("/".join(parts[:i]), name) for i in range(1, len(parts) + 1))
    return any(fnmatch.fnmatchcase("/".join(parts[i:j]), name)
               for i in range(len(parts)) for j in range(i + 1, len(parts) + 1))


def code_files(paths: list[str], rules: list[str]) -> list[str]:
    return [path for path in paths if any(owned(path, rule) for rule in rules)]


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def changed_files(root: Path, base: str) -> list[str]:
    """Every file the current commit changes against where it branched from ``base`` (added,
    changed, deleted; a renamed file as its old and its new name)."""
    out = _git(root, "diff", "--name-only", "--no-renames", "-z", f"{base}...HEAD", "--")
    return sorted({name for name in out.split("\0") if name})


def rules(root: Path, base: str) -> list[str]:
    """CODEOWNERS as the base branch has it (what GitHub enforces), else as checked out."""
    try:
        return patterns(_git(root, "show", f"{base}:{FILE}"))
    except RuntimeError:
        path = root / FILE
        return patterns(path.read_text(encoding="utf-8")) if path.is_file() else []
