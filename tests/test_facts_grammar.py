"""One grammar per fact (issue 25, item 3): styrdok.facts reads reference numbers, dates, e-mail
addresses and Swedish phone numbers for every part of the site, and site.js's twin writes a query as
facts.identifier_key writes an identifier.

- The case table (tests/fixtures/facts_cases.json) holds each function's inputs and expected outputs,
  the disguises of issue 22 and the disagreements the old grammars had; every row runs against
  facts.py, and the rows of the functions site.js has a twin of also run in Node against site.js.
- Beyond the table, every dash, slash, invisible character, space and digit Python knows, and random
  texts made of them, give the same key in both.
- Each consumer (the page comparison, the register, its source check, the operator settings, the
  search and the spelling) reads the disagreeing cases by the one rule, with its message, file and line.
- No other module has a pattern of its own for these kinds; the grammars stay linear (WORST_CASES).
"""

from __future__ import annotations

import ast
import functools
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

from conftest import LANGUAGES, ROOT
from styrdok import search
from styrdok.checks import pages, spelling
from styrdok.model import facts, normalise, operator_settings, register, tree, yamlfile
from styrdok.problems import ContentError
from styrdok.render import views

pytestmark = pytest.mark.unit

TABLE = json.loads((ROOT / "tests" / "fixtures" / "facts_cases.json").read_text(encoding="utf-8"))
SITE_JS = ROOT / "overrides" / "assets" / "javascripts" / "site.js"
REGISTER_TEXT = (ROOT / "tests" / "fixtures" / "register.yml").read_text(encoding="utf-8")
SOURCE = (ROOT / "docs" / "_data" / "000_ebcdb2b342ce38cb.txt").read_text(encoding="utf-8")
REGISTER_FILE = "docs/_data/register.yml"


def _rows(function: str) -> list:
    return [pytest.param(row, id=row["case"]) for row in TABLE[function]]


# --- the table, in Python ---------------------------------------------------------------------------

@pytest.mark.parametrize("row", _rows("for_facts"))
def test_for_facts(row):
    assert facts.for_facts(row["in"]) == row["out"]


@pytest.mark.parametrize("row", _rows("identifier_key"))
def test_identifier_key(row):
    assert facts.identifier_key(row["in"]) == row["out"]


@pytest.mark.parametrize("row", _rows("normalise_reference"))
def test_normalise_reference(row):
    assert facts.normalise_reference(row["in"]) == row["out"]


@pytest.mark.parametrize("row", _rows("find"))
def test_find(row):
    expected = {kind: set(row["out"].get(kind, [])) for kind in facts.KINDS}
    assert set(row["out"]) <= set(facts.KINDS)
    assert facts.find(row["in"]) == expected


@pytest.mark.parametrize("row", _rows("parse"))
def test_parse(row):
    parse = facts.parse_other_reference if row["kind"] == "other_reference" else functools.partial(facts.parse, row["kind"])
    assert parse(row["in"]) == row["out"]
    if row["kind"] != "other_reference":
        assert getattr(facts, f"parse_{row['kind']}")(row["in"]) == row["out"]


def test_a_value_found_on_a_page_is_a_value_the_register_and_the_settings_take():
    """One grammar: whatever find() reads as a fact of a kind, typed alone, parse() takes as the same
    value (a date must also exist); and a typed value stands in a text as itself."""
    for row in TABLE["find"]:
        for kind, values in row["out"].items():
            for value in values:
                if kind != "date" or value != "2016-02-30":
                    assert facts.parse(kind, value) == value, (kind, value)
    for row in TABLE["parse"]:
        if row["out"] is not None and row["kind"] != "other_reference":
            assert row["out"] in facts.find(f"({row['in']})")[row["kind"]], row


def test_every_invisible_character_the_files_refuse_is_removed_a_dash_or_a_space_in_a_key():
    for char in tree.INVISIBLE:
        key = facts.identifier_key(f"a{char}b")
        assert key in ("ab", "a-b", "a b"), (hex(ord(char)), key)


def test_a_number_of_thousands_of_digits_is_written_without_its_zeros():
    """str(int(…)) refuses numbers of more than 4,300 digits: a long run in a source or a query was a
    crash, not a message."""
    run = "0" * 10 + "7" * 5000
    assert facts.normalise_reference(f"{run}-1/2016") == "7" * 5000 + "-1/2016"
    assert facts.find(f"dnr {run}-1/2016.")["reference"] == {"7" * 5000 + "-1/2016"}
    assert facts.identifier_key(run) == "7" * 5000


# --- the twin in site.js, in Node -----------------------------------------------------------------

def site_js_facts() -> str:
    """The facts block of site.js: its constants, forFacts and identifierKey, as the browser runs them."""
    script = SITE_JS.read_text(encoding="utf-8")
    found = re.search(r"\n  // --- facts:.*?\n  // --- end of facts ---\n", script, re.DOTALL)
    assert found, "site.js has no facts block"
    return found.group(0)


def run_twins(inputs: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each JavaScript function of the block over its inputs, in Node (the inputs travel as JSON on
    standard input: no quoting of hostile text into a program)."""
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node is installed with the test tools (make system)"
    program = site_js_facts() + """
      var input = JSON.parse(require("fs").readFileSync(0, "utf8")), output = {};
      var functions = {forFacts: forFacts, identifierKey: identifierKey};
      Object.keys(input).forEach(function (name) { output[name] = input[name].map(functions[name]); });
      process.stdout.write(JSON.stringify(output));
    """
    done = subprocess.run([node, "-e", program], input=json.dumps(inputs), capture_output=True, text=True,
                          check=True, encoding="utf-8")
    return json.loads(done.stdout)


@functools.lru_cache(maxsize=1)
def _table_in_node() -> dict:
    return run_twins({twin: [row["in"] for row in TABLE[function]] for function, twin in TABLE["twins"].items()})


TWIN_ROWS = [pytest.param(function, index, id=f"{function}: {row['case']}")
             for function in TABLE["twins"] for index, row in enumerate(TABLE[function])]


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
@pytest.mark.parametrize(("function", "index"), TWIN_ROWS)
def test_site_js_twin(function, index):
    row = TABLE[function][index]
    assert _table_in_node()[TABLE["twins"][function]][index] == row["out"]


def _characters() -> list[str]:
    """Every character a fact's written form turns on, as Python's Unicode data has them: dashes,
    slashes, invisible characters, spaces, digits of every script, and the letters case turns on."""
    chars = set(normalise.DASHES) | set(normalise.SLASHES) | set(tree.INVISIBLE) | set("\uff0f\u00a0\u202f\ufb01")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Nd" or char.isspace() or (category in ("Cf", "Pd", "Zs")):
            chars.add(char)
    return sorted(chars | set("0123456789-/ aAÅåÖöİΣσ"))


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
def test_site_js_and_facts_write_every_special_character_alike():
    """Each character between two words and between two numbers: the same key and the same written
    form in both (characters newer than Python's Unicode data are left out: Python cannot know them)."""
    texts = [f"{before}{char}{after}" for char in _characters() for before, after in (("Ab1", "02"), ("07", "x"))]
    node = run_twins({"forFacts": texts, "identifierKey": texts})
    python = {"forFacts": [facts.for_facts(t) for t in texts], "identifierKey": [facts.identifier_key(t) for t in texts]}
    for name in python:
        differing = [(t, js, py) for t, js, py in zip(texts, node[name], python[name], strict=True) if js != py]
        assert differing == [], (name, differing[:5])


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
def test_site_js_and_facts_agree_on_random_texts():
    rng = random.Random(25)
    alphabet = _characters()
    common = list("0123456789-/ aA") + ["\u2011", "\u00a0", "\u200b", "\uff11", "\u0661", "\u00ad", "\ufeff", "\x1c"]
    texts = ["".join(rng.choice(common if rng.random() < 0.7 else alphabet) for _ in range(rng.randint(0, 24)))
             for _ in range(3000)]
    node = run_twins({"forFacts": texts, "identifierKey": texts})
    assert [t for t, js in zip(texts, node["identifierKey"], strict=True) if js != facts.identifier_key(t)] == []
    assert [t for t, js in zip(texts, node["forFacts"], strict=True) if js != facts.for_facts(t)] == []


def test_the_search_keys_identifiers_with_the_one_key():
    assert search.identifier_key is facts.identifier_key
    assert "function identifierKey(" in site_js_facts() and "identifierKey(query)" in SITE_JS.read_text(encoding="utf-8")


# --- each consumer reads the disagreements by the one rule ----------------------------------------------

def _pair(sv_body: str, en_body: str, tmp_path):
    return pages.compare_pair(("docs/sv/x.md", {}, sv_body, 5), ("docs/en/x.md", {}, en_body, 5), tmp_path)


@pytest.mark.parametrize(("sv", "en"), [
    ("Beslut dnr 0171-0482/2016.", "Decision ref. 171-482/2016."),
    ("Ring 08-508 28 590.", "Call +46 8 508 28 590."),
    ("Mejla Mattias.Rindberg@stockholm.se.", "E-mail mattias.rindberg@Stockholm.SE."),
])
def test_the_page_comparison_reads_each_form_of_a_fact_as_the_one_fact(tmp_path, sv, en):
    assert _pair(sv, en, tmp_path) == []


@pytest.mark.parametrize(("kind", "sv", "en", "sv_value", "en_value"), [
    # Neither was found before: a wrong reference number of four digits hid from the comparison.
    ("diarienummer / reference number", "dnr 0171-0482/2016", "ref. 0171-0483/2016", "171-482/2016", "171-483/2016"),
    ("telefon / phone", "tel. 08-508 28 590", "tel. +46 8 508 28 591", "08-508 28 590", "08-508 28 591"),
    ("e-post / e-mail", "a.b@stockholm.se", "A.C@stockholm.se", "a.b@stockholm.se", "a.c@stockholm.se"),
])
def test_a_different_fact_in_another_form_is_named_with_its_line(tmp_path, kind, sv, en, sv_value, en_value):
    found = _pair(f"Intro.\n\n{sv}\n", f"Intro.\n\nText.\n\n{en}\n", tmp_path)
    name_sv, name_en = kind.split(" / ")  # each half names the kind in its own language
    assert sorted(p.en for p in found) == sorted([
        f"{name_en}: '{sv_value}' is in docs/sv/x.md (line 7) but not in the English page.",
        f"{name_en}: '{en_value}' is in the English page but not in docs/sv/x.md."])
    extra = next(p for p in found if "is in the English page" in p.en)
    assert (extra.file, extra.line) == ("docs/en/x.md", 9)
    assert f"{name_sv}: '{en_value}' står i den engelska sidan men inte i docs/sv/x.md" in extra.sv and extra.fix_sv and extra.fix_en


def _register(*changes: tuple[str, str]):
    text = REGISTER_TEXT
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return register.parse_register(yamlfile.parse(text, REGISTER_FILE), "docs/_data/register.yml", LANGUAGES), text


def _refused(*changes: tuple[str, str]) -> list:
    with pytest.raises(ContentError) as caught:
        _register(*changes)
    return caught.value.problems


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


REFERENCE = ("    reference: 171-482/2016\n", "    reference: 0171-0482/2016\n")


def test_the_register_the_source_check_and_the_search_read_0171_0482_2016_as_171_482_2016():
    parsed, _ = _register(REFERENCE)
    doc = parsed.by_id["internationell-strategi-2016"]
    assert doc.normalised_reference == "171-482/2016" and parsed.by_reference("171-482/2016") is doc
    assert register.check_against_source(parsed, SOURCE, "docs/_data/000.txt") == []
    # The decision's paragraph in the source writes 171-482/2016: the status still rests on it.
    texts = {s["file"]: (ROOT / "docs" / "_data" / s["file"]).read_text(encoding="utf-8") for s in parsed.sources}
    assert register.decision_evidence(parsed, doc, texts) is not None
    entries = json.loads(search.identifiers_json(parsed, "sv", _ui_texts(), views.page_path))
    assert {"key": "171-482/2016", "kind": "reference"}.items() <= next(e for e in entries if e["kind"] == "reference").items()


@functools.lru_cache(maxsize=1)
def _ui_texts() -> dict:
    from styrdok.model import content
    return content.load(ROOT / "docs").ui["sv"]


def test_two_reference_numbers_that_differ_in_leading_zeros_are_one():
    problems = _refused(("    reference: 006-1137/2007\n", "    reference: 0171-0482/2016\n"))
    assert any("Two documents have the same reference: '171-482/2016'" in p.en for p in problems), [p.en for p in problems]


@pytest.mark.parametrize(("written", "in_source", "found"), [
    ("SBR 2017/12", "SBR 2017/012", True),     # the leading-zero rule, as duplicates and search apply it
    ("SBR 2017/12", "sbr  2017/12", True),     # case and spaces, as before
    ("SBR 2017/13", "SBR 2017/012", False),
    ("SBR 2017/1", "SBR 2017/12", False),      # whole words only
])
def test_a_reference_number_of_another_form_follows_the_same_rule_in_the_source_check(written, in_source, found):
    parsed, text = _register(("    reference: 171-482/2016\n", f"    reference: {written}\n"))
    problems = register.check_against_source(parsed, SOURCE + f"\nBeslut {in_source}.\n", "docs/_data/000.txt")
    assert [p.en for p in problems] == ([] if found else [
        f"The reference number '{written}' does not occur in the source (docs/_data/000.txt)."])
    if problems:
        assert (problems[0].file, problems[0].line) == (REGISTER_FILE, _line(text, f"reference: {written}"))


PHONE_LINE = "      phone: 08-508 28 590\n"


@pytest.mark.parametrize("phone", ["508 28", "0850828590", "1 - - - -", "08-508 28 5901"])
def test_a_contact_phone_number_outside_the_grammar_is_refused_with_its_line(phone):
    """Each of these passed the register's old pattern; "508 28" even passed the source check, as a
    piece of the source's number."""
    problems = _refused((PHONE_LINE, f"      phone: {phone}\n"))
    (problem,) = [p for p in problems if "'phone' in contact" in p.en]
    assert problem.line == _line(REGISTER_TEXT, PHONE_LINE.strip("\n"))
    assert problem.en == ("'phone' in contact in the document 'sbr-kompletterande-agardirektiv' must be "
                          f"{facts.PHONE_FORM[1]}.")
    assert problem.sv.endswith(f"ska vara {facts.PHONE_FORM[0]}.") and problem.fix_en == f"Write {facts.PHONE_FORM[1]}."


def test_a_contact_in_the_international_form_or_another_case_is_the_sources_contact():
    parsed, _ = _register((PHONE_LINE, "      phone: +46 8 508 28 590\n"),
                          ("      email: mattias.rindberg@stockholm.se", "      email: Mattias.Rindberg@Stockholm.se"))
    assert register.check_against_source(parsed, SOURCE, "docs/_data/000.txt") == []
    wrong, text = _register((PHONE_LINE, "      phone: +46 8 508 28 591\n"))
    (problem,) = register.check_against_source(wrong, SOURCE, "docs/_data/000.txt")
    assert problem.en == "The contact detail '+46 8 508 28 591' does not occur in the source (docs/_data/000.txt)."
    assert problem.line == _line(text, "phone: +46 8 508 28 591")


def test_a_date_in_the_source_is_a_date_only_whole():
    """The source check read a date as a piece of text; now as the date grammar finds it."""
    source = SOURCE.replace("2016-12-12", "12016-12-123")
    problems = register.check_against_source(register.parse_register(yamlfile.parse(REGISTER_TEXT, REGISTER_FILE), "docs/_data/register.yml", LANGUAGES),
                                             source, "docs/_data/000.txt")
    assert "The decision date '2016-12-12' does not occur in the source (docs/_data/000.txt)." in [p.en for p in problems]


def test_the_registers_translated_texts_compare_facts_by_the_one_rule():
    note = ("Ersatt av Internationell strategi för Stockholms stad (dnr 171-482/2016), som kommunfullmäktige beslutade "
            "att anta.")
    parsed, _ = _register((note, note.replace("171-482/2016", "0171-0482/2016")))
    assert parsed.by_id["overgripande-mal-2007"]
    problems = _refused((note, note.replace("171-482/2016", "0171-0483/2016")))
    assert [p.en for p in problems] == [
        "'note' in change no. 1 in the document 'overgripande-mal-2007' has different reference numbers in Swedish "
        "and English: 171-482/2016, 171-483/2016."]


@pytest.mark.parametrize(("key", "value", "accepted"), [
    ("statement_published", "2026-11-26", True),
    ("statement_published", "2026-02-30", False),          # the operator settings took a date that does not exist
    ("statement_published", "\uff12\uff10\uff12\uff16-11-26", False),  # and full-width digits
    ("phone", "+46 8 508 29 000", True),
    ("phone", "08-508 29 000", True),
    ("phone", "0850829000", False),
    ("email", "Info@Stockholm.se", True),
    ("email", "info@stockholm", False),
])
def test_the_operator_settings_take_the_registers_grammar(tmp_path, key, value, accepted):
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "webbplatsen.yml").write_text(f"organisation: {{sv: x, en: y}}\n{key}: '{value}'\n",
                                                         encoding="utf-8")
    if accepted:
        assert operator_settings.load(tmp_path, languages=LANGUAGES)[key] == value
        return
    with pytest.raises(ContentError) as caught:
        operator_settings.load(tmp_path, languages=LANGUAGES)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("docs/_data/webbplatsen.yml", 2)
    assert problem.en.startswith(f"'{key}' (") and problem.en.endswith("has the wrong form.")
    expected = {"statement_published": "Write a real date as YYYY-MM-DD.", "phone": f"Write {facts.PHONE_FORM[1]}.",
                "email": "Write an e-mail address, for example name@stockholm.se."}[key]
    assert problem.fix_en == expected and problem.fix_sv.startswith("Skriv ")


@pytest.mark.parametrize(("line", "kept"), [
    ("Mejla Mattias.Rindberg@stockholm.se i dag.", "Mejla   i dag."),
    ("Mejla a%b@x.se i dag.", "Mejla   i dag."),
    ("Skriv till info@stockholm i dag.", "Skriv till info@stockholm i dag."),  # no address: the words are spelled
])
def test_the_spelling_skips_exactly_the_addresses_the_grammar_finds(line, kept):
    lines = spelling.prose_lines(f"---\ntitle: x\n---\n{line}\n")
    assert lines[-1] == (4, kept)


# --- one place ---------------------------------------------------------------------------------------

_PATTERN_FUNCTIONS = {"compile", "sub", "subn", "search", "match", "fullmatch", "findall", "finditer", "split"}
# What a pattern for one of the kinds has in it (as ast.unparse writes it): an "@" after or before a
# class, a year or date of four digits, a "/" after digits, a country code, or digits-dash-digits.
_DIGIT = r"(?:\\+d|\[0-9\])"
_FACT_SHAPES = re.compile(rf"(?:\]|\\w)[+*]*@|@(?:\[|\\w)|\{{4\}}|{_DIGIT}[+*]*/|\\+\+46|{_DIGIT}[+*{{}},0-9]*-{_DIGIT}")


def test_no_module_but_facts_has_a_pattern_for_reference_numbers_dates_addresses_or_phone_numbers():
    """Every regex literal given to re in scripts/styrdok, outside facts.py: none reads these kinds."""
    found = []
    for path in sorted((ROOT / "scripts" / "styrdok").rglob("*.py")):
        if path.name == "facts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _PATTERN_FUNCTIONS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                    and isinstance(node.args[0], ast.Constant | ast.JoinedStr)):
                text = ast.unparse(node.args[0])
                if _FACT_SHAPES.search(text):
                    found.append(f"{path.name}:{node.lineno}: {text}")
    assert found == []


def test_the_shape_test_above_sees_the_old_patterns():
    """The control: the patterns that lived in the other modules before are caught by it."""
    for old in (r"\d(?<![\d/-]\d)\d{0,2}-\d{3,4}/\d{4}(?![\d/])", r"(?<!\d)\d++-\d++/\d{4}", r"\d+-\d+/\d{4}",
                r"^[0-9]+-[0-9]+/[0-9]{4}$", r"[0-9]{4}-[0-9]{2}-[0-9]{2}", r"^\d{4}-\d{2}-\d{2}$",
                r"[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(\.[A-Za-z0-9-]++)++", r"(?<![\w.+-])[\w.+-]++@[\w.-]++",
                r"0(?<!\w0)\d{1,3}-\d{2,3}(?: \d{2,3})+\b", r"\+46 [0-9]"):
        assert _FACT_SHAPES.search(repr(old)), old
    assert not _FACT_SHAPES.search(repr(r"^([ \t]*)@HEADERS@")), "a placeholder is no address"


# --- bounded work --------------------------------------------------------------------------------------

SIZE = tree.MAX_BYTES  # the largest file the checks read


def _fill(unit: str) -> str:
    return unit * (SIZE // len(unit))


def _evidence_in_a_paragraph_of_digits():
    """A paragraph that names the decision's date and body, then one long run of digits: the old
    pattern (\\d+-\\d+/\\d{4}, unanchored) read the run again from every digit (64,000 digits: 23 s)."""
    parsed = register.parse_register(yamlfile.parse(REGISTER_TEXT, REGISTER_FILE), "docs/_data/register.yml", LANGUAGES)
    doc = parsed.by_id["internationell-strategi-2016"]
    paragraph = "Kommunfullmäktige beslutade 2016-12-12 " + _fill("1")
    register.decision_evidence(parsed, doc, {s["file"]: paragraph for s in parsed.sources})


WORST_CASES = {
    "facts: digits and dashes": lambda: facts.find(_fill("1-")),
    "facts: digits, dashes and slashes": lambda: facts.find(_fill("1-1/") + _fill("0")),
    "facts: phone-like groups that never end": lambda: facts.find(_fill("08-12 ") + _fill("+46 8 ")),
    "facts: address characters around many @": lambda: facts.find(_fill("a.") + "@" + _fill("a@b.") + _fill("@a")),
    "facts: disguised digits and hyphens": lambda: facts.find(_fill("\uff10\uff18\u2011\u0661 ")),
    "facts: a key of a long query of numbers": lambda: facts.identifier_key(_fill("00\u2011 ") + _fill("0")),
    "facts: typed values at the caps": lambda: [facts.parse(kind, _fill("0-1 ") + "@" + _fill("b."))
                                                for kind in facts.KINDS],
    "register: a decision paragraph of digits": _evidence_in_a_paragraph_of_digits,
}


@pytest.mark.build  # a tool or a timed worst case: not the fast tier
@pytest.mark.parametrize("name", sorted(WORST_CASES))
def test_each_worst_case_ends_in_bounded_time(name):
    """Each at the largest file; linear work takes well under a second here. In a subprocess with a
    time limit, so that a regression fails instead of stalling CI."""
    code = ("import sys, time; sys.path.insert(0, 'tests'); import test_facts_grammar as t; "
            "s = time.perf_counter(); t.WORST_CASES[sys.argv[1]](); print(time.perf_counter() - s)")
    result = subprocess.run([sys.executable, "-c", code, name], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.split()[-1]) < 10, result.stdout
