"""The table of contents shows the headings as the page shows them: no attribute may change it.

Python-Markdown's toc extension (Markdown 3.11) names each heading in the table of contents by the
heading's ``data-toc-label`` attribute when it has one, and then removes the attribute, so a
heading could read one thing on the page and another in the table of contents, and the check of
the published HTML would never see why. ``attr_list`` writes that attribute in any of its written
forms (``{: }``, ``{ }``, quoted or not), so the rule is kept on the parsed tree, between the two:

- ``_TakeTocAttributes`` (after attr_list, before toc) takes every such attribute off its element,
  so toc names each heading by its own text;
- ``_PutBack`` (after toc) puts it back, so the published HTML still holds it and the content
  allowlist (published.py) refuses the page, at the line of the attribute in the source
  (published.locate; the source check, safety.py, says the same earlier).

The attribute is matched without regard to case: an element's attributes reach the HTML parser,
which folds their names to small letters.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# What toc reads from a heading besides its text and id (the id is held to the content allowlist).
TOC_ATTRIBUTES = frozenset({"data-toc-label"})


class _TakeTocAttributes(Treeprocessor):
    def __init__(self, md, taken: list):
        super().__init__(md)
        self.taken = taken

    def run(self, root):
        self.taken.clear()
        for element in root.iter():
            for name in [name for name in element.attrib if name.lower() in TOC_ATTRIBUTES]:
                self.taken.append((element, name, element.attrib.pop(name)))


class _PutBack(Treeprocessor):
    def __init__(self, md, taken: list):
        super().__init__(md)
        self.taken = taken

    def run(self, root):
        for element, name, value in self.taken:
            element.set(name, value)
        self.taken.clear()


class TocAsShown(Extension):
    """Keeps attributes that would change the table of contents away from toc (and in the HTML)."""

    def extendMarkdown(self, md):
        taken: list = []
        # attr_list runs at 8 and toc at 5.
        md.treeprocessors.register(_TakeTocAttributes(md, taken), "styrdok_toc_take", 6)
        md.treeprocessors.register(_PutBack(md, taken), "styrdok_toc_put_back", 4)


def makeExtension(**kwargs):
    return TocAsShown(**kwargs)
