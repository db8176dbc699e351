"""One "page not found" page per language: Swedish at the root, English under /en/.

Each language build writes 404.html at the root, and the last one (English) would win. Each page
carries every language, its own first (overrides/404.html): a server that chooses by folder (nginx)
sends the reader's, and GitHub Pages, which sends only the root one, still reaches every reader.
"""

from __future__ import annotations

from pathlib import Path

from styrdok.checks.site_paths import NOT_FOUND_PAGE


def keep(site_dir: Path, lang: str, kept: dict) -> None:
    """Remember the 404 page that the build of ``lang`` has just written."""
    page = site_dir / NOT_FOUND_PAGE
    if page.is_file():
        kept[lang] = page.read_bytes()


def place(site_dir: Path, kept: dict, original: str) -> None:
    """Write each kept 404 page where its language lives (the original language's at the root)."""
    for lang, content in kept.items():
        target = site_dir / ("" if lang == original else lang) / NOT_FOUND_PAGE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
