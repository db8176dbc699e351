"""The operator's settings: who runs the site, how readers reach them, who is responsible for data.

The source gives none of this, so it is not content: the organisation that publishes the site
fills in docs/_data/webbplatsen.yml once. The accessibility statement and the privacy note show
it. A local build shows a clearly marked placeholder for each missing value; a production build
(SITE_URL not on this machine) refuses to start without them.

Two records say what is known about the site's accessibility (RECORDS): ``manual_review`` (date,
method, who, result and a conformance value) and ``known_gaps``. The statement claims no more than
they say (styrdok.assessment): without a review it is "delvis förenlig" / "partially compliant".
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlparse

from styrdok.model import facts, ui, yamlfile
from styrdok.model import languages as site_languages
from styrdok.model.markdown_text import inline
from styrdok.problems import ContentError, Problem, did_you_mean

FILE = "_data/webbplatsen.yml"
# field: (kind, required, what it is in Swedish / English)
FIELDS = {
    "organisation": ("text", True, "organisationen som driver webbplatsen", "the organisation that runs the site"),
    "email": ("email", True, "e-postadress för synpunkter och för att be om innehåll i annan form",
              "e-mail address for feedback and for asking for content in another form"),
    "phone": ("phone", False, "telefonnummer", "telephone number"),
    "response_time": ("text", False, "hur snabbt ni svarar", "how quickly you reply"),
    "controller": ("text", True, "personuppgiftsansvarig", "the data controller"),
    "privacy_email": ("email", True, "e-postadress för frågor om personuppgifter",
                      "e-mail address for questions about personal data"),
    "legal_basis": ("text", True, "rättslig grund för serverloggarna", "the legal basis for the server logs"),
    "dpo_email": ("email", False, "dataskyddsombudets e-postadress", "the data protection officer's e-mail address"),
    "host": ("text", True, "var webbplatsen publiceras", "where the site is published"),
    "logs": ("text", True, "vad webbservern loggar och hur länge", "what the web server logs and for how long"),
    "transfer": ("text", True, "vem som tar emot serverloggarna och om de förs över till ett land utanför EU och EES",
                 "who receives the server logs and whether they are transferred to a country outside the EU and the EEA"),
    "transfer_basis": ("text", True, "rättslig grund för att föra över serverloggarna till ett land utanför EU och EES",
                       "the legal basis for transferring the server logs to a country outside the EU and the EEA"),
    "statement_published": ("date", True, "dagen då tillgänglighetsredogörelsen först publicerades",
                            "the day the accessibility statement was first published"),
    # The site shows what the source document says, not what applies today: the start page names
    # who readers can ask instead.
    "current_rules_contact": ("text", True, "vem läsaren kan fråga om vad som gäller i dag",
                              "who readers can ask about what applies today"),
}
# The records of what is known about the site's accessibility: (what it is in Swedish / English).
RECORDS = {
    "manual_review": ("den manuella granskningen av tillgängligheten", "the manual accessibility review"),
    "known_gaps": ("brister i tillgängligheten som ni känner till", "accessibility shortcomings you know of"),
}
# manual_review's fields: (kind, what it is in Swedish / English); every one is required.
REVIEW_FIELDS = {
    "date": ("date", "dagen då granskningen gjordes", "the day the review was made"),
    "method": ("text", "hur webbplatsen granskades", "how the site was reviewed"),
    "reviewer": ("text", "vem som granskade den", "who reviewed it"),
    "result": ("text", "vad granskningen kom fram till", "what the review found"),
    "conformance": ("conformance", "om webbplatsen är helt eller delvis förenlig",
                    "whether the site is fully or partially compliant"),
}
CONFORMANCE = ("full", "partial")
# One known gap: its text in every language, and optionally the WCAG success criterion it fails.
# One known gap: its text in every language of the site, and optionally "wcag".
GAP_OPTIONAL = ("wcag",)
_CRITERION = re.compile(r"^\d\.\d{1,2}\.\d{1,2}$")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}

_HOW = {"text": ("en text per språk: sv: … och en: …", "one text per language: sv: … and en: …"),
        "email": ("en e-postadress, till exempel namn@stockholm.se", "an e-mail address, for example name@stockholm.se"),
        "phone": facts.PHONE_FORM,
        "date": ("ett verkligt datum som ÅÅÅÅ-MM-DD", "a real date as YYYY-MM-DD"),
        "conformance": ("full (helt förenlig) eller partial (delvis förenlig)",
                        "full (fully compliant) or partial (partially compliant)")}


def _has_form(kind: str, value, languages: tuple[str, ...]) -> bool:
    return bool({
        "text": lambda: isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip()
                                                        for lang in languages),
        # E-mail address, phone number, date: one grammar each, the register's too (styrdok.facts).
        "email": lambda: facts.parse_email(value),
        "phone": lambda: facts.parse_phone(value),
        "date": lambda: facts.parse_date(value),
        "conformance": lambda: value in CONFORMANCE,
    }[kind]())


def _wrong_form(file: str, line, key: str, kind: str, what_sv: str, what_en: str, value=None) -> Problem:
    hint_sv, hint_en = did_you_mean(str(value), CONFORMANCE) if kind == "conformance" else \
        yamlfile.hard_space_hint(value)
    return Problem(file, line, f"'{key}' ({what_sv}) har fel form.{hint_sv}", f"'{key}' ({what_en}) has the wrong form.{hint_en}",
                   f"Skriv {_HOW[kind][0]}.", f"Write {_HOW[kind][1]}.")


def _unknown(file: str, line, key, allowed) -> Problem:
    hint_sv, hint_en = did_you_mean(str(key), allowed)
    return Problem(file, line, f"Okänt fält '{key}'.{hint_sv}", f"Unknown field '{key}'.{hint_en}",
                   "Använd ett av: " + ", ".join(allowed) + ".", "Use one of: " + ", ".join(allowed) + ".")


def load(docs_dir: Path, today: dt.date | None = None, languages: tuple[str, ...] | None = None) -> dict:
    """The settings (empty values are missing); ContentError for a value of the wrong form.
    ``today``: the day a review may not come after (tests give one); ``languages``: the site's (by
    default those of the site whose docs/ this is)."""
    languages = languages or site_languages.of_docs(docs_dir)
    path = docs_dir / FILE
    file = f"docs/{FILE}"
    data = yamlfile.load(path, file) if path.is_file() else None
    data = data if isinstance(data, dict) else {}
    problems = []
    for key in data:
        if key not in FIELDS and key not in RECORDS:
            problems.append(_unknown(file, data.lines.get(key), key, [*FIELDS, *RECORDS]))
    for key, (kind, _, what_sv, what_en) in FIELDS.items():
        value = data.get(key)
        if value in (None, "") or _has_form(kind, value, languages):
            continue
        problems.append(_wrong_form(file, data.lines.get(key), key, kind, what_sv, what_en, value))
    problems += _review_problems(data, file, today or dt.date.today(), languages)
    problems += _gap_problems(data, file, languages)
    if not problems:
        problems += _consistency_problems(data, file)
    if problems:
        raise ContentError(problems)
    return data


def _review_problems(data: dict, file: str, today: dt.date, languages: tuple[str, ...]) -> list[Problem]:
    """manual_review: a mapping with every field of REVIEW_FIELDS in its form, dated no later than today."""
    record = data.get("manual_review")
    if record in (None, ""):
        return []
    line = data.lines.get("manual_review")
    fields = ", ".join(REVIEW_FIELDS)
    if not isinstance(record, dict):
        return [Problem(file, line, "'manual_review' (den manuella granskningen) ska ha fälten " + fields + ".",
                        "'manual_review' (the manual review) must have the fields " + fields + ".",
                        "Skriv fälten indragna under manual_review:, ett per rad, eller ta bort raden om ingen "
                        "manuell granskning har gjorts.",
                        "Write the fields indented below manual_review:, one per line, or remove the line if no "
                        "manual review has been made.")]
    problems = [_unknown(file, record.lines.get(key), key, list(REVIEW_FIELDS))
                for key in record if key not in REVIEW_FIELDS]
    for key, (kind, what_sv, what_en) in REVIEW_FIELDS.items():
        value = record.get(key)
        if value in (None, ""):
            problems.append(Problem(file, line, f"'manual_review' saknar '{key}' ({what_sv}).",
                                    f"'manual_review' lacks '{key}' ({what_en}).",
                                    f"Skriv {key}: under manual_review: med {_HOW[kind][0]}.",
                                    f"Write {key}: below manual_review: with {_HOW[kind][1]}."))
        elif not _has_form(kind, value, languages):
            problems.append(_wrong_form(file, record.lines.get(key), f"manual_review: {key}", kind, what_sv, what_en,
                                        value))
        elif kind == "date" and dt.date.fromisoformat(value) > today:
            problems.append(Problem(file, record.lines.get(key), f"Granskningens datum {value} har inte kommit än.",
                                    f"The review's date {value} is in the future.",
                                    "Skriv dagen då granskningen gjordes.", "Write the day the review was made."))
    return problems


def _gap_problems(data: dict, file: str, languages: tuple[str, ...]) -> list[Problem]:
    """known_gaps: a list; each gap a text in every language and optionally a WCAG success criterion."""
    gaps = data.get("known_gaps")
    if gaps in (None, ""):
        return []
    line = data.lines.get("known_gaps")
    langs = " och ".join(f"{lang}:" for lang in languages)
    fields = (*languages, *GAP_OPTIONAL)
    how_sv = (f"Skriv varje brist som en rad som börjar med - och under den {langs} (och om du vill wcag: "
              "med kriteriets nummer, till exempel 2.4.1).")
    how_en = (f"Write each gap as a line starting with - and below it {' and '.join(f'{lang}:' for lang in languages)} "
              "(and, if you like, wcag: with the criterion's number, for example 2.4.1).")
    if not isinstance(gaps, list):
        return [Problem(file, line, "'known_gaps' ska vara en lista över brister.",
                        "'known_gaps' must be a list of shortcomings.", how_sv, how_en)]
    problems = []
    for number, gap in enumerate(gaps, start=1):
        at = getattr(gap, "line", None) or line
        if not isinstance(gap, dict):
            problems.append(Problem(file, at, f"Brist nummer {number} i 'known_gaps' har fel form.",
                                    f"Gap number {number} in 'known_gaps' has the wrong form.", how_sv, how_en))
            continue
        problems += [_unknown(file, gap.lines.get(key), key, list(fields)) for key in gap if key not in fields]
        if not _has_form("text", gap, languages):
            problems.append(Problem(file, at, f"Brist nummer {number} i 'known_gaps' saknar en text på varje språk.",
                                    f"Gap number {number} in 'known_gaps' lacks a text in every language.",
                                    how_sv, how_en))
        criterion = gap.get("wcag")
        if criterion is not None and not (isinstance(criterion, str) and _CRITERION.match(criterion)):
            problems.append(Problem(file, gap.lines.get("wcag"),
                                    f"'wcag' i brist nummer {number} ska vara ett kriteriums nummer, inte '{criterion}'.",
                                    f"'wcag' in gap number {number} must be a criterion's number, not '{criterion}'.",
                                    "Skriv numret inom citattecken, till exempel wcag: \"2.4.1\".",
                                    'Write the number in quotes, for example wcag: "2.4.1".'))
    return problems


def _consistency_problems(data: dict, file: str) -> list[Problem]:
    """A review that found full conformance lists no gaps; one that found partial conformance names them."""
    record = data.get("manual_review")
    if not record:
        return []
    gaps = data.get("known_gaps") or []
    if record["conformance"] == "full" and gaps:
        return [Problem(file, data.lines.get("known_gaps"),
                        "Den manuella granskningen säger att webbplatsen är helt förenlig (conformance: full), "
                        "men 'known_gaps' listar brister.",
                        "The manual review says the site is fully compliant (conformance: full), but 'known_gaps' "
                        "lists shortcomings.",
                        "Skriv conformance: partial, eller ta bort bristerna som är åtgärdade.",
                        "Write conformance: partial, or remove the shortcomings that have been fixed.")]
    if record["conformance"] == "partial" and not gaps:
        return [Problem(file, record.lines.get("conformance"),
                        "Den manuella granskningen säger att webbplatsen är delvis förenlig (conformance: partial), "
                        "men 'known_gaps' listar inga brister.",
                        "The manual review says the site is partially compliant (conformance: partial), but "
                        "'known_gaps' lists no shortcomings.",
                        "Skriv bristerna som granskningen hittade under known_gaps:, en per rad.",
                        "Write the shortcomings the review found below known_gaps:, one per line.")]
    return []


def review(settings: dict) -> dict | None:
    """The manual review's record, or None when no manual review has been recorded."""
    record = settings.get("manual_review")
    return record if record not in (None, "") else None


def gaps(settings: dict) -> list:
    return list(settings.get("known_gaps") or [])


def conformance(settings: dict) -> str:
    """'full' only when a recorded manual review says so: automated tests cannot establish it."""
    record = review(settings)
    return record["conformance"] if record else "partial"


def production(site_url: str) -> bool:
    """True when the site is built for somewhere other than this machine."""
    host = urlparse(site_url or "").hostname or ""
    return host not in LOCAL_HOSTS


def missing(settings: dict) -> list[str]:
    return [key for key, (_, required, _, _) in FIELDS.items() if required and settings.get(key) in (None, "")]


def production_problems(settings: dict, site_url: str) -> list[Problem]:
    """A production build needs every required setting: the legal pages would otherwise be untrue."""
    if not production(site_url):
        return []
    return [Problem(f"docs/{FILE}", None,
                    f"Webbplatsen byggs för {site_url}, men '{key}' ({FIELDS[key][2]}) saknas. "
                    "Tillgänglighetsredogörelsen och integritetssidan kräver den.",
                    f"The site is built for {site_url}, but '{key}' ({FIELDS[key][3]}) is missing. "
                    "The accessibility statement and the privacy page need it.",
                    f"Fyll i '{key}' i docs/{FILE} (förvaltaren av webbplatsen gör det en gång; se README).",
                    f"Fill in '{key}' in docs/{FILE} (the site's operator does this once; see the README).")
            for key in missing(settings)]


PLACEHOLDER = {
    "sv": "[UPPGIFT SAKNAS: {what}. Förvaltaren fyller i '{key}' i docs/" + FILE + ".]",
    "en": "[MISSING: {what}. The operator fills in '{key}' in docs/" + FILE + ".]",
}


def value(settings: dict, key: str, lang: str) -> str:
    """A setting as literal Markdown text, or a clearly marked placeholder."""
    raw = settings.get(key)
    if raw in (None, ""):
        what = FIELDS[key][2] if lang == "sv" else FIELDS[key][3]
        return f"**{inline(PLACEHOLDER[lang].format(what=what, key=key))}**"
    if isinstance(raw, dict):
        return inline(raw[lang])
    if FIELDS[key][0] == "email":
        return f"[{inline(raw)}](mailto:{raw})"
    if FIELDS[key][0] == "phone":
        return f"[{inline(raw)}](tel:{raw.replace(' ', '').replace('-', '')})"
    return inline(raw)


def is_set(settings: dict, key: str) -> bool:
    return settings.get(key) not in (None, "")


# --- the generated parts of the accessibility statement and the privacy note ------------------------

def _fill(texts: dict, key: str, settings: dict, lang: str, **extra) -> str:
    """A paragraph of ui.yml (Markdown by design) with the settings its names ask for (ui.PLACEHOLDERS),
    each as literal Markdown text (value())."""
    return ui.fill(texts, key, {name: extra[name] if name in extra else value(settings, name, lang)
                                for name in ui.PLACEHOLDERS[key]})


# The paragraphs' wording is in docs/_data/ui.yml (texts: this language's interface text).

def contact_markdown(settings: dict, lang: str, texts: dict) -> str:
    text = _fill(texts, "statement_contact", settings, lang)
    if is_set(settings, "phone"):
        text += _fill(texts, "statement_phone", settings, lang)
    if is_set(settings, "response_time"):
        text += _fill(texts, "statement_response", settings, lang)
    return text


def dates_markdown(settings: dict, updated, lang: str, texts: dict) -> str:
    """When the statement was first published, and ``updated``: the day its content last changed
    (styrdok.history), or None when the build cannot tell, which it then says instead of a date."""
    said = (ui.fill(texts, "updated_on", {"date": inline(updated)}, inline) if updated
            else ui.fill(texts, "updated_unknown", {}, inline))
    return _fill(texts, "statement_dates", settings, lang, published=value(settings, "statement_published", lang),
                 updated=said)


def privacy_markdown(settings: dict, lang: str, texts: dict) -> str:
    text = _fill(texts, "privacy_controller", settings, lang)
    if is_set(settings, "dpo_email"):
        text += _fill(texts, "privacy_dpo", settings, lang)
    return (text + _fill(texts, "privacy_basis", settings, lang)
            + _fill(texts, "privacy_host", settings, lang))


def current_rules_markdown(settings: dict, lang: str, texts: dict) -> str:
    """Who readers can ask about what applies today (the start page), or the clear placeholder."""
    return value(settings, "current_rules_contact", lang) + "\n"
