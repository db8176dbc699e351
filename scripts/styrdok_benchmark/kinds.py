"""What the benchmark builds: generated corpora, and the kinds of build as overlays of mkdocs.yml.

Each kind is a configuration overlay (MkDocs' ``INHERIT:``) over the project's own mkdocs.yml,
which lists its plugins as a mapping so that an overlay changes one plugin's settings only.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from styrdok.model import languages
from styrdok_testing.localhost import ROOT

OVERLAY = "benchmark.yml"

# name: (what it is, the settings it changes)
KINDS: dict[str, tuple[str, dict]] = {
    "ours": ("this site", {}),
    "ours-nosplit": ("this site without splitting Swedish compounds in the search index (compounds: false)",
                     {"plugins": {"styrdok": {"compounds": False}}}),
    "ours-search": ("this site without the search index (index: false): what our other steps and checks cost",
                    {"plugins": {"styrdok": {"index": False}}}),
    # Our templates read the interface text from our plugin, so the baselines use the theme's own.
    # An empty folder of overrides: the theme's own templates only.
    "stock": ("stock Material for MkDocs with its lunr search: our settings and pages, without our "
              "templates and plugin", {"theme": {"custom_dir": "no-overrides"},
                                       "plugins": {"search": {}, "styrdok": {"enabled": False}}}),
    "bare": ("the same without any search", {"theme": {"custom_dir": "no-overrides"},
                                             "plugins": {"styrdok": {"enabled": False}}}),
}
# Measured in the browser too.
READ_KINDS = ("ours", "ours-nosplit", "stock")


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' own tags (!ENV, !relative); only its nav is read here."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def source_sentences(lang: str) -> list[str]:
    folder = ROOT / "docs" / "_includes" / lang
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md")))
    return [s.strip() for s in re.split(r"(?<=\.)\s+", text) if s.strip()]


def make_project(target: Path, documents: int, kind: str = "ours") -> Path:
    """A copy of the project with `documents` generated pages per language and the overlay of
    `kind` (build it with ``mkdocs build -f benchmark.yml``).

    The pages are grouped as a growing register would be: groups of ten sections of ten
    documents (korpus/GG/SS/dNNNN.md), so that each page's menu shows its own branch only.
    """
    (target / "no-overrides").mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", ".pymarkdown.json", "package-lock.json"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        elif source.exists():
            shutil.copy2(source, target / name)

    def path(number: int) -> str:
        return f"korpus/{number // 100:02d}/{number // 10 % 10:02d}/d{number:04d}.md"

    for lang in languages.from_config(ROOT / "mkdocs.yml"):
        sentences = source_sentences(lang)
        words = "Dokument" if lang == "sv" else "Document"
        for number in range(documents):
            page = target / "docs" / lang / path(number)
            page.parent.mkdir(parents=True, exist_ok=True)
            body = "\n\n".join(sentences[(number + i) % len(sentences)] for i in range(8))
            page.write_text(
                f"---\ntitle: {words} {number}\ndescription: {words} {number}, "
                f"{sentences[number % len(sentences)][:60]}\n---\n\n# {words} {number}\n\n"
                f"## {'Innehåll' if lang == 'sv' else 'Content'} {{#innehall}}\n\n{body}\n", encoding="utf-8")
    nav = list(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)["nav"])
    groups: list = []
    for number in range(documents):
        if number % 100 == 0:
            groups.append({f"Korpus {number // 100:02d}": []})
        if number % 10 == 0:
            next(iter(groups[-1].values())).append({f"Avsnitt {number // 10:03d}": []})
        next(iter(next(iter(groups[-1].values()))[-1].values())).append(path(number))
    overlay = {"INHERIT": "mkdocs.yml", "nav": nav + groups, **KINDS[kind][1]}
    (target / OVERLAY).write_text(f"# The benchmark's kind '{kind}': {KINDS[kind][0]}.\n"
                                  + yaml.safe_dump(overlay, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
