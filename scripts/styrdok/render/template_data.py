"""What the templates get from the build's configuration, made safe to print.

MkDocs' templates and the theme's do not escape (Jinja's autoescape is off in MkDocs), and the
theme prints mkdocs.yml's site name, description, author and copyright in several places of its
own (the <title>, the menu's title, the meta description). overrides/main.html hands every
template an ``EscapedConfig`` instead of the configuration: those texts come out escaped for HTML
(as markupsafe.Markup, so a template that escapes does not escape them twice); everything else is
the configuration itself.
"""

from __future__ import annotations

import markupsafe

# The configuration's texts (mkdocs.yml and mkdocs-static-i18n's per-language values).
TEXTS = ("site_name", "site_description", "site_author", "copyright")


class EscapedConfig:
    def __init__(self, config):
        self._config = config

    def _value(self, name: str):
        value = self._config[name]
        return markupsafe.escape(value) if name in TEXTS and isinstance(value, str) else value

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._value(name)
        except KeyError:
            return getattr(self._config, name)

    def __getitem__(self, name: str):
        return self._value(name)

    def __contains__(self, name) -> bool:
        return name in self._config

    def get(self, name: str, default=None):
        return self._value(name) if name in self._config else default

    def __iter__(self):
        return iter(self._config)


def escaped_config(config):
    """For ``{% set config = escaped_config(config) %}``; an already escaped one is kept as it is."""
    return config if isinstance(config, EscapedConfig) else EscapedConfig(config)
