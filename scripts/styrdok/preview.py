"""The local preview (make serve): a build error is shown in the browser, not a stalled page."""

from __future__ import annotations

import html


def error_page(message: str) -> bytes:
    """A page with the build's problems, as plain text; it reloads by itself once they are fixed."""
    return f"""<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Bygget misslyckades / The build failed</title></head>
<body style="font-family: sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.5">
<h1>Bygget misslyckades</h1>
<p>Förhandsvisningen visar den här sidan tills problemen nedan är rättade. Spara filen igen, så laddas
sidan om av sig själv.</p>
<p lang="en">The build failed. The preview shows this page until the problems below are fixed; save
the file again and the page reloads by itself.</p>
<pre style="white-space: pre-wrap; background: #f4f4f4; padding: 1rem">{html.escape(message)}</pre>
</body>
</html>
""".encode()
