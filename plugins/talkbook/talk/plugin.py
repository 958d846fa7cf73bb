"""``talkbook/talk``: a Markdown talk becomes chapter pages and a reveal.js deck.

A thin MkDocs adapter over :mod:`talkbook.talk.parser` and
:mod:`talkbook.talk.render`: chapters and the deck are added as generated
Markdown pages, so the site's own extensions, navigation, search and theme
handle them like any hand-written page.
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from talkbook import __version__
from talkbook.paths import KERNELS
from talkbook.staging import StagedSite
from talkbook.talk.config import TalkConfig
from talkbook.talk.model import Talk, TalkError
from talkbook.talk.parser import parse_talk
from talkbook.talk.render import assemble_deck, chapter_markdowns, chapter_view, title_markdown
from talkbook.talk.safety import TalkSafetyExtension
from talkbook.vendor import add_static_tree, add_vendor_files, find_package

log = logging.getLogger("mkdocs.plugins.talkbook.talk")

TEMPLATES = Path(__file__).parent / "templates"
DECK_TEMPLATE = "talkbook/deck.html"
REVEAL_FILES = ["dist/reveal.mjs", "dist/reveal.css", "dist/plugin/notes.mjs"]


class TalkPlugin(BasePlugin[TalkConfig]):
    def __init__(self):
        self.talk: Talk | None = None
        self.rendered: dict[str, str] = {}  # src_uri -> the page's HTML with every block still marked
        self.chapters_by_uri: dict = {}
        self.staged: StagedSite | None = None
        self.serving = False
        self.safety = TalkSafetyExtension(report=self._report_unsafe)
        self.page_uri = ""

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return
        root = Path(config.config_file_path or ".").resolve().parent
        self.source = (root / self.config.source).resolve()
        self.node_modules = (root / self.config.node_modules).resolve()
        self.asset_root = self.source if self.source.is_dir() else self.source.parent
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
        self.talk = self._parse_talk()
        self.rendered = {}
        # Looked up once per rendered page: a dict, not a scan of every chapter.
        self.chapters_by_uri = {f"{chapter.slug}.md": chapter for chapter in self.talk.chapters}
        documents = chapter_markdowns(self.talk)
        for chapter in self.talk.chapters:
            # The title in front matter: the page starts with a slide marker, not with its "# Title".
            # Escaped: themes put page titles into the nav and <title> as they are.
            front_matter = f"---\ntitle: {json.dumps(html.escape(chapter.title))}\n---\n\n"
            self._add_page(files, config, f"{chapter.slug}.md", front_matter + documents[chapter.slug], chapter.location)
        front_matter = f"---\ntemplate: {DECK_TEMPLATE}\nsearch:\n  exclude: true\n---\n\n"
        self._add_page(files, config, self._deck_uri, front_matter + title_markdown(self.talk), None)
        self._add_course_assets(files, config)
        add_vendor_files(files, config, find_package(self.node_modules, "reveal.js"), REVEAL_FILES)
        add_static_tree(files, config, self._asset_prefix, KERNELS / "deck")
        if self._math_enabled(config):
            self._add_math_assets(files, config)
        return files

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        if not self.config.enabled:
            return nav
        deck = files.get_file_from_path(self._deck_uri).page
        nav.items = [item for item in nav.items if item is not deck]
        if config.nav is None:
            self._order_chapters(nav, files)
        nav.pages = [p for p in nav.pages if p is not deck]
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        """Talk pages render with the safety extension on (MkDocs makes a Markdown instance per page)."""
        self.page_uri = page.file.src_uri
        is_talk = self.talk is not None and (self.page_uri == self._deck_uri or self._chapter_of(page) is not None)
        self.safety.applies = bool(self.config.enabled and is_talk and self.config.raw_html == "safe")
        return markdown

    # Last, so the HTML kept for the deck holds what other plugins (cells) made of the page.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled or self.talk is None:
            return html
        if page.file.src_uri == self._deck_uri:
            self.rendered[page.file.src_uri] = html
            return html
        chapter = self._chapter_of(page)
        if chapter is None:
            return html
        self.rendered[page.file.src_uri] = html
        view = chapter_view(html)
        _prune_toc(page.toc.items, view)
        return self._render_present_button(page, chapter.slug, view) if self.config.present_button else view

    def on_env(self, env, *, config, files: Files):
        """Every page is rendered now: join the chapters' HTML into the deck."""
        if self.config.enabled and self.talk is not None:
            deck = files.get_file_from_path(self._deck_uri).page
            parts = [self.rendered.get(self._deck_uri, "")]
            parts += [self.rendered.get(f"{ch.slug}.md", "") for ch in self.talk.chapters]
            deck.content = assemble_deck("\n".join(parts), self.talk, lambda path: get_relative_url(path, deck.url))
        return env

    def on_page_context(self, context, *, page: Page, config, nav):
        if self.config.enabled and page.file.src_uri == self._deck_uri:
            context["talkbook_deck"] = self._deck_context(page, config)
        return context

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            server.watch(str(self.source))
            server.watch(str(KERNELS / "deck"))
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
    def _deck_uri(self) -> str:
        return f"{self.config.deck.strip('/')}.md"

    @property
    def _asset_prefix(self) -> str:
        return f"assets/talkbook/{__version__}/deck"

    def _parse_talk(self) -> Talk:
        try:
            return parse_talk(self.source)
        except TalkError as error:
            raise PluginError(f"talkbook: {error}") from None

    def _add_page(self, files: Files, config, uri: str, markdown: str, location) -> None:
        existing = files.get_file_from_path(uri)
        if existing is not None:
            where = f"{location.path}:{location.line}: " if location else ""
            raise PluginError(
                f"talkbook: {where}the generated page '{uri}' clashes with {existing.abs_src_path or uri}; "
                "rename one of them (or give the chapter an explicit id: '# Title {#other-id}')"
            )
        files.append(File.generated(config, uri, content=markdown))

    def _add_course_assets(self, files: Files, config) -> None:
        seen: set[Path] = set()
        for pattern in self.config.assets:
            for path in sorted(self.asset_root.glob(pattern)):
                if path.is_file() and path not in seen:
                    seen.add(path)
                    uri = path.relative_to(self.asset_root).as_posix()
                    if files.get_file_from_path(uri) is None:
                        files.append(File.generated(config, uri, abs_src_path=str(path)))

    def _math_enabled(self, config) -> bool:
        return "pymdownx.arithmatex" in config.markdown_extensions

    def _add_math_assets(self, files: Files, config) -> None:
        """KaTeX for pymdownx.arithmatex, on chapters and in the deck alike."""
        katex = find_package(self.node_modules, "katex")
        fonts = sorted(p.relative_to(katex.root).as_posix() for p in (katex.root / "dist/fonts").glob("*.woff2"))
        add_vendor_files(files, config, katex, ["dist/katex.min.js", "dist/katex.min.css", *fonts])
        add_static_tree(files, config, f"assets/talkbook/{__version__}/math", KERNELS / "math")
        for uri in (katex.url("dist/katex.min.js"), f"assets/talkbook/{__version__}/math/math.js"):
            if uri not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(uri)
        if katex.url("dist/katex.min.css") not in config.extra_css:
            config.extra_css.append(katex.url("dist/katex.min.css"))

    def _order_chapters(self, nav: Navigation, files: Files) -> None:
        """With no explicit nav, show chapters in talk order right after the landing page."""
        chapter_pages = [files.get_file_from_path(uri).page for uri in self.chapters_by_uri]
        chapter_ids = {id(page) for page in chapter_pages}
        others = [item for item in nav.items if id(item) not in chapter_ids]
        position = 1 if others and isinstance(others[0], Page) and others[0].is_homepage else 0
        nav.items = others[:position] + chapter_pages + others[position:]
        pages = [p for p in nav.pages if id(p) not in chapter_ids]
        nav.pages = pages[:position] + chapter_pages + pages[position:]
        for index, page in enumerate(nav.pages):
            page.previous_page = nav.pages[index - 1] if index else None
            page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None
        for page in chapter_pages:
            page.parent = None
        for item in nav.items:
            if isinstance(item, Section):
                item.children = [c for c in item.children if id(c) not in chapter_ids]

    def _report_unsafe(self, what: str) -> None:
        log.warning(
            "talkbook: %s: %s, so it cannot run; put scripts in extra_javascript "
            "(or set the talk plugin's raw_html: trusted)", self.page_uri, what
        )

    def _chapter_of(self, page: Page):
        return self.chapters_by_uri.get(page.file.src_uri)

    def _render_present_button(self, page: Page, slug: str, html: str) -> str:
        """A Present link right under the chapter title; target=_self keeps instant navigation off it."""
        deck_url = get_relative_url(f"{self.config.deck.strip('/')}/", page.url or ".")
        button = (
            f'<a class="md-button md-button--primary talkbook-present" href="{deck_url}#/{slug}" '
            f'target="_self" title="Open the slides at this chapter">Present</a>\n'
        )
        heading_end = html.find("</h1>")
        if heading_end < 0:
            return button + html
        return html[: heading_end + 5] + button + html[heading_end + 5 :]

    def _deck_context(self, page: Page, config) -> dict:
        reveal = find_package(self.node_modules, "reveal.js")

        def relative(uri: str) -> str:
            return get_relative_url(uri, page.url)

        settings = {"hash": True, "slideNumber": "c/t", "transition": "slide", "width": 1280, "height": 720}
        settings.update(self.config.reveal)
        return {
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
