"""Where each talk of a site is published: its pages, its deck and its files.

Plain data, no MkDocs. A site with one talk keeps it at the top (``/<chapter>/``,
``/slides/``); with several, each talk gets a folder named after its file
(``/<talk>/<chapter>/``, ``/<talk>/slides/``), so chapter, slide and cell ids
need only be unique within a talk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from talkbook.talk.model import Chapter, Talk


class LayoutError(ValueError):
    pass


@dataclass
class TalkLayout:
    source: Path
    folder: str  # "" for a site's only talk, else "<talk>/"
    deck: str
    talk: Talk | None = None

    @property
    def asset_root(self) -> Path:
        """The folder the talk's images and other files are taken from, keeping their relative paths."""
        return self.source if self.source.is_dir() else self.source.parent

    @property
    def deck_uri(self) -> str:
        return f"{self.folder}{self.deck}.md"

    @property
    def deck_url(self) -> str:
        return f"{self.folder}{self.deck}/"

    def chapter_uri(self, chapter: Chapter) -> str:
        return f"{self.folder}{chapter.slug}.md"

    def asset_uri(self, relative: str) -> str:
        return f"{self.folder}{relative}"


def plan_layouts(sources: list[Path], deck: str) -> list[TalkLayout]:
    """One layout per talk source; two talks that would share a folder are an error naming both."""
    deck = deck.strip("/")
    if len(sources) == 1:
        return [TalkLayout(sources[0], "", deck)]
    by_folder: dict[str, Path] = {}
    layouts = []
    for source in sources:
        name = slugify(source.stem if source.is_file() else source.name, "-") or "talk"
        if name in by_folder:
            raise LayoutError(
                f"the talks {by_folder[name]} and {source} would both be published at /{name}/; "
                "rename one of the files (each talk's folder in the site is its file name)"
            )
        by_folder[name] = source
        layouts.append(TalkLayout(source, f"{name}/", deck))
    return layouts
