"""No missing files: every script, style sheet, module import, worker and wasm folder a built page
references is in the site, for the course and for talkbook's own documentation site.
(The scaffold of `talkbook new`, built from the wheel, is checked in tests/browser/test_wheel.py.)"""

from __future__ import annotations

import shutil

import pytest

from talkbook.assets import prefix, vendor
from tests.support.references import crawl
from tests.support.sites import ROOT, build_site

# What the crawl must reach in a site with cells, JS cells, models and a deck: proof that it follows
# pages -> modules -> settings.js -> workers and libraries, not just <script> tags.
MUST_REACH = [
    f"{prefix('cells')}/python-worker.js",
    f"{prefix('deck')}/deck.js",
    f"{prefix('js')}/sandbox-runtime.js",
    vendor("pyodide").url_prefix,
    vendor("reveal.js").url("dist/reveal.mjs"),
    vendor("@tensorflow/tfjs-backend-wasm").url("dist"),
    "assets/vendor/codemirror",
]


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory):
    return build_site(ROOT / "mkdocs.docs.yml", tmp_path_factory.mktemp("docs") / "site")


def assert_complete(site):
    reached, missing = crawl(site)
    assert missing == []
    for target in MUST_REACH:
        assert any(path == target or path.startswith(target + "/") for path in reached), target


def test_the_course_references_no_missing_file(course_site):
    assert_complete(course_site)


def test_the_docs_site_references_no_missing_file(docs_site):
    assert_complete(docs_site)


def test_the_crawl_finds_a_worker_and_a_library_file_that_are_gone(docs_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(docs_site, site)
    (site / prefix("cells") / "python-worker.js").unlink()
    (site / vendor("pyodide").url("pyodide.asm.wasm.gz")).unlink()
    _, missing = crawl(site)
    assert any(line.endswith("python-worker.js") for line in missing)
    assert any("pyodide" in line and line.endswith("(folder)") for line in missing)


def test_the_course_site_shows_the_course_and_the_docs_site_the_tool(course_site, docs_site):
    course_pages = {p.parent.name for p in course_site.glob("*/index.html")}
    for tool_page in ("authoring", "reference", "performance", "scratchnet", "models"):
        assert tool_page not in course_pages
        assert (docs_site / tool_page / "index.html").is_file()
    assert "why-machine-learning" in course_pages
    assert not (docs_site / "why-machine-learning").exists()
    # The docs' own example talk: a chapter and a deck, its source not a page.
    assert (docs_site / "same-markdown" / "index.html").is_file()
    assert (docs_site / "slides" / "index.html").is_file()
    assert not (docs_site / "examples" / "talk" / "index.html").exists()
