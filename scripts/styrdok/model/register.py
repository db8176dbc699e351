"""The register of governing documents: loading, validation and per-language views.

The register (``docs/_data/register.yml``) holds each language-neutral fact once; titles,
labels and notes carry a Swedish and an English text. Everything the site shows about a
document (metadata block, notices, history, changelog, feeds, JSON) is derived from it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from styrdok.model import facts, normalise, yamlfile
from styrdok.model import languages as site_languages
from styrdok.problems import ContentError, Problem, did_you_mean

NOT_STATED = "not_stated"
# A status says what a decision says, and only that: adopted (a decision adopted the document),
# replaced (a decision adopted another document that replaces it), proposal (no decision yet).
# Nothing here says what is in force: the sources do not say it. Each status other than proposal
# rests on a decision that a source text holds (check_status_evidence).
STATUSES = ("adopted", "replaced", "proposal")
DECIDED = ("adopted", "replaced")

# Each relation and its mirror: if A replaces B, B must be replaced by A.
MIRRORS = {
    "replaces": "replaced_by",
    "replaced_by": "replaces",
    "adopts": "adopted_by",
    "adopted_by": "adopts",
    # A proposal proposes; only a decision adopts or replaces.
    "proposes_adoption": "proposed_for_adoption_by",
    "proposed_for_adoption_by": "proposes_adoption",
}
FORWARD_RELATIONS = ("replaces", "adopts", "proposes_adoption")
# Relations that say something has been done: a proposal can be on neither side of them.
ACCOMPLISHED = ("replaces", "replaced_by", "adopts", "adopted_by")
PROPOSED = ("proposes_adoption", "proposed_for_adoption_by")

DOCUMENT_FIELDS = {
    # field: required (the decision's fields depend on the status: STATUS_FIELDS)
    "id": True, "type": True, "page": True, "title": True, "status": True, "decided_by": False,
    "decision_date": False, "to_be_decided_by": False, "reference": True, "relations": False,
    "contact": False, "history": True, "note": False,
}
# A decided document names who decided and when (not_stated where the source does not say); a
# proposal names who is to decide, and has no decision date: there is no decision.
STATUS_FIELDS = {
    "adopted": {"required": ("decided_by", "decision_date"), "refused": ("to_be_decided_by",)},
    "replaced": {"required": ("decided_by", "decision_date"), "refused": ("to_be_decided_by",)},
    "proposal": {"required": ("to_be_decided_by",), "refused": ("decided_by", "decision_date")},
}
TOP_FIELDS = ("labels", "sources", "documents")
# A source text: a file in docs/_data, its title, and when it was written (a date, or a date it is
# known to follow). verbatim: its every paragraph stands word for word on the Swedish pages.
SOURCE_FIELDS = {"file": True, "title": True, "date": False, "written_after": False, "verbatim": False}
LABEL_GROUPS = ("types", "bodies", "relations", "ui")
UI_LABELS = ("not_stated", "undated", "minor_change", "after")
HISTORY_FIELDS = {"date": True, "after": False, "published": False, "major": True, "note": False}

# Facts the source may lack; everything else the register itself decides.
MAY_BE_NOT_STATED = ("decided_by", "to_be_decided_by", "decision_date", "reference", "date")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Reference numbers, dates, e-mail addresses and phone numbers are read by their one grammar each
# (styrdok.facts), in the one written form of facts: the register takes ASCII digits and '-' only.
# A reference number of another form (SBR 2017/12) is taken as the decision text writes it: a few
# words of letters, digits and signs, which check_against_source then finds in a source text.
# source.file: a plain name of a text in docs/_data (content.py reads it only through tree.docs_path).
SOURCE_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.txt$")


# ``006-1137/2007`` and ``6-1137/2007`` are one reference number (facts.normalise_reference).
normalise_reference = facts.normalise_reference


@dataclass
class Document:
    id: str
    type: str
    page: str
    title: dict
    # A decided document: who decided and when (NOT_STATED where the source does not say).
    # A proposal: None for both, and to_be_decided_by names who is to decide.
    decided_by: str | None
    decision_date: str | None
    reference: str
    status: str
    relations: dict
    contact: dict | None
    history: list
    note: dict | None
    to_be_decided_by: str | None = None
    line: int = 0
    raw: dict = field(default_factory=dict, repr=False)

    @property
    def normalised_reference(self) -> str | None:
        return None if self.reference == NOT_STATED else normalise_reference(self.reference)


def stated(value):
    """A fact, or None where the source does not state it (or, for a proposal, where there is none)."""
    return None if value in (None, NOT_STATED) else value


@dataclass
class Register:
    labels: dict
    documents: list[Document]
    file: str = "docs/_data/register.yml"
    # The source texts, in register order: each a mapping with file, title, date or written_after.
    sources: list = field(default_factory=list)
    # What each document's status rests on (status_evidence), by id: set by content.load once the
    # sources are read.
    evidence: dict = field(default_factory=dict)
    # The site's languages, the original first (languages.py).
    languages: tuple[str, ...] = ()
    # The site's interface text by language (docs/_data/ui.yml), set by content.load.
    ui: dict = field(default_factory=dict)
    by_id: dict = field(default_factory=dict)

    def __post_init__(self):
        self.by_id = {d.id: d for d in self.documents}

    def by_reference(self, reference: str) -> Document | None:
        wanted = normalise_reference(reference)
        return next((d for d in self.documents if d.normalised_reference == wanted), None)

    def by_page(self, page: str) -> Document | None:
        return next((d for d in self.documents if d.page == page), None)

    def label(self, group: str, key: str, lang: str) -> str:
        return self.labels[group][key][lang]

    def source(self, file: str) -> dict | None:
        return next((s for s in self.sources if s.get("file") == file), None)


# --- validation -------------------------------------------------------------------------------

class _Collector:
    def __init__(self, file: str, languages: tuple[str, ...]):
        self.file = file
        self.languages = languages
        self.problems: list[Problem] = []

    def add(self, line, sv, en, fix_sv, fix_en):
        self.problems.append(Problem(self.file, line or None, sv, en, fix_sv, fix_en))




def _line(mapping, key=None) -> int | None:
    if isinstance(mapping, yamlfile.LineDict):
        return mapping.lines.get(key, mapping.line) if key is not None else mapping.line
    return None


def _check_fields(c: _Collector, mapping, fields: dict, where_sv: str, where_en: str) -> None:
    for key in mapping:
        if key not in fields:
            hint_sv, hint_en = did_you_mean(key, fields)
            c.add(_line(mapping, key),
                  f"Okänt fält '{key}' i {where_sv}.{hint_sv}",
                  f"Unknown field '{key}' in {where_en}.{hint_en}",
                  f"Ta bort fältet eller stava det som ett av: {', '.join(fields)}.",
                  f"Remove the field or spell it as one of: {', '.join(fields)}.")
    for key, required in fields.items():
        if required and key not in mapping:
            if key == "major":
                fix_sv, fix_en = ("Skriv major: true för en större ändring, annars major: false.",
                                  "Write major: true for a major change, otherwise major: false.")
            elif key in MAY_BE_NOT_STATED:
                fix_sv, fix_en = (f"Lägg till '{key}:' med ett värde (skriv {NOT_STATED} om beslutsunderlaget inte anger det).",
                                  f"Add '{key}:' with a value (write {NOT_STATED} if the source does not state it).")
            else:
                fix_sv, fix_en = f"Lägg till '{key}:' med ett värde.", f"Add '{key}:' with a value."
            c.add(_line(mapping), f"Obligatoriskt fält '{key}' saknas i {where_sv}.",
                  f"Required field '{key}' is missing in {where_en}.", fix_sv, fix_en)


def _check_translated(c: _Collector, mapping, key, where_sv, where_en) -> None:
    value = mapping.get(key)
    line = _line(mapping, key)
    if isinstance(value, dict) and all(isinstance(value.get(lang), str) for lang in c.languages):
        sv, en = facts.find(value["sv"]), facts.find(value["en"])  # the same grammar as the pages
        for kind in sv:
            if sv[kind] != en[kind]:
                differing = ", ".join(sorted(sv[kind] ^ en[kind]))
                label_sv, label_en = facts.LABELS[kind].split(" / ")
                c.add(_line(value, "en") or line,
                      f"'{key}' i {where_sv} har olika {label_sv} på svenska och engelska: {differing}.",
                      f"'{key}' in {where_en} has different {label_en}s in Swedish and English: {differing}.",
                      "Skriv samma uppgift i båda språken (siffror och datum översätts inte).",
                      "Write the same fact in both languages (numbers and dates are not translated).")
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value.get(lang).strip()
                                           for lang in c.languages) or set(value) - set(c.languages):
        c.add(line,
              f"'{key}' i {where_sv} ska ha en svensk och en engelsk text (sv: och en:).",
              f"'{key}' in {where_en} must have a Swedish and an English text (sv: and en:).",
              f"Skriv '{key}:' och under den två indragna rader: 'sv: …' och 'en: …'.",
              f"Write '{key}:' and below it two indented lines: 'sv: …' and 'en: …'.")


def _check_date(c: _Collector, mapping, key, where_sv, where_en, allow_not_stated=True) -> None:
    value = mapping.get(key)
    if value == NOT_STATED and allow_not_stated:
        return
    text = str(value)
    problem = None
    if not facts.matches("date", text):
        problem = ("har inte formen ÅÅÅÅ-MM-DD", "is not in the form YYYY-MM-DD")
    elif facts.parse_date(text) is None:
        problem = ("är ett datum som inte finns", "is a date that does not exist")
    if problem:
        hint_sv, hint_en = yamlfile.hard_space_hint(value)
        c.add(_line(mapping, key),
              f"Datumet '{text}' i {where_sv} {problem[0]}.{hint_sv}",
              f"The date '{text}' in {where_en} {problem[1]}.{hint_en}",
              f"Skriv ett verkligt datum som ÅÅÅÅ-MM-DD, eller {NOT_STATED} om beslutsunderlaget inte anger det.",
              f"Write a real date as YYYY-MM-DD, or {NOT_STATED} if the source does not state it.")


def _parse_document(c: _Collector, raw, labels, index: int) -> Document | None:
    where_sv, where_en = f"dokument nr {index + 1}", f"document no. {index + 1}"
    if not isinstance(raw, dict):
        c.add(None, f"{where_sv} är inte en lista av fält.", f"{where_en} is not a list of fields.",
              "Börja dokumentet med '- id: …' och skriv ett fält per rad.",
              "Start the document with '- id: …' and write one field per line.")
        return None
    if isinstance(raw.get("id"), str):
        where_sv = where_en = f"'{raw['id']}'"
        where_sv, where_en = f"dokumentet {where_sv}", f"the document {where_en}"
    _check_fields(c, raw, DOCUMENT_FIELDS, where_sv, where_en)
    if not all(k in raw for k, required in DOCUMENT_FIELDS.items() if required):
        return None
    if not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        c.add(_line(raw, "id"), f"id '{raw['id']}' får bara ha små bokstäver a–z, siffror och bindestreck.",
              f"id '{raw['id']}' may only contain lower-case letters a–z, digits and hyphens.",
              "Skriv till exempel id: internationell-strategi-2016.",
              "Write, for example, id: internationell-strategi-2016.")
    _check_translated(c, raw, "title", where_sv, where_en)
    if raw.get("note") is not None:
        _check_translated(c, raw, "note", where_sv, where_en)
    types = list(labels.get("types", {}))
    if raw["type"] not in types:
        hint_sv, hint_en = did_you_mean(raw["type"], types)
        c.add(_line(raw, "type"), f"Okänd typ '{raw['type']}' i {where_sv}.{hint_sv}",
              f"Unknown type '{raw['type']}' in {where_en}.{hint_en}",
              f"Använd ett av: {', '.join(types)}.", f"Use one of: {', '.join(types)}.")
    status = raw["status"]
    if status not in STATUSES:
        hint_sv, hint_en = did_you_mean(status, STATUSES)
        c.add(_line(raw, "status"), f"Okänd status '{status}' i {where_sv}.{hint_sv}",
              f"Unknown status '{status}' in {where_en}.{hint_en}",
              "Använd ett av: adopted (antaget genom ett beslut), replaced (ersatt genom ett beslut), "
              "proposal (förslag, inget beslut).",
              "Use one of: adopted (adopted by a decision), replaced (replaced by a decision), "
              "proposal (no decision yet).")
    else:
        _check_status_fields(c, raw, status, where_sv, where_en)
    bodies = list(labels.get("bodies", {}))
    for key in ("decided_by", "to_be_decided_by"):
        if key in raw and raw[key] != NOT_STATED and raw[key] not in bodies:
            hint_sv, hint_en = did_you_mean(raw[key], bodies)
            c.add(_line(raw, key),
                  f"Okänt organ '{raw[key]}' under {key} i {where_sv}.{hint_sv}",
                  f"Unknown body '{raw[key]}' under {key} in {where_en}.{hint_en}",
                  f"Använd ett av: {', '.join(bodies)} eller {NOT_STATED}, eller lägg till organet under labels: bodies:.",
                  f"Use one of: {', '.join(bodies)} or {NOT_STATED}, or add the body under labels: bodies:.")
    if "decision_date" in raw:
        _check_date(c, raw, "decision_date", where_sv, where_en)
    reference = str(raw["reference"])
    if reference != NOT_STATED and not (facts.parse_reference(reference) or facts.parse_other_reference(reference)):
        hint_sv, hint_en = yamlfile.hard_space_hint(reference)
        c.add(_line(raw, "reference"),
              f"Diarienumret '{reference}' i {where_sv} går inte att läsa som ett diarienummer.{hint_sv}",
              f"The reference number '{reference}' in {where_en} cannot be read as a reference number.{hint_en}",
              f"Skriv diarienumret tecken för tecken som beslutet skriver det (till exempel 171-482/2016), "
              f"eller {NOT_STATED} om beslutsunderlaget inte anger det.",
              f"Write the reference number character for character as the decision writes it (for example "
              f"171-482/2016), or {NOT_STATED} if the source document does not state it.")
    relations = raw.get("relations") or {}
    if not isinstance(relations, dict):
        relations = {}
    _check_fields(c, relations, {k: False for k in MIRRORS}, f"relations i {where_sv}", f"relations in {where_en}")
    for kind, targets in list(relations.items()):
        if targets is not None and not isinstance(targets, list):
            c.add(_line(relations, kind),
                  f"Relationen {kind} i {where_sv} ska vara en lista inom hakparenteser.",
                  f"The relation {kind} in {where_en} must be a list in square brackets.",
                  f"Skriv {kind}: [{targets}].", f"Write {kind}: [{targets}].")
            relations = {**relations, kind: [targets]}
    contact = raw.get("contact")
    if contact is not None:
        if isinstance(contact, dict):
            _check_fields(c, contact, {"name": True, "role": False, "phone": False, "email": False},
                          f"contact i {where_sv}", f"contact in {where_en}")
            if "role" in contact:
                _check_translated(c, contact, "role", f"contact i {where_sv}", f"contact in {where_en}")
            # Typed values: they end up in mailto: and tel: links.
            for key, form_sv, form_en in (
                    ("email", "en e-postadress som namn@stockholm.se", "an e-mail address such as name@stockholm.se"),
                    ("phone", *facts.PHONE_FORM)):
                if key in contact and facts.parse(key, contact[key]) is None:
                    hint_sv, hint_en = yamlfile.hard_space_hint(contact[key])
                    c.add(_line(contact, key), f"'{key}' i contact i {where_sv} ska vara {form_sv}.{hint_sv}",
                          f"'{key}' in contact in {where_en} must be {form_en}.{hint_en}",
                          f"Skriv {form_sv}.", f"Write {form_en}.")
        else:
            contact = None
    history = raw.get("history") if isinstance(raw.get("history"), list) else []
    for number, change in enumerate(history, start=1):
        hw_sv, hw_en = f"ändring nr {number} i {where_sv}", f"change no. {number} in {where_en}"
        if not isinstance(change, dict):
            continue
        _check_fields(c, change, HISTORY_FIELDS, hw_sv, hw_en)
        if "date" in change:
            _check_date(c, change, "date", hw_sv, hw_en)
        for key in ("after", "published"):
            if key in change:
                _check_date(c, change, key, hw_sv, hw_en, allow_not_stated=False)
        if change.get("date") == NOT_STATED and change.get("major") is True and "published" not in change:
            c.add(_line(change),
                  f"{hw_sv.capitalize()} saknar datum och behöver published: (dagen då webbplatsen publicerade den).",
                  f"{hw_en.capitalize()} has no date and needs published: (the day the site published it).",
                  "Lägg till published: ÅÅÅÅ-MM-DD, dagen då ändringen kom ut på webbplatsen. Flödet visar den dagen.",
                  "Add published: YYYY-MM-DD, the day the change appeared on the site. The feed shows that day.")
        if "after" in change and change.get("date") != NOT_STATED:
            c.add(_line(change, "after"),
                  f"'after' i {hw_sv} gäller bara ändringar utan datum (date: {NOT_STATED}).",
                  f"'after' in {hw_en} is only for changes without a date (date: {NOT_STATED}).",
                  "Ta bort raden after:, eller skriv date: not_stated om underlaget inte anger datumet.",
                  "Remove the after: line, or write date: not_stated if the source gives no date.")
        if change.get("major") not in (True, False):
            c.add(_line(change, "major"), f"'major' i {hw_sv} ska vara true eller false.",
                  f"'major' in {hw_en} must be true or false.",
                  "Skriv major: true för en större ändring, annars major: false.",
                  "Write major: true for a major change, otherwise major: false.")
        if change.get("major") is True:
            _check_translated(c, change, "note", hw_sv, hw_en)
    _check_status(c, raw, relations, where_sv, where_en)
    proposal = raw["status"] == "proposal"
    return Document(
        id=raw["id"], type=raw["type"], page=raw["page"], title=raw["title"],
        decided_by=None if proposal else raw.get("decided_by", NOT_STATED),
        decision_date=None if proposal else str(raw.get("decision_date", NOT_STATED)),
        to_be_decided_by=raw.get("to_be_decided_by") if proposal else None,
        reference=reference, status=raw["status"],
        relations={k: list(v or []) for k, v in relations.items() if k in MIRRORS},
        contact=contact, history=history, note=raw.get("note"), line=_line(raw) or 0, raw=raw,
    )


def _check_status_fields(c: _Collector, raw, status: str, where_sv: str, where_en: str) -> None:
    """The decision's fields a status needs, and those it cannot have."""
    for key in STATUS_FIELDS[status]["required"]:
        if key not in raw:
            c.add(_line(raw, "status"),
                  f"{where_sv.capitalize()} har status: {status} men saknar {key}:.",
                  f"{where_en.capitalize()} has status: {status} but lacks {key}:.",
                  f"Lägg till {key}: (skriv {NOT_STATED} om beslutsunderlaget inte anger det).",
                  f"Add {key}: (write {NOT_STATED} if the source document does not state it).")
    for key in STATUS_FIELDS[status]["refused"]:
        if key in raw:
            if status == "proposal":
                sv = (f"{where_sv.capitalize()} är ett förslag (status: proposal), men har {key}:. Ett förslag "
                      "har inget beslut.")
                en = (f"{where_en.capitalize()} is a proposal (status: proposal), but has {key}:. A proposal has "
                      "no decision.")
                fix_sv = ("Ta bort raden. Skriv vem som ska besluta under to_be_decided_by:. När beslutet är fattat: "
                          "lägg till beslutets text i docs/_data, ändra status och ange beslutet (se Så redigerar du "
                          "webbplatsen).")
                fix_en = ("Remove the line. Name who is to decide under to_be_decided_by:. Once the decision is made: "
                          "add the decision's text to docs/_data, change the status and give the decision (see How to "
                          "edit this site).")
            else:
                sv = f"{where_sv.capitalize()} har status: {status}, men {key}: gäller bara förslag."
                en = f"{where_en.capitalize()} has status: {status}, but {key}: is only for proposals."
                fix_sv = "Ta bort raden, och skriv vem som beslutade under decided_by:."
                fix_en = "Remove the line, and name who decided under decided_by:."
            c.add(_line(raw, key), sv, en, fix_sv, fix_en)


def _check_status(c: _Collector, raw, relations: dict, where_sv: str, where_en: str) -> None:
    """What a status allows: a proposal is not a decision; a replaced document is replaced by another."""
    status = raw.get("status")
    if status == "proposal":
        for kind in ("adopts", "replaces"):
            if relations.get(kind):
                c.add(_line(relations, kind),
                      f"{where_sv.capitalize()} är ett förslag men säger att det {kind} ett annat dokument, "
                      "som om beslutet vore fattat.",
                      f"{where_en.capitalize()} is a proposal but says that it {kind} another document, as if "
                      "the decision had been made.",
                      "Skriv proposes_adoption i stället (och proposed_for_adoption_by hos det andra dokumentet).",
                      "Write proposes_adoption instead (and proposed_for_adoption_by on the other document).")
    elif relations.get("proposes_adoption"):
        c.add(_line(relations, "proposes_adoption"),
              f"{where_sv.capitalize()} är inget förslag men har relationen proposes_adoption.",
              f"{where_en.capitalize()} is not a proposal but has the relation proposes_adoption.",
              "Skriv adopts om beslutet är fattat, eller status: proposal om det är ett förslag.",
              "Write adopts if the decision has been made, or status: proposal if it is a proposal.")
    if relations.get("replaced_by") and status in ("adopted", "proposal"):
        c.add(_line(raw, "status"),
              f"{where_sv.capitalize()} är ersatt (replaced_by) men har status {status}.",
              f"{where_en.capitalize()} has been replaced (replaced_by) but has the status {status}.",
              "Skriv status: replaced.", "Write status: replaced.")
    if status == "replaced" and not relations.get("replaced_by"):
        c.add(_line(raw, "status"),
              f"{where_sv.capitalize()} har status replaced men ingen relation replaced_by: som säger vad som "
              "ersätter det.",
              f"{where_en.capitalize()} has the status replaced but no relation replaced_by: saying what replaces it.",
              "Lägg till replaced_by: [id] under relations: (och replaces: hos det nya dokumentet).",
              "Add replaced_by: [id] under relations: (and replaces: on the new document).")


def _check_relations(c: _Collector, docs: list[Document], raw_docs) -> None:
    by_id = {d.id: d for d in docs}
    for doc, raw in zip(docs, raw_docs, strict=True):
        rel_raw = raw.get("relations") or {}
        for kind, targets in doc.relations.items():
            line = _line(rel_raw, kind)
            for target in targets:
                if target not in by_id:
                    hint_sv, hint_en = did_you_mean(target, by_id)
                    c.add(line,
                          f"'{doc.id}' har relationen {kind} till '{target}', men det dokumentet finns inte i registret.{hint_sv}",
                          f"'{doc.id}' has the relation {kind} to '{target}', but that document is not in the register.{hint_en}",
                          "Rätta id:t eller lägg till dokumentet i registret.",
                          "Correct the id or add the document to the register.")
                    continue
                mirror = MIRRORS[kind]
                if kind in ACCOMPLISHED and by_id[target].status == "proposal":
                    c.add(line,
                          f"'{doc.id}' har {kind}: {target}, men '{target}' är ett förslag: inget är beslutat.",
                          f"'{doc.id}' has {kind}: {target}, but '{target}' is a proposal: nothing has been decided.",
                          f"Skriv {'proposed_for_adoption_by' if kind == 'adopted_by' else 'en relation för förslag'} "
                          "i stället, eller ändra förslagets status när beslutet är fattat.",
                          f"Write {'proposed_for_adoption_by' if kind == 'adopted_by' else 'a proposal relation'} "
                          "instead, or change the proposal's status once the decision is made.")
                if doc.id not in by_id[target].relations.get(mirror, []):
                    c.add(line,
                          f"'{doc.id}' har {kind}: {target}, men '{target}' saknar {mirror}: {doc.id}.",
                          f"'{doc.id}' has {kind}: {target}, but '{target}' lacks {mirror}: {doc.id}.",
                          f"Lägg till '{mirror}: [{doc.id}]' under relations hos '{target}', eller ta bort relationen.",
                          f"Add '{mirror}: [{doc.id}]' under relations of '{target}', or remove the relation.")
    for kind in FORWARD_RELATIONS:
        cycle = _find_cycle({d.id: [t for t in d.relations.get(kind, []) if t in by_id] for d in docs})
        if cycle:
            chain = " → ".join(cycle)
            c.add(by_id[cycle[0]].line,
                  f"Relationen {kind} bildar en cirkel: {chain}.",
                  f"The relation {kind} forms a cycle: {chain}.",
                  "Ett dokument kan inte (via andra) ersätta eller anta sig självt. Ta bort en av länkarna.",
                  "A document cannot (through others) replace or adopt itself. Remove one of the links.")


def _find_cycle(graph: dict) -> list | None:
    state: dict = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in graph.get(node, []):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
            if nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in graph:
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def _check_labels(c: _Collector, labels) -> None:
    if not isinstance(labels, dict):
        c.add(None, "Avsnittet labels: saknas eller är felskrivet.", "The labels: section is missing or malformed.",
              f"Lägg till labels: med {', '.join(LABEL_GROUPS)}.", f"Add labels: with {', '.join(LABEL_GROUPS)}.")
        return
    _check_fields(c, labels, {g: True for g in LABEL_GROUPS}, "labels", "labels")
    for group in LABEL_GROUPS:
        for key in labels.get(group) or {}:
            _check_translated(c, labels[group], key, f"labels: {group}", f"labels: {group}")
    missing_ui = [k for k in UI_LABELS if k not in (labels.get("ui") or {})]
    if missing_ui:
        c.add(_line(labels, "ui"),
              f"labels: ui saknar {', '.join(missing_ui)}.", f"labels: ui lacks {', '.join(missing_ui)}.",
              "Lägg till dem med en svensk och en engelsk text.", "Add them with a Swedish and an English text.")
    relations = set(labels.get("relations") or {})
    if relations and relations != set(MIRRORS):
        c.add(_line(labels, "relations"),
              f"labels: relations ska ha exakt dessa relationer: {', '.join(MIRRORS)}.",
              f"labels: relations must have exactly these relations: {', '.join(MIRRORS)}.",
              "Ta bort eller lägg till relationer så att listan stämmer.",
              "Remove or add relations so that the list matches.")


def parse_register(data, file: str, languages: tuple[str, ...]) -> Register:
    """Validate raw register data; raise ContentError listing every problem, or return it.
    ``languages``: the site's (languages.py), the original first."""
    c = _Collector(file, tuple(languages))
    if not isinstance(data, dict):
        c.add(1, "Registret ska börja med labels: och documents:.",
              "The register must start with labels: and documents:.",
              "Jämför med README, avsnittet om registret.", "Compare with the README, section on the register.")
        raise ContentError(c.problems)
    _check_fields(c, data, {k: True for k in TOP_FIELDS}, "registret", "the register")
    labels = data.get("labels") or {}
    _check_labels(c, labels)
    raw_docs = data.get("documents") or []
    docs = [d for d in (_parse_document(c, raw, labels if isinstance(labels, dict) else {}, i)
                        for i, raw in enumerate(raw_docs)) if d]
    parsed_raw = [r for r in raw_docs if isinstance(r, dict) and r.get("id") in {d.id for d in docs}]
    seen: dict = {}
    for doc in docs:
        for key, value in (("id", doc.id), ("page", doc.page), ("reference", doc.normalised_reference)):
            if value is None:
                continue
            if (key, value) in seen:
                c.add(doc.line, f"Två dokument har samma {key}: '{value}' ('{seen[(key, value)]}' och '{doc.id}').",
                      f"Two documents have the same {key}: '{value}' ('{seen[(key, value)]}' and '{doc.id}').",
                      f"Varje dokument ska ha ett eget {key}.", f"Each document must have its own {key}.")
            seen[(key, value)] = doc.id
    if len(docs) == len(raw_docs):
        _check_relations(c, docs, parsed_raw)
    sources = _parse_sources(c, data)
    if c.problems:
        raise ContentError(c.problems)
    return Register(labels=labels, documents=docs, file=file, sources=sources, languages=c.languages)


def _parse_sources(c: _Collector, data) -> list:
    """sources: the source texts, each a file in docs/_data with its title and its date (or the
    date it is known to follow)."""
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        c.add(_line(data, "sources") if "sources" in data else 1,
              "sources: ska vara en lista med beslutsunderlagen (file:, title:, date: eller written_after:).",
              "sources: must be a list of the source documents (file:, title:, date: or written_after:).",
              "Skriv sources: och under det '- file: namn.txt' med title: (sv: och en:) och date: eller written_after:.",
              "Write sources: and below it '- file: name.txt' with title: (sv: and en:) and date: or written_after:.")
        return []
    seen: set = set()
    for number, source in enumerate(sources, start=1):
        where_sv, where_en = f"beslutsunderlag nr {number} under sources", f"source no. {number} under sources"
        if not isinstance(source, dict):
            c.add(_line(data, "sources"), f"{where_sv.capitalize()} är inte en lista av fält.",
                  f"{where_en.capitalize()} is not a list of fields.",
                  "Börja med '- file: namn.txt' och skriv ett fält per rad.",
                  "Start with '- file: name.txt' and write one field per line.")
            continue
        _check_fields(c, source, SOURCE_FIELDS, where_sv, where_en)
        if "file" in source and not (isinstance(source["file"], str) and SOURCE_FILE.match(source["file"])):
            c.add(_line(source, "file"),
                  f"file: '{source['file']}' i {where_sv} ska vara bara namnet på en textfil i docs/_data/, utan mapp.",
                  f"file: '{source['file']}' in {where_en} must be only the name of a text file in docs/_data/, "
                  "without a folder.",
                  "Skriv bara filnamnet, till exempel file: 000_ebcdb2b342ce38cb.txt (ingen / och inget ..).",
                  "Write only the file name, for example file: 000_ebcdb2b342ce38cb.txt (no / and no ..).")
        elif source.get("file") in seen:
            c.add(_line(source, "file"), f"{source['file']} står två gånger under sources.",
                  f"{source['file']} is listed twice under sources.", "Ta bort den ena.", "Remove one of them.")
        seen.add(source.get("file"))
        _check_translated(c, source, "title", where_sv, where_en)
        if ("date" in source) == ("written_after" in source):
            c.add(_line(source),
                  f"{where_sv.capitalize()} ska ha antingen date: (dagen det är daterat) eller written_after: "
                  "(ett datum det är skrivet efter, om det inte är daterat).",
                  f"{where_en.capitalize()} needs either date: (the day it is dated) or written_after: (a date it "
                  "was written after, if it is undated).",
                  "Skriv en av raderna, inte båda.", "Write one of the lines, not both.")
        for key in ("date", "written_after"):
            if key in source:
                _check_date(c, source, key, where_sv, where_en, allow_not_stated=False)
        if "verbatim" in source and source["verbatim"] not in (True, False):
            c.add(_line(source, "verbatim"), f"verbatim: i {where_sv} ska vara true eller false.",
                  f"verbatim: in {where_en} must be true or false.",
                  "Skriv verbatim: true om varje stycke ska stå ordagrant på de svenska sidorna.",
                  "Write verbatim: true if every paragraph must stand word for word on the Swedish pages.")
    return [s for s in sources if isinstance(s, dict)]


def load_register(path: Path, file: str = "docs/_data/register.yml",
                  languages: tuple[str, ...] | None = None) -> Register:
    """The register file parsed; ``languages`` by default those of the site whose docs/ holds it."""
    return parse_register(yamlfile.load(path, file), file, languages or site_languages.of_docs(Path(path).parents[1]))


def check_pages(register: Register, docs_dir: Path) -> list[Problem]:
    """Each document names a page that exists in both languages and points back to it."""
    problems = []
    for doc in register.documents:
        for lang in register.languages:
            page = docs_dir / lang / doc.page
            if not page.is_file():
                problems.append(Problem(
                    register.file, doc.line,
                    f"Dokumentet '{doc.id}' har page: {doc.page}, men filen docs/{lang}/{doc.page} finns inte.",
                    f"The document '{doc.id}' has page: {doc.page}, but the file docs/{lang}/{doc.page} does not exist.",
                    f"Skapa docs/{lang}/{doc.page} eller rätta page:.",
                    f"Create docs/{lang}/{doc.page} or correct page:."))
    return problems


def check_against_source(register: Register, source_text: str, source_file: str) -> list[Problem]:
    """Every fact the register states about a document occurs in the source, or is not_stated.

    Dates, reference numbers, phone numbers and e-mail addresses are facts the source must hold as
    facts of the same kind (styrdok.facts: a reference number without leading zeros, a phone number in
    either of its forms, an address without regard to case). Names, the deciding body and each part
    of a Swedish title ("A – B") must stand in it, without regard to case. Text is compared with its
    spaces and line breaks evened out, in the one written form of facts (normalise.for_facts): any
    dash is '-', any digit an ASCII digit.
    ``published`` is the date the site published an entry, a fact about the site: not checked.
    """
    text = " ".join(normalise.for_facts(source_text).split())
    lower = text.casefold()
    source = facts.Facts(text)
    problems = []

    def written(value) -> str:
        return " ".join(normalise.for_facts(str(value)).split())

    def missing(mapping, key, value, what_sv, what_en):
        problems.append(Problem(
            register.file, _line(mapping, key) or None,
            f"{what_sv} '{value}' står inte i beslutsunderlaget ({source_file}).",
            f"The {what_en} '{value}' does not occur in the source ({source_file}).",
            f"Skriv uppgiften som den står i underlaget, eller {NOT_STATED} om underlaget inte anger den.",
            f"Write the fact as the source gives it, or {NOT_STATED} if the source does not give it."))

    for doc, raw in ((d, d.raw) for d in register.documents):
        if stated(doc.decision_date) and not source.holds("date", doc.decision_date):
            missing(raw, "decision_date", doc.decision_date, "Beslutsdatumet", "decision date")
        if stated(doc.reference) and not source.holds("reference", doc.reference):
            missing(raw, "reference", doc.reference, "Diarienumret", "reference number")
        for key in ("decided_by", "to_be_decided_by"):
            if stated(getattr(doc, key)):
                body = register.label("bodies", getattr(doc, key), "sv")
                if written(body).casefold() not in lower:
                    missing(raw, key, body, "Organet", "body")
        for part in doc.title["sv"].split(" – "):
            if written(part).casefold() not in lower:
                missing(raw, "title", part, "Titeln (eller en del av den)", "title (or part of it)")
        for key in ("name", "phone", "email"):
            value = (doc.contact or {}).get(key)
            if value is None:
                continue
            found = written(value).casefold() in lower if key == "name" else source.holds(key, value)
            if not found:
                missing(doc.contact, key, value, "Kontaktuppgiften", "contact detail")
        for change in doc.history:
            for key in ("date", "after"):
                value = str(change.get(key, NOT_STATED))
                if value != NOT_STATED and not source.holds("date", value):
                    missing(change, key, value, "Datumet", "date")
    return problems


# How far (in lines) a contact's name may stand from its phone number or e-mail address in the
# source: the source gives them as a block of short lines with blank lines between them.
CONTACT_LINES = 4


def name_key(text) -> str:
    """A name, title or term in one written form for telling them apart: the form facts are compared
    in (normalise.for_facts), small letters, single spaces."""
    return " ".join(normalise.for_facts(str(text)).split()).casefold()


def check_contact_names(register: Register, source_text: str, source_file: str,
                        other_names: list[tuple[str, str, str]]) -> list[Problem]:
    """A contact's name is a person's name as the source gives it beside that person's phone number or
    e-mail address: the search puts the document first, as a direct hit, for exactly this name.

    Refused: a name of one word; a name equal (small letters, spaces evened out) to any document
    title or part of one, or to any of ``other_names`` ((text, what it is in Swedish, in English):
    page titles, glossary terms); a name that is not, on a line of its own (or after a label such
    as "Handläggare:"), within CONTACT_LINES lines of the contact's phone number or e-mail address in
    the source. A name that is nowhere in the source is reported by check_against_source.
    """
    taken: dict[str, tuple[str, str]] = {}
    for doc in register.documents:
        for lang in register.languages:
            title = doc.title.get(lang) if isinstance(doc.title, dict) else None
            for part in [title, *str(title).split(" – ")] if isinstance(title, str) else []:
                taken.setdefault(name_key(part), (f"titeln på dokumentet '{doc.id}'", f"the title of the document '{doc.id}'"))
    for text, what_sv, what_en in other_names:
        taken.setdefault(name_key(text), (what_sv, what_en))
    lines = [name_key(line) for line in source_text.split("\n")]
    problems = []

    def refuse(contact, sv, en, fix_sv, fix_en):
        problems.append(Problem(register.file, _line(contact, "name") or None, sv, en, fix_sv, fix_en))

    for doc in register.documents:
        contact = doc.contact or {}
        if "name" not in contact:
            continue
        name = contact["name"]
        key = name_key(name)
        where_sv, where_en = f"kontaktpersonen för '{doc.id}'", f"the contact of '{doc.id}'"
        if not isinstance(name, str) or len(key.split()) < 2:
            refuse(contact, f"Namnet '{name}' på {where_sv} är inte ett för- och efternamn.",
                   f"The name '{name}' of {where_en} is not a first name and surname.",
                   "Skriv personens namn som i beslutsunderlaget, till exempel name: Mattias Rindberg.",
                   "Write the person's name as the source gives it, for example name: Mattias Rindberg.")
            continue
        if key in taken:
            what_sv, what_en = taken[key]
            refuse(contact, f"Namnet '{name}' på {where_sv} är detsamma som {what_sv}. Sökningen skulle då visa "
                            "dokumentet som direktträff för den texten.",
                   f"The name '{name}' of {where_en} is the same as {what_en}. The search would then show the "
                   "document as a direct hit for that text.",
                   "Skriv personens namn som i beslutsunderlaget, bredvid telefonnummer och e-postadress.",
                   "Write the person's name as the source gives it, beside the phone number and e-mail address.")
            continue
        if not any(key in line for line in lines):
            continue  # not in the source at all: check_against_source says so
        anchors = [name_key(contact[k]) for k in ("phone", "email") if isinstance(contact.get(k), str)]
        near = {i for i, line in enumerate(lines) if anchors and any(a in line for a in anchors)}
        own_line = [i for i, line in enumerate(lines) if line == key or line.endswith(": " + key)]
        # Each line of the name looks at its few neighbours only: linear however often the name occurs.
        if not any(j in near for i in own_line for j in range(i - CONTACT_LINES, i + CONTACT_LINES + 1)):
            refuse(contact,
                   f"Namnet '{name}' på {where_sv} står inte i beslutsunderlaget ({source_file}) på en egen rad "
                   "nära kontaktpersonens telefonnummer eller e-postadress.",
                   f"The name '{name}' of {where_en} does not stand in the source ({source_file}) on a line of "
                   "its own near the contact's phone number or e-mail address.",
                   "Skriv namnet, telefonnumret och e-postadressen som beslutsunderlaget anger dem för samma person.",
                   "Write the name, phone number and e-mail address as the source gives them for the same person.")
    return problems


# --- what a status rests on -----------------------------------------------------------------------

_SENTENCE_END = (".", "!", "?", ":", ";")


def source_paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph of a source text, its spaces evened out. A paragraph
    that a page break split mid-sentence (it does not end a sentence and the next one starts with a
    small letter) is joined with the next, as the reader reads it."""
    paragraphs: list[tuple[int, str]] = []
    start, block = 0, []
    for number, row in enumerate(text.split("\n") + [""], start=1):
        if row.strip():
            start = start or number
            block.append(row)
        elif block:
            paragraphs.append((start, " ".join(" ".join(block).split())))
            start, block = 0, []
    joined: list[tuple[int, str]] = []
    for line, paragraph in paragraphs:
        if joined and not joined[-1][1].endswith(_SENTENCE_END) and paragraph[:1].islower():
            joined[-1] = (joined[-1][0], f"{joined[-1][1]} {paragraph}")
        else:
            joined.append((line, paragraph))
    return joined


@dataclass(frozen=True)
class Evidence:
    """Where a decision stands in a source text: the file, the paragraph's first line and its text."""

    file: str
    line: int
    paragraph: str


def decision_evidence(register: Register, doc: Document, texts: dict[str, str]) -> Evidence | None:
    """The first paragraph of a source text that holds the document's decision: its date, the body
    that decided and its reference number, all three. None if no paragraph holds them all."""
    if doc.status not in DECIDED or not all(stated(v) for v in (doc.decision_date, doc.decided_by, doc.reference)):
        return None
    body = " ".join(normalise.for_facts(register.label("bodies", doc.decided_by, "sv")).split()).casefold()
    for source in register.sources:
        for line, paragraph in source_paragraphs(normalise.for_facts(texts.get(source.get("file"), ""))):
            # The plain tests first: most paragraphs are not read for facts at all.
            if doc.decision_date in paragraph and body in paragraph.casefold():
                held = facts.Facts(paragraph)
                if held.holds("date", doc.decision_date) and held.holds("reference", doc.reference):
                    return Evidence(source["file"], line, paragraph)
    return None


def proposal_evidence(register: Register, doc: Document, texts: dict[str, str]) -> Evidence | None:
    """The source text that holds a proposal: the first whose text holds every part of its title."""
    parts = [" ".join(normalise.for_facts(part).split()).casefold() for part in doc.title["sv"].split(" – ")]
    for source in register.sources:
        text = " ".join(normalise.for_facts(texts.get(source.get("file"), "")).split()).casefold()
        if text and all(part in text for part in parts):
            return Evidence(source["file"], 1, "")
    return None


def status_evidence(register: Register, doc: Document, texts: dict[str, str]) -> Evidence | None:
    """What a document's status rests on: for adopted, its decision; for replaced, the decision of
    the document that replaced it (which must also name this document's reference number where it
    is stated); for a proposal, the source text that holds it."""
    if doc.status == "proposal":
        return proposal_evidence(register, doc, texts)
    if doc.status == "adopted":
        return decision_evidence(register, doc, texts)
    for newer_id in doc.relations.get("replaced_by", []):
        newer = register.by_id.get(newer_id)
        # (The newer document may itself have been replaced since: its decision still stands in the text.)
        evidence = decision_evidence(register, newer, texts) if newer and newer.status in DECIDED else None
        if evidence and (not stated(doc.reference) or facts.Facts(evidence.paragraph).holds("reference", doc.reference)):
            return evidence
    return None


# Words by which a Swedish decision refuses, defers or sends back what it concerns: a paragraph with
# the decision's date, body and reference number that says one of these is no adoption. (A safeguard
# for an honest mistake; the reviewer of the pull request reads the decision.)
REFUSAL = re.compile(r"\b(?:avsl(?:å|år|og|agit|ag)|återremitt\w*|bordl(?:ägg|agd)\w*|"
                     r"(?:inte|ej)\s+(?:att\s+)?(?:anta|antar|antogs|godkänna|godkänner|fastställa|fastställer))\b",
                     re.IGNORECASE)


def check_status_evidence(register: Register, texts: dict[str, str]) -> list[Problem]:
    """Every status but proposal rests on a decision that one paragraph of a source text holds
    (date, body and reference number together); a replaced document's on the decision that replaced
    it. ``texts``: each source file's text. Changing ``status:`` or a relation alone cannot pass."""
    problems = []
    files = ", ".join(f"docs/_data/{s.get('file')}" for s in register.sources)
    for doc in register.documents:
        evidence = None if doc.status == "proposal" else status_evidence(register, doc, texts)
        refusal = evidence and REFUSAL.search(evidence.paragraph)
        if refusal:
            problems.append(Problem(
                register.file, _line(doc.raw, "status") or doc.line or None,
                f"Dokumentet '{doc.id}' har status: {doc.status}, men stycket i beslutsunderlaget som ska visa beslutet "
                f"säger '{refusal.group(0)}': det låter som att förslaget inte antogs.",
                f"The document '{doc.id}' has status: {doc.status}, but the paragraph of the source document that "
                f"should show the decision says '{refusal.group(0)}': it reads as if the proposal was not adopted.",
                "Läs beslutet igen. Antogs förslaget inte: låt status: proposal stå kvar. Be en utvecklare titta om "
                "beslutet ändå är ett bifall.",
                "Read the decision again. If the proposal was not adopted: keep status: proposal. Ask a developer if "
                "the decision is an approval all the same."))
            continue
        if doc.status == "proposal" or evidence:
            continue
        if doc.status == "adopted":
            body_sv = register.labels.get("bodies", {}).get(doc.decided_by, {}).get("sv", doc.decided_by)
            body_en = register.labels.get("bodies", {}).get(doc.decided_by, {}).get("en", doc.decided_by)
            wanted = [f"beslutsdatumet {doc.decision_date}", f"organet {body_sv}", f"diarienumret {doc.reference}"]
            wanted_en = [f"the decision date {doc.decision_date}", f"the body {body_en}",
                         f"the reference number {doc.reference}"]
            sv = (f"Dokumentet '{doc.id}' har status: adopted, men inget stycke i beslutsunderlagen ({files}) innehåller "
                  f"beslutet: {', '.join(wanted)} i samma stycke.")
            en = (f"The document '{doc.id}' has status: adopted, but no paragraph of the source documents ({files}) "
                  f"holds the decision: {', '.join(wanted_en)} in one paragraph.")
            fix_sv = ("Lägg till beslutets text som en .txt-fil i docs/_data/ och under sources: i registret, och skriv "
                      "decided_by:, decision_date: och reference: som beslutet anger dem. Annars: status: proposal.")
            fix_en = ("Add the decision's text as a .txt file in docs/_data/ and under sources: in the register, and "
                      "write decided_by:, decision_date: and reference: as the decision gives them. Otherwise: status: "
                      "proposal.")
        else:
            newer = ", ".join(doc.relations.get("replaced_by", [])) or "–"
            sv = (f"Dokumentet '{doc.id}' har status: replaced, men inget stycke i beslutsunderlagen ({files}) innehåller "
                  f"beslutet som ersatte det: beslutet om '{newer}' (datum, organ och diarienummer i samma stycke"
                  + (f", med dokumentets diarienummer {doc.reference}" if stated(doc.reference) else "") + ").")
            en = (f"The document '{doc.id}' has status: replaced, but no paragraph of the source documents ({files}) "
                  f"holds the decision that replaced it: the decision on '{newer}' (date, body and reference number in "
                  "one paragraph" + (f", with this document's reference number {doc.reference}" if stated(doc.reference)
                                     else "") + ").")
            fix_sv = ("Det nya dokumentet ska vara beslutat (status: adopted) med sitt beslut, och beslutets text ska nämna "
                      "det ersatta dokumentets diarienummer. Lägg till beslutets text som en .txt-fil i docs/_data/ och "
                      "under sources: i registret.")
            fix_en = ("The new document must be decided (status: adopted) with its decision, and the decision's text must "
                      "name the replaced document's reference number. Add the decision's text as a .txt file in "
                      "docs/_data/ and under sources: in the register.")
        problems.append(Problem(register.file, _line(doc.raw, "status") or doc.line or None, sv, en, fix_sv, fix_en))
    return problems
