"""Wide tables scroll inside their own box on a phone instead of widening the page (WCAG 1.4.10).

Added where tables are made: a Markdown treeprocessor that runs after the tables extension wraps
each table in the markup Material's script would have added (the site does not load that script).
A box that scrolls must be reachable by keyboard (WCAG 2.1.1), so it takes focus and is a region
named in the page's language: ``label`` is ui.yml's ``table_region``, set per language by the
site's plugin (mkdocs_styrdok, on_config). The content allowlist (published.py) accepts exactly
this wrapper and nothing like it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

OUTER_CLASS, INNER_CLASS = "md-typeset__scrollwrap", "md-typeset__table"


class _WrapTables(Treeprocessor):
    def __init__(self, md, label: str):
        super().__init__(md)
        self.label = label

    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                outer = ET.Element("div", {"class": OUTER_CLASS, "tabindex": "0", "role": "region",
                                           "aria-label": self.label})
                inner = ET.SubElement(outer, "div", {"class": INNER_CLASS})
                parent.remove(child)
                inner.append(child)
                outer.tail, child.tail = child.tail, None
                parent.insert(index, outer)


class ScrollableTables(Extension):
    def __init__(self, **kwargs):
        self.config = {"label": ["", "The name of each table's scrolling region (ui.yml's table_region)."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # The tables extension makes <table> in a block processor; this runs on the finished tree,
        # before the toc (5) and the serialiser.
        md.treeprocessors.register(_WrapTables(md, self.getConfig("label")), "styrdok_tables", 7)


def makeExtension(**kwargs):
    return ScrollableTables(**kwargs)
