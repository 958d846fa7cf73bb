"""Turn the talk model into Markdown that renders once for both chapter pages and the deck.

Each chapter becomes one Markdown document holding everything: its slides,
notes, slides-only and chapter-only blocks, each wrapped in HTML comment
markers (``<!-- talkbook:... -->``). MkDocs renders it once with the site's own
extensions. From that HTML, :func:`chapter_view` drops what the chapter page
must not show (notes, slides-only blocks), and :func:`assemble_deck` joins every
chapter's HTML into reveal.js ``<section>`` s, dropping chapter-only blocks.
Rendering each chapter once keeps a build with a deck as cheap as one without.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from talkbook.talk.model import Chapter, Directive, Segment, Slide, Talk

_SLIDE_MARK = "<!-- talkbook:slide {} -->"
_OPEN_MARK = "<!-- talkbook:open {} -->"
_CLOSE_MARK = "<!-- talkbook:close {} -->"
_META_MARK = "<!-- talkbook:meta {} -->"
_META = re.compile(r"(?:<p>)?<!-- talkbook:meta (subtitle|author|venue|date) -->(?:</p>)?")
_MARK = re.compile(r"(?:<p>)?<!-- talkbook:(slide|open|close) (.*?) -->(?:</p>)?")

HIDDEN_ON_CHAPTERS = frozenset({"notes", "slides"})
HIDDEN_IN_DECK = frozenset({"chapter"})

# What a block becomes in the deck; blocks missing here leave no element behind.
_DECK_TAGS = {
    "notes": ('<aside class="notes">', "</aside>"),
    "fragment": ('<div class="fragment{classes}">', "</div>"),
    "incremental": ('<div class="talkbook-incremental"><!--incremental-->', "<!--/incremental--></div>"),
    "column": ('<div class="talkbook-column">', "</div>"),
}


_CODE_SPAN = re.compile(r"(`+[^`]*`+)")


def heading_text(title: str) -> str:
    """A title as Markdown heading text: HTML in it shows as text, code spans stay code."""
    parts = _CODE_SPAN.split(title)
    return "".join(part if index % 2 else html.escape(part, quote=False) for index, part in enumerate(parts))


def title_markdown(talk: Talk) -> str:
    """The deck's title slide: front matter and the words before the first chapter."""
    out = ["", _SLIDE_MARK.format(0), "", f"# {heading_text(talk.title)}", ""]
    for key in ("subtitle", "author", "venue", "date"):
        if talk.meta.get(key):
            # Plain text, not Markdown: filled in after rendering, so it never meets raw-HTML handling.
            out += [_META_MARK.format(key), ""]
    out += _segment_lines(talk.title_slide.segments)
    return _tidy(out)


def chapter_markdown(chapter: Chapter, first_index: int) -> str:
    """One chapter with every block marked; ``first_index`` numbers its slides in the deck."""
    out: list[str] = []
    for index, slide in enumerate(chapter.slides, start=first_index):
        out += ["", _SLIDE_MARK.format(index), ""]
        if slide.level:
            out += ["#" * slide.level + f" {heading_text(slide.title)}", ""]
        out += _segment_lines(slide.segments)
    return _tidy(out)


def chapter_markdowns(talk: Talk) -> dict[str, str]:
    """Every chapter's Markdown by slug, with slide numbers that continue across chapters."""
    documents, index = {}, 1  # slide 0 is the title slide
    for chapter in talk.chapters:
        documents[chapter.slug] = chapter_markdown(chapter, index)
        index += len(chapter.slides)
    return documents


def _segment_lines(segments: list[Segment]) -> list[str]:
    """Emit segments, opening and closing block markers as the wrapper stack changes."""
    out: list[str] = []
    stack: tuple[Directive, ...] = ()
    for segment in segments:
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


def _walk(rendered: str, hidden: frozenset[str]) -> Iterator[tuple[str, str | None, str]]:
    """Yield ``(visible text, mark kind, mark argument)`` pieces, skipping hidden blocks."""
    position, stack = 0, []
    for match in _MARK.finditer(rendered):
        if not hidden.intersection(stack):
            yield rendered[position : match.start()], None, ""
        kind, argument = match.group(1), match.group(2)
        if kind == "open":
            stack.append(argument.split()[0])
        elif kind == "close" and stack:
            stack.pop()
        if not hidden.intersection(stack) and not (kind == "close" and argument in hidden):
            yield "", kind, argument
        position = match.end()
    yield rendered[position:], None, ""


def chapter_view(rendered: str) -> str:
    """The chapter page: no notes, no slides-only blocks, no markers."""
    return "".join(text for text, _, _ in _walk(rendered, HIDDEN_ON_CHAPTERS))


def assemble_deck(rendered: str, talk: Talk, url_for: Callable[[str], str]) -> str:
    """Turn the rendered, marked HTML of the whole talk into reveal.js sections.

    ``url_for`` maps a course-relative path (a background image) to a URL that
    works from the deck page.
    """
    slides = talk.slides()
    parts: list[str] = []
    open_sections = 0
    for text, kind, argument in _walk(rendered, HIDDEN_IN_DECK):
        if kind is None:
            parts.append(text)
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
    return _mark_incremental_items(_fill_meta("".join(parts), talk))


def _fill_meta(markup: str, talk: Talk) -> str:
    """The title slide's subtitle, author, venue and date, escaped."""

    def paragraph(match: re.Match) -> str:
        key = match.group(1)
        return f'<p class="talkbook-{key}">{html.escape(str(talk.meta.get(key, "")))}</p>'

    return _META.sub(paragraph, markup)


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
