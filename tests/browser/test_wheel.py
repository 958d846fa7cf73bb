"""talkbook as a product: the wheel, installed into a fresh venv outside the checkout with no Node,
`talkbook new`, a strict build, and the result used in Chromium; then the same plugins added to
an existing mkdocs-material site."""

from __future__ import annotations

import json
import re
import textwrap
import zipfile

import pytest
from playwright.sync_api import expect

from tests.support.editing import type_code
from tests.support.product import build_dist, make_venv, run, wheel_members
from tests.support.references import crawl
from tests.support.server import serve

pytestmark = pytest.mark.browser

LECTURE = """\
---
title: A lecture
---

# First steps {#first-steps}

```python {run id=sum}
print(sum(range(10)))
```

::: notes
Lecture speaker note.
:::

## A slide

Slide body.
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return build_dist(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def venv(tmp_path_factory, dist):
    venv = tmp_path_factory.mktemp("author") / "venv"
    make_venv(venv, str(dist[0]))
    return venv


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory, venv):
    """`talkbook new course` then `mkdocs build --strict`, run as an author would."""
    home = tmp_path_factory.mktemp("home")
    run(venv, ["talkbook", "new", "course", "--title", "Rivers"], cwd=home)
    run(venv, ["mkdocs", "build", "--strict"], cwd=home / "course")
    return home / "course"


@pytest.fixture(scope="module")
def existing(tmp_path_factory, venv):
    """A minimal mkdocs-material site that builds, then the same site with talkbook's plugins added."""
    root = tmp_path_factory.mktemp("existing")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Our handbook\n\nWelcome.\n")
    (root / "docs" / "guide.md").write_text(textwrap.dedent("""\
        # Guide

        ```js {run id=js-on-a-page}
        console.log("js", [1, 2, 3].map((n) => n * 2).join(" "));
        ```
        """))
    config = {"site_name": "Handbook", "theme": {"name": "material", "font": False},
              "markdown_extensions": ["attr_list", "md_in_html"]}
    (root / "mkdocs.yml").write_text(json.dumps(config))
    run(venv, ["mkdocs", "build", "--strict"], cwd=root)
    (root / "lectures").mkdir()
    (root / "lectures" / "one.md").write_text(LECTURE)
    config["plugins"] = ["search", {"talkbook/talk": {"source": "lectures/one.md"}}, "talkbook/cells"]
    (root / "mkdocs.yml").write_text(json.dumps(config))  # JSON is YAML
    run(venv, ["mkdocs", "build", "--strict"], cwd=root)
    return root


@pytest.fixture
def no_errors(context):
    """Fail the test on any request off the origin or any failed response of the site."""
    failures = []
    context.on("response", lambda response: response.status >= 400 and failures.append(f"{response.status} {response.url}"))
    yield context
    offsite = [url for url in context.request_log.urls if not url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))]
    assert offsite == [], f"requests left the local origin: {offsite}"
    assert failures == []


def test_the_wheel_holds_every_browser_file_and_licence(dist):
    wheel, sdist = dist
    members = wheel_members(wheel)
    bundled = json.loads(read_member(wheel, "talkbook/bundled/manifest.json"))
    for name, entry in bundled["packages"].items():
        for relative in entry["files"]:
            assert f"talkbook/bundled/{entry['root']}/{relative}" in members, (name, relative)
    for bundle in bundled["bundles"].values():
        assert f"talkbook/bundled/{bundle['file']}" in members
    for name, licence in bundled["licenses"].items():
        assert members.get(f"talkbook/bundled/{licence['file']}", 0) > 500, f"{name} has its licence text"
    assert set(bundled["packages"]) <= set(bundled["licenses"])
    for part in ("cells/python-worker.js", "deck/deck.js", "js/sandbox.js", "models/runtime.js", "offline/register.js",
                 "python/scratchnet/network.py", "cells/python/talkbook_kernel.py"):
        assert f"talkbook/kernels/{part}" in members
    assert not [m for m in members if m.startswith("talkbook/kernels/build/") or "node_modules" in m]
    assert any(m.endswith(".dist-info/licenses/LICENSE") for m in members)
    metadata = read_member(wheel, next(m for m in members if m.endswith(".dist-info/METADATA")))
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert [r for r in requires if "tensorflow" in r] and all("extra ==" in r for r in requires if "tensorflow" in r)
    assert "Requires-Dist: mkdocs<2,>=1.6" in requires
    assert sdist.stat().st_size > 1_000_000, "the sdist carries the bundle too: the wheel is built from it"


def test_the_installed_package_is_the_wheel_and_has_a_command(venv, tmp_path):
    where = run(venv, ["python", "-c", "import talkbook.assets as a, talkbook; print(talkbook.__file__); print(a.BUNDLED)"],
                cwd=tmp_path).stdout.split()
    assert all(path.startswith(str(venv)) for path in where)
    assert run(venv, ["talkbook", "--version"], cwd=tmp_path).stdout.strip().startswith("talkbook ")
    assert run(venv, ["pip", "show", "tensorflow"], cwd=tmp_path, check=False).returncode != 0


def test_new_refuses_a_folder_that_is_not_empty(venv, tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "mine.md").write_text("keep me")
    result = run(venv, ["talkbook", "new", "taken"], cwd=tmp_path, check=False)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["mine.md"]


def test_the_new_project_references_no_missing_file(scaffold):
    reached, missing = crawl(scaffold / "site")
    assert missing == []
    assert any(path.endswith("python-worker.js") for path in reached)


def test_the_new_project_works_in_chromium(scaffold, page, no_errors, run_cell):
    with serve(scaffold / "site", isolated=True) as url:
        page.goto(url)
        expect(page.locator("h1")).to_contain_text("Rivers")
        page.goto(url + "hello/")
        expect(run_cell(page, "greet").locator(".talkbook-cell__output")).to_contain_text("hello, world #3")
        expect(run_cell(page, "squares").locator(".talkbook-cell__output")).to_contain_text("squares: 1, 4, 9, 16")

        page.goto(url + "your-turn/")
        cell = run_cell(page, "total")
        expect(cell).to_have_attribute("data-exercise", "failed")
        type_code(page, cell, "total = lambda numbers: sum(numbers)")
        run_cell(page, "total")
        expect(cell).to_have_attribute("data-exercise", "passed")
        expect(cell.locator(".talkbook-check")).to_have_count(2)

        page.goto(url + "your-turn/")
        page.click("a.talkbook-present")
        page.wait_for_selector("html[data-talkbook-deck=ready]")
        assert page.evaluate("window.talkbookDeck.getCurrentSlide().id") == "your-turn"
        speaker_notes(page, no_errors, "The hint and the solution are one click away.", "exercise-add-up-a-list")


def test_talkbook_added_to_an_existing_site_works(existing, page, no_errors, run_cell):
    site = existing / "site"
    assert crawl(site)[1] == []
    with serve(site, isolated=True) as url:
        page.goto(url + "first-steps/")
        expect(run_cell(page, "sum").locator(".talkbook-cell__output")).to_contain_text("45")
        page.goto(url + "guide/")
        expect(run_cell(page, "js-on-a-page").locator(".talkbook-cell__output")).to_contain_text("js 2 4 6")
        page.goto(url + "slides/")
        page.wait_for_selector("html[data-talkbook-deck=ready]")
        speaker_notes(page, no_errors, "Lecture speaker note.", "first-steps")
    nav = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', (site / "index.html").read_text())
    assert "Guide" in nav and "First steps" in nav


def speaker_notes(page, context, note: str, slide: str) -> None:
    """Go to ``slide``, open the speaker view (S) and wait for ``note`` in it."""
    page.evaluate(f"window.talkbookDeck.slide(...Object.values(window.talkbookDeck.getIndices(document.getElementById({slide!r}))))")
    with context.expect_page() as popup:
        page.keyboard.press("s")
    popup.value.wait_for_function(
        "note => document.querySelector('.speaker-controls-notes')?.innerText.includes(note)", arg=note, timeout=30_000)


def read_member(wheel, member: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member).decode("utf-8")
