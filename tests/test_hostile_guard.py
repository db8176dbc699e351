"""What a hostile pull request cannot do (issue 22, "Safe by construction"), in-process:

- disguise a fact with look-alike characters (styrdok.normalise, used by pages.facts and
  register.check_against_source);
- hide front matter from the checks that MkDocs drops (styrdok.yamlfile reads as MkDocs reads);
- make a contact name a "direct hit" for a title or a common word (register.check_contact_names,
  search.identifiers_json);
- change the code around docs/ unnoticed, or add a Markdown extension (styrdok.code_owners,
  styrdok.extensions);
- run an inline script in the local preview (mkdocs_styrdok.live_reload, against the pinned MkDocs).
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from conftest import ROOT
from styrdok import normalise, pages, yamlfile
from styrdok.register import check_against_source, parse_register

pytestmark = pytest.mark.unit

REGISTER_TEXT = (ROOT / "tests" / "fixtures" / "register.yml").read_text(encoding="utf-8")
SOURCE = (ROOT / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt").read_text(encoding="utf-8")
FIXTURE_REGISTER = parse_register(yamlfile.parse(REGISTER_TEXT, "docs/_data/register.yml"))


# --- 2. facts cannot be disguised ------------------------------------------------------------------

def disguised(fact: str, how: str) -> str:
    """``fact`` as a reader sees it, typed with other characters."""
    if how == "full-width digits":
        return "".join(chr(ord(c) - ord("0") + 0xFF10) if c.isdigit() else c for c in fact)
    return fact.replace("-", how)


DISGUISES = {"U+2011 non-breaking hyphen": "\u2011", "U+2013 en dash": "\u2013", "U+2212 minus sign": "\u2212",
             "U+FE63 small hyphen-minus": "\ufe63", "U+FF0D full-width hyphen": "\uff0d",
             "U+00AD soft hyphen": "\u00ad", "full-width digits": "full-width digits"}
# (kind, a fact on the Swedish page, a different fact of the same kind)
FACTS = [("datum / date", "2016-12-12", "2016-12-13"),
         ("diarienummer / reference number", "171-482/2016", "171-483/2016"),
         ("telefon / phone", "08-508 28 590", "08-508 28 591")]


def _pair(sv_body: str, en_body: str, tmp_path):
    return pages.compare_pair(("docs/sv/x.md", {}, sv_body, 5), ("docs/en/x.md", {}, en_body, 5), tmp_path)


def test_every_dash_of_unicode_is_a_dash_for_the_facts():
    """The list in normalise.py is Python's own Unicode data (category Pd), not a list from memory."""
    dash_punctuation = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Pd"}
    for char in dash_punctuation | {"\u2212", "\u00ad", "\ufe58", "\ufe63", "\uff0d", "\u2010", "\u2015"}:
        assert normalise.for_facts(f"2016{char}12{char}12") == "2016-12-12", hex(ord(char))


@pytest.mark.parametrize("how", DISGUISES.values(), ids=DISGUISES)
@pytest.mark.parametrize(("kind", "fact", "other"), FACTS)
def test_a_fact_in_other_characters_on_the_english_page_is_the_same_fact(tmp_path, kind, fact, other, how):
    sv = f"Beslutet, {fact}, gäller.\n"
    en = f"The decision, {disguised(fact, how)}, applies.\n"
    assert _pair(sv, en, tmp_path) == []


@pytest.mark.parametrize("how", DISGUISES.values(), ids=DISGUISES)
@pytest.mark.parametrize(("kind", "fact", "other"), FACTS)
def test_a_different_fact_cannot_hide_behind_other_characters(tmp_path, kind, fact, other, how):
    sv = f"Beslutet, {fact}, gäller.\n"
    en = f"Intro.\n\nThe decision, {disguised(other, how)}, applies.\n"
    found = _pair(sv, en, tmp_path)
    # The Swedish fact is missing on the English page, and the English one is not on the Swedish page:
    # each named with the written form, the file and the line.
    assert sorted(p.en for p in found) == sorted([
        f"{kind}: '{pages.facts(fact)[kind].pop()}' is in docs/sv/x.md (line 5) but not in the English page.",
        f"{kind}: '{pages.facts(other)[kind].pop()}' is in the English page but not in docs/sv/x.md.",
    ]), [p.en for p in found]
    extra = next(p for p in found if "is in the English page" in p.en)
    assert (extra.file, extra.line) == ("docs/en/x.md", 7)
    assert extra.sv.startswith(f"{kind}: ") and "står i den engelska sidan men inte i docs/sv/x.md" in extra.sv
    assert extra.fix_sv and extra.fix_en


@pytest.mark.parametrize("how", DISGUISES.values(), ids=DISGUISES)
def test_a_reference_number_is_still_compared_without_leading_zeros(tmp_path, how):
    assert _pair("dnr 006-1137/2007\n", f"ref. {disguised('6-1137/2007', how)}\n", tmp_path) == []


@pytest.mark.parametrize("how", DISGUISES.values(), ids=DISGUISES)
def test_the_register_finds_its_facts_in_a_source_typed_with_other_characters(how):
    """No false "missing": the source may write its date, reference number and phone number with
    any dash or digits."""
    source = SOURCE
    for fact in ("2016-12-12", "171-482/2016", "08-508 28 590", "006-1137/2007"):
        assert fact in source
        source = source.replace(fact, disguised(fact, how))
    assert check_against_source(FIXTURE_REGISTER, source, "docs/_data/000.txt") == []


@pytest.mark.parametrize("how", DISGUISES.values(), ids=DISGUISES)
@pytest.mark.parametrize(("old", "new", "what"), [
    ("    decision_date: 2016-12-12", "    decision_date: 2016-12-13", "decision date '2016-12-13'"),
    ("    reference: 171-482/2016", "    reference: 171-483/2016", "reference number '171-483/2016'"),
    ("      phone: 08-508 28 590", "      phone: 08-508 28 591", "contact detail '08-508 28 591'"),
])
def test_a_register_fact_that_differs_from_a_disguised_source_is_still_refused(how, old, new, what):
    source = SOURCE
    for fact in ("2016-12-12", "171-482/2016", "08-508 28 590"):
        source = source.replace(fact, disguised(fact, how))
    register = parse_register(yamlfile.parse(REGISTER_TEXT.replace(old, new, 1), "docs/_data/register.yml"))
    problems = check_against_source(register, source, "docs/_data/000.txt")
    assert [what in p.en for p in problems] == [True], [p.en for p in problems]
    assert problems[0].file == "docs/_data/register.yml"
    assert problems[0].line == REGISTER_TEXT[: REGISTER_TEXT.index(old)].count("\n") + 1
    assert "står inte i beslutsunderlaget" in problems[0].sv and "not_stated" in problems[0].fix_en


@pytest.mark.parametrize(("line", "message"), [
    ("    decision_date: 2016-12-12", "    decision_date: \uff12\uff10\uff11\uff16-12-12"),
    ("    reference: 171-482/2016", "    reference: \uff11\uff17\uff11-482/2016"),
])
def test_the_register_itself_takes_only_ascii_digits(line, message):
    from styrdok.problems import ContentError
    with pytest.raises(ContentError) as caught:
        parse_register(yamlfile.parse(REGISTER_TEXT.replace(line, message, 1), "docs/_data/register.yml"))
    (problem,) = caught.value.problems
    assert "is not in the form" in problem.en and problem.line == REGISTER_TEXT[: REGISTER_TEXT.index(line)].count("\n") + 1


def test_normalising_keeps_every_line_where_it_was():
    text = "rad 1\u00a02016\u201112\u201112\nrad ２\n\uff10\uff18\u2011508 28 590\n"
    assert normalise.for_facts(text).split("\n") == ["rad 1 2016-12-12", "rad 2", "08-508 28 590", ""]


# --- 3. front matter is read as MkDocs reads it ---------------------------------------------------

VALID = "title: Ordlista\ndescription: Ord och begrepp.\n"
# (name, the file's bytes, what our reader must do): "same" = the same front matter and body as
# MkDocs; "dropped" = refused, because MkDocs keeps the block as page text and the page loses its
# front matter (file line given); "differs" = refused, because MkDocs reads it, but not as written.
FRONT_MATTER_CASES = [
    ("plain", f"---\n{VALID}---\n\n# Ordlista\n".encode(), "same", None),
    ("CRLF line ends", f"---\r\n{VALID}---\r\n\r\n# Ordlista\r\n".replace("\n", "\r\n").replace("\r\r", "\r").encode(),
     "same", None),
    ("CR line ends", f"---\r{VALID}---\r\r# Ordlista\r".replace("\n", "\r").encode(), "same", None),
    ("a byte order mark", f"\ufeff---\n{VALID}---\n# Ordlista\n".encode(), "same", None),
    ("trailing spaces after ---", f"---  \t\n{VALID}--- \n# Ordlista\n".encode(), "same", None),
    ("... as the closing line", f"---\n{VALID}...\n\n# Ordlista\n".encode(), "same", None),
    ("--- inside a quoted value", f"---\n{VALID}note: \"a --- b\"\n---\n# x\n".encode(), "same", None),
    ("no front matter at all", b"\n# Ordlista\n\nText.\n", "same", None),
    ("front matter after a blank line", f"\n---\n{VALID}---\n# x\n".encode(), "same", None),
    ("an impossible date", f"---\n{VALID}date: 2016-13-45\n---\n# Ordlista\n".encode(), "dropped", 4),
    ("an impossible date in a list", f"---\n{VALID}dates:\n  - 2016-12-12\n  - 2016-02-30\n---\n".encode(),
     "dropped", 6),
    ("--- without a closing line", f"---\n{VALID}\n# Ordlista\n".encode(), "dropped", 1),
    ("an empty block", b"---\n---\n# Ordlista\n", "dropped", 1),
    ("only a comment", b"---\n# nothing\n---\n# Ordlista\n", "dropped", 2),
    ("a list, not a mapping", b"---\n- title\n---\n# Ordlista\n", "dropped", 2),
    ("a YAML syntax error", f"---\n{VALID}title: a: b\n---\n".encode(), "dropped", 4),
    ("a tab", f"---\n{VALID}\tx: y\n---\n".encode(), "dropped", 4),
    ("a date where text is meant", b"---\ntitle: 2016-12-12\ndescription: x\n---\n", "differs", 2),
    ("key: value lines without ---", b"title: Ordlista\ndescription: x\n\n# Ordlista\n", "differs", 1),
]


def _mkdocs_reads(path) -> tuple[str, dict]:
    """The page's Markdown and front matter as the pinned MkDocs reads them (File.content_string,
    then mkdocs.utils.meta.get_data, as Page.read_source does)."""
    from mkdocs.structure.files import File
    from mkdocs.utils.meta import get_data
    file = File(path.name, src_dir=str(path.parent), dest_dir=str(path.parent / "site"), use_directory_urls=True)
    return get_data(file.content_string)


@pytest.mark.parametrize(("name", "raw", "expected", "line"), FRONT_MATTER_CASES, ids=[c[0] for c in FRONT_MATTER_CASES])
def test_front_matter_is_what_mkdocs_reads_or_refused_with_its_line(tmp_path, name, raw, expected, line):
    from styrdok.problems import ContentError
    path = tmp_path / "ordlista.md"
    path.write_bytes(raw)
    markdown, data = _mkdocs_reads(path)
    if expected == "same":
        meta, body, _ = yamlfile.read_page(path, "docs/sv/ordlista.md")
        assert dict(meta) == data and body.lstrip("\n") == markdown
        return
    with pytest.raises(ContentError) as caught:
        yamlfile.read_page(path, "docs/sv/ordlista.md")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("docs/sv/ordlista.md", line), str(problem)
    assert problem.sv and problem.en and problem.fix_sv and problem.fix_en
    if expected == "dropped":  # MkDocs would publish the block as text and the page without its front matter
        assert data == {} and markdown.startswith("---"), (markdown, data)
    else:  # MkDocs reads front matter, but not as the checks would have read it (a date, lines without ---)
        assert data and (not raw.startswith(b"---") or any(not isinstance(v, str) for v in data.values())), data


def test_an_impossible_date_is_refused_with_its_line_and_what_mkdocs_would_do():
    from styrdok.problems import ContentError
    with pytest.raises(ContentError) as caught:
        yamlfile.front_matter(f"---\n{VALID}date: 2016-13-45\n---\n# Ordlista\n", "docs/sv/ordlista.md")
    (problem,) = caught.value.problems
    assert problem.where() == "docs/sv/ordlista.md:4"
    assert "2016-13-45" in problem.sv and "utan sidhuvud" in problem.sv
    assert "2016-13-45" in problem.en and "without its front matter" in problem.en
    assert "ÅÅÅÅ-MM-DD" in problem.fix_sv and "YYYY-MM-DD" in problem.fix_en


def test_the_reader_is_mkdocs_own_pattern_and_loader():
    """If a new MkDocs reads front matter differently, this says so before the table above does."""
    import yaml
    from mkdocs.utils import meta as mkdocs_meta
    assert yamlfile.FRONT_MATTER.pattern == mkdocs_meta.YAML_RE.pattern
    assert yamlfile.FRONT_MATTER.flags == mkdocs_meta.YAML_RE.flags
    assert yamlfile._MULTIMARKDOWN_KEY.pattern == mkdocs_meta.META_RE.pattern
    assert yamlfile._MkDocsLoader is mkdocs_meta.SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
