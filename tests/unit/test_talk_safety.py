"""The talk's raw HTML and links: what could run script is shown as text, the rest is kept.

Detection is tested on fragments; the Markdown wiring through Python-Markdown with the
site's own extensions; the plugin through whole MkDocs builds (chapters and deck).
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import markdown
import pytest

from talkbook.talk.model import TalkError
from talkbook.talk.parser import parse_talk
from talkbook.talk.safety import TalkSafetyExtension, find_danger, is_script_url
from tests.support.sites import build_site, write_fixture_site

DANGEROUS = {
    "script": "<script>window.__pwned = 1</script>",
    "script, odd case and spacing": "<ScRiPt\n>alert(1)</script >",
    "iframe": '<iframe src="https://example.com"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "base": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "form action": '<form action="javascript:alert(1)"><button>Go</button></form>',
    "formaction": '<button formaction="javascript:alert(1)">Go</button>',
    "img onerror": "<img src=x onerror=alert(1)>",
    "svg onload": '<svg onload="alert(1)"><circle r="4"/></svg>',
    "svg xlink:href": '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>',
    "svg animate to": '<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
    "details ontoggle": "<details open ontoggle=alert(1)><summary>s</summary></details>",
    "href javascript": '<a href="javascript:alert(1)">x</a>',
    "href with entities and tabs": '<a href="jav&#x61;&#9;script:alert(1)">x</a>',
    "href vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "href data html": '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    "background attribute": '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "markup for reveal's speaker view, entity-encoded": '<p class="fragment" data-notes="&lt;img src=x &#111;nerror=alert(1)&gt;">x</p>',
    "comment closed early by a browser": "<!-- --!><script>alert(1)</script> -->",
    "processing instruction": "<?xml-stylesheet href='javascript:alert(1)'?>",
}

HARMLESS = {
    "widget placeholder": '<div class="talkbook-neuron-playground"></div>',
    "span and kbd": '<span class="x">Press <kbd>Ctrl</kbd></span>',
    "figure": '<figure><img src="images/cat.png" alt="a cat"><figcaption>Cat</figcaption></figure>',
    "svg without handlers": '<svg width="10" height="10"><circle cx="5" cy="5" r="4" fill="red"/></svg>',
    "details": "<details><summary>More</summary>Hidden words</details>",
    "https link": '<a href="https://example.com/?json=1">docs</a>',
    "data image": '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
    "script words in alt text": '<img src="cat.png" alt="never write script: here">',
    "talkbook marker comment": "<!-- talkbook:slide 3 -->",
}


@pytest.mark.parametrize("case", sorted(DANGEROUS))
def test_fragments_that_could_run_script_are_found(case):
    assert find_danger(DANGEROUS[case])


@pytest.mark.parametrize("case", sorted(HARMLESS))
def test_harmless_fragments_pass(case):
    assert find_danger(HARMLESS[case]) is None


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:x", "jav&#x61;script:x",
                                 "vbscript:x", "data:text/html,hi", "DATA:application/xhtml+xml,x"])
def test_script_urls(url):
    assert is_script_url(url)


@pytest.mark.parametrize("url", ["https://example.com", "images/a.png", "#slide", "mailto:a@b.c", "data:image/png;base64,AA=="])
def test_ordinary_urls(url):
    assert not is_script_url(url)


def test_payload_words_in_text_attributes_are_escaped_all_the_same():
    # The backup search does not trust the parser's reading of quotes: it errs towards text.
    assert find_danger('<img src="cat.png" alt="javascript:alert(1)" title="onclick=x">')


def render(text: str, applies: bool = True) -> tuple[str, list[str]]:
    """Markdown as MkDocs would render a talk page, with the site's usual extensions."""
    reports: list[str] = []
    safety = TalkSafetyExtension(report=lambda what, needle: reports.append(what))
    safety.applies = applies
    extensions = ["attr_list", "md_in_html", "admonition", "pymdownx.superfences", safety]
    return markdown.markdown(text, extensions=extensions), reports


def test_unsafe_raw_html_block_becomes_visible_text():
    out, reports = render("Before.\n\n<script>window.__pwned = 1</script>\n\nAfter.\n")
    assert "<script>" not in out
    assert '<pre class="talkbook-unsafe-html"><code>&lt;script&gt;window.__pwned = 1&lt;/script&gt;' in out
    assert reports == ["raw HTML with <script> is shown as text"]


def test_unsafe_inline_html_becomes_visible_text_and_the_paragraph_stays():
    out, _ = render('Look: <img src=x onerror="window.__pwned=2"> and <kbd>Ctrl</kbd>.\n')
    assert '<code class="talkbook-unsafe-html">&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;</code>' in out
    assert "<kbd>Ctrl</kbd>" in out and "<img" not in out


@pytest.mark.parametrize("case", sorted(HARMLESS))
def test_harmless_raw_html_is_kept_as_written(case):
    out, reports = render(f"{HARMLESS[case]}\n")
    assert HARMLESS[case] in out
    assert reports == []


def test_markdown_links_to_script_urls_become_text():
    out, reports = render("[click](javascript:window.__pwned=3) [ref][r] [fine](https://example.com)\n\n"
                          "[r]: vbscript:msgbox(1)\n")
    assert 'href="javascript' not in out and "(vbscript:msgbox(1))</code>" in out
    assert '<span class="talkbook-unsafe-link">click<code> (javascript:window.__pwned=3)</code></span>' in out
    assert '<a href="https://example.com">fine</a>' in out
    assert reports.count("a link to a script URL is shown as text") == 2


def test_markdown_image_with_a_script_url_becomes_text():
    out, _ = render("![pic](data:text/html,hello)\n")
    assert '<code class="talkbook-unsafe-link">![pic](data:text/html,hello)</code>' in out and "<img" not in out


def test_attr_list_and_md_in_html_cannot_add_handlers():
    out, reports = render('## Heading {onclick="window.__pwned=5" .kept}\n\n'
                          '<div markdown="1" onmouseover="window.__pwned=4">**bold**</div>\n')
    assert "onclick" not in out and "onmouseover" not in out
    assert 'class="kept"' in out and "<strong>bold</strong>" in out
    assert len(reports) == 2


@pytest.mark.parametrize("inner", ["<script>window.__pwned = 1</script>", '<iframe src="https://example.com"></iframe>',
                                   '<meta http-equiv="refresh" content="0">', "<object data=x></object>"])
def test_script_elements_inside_markdown_blocks_become_text(inner):
    out, reports = render(f'<div markdown="1">\n<p>before</p>\n{inner}\n\nafter\n</div>\n')
    assert '<code class="talkbook-unsafe-html">&lt;' in out
    assert "<p>before</p>" in out and "<p>after</p>" in out
    assert inner not in out and len(reports) == 1


def test_script_urls_on_elements_inside_markdown_blocks_are_removed():
    out, reports = render('<div markdown="1">\n<p onclick="x()">hi</p>\n</div>\n\n'
                          '<div markdown="1">\n<form action="javascript:x()"><button>Go</button></form>\n</div>\n')
    assert "onclick" not in out and "javascript" not in out and "<p>hi</p>" in out
    assert len(reports) == 2


@pytest.mark.parametrize("markdown_text", [
    'Words\n{: .fragment data-notes="<img src=x onerror=alert(1)>" }\n',
    '## Heading {: data-notes=\'<svg onload="alert(1)"></svg>\' }\n',
])
def test_script_capable_markup_inside_attributes_is_removed(markdown_text):
    # reveal.js shows a fragment's data-notes in the speaker view as HTML.
    out, reports = render(markdown_text)
    assert "data-notes" not in out and "<img" not in out and "<svg" not in out
    assert any("was removed" in report for report in reports)


def test_a_link_title_is_text_whatever_it_holds():
    out, reports = render('[link](https://example.com "<img src=x onerror=alert(1)>")\n')
    assert 'title="&lt;img src=x onerror=alert(1)&gt;"' in out and reports == []


def test_harmless_markup_inside_attributes_stays():
    out, reports = render('Words\n{: .fragment data-notes="<b>bold</b> notes" }\n')
    assert 'data-notes="<b>bold</b> notes"' in out and reports == []


def test_code_blocks_and_code_spans_stay_code():
    out, reports = render("`<script>x</script>`\n\n```html\n<script>alert(1)</script>\n```\n")
    assert "&lt;script&gt;" in out and "<script>" not in out and reports == []


def test_the_extension_does_nothing_when_it_does_not_apply():
    out, reports = render("<script>window.__pwned = 1</script>\n\n[x](javascript:y)\n", applies=False)
    assert "<script>window.__pwned = 1</script>" in out and 'href="javascript:y"' in out and reports == []


def test_directive_classes_cannot_break_out_of_their_marker(tmp_path):
    talk = tmp_path / "talk.md"
    talk.write_text("# A\n\n::: fragment --><script>alert(1)</script>\nx\n:::\n", encoding="utf-8")
    with pytest.raises(TalkError, match="may hold only letters"):
        parse_talk(talk)


# -- whole builds ----------------------------------------------------------------------------------

HOSTILE_TALK = """\
---
title: Talk <script>window.__pwned = "title"</script>
subtitle: <img src=x onerror="window.__pwned = 'subtitle'">
---

# Chapter

<div class="talkbook-neuron-playground"></div>

<script>window.__pwned = "block"</script>

[run me](javascript:window.__pwned=true)

::: notes
Notes <img src=x onerror="window.__pwned = 'notes'">
:::
"""


class _Markup(HTMLParser):
    """Every start tag's attributes and every script's text of a built page."""

    def __init__(self, page: str):
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
            self._in_script = False


def build_hostile(tmp_path, **talk_options):
    plugins = ["search", {"talkbook/talk": {**talk_options}}]
    config = write_fixture_site(tmp_path, talk=HOSTILE_TALK, plugins=plugins)
    site = build_site(config, tmp_path / "site", strict=False)
    return (site / "chapter" / "index.html").read_text(), (site / "slides" / "index.html").read_text()


def test_a_build_shows_payloads_as_text_on_chapters_and_in_the_deck(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    chapter, deck = build_hostile(tmp_path)
    for page in (chapter, deck):
        assert "window.__pwned" in page  # shown as text...
        markup = _Markup(page)  # ...never as markup
        assert [a for a in markup.attributes if a[1].startswith("on")] == []
        assert [a for a in markup.attributes if a[2].lower().startswith("javascript")] == []
        assert [s for s in markup.scripts if "__pwned" in s] == []
        assert '<div class="talkbook-neuron-playground"></div>' in page
    assert re.search(r'<aside class="notes">\s*<p>Notes <code class="talkbook-unsafe-html">&lt;img src=x onerror=', deck)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    # Named at the talk's line, not at the generated chapter page.
    line = next(n for n, text in enumerate(HOSTILE_TALK.split("\n"), start=1) if text.startswith("<script>"))
    assert any(f"course/talk.md:{line}: raw HTML with <script> is shown as text, so it cannot run" in w for w in warnings)
    assert any("raw_html: trusted" in w for w in warnings)


def test_trusted_keeps_raw_html_as_written(tmp_path, caplog):
    chapter, deck = build_hostile(tmp_path, raw_html="trusted")
    assert '<script>window.__pwned = "block"</script>' in chapter
    assert '<a href="javascript:window.__pwned=true">run me</a>' in deck
    assert "cannot run" not in caplog.text


def test_hand_written_pages_are_not_the_talk_plugins_business(tmp_path):
    docs = {"index.md": "# Home\n\n<script>window.siteScript = 1</script>\n"}
    plugins = ["search", {"talkbook/talk": {}}]
    config = write_fixture_site(tmp_path, talk="# Chapter\n\nWords.\n", docs=docs, plugins=plugins)
    site = build_site(config, tmp_path / "site")
    assert "<script>window.siteScript = 1</script>" in (site / "index.html").read_text()


@pytest.mark.parametrize("value", ["javascript:alert(1)", "'javascript:alert(1)'", "url(javascript:alert(1))"])
def test_a_slide_background_cannot_be_a_script_url(tmp_path, value):
    talk = tmp_path / "talk.md"
    talk.write_text(f"# A\n\n## B {{background={value}}}\n", encoding="utf-8")
    with pytest.raises(TalkError, match="neither a colour nor an image"):
        parse_talk(talk)
