"""Parse talk Markdown into the talk model.

The format is Markdown plus a few line-level markers, so a talk reads well on
any Markdown viewer:

* ``# Title`` starts a chapter, ``## Title`` starts a slide, ``---`` after a blank
  line starts a slide without a heading;
* ``{#id .class layout=center background=#222 transition=fade}`` after a heading
  (or after ``---``) sets slide options;
* ``::: notes``, ``::: slides``, ``::: chapter``, ``::: fragment``,
  ``::: incremental`` and ``::: column`` open blocks that a line ``:::`` closes.

Markers inside code fences are content. Every error names the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from talkbook.talk.ids import assign_ids
from talkbook.talk.model import (
    Chapter,
    Directive,
    Location,
    Segment,
    Slide,
    SlideOptions,
    Talk,
    TalkError,
)
from talkbook.talk.options import parse_options
from talkbook.talk.sources import check_images, read_source

DIRECTIVES = ("notes", "slides", "chapter", "fragment", "incremental", "column")
FRONT_MATTER_KEYS = ("title", "subtitle", "author", "date", "venue", "description")

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,2})[ \t]+(.*?)[ \t]*$")
_OPTIONS_TAIL = re.compile(r"\s*\{([^{}]*)\}\s*$")
_DIRECTIVE_OPEN = re.compile(r"^:{3,}[ \t]*(\S.*?)[ \t]*$")
_DIRECTIVE_CLOSE = re.compile(r"^:{3,}[ \t]*$")
_CLASS_NAME = re.compile(r"^[\w-]+$")
_SLIDE_BREAK = re.compile(r"^---[ \t]*(\{[^{}]*\})?[ \t]*$")


def parse_talk(source: Path | str) -> Talk:
    """Parse ``course/talk.md``, or every ``*.md`` of a folder in name order, into a Talk."""
    source = Path(source)
    if source.is_dir():
        paths = sorted(p for p in source.glob("*.md") if p.is_file())
        if not paths:
            raise TalkError(source, 1, "this folder holds no Markdown (*.md) talk files")
    elif source.is_file():
        paths = [source]
    else:
        raise TalkError(source, 1, "the talk source does not exist")

    builder = _TalkBuilder(paths)
    for path in paths:
        parser = _FileParser(path, read_source(path), builder)
        try:
            parser.parse()
        except TalkError:
            raise
        except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError) as error:
            # Not a problem the parser knows how to name: still the file, and the line it had reached.
            raise TalkError(path, parser.line, f"this talk could not be read here ({type(error).__name__}: {error})") from None
    return builder.finish()


class _TalkBuilder:
    """Collects chapters and slides as the parser walks the lines of every file."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.meta: dict = {}
        self.meta_location: dict[str, Location] = {}
        self.title_slide = Slide(
            id="", title=None, level=1, location=Location(paths[0], 1), options=SlideOptions(layout="title")
        )
        self.chapters: list[Chapter] = []
        self.slide = self.title_slide

    def add_meta(self, meta: dict, location: Location) -> None:
        for key, value in meta.items():
            if key not in FRONT_MATTER_KEYS:
                known = ", ".join(FRONT_MATTER_KEYS)
                raise location.error(f"unknown front-matter key '{key}' (known keys: {known})")
            if key in self.meta:
                raise location.error(f"front-matter key '{key}' is already set at {self.meta_location[key].path}")
            self.meta[key] = value
            self.meta_location[key] = location

    def start_chapter(self, title: str, options: SlideOptions, location: Location) -> None:
        chapter = Chapter(slug=options.id or "", title=title, location=location)
        if options.layout == "default":
            options.layout = "section"
        self.slide = Slide(id=options.id or "", title=title, level=1, location=location, options=options)
        chapter.slides.append(self.slide)
        self.chapters.append(chapter)

    def start_slide(self, title: str | None, level: int, options: SlideOptions, location: Location) -> None:
        if not self.chapters:
            heading = "a '## heading'" if title else "a '---' slide break"
            raise location.error(f"{heading} comes before the first chapter; start the talk with '# Chapter title'")
        self.slide = Slide(id=options.id or "", title=title, level=level, location=location, options=options)
        self.chapters[-1].slides.append(self.slide)

    def add_line(self, line: str, wrappers: tuple[Directive, ...]) -> None:
        segments = self.slide.segments
        if segments and segments[-1].wrappers == wrappers:
            segments[-1].lines.append(line)
        else:
            segments.append(Segment(lines=[line], wrappers=wrappers))

    def finish(self) -> Talk:
        if not self.chapters:
            raise TalkError(self.paths[0], 1, "the talk has no chapters: start one with a line '# Chapter title'")
        talk = Talk(sources=self.paths, meta=self.meta, title_slide=self.title_slide, chapters=self.chapters)
        assign_ids(talk)
        return talk


# Markdown renders nesting by recursion: far past these depths it ends in a RecursionError.
MAX_QUOTE_DEPTH = 100
MAX_INDENT = 400  # columns; a list nested 100 levels deep at four spaces a level
_QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)")


def _check_nesting(line: str, location: Location) -> None:
    quotes = _QUOTES.match(line)
    depth = quotes.group(1).count(">") if quotes else 0
    if depth > MAX_QUOTE_DEPTH:
        raise location.error(f"quotes nested {depth} levels deep; at most {MAX_QUOTE_DEPTH} can be shown")
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    if indent > MAX_INDENT:
        raise location.error(f"a line indented {indent} columns (lists nested too deep); at most {MAX_INDENT} can be shown")


class _FileParser:
    """Walks one file line by line; tracks code fences and open ``:::`` blocks."""

    def __init__(self, path: Path, text: str, builder: _TalkBuilder):
        self.path = path
        self.lines = text.split("\n")
        self.builder = builder
        self.fence: tuple[str, int, int] | None = None  # (char, length, line number)
        self.open: list[tuple[Directive, int]] = []
        self.serial = 0
        self.line = 1  # the line being read, for errors nobody foresaw

    def parse(self) -> None:
        start = self._parse_front_matter()
        previous = ""
        for number, line in enumerate(self.lines[start:], start=start + 1):
            self.line = number
            self._parse_line(line, number, previous)
            previous = line
        self._check_all_closed()

    def _parse_front_matter(self) -> int:
        if not self.lines or self.lines[0].strip() != "---":
            return 0
        for end in range(1, len(self.lines)):
            if self.lines[end].strip() in ("---", "..."):
                break
        else:
            raise TalkError(self.path, 1, "front matter opened with '---' is never closed by a '---' line")
        text = "\n".join(self.lines[1:end])
        try:
            meta = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
            problem = getattr(exc, "problem", None) or str(exc)
            raise TalkError(self.path, line, f"front matter is not valid YAML: {problem}") from None
        if not isinstance(meta, dict):
            raise TalkError(self.path, 2, "front matter must be a mapping of 'key: value' lines")
        self.builder.add_meta(meta, Location(self.path, 1))
        return end + 1

    def _parse_line(self, line: str, number: int, previous: str) -> None:
        location = Location(self.path, number)
        if self.fence is not None or _FENCE.match(line):
            self._track_fence(line, number)
            self.builder.add_line(line, self._wrappers())
            return
        if "\x00" in line:
            raise location.error("the line holds a NUL byte: is this a binary file?")
        _check_nesting(line, location)
        heading = _HEADING.match(line)
        if heading:
            return self._parse_heading(len(heading.group(1)), heading.group(2), location)
        if _DIRECTIVE_CLOSE.match(line):
            return self._close_directive(location)
        opening = _DIRECTIVE_OPEN.match(line)
        if opening:
            return self._open_directive(opening.group(1), location)
        slide_break = _SLIDE_BREAK.match(line)
        if slide_break:
            return self._parse_slide_break(slide_break.group(1), previous, location)
        check_images(line, location)
        self.builder.add_line(line, self._wrappers())

    def _track_fence(self, line: str, number: int) -> None:
        match = _FENCE.match(line)
        if self.fence is None:
            marker = match.group(1)
            self.fence = (marker[0], len(marker), number)
            return
        char, length, _ = self.fence
        stripped = line.strip()
        if match and stripped == char * len(stripped) and len(stripped) >= length:
            self.fence = None

    def _parse_heading(self, level: int, text: str, location: Location) -> None:
        self._refuse_inside_block("heading", location)
        text = re.sub(r"[ \t]+#+$", "", text)  # closing hashes: "## Title ##"
        tail = _OPTIONS_TAIL.search(text)
        options = parse_options(tail.group(1), location) if tail else SlideOptions()
        title = text[: tail.start()].strip() if tail else text.strip()
        if not title:
            raise location.error("a heading needs a title")
        if level == 1:
            self.builder.start_chapter(title, options, location)
        else:
            self.builder.start_slide(title, 2, options, location)

    def _parse_slide_break(self, raw_options: str | None, previous: str, location: Location) -> None:
        if previous.strip():
            raise location.error(
                "'---' right under a line of text turns that text into a heading in Markdown; "
                "leave a blank line before a slide break"
            )
        self._refuse_inside_block("slide break", location)
        options = parse_options(raw_options[1:-1], location) if raw_options else SlideOptions()
        self.builder.start_slide(None, 0, options, location)

    def _open_directive(self, spec: str, location: Location) -> None:
        words = spec.strip("{}").replace(".", " ").split()
        name, classes = words[0], tuple(words[1:])
        if name not in DIRECTIVES:
            raise location.error(f"unknown block '::: {name}' (known blocks: {', '.join(DIRECTIVES)})")
        if name in ("notes", "slides", "chapter", "column") and classes:
            raise location.error(f"'::: {name}' takes no options, found '{' '.join(classes)}'")
        bad = [c for c in classes if not _CLASS_NAME.match(c)]
        if bad:
            raise location.error(f"'::: {name}' class '{bad[0]}' may hold only letters, digits, '-' and '_'")
        if name == "notes" and any(d.name == "notes" for d, _ in self.open):
            raise location.error("speaker notes cannot be nested inside speaker notes")
        self.serial += 1
        self.open.append((Directive(name, classes, self.serial), location.line))

    def _close_directive(self, location: Location) -> None:
        if not self.open:
            raise location.error("this ':::' closes nothing: no '::: block' is open")
        self.open.pop()

    def _refuse_inside_block(self, what: str, location: Location) -> None:
        if self.open:
            directive, line = self.open[-1]
            raise location.error(
                f"a {what} cannot start inside the '::: {directive.name}' block opened at line {line}; "
                "close that block with ':::' first"
            )

    def _check_all_closed(self) -> None:
        if self.fence is not None:
            char, length, line = self.fence
            raise TalkError(self.path, line, f"the code block opened here with '{char * length}' is never closed")
        if self.open:
            directive, line = self.open[-1]
            raise TalkError(self.path, line, f"the '::: {directive.name}' block opened here is never closed with ':::'")

    def _wrappers(self) -> tuple[Directive, ...]:
        return tuple(d for d, _ in self.open)
