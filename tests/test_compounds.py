"""Swedish compounds are split into their parts for the search index, and editors can correct it.

The splitting rules are tested on a small dictionary in Hunspell's own form
(tests/fixtures/hunspell); one test holds Debian's real dictionary to the issue's examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, line_of
from styrdok.model import content
from styrdok.problems import ContentError
from styrdok.search import compounds

pytestmark = pytest.mark.unit

FIXTURE = Path(__file__).parent / "fixtures" / "hunspell" / "sv_SE"


@pytest.fixture
def splitter():
    return compounds.Splitter(compounds.load_lexicon(FIXTURE))


@pytest.mark.parametrize(("word", "parts"), [
    ("livskvalitet", ["liv", "s", "kvalitet"]),               # the linking s is a part of its own
    ("verksamhetsnivå", ["verksamhet", "s", "nivå"]),
    ("ansvarsfördelningen", ["ansvar", "s", "fördelningen"]),  # the last part inflected (SFX D)
    ("arbetsgrupperna", ["arbets", "grupperna"]),               # a form only found inside compounds
    ("Livskvalitet", ["Liv", "s", "kvalitet"]),                 # capitals kept, as written
    ("livskvalitetsnivå", ["liv", "s", "kvalitet", "s", "nivå"]),
])
def test_a_compound_is_split_where_the_word_list_allows(splitter, word, parts):
    assert splitter.parts(word) == parts


@pytest.mark.parametrize("word", [
    "kvalitet",       # one word
    "samverkan",      # 'sam' may not begin a compound in the word list
    "Stockholm",      # a name (written with a capital in the word list) is never split
    "Stockholms",
    "livsxyz",        # an unknown last part
    "kvalitetx",
])
def test_words_that_are_not_compounds_stay_whole(splitter, word):
    assert splitter.parts(word) == []


def test_a_very_long_word_is_left_whole_without_searching_it(splitter, monkeypatch):
    """Bounded work: hostile text may hold a 'word' of thousands of letters."""
    looked_up = []
    monkeypatch.setattr(splitter, "_begins", lambda form: looked_up.append(form) or False)
    assert splitter.parts("liv" * 2000 + "skvalitet") == []
    assert splitter.mark_text("kvalitet" * 600) == "kvalitet" * 600
    assert looked_up == []


def test_corrections_split_by_hand_and_keep_words_whole():
    corrections = compounds.Corrections(split=(("samverkan", (3,)),), keep_whole=frozenset({"livskvalitet"}))
    splitter = compounds.Splitter(compounds.load_lexicon(FIXTURE), corrections)
    assert splitter.parts("samverkan") == ["sam", "verkan"]
    assert splitter.parts("livskvalitet") == []
    assert splitter.parts("verksamhetsnivå") == ["verksamhet", "s", "nivå"]


def test_only_text_is_marked_never_tags_and_attributes(splitter):
    html = '<p class="livskvalitet" title="verksamhetsnivå">Vår livskvalitet &amp; <a href="/livskvalitet/">nivå</a></p>'
    marked = splitter.mark_html(html)
    assert marked == ('<p class="livskvalitet" title="verksamhetsnivå">Vår liv~s~kvalitet &amp; '
                      '<a href="/livskvalitet/">nivå</a></p>')
    assert compounds.unmark(marked) == html


def test_removing_the_marks_gives_back_the_text_as_written(splitter):
    text = "Ansvarsfördelningen och livskvalitet, arbetsgrupperna: 12~3 och a ~ b."
    assert compounds.unmark(splitter.mark_text(text)) == text


def test_the_packaged_swedish_word_list_splits_the_compounds_readers_search_for():
    assert compounds.DICTIONARY.with_suffix(".dic").is_file(), "the word list is missing from the package"
    splitter = compounds.splitter()
    assert splitter.parts("livskvalitet")[-1] == "kvalitet"
    assert splitter.parts("ansvarsfördelning")[-1] == "fördelning"
    assert splitter.parts("verksamhetsnivå") == ["verksamhet", "s", "nivå"]
    assert splitter.parts("Stockholms") == []


# --- the editors' file ----------------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sammansattningar.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sites_own_corrections_are_valid():
    corrections = compounds.load_corrections(ROOT / "docs" / compounds.FILE)
    splitter = compounds.splitter(corrections)
    for word, cuts in corrections.split:
        assert splitter.boundaries(word) == cuts
    for word in corrections.keep_whole:
        assert splitter.parts(word) == []


def test_a_correction_is_read_with_its_boundaries(tmp_path):
    path = write(tmp_path, "split:\n  - verksamhet|s|nivå\nkeep_whole:\n  - samverkan\n")
    corrections = compounds.load_corrections(path, "docs/_data/sammansattningar.yml")
    assert corrections.split == (("verksamhetsnivå", (10, 11)),)
    assert corrections.keep_whole == {"samverkan"}


@pytest.mark.parametrize(("text", "bad_line", "message"), [
    ("split:\n  - verksamhetsnivå\n", "  - verksamhetsnivå", "with | where it splits"),
    ("split:\n  - liv|s|kvalitet\n  - verksamhet|s|2\n", "  - verksamhet|s|2", "with | where it splits"),
    ("keep_whole:\n  - sam verkan\n", "  - sam verkan", "is not a word"),
    ("split:\n  - liv|s|kvalitet\nkeep_whole:\n  - livskvalitet\n", "  - livskvalitet", "more than once"),
    ("split:\n  - liv|s|kvalitet\n  - livs|kvalitet\n", "  - livs|kvalitet", "more than once"),
    ("split: verksamhet|s|nivå\n", "split: verksamhet|s|nivå", "must be a list"),
    ("splits:\n  - liv|s|kvalitet\n", "splits:", "may only hold the lists split: and keep_whole:"),
])
def test_a_mistake_in_the_corrections_is_named_with_its_line(tmp_path, text, bad_line, message):
    path = write(tmp_path, text)
    with pytest.raises(ContentError) as error:
        compounds.load_corrections(path, "docs/_data/sammansattningar.yml")
    problem = error.value.problems[0]
    assert message in problem.en
    assert problem.line == line_of(path, bad_line)
    assert problem.file == "docs/_data/sammansattningar.yml"
    assert problem.sv and problem.fix_sv and problem.fix_en


@pytest.mark.unit
def test_a_mistake_in_the_corrections_stops_the_content_check(tmp_path):
    import shutil
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)  # the site's languages
    (docs / compounds.FILE).write_text("split:\n  - verksamhetsnivå\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        content.load(docs, tmp_path)
    assert any(p.file.endswith(compounds.FILE) and p.line == 2 for p in error.value.problems)
