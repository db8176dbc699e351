"""Puts the data on the pages: document metadata, generated sections (<!-- generated: … -->), feeds, JSON.

The templates in overrides/ render what this hook attaches to ``page.meta``; the facts and
their wording come from scripts/styrdok (register.py, views.py).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402
from styrdok import assessment, content, operator, terminology, views  # noqa: E402
from styrdok.problems import ContentError  # noqa: E402


def _language(config) -> str:
    return config.theme["language"]


def _content(config):
    # Checked once per build by hooks/content_checks.py (on_config).
    return content.current(Path(config.docs_dir), Path(config.config_file_path).parent)


# After mkdocs-static-i18n (-100) has laid out this language's files.
@event_priority(-110)
def on_files(files, config):
    lang = _language(config)
    site = _content(config)
    feed = views.atom_feed(site.register, lang, config.site_url or "", config.site_name)
    feed_file = File.generated(config, f"{lang}/{views.FEED_FILE}", content=feed)
    feed_file.dest_uri = views.file_path(views.FEED_FILE, lang)
    files.append(feed_file)
    files.append(File.generated(config, views.JSON_FILE,
                                content=views.register_json(site.register, config.site_url or "")))
    return files


def on_page_markdown(markdown, page, config, files):
    lang = _language(config)
    site = _content(config)
    reg = site.register

    def link(target_page):
        return get_relative_url(views.page_path(target_page, lang), page.url)

    # Where each part of the text is edited (the pencil opens only the page's own file).
    edit_base = config.edit_uri if (config.edit_uri or "").startswith("https://") else ""
    page.meta["edit_parts"] = views.edit_parts(Path(config.docs_dir), page.file.src_uri, markdown,
                                               bool(page.meta.get("document")), edit_base, lang)
    page.meta["edit_text"] = views.TEXTS[lang]
    doc_id = page.meta.get("document")
    if doc_id:
        doc = reg.by_id[doc_id]
        page.meta["register"] = views.document_view(reg, doc, lang, link)
        page.meta["json_ld"] = views.json_ld(reg, doc, lang, config.site_url or "")
    root = Path(config.config_file_path).parent
    handlers = {
        "changelog": lambda: views.changelog_markdown(reg, lang),
        "register-table": lambda: views.register_table_markdown(reg, lang),
        "in-force": lambda: views.in_force_markdown(reg, lang),
        "glossary": lambda: terminology.glossary_markdown(site.terms, lang),
        "accessibility-assessment": lambda: assessment.statement_markdown(assessment.current(root), lang),
        "accessibility-contact": lambda: operator.contact_markdown(site.operator, lang),
        "accessibility-dates": lambda: operator.dates_markdown(site.operator, assessment.build_date(), lang),
        "privacy-operator": lambda: operator.privacy_markdown(site.operator, lang),
    }
    try:
        return content.expand_markers(markdown, f"docs/{page.file.src_uri}", handlers)
    except ContentError as error:
        raise PluginError(str(error)) from None
