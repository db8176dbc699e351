"""Facts in one grammar each: reference numbers, dates, e-mail addresses and Swedish phone numbers.

Everything that reads one of these kinds reads it here: the comparison of the Swedish and English
pages (``find``), the register's and the operator's typed values (``parse``), the register's check
against its source texts (``Facts``) and the search's identifiers (``identifier_key``, whose twin in
overrides/assets/javascripts/site.js is held to the same table of cases:
tests/fixtures/facts_cases.json). The rules, one for each kind, wherever it is read:

- Text is read in the one written form of facts (normalise.for_facts, the first step): any dash is
  '-', digits of every script and full-width digits are ASCII digits, a non-breaking space is a
  space. A typed value (register, operator settings) is already in that form: ASCII only.
- A fact is found whole, and only whole: never the part of a longer run of digits, dashes, address
  or phone characters (``x/171-482/2016``, ``12016-12-12``, ``08-508 28 5901`` are none).
- Reference number, standard form: ``digits-digits/year`` (four-digit year), any number of digits,
  compared with every number written without leading zeros: ``0171-0482/2016`` is ``171-482/2016``
  on the pages, in the register, in its source check and in the search alike.
- Reference number of another form (``SBR 2017/12``): a few words of letters, digits and signs, as
  the register accepts it. No pattern can tell such a number from ordinary words, so it is no page
  fact; a text holds it where it stands as whole words, compared as ``identifier_key`` writes both
  (no leading zeros, small letters, single spaces).
- Date: ``YYYY-MM-DD``. A typed date must also be a day of the calendar; on a page every date-shaped
  fact counts, so that two different impossible dates cannot hide from the comparison.
- E-mail address: ASCII letters, digits and ``._%+-``, '@', and a domain of at least two labels;
  compared without regard to case (written in small letters).
- Swedish phone number: area code with its 0, '-', and groups of two or three digits separated by
  single spaces (``08-508 28 590``), or the international form ``+46 8 508 28 590``, which is the
  same number (written in the national form). A run that goes on with more digits is no number.

Every pattern is linear: each starts only where a run starts (the look-behind comes after the first
character, so the engine can skip to candidates), and never gives back what it has read.
"""

from __future__ import annotations

import datetime as dt
import re

from styrdok.model import tree
from styrdok.model.normalise import DASHES, for_facts

__all__ = ["for_facts", "find", "parse", "normalise_reference", "identifier_key", "Facts"]

KINDS = ("reference", "date", "email", "phone")
# How the messages name each kind: Swedish / English.
LABELS = {
    "reference": "diarienummer / reference number",
    "date": "datum / date",
    "email": "e-post / e-mail",
    "phone": "telefon / phone",
}

PATTERNS = {
    "reference": re.compile(r"[0-9](?<![0-9/-][0-9])[0-9]*+-[0-9]++/[0-9]{4}(?![0-9/])"),
    "date": re.compile(r"[0-9](?<![0-9-][0-9])[0-9]{3}-[0-9]{2}-[0-9]{2}(?![0-9-])"),
    # Starts only where a run of address characters starts (letters of any script count, so that
    # "åsa@x.se" is not read as "sa@x.se"), and never gives back what it has read.
    "email": re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++(?![\w-])"),
    "phone": re.compile(r"(?:0(?<![\w+/-]0)[0-9]{1,3}+-|\+(?<![\w+]\+)46 [1-9][0-9]{0,2}+ )"
                        r"[0-9]{2,3}+(?: [0-9]{2,3}+)++(?![\w-]| [0-9])"),
}
# A reference number of another form, as the register accepts it (a decision text writes it so).
OTHER_REFERENCE = re.compile(r"[A-Za-zÅÄÖåäö0-9](?:[A-Za-zÅÄÖåäö0-9 .:/-]{0,38}[A-Za-zÅÄÖåäö0-9])?")
# How a typed phone number is described in the messages of the register and the operator settings.
PHONE_FORM = ("ett telefonnummer som 08-123 45 67 (riktnummer, bindestreck och grupper om två eller tre "
              "siffror) eller +46 8 123 45 67",
              "a phone number such as 08-123 45 67 (area code, hyphen and groups of two or three digits) "
              "or +46 8 123 45 67")

_NUMBER = re.compile(r"[0-9]++")
# In an identifier key, the invisible characters the files may not hold (tree.INVISIBLE) are no
# part of what a reader typed: removed, except the soft hyphen (a dash for facts) and the line and
# paragraph separators (spaces).
_INVISIBLE = {ord(c): None for c in tree.INVISIBLE if c not in DASHES and not c.isspace()}


def _without_leading_zeros(match: re.Match) -> str:
    # Not int(): Python refuses to turn a number of more than 4,300 digits into text.
    return match.group().lstrip("0") or "0"


def _normal(kind: str, written: str) -> str:
    """The value a found or typed fact is compared as."""
    if kind == "reference":
        return _NUMBER.sub(_without_leading_zeros, written)
    if kind == "email":
        return written.lower()
    if kind == "phone" and written.startswith("+46 "):
        area, rest = written[4:].split(" ", 1)
        return f"0{area}-{rest}"
    return written


def find(text: str) -> dict[str, set[str]]:
    """Every fact of each kind in a text (a page, a register text, a source), each as it is compared."""
    text = for_facts(text)
    found = {}
    for kind, pattern in PATTERNS.items():
        if kind == "email" and "@" not in text:  # most texts have no address: skip the pattern
            found[kind] = set()
            continue
        found[kind] = {_normal(kind, m.group()) for m in pattern.finditer(text)}
    return found


def matches(kind: str, value) -> bool:
    """Whether a typed value is written in the form of ``kind`` (a date need not exist for this)."""
    return isinstance(value, str) and PATTERNS[kind].fullmatch(value) is not None


def parse(kind: str, value) -> str | None:
    """A typed value of ``kind`` as it is compared, or None if it is not one. Typed values are the
    register's and the operator's: ASCII, no spaces around them. A date must exist."""
    if not matches(kind, value):
        return None
    if kind == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None
    return _normal(kind, value)


def parse_reference(value) -> str | None:
    return parse("reference", value)


def parse_date(value) -> str | None:
    return parse("date", value)


def parse_email(value) -> str | None:
    return parse("email", value)


def parse_phone(value) -> str | None:
    return parse("phone", value)


def parse_other_reference(value) -> str | None:
    """A reference number of another form (``SBR 2017/12``), as it is compared, or None."""
    if not isinstance(value, str) or OTHER_REFERENCE.fullmatch(value) is None:
        return None
    return normalise_reference(value)


def identifier_key(text: str) -> str:
    """One written form for a query and an identifier (reference number, date, name): the form facts
    are compared in (for_facts), invisible characters removed, small letters, single spaces, numbers
    without leading zeros (006-1137/2007 is 6-1137/2007). site.js's identifierKey is its twin, and
    the search shows a direct hit only for a query equal to the whole key."""
    text = _NUMBER.sub(_without_leading_zeros, for_facts(text).translate(_INVISIBLE))
    return " ".join(text.lower().split())


def normalise_reference(reference: str) -> str:
    """A reference number as reference numbers are compared: ``006-1137/2007`` and ``6-1137/2007``
    are one, and so are ``SBR 2017/12`` and ``sbr 2017/012`` (identifier_key)."""
    return identifier_key(reference)


class Facts:
    """The facts of one text, read once, for asking whether it holds typed values."""

    def __init__(self, text: str):
        self.text = text
        self.found = find(text)
        self._key: str | None = None

    def holds(self, kind: str, value) -> bool:
        """Whether the text holds the typed ``value``: a fact of that kind equal to it, or for a
        reference number of another form, the same words standing whole."""
        if kind == "reference" and not matches("reference", value):
            wanted = parse_other_reference(value)
            if wanted is None:
                return False
            if self._key is None:
                self._key = identifier_key(self.text)
            return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", self._key) is not None
        wanted = parse(kind, value)
        return wanted is not None and wanted in self.found[kind]
