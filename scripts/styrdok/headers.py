"""HTTP headers for the published site: security, caching, per-language 404 pages.

The Content-Security-Policy allows no inline script except the theme's own, by the SHA-256 hash
of each one as it stands in the built pages, so a changed theme script is refused rather than
trusted. The same headers are written for nginx (deploy/nginx/site.conf.template) and as a
``_headers`` file for static hosts that read one.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .files import files_under

EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


# The theme writes its inline scripts as plain <script> elements; a regular expression finds them
# in a fraction of the time an HTML parser needs for every page of a large site.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    found = []
    for attributes, body in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue
        if (kind.group(1).lower() if kind else "") in EXECUTABLE_TYPES:
            found.append(body)
    return found


def script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-…') for the inline scripts of one page."""
    return {f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode()}'"
            for script in inline_scripts(html)}


def inline_script_hashes(site_dir: Path, known: dict[str, set[str]] | None = None) -> list[str]:
    """CSP source expressions for every inline script in the built HTML.

    known: hashes already taken from pages as they were written, by path in the site; only the
    other HTML files are read.
    """
    known = known or {}
    found = set()
    for rel in files_under(site_dir):
        if rel.endswith(".html"):
            found |= known[rel] if rel in known else script_hashes(
                (site_dir / rel).read_text(encoding="utf-8"))
    return sorted(found)


def content_security_policy(script_hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        # Pagefind runs WebAssembly; no inline script but the theme's, by hash.
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(script_hashes),
        "style-src 'self'",
        "img-src 'self' data:",  # the theme's icons are SVG data URLs in its CSS
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(site_dir: Path, known: dict[str, set[str]] | None = None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir, known)),
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                              "interest-cohort=(), browsing-topics=()",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


# Cache lifetimes: file names with a content hash never change, so they may be kept for a year;
# pages, the search entry point and unhashed files are checked again within five minutes.
LONG = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300, must-revalidate"
FINGERPRINTED = r"(\.[0-9a-f]{8}\.min\.(js|css)|\.pf_(fragment|index|meta))$"


def headers_file(site_dir: Path, prefix: str = "/", known: dict[str, set[str]] | None = None) -> str:
    """The same headers in the ``_headers`` format read by several static hosts.

    A folder that holds only fingerprinted files (Pagefind's fragments and index chunks) gets one
    rule for all of them: some hosts accept only about a hundred rules.
    """
    lines = [f"{prefix}*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(site_dir, known).items()]
    lines += [f"  Cache-Control: {SHORT}", ""]
    folders: dict[str, list[str]] = {}
    for rel in files_under(site_dir):
        folders.setdefault(rel.rpartition("/")[0], []).append(rel)
    for folder, files in sorted(folders.items()):
        long_lived = [rel for rel in files if re.search(FINGERPRINTED, rel)]
        if folder and len(long_lived) == len(files):
            long_lived = [f"{folder}/*"]
        for rule in long_lived:
            lines += [f"{prefix}{rule}", "  ! Cache-Control", f"  Cache-Control: {LONG}", ""]
    return "\n".join(lines)


def nginx_config(template: Path, site_dir: Path, prefix: str, listen: str) -> str:
    """The nginx configuration for the built site, from deploy/nginx/site.conf.template."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    text = template.read_text(encoding="utf-8")
    indent = re.search(r"^([ \t]*)@HEADERS@", text, re.MULTILINE).group(1)
    headers = f"\n{indent}".join(f'add_header {name} "{value}" always;'
                                  for name, value in security_headers(site_dir).items())
    for key, value in {
        "@LISTEN@": listen, "@ROOT@": str(site_dir.resolve()), "@PREFIX@": prefix,
        "@HEADERS@": headers, "@FINGERPRINTED@": FINGERPRINTED, "@CACHE_LONG@": LONG, "@CACHE_SHORT@": SHORT,
    }.items():
        text = text.replace(key, value)
    return text
