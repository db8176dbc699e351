"""The MkDocs adapter: the site's one plugin, mapping MkDocs' events to styrdok.pipeline's phases.

Why one plugin class and not hooks: the state of a build (the checked content, the helper
processes, the 404 pages kept per language) lives on the plugin and is made new for each build,
and every step is called from here in the pipeline's order. The only priorities are relative to
mkdocs-static-i18n, which lays out each language's files at -100 and builds the other languages
inside its on_post_build at -100: our file list work and our finishing step come after it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base, config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from styrdok import pipeline
from styrdok.problems import ContentError, Problem
from styrdok.render.template_cache import MemoryBytecodeCache

from . import live_reload


def _language(config) -> str:
    return config.theme["language"]


def _problems(error: Exception) -> list[Problem]:
    """An error as problems: the editor's, or the tools' (Pagefind, a theme change) as one problem."""
    if isinstance(error, ContentError):
        return list(error.problems)
    return [Problem("mkdocs.yml", None, f"Bygget stoppade: {error}", f"The build stopped: {error}",
                    "Försök igen. Om felet består, be en utvecklare titta.",
                    "Try again. If it keeps failing, ask a developer to look.")]


def _toc_ids(entries) -> list[str]:
    return [anchor for entry in entries for anchor in [entry.id, *_toc_ids(entry.children)]]


class StyrdokConfig(base.Config):
    # The search index, and the splitting of Swedish compounds in it, can be left out: the
    # benchmark measures what they cost.
    index = config_options.Type(bool, default=True)
    compounds = config_options.Type(bool, default=True)


class StyrdokPlugin(BasePlugin[StyrdokConfig]):
    def __init__(self):
        self.build: pipeline.SiteBuild | None = None
        # What stopped the last build, as objects: scripts/docs.py runs MkDocs in this process and
        # reports them; a plain `mkdocs build` shows their text in MkDocs' error.
        self.problems: list[Problem] = []
        # The site as scripts/docs.py check has just read and checked it, for the build it runs next
        # in the same process (the files are then read once); None: the build reads them itself.
        self.checked = None
        # Templates compiled once per process, not once per language and live reload.
        self.template_cache = MemoryBytecodeCache()

    def _inner(self, config) -> bool:
        """True while mkdocs-static-i18n builds another language inside the first build."""
        i18n = config.plugins.get("i18n")
        return i18n is not None and getattr(i18n, "building", False)

    def _fail(self, error):
        self.on_build_error(error)
        self.problems = _problems(error)
        raise PluginError(str(error)) from None

    # --- before anything is written --------------------------------------------------------------

    def _start(self, config):
        if self._inner(config):
            return config
        self.on_build_error(None)  # a build stopped during `mkdocs serve` leaves its helpers behind
        self.problems = []
        self.build = pipeline.SiteBuild(Path(config.docs_dir), Path(config.config_file_path).parent,
                                        config.site_url or "", config.use_directory_urls)
        try:
            self.build.start(index=self.config.index, split_compounds=self.config.compounds,
                             markdown_extensions=(list(config.markdown_extensions), dict(config.mdx_configs)),
                             config_file=Path(config.config_file_path) if config.config_file_path else None,
                             checked=self.checked)
        except (ContentError, RuntimeError) as error:
            self._fail(error)
        return config

    @event_priority(-110)  # after mkdocs-static-i18n has set this build's language (-100)
    def _markdown_settings(self, config):
        """This language's settings of the site's own Markdown extensions (the name of a table's region)."""
        for name, settings in self.build.markdown_settings(_language(config)).items():
            config.mdx_configs.setdefault(name, {}).update(settings)
        return config

    on_config = CombinedEvent(_start, _markdown_settings)

    @event_priority(-110)  # after mkdocs-static-i18n has laid out this language's files
    def on_files(self, files, config):
        for file in list(files):
            if pipeline.unused_theme_file(file.dest_uri):
                files.remove(file)
        lang = _language(config)
        for source, path, text in self.build.generated_files(lang, config.site_name):
            generated = File.generated(config, source, content=text)
            generated.dest_uri = path
            files.append(generated)
        # The pages of the version history: pages of the site, out of the menu (and so out of
        # the sitemap, which mkdocs-static-i18n makes from the files it laid out before this).
        for source, path in self.build.history_files(lang):
            generated = File.generated(config, source, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            generated.dest_uri = path
            files.append(generated)
        return files

    def on_env(self, env, config, files):
        env.bytecode_cache = self.template_cache
        # One policy for the published site and the local preview (live_reload.py: no inline script).
        env.globals.update(self.build.template_globals(_language(config)))
        return env

    # --- each page --------------------------------------------------------------------------------

    def on_page_markdown(self, markdown, page, config, files):
        lang = _language(config)

        def link(target, target_lang=lang):
            return get_relative_url(self.build.page_path(target, target_lang, self.build.site.languages[0]), page.url)

        edit_base = config.edit_uri if (config.edit_uri or "").startswith("https://") else ""
        try:
            result = self.build.page_markdown(markdown, page.file.src_uri, page.meta, lang, link, edit_base)
        except ContentError as error:
            self._fail(error)
        page.meta.update(result.meta)
        return result.markdown

    def on_page_content(self, html, page, config, files):
        html = self.build.page_content(html, page.file.src_uri)
        try:
            anchor = self.build.title_entry(page.file.src_uri, page.meta, _toc_ids(page.toc))
        except ContentError as error:
            self._fail(error)
        if anchor:
            title = AnchorLink(page.title, anchor, 1)
            title.children = list(page.toc)
            page.toc = TableOfContents([title])
        return html

    def on_post_page(self, output, page, config):
        try:
            return self.build.page_html(output, page.file.src_uri, page.file.dest_uri, page.canonical_url)
        except RuntimeError as error:
            self._fail(error)

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        try:
            return self.build.template_html(output_content, template_name)
        except (ContentError, RuntimeError) as error:
            self._fail(error)

    # --- after each language, and after all of them ------------------------------------------------

    def _language_done(self, config):
        try:
            self.build.language_done(Path(config.site_dir), _language(config))
        except RuntimeError as error:
            self._fail(error)

    @event_priority(-110)  # after mkdocs-static-i18n has built the other languages
    def _finish(self, config):
        if self._inner(config):
            return
        build, self.build = self.build, None
        try:
            build.finish(Path(config.site_dir))
        except (ContentError, RuntimeError) as error:
            build.close()
            self.problems = _problems(error)
            raise PluginError(str(error)) from None

    on_post_build = CombinedEvent(_language_done, _finish)

    def on_build_error(self, error):
        if self.build is not None:
            self.build.close()
            self.build = None

    # --- the local preview ---------------------------------------------------------------------------

    def on_serve(self, server, config, builder):
        """make serve: the live-reload script as a file of the preview (no inline script, the site's
        own policy), and a failed rebuild shows its problems in the browser (live_reload.py)."""
        try:
            return live_reload.install(server)
        except RuntimeError as error:
            raise PluginError(str(error)) from None
