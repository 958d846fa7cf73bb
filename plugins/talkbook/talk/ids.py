"""Give every chapter and slide a stable, unique id, used in URLs.

Explicit ids (``{#id}``) must be unique; a clash is an error naming both places.
Ids made from titles step aside (``intro-2``) so that two slides called
"Example" never break a build.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify

from talkbook.talk.model import Location, Talk

# Slugs become folder names: a file system refuses names over 255 bytes, so ids stay far shorter.
MAX_SLUG = 80
# Site paths a chapter slug must not take over.
RESERVED = {"slides", "assets", "search", "404", "sitemap", "title"}
TITLE_SLIDE_ID = "title"


def assign_ids(talk: Talk) -> None:
    taken: dict[str, Location] = {TITLE_SLIDE_ID: talk.title_slide.location}
    talk.title_slide.id = TITLE_SLIDE_ID
    _claim_explicit_ids(talk, taken)
    for number, chapter in enumerate(talk.chapters, start=1):
        if not chapter.slug:
            chapter.slug = _unique(_slug(chapter.title) or f"chapter-{number}", taken, chapter.location)
            chapter.first_slide.id = chapter.slug
        for index, slide in enumerate(chapter.slides[1:], start=2):
            if not slide.id:
                base = _slug(slide.title) if slide.title else ""
                slide.id = _unique(base or f"{chapter.slug}-{index}", taken, slide.location)


def _claim_explicit_ids(talk: Talk, taken: dict[str, Location]) -> None:
    for chapter in talk.chapters:
        if chapter.slug:
            _check_free(chapter.slug, taken, chapter.location)
            if chapter.slug in RESERVED:
                raise chapter.location.error(f"the chapter id '{chapter.slug}' is reserved for the site; choose another")
        for slide in chapter.slides[1:]:
            if slide.id:
                _check_free(slide.id, taken, slide.location)


def _check_free(identifier: str, taken: dict[str, Location], location: Location) -> None:
    if identifier in taken:
        other = taken[identifier]
        raise location.error(f"duplicate slide id '{identifier}': already used at {other.path}:{other.line}")
    taken[identifier] = location


def _unique(base: str, taken: dict[str, Location], location: Location) -> str:
    candidate, number = base, 2
    while candidate in taken or candidate in RESERVED:
        candidate, number = f"{base}-{number}", number + 1
    taken[candidate] = location
    return candidate


def _slug(title: str) -> str:
    """The title as a URL slug, cut at a word boundary to MAX_SLUG characters."""
    slug = slugify(title, "-")
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[:MAX_SLUG]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut
