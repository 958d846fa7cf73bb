"""Turn the talk model into Markdown for chapter pages and for the deck.

Both outputs are still Markdown, so the site's own Markdown extensions render
chapters and slides alike. The deck's Markdown carries HTML comment markers
(``<!-- talkbook:... -->``) that :func:`assemble_deck` turns into reveal.js
``<section>`` s, fragments and speaker notes once MkDocs has rendered it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from talkbook.talk.model import Chapter, Directive, Segment, Slide, Talk

_SLIDE_MARK = "<!-- talkbook:slide {} -->"
_OPEN_MARK = "<!-- talkbook:open {} -->"
_CLOSE_MARK = "<!-- talkbook:close {} -->"
_MARK = re.compile(r"<!-- talkbook:(slide|open|close) (.*?) -->")

# What a block becomes in the deck; blocks missing here leave no element behind.
_DECK_TAGS = {
    "notes": ('<aside class="notes">', "</aside>"),
    "fragment": ('<div class="fragment{classes}">', "</div>"),
    "incremental": ('<div class="talkbook-incremental"><!--incremental-->', "<!--/incremental--></div>"),
    "column": ('<div class="talkbook-column">', "</div>"),
}


def chapter_markdown(chapter: Chapter) -> str:
    """A chapter page: headings and text, never notes or slides-only blocks."""
    out = [f"# {chapter.title}", ""]
    for slide in chapter.slides:
        if slide.level == 2:
            out += [f"## {slide.title}", ""]
        for segment in slide.segments:
            if not segment.names & {"notes", "slides"}:
                out += segment.lines
        out.append("")
    return _tidy(out)


def deck_markdown(talk: Talk) -> str:
    """The whole deck as one Markdown document with slide and block markers."""
    out: list[str] = []
    for index, slide in enumerate(talk.slides()):
        out += ["", _SLIDE_MARK.format(index), ""]
        out += _title_lines(talk, slide) if index == 0 else _heading_lines(slide)
        out += _segment_lines(slide.segments)
    return _tidy(out)


def _title_lines(talk: Talk, slide: Slide) -> list[str]:
    lines = [f"# {talk.title}", ""]
    for key in ("subtitle", "author", "venue", "date"):
        if talk.meta.get(key):
            lines += [f'<p class="talkbook-{key}">{html.escape(str(talk.meta[key]))}</p>', ""]
    return lines


def _heading_lines(slide: Slide) -> list[str]:
    if slide.level == 0:
        return []
    return ["#" * slide.level + f" {slide.title}", ""]


def _segment_lines(segments: list[Segment]) -> list[str]:
    """Emit segments, opening and closing block markers as the wrapper stack changes."""
    out: list[str] = []
    stack: tuple[Directive, ...] = ()
    for segment in segments:
        if "chapter" in segment.names:
            continue
        keep = _common_prefix(stack, segment.wrappers)
        out += [line for d in reversed(stack[keep:]) for line in ("", _CLOSE_MARK.format(d.name), "")]
        out += [line for d in segment.wrappers[keep:] for line in ("", _OPEN_MARK.format(_encode(d)), "")]
        stack = segment.wrappers
        out += segment.lines
    out += [line for d in reversed(stack) for line in ("", _CLOSE_MARK.format(d.name), "")]
    return out


def _common_prefix(a: tuple, b: tuple) -> int:
    count = 0
    for left, right in zip(a, b):
        if left != right:
            break
        count += 1
    return count


def _encode(directive: Directive) -> str:
    return " ".join((directive.name,) + directive.classes)


def _tidy(lines: list[str]) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def assemble_deck(rendered: str, talk: Talk, url_for: Callable[[str], str]) -> str:
    """Turn the rendered deck HTML into reveal.js sections.

    ``url_for`` maps a course-relative path (a background image) to a URL that
    works from the deck page.
    """
    slides = talk.slides()
    parts: list[str] = []
    open_sections = 0
    for piece, kind, argument in _split_marks(rendered):
        if kind is None:
            parts.append(piece)
        elif kind == "slide":
            parts.append("</section>" * open_sections)
            parts.append(_section_tag(slides[int(argument)], url_for))
            open_sections = 1
        elif kind == "open":
            name, *classes = argument.split()
            before = _DECK_TAGS.get(name, ("", ""))[0]
            parts.append(before.format(classes="".join(" " + html.escape(c) for c in classes)))
        else:
            parts.append(_DECK_TAGS.get(argument, ("", ""))[1])
    parts.append("</section>" * open_sections)
    return _mark_incremental_items("".join(parts))


def _split_marks(rendered: str):
    position = 0
    for match in _MARK.finditer(rendered):
        yield rendered[position : match.start()], None, None
        yield "", match.group(1), match.group(2)
        position = match.end()
    yield rendered[position:], None, None


def _section_tag(slide: Slide, url_for: Callable[[str], str]) -> str:
    options = slide.options
    classes = [f"talkbook-layout-{options.layout}", *options.classes]
    attributes = {"id": slide.id, "class": " ".join(classes), "data-talkbook-title": slide.title or ""}
    if options.background:
        attributes["data-background-color"] = options.background
    if options.background_image:
        attributes["data-background-image"] = url_for(options.background_image)
    if options.transition:
        attributes["data-transition"] = options.transition
    if not slide.has_notes:
        attributes["data-talkbook-no-notes"] = ""
    rendered = " ".join(f'{key}="{html.escape(value)}"' for key, value in attributes.items())
    return f"<section {rendered}>"


def _mark_incremental_items(markup: str) -> str:
    """Inside ``::: incremental`` blocks every list item becomes a fragment."""

    def mark(match: re.Match) -> str:
        return re.sub(r"<li(?=[\s>])", '<li class="fragment"', match.group(0))

    return re.sub(r"<!--incremental-->.*?<!--/incremental-->", mark, markup, flags=re.DOTALL)


def deck_outline(talk: Talk) -> str:
    """A JSON list of the deck's slides, for the presenter tools and tests."""
    return json.dumps([{"id": s.id, "title": s.title, "level": s.level} for s in talk.slides()])
