"""Fixtures shared by unit and browser tests: the built course site and its server."""

from __future__ import annotations

import pytest

from tests.support.server import serve
from tests.support.sites import ROOT, build_site


@pytest.fixture(scope="session")
def course_site(tmp_path_factory):
    """The project's own site (mkdocs.yml at the repository root), built once per run."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("course") / "site")


@pytest.fixture(scope="session")
def course_url(course_site):
    with serve(course_site) as url:
        yield url
