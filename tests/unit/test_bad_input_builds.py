"""Bad input through whole builds: one clear error naming file and line, and the last good site kept.

The parser's own tests cover each mistake in detail; here every one goes through a real
`mkdocs build` of a site that built fine a moment before, as an author would meet it.
"""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from tests.support.sites import build_site, write_fixture_site
from tests.unit.test_talk_parser import BAD_TALKS

GOOD_TALK = "# Alpha\n\n## One\n\nWords.\n"
CELLS = {"talkbook/cells": {}}
TALK = {"talkbook/talk": {}}

# Talks that are valid but unusual: they must build.
ODD_BUT_FINE = {
    "empty chapter": "# Alpha\n\n# Empty\n\n# Gamma\n\nText.\n",
    "very long line": "# Alpha\n\n" + "word " * 40_000 + "\n",
    "only a title slide and one chapter": "---\ntitle: T\n---\n\n# Alpha\n",
    "html in headings is text": "# <b>Bold</b> & more\n\n## <img src=x onerror=alert(1)>\n",
    "unicode everywhere": "# Ünïcødé 🎉\n\n## Ελληνικά\n\n中文内容\n",
}

BAD_CELLS = {
    "unknown cell option": ("```python {run speed=fast}\nx = 1\n```\n", "speed"),
    "duplicate cell id": ("```python {run id=a}\nx = 1\n```\n\n```python {run id=a}\ny = 2\n```\n", "two cells have the id 'a'"),
    "checks for a missing cell": ("```python {check for=nothing}\nassert True\n```\n", "for=nothing"),
    "javascript exercise": ("```js {run id=j}\n1\n```\n\n```js {check for=j}\n1\n```\n", "exercises"),
}


@pytest.fixture
def good_site(tmp_path):
    config = write_fixture_site(tmp_path, talk=GOOD_TALK, plugins=["search", TALK, CELLS])
    site = build_site(config, tmp_path / "site")
    return config, site, sorted(p.relative_to(site) for p in site.rglob("*"))


def rebuild_fails(config, site, before, caplog) -> str:
    caplog.clear()
    with pytest.raises(Abort):
        build_site(config, site)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before, "a failed build changed the site"
    assert not (site.parent / f".{site.name}.staging").exists()
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors and not any("Traceback" in e for e in errors)
    return errors[-1]


@pytest.mark.parametrize("case", sorted(BAD_TALKS))
def test_a_bad_talk_fails_the_build_with_file_and_line(good_site, case, caplog):
    config, site, before = good_site
    text, line, message = BAD_TALKS[case]
    talk = config.parent / "course" / "talk.md"
    talk.write_text(text, encoding="utf-8")
    error = rebuild_fails(config, site, before, caplog)
    assert f"{talk}:{line}: " in error and message in error


@pytest.mark.parametrize("raw", [b"# A\n\ncaf\xe9\n", b"# A\n\n\x00\x01binary\x02\n", b"\xff\xfe# A\n"], ids=["latin-1", "binary", "utf-16 bom"])
def test_undecodable_bytes_fail_with_the_line(good_site, raw, caplog):
    config, site, before = good_site
    talk = config.parent / "course" / "talk.md"
    talk.write_bytes(raw)
    error = rebuild_fails(config, site, before, caplog)
    assert f"{talk}:" in error


@pytest.mark.parametrize("case", sorted(ODD_BUT_FINE))
def test_odd_but_valid_talks_build(good_site, case):
    config, site, _ = good_site
    (config.parent / "course" / "talk.md").write_text(ODD_BUT_FINE[case], encoding="utf-8")
    build_site(config, site)
    deck = (site / "slides" / "index.html").read_text()
    assert deck.count("<section ") >= 2
    for page in [deck, *(p.read_text() for p in site.glob("*/index.html"))]:
        assert "<img src=x onerror" not in page and "<b>Bold</b>" not in page


@pytest.mark.parametrize("case", sorted(BAD_CELLS))
def test_a_bad_cell_fails_the_build_naming_page_and_problem(good_site, case, caplog):
    config, site, before = good_site
    text, message = BAD_CELLS[case]
    (config.parent / "docs" / "index.md").write_text("# Home\n\n" + text, encoding="utf-8")
    error = rebuild_fails(config, site, before, caplog)
    assert "index.md" in error and message in error
