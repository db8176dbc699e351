"""What a hostile pull request cannot do (issue 22, "Safe by construction"), in-process:

- disguise a fact with look-alike characters (styrdok.model.normalise, used by checks.pages.facts and
  model.register.check_against_source);
- hide front matter from the checks that MkDocs drops (styrdok.model.yamlfile reads as MkDocs reads);
- make a contact name a "direct hit" for a title or a common word (model.register.check_contact_names,
  search.identifiers_json);
- change the code around docs/ unnoticed, or add a Markdown extension (styrdok.checks.code_owners,
  styrdok.checks.extensions);
- run an inline script in the local preview (mkdocs_styrdok.live_reload, against the pinned MkDocs).
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from conftest import LANGUAGES, ORIGINAL, ROOT, load_register_data
from styrdok.checks import pages
from styrdok.model import normalise, yamlfile
from styrdok.model.register import check_against_source, parse_register

pytestmark = pytest.mark.unit

REGISTER_TEXT = (ROOT / "tests" / "fixtures" / "register.yml").read_text(encoding="utf-8")
SOURCE = (ROOT / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt").read_text(encoding="utf-8")
FIXTURE_REGISTER = parse_register(yamlfile.parse(REGISTER_TEXT, "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)


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
    name = kind.split(" / ")[1]  # the English half names the kind in English
    assert sorted(p.en for p in found) == sorted([
        f"{name}: '{pages.facts(fact)[kind].pop()}' is in docs/sv/x.md (line 5) but not in the English page.",
        f"{name}: '{pages.facts(other)[kind].pop()}' is in the English page but not in docs/sv/x.md.",
    ]), [p.en for p in found]
    extra = next(p for p in found if "is in the English page" in p.en)
    assert (extra.file, extra.line) == ("docs/en/x.md", 7)
    assert extra.sv.startswith(f"{kind.split(' / ')[0]}: ") and "står i den engelska sidan men inte i docs/sv/x.md" in extra.sv
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
    register = parse_register(yamlfile.parse(REGISTER_TEXT.replace(old, new, 1), "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)
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
        parse_register(yamlfile.parse(REGISTER_TEXT.replace(line, message, 1), "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)
    (problem,) = caught.value.problems
    assert ("is not in the form" in problem.en or "cannot be read as a reference number" in problem.en) \
        and problem.line == REGISTER_TEXT[: REGISTER_TEXT.index(line)].count("\n") + 1


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
    assert "2016-13-45" in problem.sv and "utan fälten överst i filen" in problem.sv
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


# --- 4. a direct hit comes only from identifiers ----------------------------------------------------

NAME_LINE = "      name: Mattias Rindberg\n"


def _with_name(name: str):
    assert NAME_LINE in REGISTER_TEXT
    return parse_register(yamlfile.parse(REGISTER_TEXT.replace(NAME_LINE, f"      name: {name}\n", 1),
                                         "docs/_data/register.yml"), "docs/_data/register.yml", LANGUAGES)


def _name_problems(name: str, source: str = SOURCE, others=()):
    from styrdok.model.register import check_contact_names
    return check_contact_names(_with_name(name), source, "docs/_data/000.txt", list(others))


def test_the_real_contact_name_stands_beside_its_phone_and_address_in_the_source():
    from styrdok.model.register import check_contact_names
    assert check_contact_names(FIXTURE_REGISTER, SOURCE, "docs/_data/000.txt", []) == []


TITLE = next(d.title["sv"] for d in FIXTURE_REGISTER.documents if " – " not in d.title["sv"])


@pytest.mark.parametrize(("name", "others", "sv", "en"), [
    ("Rindberg", (), "är inte ett för- och efternamn", "is not a first name and surname"),
    ("strategi", (), "är inte ett för- och efternamn", "is not a first name and surname"),
    (TITLE.upper().replace(" ", "  "), (), "är detsamma som titeln på dokumentet",
     "is the same as the title of the document"),
    ("Mattias Rindberg", [("Mattias  rindberg", "sidans titel i docs/sv/x.md", "the page title in docs/sv/x.md")],
     "är detsamma som sidans titel i docs/sv/x.md", "is the same as the page title in docs/sv/x.md"),
    ("Mattias Rindberg", [("MATTIAS RINDBERG", "termen 'Mattias Rindberg' i ordlistan", "the glossary term 'Mattias Rindberg'")],
     "är detsamma som termen", "is the same as the glossary term 'Mattias Rindberg'"),
])
def test_a_contact_name_that_is_a_title_a_term_or_one_word_is_refused(name, others, sv, en):
    (problem,) = _name_problems(name, others=others)
    assert problem.file == "docs/_data/register.yml"
    assert problem.line == REGISTER_TEXT[: REGISTER_TEXT.index(NAME_LINE)].count("\n") + 1
    assert sv in problem.sv and en in problem.en, (problem.sv, problem.en)
    assert "beslutsunderlaget" in problem.fix_sv and "source" in problem.fix_en


@pytest.mark.parametrize(("source_change", "refused"), [
    # the name on a line of its own, far from the phone number and the address
    (lambda s: s.replace("Handläggare: Mattias Rindberg", "Handläggare: NN") + "\n\n" + "x\n" * 10
     + "Handläggare: Mattias Rindberg\n", True),
    # beside the phone number, but inside a sentence, not as the line's value
    (lambda s: s.replace("Handläggare: Mattias Rindberg", "Frågor om Mattias Rindberg besvaras inte här."), True),
    # the name as a line of its own right below the phone number
    (lambda s: s.replace("Handläggare: Mattias Rindberg\n", "").replace("Tel: 08-508 28 590\n",
                                                                      "Tel: 08-508 28 590\nMattias Rindberg\n"), False),
])
def test_a_contact_name_must_stand_beside_that_contacts_details_in_the_source(source_change, refused):
    source = source_change(SOURCE)
    found = _name_problems("Mattias Rindberg", source=source)
    if not refused:
        assert found == []
        return
    (problem,) = found
    assert "på en egen rad nära kontaktpersonens telefonnummer eller e-postadress" in problem.sv
    assert "on a line of its own near the contact's phone number or e-mail address" in problem.en
    assert problem.line == REGISTER_TEXT[: REGISTER_TEXT.index(NAME_LINE)].count("\n") + 1


def test_a_name_the_source_lacks_is_told_once_by_the_source_check():
    assert _name_problems("Mattias Rindborg") == []
    problems = check_against_source(_with_name("Mattias Rindborg"), SOURCE, "docs/_data/000.txt")
    assert [p.en for p in problems] == [
        "The contact detail 'Mattias Rindborg' does not occur in the source (docs/_data/000.txt)."]


def test_the_content_check_holds_the_name_to_every_page_title_and_glossary_term(tmp_path):
    """Through content.load on a copy of docs/: the titles and terms come from the real files."""
    import shutil

    from styrdok.checks import pages
    from styrdok.model import content, terminology
    from styrdok.problems import ContentError
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)  # the site's languages
    contact = next(d["contact"]["name"] for d in load_register_data(ROOT)["documents"] if d.get("contact"))
    sv_title, en_title = (yamlfile.read_page(docs / lang / "dokumentregister.md", "x")[0]["title"] for lang in ("sv", "en"))
    term = next(t for t in terminology.load_terms(docs / "_data" / "terminology.yml") if len(t["en"].split()) > 1)
    for name, what_en in ((en_title, "the page title in docs/en/dokumentregister.md"),
                          (term["en"].lower(), f"the glossary term '{term['en']}'")):
        register = docs / "_data" / "register.yml"
        text = register.read_text(encoding="utf-8")
        assert f"name: {contact}" in text and sv_title
        register.write_text(text.replace(f"name: {contact}", f"name: {name}"), encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            content.load(docs, tmp_path)
        hits = [p for p in caught.value.problems if f"is the same as {what_en}" in p.en]
        assert len(hits) == 1, [p.en for p in caught.value.problems]
        assert hits[0].file == "docs/_data/register.yml"
        assert hits[0].line == register.read_text(encoding="utf-8")[: register.read_text(encoding="utf-8").index(
            f"name: {name}")].count("\n") + 1
        register.write_text(text, encoding="utf-8")
    assert pages.page_names(docs, "en")


def test_identifiers_are_reference_numbers_dates_and_names_each_in_its_written_form():
    import json

    from styrdok import search
    from styrdok.model import content
    from styrdok.render import views
    texts = content.load(ROOT / "docs").ui
    for lang in ("sv", "en"):
        entries = json.loads(search.identifiers_json(FIXTURE_REGISTER, lang, texts[lang], views.page_path))
        expected = set()
        for doc in FIXTURE_REGISTER.documents:
            for kind, value in (("reference", doc.reference), ("date", doc.decision_date),
                                ("name", (doc.contact or {}).get("name"))):
                if value and value != "not_stated":
                    expected.add((kind, search.identifier_key(value), views.page_path(doc.page, lang, ORIGINAL)))
        assert {(e["kind"], e["key"], e["url"]) for e in entries} == expected
        titles = {search.identifier_key(t) for d in FIXTURE_REGISTER.documents for t in d.title.values()}
        assert not titles & {e["key"] for e in entries}


@pytest.mark.parametrize("name", ["Rindberg", TITLE])
def test_identifiers_never_make_a_title_or_one_word_a_name_key(name):
    import json

    from styrdok import search
    from styrdok.model import content
    from styrdok.render import views
    register = _with_name(name)
    texts = content.load(ROOT / "docs").ui
    for lang in ("sv", "en"):
        entries = json.loads(search.identifiers_json(register, lang, texts[lang], views.page_path))
        assert [e for e in entries if e["kind"] == "name"] == []
        assert {e["kind"] for e in entries} == {"reference", "date"}


IDENTIFIER_QUERIES = ["006\u20111137/2007", "\uff12\uff10\uff11\uff16\u221212\u221212", "  Mattias   Rindberg ",
                      "dnr 0171-0482/2016", "171\u2013482/2016", "MATTIAS RINDBERG"]


def _site_js(*names: str) -> str:
    """The named functions of site.js, to run in Node; identifierKey with the facts twin it calls
    (its constants and forFacts: the block tests/test_facts_grammar.py holds to facts.py)."""
    import re
    script = (ROOT / "overrides" / "assets" / "javascripts" / "site.js").read_text(encoding="utf-8")
    parts = []
    for name in names:
        found = re.search(r"\n  // --- facts:.*?\n  // --- end of facts ---\n" if name == "identifierKey"
                          else rf"\n  function {name}\(.*?\n  \}}\n", script, re.DOTALL)
        assert found, f"site.js has no function {name}"
        parts.append(found.group(0))
    return "".join(parts)


def _node(program: str):
    import json
    import shutil
    import subprocess
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node is installed with the test tools (make system)"
    return json.loads(subprocess.run([node, "-e", program], capture_output=True, text=True, check=True).stdout)


def test_site_js_writes_a_query_in_the_same_form_as_identifier_key():
    """The browser's half of the comparison (site.js identifierKey) run by Node over the same queries."""
    import json

    from styrdok import search
    program = _site_js("identifierKey") + f"console.log(JSON.stringify({json.dumps(IDENTIFIER_QUERIES)}.map(identifierKey)));"
    assert _node(program) == [search.identifier_key(q) for q in IDENTIFIER_QUERIES]


@pytest.mark.parametrize(("query", "direct"), [
    ("171-482/2016", True), ("0171\u2011482/2016", True), (" 171-482/2016 ", True),
    ("strategi 171-482/2016", False), ("171-482/2016 strategi", False), ("171-482", False), ("171", False),
    ("mattias rindberg", True), ("mattias", False), ("rindberg kontakt", False), ("", False),
])
def test_site_js_shows_a_direct_hit_only_for_a_query_equal_to_the_whole_identifier(query, direct):
    """site.js's directFirst, run by Node over identifiers_json's entries of the fixture register."""
    import json

    from styrdok import search
    from styrdok.model import content
    from styrdok.render import views
    entries = search.identifiers_json(FIXTURE_REGISTER, "sv", content.load(ROOT / "docs").ui["sv"], views.page_path)
    program = ("var location = {href: 'http://127.0.0.1/'}; var siteRoot = new URL('http://127.0.0.1/');"
               + _site_js("identifierKey", "pathOf", "directFirst")
               + f"console.log(JSON.stringify(directFirst([], {entries}, {json.dumps(query)}).map(r => r.url)));")
    assert bool(_node(program)) is direct


# --- 5. what an editor's pull request cannot change ------------------------------------------------

DEVELOPERS = "@stockholm/webbutvecklare"
# The brief's list: everything around docs/ that is code or configuration.
CODE = ["mkdocs.yml", "overrides/main.html", "overrides/assets/javascripts/site.js", "scripts/docs.py",
        "scripts/styrdok/model/register.py", "tests/conftest.py", "requirements.txt", "requirements-test.txt",
        "pyproject.toml", "package.json", "package-lock.json", ".github/workflows/site.yml", ".github/CODEOWNERS",
        ".ci/run", "Makefile", "pytest.ini", "deploy/nginx/site.conf.template", ".pymarkdown.json"]
CONTENT = ["docs/sv/strategi.md", "docs/en/strategi.md", "docs/_data/register.yml", "docs/_includes/sv/x.md",
           "README.md", "docs/mkdocs.yml", "docs/sv/scripts/x.md", "benchmark/results.md"]


def test_codeowners_gives_the_code_to_the_developers_placeholder_team():
    from styrdok.checks import code_owners
    text = (ROOT / code_owners.FILE).read_text(encoding="utf-8")
    rules = code_owners.patterns(text)
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            assert line.split()[1:] == [DEVELOPERS], line
    assert all(rule.startswith("/") for rule in rules), rules  # tied to the root: docs/ is never matched
    assert "PLACEHOLDER" in text and "operator" in text
    assert code_owners.code_files(CODE, rules) == CODE
    assert code_owners.code_files(CONTENT, rules) == []
    # Every file of the repository outside docs/ and the documentation is someone's to review.
    import subprocess
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split("\n")
    unowned = [p for p in tracked if p and not code_owners.code_files([p], rules)
               and not p.startswith(("docs/", "benchmark/")) and p not in ("README.md", ".gitignore")]
    assert unowned == []


def _git(repo, *args):
    import subprocess
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repository(tmp_path):
    """A small git repository: main with CODEOWNERS, a page and a script; HEAD on a branch."""
    import shutil
    repo = tmp_path / "repo"
    (repo / ".github").mkdir(parents=True)
    shutil.copy2(ROOT / ".github" / "CODEOWNERS", repo / ".github" / "CODEOWNERS")
    for name, text in (("docs/sv/strategi.md", "# Strategi\n"), ("scripts/x.py", "x = 1\n"), ("mkdocs.yml", "a: 1\n")):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "change")
    return repo


def _docs_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("docs_cli", ROOT / "scripts" / "docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_content_change_is_told_it_touches_only_the_content(repository, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (repository / "docs" / "sv" / "strategi.md").write_text("# Strategi\n\nNy text.\n", encoding="utf-8")
    _git(repository, "commit", "-qam", "text")
    assert _docs_module().code_changes("main", root=repository) == 0
    out = capsys.readouterr().out
    assert "rör bara innehållet" in out and "utvecklare" not in out


def test_a_change_to_the_code_is_told_plainly_in_swedish_with_annotations(repository, capsys, monkeypatch, tmp_path):
    from styrdok.checks import code_owners
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    (repository / "docs" / "sv" / "strategi.md").write_text("# Strategi\n\nNy text.\n", encoding="utf-8")
    (repository / "mkdocs.yml").write_text("a: 2\n", encoding="utf-8")
    _git(repository, "mv", "scripts/x.py", "docs/x.py")  # moving code out is a change to the code too
    # ... and loosening CODEOWNERS in the same change does not hide it: the base's rules count.
    (repository / ".github" / "CODEOWNERS").write_text("# nothing\n", encoding="utf-8")
    _git(repository, "commit", "-qam", "code")
    assert _docs_module().code_changes("main", root=repository) == 0
    out = capsys.readouterr().out
    assert "Den här ändringen rör webbplatsens kod och måste granskas av en utvecklare." in out
    assert code_owners.MESSAGE_EN in out
    listed = [line.strip() for line in out.splitlines() if line.startswith("   ") and " " not in line.strip()]
    assert listed == [".github/CODEOWNERS", "mkdocs.yml", "scripts/x.py"], out
    assert [line for line in out.splitlines() if line.startswith("::warning")] == [
        f"::warning file={name},title=Kod / Code::{code_owners.MESSAGE_SV} / {code_owners.MESSAGE_EN}"
        for name in (".github/CODEOWNERS", "mkdocs.yml", "scripts/x.py")]
    written = summary.read_text(encoding="utf-8")
    assert code_owners.MESSAGE_SV in written and "- `scripts/x.py`" in written and "docs/sv" not in written


def test_an_unknown_base_is_an_error_not_silence(repository, capsys):
    assert _docs_module().code_changes("no-such-branch", root=repository) == 2
    assert "no-such-branch" in capsys.readouterr().err


def test_ci_runs_the_code_change_notice_on_pull_requests():
    import yaml
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    notice = [s for s in steps if "code-changes" in s.get("run", "")]
    assert len(notice) == 1 and notice[0]["if"] == "github.event_name == 'pull_request'"
    assert "${{" not in notice[0]["run"]  # the ref reaches the shell as a variable, never as script text
    assert steps.index(notice[0]) < next(i for i, s in enumerate(steps) if s.get("run") == "make test")


# The attacker's extension, exactly: every file of the build machine readable by a page.
SNIPPETS = "  - pymdownx.snippets:\n      base_path: /\n"
MARKDOWN_EXTENSIONS = "markdown_extensions:\n"


@pytest.mark.parametrize(("change", "name", "sv", "en"), [
    (lambda t: t.replace(MARKDOWN_EXTENSIONS, MARKDOWN_EXTENSIONS + SNIPPETS), "pymdownx.snippets",
     "Markdown-tillägget 'pymdownx.snippets' är inte tillåtet", "The Markdown extension 'pymdownx.snippets' is not allowed"),
    (lambda t: t.replace(MARKDOWN_EXTENSIONS, MARKDOWN_EXTENSIONS + "  - pymdownx.superfences\n"),
     "pymdownx.superfences", "är inte tillåtet", "is not allowed"),
    (lambda t: t.replace(MARKDOWN_EXTENSIONS, MARKDOWN_EXTENSIONS + "  - markdown.extensions.attr_list\n"),
     "markdown.extensions.attr_list", "är inte tillåtet", "is not allowed"),
    (lambda t: t.replace("      permalink: false", "      permalink: true"), "toc",
     "har inställningar som inte är tillåtna (permalink: true)", "has options that are not allowed (permalink: true)"),
    (lambda t: t.replace("base_path: !relative $docs_dir/_includes", "base_path: /"), "styrdok.render.includes",
     "har inställningar som inte är tillåtna (base_path: /)", "has options that are not allowed (base_path: /)"),
    (lambda t: t.replace("base_path: !relative $docs_dir/_includes",
                         "base_path: !relative $docs_dir/_includes\n      encoding: latin-1"), "styrdok.render.includes",
     "inte är tillåtna", "not allowed"),
    (lambda t: t.replace("  - attr_list\n", "  - attr_list:\n      foo: 1\n"), "attr_list", "inte är tillåtna", "not allowed"),
])
def test_make_check_refuses_an_added_or_changed_markdown_extension(tmp_path, change, name, sv, en):
    from styrdok.checks import extensions
    original = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    changed = change(original)
    assert changed != original
    config = tmp_path / "mkdocs.yml"
    config.write_text(changed, encoding="utf-8")
    (problem,) = extensions.check_config(config, ROOT / "docs")
    assert problem.file == "mkdocs.yml"
    assert changed.split("\n")[problem.line - 1].strip().lstrip("- ").startswith(name), (problem.line, name)
    assert sv in problem.sv and en in problem.en, (problem.sv, problem.en)
    assert "scripts/styrdok/checks/extensions.py" in problem.fix_sv and "scripts/styrdok/checks/extensions.py" in problem.fix_en


def test_the_real_configuration_and_our_own_extensions_are_allowed(tmp_path):
    from styrdok.checks import extensions
    assert extensions.check_config(ROOT / "mkdocs.yml", ROOT / "docs") == []
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        MARKDOWN_EXTENSIONS, MARKDOWN_EXTENSIONS + "  - styrdok.another:\n      anything: 1\n"), encoding="utf-8")
    assert extensions.check_config(config, ROOT / "docs") == []


def test_the_mapping_form_of_markdown_extensions_is_held_to_the_same_list(tmp_path):
    from styrdok.checks import extensions
    config = tmp_path / "mkdocs.yml"
    config.write_text("markdown_extensions:\n  toc:\n    permalink: false\n  pymdownx.snippets:\n    base_path: /\n",
                      encoding="utf-8")
    (problem,) = extensions.check_config(config, ROOT / "docs")
    assert (problem.line, "pymdownx.snippets" in problem.en) == (4, True)


def test_the_build_refuses_the_extension_before_anything_else(tmp_path):
    """The plugin's start phase gets the loaded configuration's extensions (overlays included)."""
    from styrdok import pipeline
    from styrdok.problems import ContentError
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        MARKDOWN_EXTENSIONS, MARKDOWN_EXTENSIONS + SNIPPETS), encoding="utf-8")
    build = pipeline.SiteBuild(ROOT / "docs", ROOT, "")
    loaded = (["toc", "tables", "fenced_code", "attr_list", "admonition", "styrdok.render.includes", "pymdownx.snippets"],
              {"toc": {"permalink": False}, "styrdok.render.includes": {"base_path": str(ROOT / "docs" / "_includes")},
               "pymdownx.snippets": {"base_path": "/"}})
    with pytest.raises(ContentError) as caught:
        build.start(markdown_extensions=loaded, config_file=config)
    (problem,) = caught.value.problems
    assert problem.where() == f"mkdocs.yml:{_line(config, 'pymdownx.snippets')}"
    assert "'pymdownx.snippets' is not allowed" in problem.en
    assert build.indexer is None and build.site is None  # stopped before anything else started


def _line(path, text):
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


# --- 1. the preview runs no inline script: the adapter against the pinned MkDocs --------------------

def _inline_scripts(page: bytes) -> list[str]:
    """The scripts in a page that run without a file: what a policy without 'unsafe-inline' blocks."""
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(page.decode("utf-8"))
    return [node.html for node in tree.css("script") if "src" not in node.attributes
            and (node.attributes.get("type") or "text/javascript").lower() in ("text/javascript", "module", "")]


@pytest.fixture
def live_server(tmp_path):
    """MkDocs' own LiveReloadServer, in-process and never bound to a port, serving one page."""
    from mkdocs.livereload import LiveReloadServer
    root = tmp_path / "site"
    (root / "ordlista").mkdir(parents=True)
    (root / "ordlista" / "index.html").write_bytes(b"<!doctype html><html><head></head><body><p>Ordlista</p></body></html>")
    builds = []
    server = LiveReloadServer(builder=lambda: builds.append(1), host="127.0.0.1", port=0, root=str(root))
    server.watch(str(tmp_path / "site"))  # MkDocs injects its script only while it watches files
    server.builds = builds
    yield server
    server.server_close()


def _get(server, path: str) -> tuple[str, dict, bytes]:
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)
    body = b"".join(server.get_app()({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, start_response))
    return answer["status"], answer["headers"], body


def test_the_pinned_mkdocs_still_injects_its_script_where_the_adapter_replaces_it(live_server):
    """Fails loudly when a new MkDocs moves or changes its injection: the adapter's anchors."""
    from mkdocs_styrdok import live_reload
    live_reload.check_mkdocs()
    # The anchor is real: MkDocs' own method writes an inline script, which the adapter must replace.
    assert _inline_scripts(live_server._inject_js_into_html(b"<body><p>x</p></body>", 7))


@pytest.mark.parametrize("broken", ["no injection method", "another signature", "another poll route", "another script"])
def test_the_adapter_refuses_an_mkdocs_whose_live_reload_changed(broken):
    import types

    from mkdocs import livereload

    from mkdocs_styrdok import live_reload
    server_class, module = livereload.LiveReloadServer, livereload
    if broken == "no injection method":
        server_class = type("Changed", (), {"_serve_request": livereload.LiveReloadServer._serve_request,
                                            "get_app": lambda self: None, "set_app": lambda self, app: None})
    elif broken == "another signature":
        server_class = type("Changed", (livereload.LiveReloadServer,), {"_inject_js_into_html": lambda self, content: content})
    elif broken == "another poll route":
        def _serve_request(self, environ, start_response):
            return self._inject_js_into_html(b"", self._visible_epoch)  # no /livereload/ route
        server_class = type("Changed", (livereload.LiveReloadServer,), {"_serve_request": _serve_request})
    else:
        module = types.SimpleNamespace(_SCRIPT_TEMPLATE_STR=livereload._SCRIPT_TEMPLATE_STR.replace(
            '"/livereload/" + epoch', '"/reload/" + epoch'))
    with pytest.raises(RuntimeError, match="scripts/mkdocs_styrdok/live_reload.py"):
        live_reload.check_mkdocs(server_class, module)


def test_our_script_speaks_mkdocs_long_poll_protocol():
    """The lines of MkDocs' own script that make the protocol are in ours, word for word."""
    from mkdocs import livereload

    from mkdocs_styrdok import live_reload
    for line in ('req.open("GET", "/livereload/" + epoch + "/" + requestId);', "location.reload();",
                 "if (parseFloat(this.responseText) > epoch) {", 'window.addEventListener("beforeunload", stop);'):
        assert line in livereload._SCRIPT_TEMPLATE_STR and line in live_reload.SCRIPT, line


def test_served_pages_load_the_live_reload_file_and_carry_no_inline_script(live_server):
    from mkdocs_styrdok import live_reload
    live_reload.install(live_server)
    status, headers, page = _get(live_server, "/ordlista/")
    assert status == "200 OK" and _inline_scripts(page) == []
    assert f'<script src="{live_reload.SCRIPT_PATH}" data-epoch="{live_server._visible_epoch}"'.encode() in page
    assert page.index(live_reload.SCRIPT_PATH.encode()) < page.index(b"</body>")
    status, headers, script = _get(live_server, live_reload.SCRIPT_PATH)
    assert status == "200 OK" and headers["Content-Type"].startswith("application/javascript")
    assert script.decode() == live_reload.SCRIPT
    # MkDocs' own long-poll answers (an old epoch: at once, with the current one).
    status, _, epoch = _get(live_server, f"/livereload/{live_server._visible_epoch - 1}/1")
    assert (status, int(epoch)) == ("200 OK", live_server._visible_epoch)


def test_a_failed_rebuild_serves_the_error_page_with_the_sites_policy_and_recovers(live_server):
    from mkdocs_styrdok import live_reload
    from styrdok.output import headers
    failing = {"now": True}

    def build():
        if failing["now"]:
            import logging
            logging.getLogger("mkdocs.plugins").error("docs/sv/ordlista.md:7 the attribute onclick= on <a>")
            raise RuntimeError("Aborted with a BuildError!")
    live_server.builder = build
    live_reload.install(live_server)
    live_server.builder()
    status, headers_sent, page = _get(live_server, "/ordlista/")
    assert status == "500 Build failed"
    text = page.decode()
    assert "Bygget misslyckades" in text and "docs/sv/ordlista.md:7 the attribute onclick= on &lt;a&gt;" in text
    from selectolax.lexbor import LexborHTMLParser
    metas = LexborHTMLParser(text).css('meta[http-equiv="Content-Security-Policy"]')
    assert [m.attributes["content"] for m in metas] == [headers.meta_content_security_policy()]
    assert "unsafe-inline" not in text
    assert _inline_scripts(page) == [] and " style=" not in text and "<style" not in text
    assert live_reload.SCRIPT_PATH in text  # it reloads by itself once fixed
    status, headers_sent, css = _get(live_server, live_reload.STYLESHEET_PATH)
    assert status == "200 OK" and headers_sent["Content-Type"].startswith("text/css") and b"pre" in css
    failing["now"] = False
    live_server.builder()
    status, _, page = _get(live_server, "/ordlista/")
    assert status == "200 OK" and b"Ordlista" in page and b"Bygget misslyckades" not in page


def test_the_published_and_the_preview_policy_are_one():
    import inspect

    from styrdok.output import headers
    assert list(inspect.signature(headers.meta_content_security_policy).parameters) == []
    assert "'unsafe-inline'" not in headers.meta_content_security_policy()
    assert headers.meta_content_security_policy() in headers.content_security_policy()


# --- bounded work ---------------------------------------------------------------------------------

def _facts_of_a_disguised_page():
    """512 KiB of digits joined by non-breaking hyphens and full-width digits: every position a
    candidate for the fact patterns once normalised."""
    pages.facts(("2016\u201112\u2011" + "\uff11" * 3 + "-") * (512 * 1024 // 14))


def _contact_name_far_from_fifteen_thousand_phone_lines():
    """The name and the phone number each on 15,000 lines, far apart: the placement check looks at
    each line's neighbours, not at every pair."""
    from styrdok.model.register import check_contact_names
    source = "Handläggare: Mattias Rindberg\n" * 15_000 + "x\n" * 10 + "Tel: 08-508 28 590\n" * 15_000
    check_contact_names(FIXTURE_REGISTER, source, "docs/_data/000.txt", [])


def _front_matter_with_an_impossible_date_after_five_thousand_values():
    from styrdok.problems import ContentError
    text = "---\n" + "".join(f"k{i}: v\n" for i in range(5_000)) + "date: 2016-13-45\n---\n"
    with pytest.raises(ContentError):
        yamlfile.front_matter(text, "docs/sv/x.md")


WORST_CASES = {
    "facts of a 512 KiB page of disguised digits and hyphens": _facts_of_a_disguised_page,
    "a contact name and a phone number on 15,000 lines each": _contact_name_far_from_fifteen_thousand_phone_lines,
    "front matter with an impossible date after 5,000 values": _front_matter_with_an_impossible_date_after_five_thousand_values,
}


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
@pytest.mark.parametrize("name", WORST_CASES)
def test_the_worst_cases_take_bounded_time(name):
    import time
    started = time.monotonic()
    WORST_CASES[name]()
    assert time.monotonic() - started < 10, name  # a regression (quadratic work) takes minutes
