"""HTTP headers for the published site: security, caching, per-language 404 pages.

The Content-Security-Policy allows scripts only from the site's own files: no page carries an
inline script. Every page also carries the policy in a <meta> element (main.html), since some
hosts send no headers. The same headers are written for nginx (deploy/nginx/site.conf.template)
and as a ``_headers`` file for static hosts that read one.
"""

from __future__ import annotations

import re
from pathlib import Path

from styrdok.model.files import files_under

# The one policy. Pages carry no inline script (the build refuses one: published.py), so scripts
# come only from the site's own files. Pagefind runs WebAssembly ('wasm-unsafe-eval').
POLICY = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme's icons are SVG data URLs in its CSS
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]
# A <meta> policy cannot carry these (browsers ignore them there and say so in the console).
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")


def content_security_policy() -> str:
    """The policy as an HTTP header (nginx, _headers)."""
    return "; ".join(POLICY)


def meta_content_security_policy() -> str:
    """The same policy for <meta http-equiv="Content-Security-Policy"> in every page: it holds on
    hosts that send no headers at all (GitHub Pages). The local preview (make serve) carries exactly
    this policy too: its live-reload script is a file of its own (mkdocs_styrdok/live_reload.py), so
    a reviewer previewing a pull request runs no inline script of it."""
    return "; ".join(d for d in POLICY if not d.startswith(HEADER_ONLY))


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
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


def headers_file(site_dir: Path, prefix: str = "/") -> str:
    """The same headers in the ``_headers`` format read by several static hosts.

    A folder that holds only fingerprinted files (Pagefind's fragments and index chunks) gets one
    rule for all of them: some hosts accept only about a hundred rules.
    """
    lines = [f"{prefix}*"]
    lines += [f"  {name}: {value}" for name, value in security_headers().items()]
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
                                  for name, value in security_headers().items())
    for key, value in {
        "@LISTEN@": listen, "@ROOT@": str(site_dir.resolve()), "@PREFIX@": prefix,
        "@HEADERS@": headers, "@FINGERPRINTED@": FINGERPRINTED, "@CACHE_LONG@": LONG, "@CACHE_SHORT@": SHORT,
    }.items():
        text = text.replace(key, value)
    return text
