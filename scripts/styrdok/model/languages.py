"""The site's languages, read from the one place that sets them: the i18n settings in mkdocs.yml.

The default language (the original) comes first. Nothing is read when the module is imported:
the site's model reads the list once (content.read) and hands it on, and the build takes it from
the loaded configuration.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' own tags (!ENV, !relative); their values do not matter here."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    """mkdocs.yml as plain data (MkDocs' own tags read as None)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag) or {}


def from_config(path: Path) -> tuple[str, ...]:
    config = read_config(path)
    plugins = config.get("plugins") or []
    # MkDocs takes the plugins as a list or as a mapping (name: settings).
    entries = [plugins] if isinstance(plugins, dict) else plugins
    for plugin in entries:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            default = [item["locale"] for item in languages if item.get("default")]
            return tuple(default + [item["locale"] for item in languages if not item.get("default")])
    raise ValueError(f"{path}: no i18n languages")


def of_docs(docs_dir: Path) -> tuple[str, ...]:
    """The languages of the site whose docs/ folder this is (mkdocs.yml stands beside it)."""
    return from_config(Path(docs_dir).parent / "mkdocs.yml")
