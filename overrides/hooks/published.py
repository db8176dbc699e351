"""Decides on what is published, not on what is written (scripts/styrdok/published.py).

- Front-matter text (title, description) reaches the theme's templates escaped for HTML.
- Each page's Markdown output is held to the content allowlist before the templates wrap it.
- Every written document (pages, 404 pages) is held to the rules no template of ours breaks.
- Every page carries the site's Content-Security-Policy in a <meta> element (main.html).
Anything refused stops the build with the file and line of the Markdown that caused it.
"""

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from markupsafe import escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from styrdok import content, headers, preview, published  # noqa: E402
from styrdok.problems import ContentError  # noqa: E402


_preview = {"serving": False, "error": None}


def on_startup(command, dirty):
    _preview["serving"] = command == "serve"


def on_env(env, config, files):
    # The local preview's live reload is an inline script: allowed there, and only there.
    env.globals["content_security_policy"] = headers.meta_content_security_policy(preview=_preview["serving"])
    return env


def on_serve(server, config, builder):
    """make serve: a failed rebuild shows its problems in the browser instead of a stalled page."""
    build, serve_request = server.builder, server._serve_request

    def guarded_build(*args, **kwargs):
        # MkDocs logs what went wrong and raises only "Aborted": keep what it logs.
        records: list[str] = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = lambda record: records.append(record.getMessage())
        logging.getLogger("mkdocs").addHandler(handler)
        try:
            build(*args, **kwargs)
            _preview["error"] = None
        except Exception as error:  # noqa: BLE001 - any failure is shown to the editor
            _preview["error"] = "\n".join([*records, str(error)])
            print(error, file=sys.stderr)  # noqa: T201
        finally:
            logging.getLogger("mkdocs").removeHandler(handler)

    def request(environ, start_response):
        if _preview["error"] and not environ["PATH_INFO"].startswith("/livereload/"):
            start_response("500 Build failed", [("Content-Type", "text/html; charset=utf-8")])
            return [server._inject_js_into_html(preview.error_page(_preview["error"]), server._visible_epoch)]
        return serve_request(environ, start_response)

    server.builder, server._serve_request = guarded_build, request
    return server


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


_checker = {"current": None}


def on_pre_build(config):
    if _styrdok.inner_language_build(config):
        return  # the other languages' pages go to the same checker
    on_build_error(None)
    _checker["current"] = published.DocumentChecker()


def on_post_page(output, page, config):
    # Checked in a second process; the results are collected once every language is written.
    _checker["current"].add(output, page.file.src_uri)
    return output


# After mkdocs-static-i18n (-100), which builds the other languages in its on_post_build.
@event_priority(-150)
def on_post_build(config):
    if _styrdok.inner_language_build(config):
        return
    checker, _checker["current"] = _checker["current"], None
    refused = checker.results()
    if refused:
        docs = Path(config.docs_dir)
        problems = []
        for src_uri, found in refused:
            problems += published.problems(found, f"docs/{src_uri}", content.sources_of(docs, src_uri),
                                           "sidans mall", "the page template")
        raise PluginError(str(ContentError(problems)))


def on_build_error(error):
    if _checker["current"] is not None:
        _checker["current"].close()
        _checker["current"] = None


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
