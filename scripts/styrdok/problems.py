"""Problems found in content, told to editors in Swedish with English alongside."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix: where, what is wrong, and how to fix it."""

    file: str
    line: int | None
    sv: str
    en: str
    fix_sv: str
    fix_en: str
    # A warning is reported but does not stop a check: the site may be published as it is.
    warning: bool = False

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return (
            f"{'⚠️ ' if self.warning else '❌'} {self.where()}\n"
            f"   {'Varning' if self.warning else 'Fel'}: {self.sv}\n"
            f"   Gör så här: {self.fix_sv}\n"
            f"   Problem: {self.en}\n"
            f"   How to fix: {self.fix_en}"
        )


def did_you_mean(word: str, allowed, cutoff: float = 0.6, form: str = "'{}'") -> tuple[str, str]:
    """(" Menade du 'x'?", " Did you mean 'x'?") for the nearest allowed value, or ("", "")."""
    close = difflib.get_close_matches(str(word), list(allowed), n=1, cutoff=cutoff)
    if not close:
        return "", ""
    shown = form.format(close[0])
    return f" Menade du {shown}?", f" Did you mean {shown}?"


class ContentError(Exception):
    """Raised with every problem found, so that an editor sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem i innehållet / {count} problem(s) in the content:"
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))


def relative(path: Path, root: Path) -> str:
    """A path as an editor sees it in the repository (``docs/sv/strategi.md``)."""
    try:
        return path.relative_to(root).as_posix()  # the usual case, without asking the disk
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
