"""Decides on what is published, not on what is written (scripts/styrdok/published.py).

- Front-matter text (title, description) reaches the theme's templates escaped for HTML.
- Each page's Markdown output is held to the content allowlist before the templates wrap it.
- Every written document (pages, 404 pages) is held to the rules no template of ours breaks.
- Every page carries the site's Content-Security-Policy in a <meta> element (main.html).
Anything refused stops the build with the file and line of the Markdown that caused it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from markupsafe import escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from styrdok import content, headers, published  # noqa: E402
from styrdok.problems import ContentError  # noqa: E402


def on_env(env, config, files):
    env.globals["content_security_policy"] = headers.meta_content_security_policy()
    return env


def on_page_markdown(markdown, page, config, files):
    # MkDocs templates do not escape: a title is shown in the menu, the <title> and the <h1>.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return markdown


def on_page_content(html, page, config, files):
    found = published.content_findings(html)
    if found:
        _refuse(found, page, config)
    return html


def on_post_page(output, page, config):
    found = published.document_findings(output)
    if found:
        _refuse(found, page, config, where=("sidans mall", "the page template"))
    return output


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        found = published.document_findings(output_content)
        if found:
            raise PluginError(str(ContentError(published.problems(
                found, f"overrides/{template_name}", [], "mallen", "the template"))))
    return output_content


def _refuse(found, page, config, where=("sidans text", "the page text")):
    docs = Path(config.docs_dir)
    file = f"docs/{page.file.src_uri}"
    sources = content.sources_of(docs, page.file.src_uri)
    raise PluginError(str(ContentError(published.problems(found, file, sources, *where))))
