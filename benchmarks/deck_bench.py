"""Deck benchmark: what the reveal.js deck adds to a talkbook build, for 50 and 500 slides.

    .venv/bin/python -m benchmarks.deck_bench [--slides 50 500] [--runs 3] [--json out.json]

For each size it writes a generated talk (five slides a chapter, the same chapters
as build_bench) and builds it twice, alternating, in child processes:

  with deck      the talkbook/talk plugin as shipped: chapters and the deck
  without deck   the same site and plugin, with the deck taken out by a shim (the plugin
                 has no option to turn the deck off; ``enabled: false`` drops the
                 chapters too): the deck page, reveal.js and the deck's own modules are
                 removed from the site's files and the step that joins the chapters
                 into the deck is skipped. Chapters, navigation and search are unchanged.

It reports median CPU seconds (child user + system) with the spread, the deck's
extra CPU against the CPU of the whole chapters-only build (target: a deck costs no
more than the chapters it is made from, i.e. at most 2× the chapters-only build), the
deck page's HTML bytes against the sum of the chapter pages' content (their
``<article>``), and how many copies of reveal.js the built site holds (must be 1).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from benchmarks.build_bench import EXTENSIONS, chapter_text
from benchmarks.common import add_json_argument, finish, ratio, summary

ROOT = Path(__file__).resolve().parents[1]
SLIDES_PER_CHAPTER = 5  # chapter_text() writes five slides
REVEAL = ROOT / "node_modules" / "reveal.js" / "dist"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def disable_deck() -> None:
    """Patch the talk plugin, in this process only, so that it builds the chapters without the deck."""
    from talkbook.talk import plugin as talk

    ship_files = talk.TalkPlugin.on_files

    def on_files(self, files, *, config):
        files = ship_files(self, files, config=config)
        reveal = talk.vendor("reveal.js").url_prefix
        dropped = (self._deck_uri, reveal + "/", self._asset_prefix + "/")
        for file in [f for f in files if f.src_uri == dropped[0] or f.src_uri.startswith(dropped[1:])]:
            files.remove(file)
        return files

    def on_nav(self, nav, *, config, files):
        if config.nav is None:
            self._order_chapters(nav, files)
        return nav

    talk.TalkPlugin.on_files = on_files
    talk.TalkPlugin.on_nav = on_nav
    talk.TalkPlugin.on_env = lambda self, env, *, config, files: env


def write_site(root: Path, slides: int) -> Path:
    chapters = slides // SLIDES_PER_CHAPTER
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "course").mkdir()
    (root / "course" / "talk.md").write_text("\n".join(chapter_text(n) for n in range(1, chapters + 1)))
    config = {"site_name": "Bench", "theme": {"name": "material", "font": False}, "markdown_extensions": EXTENSIONS,
              "plugins": ["search", {"talkbook/talk": {}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return root


def measure_build(site: Path, out: Path, with_deck: bool) -> float:
    """One `mkdocs build` into ``out`` in a child process; its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = (
        ("" if with_deck else "from benchmarks.deck_bench import disable_deck; disable_deck();")
        + "from mkdocs.commands.build import build; from mkdocs.config import load_config;"
        f"build(load_config({str(site / 'mkdocs.yml')!r}, site_dir={str(out)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def reveal_copies(site: Path) -> list[str]:
    """Every file of the built site that is reveal.js, whole or inlined into another file."""
    shipped = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (REVEAL / "reveal.mjs", REVEAL / "reveal.js")}
    source = (REVEAL / "reveal.mjs").read_bytes()
    fingerprint = source[len(source) // 2: len(source) // 2 + 200]  # a stretch of reveal.js's own code
    copies = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in (".js", ".mjs", ".html")):
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() in shipped or fingerprint in data:
            copies.append(path.relative_to(site).as_posix())
    return copies


def sizes(site: Path, chapters: int) -> dict:
    chapter_pages = [site / f"chapter-{n}" / "index.html" for n in range(1, chapters + 1)]
    articles = [ARTICLE.search(p.read_text(encoding="utf-8")) for p in chapter_pages]
    assert all(articles), "a chapter page has no <article>: the theme's markup changed"
    return {
        "deck_html_bytes": (site / "slides" / "index.html").stat().st_size,
        "chapter_content_bytes": sum(len(a.group(1).encode()) for a in articles),
        "chapter_pages_bytes": sum(p.stat().st_size for p in chapter_pages),
    }


def bench(slides: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        site = write_site(Path(tmp) / "talk", slides)
        outputs = {True: Path(tmp) / "with-deck", False: Path(tmp) / "without-deck"}
        samples: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(runs):  # alternating, so machine noise hits both alike
            for with_deck, out in outputs.items():
                samples[with_deck].append(measure_build(site, out, with_deck))
        result = sizes(outputs[True], slides // SLIDES_PER_CHAPTER)
        result["reveal_copies"] = reveal_copies(outputs[True])
        result["reveal_copies_without_deck"] = reveal_copies(outputs[False])
        deck_html = (outputs[True] / "slides" / "index.html").read_text(encoding="utf-8")
    with_deck, without = summary(samples[True]), summary(samples[False])
    result.update({
        "with_deck_cpu_s": with_deck, "without_deck_cpu_s": without, "cpu_ratio": ratio(with_deck, without),
        "deck_cpu_s": with_deck["median"] - without["median"],
        "deck_html_vs_chapter_content": result["deck_html_bytes"] / result["chapter_content_bytes"],
        "deck_uses_shared_reveal": len(result["reveal_copies"]) == 1
                                    and result["reveal_copies"][0] in deck_html,  # the import map names it
    })
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slides", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--runs", type=int, default=3)
    add_json_argument(parser)
    args = parser.parse_args(argv)
    results = {}
    for slides in args.slides:
        results[str(slides)] = r = bench(slides, args.runs)
        w, wo = r["with_deck_cpu_s"], r["without_deck_cpu_s"]
        print(f"{slides:>4} slides  without deck {wo['median']:6.2f}s [{wo['min']:.2f}–{wo['max']:.2f}]  "
              f"with deck {w['median']:6.2f}s [{w['min']:.2f}–{w['max']:.2f}]  CPU ×{r['cpu_ratio']:.2f}  "
              f"deck HTML {r['deck_html_bytes'] / 1024:.0f} KB = ×{r['deck_html_vs_chapter_content']:.2f} "
              f"the chapters' content  reveal.js copies: {len(r['reveal_copies'])} {r['reveal_copies']}", flush=True)
        assert len(r["reveal_copies"]) == 1 and r["deck_uses_shared_reveal"], "the deck must share one reveal.js"
    return finish({"runs": args.runs, "slides": results}, args.json)


if __name__ == "__main__":
    main()
