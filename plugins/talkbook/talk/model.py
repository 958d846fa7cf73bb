"""The talk model: what a parsed talk is made of.

Plain data, no MkDocs. A :class:`Talk` holds chapters; a chapter holds slides; a
slide holds :class:`Segment` s, each a run of Markdown lines tagged with where it
may appear (deck, chapter page, or both) and how (as speaker notes, as a fragment).
Renderers in :mod:`talkbook.talk.render` turn the same segments into a chapter
page and into a deck, so the two never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LAYOUTS = ("default", "center", "title", "section", "two-column", "image")
TRANSITIONS = ("none", "fade", "slide", "convex", "concave", "zoom")


class TalkError(Exception):
    """A problem in the talk source, pinned to the file and line that caused it."""

    def __init__(self, path: Path | str, line: int, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


@dataclass(frozen=True)
class Location:
    path: Path
    line: int

    def error(self, message: str) -> TalkError:
        return TalkError(self.path, self.line, message)


@dataclass(frozen=True)
class Directive:
    """One ``::: name`` block; ``serial`` tells two neighbouring blocks of one kind apart."""

    name: str
    classes: tuple[str, ...] = ()
    serial: int = 0


@dataclass
class Segment:
    """Markdown lines that share one role.

    ``wrappers`` is the stack of directives the lines sit in, outermost first,
    for example a fragment inside a slides-only block.
    """

    lines: list[str]
    wrappers: tuple[Directive, ...] = ()

    @property
    def names(self) -> set[str]:
        return {d.name for d in self.wrappers}

    @property
    def is_notes(self) -> bool:
        return "notes" in self.names


@dataclass
class SlideOptions:
    """Per-slide settings written as ``{#id .class key=value}`` after a heading."""

    id: str | None = None
    classes: tuple[str, ...] = ()
    layout: str = "default"
    background: str | None = None
    background_image: str | None = None  # a course-relative path, checked to exist
    transition: str | None = None


@dataclass
class Slide:
    id: str
    title: str | None
    level: int  # 1: a chapter's title slide, 2: a "##" slide, 0: a slide after a "---" break
    location: Location
    options: SlideOptions = field(default_factory=SlideOptions)
    segments: list[Segment] = field(default_factory=list)

    @property
    def has_notes(self) -> bool:
        return any(seg.is_notes and "".join(seg.lines).strip() for seg in self.segments)


@dataclass
class Chapter:
    slug: str
    title: str
    location: Location
    slides: list[Slide] = field(default_factory=list)

    @property
    def first_slide(self) -> Slide:
        return self.slides[0]


@dataclass
class Talk:
    """A whole talk: front matter, a title slide and its chapters in order."""

    sources: list[Path]
    meta: dict
    title_slide: Slide
    chapters: list[Chapter]

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or (self.chapters[0].title if self.chapters else "Talk"))

    def slides(self) -> list[Slide]:
        """Every slide of the deck in order, the title slide first."""
        return [self.title_slide] + [s for ch in self.chapters for s in ch.slides]

    def chapter(self, slug: str) -> Chapter:
        return next(ch for ch in self.chapters if ch.slug == slug)
