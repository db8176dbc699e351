"""What the site shows about the register, per language: page metadata, changelog, feeds, JSON.

Everything here is derived from a validated ``Register``; nothing is typed twice.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from styrdok.model import markdown_text, ui
from styrdok.model.register import MIRRORS, Document, Register, stated

ATOM = "http://www.w3.org/2005/Atom"
CHANGELOG_PAGE = "andringslogg.md"
REGISTER_PAGE = "dokumentregister.md"
FEED_FILE = "feed.xml"
JSON_FILE = "register.json"
# Every page's version history is published under this folder of its language (render/history.py).
HISTORY_FOLDER = "historik"


def page_path(page: str, lang: str, original: str, directory_urls: bool = True) -> str:
    """Site-relative URL path of a page (``strategi.md`` → ``en/strategi/``), as MkDocs' setting
    use_directory_urls makes it: without directory URLs (the preview that opens from disk),
    ``en/strategi.html`` and ``index.html``."""
    stem = page[: -len(".md")]
    if not directory_urls:
        path = f"{stem}.html"
    else:
        path = "" if stem == "index" else f"{stem}/"
    return path if lang == original else f"{lang}/{path}"


def file_path(name: str, lang: str, original: str) -> str:
    """Site-relative path of a generated file for a language (``feed.xml`` → ``en/feed.xml``)."""
    return name if lang == original else f"{lang}/{name}"


_stated = stated


@dataclass(frozen=True)
class Change:
    date: str | None
    document: Document
    note: dict | None
    major: bool
    number: int
    after: str | None = None      # undated, but known to follow this date
    published: str | None = None  # the day the site published it (for the feed only)

    @property
    def anchor(self) -> str:
        # The same anchor in both languages, so a link survives a language switch.
        prefix = self.date or "undated"
        return f"{prefix}-{self.document.id}" + (f"-{self.number}" if self.number > 1 else "")


def changes(register: Register, major_only: bool = True) -> list[Change]:
    """Every change in the register, newest first.

    An undated change that is known to follow a date comes before the changes of that date;
    one with nothing known about its time comes last. The same day keeps register order.
    """
    found = []
    for doc in register.documents:
        for number, item in enumerate(doc.history, start=1):
            if major_only and not item["major"]:
                continue
            found.append(Change(_stated(str(item["date"])), doc, item.get("note"), item["major"], number,
                                after=str(item["after"]) if item.get("after") else None,
                                published=str(item["published"]) if item.get("published") else None))

    def key(change):
        # (day, 1 if only known to be after that day) sorts "after 2016-12-12" above 2016-12-12.
        return (change.date or change.after or "", 0 if change.date else 1)
    return sorted(found, key=key, reverse=True)


def when(change: Change, register: Register, lang: str) -> str:
    """How a change's time is shown: its date, "Odaterad (efter 2016-12-12)" or "Odaterad"."""
    if change.date:
        return change.date
    undated = register.label("ui", "undated", lang)
    if change.after:
        return f"{undated} ({register.label('ui', 'after', lang)} {change.after})"
    return undated


def document_view(register: Register, doc: Document, lang: str, link) -> dict:
    """The facts a document page shows, in one language. ``link(page)`` gives a relative URL."""
    not_stated = register.label("ui", "not_stated", lang)

    def ref(target_id):
        target = register.by_id[target_id]
        return {"title": target.title[lang], "url": link(target.page),
                "reference": _stated(target.reference)}

    relations = [
        {"label": register.label("relations", kind, lang), "kind": kind,
         "documents": [ref(t) for t in doc.relations[kind]]}
        for kind in MIRRORS if doc.relations.get(kind)
    ]
    notice = None
    newer = replacing(register, doc)
    if newer:
        notice = {**ref(newer.id), "lead": register.ui[lang]["replaced_notice"]}
    history = []
    for change in changes(register, major_only=False):
        if change.document.id != doc.id:
            continue
        history.append({
            "date": when(change, register, lang),
            "dated": bool(change.date),
            "note": change.note[lang] if change.note else register.label("ui", "minor_change", lang),
            "anchor": change.anchor, "major": change.major,
        })
    contact = None
    if doc.contact:
        contact = {key: doc.contact[key] for key in ("name", "phone", "email") if key in doc.contact}
        role = doc.contact.get("role")
        contact["role"] = role[lang] if isinstance(role, dict) else None
        contact["label"] = contact_label(register, doc, lang)
    return {
        "id": doc.id,
        "title": doc.title[lang],
        "type": register.label("types", doc.type, lang),
        "status": doc.status,
        "status_label": status_label(register, doc, lang),
        "status_basis": status_basis(register, doc, lang),
        "decided_by": (register.label("bodies", doc.decided_by, lang) if _stated(doc.decided_by) else None),
        "to_be_decided_by": (register.label("bodies", doc.to_be_decided_by, lang)
                             if _stated(doc.to_be_decided_by) else None),
        "decision_date": _stated(doc.decision_date),
        "reference": _stated(doc.reference),
        "not_stated": not_stated,
        "relations": relations,
        "notice": notice,
        "contact": contact,
        "note": doc.note[lang] if doc.note else None,
        "history": history,
        "changelog_url": link(CHANGELOG_PAGE),
        "ui": register.ui[lang],
    }


def running(label: str, lang: str) -> str:
    """A label as it reads inside a sentence: "beslutad av kommunfullmäktige", "by the Board of …".
    Swedish writes the names of bodies in lower case in running text, as the source does."""
    if lang == "sv":
        return label[:1].lower() + label[1:]
    return "the " + label[4:] if label.startswith("The ") else label


def lower_first(text: str) -> str:
    """A status as it reads inside a sentence ("antagen av …", "adopted by …")."""
    return text[:1].lower() + text[1:]


def genitive(label: str, lang: str) -> str:
    """A body's name in the Swedish genitive, as in running text ("kommunfullmäktiges beslut")."""
    name = running(label, lang)
    return name if lang != "sv" or name.endswith(("s", "x", "z")) else name + "s"


def replacing(register: Register, doc: Document) -> Document | None:
    """The document whose decision replaced this one (the first under replaced_by), if replaced."""
    if doc.status != "replaced":
        return None
    return next((register.by_id[x] for x in doc.relations.get("replaced_by", []) if x in register.by_id), None)


def _decision_values(register: Register, decided: Document, lang: str) -> dict:
    label = (register.label("bodies", decided.decided_by, lang) if _stated(decided.decided_by)
             else register.label("ui", "not_stated", lang))
    return {"body": running(label, lang), "body_genitive": genitive(label, lang),
            "date": _stated(decided.decision_date) or register.label("ui", "not_stated", lang).lower()}


def status_label(register: Register, doc: Document, lang: str, literal=str) -> str:
    """The status as the decision says it: "Antagen av kommunfullmäktige 2016-12-12", "Ersatt genom
    kommunfullmäktiges beslut 2016-12-12" (the decision that replaced it: a decision date, never a
    date of effect), "Förslag till beslut". ``literal`` escapes the text around the values (the
    values are escaped with it too)."""
    t = register.ui[lang]
    if doc.status == "proposal":
        return literal(t["status_proposal"])
    decided = doc if doc.status == "adopted" else replacing(register, doc)
    values = {key: literal(value) for key, value in _decision_values(register, decided, lang).items()}
    return ui.fill(t, f"status_{doc.status}", values, literal=literal)


def contact_label(register: Register, doc: Document, lang: str, texts: dict | None = None) -> str:
    """A contact the register gives is the source's (a case officer of then), never the site's:
    "Handläggare för förslaget (enligt beslutsunderlaget)". ``texts``: this language's ui.yml
    texts (the register's own by default)."""
    texts = texts if texts is not None else register.ui[lang]
    role = (doc.contact or {}).get("role")
    role = role[lang] if isinstance(role, dict) else texts["contact"]
    key = "contact_proposal" if doc.status == "proposal" else "contact_document"
    return ui.fill(texts, key, {"role": role})


def source_name(register: Register, file: str, lang: str) -> str:
    """A source document by its title and date: "Stockholm Business Regions förslag till beslut
    (odaterat, skrivet efter 2016-12-12)"."""
    source = register.source(file) or {}
    title = source.get("title", {}).get(lang, file)
    if source.get("date"):
        return ui.fill(register.ui[lang], "source_dated", {"title": title, "date": source["date"]})
    return ui.fill(register.ui[lang], "source_undated", {"title": title, "after": source.get("written_after", "")})


def status_basis(register: Register, doc: Document, lang: str) -> str:
    """What the status rests on: the source text that holds the decision (or the proposal), and
    that these details do not say what applies today."""
    t = register.ui[lang]
    evidence = register.evidence.get(doc.id)
    parts = []
    if evidence:
        key = {"adopted": "basis_decision", "replaced": "basis_replacement", "proposal": "basis_proposal"}[doc.status]
        parts.append(ui.fill(t, key, {"source": source_name(register, evidence.file, lang)}))
    parts.append(t["basis_today"])
    return " ".join(parts)


def edit_parts(docs_dir, page_file: str, text: str, is_document: bool, edit_base: str, t: dict) -> list[dict]:
    """Where each part of a page's text is edited: the page, its fragments, the register.

    ``page_file`` and the links are relative to docs/; ``edit_base`` is the web editor's address of
    docs/ (empty: no links). The pencil at the top opens the page's own file, which for a page
    made of fragments holds only the include lines.
    """
    from styrdok.render import includes
    if not edit_base:
        return []
    parts = [{"label": t["edit_page"], "file": f"docs/{page_file}", "url": edit_base + page_file}]
    for fragment in includes.fragments(text, docs_dir):
        parts.append({"label": t["edit_fragment"], "file": f"docs/{fragment}", "url": edit_base + fragment})
    if is_document:
        parts.append({"label": t["edit_register"], "file": "docs/_data/register.yml",
                      "url": edit_base + "_data/register.yml"})
    return parts if len(parts) > 1 else []


# --- generated Markdown (expanded in place of markers, so MkDocs checks links and anchors) -----



_md_escape = markdown_text.inline


def changelog_markdown(register: Register, lang: str) -> str:
    """The changes the register records (decisions and proposals), newest first: the changelog's
    first part, under the page's own heading for it."""
    t = register.ui[lang]
    lines = []
    for change in changes(register):
        heading = _md_escape(when(change, register, lang))
        lines += [f"### {heading}: {_md_escape(change.document.title[lang])} {{#{change.anchor}}}", ""]
        lines += [_md_escape(change.note[lang]), ""]
        if not change.date:
            lines += [f"*{_md_escape(t['undated_note'])}*", ""]
        lines += [f"{_md_escape(t['document'])}: [{_md_escape(change.document.title[lang])}]({change.document.page})", ""]
    return "\n".join(lines)


EDITORIAL_ANCHOR = "andring-{commit}"


def _in_language(text: str, text_lang: str, lang: str) -> str:
    """A text as literal Markdown, marked with its language when it is not the page's ("": not known)."""
    escaped = _md_escape(text)
    return escaped if text_lang == lang else f'*{escaped}*{{: lang="{text_lang}" }}'


def editorial_markdown(changes, lang: str, texts: dict, history_source) -> str:
    """The editorial changes (from git: render/history.py's EditorialChange), newest first: the
    changelog's second part. Each links the history page of every page it changed
    (``history_source(name)``, relative to the language's folder). A commit that changed the
    register's record of decisions is listed in the first part only."""
    if not changes:
        return _md_escape(texts["editorial_none"]) + "\n"
    lines = []
    for change in changes:
        anchor = EDITORIAL_ANCHOR.format(commit=change.commit.short)
        lines += [f"### {change.commit.day.isoformat()}: {_in_language(change.note, change.note_lang, lang)} "
                  f"{{#{anchor}}}", ""]
        pages = ", ".join(f"[{_md_escape(title)}]({history_source(name)})" for title, name in change.pages)
        lines += [f"{_md_escape(texts['editorial_pages'])} {pages}.", ""]
    return "\n".join(lines)


def register_table_markdown(register: Register, lang: str) -> str:
    t = register.ui[lang]
    not_stated = register.label("ui", "not_stated", lang)
    head = [_md_escape(t[key]) for key in ("col_title", "col_type", "col_status", "col_decided", "col_date",
                                           "col_ref", "col_relations")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for doc in register.documents:
        relations = "<br>".join(
            f"{_md_escape(register.label('relations', kind, lang))}: "
            + ", ".join(f"[{_md_escape(register.by_id[x].title[lang])}]({register.by_id[x].page})"
                        for x in doc.relations[kind])
            for kind in MIRRORS if doc.relations.get(kind)) or _md_escape(t["none"])
        if doc.status == "proposal":
            decided = ui.fill(t, "table_to_be_decided",
                              {"body": running(register.label("bodies", doc.to_be_decided_by, lang), lang)
                               if _stated(doc.to_be_decided_by) else not_stated})
            date = t["no_decision"]
        else:
            decided = register.label("bodies", doc.decided_by, lang) if _stated(doc.decided_by) else not_stated
            date = _stated(doc.decision_date) or not_stated
        cells = [_md_escape(cell) for cell in (
            register.label("types", doc.type, lang),
            status_label(register, doc, lang),
            decided,
            date,
            _stated(doc.reference) or not_stated,
        )]
        cells = [f"[{_md_escape(doc.title[lang])}]({doc.page})", *cells, relations]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


# --- machine-readable output ------------------------------------------------------------------

def atom_feed(register: Register, lang: str, site_url: str, site_name: str, editorial=(),
              history_path=None) -> str:
    """An Atom 1.0 feed of the changelog: every major change the register records, and every
    editorial change (``editorial``: render/history.py's EditorialChange, linked to the history
    page of each page it changed through ``history_path(name)``), each marked with its kind (a
    category and the start of its title).

    Atom requires a date on each entry: an undated change carries the day the site published it
    (``published:`` in the register), and its text says so.
    """
    t = register.ui[lang]
    base = site_url.rstrip("/") + "/"
    original = register.languages[0]
    changelog_url = base + page_path(CHANGELOG_PAGE, lang, original)
    dated = sorted(changes(register), key=lambda c: c.date or c.published or "", reverse=True)
    ET.register_namespace("", ATOM)
    decision_label, editorial_label = t["feed_kind_decision"], t["feed_kind_editorial"]
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", changelog_url)
    sub(feed, "title", f"{t['changelog']} – {site_name}")
    stamps = [f"{change.date or change.published}T00:00:00Z" for change in dated]
    stamps += [_utc(change.commit.time) for change in editorial]
    sub(feed, "updated", max(stamps) if stamps else "1970-01-01T00:00:00Z")
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + file_path(FEED_FILE, lang, original))
    sub(feed, "link", rel="alternate", type="text/html", href=changelog_url)
    author = sub(feed, "author")
    sub(author, "name", site_name)
    for change in dated:
        entry = sub(feed, "entry")
        sub(entry, "id", f"{changelog_url}#{change.anchor}")
        sub(entry, "title", f"{decision_label}: {when(change, register, lang)}: {change.document.title[lang]}")
        sub(entry, "category", term="decision", label=decision_label)
        sub(entry, "updated", f"{change.date or change.published}T00:00:00Z")
        sub(entry, "link", rel="alternate", type="text/html",
            href=base + page_path(change.document.page, lang, original))
        text = change.note[lang] if change.date else f"{change.note[lang]} {t['feed_published_note']}"
        sub(entry, "content", text, type="text")
    for change in editorial:
        entry = sub(feed, "entry")
        sub(entry, "id", f"{changelog_url}#{EDITORIAL_ANCHOR.format(commit=change.commit.short)}")
        sub(entry, "title", f"{editorial_label}: {change.commit.day.isoformat()}: {change.note}")
        sub(entry, "category", term="editorial", label=editorial_label)
        sub(entry, "updated", _utc(change.commit.time))
        for title, name in change.pages:
            sub(entry, "link", rel="related", type="text/html", title=title, href=base + history_path(name))
        pages = ", ".join(title for title, _ in change.pages)
        sub(entry, "content", f"{change.note} ({t['editorial_pages']} {pages})", type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _utc(stamp: int) -> str:
    import datetime as dt
    return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def register_json(register: Register, site_url: str) -> str:
    base = site_url.rstrip("/") + "/"
    docs = []
    for doc in register.documents:
        labels = lambda group, key: {lang: register.label(group, key, lang) for lang in register.languages}  # noqa: E731
        docs.append({
            "id": doc.id,
            "type": doc.type, "type_label": labels("types", doc.type),
            "title": dict(doc.title),
            "decided_by": None if not _stated(doc.decided_by) else {
                "id": doc.decided_by, "label": labels("bodies", doc.decided_by)},
            "to_be_decided_by": None if not _stated(doc.to_be_decided_by) else {
                "id": doc.to_be_decided_by, "label": labels("bodies", doc.to_be_decided_by)},
            "decision_date": _stated(doc.decision_date),
            "reference": _stated(doc.reference),
            "reference_normalised": doc.normalised_reference,
            "status": doc.status,
            "status_label": {lang: status_label(register, doc, lang) for lang in register.languages},
            "status_basis": ({"source": f"docs/_data/{register.evidence[doc.id].file}",
                              "line": register.evidence[doc.id].line} if doc.id in register.evidence else None),
            "relations": {k: list(v) for k, v in doc.relations.items() if v},
            "contact": doc.contact,
            "note": doc.note,
            "history": [{"date": _stated(str(h["date"])), "after": str(h["after"]) if h.get("after") else None,
                         "site_published": str(h["published"]) if h.get("published") else None,
                         "major": h["major"], "note": h.get("note")}
                        for h in doc.history],
            "pages": {lang: base + page_path(doc.page, lang, register.languages[0]) for lang in register.languages},
        })
    return markup_free_json(json.dumps({
        "register": "docs/_data/register.yml",
        "null_means": {"sv": "anges inte i beslutsunderlaget, eller (för ett förslag) finns inte",
                       "en": "not stated in the source document, or (for a proposal) there is none"},
        "site_published_means": {"sv": "dagen då webbplatsen publicerade uppgiften, inget beslutsdatum",
                                 "en": "the day the site published the entry, not a decision date"},
        "sources": [dict(source) for source in register.sources],
        "documents": docs,
    }, ensure_ascii=False, indent=2)) + "\n"


def json_ld(register: Register, doc: Document, lang: str, site_url: str) -> str:
    """schema.org data for a document page, safe to place in a script element.

    A decided document is ``Legislation``; a proposal is a ``CreativeWork`` with its status, and
    nothing that says it was passed. No legal force is stated: no source text states it.
    """
    base = site_url.rstrip("/") + "/"
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork" if doc.status == "proposal" else "Legislation",
        "name": doc.title[lang],
        "inLanguage": lang,
        "url": base + page_path(doc.page, lang, register.languages[0]),
    }
    if doc.status == "proposal":
        data["creativeWorkStatus"] = status_label(register, doc, lang)
        data["about"] = [{"@type": "Legislation", "name": register.by_id[t].title[lang],
                          "url": base + page_path(register.by_id[t].page, lang, register.languages[0])}
                         for t in doc.relations.get("proposes_adoption", [])]
    else:
        data["legislationType"] = register.label("types", doc.type, lang)
        data["legislationJurisdiction"] = "Stockholms stad"
        if _stated(doc.reference):
            data["legislationIdentifier"] = doc.reference
        if _stated(doc.decision_date):
            data["legislationDate"] = doc.decision_date
        if _stated(doc.decided_by) and _stated(doc.decision_date):
            data["legislationPassedBy"] = {"@type": "Organization",
                                           "name": register.label("bodies", doc.decided_by, lang)}
    return markup_free_json(json.dumps(data, ensure_ascii=False))


def markup_free_json(text: str) -> str:
    """JSON with "<", ">" and "&" written as \\u escapes: the same data, but no markup however the
    text is read (inside <script>, only "<" can end the element or open a comment; a JSON file a
    browser is tricked into reading as HTML holds no tag). JSON has these characters only inside
    strings, where the escape means the same character."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


STATUS_ORDER = ("adopted", "proposal", "replaced")


def status_overview_markdown(register: Register, lang: str) -> str:
    """The start page's overview: the adopted documents, then proposals, then replaced documents,
    each group under its own heading and only when it has documents; each line says its status as
    the decision says it."""
    t = register.ui[lang]
    lines = []
    for status in STATUS_ORDER:
        group = [doc for doc in register.documents if doc.status == status]
        if not group:
            continue
        lines += [f"### {_md_escape(t['group_' + status])} {{#{status}}}", ""]
        for doc in group:
            parts = []
            if doc.status == "proposal":
                body = (running(register.label("bodies", doc.to_be_decided_by, lang), lang)
                        if _stated(doc.to_be_decided_by) else register.label("ui", "not_stated", lang).lower())
                parts.append(ui.fill(t, "summary_proposal", {"body": _md_escape(body)}, literal=_md_escape))
            elif doc.status == "adopted":
                parts.append(_md_escape(lower_first(status_label(register, doc, lang))))
            if _stated(doc.reference):
                parts.append(ui.fill(t, "summary_ref", {"ref": _md_escape(doc.reference)}, literal=_md_escape))
            newer = replacing(register, doc)
            if newer:
                parts.append(ui.fill(t, "summary_replaced", {
                    "status": _md_escape(lower_first(status_label(register, doc, lang))),
                    "title": f"[{_md_escape(newer.title[lang])}]({newer.page})"}, literal=_md_escape))
            detail = f" ({'; '.join(parts)})" if parts else ""
            lines.append(f"- [{_md_escape(doc.title[lang])}]({doc.page}){detail}")
        lines.append("")
    return "\n".join(lines)
