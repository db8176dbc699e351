"""The language-neutral facts (reference numbers, dates, phone numbers, e-mail addresses) that both
language versions of a page must share: found whole, and only whole (styrdok.checks.pages.FACT_PATTERNS)."""

from __future__ import annotations

import pytest

from styrdok.checks import pages

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, expected", [
    ("dnr 171-482/2016 och 006-1137/2007", {"171-482/2016", "6-1137/2007"}),
    # Never 171-482/2016 inside a longer run; 1171-482/2016 is a reference number of its own (any
    # number of digits, as the register takes it: styrdok.facts).
    ("x/171-482/2016 1171-482/2016 171-482/20161", {"1171-482/2016"}),
])
def test_reference_numbers_are_found_whole_and_only_whole(text, expected):
    assert pages.facts(text)["diarienummer / reference number"] == expected


@pytest.mark.parametrize("kind, text, expected", [
    ("datum / date", "den 2016-12-12, (2007-01-01)", {"2016-12-12", "2007-01-01"}),
    ("datum / date", "12016-12-12 2016-12-121 -2016-12-12", set()),
    ("telefon / phone", "tel. 08-508 29 000 eller (08-508 25 000)", {"08-508 29 000", "08-508 25 000"}),
    ("telefon / phone", "a08-508 29 000 108-508 29 000", set()),
    ("e-post / e-mail", "mejla a.b@stockholm.se.", {"a.b@stockholm.se"}),
    ("e-post / e-mail", "inget snabel-a här", set()),
])
def test_dates_phone_numbers_and_addresses_are_found_whole_and_only_whole(kind, text, expected):
    assert pages.facts(text)[kind] == expected
