"""The local preview (make serve): a build error is shown in the browser, not a stalled page.

The page carries the site's own Content-Security-Policy and no inline script or style: its
stylesheet and the live-reload script are files the preview serves (mkdocs_styrdok/live_reload.py),
so the preview is as strict as the published site.
"""

from __future__ import annotations

import html

from styrdok.output.headers import meta_content_security_policy

# The error page's look, served by the preview as a file (an inline style would need 'unsafe-inline').
STYLESHEET = """body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5 }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 1rem }
"""


def error_page(message: str, stylesheet_url: str) -> bytes:
    """A page with the build's problems, as plain text; it reloads by itself once they are fixed."""
    return f"""<!doctype html>
<html lang="sv">
<head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(meta_content_security_policy(), quote=False)}">
<title>Bygget misslyckades / The build failed</title>
<link rel="stylesheet" href="{html.escape(stylesheet_url)}"></head>
<body>
<h1>Bygget misslyckades</h1>
<p>Förhandsvisningen visar den här sidan tills problemen nedan är rättade. Spara filen igen, så laddas
sidan om av sig själv.</p>
<p lang="en">The build failed. The preview shows this page until the problems below are fixed; save
the file again and the page reloads by itself.</p>
<pre>{html.escape(message)}</pre>
</body>
</html>
""".encode()
