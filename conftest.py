"""Root pytest configuration: how pytest-markdown-docs reads the chapters' fences.

A Python fence runs in exactly one place:
- a fence whose body only includes a snippet (`--8<-- "snippets/x.py"`) runs from the
  file, in tests/test_snippets.py, so pytest-markdown-docs skips it (notest);
- a fence markdown-exec executes at build time (`exec="on"`) runs in the strict site
  build (tests/test_site.py), so it is skipped here too;
- every other Python fence is run by pytest-markdown-docs.
tests/test_site.py::test_every_fence_and_notebook_runs checks that nothing falls through.
"""

import json

import pytest

from tests.support import markdown_it_parser, site_group


def pytest_markdown_docs_markdown_it():
    return markdown_it_parser()


# Tests that need the built site (SITE_TEST_FILES in tests/support.py) must share one build and one server, so
# they run in one xdist worker. xdist's own `--dist loadgroup` does not group them under
# pytest 9 (its group marker rewrites a node id pytest no longer reads; checked with
# pytest-xdist 3.8.0), and xdist has no public way to choose a test's group. So this scheduler
# overrides the one private method that decides it, LoadScopeScheduling._split_scope(nodeid):
# tests/test_private_apis.py checks its signature against the pin, and the `site` fixture fails loudly
# when a second worker builds the site (tests/conftest.py).
@pytest.hookimpl(optionalhook=True)  # a run with `-p no:xdist` has no such hook
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SiteGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return site_group(nodeid)

    return SiteGroupScheduling(config, log)


def pytest_sessionstart(session):
    from tests.conftest import CLAIMS_SUMMARY

    if not hasattr(session.config, "workerinput"):  # the controller, before any worker builds
        CLAIMS_SUMMARY.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter):
    """Name every claim this run checked: its ledger ids, its snippet, whether it held, and whether
    the build ran it or took it from the execution cache (`make test` keeps one in .cache/thaw;
    `make check` runs them all)."""
    import yaml

    from tests.conftest import CLAIMS_SUMMARY
    from tests.support import ROOT

    if not CLAIMS_SUMMARY.is_file():
        return
    checked = json.loads(CLAIMS_SUMMARY.read_text(encoding="utf-8"))
    ledger = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))
    ids = {}
    for row in ledger:
        if row.get("snippet"):
            ids.setdefault(row["snippet"], []).append(row["id"])
    cached = sum(c["cached"] for c in checked.values())
    terminalreporter.section("claims")
    for name, claim in sorted(checked.items(), key=lambda item: int((ids.get(item[0]) or ["C999"])[0][1:])):
        how = "from the cache" if claim["cached"] else "ran"
        verdict = "held" if claim["held"] else "FAILED"
        terminalreporter.write_line(f"{','.join(ids.get(name, ['-'])):>8}  {name:<40} {verdict} ({how})")
    terminalreporter.write_line(
        f"{len(checked)} snippets: {len(checked) - cached} run in this build, {cached} from the execution"
        " cache (unchanged code, lock and Python; `make check` runs them all)"
    )


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """An xdist worker's last step: freeze the garbage collector, so that the interpreter's exit
    does not walk every object torch, matplotlib and MkDocs made (a worker that imported torch took
    about 0.9 s to exit, 0.25 s frozen; the controller waits for both workers). Nothing runs after
    this in the worker; every test's clean-up (kernels, servers, temporary folders) is done."""
    if hasattr(config, "workerinput"):
        import gc

        gc.freeze()
