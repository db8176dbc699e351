"""When files last changed, read from git: the day (Stockholm time) of the last commit that changed them.

A page that says when it was last updated must say the day its content changed, not the day it
was built. The answer is None whenever git cannot give it truthfully: no git, no history (a copy
without .git), no commit that touches the files, uncommitted changes to them, or a shallow clone
whose history ends before their last change (the boundary commit would seem to add every file).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_TIMEOUT = 60  # seconds: git answers in milliseconds; a hung git must not hang the build


def _run(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    """git's output, or None when git is missing, root is not in a repository or git fails."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True,
                                timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _git(root: Path, *args: str) -> str | None:
    out = _run(root, list(args))
    return None if out is None else out.decode("utf-8", "replace")


def _day(timestamp: str) -> dt.date:
    return dt.datetime.fromtimestamp(int(timestamp), STOCKHOLM).date()


def _cut_off(root: Path, commit: str) -> bool:
    """True when ``commit`` is where a shallow clone's history ends: what it seems to add may be older."""
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() != "true":
        return False
    shallow = (_git(root, "rev-parse", "--git-path", "shallow") or "").strip()
    path = Path(shallow) if Path(shallow).is_absolute() else Path(root) / shallow
    try:
        return commit in path.read_text(encoding="utf-8").split()
    except OSError:
        return True


def last_changed(root: Path, paths: Iterable[str]) -> dt.date | None:
    """The day of the last commit that changed any of ``paths`` (relative to ``root``), or None."""
    paths = list(paths)
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths)
    if status is None or status.strip():
        return None
    found = (_git(root, "log", "-1", "--format=%H %ct", "--", *paths) or "").split()
    if len(found) != 2 or _cut_off(root, found[0]):
        return None
    return _day(found[1])


def last_changed_part(root: Path, path: str, part: Callable[[str], object]) -> dt.date | None:
    """The day of the last commit that changed ``part(text)`` of one file (some keys of a YAML file,
    say), or None. A commit changed it when the part differs from the part in each of its parents
    (so a merge that only brings in a change is not the change)."""
    committed = _git(root, "show", f"HEAD:./{path}")  # (./: relative to root, as the other paths are)
    try:
        current = (Path(root) / path).read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    if committed is None or part(committed) != part(current):
        return None  # not in git, or the part has changes not yet committed
    log = _git(root, "log", "--format=%H %ct %P", "--", path)
    if not log:
        return None
    commits = [line.split() for line in log.splitlines() if line.strip()]
    wanted = sorted({name for _, _, *parents in commits for name in parents}
                    | {commit for commit, *_ in commits})
    texts = _texts_at(root, wanted, path)

    parts: dict[str, object] = {}

    def part_at(commit: str):
        if commit not in parts:
            text = texts.get(commit)
            parts[commit] = None if text is None else part(text)
        return parts[commit]

    for commit, stamp, *parents in commits:
        if all(part_at(commit) != part_at(parent) for parent in parents or [""]):
            return None if _cut_off(root, commit) else _day(stamp)
    return None


def _texts_at(root: Path, commits: list[str], path: str) -> dict[str, str | None]:
    """The file's text at each commit (None where it did not exist), in one git process."""
    data = _run(root, ["cat-file", "--batch"], "".join(f"{commit}:./{path}\n" for commit in commits).encode()) or b""
    texts: dict[str, str | None] = {}
    at = 0
    for commit in commits:
        end = data.find(b"\n", at)
        if end < 0:
            break
        header = data[at:end].split()
        at = end + 1
        texts[commit] = None
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts[commit] = data[at:at + size].decode("utf-8", "replace")
            at += size + 1
    return texts
