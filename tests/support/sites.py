"""Build MkDocs sites for tests: the project's own, or small fixture sites."""

from __future__ import annotations

import textwrap
from pathlib import Path

from contextlib import contextmanager

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.support.server import serve

ROOT = Path(__file__).resolve().parents[2]


def build_site(config_file: Path, site_dir: Path, strict: bool = True, site_url: str | None = None) -> Path:
    """Build ``config_file`` into ``site_dir`` through MkDocs' own API."""
    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
    build(config)
    return site_dir


@contextmanager
def serve_built(config_file: Path, site_dir: Path, isolated: bool = False):
    """Serve ``site_dir`` on a free port and build into it with ``site_url`` set to that address.

    mkdocs-material's instant navigation only follows links listed in sitemap.xml,
    whose URLs come from ``site_url``: they must name the port the test serves on.
    """
    with serve(site_dir, isolated=isolated) as url:
        build_site(config_file, site_dir, site_url=url)
        yield url


def write_fixture_site(root: Path, talk: str | None = None, docs: dict[str, str] | None = None,
                       plugins: list | None = None, extra_config: dict | None = None,
                       files: dict[str, bytes | str] | None = None) -> Path:
    """Write a small site (mkdocs.yml, docs/, course/talk.md) and return its mkdocs.yml."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in (docs or {"index.md": "# Home\n"}).items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if talk is not None:
        (root / "course").mkdir(exist_ok=True)
        (root / "course" / "talk.md").write_text(textwrap.dedent(talk), encoding="utf-8")
    for name, content in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    if plugins is None:
        plugins = ["search", {"talkbook/talk": {}}]
    config = {
        "site_name": "Fixture",
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
        "plugins": plugins,
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "pymdownx.superfences",
                                "pymdownx.highlight", {"toc": {"permalink": True}}],
        **(extra_config or {}),
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
