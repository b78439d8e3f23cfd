"""Shared fixture: one strict build of the real site, reused by every test that needs it."""

import json
import os

import pytest
from support import ROOT, fence_runs, mkdocs_build, static_site

# Two xdist workers share two cores: one BLAS/OpenMP thread each avoids oversubscription.
# Set before any test imports torch or numpy; the build subprocess inherits it.
os.environ.setdefault("OMP_NUM_THREADS", "1")


# The site is built for, and served at, its own free port, so `make serve` on 8000 (or
# another test run) does not collide with the browser tests; instant navigation needs the
# served origin to match site_url. Under a subpath, as GitHub Pages serves the published site
# (https://OWNER.github.io/thaw/, .github/workflows/pages.yml): every page, asset, search
# result and language link is then checked where a root-relative URL would break.
os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{static_site.free_port()}/thaw/")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site once, strictly, executing every build-time fence and notebook."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:  # the workers' temporary folders share a parent for the run
        builder = tmp_path_factory.getbasetemp().parent / "site-built-by"
        try:
            with builder.open("x") as mark:
                mark.write(worker)
            first = True
        except FileExistsError:
            first = False
        if not first:
            pytest.fail(
                f"{worker} needs the site, but {builder.read_text()} built it: the site's tests are not"
                " in one worker. Add the test's file to SITE_TEST_FILES in tests/support.py, or check"
                " conftest.py's scheduler against pytest-xdist (it overrides 3.8.0's private _split_scope)",
                pytrace=False,
            )
    site_dir = tmp_path_factory.mktemp("site")
    build = mkdocs_build(ROOT / "mkdocs.yml", site_dir, ROOT, cache=True)
    write_claims_summary(fence_runs(site_dir))
    return site_dir, build


CLAIMS_SUMMARY = ROOT / ".pytest_cache" / "thaw-claims.json"


def write_claims_summary(runs):
    """Each snippet's claim as this build checked it (held, failed, or never ran; run now or taken
    from the execution cache), for the root conftest's closing summary (the build runs in an xdist
    worker, the summary is the controller's)."""
    snippets = sorted(
        {
            r["include"]
            for r in runs
            if (r["include"] or "").count("/") == 1 and r["include"].startswith("snippets/")
        }
    )
    claims = {}
    for name in snippets:
        mine = [r for r in runs if r["include"] == name and not r["reused"]]
        held = all(r["ok"] for r in mine)
        claims[name] = {"held": held, "cached": bool(mine) and all(r.get("cached") for r in mine)}
    CLAIMS_SUMMARY.parent.mkdir(exist_ok=True)
    CLAIMS_SUMMARY.write_text(json.dumps(claims), encoding="utf-8")
