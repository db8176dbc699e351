"""The operator's settings: who runs the site, how readers reach them, who is responsible for data.

The source gives none of this, so it is not content: the organisation that publishes the site
fills in docs/_data/webbplatsen.yml once. The accessibility statement and the privacy note show
it. A local build shows a clearly marked placeholder for each missing value; a production build
(SITE_URL not on this machine) refuses to start without them.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from . import ui, yamlfile
from .languages import LANGUAGES
from .markdown_text import inline
from .problems import ContentError, Problem

FILE = "_data/webbplatsen.yml"
# field: (kind, required, what it is in Swedish / English)
FIELDS = {
    "organisation": ("text", True, "organisationen som driver webbplatsen", "the organisation that runs the site"),
    "email": ("email", True, "e-postadress för synpunkter och för att be om innehåll i annan form",
              "e-mail address for feedback and for asking for content in another form"),
    "phone": ("phone", False, "telefonnummer", "telephone number"),
    "response_time": ("text", False, "hur snabbt ni svarar", "how quickly you reply"),
    "controller": ("text", True, "personuppgiftsansvarig", "the data controller"),
    "legal_basis": ("text", True, "rättslig grund för serverloggarna", "the legal basis for the server logs"),
    "dpo_email": ("email", False, "dataskyddsombudets e-postadress", "the data protection officer's e-mail address"),
    "host": ("text", True, "var webbplatsen publiceras", "where the site is published"),
    "logs": ("text", True, "vad webbservern loggar och hur länge", "what the web server logs and for how long"),
    "statement_published": ("date", True, "dagen då tillgänglighetsredogörelsen först publicerades",
                            "the day the accessibility statement was first published"),
    # The site shows what the source document says, not what applies today: the start page names
    # who readers can ask instead.
    "current_rules_contact": ("text", True, "vem läsaren kan fråga om vad som gäller i dag",
                              "who readers can ask about what applies today"),
}
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(\.[A-Za-z0-9-]++)++$")  # possessive: linear
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{4,20}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


def load(docs_dir: Path) -> dict:
    """The settings (empty values are missing); ContentError for a value of the wrong form."""
    path = docs_dir / FILE
    file = f"docs/{FILE}"
    data = yamlfile.load(path, file) if path.is_file() else None
    data = data if isinstance(data, dict) else {}
    problems = []
    for key in data:
        if key not in FIELDS:
            problems.append(Problem(file, data.lines.get(key), f"Okänt fält '{key}'.", f"Unknown field '{key}'.",
                                    "Använd ett av: " + ", ".join(FIELDS) + ".", "Use one of: " + ", ".join(FIELDS) + "."))
    for key, (kind, _, what_sv, what_en) in FIELDS.items():
        value = data.get(key)
        if value in (None, ""):
            continue
        line = data.lines.get(key)
        ok = {
            "text": isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip()
                                                    for lang in LANGUAGES),
            "email": isinstance(value, str) and _EMAIL.match(value),
            "phone": isinstance(value, str) and _PHONE.match(value),
            "date": isinstance(value, str) and _DATE.match(value),
        }[kind]
        if not ok:
            how = {"text": ("en text per språk: sv: … och en: …", "one text per language: sv: … and en: …"),
                   "email": ("en e-postadress, till exempel namn@stockholm.se", "an e-mail address, for example name@stockholm.se"),
                   "phone": ("ett telefonnummer med siffror, mellanslag och bindestreck", "a phone number of digits, spaces and hyphens"),
                   "date": ("ett datum som ÅÅÅÅ-MM-DD", "a date as YYYY-MM-DD")}[kind]
            problems.append(Problem(file, line, f"'{key}' ({what_sv}) har fel form.", f"'{key}' ({what_en}) has the wrong form.",
                                    f"Skriv {how[0]}.", f"Write {how[1]}."))
    if problems:
        raise ContentError(problems)
    return data


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


def dates_markdown(settings: dict, assessed: str | None, lang: str, texts: dict) -> str:
    updated = inline(assessed) if assessed else value({}, "statement_published", lang)
    return _fill(texts, "statement_dates", settings, lang, published=value(settings, "statement_published", lang),
                 updated=updated)


def privacy_markdown(settings: dict, lang: str, texts: dict) -> str:
    text = _fill(texts, "privacy_controller", settings, lang)
    if is_set(settings, "dpo_email"):
        text += _fill(texts, "privacy_dpo", settings, lang)
    return (text + _fill(texts, "privacy_basis", settings, lang)
            + _fill(texts, "privacy_host", settings, lang))


def current_rules_markdown(settings: dict, lang: str, texts: dict) -> str:
    """Who readers can ask about what applies today (the start page), or the clear placeholder."""
    return value(settings, "current_rules_contact", lang) + "\n"
