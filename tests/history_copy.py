"""A copy of the project put in git with a history made here (issue 26's done-when), built once per
test session and shared by test_history_site.py and test_history_browser.py.

The history, each change on its own branch merged into main with --no-ff, as a pull request is
merged (the merges are main's first-parent commits, dated by the committer date given here):

- ``base``:        the whole project, as one commit;
- ``fragment``:    a wording change in a Swedish fragment (and the source text it copies word for
                   word), with a change note in both languages;
- ``translation``: the English translation of that change, marked as a change of language only,
                   its translations recorded (docs.py translated);
- ``register``:    a register change: a document's note, in both languages;
- ``mistake``:     a paragraph on another Swedish page that should not have been published;
- ``removal``:     the paragraph taken away, and the ``mistake`` version withdrawn (withdrawn.yml).

Times are chosen so that the Stockholm day differs from the UTC day (winter and summer time): a
date from UTC would be wrong. Everything a test expects is derived from the files and the commits
made here (``HistoryCopy``), never from today's wording.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from conftest import LANGUAGES, ORIGINAL, copy_project, made_once_per_run, run_build
from styrdok.model import markers
from styrdok.model.content import REGISTER_FILE as REGISTER
from styrdok.pipeline import GENERATED_READS

STOCKHOLM = ZoneInfo("Europe/Stockholm")
GIT = ["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.org", "-c", "commit.gpgsign=false",
       "-c", "core.autocrlf=false"]
# What an editor types on an ordinary page: critic markup, which only the redline renderer reads.
CRITIC_TYPED = "Skriv {++så här++} och {--inte så--}."

# (name, committer time in UTC, the merge's title, its change notes by language, "Ändringstyp: språk");
# the day in Stockholm is not the day in UTC.
CHANGES = [
    ("base", "2026-01-05T12:00:00+00:00", "Webbplatsen", {"sv": "Webbplatsen publicerades.", "en": "The site was published."}, False),
    ("fragment", "2026-03-10T23:30:00+00:00",   # 00:30 on 11 March in Stockholm (UTC+1)
     "Ny lydelse i syftet", {"sv": "Ett ord i syftet byttes.", "en": "A word in the purpose was replaced."}, False),
    ("translation", "2026-03-12T10:00:00+00:00", "English purpose", {"en": "The translation follows the Swedish text."}, True),
    ("register", "2026-06-30T22:30:00+00:00",   # 00:30 on 1 July in Stockholm (UTC+2)
     "Registrets anteckning", {"sv": "Anteckningen i registret fick en mening till.",
                               "en": "The register's note got one more sentence."}, False),
    ("mistake", "2026-08-03T09:00:00+00:00", "Ett utkast", {}, False),
    ("removal", "2026-08-04T09:00:00+00:00", "Utkastet togs bort", {"sv": "Ett utkast togs bort.", "en": "A draft was removed."}, False),
]
TRAILERS = {"sv": "Ändring", "en": "Change"}


def message(number: int, title: str, notes: dict, language_only: bool) -> str:
    """A merge commit's message as GitHub writes it, the pull request's description holding the
    editor's trailers (README, "Version history")."""
    lines = [f"Merge pull request #{number} from redaktor/andring-{number}", "", title, ""]
    lines += [f"{TRAILERS[lang]}: {text}" for lang, text in notes.items()]
    lines += ["Ändringstyp: språk"] if language_only else []
    return "\n".join(lines) + "\n"


WITHDRAWN_REASON = {"sv": "Ett utkast som inte skulle publiceras.", "en": "A draft that should not have been published."}
MISTAKE = "Det här stycket är ett utkast som inte skulle publiceras."


@dataclass
class HistoryCopy:
    project: Path
    site: Path
    commits: dict[str, str] = field(default_factory=dict)       # name → commit id
    days: dict[str, dt.date] = field(default_factory=dict)      # name → the day in Stockholm
    utc_days: dict[str, dt.date] = field(default_factory=dict)  # name → the day in UTC
    changed: dict[str, set[str]] = field(default_factory=dict)  # name → pages (sv/strategi.md) it changes
    fragment: str = ""       # the Swedish fragment changed (sv/arendet-x.md, under _includes)
    fragment_lines: tuple[str, str] = ("", "")   # its text before and after the change
    critic_page: str = ""    # the page with CRITIC_TYPED
    mistake_page: str = ""   # the page of the withdrawn version
    control: dict[str, str] = field(default_factory=dict)  # lang → a page only ``base`` changed
    build_output: str = ""

    def versions(self, page: str) -> list[str]:
        """The names of the changes that are versions of a page (docs-relative), oldest first."""
        return [change[0] for change in CHANGES if page in self.changed[change[0]]]

    @staticmethod
    def note(name: str, lang: str) -> tuple[str, str]:
        """The change note a history page shows for a change (text, its language): the editor's in
        this language, else in the other."""
        notes = next(change[3] for change in CHANGES if change[0] == name)
        shown = lang if lang in notes else next(iter(notes))
        return notes[shown], shown

    @staticmethod
    def language_only(name: str) -> bool:
        return next(change[4] for change in CHANGES if change[0] == name)

    def version_id(self, name: str) -> str:
        """The id in a version's address: its Stockholm day and the commit's first ten characters."""
        return f"{self.days[name].isoformat()}-{self.commits[name][:10]}"

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def git(folder: Path, *args: str, when: str | None = None) -> str:
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    if when:
        env.update(GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when)
    return subprocess.run([*GIT, "-C", str(folder), *args], env=env, check=True, capture_output=True,
                          text=True).stdout


def includers(docs: Path, lang: str, fragment: str) -> set[str]:
    """The pages of a language that include a fragment (``sv/arendet-syfte.md``)."""
    return {f"{lang}/{path.name}" for path in sorted((docs / lang).glob("*.md"))
            if f"{{!{lang}/{fragment}!}}" in path.read_text(encoding="utf-8")}


def _merge(project: Path, name: str, when: str, message: str, change) -> str:
    git(project, "checkout", "-q", "-b", name)
    change()
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", name, when=when)
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", name, "-m", message, when=when)
    return git(project, "rev-parse", "HEAD").strip()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def make(folder: Path) -> HistoryCopy:
    project = copy_project(folder / "project")
    docs = project / "docs"
    made = HistoryCopy(project, folder / "site")
    register = yaml.safe_load((docs / "_data" / "register.yml").read_text(encoding="utf-8"))
    sources = [path for path in sorted((docs / "_data").glob("*.txt")) if not path.name.startswith("ordlista")]

    # The Swedish fragment copied word for word from a source text, with an " och " to change.
    def copied(path: Path) -> str | None:
        line = path.read_text(encoding="utf-8").strip()
        return line if " och " in line and any(line in source.read_text(encoding="utf-8") for source in sources) else None
    fragment = next(path for path in sorted((docs / "_includes" / ORIGINAL).glob("*.md"))
                    if copied(path) and includers(docs, ORIGINAL, path.name))
    made.fragment = f"{ORIGINAL}/{fragment.name}"
    line = copied(fragment)
    english = docs / "_includes" / "en" / fragment.name
    assert " and " in english.read_text(encoding="utf-8")
    noted = next(doc for doc in register["documents"] if isinstance(doc.get("note"), dict)
                 and includers(docs, ORIGINAL, fragment.name) & {f"{ORIGINAL}/{doc['page']}"})
    other = next(doc for doc in register["documents"] if doc["id"] != noted["id"]
                 and f"{ORIGINAL}/{doc['page']}" not in includers(docs, ORIGINAL, fragment.name))
    pages = {f"{lang}/{path.name}" for lang in LANGUAGES for path in (docs / lang).glob("*.md")}
    documents = {f"{lang}/{doc['page']}" for doc in register["documents"] for lang in LANGUAGES}
    for lang in LANGUAGES:
        # A page that no change here touches: no document, no generated part, not the fragment.
        made.control[lang] = next(page for page in sorted(pages) if page.startswith(f"{lang}/")
                                  and page not in documents and "<!--" not in (docs / page).read_text(encoding="utf-8")
                                  and page not in includers(docs, lang, fragment.name))
    made.critic_page = made.control[ORIGINAL]
    made.mistake_page = f"{ORIGINAL}/{other['page']}"
    with (docs / made.critic_page).open("a", encoding="utf-8") as file:
        file.write(f"\n{CRITIC_TYPED}\n")

    git(project, "init", "-q", "-b", "main")

    def base():
        pass

    def change_fragment():
        new = line.replace(" och ", " samt ", 1)
        made.fragment_lines = (line, new)
        _replace(fragment, line, new)
        for source in sources:
            if line in source.read_text(encoding="utf-8"):
                _replace(source, line, new)

    def translate():
        text = english.read_text(encoding="utf-8")
        english.write_text(text.replace(" and ", " as well as ", 1), encoding="utf-8")
        for page in sorted(includers(docs, "en", fragment.name)):
            subprocess.run([sys.executable, str(project / "scripts" / "docs.py"), "translated", str(docs / page)],
                           cwd=project, check=True, capture_output=True)

    def change_register():
        path = docs / "_data" / "register.yml"
        for lang, sentence in (("sv", "Texten är densamma som i beslutet."), ("en", "The text is the same as in the decision.")):
            note = noted["note"][lang]
            _replace(path, f"      {lang}: {note}\n", f"      {lang}: {note} {sentence}\n")

    def add_mistake():
        with (docs / made.mistake_page).open("a", encoding="utf-8") as file:
            file.write(f"\n{MISTAKE}\n")

    def remove_mistake():
        _replace(docs / made.mistake_page, f"\n{MISTAKE}\n", "")
        entry = {"commit": made.commits["mistake"][:10], "reason": WITHDRAWN_REASON}
        path = docs / "_data" / "withdrawn.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^withdrawn: \[\]$", yaml.safe_dump({"withdrawn": [entry]}, allow_unicode=True,
                                                                     sort_keys=False).rstrip(), text, flags=re.M),
                        encoding="utf-8")

    steps = {"base": base, "fragment": change_fragment, "translation": translate, "register": change_register,
             "mistake": add_mistake, "removal": remove_mistake}
    for number, (name, when, title, notes, language_only) in enumerate(CHANGES):
        if name == "base":
            git(project, "add", "-A")
            git(project, "commit", "-q", "-m", f"{title}\n\n" + "".join(f"{TRAILERS[lang]}: {text}\n" for lang, text in notes.items()),
                when=when)
            made.commits[name] = git(project, "rev-parse", "HEAD").strip()
        else:
            made.commits[name] = _merge(project, name, when, message(number, title, notes, language_only), steps[name])
        stamp = dt.datetime.fromisoformat(when)
        made.days[name] = stamp.astimezone(STOCKHOLM).date()
        made.utc_days[name] = stamp.date()
    made.changed = {
        "base": pages,
        "fragment": includers(docs, ORIGINAL, fragment.name),
        "translation": includers(docs, "en", fragment.name),
        # The document's pages, and every page with a generated part made from the register.
        "register": {f"{lang}/{noted['page']}" for lang in LANGUAGES} | {
            page for page in pages if any(REGISTER in (GENERATED_READS.get(name) or ())
                                          for name in markers.MARKER.findall((docs / page).read_text(encoding="utf-8")))},
        "mistake": {made.mistake_page},
        "removal": {made.mistake_page},
    }
    result = run_build(project, made.site)
    made.build_output = result.stdout + result.stderr
    assert result.returncode == 0, made.build_output
    return made


@functools.cache
def built() -> HistoryCopy:
    """The copy, built once per test session, whatever the number of workers (conftest's
    made_once_per_run). Without workers, the process builds it and removes it at exit."""
    copy = made_once_per_run("history", make)
    if copy is None:
        folder = Path(tempfile.mkdtemp(prefix="styrdok-history-"))
        folder.chmod(0o755)  # (nginx's workers read the site)
        atexit.register(shutil.rmtree, folder, True)
        copy = make(folder)
    return copy
