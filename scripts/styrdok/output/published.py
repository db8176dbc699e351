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
end where a browser ends them, which Python's html.parser does not promise. It parses as a browser
does, with scripting on (a browser runs scripts, so the content of <noscript> is raw text: a
noscript that ends inside an attribute value lets the rest become markup), and it checks a page's
content as a fragment in its real place, inside the element that holds it in the template
(CONTENT_CONTEXT): a whole-document parse would move a leading <meta>, <link> or <style> into
<head>, out of what is checked. tests/test_hostile_output_build.py proves in Chromium that the
tree judged here is the tree the browser builds. nh3 (ammonia) was the other candidate; it
rewrites HTML into something safe, but the site must refuse and explain, not publish a silently
different page.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from styrdok.model import markers
from styrdok.problems import Problem
from styrdok.render import tables

# --- what Markdown may produce -----------------------------------------------------------------

# The element that holds page.content in a page: overrides/main.html puts {{ page.content }}
# (itself, or through Material's partials/content.html) inside <div data-pagefind-body>. The
# content is parsed as a fragment in that context, as a browser parses it there.
CONTENT_CONTEXT = "div"

CONTENT_ELEMENTS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "em", "strong", "code", "pre",
    "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "img",
    # raw HTML the safety check allows in Markdown (safety.ALLOWED_TAGS)
    "abbr", "sub", "sup", "kbd", "small",
}
# Never in a page's content, whatever else changes: elements that redirect, submit, embed, style
# or script the page, and those whose content parsers read differently (noscript, template).
# Stated beside the allowlist so that widening the allowlist cannot let one of them in; raw
# comments are refused too (only the site's markers pass, markers.known_comment).
FORBIDDEN_CONTENT_ELEMENTS = frozenset({
    "meta", "form", "input", "iframe", "object", "embed", "style", "link", "base", "noscript", "template",
    "script",
})
assert not CONTENT_ELEMENTS & FORBIDDEN_CONTENT_ELEMENTS
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
# A redline of two versions of a page (render/history.py) marks what was added and removed, and
# announces each mark in hidden text: allowed on redline pages only, so that no ordinary page can
# look like a redline.
REDLINE_ELEMENTS = {"ins", "del"}
REDLINE_CLASSES = {"critic", "site-visually-hidden"}
assert not REDLINE_ELEMENTS & FORBIDDEN_CONTENT_ELEMENTS
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
    needle: str | re.Pattern  # a text, or a pattern for what has more than one written form


def parse_content(html: str) -> LexborHTMLParser:
    """A page's content as a browser parses it in its place in the page (scripting on)."""
    return LexborHTMLParser(html, is_fragment=True, fragment_tag=CONTENT_CONTEXT, scripting=True)


def parse_document(html: str) -> LexborHTMLParser:
    """A whole page as a browser parses it (scripting on)."""
    return LexborHTMLParser(html, scripting=True)


def content_nodes(html: str) -> list:
    """The elements and comments of a page's content, in document order (a template's content is
    not part of the page, and a template is refused)."""
    root = parse_content(html).root
    if root is None:
        return []
    return [node for node in root.traverse(include_text=False) if node.tag != "-text"]


def _all_nodes(html: str) -> list:
    root = parse_document(html).root
    # (lexbor makes "<?x>" a processing instruction, tag None, where a browser makes a comment)
    return [] if root is None else [node for node in root.traverse(include_text=False)
                                    if node.tag is not None and not node.tag.startswith("-")]


# Where a comment may begin in the source, for the line of the message: anything a browser reads as
# a comment (<!…, <?…, </ and no letter), except a known marker. Linear: each try starts at "<" and
# the look-ahead reads at most one marker.
_COMMENT_START = re.compile(
    r"(?!<!--\s*generated:\s*(?:" + "|".join(re.escape(name) for name in markers.GENERATED)
    + r")\s*-->)<(?:!|\?|/(?![A-Za-z>]))")


def content_findings(html: str, redline: bool = False) -> list[Finding]:
    """Everything in a page's Markdown output that is not on the content allowlist (with
    ``redline``: a redline's, which may also mark what was added and removed)."""
    found = []
    elements = CONTENT_ELEMENTS | REDLINE_ELEMENTS if redline else CONTENT_ELEMENTS
    classes = CONTENT_CLASSES | REDLINE_CLASSES if redline else CONTENT_CLASSES
    for node in content_nodes(html):
        tag = node.tag
        if tag in ("-comment", None):  # None: lexbor's processing instruction, a comment to a browser
            if tag is None or not markers.known_comment(node.comment_content or ""):
                found.append(Finding("en HTML-kommentar", "an HTML comment", _COMMENT_START))
            continue
        if tag in FORBIDDEN_CONTENT_ELEMENTS or tag not in elements:
            found.append(Finding(f"elementet <{tag}>", f"the element <{tag}>", f"<{tag}"))
            continue
        if _table_wrapper(node):
            continue  # the site's own markup around a table (tables.py), exactly as it makes it
        for name, value in node.attributes.items():
            value = value or ""
            allowed = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, set())
            if name not in allowed:
                found.append(Finding(f"attributet {name}= på <{tag}>", f"the attribute {name}= on <{tag}>", name))
            elif name in URL_ATTRIBUTES and not safe_url(value):
                found.append(_url_finding(name, value))
            elif name == "class" and any(c not in classes and not CODE_LANGUAGE.fullmatch(c)
                                         for c in value.split()):
                extra = " ".join(sorted(c for c in value.split()
                                        if c not in classes and not CODE_LANGUAGE.fullmatch(c)))
                found.append(Finding(f"klassen '{extra}'", f"the class '{extra}'", extra or "class"))
            elif name == "style" and not ALLOWED_STYLE.fullmatch(value):
                found.append(Finding(f"attributet style= på <{tag}>", f"the attribute style= on <{tag}>", "style"))
            elif name == "id" and RESERVED_ID.match(value):
                found.append(Finding(f"ankaret '{value}', som webbplatsen själv använder",
                                     f"the anchor '{value}', which the site itself uses", value))
    return found


def _table_wrapper(node) -> bool:
    """True for exactly the two <div>s tables.py puts around a table, and nothing else: the outer one
    a focusable, named region around the inner one, which holds the table alone."""
    attributes = node.attributes
    if node.tag != "div":
        return False
    children = [child for child in node.iter(include_text=False)]
    if attributes.get("class") == tables.OUTER_CLASS and set(attributes) == {"class", "tabindex", "role", "aria-label"}:
        return (attributes["tabindex"], attributes["role"]) == ("0", "region") and len(children) == 1 \
            and children[0].tag == "div" and children[0].attributes == {"class": tables.INNER_CLASS}
    if attributes == {"class": tables.INNER_CLASS}:
        parent = node.parent
        return parent is not None and parent.tag == "div" and parent.attributes.get("class") == tables.OUTER_CLASS \
            and len(children) == 1 and children[0].tag == "table"
    return False


# What a browser reads as an attribute name starting with "on", in any case: browsers fold only A-Z,
# and an attribute name starts after ASCII white space, a slash or a quote. Only a document that has
# one needs every element's attributes looked at. Searched in the page's bytes with A-Z folded, from
# the literal "on": several times faster than a case-blind pattern over the text, on every page.
# The look-behind lets a try start only after such a character, so a long word ("onononon…") is
# read once, not once for each "on" in it.
_HANDLER = re.compile(rb"(?<=[ \t\n\r\f\v/\"'`])on[a-z_-]*+\s*+=")


def may_have_handler(html: str) -> bool:
    return _HANDLER.search(html.encode("utf-8", "replace").lower()) is not None


_RISKY = ("script, iframe, frame, frameset, object, embed, applet, base, template, portal, fencedframe, "
          "meta[http-equiv], [style], " + ", ".join(f"[{a.replace(':', chr(92) + ':')}]" for a in sorted(URL_ATTRIBUTES)))


def off_site(url: str, site_url: str = "") -> bool:
    """True when following the URL leaves the site: it names a scheme or a host (``//``, and ``\\``,
    which browsers read as ``/``), and it does not begin with the site's own address."""
    cleaned = _CONTROL.sub("", html_module.unescape(url)).replace("\\", "/")
    if url_scheme(cleaned) is None and not cleaned.startswith("//"):
        return False
    if not site_url:
        return True
    target, site = urlsplit(cleaned), urlsplit(site_url)
    return not (target.scheme.lower() == site.scheme.lower() and target.netloc.lower() == site.netloc.lower()
                and target.path.startswith(site.path or "/"))


def document_findings(html: str, site_url: str = "") -> list[Finding]:
    """What no published document may hold, wherever it came from, as a browser (scripting on)
    parses it. ``site_url``: the site's own address (a form or a prev/next link may lead there).

    The parser selects the few elements that can hold something risky (in C); every element is
    visited only when the text has something that reads as an event-handler attribute.
    """
    if may_have_handler(html):
        nodes = _all_nodes(html)
    else:
        nodes = parse_document(html).css(_RISKY)
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
        elif tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
            found.append(Finding("en automatisk omdirigering (meta refresh)",
                                 "an automatic redirect (meta refresh)", "refresh"))
        elif tag == "link" and {"prev", "next"} & set((attributes.get("rel") or "").lower().split()) \
                and off_site(attributes.get("href") or "", site_url):
            # site.js follows link[rel=prev] and link[rel=next] when a reader presses a key.
            found.append(Finding("en länk till föregående eller nästa sida på en annan webbplats",
                                 "a link to the previous or next page on another site",
                                 (attributes.get("href") or "rel")[:20]))
        for name in ("action", "formaction"):
            value = attributes.get(name)
            if value is not None and off_site(value, site_url):
                found.append(Finding(f"ett formulär som skickar till en annan webbplats ({name}=)",
                                     f"a form that sends to another site ({name}=)", value[:20] or name))
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


def locate(needle: str | re.Pattern, sources: list[tuple[str, str]]) -> tuple[str | None, int | None]:
    """The first (file, line) among the sources whose text contains the needle, case-insensitively
    (a pattern: where it first matches)."""
    if isinstance(needle, str):
        needle = needle.lower()
        if not needle:
            return None, None
    for file, text in sources:
        # As written, then with character references decoded (javascript&#58; is javascript:);
        # decoding keeps the line breaks, so the line number holds.
        for candidate in (text, html_module.unescape(text)):
            if isinstance(needle, str):
                position = candidate.lower().find(needle)
            else:
                match = needle.search(candidate)
                position = match.start() if match else -1
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
