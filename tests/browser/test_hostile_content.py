"""Hostile content in Chromium: talk text, learner output and model labels are shown, never run.

One fixture site (talk, cells and models plugins) carries payloads in every place talk text
reaches HTML, in Python and JavaScript cell output, and in a frozen model's labels and card;
a JavaScript cell also tries to reach the page's DOM, storage and window.
Before any page script runs, a trap replaces ``alert`` and turns ``window.__pwned`` into a
setter that records each write; every payload writes ``__pwned`` or calls ``alert``.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.support.images import digit_png
from tests.support.server import serve
from tests.support.sites import ROOT, build_site, write_fixture_site

pytestmark = pytest.mark.browser

READY = 120_000  # ms: Pyodide, TF.js and the sandbox on a slow shared machine

TRAP = """(() => {
  const hits = [];
  Object.defineProperty(window, "__hits", { value: hits });
  Object.defineProperty(window, "__pwned", { get: () => undefined, set: (value) => { hits.push(String(value)); } });
  for (const name of ["alert", "confirm", "prompt"]) window[name] = (message) => { hits.push(`${name}: ${message}`); };
})();"""

# Every element attribute that could run script, and every script or srcdoc that mentions a payload.
LIVE_PAYLOADS = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const { name, value } of element.attributes) {
      const url = value.replace(/[\\u0000-\\u0020\\u007f]+/g, "").toLowerCase();
      if (name.startsWith("on") || /^(javascript:|vbscript:|data:text\\/html)/.test(url) || (name === "srcdoc" && value.includes("__pwned"))) {
        found.push(`<${element.localName} ${name}="${value}">`);
      }
    }
  }
  for (const script of document.scripts) if (script.text.includes("__pwned")) found.push(script.text);
  return found;
}"""

HANDLER = """onerror="window.__pwned = '{}'\""""

TALK = f"""\
---
title: Hostile <script>window.__pwned = "talk title"</script> talk
subtitle: <img src=x {HANDLER.format("subtitle")}>
author: <svg onload="window.__pwned = 'author'"></svg>
date: <script>alert("date")</script>
venue: <a href="javascript:window.__pwned='venue'">the venue</a>
description: <script>window.__pwned = "description"</script>
---

Title slide words <img src=x {HANDLER.format("title slide")}>

# Chapter <img src=x {HANDLER.format("chapter title")}> {{#payloads}}

<div class="harmless-div">Harmless <kbd>Ctrl</kbd> markup</div>

<script>window.__pwned = "raw block"</script>

Inline <img src=x {HANDLER.format("inline")}> in a sentence.

<details open ontoggle="window.__pwned = 'details'"><summary>More</summary>Hidden</details>

<iframe srcdoc="<script>parent.__pwned = 'iframe'</script>"></iframe>

<form action="javascript:window.__pwned='form'"><button>Send the form</button></form>

[Click this link](javascript:window.__pwned=true)

A paragraph with a handler.
{{: onclick="window.__pwned = 'attr list'" }}

![<img src=x {HANDLER.format("alt")}>](images/dot.png)

## Slide <script>window.__pwned = "slide title"</script> {{#attrs .shiny background='rgb(" onmouseover="window.__pwned=1" x=")' transition=fade}}

::: fragment
Fragment <img src=x {HANDLER.format("fragment")}>
:::

::: column
Column <svg onload="window.__pwned = 'column'"></svg>
:::

A fragment with notes of its own
{{: .fragment data-notes="<img src=x onerror=alert('data-notes')>" }}

::: notes
Notes <img src=x {HANDLER.format("notes")}> and <script>window.__pwned = "notes script"</script>
:::

# Cells and models {{#cells}}

```python {{run id=py-out}}
import sys, viz
print("<script>window.__pwned = 'stdout'</script>")
sys.stderr.write("<img src=x onerror=\\"window.__pwned = 'stderr'\\">\\n")
viz.table([["<img src=x onerror=\\"window.__pwned = 'table cell'\\">"]], columns=["<b onclick=x>table head</b>"])
viz.line([1, 2, 3], title="<svg onload=\\"window.__pwned = 'chart title'\\"></svg>")
"<svg onload=\\"window.__pwned = 'repr'\\"></svg>"
```

```python {{run id=py-error}}
raise ValueError("<img src=x onerror=\\"window.__pwned = 'traceback'\\">")
```

```js {{run id=js-out}}
display("<img src=x onerror=\\"window.__pwned = 'display'\\">");
console.error("<script>window.__pwned = 'console.error'</script>");
const model = await loadModel("colours");
console.log("labels:", model.labels[0]);
const scores = Array.from(model.predict(tf.tensor([[0, 0, 0]])).dataSync());
display(model.labels[scores.indexOf(Math.max(...scores))]);
throw new Error("<svg onload=\\"window.__pwned = 'js error'\\"></svg>");
```

```js {{run id=ml5-labels}}
const classifier = await ml5.imageClassifier(new URL("assets/models/digits-ml5/model.json", document.baseURI).href);
const img = new Image();
img.src = await __talkbookImageUrl("images/three.png");
await img.decode();
const [best] = await classifier.classify(img);
console.log("ml5 says:", best.label);
```

```js {{run id=reach-page}}
const attempts = {{}};
const attempt = (name, action) => {{
  try {{ attempts[name] = action() ?? "done"; }} catch (error) {{ attempts[name] = error.name; }}
}};
attempt("change the page's DOM", () => parent.document.body.append("changed by a cell"));
attempt("read the page's storage", () => parent.localStorage.getItem("page-secret"));
attempt("write the page's session storage", () => parent.sessionStorage.setItem("cell", "was here"));
attempt("run code in the page", () => parent.eval("window.__pwned = 'eval'"));
attempt("navigate the page to script", () => {{ top.location.href = "javascript:window.__pwned='top'"; }});
attempt("open a script popup", () => (window.open("javascript:opener.__pwned='popup'") ? "opened" : "refused"));
parent.postMessage({{ type: "display", text: `<img src=x onerror="window.__pwned = 'message'">` }}, "*");
console.log(JSON.stringify(attempts));
```

```model
colours
```
"""

# Text that must be on the pages as text: (where, payload).
CHAPTER_TEXT = [
    "<script>window.__pwned = \"raw block\"</script>",
    f"<img src=x {HANDLER.format('inline')}>",
    "<details open ontoggle=\"window.__pwned = 'details'\">",
    "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\">",
    "<form action=\"javascript:window.__pwned='form'\">",
    "(javascript:window.__pwned=true)",
    f"<img src=x {HANDLER.format('fragment')}>",
    "<svg onload=\"window.__pwned = 'column'\">",
]
LABEL = f"<img src=x {HANDLER.format('label')}>"
CARD_NAME = "<script>window.__pwned = 'card name'</script>"
CARD_TEXT = "<svg onload=\"window.__pwned = 'card description'\"></svg>"

MODELS = {"talkbook/models": {"recipes": str(ROOT / "course" / "models"), "store": str(ROOT / "course" / "models" / "frozen"),
                              "retrain": "never"}}


def _make_hostile_model(site) -> None:
    """The built site's colours model gets hostile labels and a hostile card (the weights stay intact)."""
    index_path = site / "assets" / "models" / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for entry in index["models"]:
        entry["labels"] = [LABEL + label for label in entry["labels"]]
    index_path.write_text(json.dumps(index), encoding="utf-8")
    # ml5 reads the labels of an image classifier from metadata.json, Teachable Machine style.
    metadata_path = site / "assets" / "models" / "digits-ml5" / "metadata.json"
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    metadata["labels"] = [LABEL + label for label in metadata["labels"]]
    metadata_path.write_text(json.dumps(metadata), encoding="utf-8")
    card_path = site / "assets" / "models" / "colours" / "card.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card.update(name=CARD_NAME, description=CARD_TEXT)
    card_path.write_text(json.dumps(card), encoding="utf-8")


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    cells = {"talkbook/cells": {}}
    talk = {"talkbook/talk": {}}
    config = write_fixture_site(root, talk=TALK, plugins=["search", MODELS, cells, talk],
                                files={"course/images/dot.png": digit_png(3), "docs/images/three.png": digit_png(3)})
    with serve(root / "site", isolated=True) as base:
        # Not strict: every neutralised payload is (rightly) a build warning.
        build_site(config, root / "site", strict=False, site_url=base)
        _make_hostile_model(root / "site")
        yield base


@pytest.fixture
def dialogs(context):
    context.add_init_script(TRAP)
    seen: list[str] = []
    context.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return seen


def assert_nothing_ran(page, dialogs) -> None:
    assert page.evaluate("window.__hits") == []
    assert dialogs == []
    assert page.evaluate(LIVE_PAYLOADS) == []


def test_talk_payloads_on_a_chapter_are_text(dialogs, page, url):
    page.goto(url + "payloads/")
    content = page.locator("article")
    for text in CHAPTER_TEXT:
        expect(content.get_by_text(text).first).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Chapter <img src=x onerror=")
    assert page.title() == "Chapter <img src=x onerror=\"window.__pwned = 'chapter title'\"> - Fixture"
    expect(content.locator(".harmless-div kbd")).to_have_text("Ctrl")  # harmless raw HTML stays HTML
    image = content.locator('img[src$="images/dot.png"]')
    assert image.get_attribute("alt") == f"<img src=x {HANDLER.format('alt')}>"
    assert content.locator("iframe, form, details, svg").count() == 0
    assert "Notes" not in content.inner_text()  # notes are the deck's
    assert_nothing_ran(page, dialogs)
    assert page.console_errors == []


def test_a_neutralised_link_runs_nothing_when_clicked(dialogs, page, url):
    page.goto(url + "payloads/")
    link = page.get_by_text("Click this link")
    assert link.evaluate("element => element.closest('a')") is None
    link.click()
    page.get_by_text("(javascript:window.__pwned=true)").click()
    assert page.url == url + "payloads/"
    assert_nothing_ran(page, dialogs)


def test_talk_payloads_in_the_deck_and_speaker_notes_are_text(dialogs, page, context, url):
    page.goto(url + "slides/#/attrs")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    slide = page.locator("section#attrs")
    expect(slide.locator("h2")).to_contain_text('Slide <script>window.__pwned = "slide title"</script>')
    assert slide.get_attribute("data-background-color") == 'rgb(" onmouseover="window.__pwned=1" x=")'
    page.keyboard.press("ArrowRight")  # the fragment
    expect(slide.get_by_text(f"Fragment <img src=x {HANDLER.format('fragment')}>")).to_be_visible()
    with context.expect_page() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    notes = speaker.locator(".speaker-controls-notes")
    expect(notes).to_contain_text(f"Notes <img src=x {HANDLER.format('notes')}> and <script>", timeout=20_000)
    assert notes.locator("img, script").count() == 0
    # The next fragment: reveal.js shows a fragment's data-notes in the speaker view as HTML.
    page.evaluate("window.talkbookDeck.slide(window.talkbookDeck.getIndices().h, 0, 1)")
    expect(slide.get_by_text("A fragment with notes of its own")).to_be_visible()
    speaker.wait_for_function("window.__hits.length > 0 || "
                              "document.querySelector('.speaker-controls-notes').innerText.includes('Notes <img')", polling=100)
    assert notes.locator("img, script").count() == 0
    for view in (page, speaker):
        assert_nothing_ran(view, dialogs)
    page.goto(url + "slides/#/")
    title = page.locator(".reveal .slides > section").first
    for text in ('Hostile <script>window.__pwned = "talk title"</script> talk', f"<img src=x {HANDLER.format('subtitle')}>",
                 "<svg onload=\"window.__pwned = 'author'\"></svg>", '<script>alert("date")</script>',
                 "<a href=\"javascript:window.__pwned='venue'\">the venue</a>", f"Title slide words <img src=x "):
        expect(title.get_by_text(text).first).to_be_visible()
    assert "description" not in title.inner_text()  # a page description, not slide text
    assert_nothing_ran(page, dialogs)
    assert page.console_errors == []


def output(page, cell_id: str):
    return page.locator(f'[data-cell-id="{cell_id}"] .talkbook-cell__output')


def test_python_output_of_every_kind_is_text(dialogs, page, url, run_cell):
    page.goto(url + "cells/")
    run_cell(page, "py-out", timeout=READY)
    out = output(page, "py-out")
    expect(out).to_contain_text("<script>window.__pwned = 'stdout'</script>")
    expect(out).to_contain_text("<img src=x onerror=\"window.__pwned = 'stderr'\">")
    table = out.locator("table:not(.u-legend)")
    expect(table).to_contain_text("<img src=x onerror=\"window.__pwned = 'table cell'\">")
    expect(table.locator("th")).to_have_text("<b onclick=x>table head</b>")
    expect(out.get_by_text("<svg onload=\"window.__pwned = 'chart title'\"></svg>")).to_be_visible()
    expect(out).to_contain_text("""'<svg onload="window.__pwned = \\'repr\\'"></svg>'""")  # the repr
    run_cell(page, "py-error", timeout=READY)
    expect(output(page, "py-error")).to_contain_text("ValueError: <img src=x onerror=\"window.__pwned = 'traceback'\">")
    assert page.locator(".talkbook-cell__output").locator("img, script, b, svg").count() == 0
    assert_nothing_ran(page, dialogs)


def test_javascript_output_and_model_labels_from_loadmodel_are_text(dialogs, page, url, run_cell):
    page.goto(url + "cells/")
    run_cell(page, "js-out", timeout=READY)
    out = output(page, "js-out")
    expect(out).to_contain_text("<img src=x onerror=\"window.__pwned = 'display'\">")
    expect(out).to_contain_text("<script>window.__pwned = 'console.error'</script>")
    expect(out).to_contain_text(f"labels: {LABEL}black")
    expect(out).to_contain_text(f"labels: {LABEL}black\n{LABEL}black")  # the best label for pure black
    expect(out).to_contain_text("<svg onload=\"window.__pwned = 'js error'\"></svg>")
    assert out.locator("img, script, svg").count() == 0
    assert_nothing_ran(page, dialogs)


def test_a_js_cell_cannot_reach_the_page_or_its_storage(dialogs, page, context, url, run_cell):
    page.goto(url + "cells/")
    page.evaluate("localStorage.setItem('page-secret', 'kept'); sessionStorage.setItem('page-session', 'kept')")
    run_cell(page, "reach-page", timeout=READY)
    attempts = json.loads(output(page, "reach-page").inner_text().strip().splitlines()[-1])
    refused = ["change the page's DOM", "read the page's storage", "write the page's session storage",
               "run code in the page", "navigate the page to script"]
    assert attempts == {**dict.fromkeys(refused, "SecurityError"), "open a script popup": "refused"}
    assert page.url == url + "cells/" and context.pages == [page]
    assert not page.evaluate("[...document.body.childNodes].some((node) => node.textContent === 'changed by a cell')")
    assert page.evaluate("[localStorage.getItem('page-secret'), sessionStorage.getItem('page-session')]") == ["kept", "kept"]
    assert page.evaluate("sessionStorage.getItem('cell')") is None
    assert_nothing_ran(page, dialogs)


def test_ml5_labels_from_a_models_metadata_are_text(dialogs, page, url, run_cell):
    page.goto(url + "cells/")
    run_cell(page, "ml5-labels", timeout=READY)
    out = output(page, "ml5-labels")
    expect(out).to_contain_text(f"ml5 says: {LABEL}")
    assert out.locator("img, script, svg").count() == 0
    assert_nothing_ran(page, dialogs)


def test_model_widget_labels_and_card_are_text(dialogs, page, url):
    page.goto(url + "cells/")
    root = page.locator('.talkbook-model[data-model="colours"]')
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "ready", timeout=READY)
    root.locator("input[type=color]").fill("#000000")
    expect(root.locator(".talkbook-model__label")).to_have_text(f"{LABEL}black")
    bar_labels = root.locator(".talkbook-model__bar-label").all_inner_texts()
    assert bar_labels and all(text.startswith(LABEL) for text in bar_labels)
    expect(root.locator("summary")).to_have_text(f"Model card: {CARD_NAME}")
    expect(root.locator(".talkbook-model__description")).to_have_text(CARD_TEXT)
    assert root.locator("img, script, svg").count() == 0
    assert_nothing_ran(page, dialogs)


def _wait_for_hits(page, count: int) -> None:  # count distinct payloads
    """Poll from Python: a generous wait limit, not a time the page must beat."""
    for _ in range(600):
        if len(set(page.evaluate("window.__hits"))) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the trap saw {page.evaluate('window.__hits')} at {page.url}")


def test_the_trap_catches_a_payload_that_runs(dialogs, page, tmp_path):
    """The control: with raw_html: trusted the same kind of payload runs, and the trap sees it."""
    talk = {"talkbook/talk": {"raw_html": "trusted"}}
    config = write_fixture_site(tmp_path, plugins=["search", talk], talk=(
        f"# Trusted\n\n<img src=x {HANDLER.format('control')}>\n\n<script>alert('control')</script>\n"))
    with serve(tmp_path / "site") as base:
        build_site(config, tmp_path / "site", site_url=base)
        page.goto(base + "trusted/")
        _wait_for_hits(page, 2)
        # Both ran (the image's error handler may fire more than once as the theme settles the page).
        assert set(page.evaluate("window.__hits")) == {"alert: control", "control"}
