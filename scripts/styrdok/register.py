"""The register of governing documents: loading, validation and per-language views.

The register (``docs/_data/register.yml``) holds each language-neutral fact once; titles,
labels and notes carry a Swedish and an English text. Everything the site shows about a
document (metadata block, notices, history, changelog, feeds, JSON) is derived from it here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import normalise, yamlfile
from .languages import LANGUAGES
from .problems import ContentError, Problem, did_you_mean

NOT_STATED = "not_stated"
STATUSES = ("in_force", "replaced", "proposal")

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
    # field: required
    "id": True, "type": True, "page": True, "title": True, "decided_by": True,
    "decision_date": True, "reference": True, "status": True, "relations": False,
    "contact": False, "history": True, "note": False,
}
TOP_FIELDS = ("labels", "source", "documents")
SOURCE_FIELDS = {"file": True, "title": True, "written_after": True}
LABEL_GROUPS = ("statuses", "types", "bodies", "relations", "ui")
UI_LABELS = ("not_stated", "undated", "minor_change", "after")
HISTORY_FIELDS = {"date": True, "after": False, "published": False, "major": True, "note": False}

# Facts the source may lack; everything else the register itself decides.
MAY_BE_NOT_STATED = ("decided_by", "decision_date", "reference", "date")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Used with fullmatch; possessive (nothing read twice), so it stays linear wherever it is used.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(\.[A-Za-z0-9-]++)++")
_PHONE = re.compile(r"\+?[0-9][0-9 -]{4,20}")
# ASCII digits and hyphen only: the register is the one written form of a fact (normalise.py).
_REFERENCE = re.compile(r"^[0-9]+-[0-9]+/[0-9]{4}$")
# source.file: a plain name of a text in docs/_data (content.py reads it only through tree.docs_path).
SOURCE_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.txt$")


def normalise_reference(reference: str) -> str:
    """``006-1137/2007`` and ``6-1137/2007`` are one reference number: drop leading zeros."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), reference.strip())


@dataclass
class Document:
    id: str
    type: str
    page: str
    title: dict
    decided_by: str
    decision_date: str
    reference: str
    status: str
    relations: dict
    contact: dict | None
    history: list
    note: dict | None
    line: int = 0
    raw: dict = field(default_factory=dict, repr=False)

    @property
    def normalised_reference(self) -> str | None:
        return None if self.reference == NOT_STATED else normalise_reference(self.reference)


@dataclass
class Register:
    labels: dict
    documents: list[Document]
    file: str = "docs/_data/register.yml"
    source: dict = field(default_factory=dict)
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


# --- validation -------------------------------------------------------------------------------

class _Collector:
    def __init__(self, file: str):
        self.file = file
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
    if isinstance(value, dict) and all(isinstance(value.get(lang), str) for lang in LANGUAGES):
        from .pages import facts  # the same fact patterns as the pages
        sv, en = facts(value["sv"]), facts(value["en"])
        for kind in sv:
            if sv[kind] != en[kind]:
                differing = ", ".join(sorted(sv[kind] ^ en[kind]))
                c.add(_line(value, "en") or line,
                      f"'{key}' i {where_sv} har olika {kind.split(' / ')[0]} på svenska och engelska: {differing}.",
                      f"'{key}' in {where_en} has different {kind.split(' / ')[1]}s in Swedish and English: {differing}.",
                      "Skriv samma uppgift i båda språken (siffror och datum översätts inte).",
                      "Write the same fact in both languages (numbers and dates are not translated).")
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value.get(lang).strip()
                                           for lang in LANGUAGES) or set(value) - set(LANGUAGES):
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
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        problem = ("har inte formen ÅÅÅÅ-MM-DD", "is not in the form YYYY-MM-DD")
    else:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            problem = ("är ett datum som inte finns", "is a date that does not exist")
    if problem:
        c.add(_line(mapping, key),
              f"Datumet '{text}' i {where_sv} {problem[0]}.",
              f"The date '{text}' in {where_en} {problem[1]}.",
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
    for key, group in (("type", "types"), ("status", "statuses")):
        allowed = list(labels.get(group, {}))
        if raw[key] not in allowed:
            hint_sv, hint_en = did_you_mean(raw[key], allowed)
            name_sv = "typ" if key == "type" else "status"
            c.add(_line(raw, key),
                  f"Okänd {name_sv} '{raw[key]}' i {where_sv}.{hint_sv}",
                  f"Unknown {key} '{raw[key]}' in {where_en}.{hint_en}",
                  f"Använd ett av: {', '.join(allowed)}.", f"Use one of: {', '.join(allowed)}.")
    bodies = list(labels.get("bodies", {}))
    if raw["decided_by"] != NOT_STATED and raw["decided_by"] not in bodies:
        hint_sv, hint_en = did_you_mean(raw["decided_by"], bodies)
        c.add(_line(raw, "decided_by"),
              f"Okänt beslutande organ '{raw['decided_by']}' i {where_sv}.{hint_sv}",
              f"Unknown deciding body '{raw['decided_by']}' in {where_en}.{hint_en}",
              f"Använd ett av: {', '.join(bodies)} eller {NOT_STATED}, eller lägg till organet under labels: bodies:.",
              f"Use one of: {', '.join(bodies)} or {NOT_STATED}, or add the body under labels: bodies:.")
    _check_date(c, raw, "decision_date", where_sv, where_en)
    reference = str(raw["reference"])
    if reference != NOT_STATED and not _REFERENCE.match(reference):
        c.add(_line(raw, "reference"),
              f"Diarienumret '{reference}' i {where_sv} har inte formen 171-482/2016.",
              f"The reference number '{reference}' in {where_en} is not in the form 171-482/2016.",
              f"Skriv diarienumret som i beslutet, eller {NOT_STATED} om beslutsunderlaget inte anger det.",
              f"Write the reference number as in the decision, or {NOT_STATED} if the source does not state it.")
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
            for key, pattern, form_sv, form_en in (
                    ("email", _EMAIL, "en e-postadress som namn@stockholm.se", "an e-mail address such as name@stockholm.se"),
                    ("phone", _PHONE, "ett telefonnummer med siffror, mellanslag och bindestreck",
                     "a phone number of digits, spaces and hyphens")):
                if key in contact and not (isinstance(contact[key], str) and pattern.fullmatch(contact[key])):
                    c.add(_line(contact, key), f"'{key}' i contact i {where_sv} ska vara {form_sv}.",
                          f"'{key}' in contact in {where_en} must be {form_en}.",
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
    return Document(
        id=raw["id"], type=raw["type"], page=raw["page"], title=raw["title"],
        decided_by=raw["decided_by"], decision_date=str(raw["decision_date"]),
        reference=reference, status=raw["status"],
        relations={k: list(v or []) for k, v in relations.items() if k in MIRRORS},
        contact=contact, history=history, note=raw.get("note"), line=_line(raw) or 0, raw=raw,
    )


def _check_status(c: _Collector, raw, relations: dict, where_sv: str, where_en: str) -> None:
    """What a status allows: a proposal is not a decision; a replaced document is not in force."""
    status = raw.get("status")
    if status == "proposal":
        if raw.get("decision_date") != NOT_STATED:
            c.add(_line(raw, "decision_date"),
                  f"{where_sv.capitalize()} är ett förslag (status: proposal) men har ett beslutsdatum.",
                  f"{where_en.capitalize()} is a proposal (status: proposal) but has a decision date.",
                  f"Skriv decision_date: {NOT_STATED}. Om beslutet är fattat: ändra status och ange datumet.",
                  f"Write decision_date: {NOT_STATED}. If the decision has been made: change the status and give the date.")
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
    if relations.get("replaced_by") and status == "in_force":
        c.add(_line(raw, "status"),
              f"{where_sv.capitalize()} är ersatt (replaced_by) men har status in_force.",
              f"{where_en.capitalize()} has been replaced (replaced_by) but has the status in_force.",
              "Skriv status: replaced.", "Write status: replaced.")


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
    statuses = set(labels.get("statuses") or {})
    if statuses and statuses != set(STATUSES):
        c.add(_line(labels, "statuses"),
              f"labels: statuses ska ha exakt dessa statusar: {', '.join(STATUSES)}.",
              f"labels: statuses must have exactly these statuses: {', '.join(STATUSES)}.",
              "Webbplatsen visar statusarna på ett bestämt sätt; nya statusar kräver en ändring i koden.",
              "The site shows each status in a set way; a new status needs a change in the code.")
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


def parse_register(data, file: str = "docs/_data/register.yml") -> Register:
    """Validate raw register data; raise ContentError listing every problem, or return it."""
    c = _Collector(file)
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
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    if source:
        _check_fields(c, source, SOURCE_FIELDS, "source", "source")
        if "file" in source and not (isinstance(source["file"], str) and SOURCE_FILE.match(source["file"])):
            c.add(_line(source, "file"),
                  f"source: file: '{source['file']}' ska vara bara namnet på en textfil i docs/_data/, utan mapp.",
                  f"source: file: '{source['file']}' must be only the name of a text file in docs/_data/, "
                  "without a folder.",
                  "Skriv bara filnamnet, till exempel file: 000_ebcdb2b342ce38cb.txt (ingen / och inget ..).",
                  "Write only the file name, for example file: 000_ebcdb2b342ce38cb.txt (no / and no ..).")
        _check_translated(c, source, "title", "source", "source")
        _check_date(c, source, "written_after", "source", "source", allow_not_stated=False)
    if c.problems:
        raise ContentError(c.problems)
    return Register(labels=labels, documents=docs, file=file, source=source)


def load_register(path: Path, file: str = "docs/_data/register.yml") -> Register:
    return parse_register(yamlfile.load(path, file), file)


def check_pages(register: Register, docs_dir: Path) -> list[Problem]:
    """Each document names a page that exists in both languages and points back to it."""
    problems = []
    for doc in register.documents:
        for lang in LANGUAGES:
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

    Dates, reference numbers (without leading zeros), names, phone numbers and e-mail addresses,
    the deciding body and each part of a Swedish title ("A – B"). Text is compared with its
    spaces and line breaks evened out; names, bodies and titles without regard to case. Both sides
    are compared in the one written form of facts (normalise.for_facts): any dash is '-', any digit
    an ASCII digit.
    ``published`` is the date the site published an entry, a fact about the site: not checked.
    """
    text = " ".join(normalise.for_facts(source_text).split())
    lower = text.casefold()
    # From the start of a run of digits only, never giving back: a long run is read once.
    references = {normalise_reference(r) for r in re.findall(r"(?<!\d)\d++-\d++/\d{4}", text)}
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
        if doc.decision_date != NOT_STATED and written(doc.decision_date) not in text:
            missing(raw, "decision_date", doc.decision_date, "Beslutsdatumet", "decision date")
        if doc.reference != NOT_STATED and normalise_reference(written(doc.reference)) not in references:
            missing(raw, "reference", doc.reference, "Diarienumret", "reference number")
        if doc.decided_by != NOT_STATED:
            body = register.label("bodies", doc.decided_by, "sv")
            if written(body).casefold() not in lower:
                missing(raw, "decided_by", body, "Organet", "body")
        for part in doc.title["sv"].split(" – "):
            if written(part).casefold() not in lower:
                missing(raw, "title", part, "Titeln (eller en del av den)", "title (or part of it)")
        for key in ("name", "phone", "email"):
            value = (doc.contact or {}).get(key)
            if value is not None and written(value).casefold() not in lower:
                missing(doc.contact, key, value, "Kontaktuppgiften", "contact detail")
        for change in doc.history:
            for key in ("date", "after"):
                value = str(change.get(key, NOT_STATED))
                if value != NOT_STATED and written(value) not in text:
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
        for lang in LANGUAGES:
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
