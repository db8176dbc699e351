"""Loads and checks the site's content as a whole: the entry point the build and the CLI share."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from styrdok.checks import markdown_mistakes, pages, safety, site_paths
from styrdok.checks import verbatim as verbatim_module
from styrdok.checks.spelling import WORD_LIST
from styrdok.model import languages as site_languages
from styrdok.model import markers, operator_settings, terminology, tree, ui, withdrawn, yamlfile
from styrdok.model import register as register_module
from styrdok.model.files import files_under
from styrdok.problems import ContentError, Problem, did_you_mean, relative
from styrdok.render import includes
from styrdok.search import compounds

REGISTER_FILE = "_data/register.yml"
TERMINOLOGY_FILE = "_data/terminology.yml"


@dataclass
class Content:
    """Everything editors write, read once (tree.DocsFiles) and parsed: the files under docs/, the
    register, the terminology, the operator's settings, the interface text and the corrections to
    the search's splitting of compounds. What could not be read is None (or empty), and why is in
    ``load_problems``. Each check is a function of this one object (checks/registry.py)."""

    docs_dir: Path
    root: Path
    files: tree.DocsFiles
    # The site's languages, the original first: read once from mkdocs.yml (languages.py).
    languages: tuple[str, ...] = ()
    register: register_module.Register | None = None
    terms: list | None = None
    operator: dict = field(default_factory=dict)
    ui: dict = field(default_factory=dict)
    # The editors' corrections to the splitting of compound words in the search index.
    compound_corrections: compounds.Corrections = field(default_factory=compounds.Corrections)
    # Versions of pages that must not be published (docs/_data/withdrawn.yml).
    withdrawn: list = field(default_factory=list)
    load_problems: list[Problem] = field(default_factory=list)


def read(docs_dir: Path, root: Path | None = None) -> Content:
    """The site as editors wrote it, read once: the files first (tree.DocsFiles: nothing is read out
    of docs/, no huge file, no bytes that are not text), then each data file parsed. Raises nothing:
    what cannot be read is told by the checks."""
    docs_dir = Path(docs_dir).resolve()
    root = (Path(root) if root else docs_dir.parent).resolve()
    site = Content(docs_dir, root, tree.DocsFiles(docs_dir, root), site_languages.from_config(root / "mkdocs.yml"))
    if site.files.problems:
        return site
    langs = site.languages
    with tree.reading(site.files):
        for name, load in (
            ("register", lambda: register_module.load_register(docs_dir / REGISTER_FILE,
                                                               relative(docs_dir / REGISTER_FILE, root), langs)),
            ("terms", lambda: terminology.load_terms(docs_dir / TERMINOLOGY_FILE,
                                                     relative(docs_dir / TERMINOLOGY_FILE, root))),
            ("operator", lambda: operator_settings.load(docs_dir, languages=langs)),
            ("ui", lambda: ui.load(docs_dir, langs)),
            ("compound_corrections", lambda: compounds.load_corrections(docs_dir / compounds.FILE)),
            ("withdrawn", lambda: withdrawn.load(docs_dir, langs)),
        ):
            try:
                setattr(site, name, load())
            except ContentError as error:
                site.load_problems += error.problems
            except tree.OutsideDocs as missing:  # a data file the site needs is not there
                file = f"{site.files.docs}/{missing}"
                site.load_problems.append(Problem(
                    file, None, f"Filen {file} saknas. Webbplatsen behöver den.",
                    f"The file {file} is missing. The site needs it.",
                    "Återställ filen: ta fram den senaste versionen ur historiken på main.",
                    "Restore the file: take its latest version from the history of main."))
        if site.register and site.ui:
            site.register.ui = site.ui
            texts = source_texts(site.register, docs_dir)
            site.register.evidence = {doc.id: evidence for doc in site.register.documents
                                      if (evidence := register_module.status_evidence(site.register, doc, texts))}
    return site


def check_files(site: Content) -> list[Problem]:
    """The files under docs/ (tree.py's rules), and where each is published (site_paths)."""
    return site.files.problems + site_paths.check(site.docs_dir, site.root, site.languages)


def check_content(site: Content) -> list[Problem]:
    """Everything editors write that the build needs: the pages' front matter, raw HTML and includes,
    the data files, the register against its pages and its sources; then the comparisons across
    pages (editorial_problems)."""
    docs_dir, root, reg = site.docs_dir, site.root, site.register
    problems = list(site.load_problems)
    problems += pages.check_translations(docs_dir, root, site.languages, compare=False)
    problems += check_safety(docs_dir, root)
    problems += check_markdown_mistakes(docs_dir, root)
    if reg:
        problems += register_module.check_pages(reg, docs_dir)
        problems += _check_against_source(reg, docs_dir, root)
        problems += _check_document_pages(reg, docs_dir, root)
        problems += _check_contact_names(reg, site.terms or [], docs_dir, root)
        problems += check_page_facts_in_sources(reg, docs_dir, root)
    if reg and site.terms is not None and site.ui:
        problems += editorial_problems(docs_dir, root, reg, site.terms, site.ui)
    return problems


def load(docs_dir: Path, root: Path | None = None) -> Content:
    """The site read once (read) and held to every check the build runs (registry.BUILD); raises
    ContentError with every problem, or returns it."""
    from styrdok.checks import registry
    site = read(docs_dir, root)
    problems = [p for _, found in registry.run(site, registry.BUILD) for p in found if not p.warning]
    if problems:
        raise ContentError(problems)
    return site


def editorial_problems(docs_dir: Path, root: Path, reg, terms: list, texts: dict) -> list[Problem]:
    """The comparisons across pages: each translation has the original's headings and facts, uses
    the glossary's terms, and the source stands word for word on the Swedish pages."""
    return (pages.compare_translations(docs_dir, root, reg.languages) + check_terms_used(terms, docs_dir, root, reg.languages)
            + check_source_on_pages(reg, texts[reg.languages[0]], docs_dir, root))


def _page_text(docs_dir: Path, page: str) -> str:
    _, body, _ = yamlfile.read_page(docs_dir / page, f"docs/{page}")
    return includes.expand(body, docs_dir, includes.language_of(page))


def check_terms_used(terms: list, docs_dir: Path, root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """The glossary decides: a term on a Swedish page has its English form on the English twin. A
    term the Swedish text gained since the translation is told where it stands (pages.changed_swedish),
    otherwise on the English page; each message names the Swedish file and line."""
    problems = []
    original, translation = languages
    docs = relative(docs_dir, root)
    for name in sorted(pages.page_names(docs_dir, original) & pages.page_names(docs_dir, translation)):
        try:
            sv, en = _page_text(docs_dir, f"sv/{name}"), _page_text(docs_dir, f"en/{name}")
        except ContentError:
            continue  # reported by the translation check
        found = terminology.inconsistent_terms(terms, sv, en)
        if not found:
            continue
        sv_file, en_file = f"{docs}/sv/{name}", f"{docs}/en/{name}"
        _, sv_body, sv_start = yamlfile.read_page(docs_dir / "sv" / name, sv_file)
        en_meta, en_body, en_start = yamlfile.read_page(docs_dir / "en" / name, en_file)
        sv_parts = pages.text_parts(sv_file, sv_body, sv_start, docs_dir, "sv")
        en_parts = pages.text_parts(en_file, en_body, en_start, docs_dir, "en")
        changed = pages.changed_swedish(sv_file, en_meta, docs_dir)
        for term in found:
            file, line = pages.first_place(sv_parts, lambda text, term=term: bool(terminology.phrases_in(text, [term["sv"]])))
            twin = pages.english_twin(file, en_file, en_parts)
            where_sv = f"{file}, rad {line}" if line else file
            where_en = f"{file}, line {line}" if line else file
            fix_sv = (f"Översätt ordet med '{term['en']}' i {twin} (docs/_data/terminology.yml), eller ändra "
                      "ordlistan om den har fel.")
            fix_en = (f"Translate the word as '{term['en']}' in {twin} (docs/_data/terminology.yml), or change the "
                      "glossary if it is wrong.")
            if file in changed:
                problems.append(Problem(
                    file, line, f"Här står '{term['sv']}', men den engelska sidan {en_file} saknar ordlistans "
                    f"översättning '{term['en']}'.",
                    f"'{term['sv']}' stands here, but the English page {en_file} lacks the glossary's translation "
                    f"'{term['en']}'.", fix_sv, fix_en))
                continue
            problems.append(Problem(
                en_file, None,
                f"Den svenska sidan använder '{term['sv']}' ({where_sv}), men den engelska sidan saknar ordlistans "
                f"översättning '{term['en']}'.",
                f"The Swedish page uses '{term['sv']}' ({where_en}), but the English page lacks the glossary's "
                f"translation '{term['en']}'.", fix_sv, fix_en))
    return problems


def _link_texts(markdown: str) -> str:
    """Each [text](target) as its text: what ``re.sub(r"\\[([^\\]]*)\\]\\([^)]*\\)", r"\\1", …)``
    gives, in one pass. That pattern tried every "[" against the text up to the next "]", which
    took quadratic time on a page of "[" with no "](" after them; here each "[" before the same
    "]" shares one answer."""
    parts, position, done = [], 0, 0
    while True:
        start = markdown.find("[", position)
        if start < 0:
            break
        close = markdown.find("]", start + 1)
        if close < 0:
            break
        if not markdown.startswith("(", close + 1):
            position = close + 1  # no "[" before this "]" can start a link
            continue
        end = markdown.find(")", close + 2)
        if end < 0:
            break  # no ")" for this link or any later one
        parts += [markdown[done:start], markdown[start + 1:close]]
        position = done = end + 1
    return "".join(parts) + markdown[done:]


def _as_read(markdown: str) -> str:
    """Markdown as a reader reads it, for comparing with the source: links as their text, no
    emphasis marks or escapes, spaces evened out."""
    text = _link_texts(markdown).replace("*", "").replace("\\", "")
    return " ".join(text.split())


def docs_text(docs_dir: Path, rel: str) -> str:
    """The text of a file inside docs/ (``rel`` relative to it), read only through tree.docs_path:
    what a message quotes from a file is read this way, so it can only come from inside docs/."""
    return yamlfile.read_text(tree.docs_path(docs_dir, rel))


def check_source_on_pages(reg, texts: dict, docs_dir: Path, root: Path) -> list[Problem]:
    """Every paragraph of each verbatim source stands on a Swedish page word for word and sign for
    sign; a paragraph that does not is told on the page, fragment or data file where it stood
    (checks/verbatim.py), naming the source text and its line."""
    verbatim = []
    lines = {}  # file → the line of its verbatim: in the register
    for entry in reg.sources:
        try:
            if entry.get("verbatim"):
                verbatim.append((entry["file"], docs_text(docs_dir, f"_data/{entry['file']}")))
                lines[entry["file"]] = (entry.lines.get("verbatim") if isinstance(entry, yamlfile.LineDict)
                                        else None)
        except tree.OutsideDocs:
            continue  # reported by the register check
    if not verbatim:
        return []
    site_text = " ".join(_as_read(_page_text(docs_dir, f"sv/{page}"))
                         for page in sorted(pages.page_names(docs_dir, "sv")))
    # The contact details stand in each document's register block (partials/register/metadata.html).
    contact_lines = _contact_lines(reg, texts)
    site_text += "".join(" " + label + ": " + value for label, _, value, _ in contact_lines)
    locator = verbatim_module.Locator(lambda: _swedish_pieces(docs_dir, contact_lines))
    problems = []
    for name, source in verbatim:
        found = _paragraphs_not_on_pages(name, source, site_text, locator)
        if found and not any(_stands_whole(wanted, site_text)
                             for wanted in map(_as_read, re.split(r"\n[ \t]*\n", source)) if wanted):
            # Nothing of it is on the pages: the pages lost it, or it was never meant to be there (a
            # decision added as a source with the first source's lines copied): name the flag too.
            where = f"docs/_data/register.yml (rad {lines[name]})" if lines.get(name) else "docs/_data/register.yml"
            where_en = f"docs/_data/register.yml (line {lines[name]})" if lines.get(name) else "docs/_data/register.yml"
            found = [dataclasses.replace(
                problem,
                fix_sv=problem.fix_sv + f" Ska texten inte stå på sidorna (till exempel ett beslut som bara är underlag): "
                                        f"ta bort raden verbatim: true vid källan i {where}.",
                fix_en=problem.fix_en + f" If the text is not meant to stand on the pages (a decision that is only a "
                                        f"basis, say): remove the line verbatim: true at the source in {where_en}.")
                for problem in found]
        problems += found
    return problems


def _contact_lines(reg, texts: dict) -> list[tuple[str, tuple, str, tuple]]:
    """(label, where the label is written, value, where the value is written) of each contact line
    the register blocks show in Swedish: "Handläggare: namn", "Tel: nummer", "E-post: adress". A
    place is (file, line), or (ui.yml, the text's key) for a label of the interface texts."""
    found = []
    for doc in reg.documents:
        contact = doc.contact or {}
        lines = getattr(contact, "lines", {})
        role = contact.get("role")
        if isinstance(role, dict) and role.get("sv"):
            role_line = getattr(role, "lines", {}).get("sv", lines.get("role"))
            found.append((role["sv"], (reg.file, role_line), str(contact.get("name")), (reg.file, lines.get("name"))))
        for key in ("phone", "email"):
            if contact.get(key):
                found.append((texts[key], (f"docs/{ui.FILE}", key), str(contact[key]), (reg.file, lines.get(key))))
    return found


def _swedish_pieces(docs_dir: Path, contact_lines) -> list:
    """Every Swedish text the site shows, paragraph by paragraph (verbatim.Piece), in reading order:
    each page with the fragments it includes in their places (an empty fragment as an empty piece),
    then the contact lines of the register blocks."""
    found = []
    for page in sorted(pages.page_names(docs_dir, "sv")):
        try:
            _, body, start = yamlfile.read_page(docs_dir / "sv" / page, f"docs/sv/{page}")
        except ContentError:
            continue
        found += _pieces_in_place(docs_dir, body, f"docs/sv/{page}", start)
    ui_data = None
    for label, (label_file, label_at), value, (value_file, value_line) in contact_lines:
        if isinstance(label_at, str):  # the key of an interface text: its Swedish line in ui.yml
            if ui_data is None:
                try:
                    ui_data = yamlfile.parse(docs_text(docs_dir, ui.FILE), label_file)
                except (ContentError, tree.OutsideDocs):
                    ui_data = {}
            entry = ui_data.get(label_at) if isinstance(ui_data, dict) else None
            label_at = getattr(entry, "lines", {}).get("sv") if entry is not None else None
        piece = verbatim_module.Piece()
        piece.add(f"{label}:".split(), label_file, label_at)
        piece.add(value.split(), value_file, value_line)
        found.append(piece)
    return found


def _pieces_in_place(docs_dir: Path, text: str, file: str, first_line: int, depth: int = 0) -> list:
    """The paragraphs of a page or fragment, a paragraph that is one include replaced by the
    fragment's own (nested includes too, a few levels deep)."""
    found = []
    for piece in verbatim_module.pieces_of_markdown(text, file, first_line, _as_read):
        match = includes.SYNTAX.search(piece.words[0]) if len(piece.words) == 1 else None
        rels = includes.fragments(piece.words[0], docs_dir, "sv") if match and match.group(0) == piece.words[0] else []
        if not rels or depth > 3:
            found.append(piece)
            continue
        try:
            inner = _pieces_in_place(docs_dir, docs_text(docs_dir, rels[0]), f"docs/{rels[0]}", 1, depth + 1)
        except tree.OutsideDocs:
            continue
        found += inner or [verbatim_module.Piece(origins=[(0, f"docs/{rels[0]}", 1)])]
    return found


# Occurrences of a paragraph inside longer words looked at before it is taken as standing whole
# (a plain search is fast; a look at every one of a million short matches would not be).
WHOLE_TRIES = 1000


def _stands_whole(wanted: str, text: str) -> bool:
    """Whether ``wanted`` stands in ``text`` as whole words: "Bakgrund" is not in "Bakgrunden"."""
    start = text.find(wanted)
    for _ in range(WHOLE_TRIES):
        if start < 0:
            return False
        end = start + len(wanted)
        if not (wanted[0].isalnum() and start and text[start - 1].isalnum()) and \
                not (wanted[-1].isalnum() and end < len(text) and text[end].isalnum()):
            return True
        start = text.find(wanted, start + 1)
    return start >= 0


def _paragraphs_not_on_pages(name: str, source: str, site_text: str, locator=None) -> list[Problem]:
    file = f"docs/_data/{name}"
    paragraphs = []  # (line, as read, on the pages)
    offset = 0
    for paragraph in re.split(r"\n[ \t]*\n", source):
        line = source.count("\n", 0, source.index(paragraph, offset)) + 1 if paragraph.strip() else None
        offset = source.index(paragraph, offset) + len(paragraph)
        wanted = _as_read(paragraph)
        if wanted:
            paragraphs.append((line, wanted, _stands_whole(wanted, site_text)))
    problems = []
    for index, (line, wanted, present) in enumerate(paragraphs):
        if present:
            continue
        located = None
        if locator is not None and len(problems) < verbatim_module.MAX_LOCATED:
            before = next((w for _, w, p in reversed(paragraphs[:index]) if p), None)
            after = next((w for _, w, p in paragraphs[index + 1:] if p), None)
            located = verbatim_module.located_problem(file, line, wanted, locator, before, after)
        problems.append(located or Problem(
            file, line,
            f"Stycket på rad {line} i beslutsunderlaget står inte ordagrant på någon svensk sida: "
            f"'{tree.excerpt(wanted)}'.",
            f"The paragraph on line {line} of the source is not word for word on any Swedish page: "
            f"'{tree.excerpt(wanted)}'.",
            "Återställ texten på sidan så att den är exakt som i underlaget, med skiljetecken och stavfel.",
            "Restore the text on the page exactly as in the source, punctuation and typos included."))
    return problems


def check_safety(docs_dir: Path, root: Path) -> list[Problem]:
    """Raw HTML, comments, script links and includes in every page and fragment; and what each
    page includes in all, against the page's and the build's budgets."""
    problems = []
    docs = relative(docs_dir, root)
    pages_read = []
    for name in files_under(docs_dir, ".md"):
        if name.startswith("_data/"):
            continue
        text = yamlfile.read_text(docs_dir / name)
        file = f"{docs}/{name}"
        problems += safety.check_markdown(text, file)
        problems += includes.check(text, file, docs_dir / includes.FOLDER, includes.language_of(name))
        if not name.startswith(f"{includes.FOLDER}/"):
            pages_read.append(name)
    return problems + includes.budget_problems(docs_dir, pages_read)


def check_markdown_mistakes(docs_dir: Path, root: Path) -> list[Problem]:
    """What Markdown would publish as text (checks/markdown_mistakes.py) in every page and fragment."""
    problems = []
    docs = relative(docs_dir, root)
    for name in files_under(docs_dir, ".md"):
        if name.startswith("_data/"):
            continue
        problems += markdown_mistakes.check(yamlfile.read_text(docs_dir / name), f"{docs}/{name}",
                                            page=not name.startswith(f"{includes.FOLDER}/"))
    return problems


DATA_FILES = (REGISTER_FILE, TERMINOLOGY_FILE, operator_settings.FILE, ui.FILE, compounds.FILE, withdrawn.FILE)


def sources_of(docs_dir: Path, page: str) -> list[tuple[str, str]]:
    """(file, text) of everything a page's HTML is made from: the page, its fragments, the data files.

    Used to point at the line behind something found in the published HTML.
    """
    text = docs_text(docs_dir, page)
    found = [(f"docs/{page}", text)]
    for rel in [*includes.fragments(text, docs_dir), *DATA_FILES]:
        with contextlib.suppress(tree.OutsideDocs):
            found.append((f"docs/{rel}", docs_text(docs_dir, rel)))
    return found


def check_page_facts_in_sources(reg, docs_dir: Path, root: Path) -> list[Problem]:
    """Say no more than the source: each date, reference number, e-mail address and phone number on a
    page in the original language (its fragments included) stands in one of the source texts. A
    decision the sources lack cannot be told on a page, only added as a source first. (The
    translations have the original's facts: pages.compare_translations.)"""
    original = reg.languages[0]
    known = {fact for text in source_texts(reg, docs_dir).values()
             for kind, values in pages.facts(text).items() for fact in ((kind, value) for value in values)}
    docs = relative(docs_dir, root)
    problems = []
    for name in sorted(pages.page_names(docs_dir, original)):
        file = f"{docs}/{original}/{name}"
        try:
            _, body, start = yamlfile.read_page(docs_dir / original / name, file)
            parts = pages.text_parts(file, body, start, docs_dir, original)
        except ContentError:
            continue  # told by the checks of the page itself
        lines = {}
        for part_file, text, part_start in parts:
            for key, line in pages.first_lines(text, part_start).items():
                lines.setdefault(key, (part_file, line))
            for kind, values in pages.facts(text).items():  # a fact broken over two lines is on no line
                for value in values:
                    lines.setdefault((kind, value), (part_file, None))
        for (kind, value), (where, line) in sorted(lines.items()):
            if (kind, value) in known:
                continue
            kind_sv, kind_en = kind.split(" / ")
            problems.append(Problem(
                where, line,
                f"Här står {kind_sv} {value}, men det står inte i någon av källtexterna som registret listar "
                "under sources:. Webbplatsen får inte säga mer än källorna.",
                f"This says {kind_en} {value}, but no source text the register lists under sources: holds it. "
                "The site may not say more than its sources.",
                "Ta bort uppgiften, eller lägg först till texten som anger den (till exempel beslutet) som en "
                "källtext i docs/_data/ och under sources: i docs/_data/register.yml, så som guiden beskriver.",
                "Remove it, or first add the text that states it (the decision, say) as a source text in "
                "docs/_data/ and under sources: in docs/_data/register.yml, as the guide describes."))
    return problems


def source_files(docs_dir: Path) -> list[str]:
    """The source texts (docs/-relative): every .txt in _data/ but the spelling word list. A later
    decision, added as a text file beside the first source, is a source of facts too."""
    return [f"_data/{name}" for name in files_under(docs_dir / "_data", ".txt") if f"_data/{name}" != WORD_LIST]


def source_texts(reg, docs_dir: Path) -> dict[str, str]:
    """The text of each source document the register lists that is a text in docs/_data, by file name."""
    present = {f.split("/", 1)[1] for f in source_files(docs_dir)}
    return {entry["file"]: docs_text(docs_dir, f"_data/{entry['file']}")
            for entry in reg.sources if entry.get("file") in present}


def _check_against_source(reg, docs_dir: Path, root: Path) -> list[Problem]:
    """The register's sources are the texts in docs/_data; its facts are their facts
    (register.check_against_source); each status rests on its decision (register.check_status_evidence)."""
    files = [f.split("/", 1)[1] for f in source_files(docs_dir)]
    listed = [entry.get("file") for entry in reg.sources]
    problems = []
    for entry in reg.sources:
        name = entry.get("file")
        if name not in files:
            # (Its form, a plain file name, is checked with the register: register.SOURCE_FILE.)
            hint_sv, hint_en = did_you_mean(str(name), files)
            line = entry.lines.get("file") if isinstance(entry, yamlfile.LineDict) else None
            problems.append(Problem(reg.file, line, f"sources: file: '{name}' är inte en text i docs/_data/.{hint_sv}",
                                    f"sources: file: '{name}' is not a text in docs/_data/.{hint_en}",
                                    "Ange filnamnet på en textfil i docs/_data/, till exempel 000_ebcdb2b342ce38cb.txt.",
                                    "Give the file name of a text file in docs/_data/, for example "
                                    "000_ebcdb2b342ce38cb.txt."))
    for name in files:
        if name not in listed:
            problems.append(Problem(
                f"docs/_data/{name}", None,
                "Textfilen står inte under sources: i registret, så webbplatsen vet inte vad den är.",
                "The text file is not listed under sources: in the register, so the site does not know what it is.",
                f"Lägg till '- file: {name}' med title: (sv: och en:) och date: under sources: i "
                "docs/_data/register.yml, eller ta bort filen.",
                f"Add '- file: {name}' with title: (sv: and en:) and date: under sources: in "
                "docs/_data/register.yml, or remove the file."))
    if problems:
        return problems
    texts = source_texts(reg, docs_dir)
    joined = "\n\n".join(texts.values())
    return (register_module.check_against_source(reg, joined, ", ".join(f"docs/_data/{f}" for f in texts))
            + register_module.check_status_evidence(reg, texts))


def _check_contact_names(reg, terms: list, docs_dir: Path, root: Path) -> list[Problem]:
    """A contact's name is a person's name beside that person's details in the source, never a page
    title or a glossary term (register.check_contact_names): the search shows it as a direct hit."""
    others = []
    docs = relative(docs_dir, root)
    for lang in reg.languages:
        for page in sorted(pages.page_names(docs_dir, lang)):
            try:
                meta, _, _ = yamlfile.read_page(docs_dir / lang / page, f"{docs}/{lang}/{page}")
            except ContentError:
                continue  # reported by the translation check
            if isinstance(meta.get("title"), str):
                others.append((meta["title"], f"sidans titel i {docs}/{lang}/{page}",
                               f"the page title in {docs}/{lang}/{page}"))
    for term in terms:
        for lang in reg.languages:
            if isinstance(term, dict) and isinstance(term.get(lang), str):
                others.append((term[lang], f"termen '{term[lang]}' i ordlistan", f"the glossary term '{term[lang]}'"))
    files = source_files(docs_dir)
    text = "\n\n".join(yamlfile.read_text(docs_dir / f) for f in files)
    return register_module.check_contact_names(reg, text, ", ".join(f"docs/{f}" for f in files), others)


def _check_document_pages(reg, docs_dir: Path, root: Path) -> list[Problem]:
    """A page that says ``document: x`` must be the page the register gives for x."""
    problems = []
    docs = relative(docs_dir, root)
    for lang in reg.languages:
        for name in sorted(pages.page_names(docs_dir, lang)):
            file = f"{docs}/{lang}/{name}"
            try:
                meta, _, _ = yamlfile.read_page(docs_dir / lang / name, file)
            except ContentError:
                continue  # already reported by the translation check
            doc_id = meta.get("document")
            if doc_id is None:
                doc = reg.by_page(name)
                if doc:
                    problems.append(Problem(
                        file, 1,
                        f"Registret ({reg.file}, rad {doc.line}) säger att sidan visar dokumentet '{doc.id}', men "
                        "fältet document: saknas överst i filen.",
                        f"The register ({reg.file}, line {doc.line}) says this page shows the document '{doc.id}', but "
                        "the front matter lacks document:.",
                        f"Lägg till raden document: {doc.id} bland fälten överst i filen (mellan raderna med ---).",
                        f"Add the line document: {doc.id} to the front matter."))
                continue
            doc = reg.by_id.get(doc_id)
            if doc is None or doc.page != name:
                problems.append(Problem(
                    file, meta.lines.get("document"),
                    f"document: '{doc_id}' finns inte i registret eller hör till en annan sida.",
                    f"document: '{doc_id}' is not in the register or belongs to another page.",
                    "Använd id:t för dokumentet vars page: är den här filen (se docs/_data/register.yml).",
                    "Use the id of the document whose page: is this file (see docs/_data/register.yml)."))
    return problems


def expand_markers(markdown: str, file: str, handlers: dict, line_offset: int = 0) -> str:
    """Replace ``<!-- generated: NAME -->`` with ``handlers[NAME]()``; a name not in
    markers.GENERATED is an error (the source check reports it first, with its line)."""
    def replace(match):
        name = match.group(1)
        if name not in markers.GENERATED:
            line = markdown[: match.start()].count("\n") + 1 + line_offset
            raise ContentError([markers.unknown(file, line, name)])
        return handlers[name]()
    return markers.MARKER.sub(replace, markdown)

