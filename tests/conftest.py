"""Fixtures shared by unit and browser tests: the built course site and its server."""

from __future__ import annotations

import pytest

from tests.support.sites import ROOT, serve_built


@pytest.fixture(scope="session")
def course_served(tmp_path_factory):
    """The project's own site (mkdocs.yml at the repository root), built once and served."""
    site = tmp_path_factory.mktemp("course") / "site"
    # Served cross-origin isolated, as a real host would with headers: otherwise the cells'
    # coi-serviceworker reloads each page once, in the middle of whatever a test is doing.
    with serve_built(ROOT / "mkdocs.yml", site, isolated=True) as url:
        yield site, url


@pytest.fixture(scope="session")
def course_site(course_served):
    return course_served[0]


@pytest.fixture(scope="session")
def course_url(course_served):
    return course_served[1]
