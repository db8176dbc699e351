"""Where each file under docs/ is published, and which published paths belong to the theme or the build.

MkDocs publishes every file under docs/ that is not a page at its own path, and a file under docs/
takes the place of a theme file of the same path ("theme files do not override docs_dir files"): a
docs/assets/images/favicon.png replaces the theme's icon on every page. A file published where the
build writes one of its own (feed.xml, register.json, pagefind/, …) would replace it or be replaced.
So such a file is refused, with the fix, unless SITE_OWN lists its path as the site's own version.

The theme's files are read from the installed theme (MkDocs' theme folders: mkdocs.yml's
custom_dir, the theme's package folder, MkDocs' own templates), never from a hand-made list.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
from pathlib import Path

from styrdok import search
from styrdok.model.files import files_under
from styrdok.model.languages import read_config
from styrdok.problems import Problem, relative
from styrdok.render import views

# Published paths that the site replaces on purpose (for example "assets/images/favicon.png" for a
# favicon of its own). Empty: the site replaces no file of the theme's or the build's.
SITE_OWN: frozenset[str] = frozenset()

# Folders under docs/ that are never published (mkdocs.yml's exclude_docs).
NOT_PUBLISHED = ("_includes", "_data")
# Files the build writes besides the pages and the theme's files, as published paths.
NOT_FOUND_PAGE = "404.html"              # one per language (styrdok.notfound)
HEADERS_FILE = "_headers"                # styrdok.headers, written by pipeline.finish
PAGEFIND_FOLDER = "pagefind"             # the search bundle, written by pipeline.SiteBuild.finish
SEARCH_FOLDER = search.IDENTIFIERS_FILE.split("/")[0]   # the search's identifiers and words
SITEMAP_GZ = "sitemap.xml.gz"            # MkDocs writes the theme's sitemap.xml compressed beside it


def build_files(languages: tuple[str, ...]) -> frozenset[str]:
    """Every file the build itself writes (besides pages and theme files), in every language."""
    per_language = [name for lang in languages for name in (views.file_path(NOT_FOUND_PAGE, lang, languages[0]),
                                                             views.file_path(views.FEED_FILE, lang, languages[0]))]
    return frozenset([*per_language, views.JSON_FILE, HEADERS_FILE, SITEMAP_GZ])


def build_folders(languages: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Folders whose every file the build writes: the search's, and each language's version
    history (render/history.py)."""
    history = tuple(views.file_path(f"{views.HISTORY_FOLDER}/", lang, languages[0]) for lang in languages)
    return (f"{PAGEFIND_FOLDER}/", f"{SEARCH_FOLDER}/", *history)


def theme_dirs(root: Path) -> list[Path]:
    """The theme's folders in MkDocs' order: custom_dir, the theme's package folder, MkDocs' own
    templates (the sitemap)."""
    theme = read_config(root / "mkdocs.yml").get("theme") or {}
    theme = theme if isinstance(theme, dict) else {"name": theme}
    found = []
    if theme.get("custom_dir"):
        found.append(root / theme["custom_dir"])
    module = next((entry.value for entry in importlib.metadata.entry_points(group="mkdocs.themes")
                   if entry.name == theme.get("name")), None)
    for name in (module, "mkdocs"):
        spec = importlib.util.find_spec(name) if name else None
        if spec and spec.submodule_search_locations:
            folder = Path(list(spec.submodule_search_locations)[0])
            found.append(folder if name == module else folder / "templates")
    return found


@functools.lru_cache(maxsize=4)
def theme_files(root: Path) -> frozenset[str]:
    """Every file of the theme's folders that MkDocs could publish, as a published path. (MkDocs
    leaves out names starting with a dot and Python files; the templates are included, since the
    static ones are published under their names.)"""
    found = set()
    for folder in theme_dirs(root):
        for parent, folders, names in os.walk(folder):
            folders[:] = [name for name in folders if not name.startswith(".") and name != "__pycache__"]
            base = os.path.relpath(parent, folder).replace(os.sep, "/")
            for name in names:
                if not name.startswith(".") and not name.endswith((".py", ".pyc")):
                    found.add(name if base == "." else f"{base}/{name}")
    return frozenset(found)


def published_path(rel: str, languages: tuple[str, ...]) -> str | None:
    """Where a file under docs/ (``rel``, relative to it) is published, or None if it is not.

    Language folders are published under their language's path (the original's at the root);
    files outside them at the root (mkdocs-static-i18n; measured). A page ``x.md`` becomes
    ``x/index.html`` (``index.md``: ``index.html``), as with MkDocs' directory URLs."""
    top, _, inner = rel.partition("/")
    if top in NOT_PUBLISHED:
        return None
    if top in languages and inner:
        prefix = "" if top == languages[0] else f"{top}/"
    else:
        prefix, inner = "", rel
    if inner.endswith(".md"):
        stem = inner[: -len(".md")]
        inner = f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"
    return prefix + inner


def check(docs_dir: Path, root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """Files under docs/ that would take the place of a theme file, a file the build writes, a file
    of another language or another file under docs/."""
    docs = relative(docs_dir, root)
    theme, written, folders = theme_files(root), build_files(languages), build_folders(languages)
    other_languages = tuple(f"{lang}/" for lang in languages[1:])
    seen: dict[str, str] = {}
    problems = []
    for rel in files_under(docs_dir):
        dest = published_path(rel, languages)
        if dest is None or dest in SITE_OWN:
            continue
        reason = None
        if dest in theme:
            reason = ("temats fil med samma namn", "the theme's file of the same name")
        elif dest in written or dest.startswith(folders):
            reason = ("en fil som bygget själv skriver där", "a file the build itself writes there")
        elif dest.startswith(other_languages) and not rel.startswith(other_languages):
            lang = dest.split("/")[0]
            reason = (f"en sida på språket {lang}, som publiceras under {lang}/",
                      f"a page in the language {lang}, which is published under {lang}/")
        elif dest in seen:
            reason = (f"{docs}/{seen[dest]}, som publiceras där", f"{docs}/{seen[dest]}, which is published there")
        seen.setdefault(dest, rel)
        if reason is None:
            continue
        name = rel.rsplit("/", 1)[-1]
        if rel.endswith(".md"):
            move_sv = move_en = ""
        else:
            move_sv = f", till exempel till {docs}/{languages[0]}/bilder/{name}"
            move_en = f", for example to {docs}/{languages[0]}/bilder/{name}"
        problems.append(Problem(
            f"{docs}/{rel}", None,
            f"Filen skulle publiceras som {dest} och ta platsen för {reason[0]}.",
            f"The file would be published as {dest} and take the place of {reason[1]}.",
            f"Byt namn på filen eller flytta den{move_sv}. Ska webbplatsen ha en egen version av filen, "
            f"lägger en utvecklare till '{dest}' i SITE_OWN i scripts/styrdok/checks/site_paths.py.",
            f"Rename the file or move it{move_en}. If the site is to have its own version of the file, a "
            f"developer adds '{dest}' to SITE_OWN in scripts/styrdok/checks/site_paths.py."))
    return problems
