"""The check of what is published: every HTML document the build writes, parsed as a browser does.

The Markdown checks (safety.py) read the source to find problems early and to point at a line,
but Python-Markdown, its extensions (attr_list writes any attribute an author asks for) and the
templates write the HTML. So the decision is made here, on the output:

- ``check_content`` holds the HTML that Markdown and the register's generated text produced for
  one page (``page.content``, before the templates wrap it) to a short allowlist of elements,
  attributes, classes and URL schemes: what the site's Markdown needs, nothing more.
- ``check_document`` holds every whole document (pages, generated pages, 404 pages) to rules that
  no template of ours breaks: no inline script that runs, no event-handler attribute, no script
  URL, no element that embeds another document. The templates are ours; the data they show is
  escaped for where it lands (views.py, the autoescape blocks in overrides/partials), so these
  rules only ever fire on something that got past that.

The parser is lexbor (selectolax), a WHATWG HTML parser: comments, unclosed tags and entities
end where a browser ends them, which Python's html.parser does not promise. nh3 (ammonia) was
the other candidate; it rewrites HTML into something safe, but the site must refuse and explain,
not publish a silently different page.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from .problems import Problem

# --- what Markdown may produce -----------------------------------------------------------------

CONTENT_ELEMENTS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "em", "strong", "code", "pre",
    "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "img",
    # raw HTML the safety check allows in Markdown (safety.ALLOWED_TAGS)
    "abbr", "sub", "sup", "kbd", "small",
}
GLOBAL_ATTRIBUTES = {"id", "title", "lang", "class"}
ELEMENT_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
# Admonitions (!!! note) and our own generated markup; nothing that looks like the theme's UI.
CONTENT_CLASSES = {
    "admonition", "admonition-title", "note", "info", "tip", "warning", "danger", "important",
    "example", "quote", "abstract", "success", "question", "failure", "bug",
}
# A fenced code block's language (```html): MkDocs always enables fenced code.
CODE_LANGUAGE = re.compile(r"language-[\w#.+-]+")
# The tables extension writes the alignment of a column this way, and only this way.
ALLOWED_STYLE = re.compile(r"text-align: (left|right|center);")
# Ids the theme and site.js use: a heading with such an id would take over their element.
RESERVED_ID = re.compile(r"^(__|md-|search|dokumenthistorik|register-meta)")

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset",
                  "background", "cite", "ping", "lowsrc", "dynsrc", "longdesc", "manifest"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would use for the URL (entities decoded, tabs and spaces ignored)."""
    match = _SCHEME.match(_CONTROL.sub("", html_module.unescape(url)))
    return match.group(1).lower() if match else None


def safe_url(url: str) -> bool:
    if ":" not in url and "&" not in url:
        return True  # no scheme can be written without a colon or a character reference
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


@dataclass(frozen=True)
class Finding:
    """Something in the HTML that may not be published, and a piece of text to find it by."""

    sv: str
    en: str
    needle: str


def _nodes(html: str, fragment: bool):
    tree = LexborHTMLParser(html)
    root = tree.body if fragment else tree.root
    if root is None:
        return []
    return [node for node in root.traverse(include_text=False) if not node.tag.startswith("-")]


def content_findings(html: str) -> list[Finding]:
    """Everything in a page's Markdown output that is not on the content allowlist."""
    found = []
    for node in _nodes(html, fragment=True):
        tag = node.tag
        if tag == "body":
            continue
        if tag not in CONTENT_ELEMENTS:
            found.append(Finding(f"elementet <{tag}>", f"the element <{tag}>", f"<{tag}"))
            continue
        for name, value in node.attributes.items():
            value = value or ""
            allowed = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, set())
            if name not in allowed:
                found.append(Finding(f"attributet {name}= på <{tag}>", f"the attribute {name}= on <{tag}>", name))
            elif name in URL_ATTRIBUTES and not safe_url(value):
                found.append(_url_finding(name, value))
            elif name == "class" and any(c not in CONTENT_CLASSES and not CODE_LANGUAGE.fullmatch(c)
                                         for c in value.split()):
                extra = " ".join(sorted(c for c in value.split()
                                        if c not in CONTENT_CLASSES and not CODE_LANGUAGE.fullmatch(c)))
                found.append(Finding(f"klassen '{extra}'", f"the class '{extra}'", extra or "class"))
            elif name == "style" and not ALLOWED_STYLE.fullmatch(value):
                found.append(Finding(f"attributet style= på <{tag}>", f"the attribute style= on <{tag}>", "style"))
            elif name == "id" and RESERVED_ID.match(value):
                found.append(Finding(f"ankaret '{value}', som webbplatsen själv använder",
                                     f"the anchor '{value}', which the site itself uses", value))
    return found


# What a browser reads as an attribute name starting with "on", in any case: browsers fold only A-Z,
# and an attribute name starts after ASCII white space, a slash or a quote. Only a document that has
# one needs every element's attributes looked at. Searched in the page's bytes with A-Z folded, from
# the literal "on": several times faster than a case-blind pattern over the text, on every page.
_HANDLER = re.compile(rb"on[a-z_-]*\s*=")
_BEFORE_ATTRIBUTE = b" \t\n\r\f\v/\"'`"


def may_have_handler(html: str) -> bool:
    folded = html.encode("utf-8", "replace").lower()
    return any(start > 0 and folded[start - 1] in _BEFORE_ATTRIBUTE
               for start in (match.start() for match in _HANDLER.finditer(folded)))


_RISKY = ("script, iframe, frame, frameset, object, embed, applet, base, template, portal, fencedframe, "
          "meta[http-equiv], [style], " + ", ".join(f"[{a.replace(':', chr(92) + ':')}]" for a in sorted(URL_ATTRIBUTES)))


def document_findings(html: str) -> list[Finding]:
    """What no published document may hold, wherever it came from.

    The parser selects the few elements that can hold something risky (in C); every element is
    visited only when the text has something that reads as an event-handler attribute.
    """
    if may_have_handler(html):
        nodes = _nodes(html, fragment=False)
    else:
        nodes = LexborHTMLParser(html).css(_RISKY)
    found = []
    for node in nodes:
        tag = node.tag
        attributes = node.attributes
        if tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            if kind == "application/ld+json" and "src" not in attributes:
                continue  # data, never run
            src = attributes.get("src")
            if src is None or url_scheme(src) is not None or src.startswith("//"):
                found.append(Finding("ett skript som inte är webbplatsens egen skriptfil",
                                     "a script that is not one of the site's own script files",
                                     "<script"))
        elif tag in {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "template",
                     "portal", "fencedframe"}:
            found.append(Finding(f"elementet <{tag}>", f"the element <{tag}>", f"<{tag}"))
        elif tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            found.append(Finding("en automatisk omdirigering (meta refresh)",
                                 "an automatic redirect (meta refresh)", "refresh"))
        for name, value in attributes.items():
            value = value or ""
            if name.startswith("on"):
                found.append(Finding(f"attributet {name}=, som kör skript",
                                     f"the attribute {name}=, which runs script", name))
            elif name in URL_ATTRIBUTES and not safe_url(value):
                found.append(_url_finding(name, value))
            elif name == "style" and ("url(" in value.lower() or "expression" in value.lower()):
                found.append(Finding("en stil som hämtar innehåll", "a style that loads content", "style"))
    return found


def _url_finding(name: str, value: str) -> Finding:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return Finding(f"länken {name}=\"{shown}\" (bara https:, http:, mailto:, tel: och adresser på webbplatsen)",
                   f"the link {name}=\"{shown}\" (only https:, http:, mailto:, tel: and addresses on this site)",
                   value[:20])


FIX_SV = ("Ta bort det ur texten. Skriv vanlig Markdown utan {: …}-attribut, HTML-kod eller skriptlänkar; "
          "se Så redigerar du webbplatsen.")
FIX_EN = ("Remove it from the text. Write plain Markdown without {: …} attributes, HTML code or script "
          "links; see How to edit this site.")


def locate(needle: str, sources: list[tuple[str, str]]) -> tuple[str | None, int | None]:
    """The first (file, line) among the sources whose text contains the needle, case-insensitively."""
    needle = needle.lower()
    if not needle:
        return None, None
    for file, text in sources:
        # As written, then with character references decoded (javascript&#58; is javascript:);
        # decoding keeps the line breaks, so the line number holds.
        for candidate in (text, html_module.unescape(text)):
            position = candidate.lower().find(needle)
            if position >= 0:
                return file, candidate.count("\n", 0, position) + 1
    return None, None


def problems(findings: list[Finding], page_file: str, sources: list[tuple[str, str]],
             where_sv: str = "sidans text", where_en: str = "the page text") -> list[Problem]:
    """Findings as problems, each at the first source line that holds its text."""
    result = []
    for finding in findings:
        file, line = locate(finding.needle, sources)
        result.append(Problem(
            file or page_file, line,
            f"Den publicerade sidan ({page_file}) skulle innehålla {finding.sv}. Det är inte tillåtet "
            f"i {where_sv}.",
            f"The published page ({page_file}) would contain {finding.en}. That is not allowed in "
            f"{where_en}.",
            FIX_SV, FIX_EN))
    return result
