"""Where a problem in a page is written: a talk's file and line when the page was made from a talk.

Plugins report problems they find while MkDocs renders pages (a bad cell option, a model fence,
raw HTML, a broken link). Pages made by ``talkbook/talk`` are generated, so the author must be
sent to the talk's file and line instead. The talk plugin answers ``locate``; without it (each
plugin works alone) the page itself is named.
"""

from __future__ import annotations


def where(config, page_uri: str, needle: str = "", nth: int = 1) -> str:
    """``talk.md:LINE`` of the ``nth`` line holding ``needle`` in the talk that made ``page_uri``, or ``page_uri``."""
    talk = config.plugins.get("talkbook/talk") if config is not None else None
    locate = getattr(talk, "locate", None)
    found = locate(page_uri, needle, nth) if locate and talk.config.enabled else None
    return found or page_uri


def first_line(text: str) -> str:
    """The first line of ``text`` that is not blank, stripped: a piece of a block to find it by."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
