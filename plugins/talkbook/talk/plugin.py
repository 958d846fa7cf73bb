"""``talkbook/talk``: Markdown talks become chapter pages and reveal.js decks.

A thin MkDocs adapter over :mod:`talkbook.talk.parser`, :mod:`talkbook.talk.render`
and :mod:`talkbook.talk.layout`: chapters and decks are added as generated
Markdown pages, so the site's own extensions, navigation, search and theme
handle them like any hand-written page. A site may hold several talks, each
with its own nav section and deck.
"""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from talkbook.assets import add_kernel_part, add_vendor_files, prefix, vendor, watched_paths
from talkbook.staging import StagedSite
from talkbook.talk.config import TalkConfig
from talkbook.talk.layout import LayoutError, TalkLayout, plan_layouts
from talkbook.talk.model import Chapter, TalkError
from talkbook.talk.parser import parse_talk
from talkbook.talk.render import assemble_deck, chapter_markdowns, chapter_view, title_markdown
from talkbook.talk.safety import TalkSafetyExtension
from talkbook.talk.sources import read_source

log = logging.getLogger("mkdocs.plugins.talkbook.talk")

TEMPLATES = Path(__file__).parent / "templates"
DECK_TEMPLATE = "talkbook/deck.html"


class TalkPlugin(BasePlugin[TalkConfig]):
    def __init__(self):
        self.layouts: list[TalkLayout] = []
        self.rendered: dict[str, str] = {}  # src_uri -> the page's HTML with every block still marked
        self.chapters_by_uri: dict[str, tuple[TalkLayout, Chapter]] = {}
        self.decks_by_uri: dict[str, TalkLayout] = {}
        self.source_lines: dict[Path, list[str]] = {}  # talk file -> its lines, for locate()
        self.staged: StagedSite | None = None
        self.serving = False
        self.safety = TalkSafetyExtension(report=self._report_unsafe)
        self.page_uri = ""

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return
        try:
            self.layouts = plan_layouts([Path(source).resolve() for source in self.config.source], self.config.deck)
        except LayoutError as error:
            raise PluginError(f"talkbook/talk: {error}") from None
        _send_page_messages_to_the_talk(self)
        config.theme.dirs.append(str(TEMPLATES))
        # Last, so it sees the raw HTML processors of md_in_html and every other extension.
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, TalkSafetyExtension)]
        config.markdown_extensions.append(self.safety)
        if self.config.atomic_build and not self.serving:
            self.staged = StagedSite(config.site_dir, config.strict)
            config.site_dir = str(self.staged.staging)
        return config

    # Runs after other plugins added their files, so a clash with a hand-written page is seen.
    @event_priority(-50)
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        self.rendered = {}
        self.source_lines = {}
        # Looked up once per rendered page: dicts, not a scan of every chapter.
        self.chapters_by_uri, self.decks_by_uri = {}, {}
        self._drop_talk_sources(files)
        for layout in self.layouts:
            layout.talk = self._parse_talk(layout.source)
            self._add_talk_pages(files, config, layout)
            self._add_course_assets(files, config, layout)
        add_vendor_files(files, config, vendor("reveal.js"))
        add_kernel_part(files, config, "deck")
        if self._math_enabled(config):
            self._add_math_assets(files, config)
        return files

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        if not self.config.enabled:
            return nav
        decks = {id(files.get_file_from_path(uri).page) for uri in self.decks_by_uri}
        _drop_from_nav(nav, decks)
        if config.nav is None:
            self._order_chapters(nav, files)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        """Talk pages render with the safety extension on (MkDocs makes a Markdown instance per page)."""
        self.page_uri = page.file.src_uri
        is_talk = self.page_uri in self.decks_by_uri or self.page_uri in self.chapters_by_uri
        self.safety.applies = bool(self.config.enabled and is_talk and self.config.raw_html == "safe")
        return markdown

    # Last, so the HTML kept for the deck holds what other plugins (cells) made of the page.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled:
            return html
        if page.file.src_uri in self.decks_by_uri:
            self.rendered[page.file.src_uri] = html
            return html
        if page.file.src_uri not in self.chapters_by_uri:
            return html
        layout, chapter = self.chapters_by_uri[page.file.src_uri]
        self.rendered[page.file.src_uri] = html
        view = chapter_view(html)
        _prune_toc(page.toc.items, view)
        return self._render_present_button(page, layout, chapter.slug, view) if self.config.present_button else view

    def on_env(self, env, *, config, files: Files):
        """Every page is rendered now: join each talk's chapters into its deck."""
        for uri, layout in self.decks_by_uri.items() if self.config.enabled else ():
            deck = files.get_file_from_path(uri).page
            parts = [self.rendered.get(uri, "")]
            parts += [self.rendered.get(layout.chapter_uri(ch), "") for ch in layout.talk.chapters]
            url_for = lambda path, deck=deck, layout=layout: get_relative_url(layout.asset_uri(path), deck.url)  # noqa: E731
            deck.content = assemble_deck("\n".join(parts), layout.talk, url_for)
        return env

    def on_page_context(self, context, *, page: Page, config, nav):
        if self.config.enabled and page.file.src_uri in self.decks_by_uri:
            context["talkbook_deck"] = self._deck_context(page, config, self.decks_by_uri[page.file.src_uri])
        return context

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            for layout in self.layouts:
                server.watch(str(layout.source))
            for path in watched_paths("deck"):
                server.watch(path)
        return server

    # Last of all, so the search index and every other plugin's output is in the staged site.
    @event_priority(-100)
    def on_post_build(self, *, config):
        if self.staged is not None:
            committed = self.staged.commit()
            config.site_dir = str(self.staged.target)
            self.staged = None
            if not committed:
                log.info("Kept the previous site: warnings abort this build under --strict")

    def on_build_error(self, *, error):
        if self.staged is not None:
            self.staged.discard()
            self.staged = None

    # -- helpers ---------------------------------------------------------------------------

    @property
    def _asset_prefix(self) -> str:
        return prefix("deck")

    def _parse_talk(self, source: Path):
        try:
            return parse_talk(source)
        except TalkError as error:
            raise PluginError(f"talkbook: {error}") from None

    def _drop_talk_sources(self, files: Files) -> None:
        """A talk kept inside docs_dir is the source of its chapters, not a page of its own."""
        sources = {layout.source for layout in self.layouts}
        for file in list(files):
            path = Path(file.abs_src_path) if file.abs_src_path else None
            if path and file.is_documentation_page() and (path in sources or path.parent in sources):
                files.remove(file)

    def _add_talk_pages(self, files: Files, config, layout: TalkLayout) -> None:
        documents = chapter_markdowns(layout.talk)
        for chapter in layout.talk.chapters:
            uri = layout.chapter_uri(chapter)
            self.chapters_by_uri[uri] = (layout, chapter)
            # The title in front matter: the page starts with a slide marker, not with its "# Title".
            # Escaped: themes put page titles into the nav and <title> as they are.
            front_matter = f"---\ntitle: {json.dumps(html.escape(chapter.title))}\n---\n\n"
            self._add_page(files, config, uri, front_matter + documents[chapter.slug], chapter.location)
        self.decks_by_uri[layout.deck_uri] = layout
        front_matter = f"---\ntemplate: {DECK_TEMPLATE}\nsearch:\n  exclude: true\n---\n\n"
        self._add_page(files, config, layout.deck_uri, front_matter + title_markdown(layout.talk),
                       layout.talk.title_slide.location, in_nav=False)

    def _add_page(self, files: Files, config, uri: str, markdown: str, location, in_nav: bool = True) -> None:
        existing = files.get_file_from_path(uri)
        if existing is not None:
            where = f"{location.path}:{location.line}: "
            raise PluginError(
                f"talkbook: {where}the generated page '{uri}' clashes with {existing.abs_src_path or uri}; "
                "rename one of them (or give the chapter an explicit id: '# Title {#other-id}')"
            )
        # A deck is opened from its Present buttons, never from the nav: an explicit nav need not list it.
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, uri, content=markdown, inclusion=inclusion))

    def _add_course_assets(self, files: Files, config, layout: TalkLayout) -> None:
        seen: set[Path] = set()
        for pattern in self.config.assets:
            for path in sorted(layout.asset_root.glob(pattern)):
                if path.is_file() and path not in seen:
                    seen.add(path)
                    uri = layout.asset_uri(path.relative_to(layout.asset_root).as_posix())
                    if files.get_file_from_path(uri) is None:
                        files.append(File.generated(config, uri, abs_src_path=str(path)))

    def _math_enabled(self, config) -> bool:
        return "pymdownx.arithmatex" in config.markdown_extensions

    def _add_math_assets(self, files: Files, config) -> None:
        """KaTeX for pymdownx.arithmatex, on chapters and in the deck alike."""
        katex = vendor("katex")
        add_vendor_files(files, config, katex)
        add_kernel_part(files, config, "math")
        for uri in (katex.url("dist/katex.min.js"), f"{prefix('math')}/math.js"):
            if uri not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(uri)
        if katex.url("dist/katex.min.css") not in config.extra_css:
            config.extra_css.append(katex.url("dist/katex.min.css"))

    def _order_chapters(self, nav: Navigation, files: Files) -> None:
        """With no explicit nav, show chapters in talk order right after the landing page.

        A lone talk's chapters stand at the top level; with several talks each gets a section.
        """
        groups = [[files.get_file_from_path(layout.chapter_uri(ch)).page for ch in layout.talk.chapters]
                  for layout in self.layouts]
        chapter_pages = [page for group in groups for page in group]
        _drop_from_nav(nav, {id(page) for page in chapter_pages})
        if len(self.layouts) == 1:
            entries = chapter_pages
            for page in chapter_pages:
                page.parent = None
        else:
            entries = [Section(layout.talk.title, group) for layout, group in zip(self.layouts, groups)]
            for section in entries:
                for page in section.children:
                    page.parent = section
        position = 1 if nav.items and isinstance(nav.items[0], Page) and nav.items[0].is_homepage else 0
        nav.items[position:position] = entries
        nav.pages[position:position] = chapter_pages
        for index, page in enumerate(nav.pages):
            page.previous_page = nav.pages[index - 1] if index else None
            page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None

    def _report_unsafe(self, what: str, needle: str) -> None:
        log.warning(
            "talkbook: %s: %s, so it cannot run; put scripts in extra_javascript "
            "(or set the talk plugin's raw_html: trusted)", self.locate(self.page_uri, needle) or self.page_uri, what
        )

    def locate(self, page_uri: str, needle: str = "", nth: int = 1) -> str | None:
        """``talk.md:LINE`` where ``needle`` is written in the talk part a generated page came from
        (the ``nth`` line holding it, else the part's first line), or None for other pages."""
        if page_uri in self.chapters_by_uri:
            layout, chapter = self.chapters_by_uri[page_uri]
            start = chapter.location
            following = [ch.location.line for ch in layout.talk.chapters
                         if ch.location.path == start.path and ch.location.line > start.line]
            end = min(following, default=None)
        elif page_uri in self.decks_by_uri:
            layout = self.decks_by_uri[page_uri]
            start = layout.talk.title_slide.location
            end = next((ch.location.line for ch in layout.talk.chapters if ch.location.path == start.path), None)
        else:
            return None
        lines = self._source_lines(start.path)
        last = (end - 1) if end else len(lines)
        wanted = needle.strip().lower()
        found = [number for number in range(start.line, last + 1) if wanted and wanted in lines[number - 1].lower()]
        if found:
            return f"{start.path}:{found[min(nth, len(found)) - 1]}"
        return f"{start.path}:{start.line}"

    def _source_lines(self, path: Path) -> list[str]:
        if path not in self.source_lines:
            self.source_lines[path] = read_source(path).split("\n")
        return self.source_lines[path]

    def _render_present_button(self, page: Page, layout: TalkLayout, slug: str, html: str) -> str:
        """A Present link right under the chapter title; target=_self keeps instant navigation off it."""
        deck_url = get_relative_url(layout.deck_url, page.url or ".")
        button = (
            f'<a class="md-button md-button--primary talkbook-present" href="{deck_url}#/{slug}" '
            f'target="_self" title="Open the slides at this chapter">Present</a>\n'
        )
        heading_end = html.find("</h1>")
        if heading_end < 0:
            return button + html
        return html[: heading_end + 5] + button + html[heading_end + 5 :]

    def _deck_context(self, page: Page, config, layout: TalkLayout) -> dict:
        reveal = vendor("reveal.js")

        def relative(uri: str) -> str:
            return get_relative_url(uri, page.url)

        # pdfMaxPagesPerSlide: a printed slide keeps to one page (print.js scales a tall one down).
        settings = {"hash": True, "slideNumber": "c/t", "transition": "slide", "width": 1280, "height": 720,
                    "pdfMaxPagesPerSlide": 1}
        settings.update(self.config.reveal)
        return {
            "title": layout.talk.title if len(self.layouts) > 1 else config.site_name,
            "reveal_css": relative(reveal.url("dist/reveal.css")),
            "deck_css": relative(f"{self._asset_prefix}/deck.css"),
            "entry": relative(f"{self._asset_prefix}/deck.js"),
            "importmap": {
                "imports": {
                    "reveal.js": relative(reveal.url("dist/reveal.mjs")),
                    "reveal.js/plugin/notes": relative(reveal.url("dist/plugin/notes.mjs")),
                }
            },
            "settings": {"reveal": settings, "palettes": _palettes(config), "home": relative("")},
        }


class _PagesToTalks(logging.Filter):
    """MkDocs names the page in its messages ("Doc file 'intro.md' contains a link…", "Error reading
    page 'intro.md'"): for a page made from a talk, name the talk's file and line instead."""

    LINK = re.compile(r"Doc file '([^']+)' contains (?:an? |a link to )[^']*?'([^']*)'")
    PAGE = re.compile(r"Error (?:reading|building) page '([^']+)'")

    def __init__(self, plugin: "TalkPlugin"):
        super().__init__()
        self.plugin = plugin

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        link, page = self.LINK.match(message), self.PAGE.match(message)
        if link and (place := self.plugin.locate(link.group(1), link.group(2))):
            record.msg, record.args = message.replace(f"Doc file '{link.group(1)}'", f"talkbook: {place}: the talk", 1), ()
        elif page and (place := self.plugin.locate(page.group(1))):
            record.msg, record.args = message.replace(f"page '{page.group(1)}'", f"the talk at {place}", 1), ()
        return True


def _send_page_messages_to_the_talk(plugin: "TalkPlugin") -> None:
    for name in ("mkdocs.structure.pages", "mkdocs.commands.build"):
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, _PagesToTalks)]:  # mkdocs serve configures again
            logger.removeFilter(old)
        logger.addFilter(_PagesToTalks(plugin))


def _drop_from_nav(nav: Navigation, pages: set[int]) -> None:
    """Take pages (by id) out of the nav tree and out of the reading order."""

    def keep(items: list) -> list:
        kept = []
        for item in items:
            if isinstance(item, Section):
                item.children = keep(item.children)
                if not item.children:
                    continue  # a folder that held only talk pages (several talks: /<talk>/)
            if id(item) not in pages:
                kept.append(item)
        return kept

    nav.items = keep(nav.items)
    nav.pages = [page for page in nav.pages if id(page) not in pages]


def _prune_toc(items: list, html: str) -> None:
    """Drop table-of-contents entries for headings that were inside notes or slides-only blocks."""
    items[:] = [item for item in items if f'id="{item.id}"' in html]
    for item in items:
        _prune_toc(item.children, html)


def _palettes(config) -> list[dict]:
    palette = config.theme.get("palette") or []
    palettes = [palette] if isinstance(palette, dict) else list(palette)
    return [
        {key: entry.get(key) for key in ("media", "scheme", "primary", "accent") if entry.get(key)}
        for entry in palettes
    ]
