"""The site's own interface text, in one bilingual data file (docs/_data/ui.yml).

Python (views, HTML fixes, the glossary), the templates (a Jinja global per language) and the
search box (through the templates' data attributes) all read it from here.
"""

from __future__ import annotations

from pathlib import Path

from . import yamlfile
from .languages import LANGUAGES
from .problems import ContentError, Problem

FILE = "_data/ui.yml"


def load(docs_dir: Path) -> dict[str, dict[str, str]]:
    """{language: {key: text}}; every key needs a text in every language."""
    file = f"docs/{FILE}"
    data = yamlfile.load(docs_dir / FILE, file)
    if not isinstance(data, dict):
        raise ContentError([Problem(file, 1, "Filen ska bestå av namn med en svensk och en engelsk text.",
                                    "The file must hold names, each with a Swedish and an English text.",
                                    "Skriv namn: och under det sv: och en:.", "Write name: and below it sv: and en:.")])
    texts: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    problems = []
    for key, value in data.items():
        if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in LANGUAGES):
            problems.append(Problem(file, data.lines.get(key), f"'{key}' ska ha en svensk (sv:) och en engelsk (en:) text.",
                                    f"'{key}' must have a Swedish (sv:) and an English (en:) text.",
                                    f"Skriv {key}: och under det sv: … och en: ….",
                                    f"Write {key}: and below it sv: … and en: ….."))
            continue
        for lang in LANGUAGES:
            texts[lang][key] = value[lang]
    if problems:
        raise ContentError(problems)
    return texts
