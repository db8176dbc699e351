"""The site's own markers in Markdown: ``<!-- generated: NAME -->`` inserts text made from the data.

One list of names, used where the markers are expanded (content.expand_markers, called by
pipeline.page_markdown before Markdown runs) and where comments are judged: a marker with a known
name is the only HTML comment an editor may write (safety.py in the source, published.py in the
output); any other comment is refused, because parsers disagree on where a comment ends.
"""

from __future__ import annotations

import re

from styrdok.problems import Problem, did_you_mean

# The names pipeline.SiteBuild.page_markdown has a handler for (tests/test_hostile_output.py
# proves the two agree).
GENERATED = (
    "accessibility-assessment",
    "accessibility-compliance",
    "accessibility-contact",
    "accessibility-dates",
    "accessibility-gaps",
    "accessibility-review",
    "accessibility-technical",
    "changelog",
    "current-rules-contact",
    "editorial-changes",
    "glossary",
    "privacy-operator",
    "register-table",
    "status-overview",
)

# A marker as written in Markdown. Linear: a match starts only at a literal "<!--", and each part
# runs over characters the part before it cannot take (the name gives back at most its own run).
MARKER = re.compile(r"<!--\s*generated:\s*([\w-]+)\s*-->")
# The same marker as an HTML parser gives a comment's text (without <!-- and -->).
_COMMENT_TEXT = re.compile(r"\s*generated:\s*([\w-]+)\s*")


def known_comment(text: str) -> bool:
    """True when an HTML comment's text is one of the site's own markers with a known name."""
    match = _COMMENT_TEXT.fullmatch(text)
    return bool(match) and match.group(1) in GENERATED


def unknown(file: str, line: int | None, name: str) -> Problem:
    """A marker whose name the site does not know."""
    hint_sv, hint_en = did_you_mean(name, GENERATED)
    return Problem(file, line, f"Okänd markering 'generated: {name}'.{hint_sv}",
                   f"Unknown marker 'generated: {name}'.{hint_en}",
                   f"Använd en av: {', '.join(GENERATED)}.", f"Use one of: {', '.join(GENERATED)}.")
