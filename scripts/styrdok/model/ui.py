"""The site's own interface text, in one bilingual data file (docs/_data/ui.yml).

Python (views, HTML fixes, the glossary), the templates (a Jinja global per language) and the
search box (through the templates' data attributes) all read it from here.

Some texts have places the site fills in (``{date}``). Which names each text may use is said
once, in PLACEHOLDERS; a text is refused when it is loaded if a brace holds anything but one of
its names, and ``fill`` is the one function that fills them: it replaces bare names and nothing
else (no str.format, so no format width, conversion, attribute or index can ever be read from a
text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from styrdok.model import languages as site_languages
from styrdok.model import yamlfile
from styrdok.problems import ContentError, Problem, did_you_mean

FILE = "_data/ui.yml"

# text → the names it may hold, in the order the site fills them. The only place that says so:
# the load check reads it, and fill() requires exactly these values from its caller.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "basis_decision": ("source",),
    "basis_replacement": ("source",),
    "basis_proposal": ("source",),
    "source_undated": ("title", "after"),
    "source_dated": ("title", "date"),
    "status_adopted": ("body", "body_genitive", "date"),
    "status_replaced": ("body", "body_genitive", "date"),
    "table_to_be_decided": ("body",),
    "contact_proposal": ("role",),
    "contact_document": ("role",),
    "summary_proposal": ("body",),
    "summary_ref": ("ref",),
    "summary_replaced": ("status", "title"),
    "statement_assessment": ("pages", "built", "axe", "versions", "levels", "vnu"),
    "statement_compliance": ("conformance", "basis"),
    "statement_technical": ("conformance", "basis"),
    "statement_contact": ("organisation", "email"),
    "statement_phone": ("phone",),
    "statement_response": ("response_time",),
    "statement_dates": ("published", "updated"),
    "privacy_basis": ("legal_basis",),
    "privacy_controller": ("controller", "privacy_email"),
    "privacy_dpo": ("dpo_email",),
    "privacy_host": ("host", "logs", "transfer", "transfer_basis"),
    # plain text within the statement (styrdok.assessment), escaped where it lands
    "review_recorded": ("date", "reviewer", "method"),
    "gap_criterion": ("criterion",),
    "gaps_none_found": ("date",),
    "review_made": ("date", "reviewer"),
    "review_method": ("method",),
    "review_result": ("result",),
    "updated_on": ("date",),
}
# Texts that are Markdown by design: they are expanded into a page's Markdown (the accessibility
# statement and the privacy note), so the content allowlist judges what they become, as it judges
# the pages. Every other text is plain text, escaped wherever it lands.
MARKDOWN = tuple(key for key in PLACEHOLDERS if key.startswith(("statement_", "privacy_")))
# Texts that are not words but a value in a set form (the browser's date format).
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
FORMS = {"date_locale": LANGUAGE_TAG}

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACES = re.compile(r"\{([^{}\n]*)\}")
_PLACE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def names(text: str) -> list[str]:
    """The bare names in a text, in order (``{date}`` → ``date``)."""
    return _PLACE.findall(text)


def fill(texts: Mapping[str, str], key: str, values: Mapping[str, object],
         literal: Callable[[str], str] = str) -> str:
    """``texts[key]`` with each ``{name}`` replaced by ``values[name]``: the one way a text gets its
    values. ``values`` must hold exactly the names PLACEHOLDERS gives for the key (a caller that
    does not is a programming error, found by the tests). ``literal`` is applied to the text around
    the names, for example to escape it for Markdown; the values go in as they are given, so the
    caller escapes them for where they land.

    Only bare names are replaced; anything else between braces stays as it is written (the load
    check refuses it), so a text can never format, convert or look up a value.
    """
    wanted = set(PLACEHOLDERS.get(key, ()))
    if set(values) != wanted:
        raise RuntimeError(f"ui.fill({key!r}): values for {sorted(values)}, but PLACEHOLDERS gives {sorted(wanted)}")
    text = texts[key]
    out, last = [], 0
    for match in _PLACE.finditer(text):
        if match.group(1) in wanted:
            out += [literal(text[last:match.start()]), str(values[match.group(1)])]
            last = match.end()
    out.append(literal(text[last:]))
    return "".join(out)


def load(docs_dir: Path, languages: tuple[str, ...] | None = None) -> dict[str, dict[str, str]]:
    """{language: {key: text}}; every key needs a text in every language of the site (``languages``,
    by default those of the site whose docs/ this is)."""
    languages = languages or site_languages.of_docs(docs_dir)
    file = f"docs/{FILE}"
    data = yamlfile.load(docs_dir / FILE, file)
    if not isinstance(data, dict):
        raise ContentError([Problem(file, 1, "Filen ska bestå av namn med en svensk och en engelsk text.",
                                    "The file must hold names, each with a Swedish and an English text.",
                                    "Skriv namn: och under det sv: och en:.", "Write name: and below it sv: and en:.")])
    texts: dict[str, dict[str, str]] = {lang: {} for lang in languages}
    problems = []
    raw_lines = None
    for key, value in data.items():
        if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in languages):
            problems.append(Problem(file, data.lines.get(key), f"'{key}' ska ha en svensk (sv:) och en engelsk (en:) text.",
                                    f"'{key}' must have a Swedish (sv:) and an English (en:) text.",
                                    f"Skriv {key}: och under det sv: … och en: ….",
                                    f"Write {key}: and below it sv: … and en: ….."))
            continue
        for lang in languages:
            text = value[lang]
            texts[lang][key] = text
            if "{" in text or "}" in text or key in FORMS:
                if raw_lines is None:
                    raw_lines = yamlfile.read_text(docs_dir / FILE).split("\n")
                line = getattr(value, "lines", {}).get(lang) or data.lines.get(key)
                problems += _check_text(file, raw_lines, line, key, lang, text)
    if problems:
        raise ContentError(problems)
    return texts


def _line_of(raw_lines: list[str], start: int | None, needle: str) -> int | None:
    """The first line from ``start`` on that holds ``needle`` (a text over several lines)."""
    if start is None:
        return None
    for number in range(start, len(raw_lines) + 1):
        if needle in raw_lines[number - 1]:
            return number
    return start


def _check_text(file: str, raw_lines: list[str], line: int | None, key: str, lang: str,
                text: str) -> list[Problem]:
    """A text's braces hold only its own bare names; a value in a set form has that form."""
    where_sv, where_en = f"'{key}' ({lang}:)", f"'{key}' ({lang}:)"
    form = FORMS.get(key)
    if form is not None:
        if form.match(text):
            return []
        return [Problem(file, line, f"{where_sv} ska vara en språkkod som sv-SE, inte '{text}'.",
                        f"{where_en} must be a language tag such as en-GB, not '{text}'.",
                        "Skriv språkkoden som förut, till exempel sv-SE eller en-GB.",
                        "Write the language tag as before, for example sv-SE or en-GB.")]
    allowed = PLACEHOLDERS.get(key, ())
    shown = ", ".join("{" + name + "}" for name in allowed)
    if allowed:
        fix_sv = (f"Skriv bara namnen inom klamrar, utan något annat: {shown}. Resten av texten får inte "
                  "ha { eller }.")
        fix_en = f"Write only the names in braces, with nothing else: {shown}. The rest of the text may not have {{ or }}."
    else:
        fix_sv = "Ta bort klamrarna { och }: webbplatsen fyller inte i något i den här texten."
        fix_en = "Remove the braces { and }: the site fills nothing into this text."
    problems = []
    rest = _BRACES.sub("", text)
    if "{" in rest or "}" in rest:
        brace = "{" if "{" in rest else "}"
        problems.append(Problem(file, _line_of(raw_lines, line, brace),
                                f"{where_sv} har en klammer {brace} utan sin motsvarighet.",
                                f"{where_en} has a brace {brace} without its pair.", fix_sv, fix_en))
    for match in _BRACES.finditer(text):
        inside = match.group(1)
        at = _line_of(raw_lines, line, match.group(0))
        what = _what_is_wrong(inside, allowed)
        if what is None:
            continue
        (what_sv, what_en), (hint_sv, hint_en) = what
        problems.append(Problem(file, at, f"{where_sv}: {match.group(0)} {what_sv}{hint_sv}",
                                f"{where_en}: {match.group(0)} {what_en}{hint_en}", fix_sv, fix_en))
    return problems


def _what_is_wrong(inside: str, allowed: tuple[str, ...]):
    """None for an allowed bare name; else ((Swedish, English), did-you-mean) of what is wrong."""
    no_hint = ("", "")
    if _NAME.fullmatch(inside):
        if inside in allowed:
            return None
        if not allowed:
            return ("fylls inte i: texten har inga namn att fylla i.",
                    "is not filled in: this text has no names to fill in."), no_hint
        return (f"är inte ett namn som webbplatsen fyller i här (den fyller i {', '.join(allowed)}).",
                f"is not a name the site fills in here (it fills in {', '.join(allowed)})."), \
            did_you_mean(inside, allowed, form="'{{{}}}'")
    name = re.match(r"[A-Za-z_][A-Za-z0-9_]*", inside)
    hint = did_you_mean(name.group(0), allowed, cutoff=0.0, form="'{{{}}}'") if name and allowed else no_hint
    if ":" in inside:
        return ("har en formatering (efter kolon). Bara namnet får stå inom klamrarna.",
                "has a format (after a colon). Only the name may stand in the braces."), hint
    if "!" in inside:
        return ("har en omvandling (efter !). Bara namnet får stå inom klamrarna.",
                "has a conversion (after !). Only the name may stand in the braces."), hint
    if "." in inside or "[" in inside:
        return ("läser en del av ett värde (med . eller [ ]). Bara namnet får stå inom klamrarna.",
                "reads a part of a value (with . or [ ]). Only the name may stand in the braces."), hint
    return ("är inte ett namn som webbplatsen fyller i.", "is not a name the site fills in."), hint
