"""Build benchmark: talkbook against plain mkdocs-material on the same Markdown.

    .venv/bin/python -m benchmarks.build_bench [--chapters 10 100 500] [--runs 3] [--json out.json]

For each N it writes a generated course of N chapters (five slides each, with
notes, fragments, code and a table) twice: once as a talkbook talk, once as N
plain Markdown pages with the same text. Both are built by ``mkdocs build`` in a
child process, alternating, so noise hits both alike. It reports the median CPU
seconds (user + system of the child), peak memory (max RSS) and output size, each
with its spread (min–max over the runs), the ratio talkbook / plain, and talkbook's
CPU per chapter (flat when the build grows linearly with N).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from benchmarks.common import add_json_argument, finish, ratio, summary

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences", "pymdownx.highlight",
              {"toc": {"permalink": True}}]


def chapter_text(number: int) -> str:
    slides = []
    for slide in range(1, 6):
        slides.append(
            f"## Slide {number}.{slide}\n\nSome words about idea {slide} of chapter {number}, "
            "with **bold** and `code`.\n\n"
            "```python\nfor epoch in range(10):\n    loss = train(network)\n```\n\n"
            "| input | weight |\n| --- | --- |\n| 0.5 | 1.2 |\n\n"
            "::: fragment\nA point revealed later.\n:::\n\n::: notes\nWhat to say here.\n:::\n"
        )
    return f"# Chapter {number}\n\nIntroduction to chapter {number}.\n\n" + "\n".join(slides)


def plain_text(number: int) -> str:
    """The same content as plain pages: markers dropped, notes kept out as talkbook does."""
    text = chapter_text(number)
    text = text.replace("::: fragment\n", "").replace("\n:::\n", "\n")
    return "\n".join(line for line in text.split("\n") if line != "::: notes" and line != "What to say here.")


def write_sites(root: Path, chapters: int) -> tuple[Path, Path]:
    base = {"site_name": "Bench", "theme": {"name": "material", "font": False}, "markdown_extensions": EXTENSIONS}
    talk_dir, plain_dir = root / "talkbook", root / "plain"
    for site in (talk_dir, plain_dir):
        (site / "docs").mkdir(parents=True)
        (site / "docs" / "index.md").write_text("# Home\n")
    (talk_dir / "course").mkdir()
    (talk_dir / "course" / "talk.md").write_text("\n".join(chapter_text(n) for n in range(1, chapters + 1)))
    talk_config = {**base, "plugins": ["search", {"talkbook/talk": {}}]}
    (talk_dir / "mkdocs.yml").write_text(yaml.safe_dump(talk_config))
    for n in range(1, chapters + 1):
        (plain_dir / "docs" / f"chapter-{n}.md").write_text(plain_text(n))
    (plain_dir / "mkdocs.yml").write_text(yaml.safe_dump({**base, "plugins": ["search"]}))
    return talk_dir, plain_dir


def measure_build(site: Path) -> dict:
    """One `mkdocs build` in a child process: CPU seconds, peak RSS (MB), output bytes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = (
        "import resource, sys; from mkdocs.commands.build import build; from mkdocs.config import load_config;"
        f"build(load_config({str(site / 'mkdocs.yml')!r}, site_dir={str(site / 'site')!r}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = sum(p.stat().st_size for p in (site / "site").rglob("*") if p.is_file())
    return {"cpu_s": cpu, "peak_mb": int(result.stdout.split()[-1]) / 1024, "bytes": size}


def bench(chapters: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        talk_dir, plain_dir = write_sites(Path(tmp), chapters)
        samples = {"talkbook": [], "plain": []}
        for _ in range(runs):
            samples["plain"].append(measure_build(plain_dir))
            samples["talkbook"].append(measure_build(talk_dir))
    result = {
        name: {key: summary(r[key] for r in runs_of) for key in ("cpu_s", "peak_mb", "bytes")}
        for name, runs_of in samples.items()
    }
    result["ratio"] = {key: ratio(result["talkbook"][key], result["plain"][key]) for key in ("cpu_s", "peak_mb", "bytes")}
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chapters", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--runs", type=int, default=3)
    add_json_argument(parser)
    args = parser.parse_args(argv)
    results = {}
    for n in args.chapters:
        results[str(n)] = r = bench(n, args.runs)
        plain, talk = r["plain"]["cpu_s"], r["talkbook"]["cpu_s"]
        print(f"N={n:>4}  plain {plain['median']:6.2f}s [{plain['min']:.2f}–{plain['max']:.2f}]  "
              f"talkbook {talk['median']:6.2f}s [{talk['min']:.2f}–{talk['max']:.2f}]  "
              f"CPU ×{r['ratio']['cpu_s']:.2f}  memory ×{r['ratio']['peak_mb']:.2f}  size ×{r['ratio']['bytes']:.2f}  "
              f"talkbook CPU per chapter {talk['median'] / n * 1000:.1f} ms", flush=True)
    return finish({"runs": args.runs, "chapters": results}, args.json)


if __name__ == "__main__":
    main()
