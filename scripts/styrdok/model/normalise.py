"""Text as facts are compared: one written form for dates, reference numbers, phone numbers and
e-mail addresses, whatever characters an editor (or a word processor) typed them with.

A date written with a non-breaking hyphen (U+2011), an en dash or a minus sign, or with full-width
digits, looks the same to a reader as one written with '-' and ASCII digits, but a pattern that
looks for ``2016-12-12`` does not see it: a wrong fact written that way would escape the comparison
between the Swedish and the English page, and a right one would be reported as missing. This is the
first step of styrdok.facts, which reads every fact (pages, register, source check, search) only
after ``for_facts``; site.js's forFacts is its twin. Invisible and bidirectional control characters
are refused where the files are read (tree.py); this module only normalises.
"""

from __future__ import annotations

import re
import unicodedata

# Every dash and hyphen: Unicode's dash punctuation (category Pd: U+2010–U+2015, U+FE58, U+FE63,
# U+FF0D …; a unit test holds this list to Python's Unicode data) and the characters outside it that
# are drawn as one: the soft hyphen, the modifier minus, the hyphen bullet, the minus signs.
DASHES = ("\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b"
          "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
          "\u00ad\u02d7\u2043\u2212\u2796")
# Slashes drawn like '/' (the fraction, division and big solidus; NFKC already folds the full-width one).
SLASHES = "\u2044\u2215\u29f8"
_TABLE = {**{ord(c): "-" for c in DASHES}, **{ord(c): "/" for c in SLASHES}}
# A digit of another script (Arabic-Indic, Devanagari …): NFKC leaves these as they are.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def for_facts(text: str) -> str:
    """``text`` in the one form facts are compared in: NFKC (full-width and other compatibility
    forms become plain letters, digits and spaces: U+00A0 and U+202F become a space), every dash and
    hyphen becomes '-', digits of every script ASCII digits, slash look-alikes '/'.

    Lines stay lines: no character becomes a line break or is removed, so a line number found in
    the normalised text is the line in the file."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)
