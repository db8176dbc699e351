"""Small, explicit fixes to the HTML the theme writes (each one says why)."""

from __future__ import annotations

import re

# Material turns every <link rel="alternate" hreflang> in the head into a fetch of
# "<that URL>/sitemap.xml", which does not exist, on every page view. The sitemap already lists
# the language alternates with absolute URLs, and the language switcher keeps its own links.
_HEAD_HREFLANG = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop_head_hreflang(html: str) -> str:
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HEAD_HREFLANG.sub("", html[:head_end]) + html[head_end:]
