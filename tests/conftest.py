"""Shared fixture: one strict build of the real site, reused by every test that needs it."""

import pytest

from support import ROOT, mkdocs_build


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site once, strictly, executing every build-time fence and notebook."""
    site_dir = tmp_path_factory.mktemp("site")
    return site_dir, mkdocs_build(ROOT / "mkdocs.yml", site_dir, ROOT)
