"""Checks across the Swedish and English page trees: every page translated, facts agreeing."""

from __future__ import annotations

from pathlib import Path

from styrdok.model import facts as fact_grammar
from styrdok.model import yamlfile
from styrdok.model.files import files_under
from styrdok.problems import ContentError, Problem, did_you_mean, relative
from styrdok.render import includes

INCLUDES = includes.FOLDER

# Language-neutral facts: they must be identical in both language versions of a page. Each kind has
# one grammar (styrdok.facts); here each is named as the messages name it.
FACT_PATTERNS = {fact_grammar.LABELS[kind]: pattern for kind, pattern in fact_grammar.PATTERNS.items()}


# The front matter a page may have (README, the contributor guide). Keys of the theme such as
# template: or hide: would let a page replace its own template or hide the footer's legal links.
FRONT_MATTER = {
    "title": "sidans rubrik / the page title",
    "description": "en mening om sidan / one sentence about the page",
    "document": "id i registret / the register id",
    "translation_of": "bara engelska sidor / English pages only",
}
REQUIRED_FRONT_MATTER = ("title", "description")


def check_front_matter(meta, file: str, lang: str) -> list[Problem]:
    """Only the known keys, each with a plain text value; title and description on every page."""
    problems = []
    for key, value in meta.items():
        line = meta.lines.get(key)
        if key not in FRONT_MATTER or (key == "translation_of" and lang != "en"):
            hint_sv, hint_en = did_you_mean(key, FRONT_MATTER)
            problems.append(Problem(
                file, line, f"Överst i filen finns fältet '{key}', som inte är tillåtet.{hint_sv}",
                f"The front matter has the field '{key}', which is not allowed.{hint_en}",
                "Ta bort raden. Tillåtna fält: " + ", ".join(FRONT_MATTER) + ".",
                "Remove the line. Allowed fields: " + ", ".join(FRONT_MATTER) + "."))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(
                file, line, f"Fältet '{key}' ska vara en text på en rad.",
                f"The field '{key}' must be text on one line.",
                f"Skriv till exempel {key}: och texten efter kolonet.",
                f"Write, for example, {key}: and the text after the colon."))
    for key in REQUIRED_FRONT_MATTER:
        if key not in meta:
            problems.append(Problem(
                file, 1, f"Överst i filen saknas fältet {key}: ({FRONT_MATTER[key].split(' / ')[0]}).",
                f"The front matter lacks {key}: ({FRONT_MATTER[key].split(' / ')[1]}).",
                f"Lägg till en rad {key}: … mellan raderna med --- överst i filen.",
                f"Add a line {key}: … between the --- lines at the top of the file."))
    return problems


def page_names(docs_dir: Path, lang: str) -> set[str]:
    return set(files_under(docs_dir / lang, ".md"))




def facts(text: str) -> dict[str, set[str]]:
    """The facts of a text by kind, each as it is compared (styrdok.model.facts.find): a date typed with a
    non-breaking hyphen or full-width digits is the same date, and a different one cannot hide
    behind such characters."""
    return {fact_grammar.LABELS[kind]: values for kind, values in fact_grammar.find(text).items()}


def headings(text: str, start: int) -> list[tuple[int, int, str | None]]:
    """(line, level, explicit anchor) of each Markdown heading in a page body.

    Read line by line with string methods: a pattern with optional spaces on both sides of the
    text took minutes on a heading of a few thousand spaces.
    """
    found = []
    for number, line in enumerate(text.split("\n"), start=start):
        if not line.startswith("#"):
            continue
        level = len(line) - len(line.lstrip("#"))
        if level > 6 or (len(line) > level and line[level] not in " \t"):
            continue
        rest = line[level:].strip()
        anchor = None
        if rest.endswith("}") and "{#" in rest:
            candidate = rest[rest.rindex("{#") + 2:-1]
            if candidate and all(c.isalnum() or c in "_-" for c in candidate):
                anchor = candidate
        found.append((number, level, anchor))
    return found


def _check_headings(sv_file, sv_body, sv_start, en_file, en_body, en_start) -> list[Problem]:
    sv_h, en_h = headings(sv_body, sv_start), headings(en_body, en_start)
    if [(lvl, a) for _, lvl, a in sv_h] == [(lvl, a) for _, lvl, a in en_h]:
        return []
    for index, (sv_item, en_item) in enumerate(zip(sv_h, en_h, strict=False)):
        if sv_item[1:] != en_item[1:]:
            return [Problem(
                en_file, en_item[0],
                f"Rubrik nr {index + 1} har nivå {en_item[1]} och ankare {{#{en_item[2]}}}, men i "
                f"{sv_file} (rad {sv_item[0]}) nivå {sv_item[1]} och ankare {{#{sv_item[2]}}}.",
                f"Heading no. {index + 1} has level {en_item[1]} and anchor {{#{en_item[2]}}}, but in "
                f"{sv_file} (line {sv_item[0]}) level {sv_item[1]} and anchor {{#{sv_item[2]}}}.",
                "Ge rubrikerna samma nivå (antal #) och samma {#ankare} i båda språken.",
                "Give the headings the same level (number of #) and the same {#anchor} in both languages.")]
    shorter = min(len(sv_h), len(en_h))
    if len(en_h) > shorter:
        where = (en_file, en_h[shorter][0])
        first_sv = f" Den första rubriken utöver dem står här, på rad {en_h[shorter][0]}."
        first_en = f" The first heading beyond those is here, on line {en_h[shorter][0]}."
    else:
        where = (en_file, None)
        first_sv = f" Den första rubriken som saknas här står på rad {sv_h[shorter][0]} i {sv_file}."
        first_en = f" The first heading missing here is on line {sv_h[shorter][0]} of {sv_file}."
    return [Problem(
        *where,
        f"Sidan har {len(en_h)} rubriker men {sv_file} har {len(sv_h)}.{first_sv}",
        f"The page has {len(en_h)} headings but {sv_file} has {len(sv_h)}.{first_en}",
        "Översätt alla rubriker så att båda språken har samma rubriker i samma ordning.",
        "Translate every heading so that both languages have the same headings in the same order.")]


def first_lines(text: str, start: int) -> dict[tuple[str, str], int]:
    """The first line of each fact in a text, by (kind, value): each line read once. A fact broken
    over two lines is found in the text, but on no line."""
    lines: dict[tuple[str, str], int] = {}
    for number, line in enumerate(text.split("\n"), start=start):
        for kind, values in facts(line).items():
            for value in values:
                lines.setdefault((kind, value), number)
    return lines


def check_translations(docs_dir: Path, root: Path, languages: tuple[str, ...], compare: bool = True) -> list[Problem]:
    """Every page exists in both languages (``languages``: the original, then its translation),
    front matter is readable and allowed, titles differ; both name the same document; with
    ``compare``, also the same headings and facts (compare_pair)."""
    problems: list[Problem] = []
    names = {lang: page_names(docs_dir, lang) for lang in languages}
    docs = relative(docs_dir, root)
    sv, en = languages
    for lang, other in ((sv, en), (en, sv)):
        for name in sorted(names[other] - names[lang]):
            missing = f"{docs}/{lang}/{name}"
            present = f"{docs}/{other}/{name}"
            if lang == en:
                what_sv = f"Den engelska översättningen av {present} saknas."
                what_en = f"The English translation of {present} is missing."
            else:
                what_sv = f"Den svenska originalsidan till {present} saknas."
                what_en = f"The Swedish original of {present} is missing."
            # Told on the page that is there (the one the editor added, or the twin of the one
            # removed): a message on a file that does not exist shows nowhere in a pull request.
            problems.append(Problem(
                present, None, what_sv, what_en,
                f"Skapa {missing} med samma filnamn (översätt sidan), eller ta bort {present}.",
                f"Create {missing} with the same file name (translate the page), or delete {present}."))
    titles: dict = {}
    for name in sorted(names[sv] & names[en]):
        parsed = {}
        for lang in languages:
            file = f"{docs}/{lang}/{name}"
            try:
                meta, body, start = yamlfile.read_page(docs_dir / lang / name, file)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            parsed[lang] = (file, meta, body, start)
            problems += check_front_matter(meta, file, lang)
            if isinstance(meta.get("title"), str):
                titles.setdefault((lang, " ".join(meta["title"].split()).casefold()), []).append(
                    (file, meta.lines.get("title")))
        if len(parsed) < 2:
            continue
        (sv_file, sv_meta, _, _), (en_file, en_meta, _, _) = parsed[sv], parsed[en]
        if sv_meta.get("document") != en_meta.get("document"):
            sv_where = f"{sv_file}, rad {sv_meta.lines.get('document', 1) if sv_meta else 1}"
            sv_where_en = f"{sv_file}, line {sv_meta.lines.get('document', 1) if sv_meta else 1}"
            problems.append(Problem(
                en_file, en_meta.lines.get("document", 1) if en_meta else 1,
                f"Sidan hör till dokumentet '{en_meta.get('document')}', men den svenska sidan ({sv_where}) till "
                f"'{sv_meta.get('document')}'.",
                f"The page belongs to the document '{en_meta.get('document')}', but the Swedish page "
                f"({sv_where_en}) to '{sv_meta.get('document')}'.",
                "Skriv samma document: överst i filen på båda språken.",
                "Write the same document: in the front matter of both languages."))
        if compare:
            problems += compare_pair(parsed[sv], parsed[en], docs_dir)
    for _, holders in sorted(titles.items()):
        for file, line in holders[1:]:
            problems.append(Problem(
                file, line, f"Titeln är densamma som på {holders[0][0]}. Två sidor med samma titel går inte "
                "att skilja åt i menyn, i sökträffar och i webbläsarens flikar.",
                f"The title is the same as on {holders[0][0]}. Two pages with the same title cannot be told "
                "apart in the menu, in search results and in browser tabs.",
                "Ge sidan en egen titel.", "Give the page a title of its own."))
    return problems


def text_parts(file: str, body: str, start: int, docs_dir: Path, lang: str) -> list[tuple[str, str, int]]:
    """(file, text, its first line) of a page's body and of each fragment it includes, as the editor
    sees them: a fact or term found in a part is told with that part's file and line."""
    docs = file.rpartition(f"/{lang}/")[0]
    found = [(file, body, start)]
    for rel in includes.fragments(body, docs_dir, lang):
        found.append((f"{docs}/{rel}", yamlfile.read_text(docs_dir / rel), 1))
    return found


def first_place(parts: list[tuple[str, str, int]], holds) -> tuple[str, int | None]:
    """(file, line) of the first line of the parts for which ``holds(line)`` is true."""
    for file, text, start in parts:
        for number, line in enumerate(text.split("\n"), start=start):
            if holds(line):
                return file, number
    return parts[0][0], None


def english_twin(swedish: str, en_file: str, en_parts: list[tuple[str, str, int]]) -> str:
    """Where the English of a Swedish part is written: the twin fragment when the English page
    includes it, otherwise the English page."""
    twin = swedish.replace("/_includes/sv/", "/_includes/en/", 1)
    return twin if twin != swedish and twin in {file for file, _, _ in en_parts} else en_file


def _fact_places(parts: list[tuple[str, str, int]]) -> dict[tuple[str, str], tuple[str, int]]:
    places: dict[tuple[str, str], tuple[str, int]] = {}
    for file, text, start in parts:
        for key, line in first_lines(text, start).items():
            places.setdefault(key, (file, line))
    return places


def changed_swedish(sv_file: str, en_meta, docs_dir: Path) -> set[str]:
    """The Swedish files (as the editor sees them) of a page whose text changed since its English
    twin was translated (translation_of:): when a fact or term differs between the two, the change
    is there, and that is where it is told. Empty when the page was never marked as translated."""
    from styrdok.checks import drift  # (drift reads the page lists from here)
    recorded = en_meta.get(drift.KEY) if en_meta else None
    docs, _, name = sv_file.rpartition("/sv/")
    if recorded is None:
        return set()
    try:
        current = drift.source_hash(docs_dir / "sv" / name, docs_dir)
    except (OSError, ContentError):
        return set()
    if str(recorded) == current:
        return set()
    return {f"{docs}/{part}" for part in drift.changed_parts(name, current, str(recorded), docs_dir)}


def compare_pair(original: tuple, translation: tuple, docs_dir: Path) -> list[Problem]:
    """The same headings and facts in a page and its translation; each is (file, front matter,
    body, line where the body starts). A fact on one side only is told on the Swedish file where
    it changed when the Swedish text changed since the translation (changed_swedish), otherwise on
    the English page; each message names the other side's file and line."""
    problems: list[Problem] = []
    (sv_file, _, sv_body, sv_start), (en_file, en_meta, en_body, en_start) = original, translation
    problems += _check_headings(sv_file, sv_body, sv_start, en_file, en_body, en_start)
    # Facts may sit in included fragments; headings are compared in the page itself.
    sv_text, en_text = includes.expand(sv_body, docs_dir, "sv"), includes.expand(en_body, docs_dir, "en")
    sv_facts, en_facts = facts(sv_text), facts(en_text)
    if sv_facts == en_facts:
        return problems
    sv_places = _fact_places(text_parts(sv_file, sv_body, sv_start, docs_dir, "sv"))
    en_parts = text_parts(en_file, en_body, en_start, docs_dir, "en")
    en_places = _fact_places(en_parts)
    changed = changed_swedish(sv_file, en_meta, docs_dir)
    for kind in FACT_PATTERNS:
        name_sv, name_en = kind.split(" / ")  # each half of a message in its own language
        for value in sorted(sv_facts[kind] - en_facts[kind]):
            file, line = sv_places.get((kind, value), (sv_file, None))
            if file in changed:
                twin = english_twin(file, en_file, en_parts)
                problems.append(Problem(
                    file, line,
                    f"{name_sv}: '{value}' står här men inte i den engelska sidan {en_file}.",
                    f"{name_en}: '{value}' is here but not in the English page {en_file}.",
                    f"Skriv samma uppgift i {twin} när du översätter ändringen (siffror och datum översätts "
                    "inte), eller rätta uppgiften här om den är fel.",
                    f"Write the same fact in {twin} when you translate the change (numbers and dates are not "
                    "translated), or correct the fact here if it is wrong."))
                continue
            problems.append(Problem(
                en_file, None,
                f"{name_sv}: '{value}' står i {file} (rad {line}) men inte i den engelska sidan.",
                f"{name_en}: '{value}' is in {file} (line {line}) but not in the English page.",
                "Skriv samma uppgift i den engelska sidan (siffror och datum översätts inte).",
                "Write the same fact in the English page (numbers and dates are not translated)."))
        for value in sorted(en_facts[kind] - sv_facts[kind]):
            file, line = en_places.get((kind, value), (en_file, None))
            if changed:
                swedish = sorted(changed)[0]
                problems.append(Problem(
                    swedish, None,
                    f"{name_sv}: '{value}' står i den engelska sidan ({file}, rad {line}) men inte längre i "
                    f"{sv_file}, som har ändrats.",
                    f"{name_en}: '{value}' is in the English page ({file}, line {line}) but no longer in {sv_file}, "
                    "which changed.",
                    f"Rätta uppgiften så att båda språken säger samma sak: här, eller i {file} när du översätter "
                    "ändringen.",
                    f"Correct the fact so that both languages say the same: here, or in {file} when you translate "
                    "the change."))
                continue
            problems.append(Problem(
                file, line,
                f"{name_sv}: '{value}' står i den engelska sidan men inte i {sv_file}.",
                f"{name_en}: '{value}' is in the English page but not in {sv_file}.",
                "Rätta uppgiften så att båda språken säger samma sak.",
                "Correct the fact so that both languages say the same."))
    return problems


def compare_translations(docs_dir: Path, root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """compare_pair for every page and its translation (pages that cannot be read are reported by
    check_translations)."""
    problems: list[Problem] = []
    docs = relative(docs_dir, root)
    sv, en = languages
    for name in sorted(page_names(docs_dir, sv) & page_names(docs_dir, en)):
        try:
            pair = [(f"{docs}/{lang}/{name}", *yamlfile.read_page(docs_dir / lang / name, f"{docs}/{lang}/{name}"))
                    for lang in (sv, en)]
        except ContentError:
            continue
        problems += compare_pair(pair[0], pair[1], docs_dir)
    return problems
