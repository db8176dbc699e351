"""A Jinja bytecode cache kept in memory: each template is compiled once per process.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n builds once per
language, so without a cache every template is compiled again for each language and on each live
reload. Jinja checks each cached entry against the template's source, so an edited template is
compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


class RenderedOnce:
    """A part of every page that differs only by the page's depth (its links are relative), rendered
    once per depth: ``{% call once("name", base_url) %}…{% endcall %}``. Made new for each build of
    each language, so an edited template or text is rendered again."""

    def __init__(self) -> None:
        self._store: dict[tuple, str] = {}

    def __call__(self, *key, caller):
        if key not in self._store:
            self._store[key] = caller()
        return self._store[key]
