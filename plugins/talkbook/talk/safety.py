"""Raw HTML and links in talk text that could run script are shown as text, not run.

Raw HTML in Markdown is a documented feature the course relies on (a widget's
``<div>``), so it is not escaped wholesale. Instead :class:`TalkSafetyExtension`
watches what Python-Markdown stashes as *author-written* raw HTML (the block
preprocessor and the inline ``html`` pattern) and, when a fragment could run
script (``<script>``, ``<iframe>``, an ``on*=`` handler, a ``javascript:`` URL…),
replaces the whole fragment with its escaped source, visible on the page. A
treeprocessor does the same for Markdown links and images whose URL could run
script, and drops ``on*`` attributes that ``attr_list`` would have set.

Detection errs on the side of escaping: the stdlib parser reads the fragment and
a plain pattern search backs it up, so markup the two parsers read differently
(a comment closed by ``--!>``, a tag split by odd characters) is still escaped.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html.parser import HTMLParser

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from talkbook.locations import first_line

# Elements that load or run code, or change where the page's URLs or script point.
SCRIPT_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
# Attributes whose text is never fetched or run; a payload in them is harmless text.
TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "aria-description"})
_SCRIPT_SCHEME = re.compile(r"^(?:java|vb|live)script:|^data:(?!image/)", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# The backup search: every stretch that a browser might read as a tag, whatever the parser made of it.
_TAG_LIKE = re.compile(r"<[a-zA-Z/!?][^>]*>?")
_TAG_NAME = re.compile(r"^</?\s*(" + "|".join(sorted(SCRIPT_TAGS | {"meta"})) + r")\b", re.IGNORECASE)
_HANDLER_PATTERN = re.compile(r"[\s/\"'`]on[a-z]+\s*=", re.IGNORECASE)
_SCHEME_PATTERN = re.compile(r"(?:java|vb|live)script:|data:text/html", re.IGNORECASE)

Report = Callable[[str, str], None]  # (what was done, a piece of the source to find it by)


def is_script_url(value: str) -> bool:
    """True for a URL a browser would run or render as a page: ``javascript:``, ``data:text/html``…

    Browsers ignore tabs, newlines and other control characters in a URL's scheme,
    so ``java&#9;script:`` counts too; ``data:image/...`` stays allowed.
    """
    return bool(_SCRIPT_SCHEME.match(_INVISIBLE.sub("", html.unescape(value))))


class _DangerFinder(HTMLParser):
    """Reads one fragment; ``reason`` names the first construct that could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.reason: str | None = None

    def _flag(self, reason: str) -> None:
        self.reason = self.reason or reason

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SCRIPT_TAGS:
            self._flag(f"<{tag}>")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self._flag("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on"):
                self._flag(f"an event handler attribute ({name})")
            elif value and name not in TEXT_ATTRIBUTES and unsafe_value(value):
                self._flag(f"a script URL or script-capable markup in {name}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        # A browser may end a comment earlier than this parser does ("--!>"): markup inside is suspect.
        if "<" in data or ">" in data:
            self._flag("markup inside a comment")

    def handle_decl(self, decl: str) -> None:
        self._flag("a markup declaration")

    def handle_pi(self, data: str) -> None:
        self._flag("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        self._flag("a markup declaration")


def unsafe_value(value: str) -> bool:
    """An attribute value that runs as a URL, or holds markup a library may insert as HTML.

    reveal.js, for one, puts a fragment's ``data-notes`` into the speaker view as HTML.
    """
    return is_script_url(value) or ("<" in value and find_danger(value) is not None)


def find_danger(fragment: str) -> str | None:
    """Why ``fragment`` (raw HTML) could run script, or None when it cannot."""
    finder = _DangerFinder()
    finder.feed(fragment)
    finder.close()
    if finder.reason:
        return finder.reason
    for tag in _TAG_LIKE.findall(fragment):
        if _TAG_NAME.match(tag):
            return "a tag that loads or runs code"
        if _HANDLER_PATTERN.search(tag):
            return "something that reads as an event handler"
        if _SCHEME_PATTERN.search(_INVISIBLE.sub("", html.unescape(tag))):
            return "something that reads as a script URL"
    return None


def escaped_fragment(fragment: str, block: bool) -> str:
    """The fragment's source as visible text."""
    text = html.escape(fragment)
    if block:
        return f'<pre class="talkbook-unsafe-html"><code>{text}</code></pre>'
    return f'<code class="talkbook-unsafe-html">{text}</code>'


class _StashGuard(Postprocessor):
    """Before raw HTML goes back into the page, swap every unsafe author fragment for its text."""

    def __init__(self, md: Markdown, raw: dict[int, bool], report: Report):
        super().__init__(md)
        self.raw = raw  # stash index -> written as a block (True) or inline (False)
        self.report = report

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in self.raw.items():
            fragment = blocks[index]
            if isinstance(fragment, etree.Element):  # md_in_html keeps some elements unserialised
                fragment = self.md.serializer(fragment)
            reason = find_danger(fragment) if fragment else None
            if reason:
                self.report(f"raw HTML with {reason} is shown as text", first_line(fragment) or fragment)
                blocks[index] = escaped_fragment(fragment, block)
        self.raw.clear()
        return text


class _LinkGuard(Treeprocessor):
    """Links and images whose URL could run script become text; ``on*`` attributes go."""

    def __init__(self, md: Markdown, report: Report):
        super().__init__(md)
        self.report = report

    def run(self, root: etree.Element) -> None:
        self._script_elements_as_text(root)
        for element in list(root.iter()):
            for name in [n for n in element.attrib if n.lower().startswith("on")]:
                self.report(f"an event handler attribute ({name}) was removed", name)
                del element.attrib[name]
            if element.tag == "a" and is_script_url(element.get("href", "")):
                self._link_as_text(element)
            elif element.tag == "img" and is_script_url(element.get("src", "")):
                self._image_as_text(element)
            for name, value in list(element.attrib.items()):
                if self._unsafe_attribute(name, value):
                    self.report(f"a script URL or script-capable markup in {name} was removed", name)
                    del element.attrib[name]

    def _unsafe_attribute(self, name: str, value: str) -> bool:
        # Raw HTML written inside an attribute (attr_list) is still a stash placeholder here.
        stash = self.md.htmlStash.rawHtmlBlocks
        resolved = HTML_PLACEHOLDER_RE.sub(lambda m: _text(stash[int(m.group(1))]), value)
        if resolved != value and find_danger(resolved):
            return True  # even in alt or title: the escaped stand-in would break out of the quotes
        return name not in TEXT_ATTRIBUTES and unsafe_value(resolved)

    def _script_elements_as_text(self, root: etree.Element) -> None:
        """md_in_html parses raw HTML inside ``markdown="1"`` blocks into the tree: a <script> there is text too."""
        for parent in list(root.iter()):
            for position, child in enumerate(list(parent)):
                if not isinstance(child.tag, str):
                    continue  # a comment or processing instruction node
                tag = child.tag.lower()
                if tag in SCRIPT_TAGS or (tag == "meta" and "http-equiv" in child.attrib):
                    self.report(f"raw HTML with <{tag}> is shown as text", f"<{tag}")
                    shown = etree.Element("code", {"class": "talkbook-unsafe-html"})
                    shown.text = AtomicString(self.md.serializer(_detached(child)))
                    shown.tail = child.tail
                    parent[position] = shown

    def _link_as_text(self, element: etree.Element) -> None:
        url = element.attrib.pop("href")
        self.report("a link to a script URL is shown as text", url)
        element.tag = "span"
        element.attrib = {"class": "talkbook-unsafe-link"}
        shown = etree.SubElement(element, "code")
        shown.text = f" ({url})"

    def _image_as_text(self, element: etree.Element) -> None:
        self.report("an image with a script URL is shown as text", element.get("src", ""))
        alt, src = element.get("alt", ""), element.get("src", "")
        element.tag = "code"
        element.attrib = {"class": "talkbook-unsafe-link"}
        element.text = f"![{alt}]({src})"


def _text(entry: str | etree.Element) -> str:
    return entry if isinstance(entry, str) else ""


def _detached(element: etree.Element) -> etree.Element:
    """A copy without the tail: the tail is the next sibling's text, not part of the element."""
    copy = etree.Element(element.tag, dict(element.attrib))
    copy.text = element.text
    copy.extend(list(element))
    return copy


class TalkSafetyExtension(Extension):
    """Active only while ``applies`` is true: the talk plugin sets it for its own pages."""

    def __init__(self, report: Callable[[str], None] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.applies = False
        self.report: Report = report or (lambda what, needle: None)

    def extendMarkdown(self, md: Markdown) -> None:
        if not self.applies:
            return
        raw: dict[int, bool] = {}
        _record_block_html(md, raw)
        _record_inline_html(md, raw)
        # Before "raw_html" (30) puts the stash back into the page.
        md.postprocessors.register(_StashGuard(md, raw, self.report), "talkbook_stash_guard", 31)
        # After attr_list (8) and the inline patterns (20) made every link and attribute.
        md.treeprocessors.register(_LinkGuard(md, self.report), "talkbook_link_guard", 1)


def _record_block_html(md: Markdown, raw: dict[int, bool]) -> None:
    """Note which stash entries the raw HTML block preprocessor made: only those are the author's HTML."""
    if "html_block" not in md.preprocessors:
        return
    preprocessor = md.preprocessors["html_block"]
    original = preprocessor.run

    def run(lines: list[str]) -> list[str]:
        start = md.htmlStash.html_counter
        result = original(lines)
        raw.update(dict.fromkeys(range(start, md.htmlStash.html_counter), True))
        return result

    preprocessor.run = run


def _record_inline_html(md: Markdown, raw: dict[int, bool]) -> None:
    """The same for inline raw HTML (``<img ...>`` inside a paragraph)."""
    if "html" not in md.inlinePatterns:
        return
    pattern = md.inlinePatterns["html"]
    original = pattern.handleMatch

    def handle_match(match: re.Match, data: str):
        start = md.htmlStash.html_counter
        result = original(match, data)
        raw.update(dict.fromkeys(range(start, md.htmlStash.html_counter), False))
        return result

    pattern.handleMatch = handle_match
