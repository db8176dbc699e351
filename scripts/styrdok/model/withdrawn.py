"""Withdrawn versions: docs/_data/withdrawn.yml lists commits whose versions of the pages must not be
published (a mistake, an erasure request), each with its reason in every language of the site.

A withdrawn version is never read: it is not shown, not compared in a redline, and the page's
history says that a version was withdrawn and why. The file's form is checked with the other data
(content.read); that each commit made a version, and is not the version a page shows today, is
checked by the build, which reads the history (pipeline.SiteBuild.start, ``check_commits``).
"""

from __future__ import annotations

import re
from pathlib import Path

from styrdok.model import yamlfile
from styrdok.problems import ContentError, Problem, did_you_mean

FILE = "_data/withdrawn.yml"
_COMMIT = re.compile(r"^[0-9a-f]{7,40}$")
FIELDS = ("commit", "reason")


def load(docs_dir: Path, languages: tuple[str, ...]) -> list[dict]:
    """[{"commit": "6d94d25", "reason": {"sv": …, "en": …}, "line": n}]; ContentError with every
    mistake and its line. No file: nothing is withdrawn."""
    path = Path(docs_dir) / FILE
    file = f"docs/{FILE}"
    if not path.is_file():
        return []
    data = yamlfile.load(path, file)
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"withdrawn"} or not isinstance(data["withdrawn"], list | None):
        raise ContentError([Problem(
            file, 1, "Filen ska ha listan withdrawn: och inget annat.",
            "The file must hold the list withdrawn: and nothing else.",
            "Skriv withdrawn: och under det en rad '- commit: …' med reason: för varje version som dras tillbaka "
            "(se exemplet i filen).",
            "Write withdrawn: and below it a line '- commit: …' with reason: for each version withdrawn "
            "(see the example in the file).")])
    found, problems = [], []
    for item in data["withdrawn"] or []:
        line = getattr(item, "line", None) or data.lines.get("withdrawn")
        if not isinstance(item, dict):
            problems.append(Problem(file, line, "Varje rad under withdrawn: ska ha commit: och reason:.",
                                    "Each entry under withdrawn: must have commit: and reason:.",
                                    "Skriv '- commit: …' och på raderna under reason: med sv: och en:.",
                                    "Write '- commit: …' and on the lines below reason: with sv: and en:."))
            continue
        lines = getattr(item, "lines", {})
        for key in item:
            if key not in FIELDS:
                hint_sv, hint_en = did_you_mean(str(key), FIELDS)
                problems.append(Problem(file, lines.get(key), f"Okänt fält '{key}'.{hint_sv}",
                                        f"Unknown field '{key}'.{hint_en}",
                                        "Använd bara commit: och reason:.", "Use only commit: and reason:."))
        commit = item.get("commit")
        if not isinstance(commit, str) or not _COMMIT.match(commit.strip().lower()):
            problems.append(Problem(
                file, lines.get("commit", line),
                f"commit: '{commit}' är inte ett id för en version (7–40 tecken 0–9 och a–f).",
                f"commit: '{commit}' is not the id of a version (7–40 characters 0–9 and a–f).",
                "Skriv id:t inom citattecken som det står i adressen till versionen på historiksidan, till "
                "exempel commit: \"6d94d25a1c\".",
                "Write the id in quotes as it stands in the address of the version on the history page, for "
                "example commit: \"6d94d25a1c\"."))
            commit = None
        reason = item.get("reason")
        missing = [lang for lang in languages
                   if not isinstance(reason, dict) or not isinstance(reason.get(lang), str) or not reason[lang].strip()]
        if missing:
            problems.append(Problem(
                file, lines.get("reason", line),
                f"reason: saknar skälet på {', '.join(missing)}.", f"reason: lacks the reason in {', '.join(missing)}.",
                "Skriv skälet under reason: på varje språk, till exempel sv: En felaktig uppgift. och en: A wrong fact.",
                "Write the reason under reason: in every language, for example sv: En felaktig uppgift. and "
                "en: A wrong fact."))
        if commit is not None and not missing:
            found.append({"commit": commit.strip().lower(), "reason": {lang: reason[lang].strip() for lang in languages},
                          "line": lines.get("commit", line)})
    if problems:
        raise ContentError(problems)
    return found


def check_commits(entries: list[dict], made_versions: dict[str, list[str]], latest: dict[str, str]) -> tuple[dict, list[Problem]]:
    """Each entry's commit resolved among the commits that made versions (``made_versions``: full
    id → the pages it changed), or a problem: no such version (with the nearest ids), more than one,
    or the version a page shows today (``latest``: full id → a page whose latest version it is).
    Returns ({full id: reason}, problems)."""
    file = f"docs/{FILE}"
    resolved, problems = {}, []
    for entry in entries:
        matches = [commit for commit in made_versions if commit.startswith(entry["commit"])]
        if not matches:
            hint_sv, hint_en = did_you_mean(entry["commit"], [commit[:len(entry["commit"])] for commit in made_versions],
                                            cutoff=0.5)
            problems.append(Problem(
                file, entry["line"], f"Ingen version av någon sida har commit '{entry['commit']}'.{hint_sv}",
                f"No version of any page has the commit '{entry['commit']}'.{hint_en}",
                "Kopiera id:t från adressen till versionen på sidans historiksida (det som står efter datumet).",
                "Copy the id from the address of the version on the page's history page (what follows the date)."))
        elif len(matches) > 1:
            problems.append(Problem(
                file, entry["line"], f"commit '{entry['commit']}' passar flera versioner.",
                f"commit '{entry['commit']}' matches several versions.",
                "Skriv fler tecken av id:t, som det står i adressen till versionen.",
                "Write more characters of the id, as it stands in the address of the version."))
        elif matches[0] in latest:
            problems.append(Problem(
                file, entry["line"],
                f"Versionen '{entry['commit']}' är den som sidan {latest[matches[0]]} visar nu. Den kan inte dras tillbaka.",
                f"The version '{entry['commit']}' is the one the page {latest[matches[0]]} shows now. It cannot be withdrawn.",
                "Ändra först texten på sidan så att det som ska bort inte står kvar, och dra sedan tillbaka versionen.",
                "First change the page's text so that what must go is no longer there, then withdraw the version."))
        else:
            resolved[matches[0]] = entry["reason"]
    return resolved, problems
