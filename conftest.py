"""Root pytest configuration: how pytest-markdown-docs reads the chapters' fences.

A Python fence runs in exactly one place:
- a fence whose body only includes a snippet (`--8<-- "snippets/x.py"`) runs from the
  file, in tests/test_snippets.py, so pytest-markdown-docs skips it (notest);
- a fence markdown-exec executes at build time (`exec="on"`) runs in the strict site
  build (tests/test_site.py), so it is skipped here too;
- every other Python fence is run by pytest-markdown-docs.
tests/test_site.py::test_every_fence_and_notebook_runs checks that nothing falls through.
"""

import os

import pytest

from tests.support import markdown_it_parser, needs_site, run_order, site_group

# How far a worker that does not build the site steps back (os.nice's increment; see below).
YIELD_NICENESS = 10


def pytest_markdown_docs_markdown_it():
    return markdown_it_parser()


# The tests that need the built site (SITE_GROUPS in tests/support.py) share one build, in
# two groups, each kept in one xdist worker: the browser tests (one server, one Chromium) and
# the tests that read the built files. xdist's own `--dist loadgroup` does not group them under
# pytest 9 (its group marker rewrites a node id pytest no longer reads; checked with
# pytest-xdist 3.8.0), and xdist has no public way to choose a test's group. So this scheduler
# overrides the one private method that decides it, LoadScopeScheduling._split_scope(nodeid):
# tests/test_pins.py checks its signature against the pin. Groups are handed out in the run
# order below (pyproject.toml's --no-loadscope-reorder keeps it): the browser group first, so
# one worker builds at once, while the other runs the tests without the site and then the files
# group, by which time the build is done or nearly (tests/conftest.py's `site` waits for it).
@pytest.hookimpl(optionalhook=True)  # a run with `-p no:xdist` has no such hook
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SiteGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return site_group(nodeid)

    return SiteGroupScheduling(config, log)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: run_order(item.nodeid))  # stable: file order within each part


# The strict build is the run's critical path: the site's tests wait for it, and the other
# worker's tests do not. On two cores, with both at the same priority, that worker's fault
# builds and kernels slowed the build. So a worker lowers its own priority (os.nice: any user
# may) before its first test outside the site's groups: the build, its kernels and the browser
# tests get the cores first, and the other tests run in what they leave. Nothing runs less.
# The browser worker runs its group first, so it yields only after the build and its tests. A
# run without xdist has nothing to yield to.
@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if "PYTEST_XDIST_WORKER" in os.environ and not needs_site(item.nodeid):
        _yield_to_the_build()


_YIELDED = []


def _yield_to_the_build():
    if not _YIELDED:  # once per process
        os.nice(YIELD_NICENESS)
        _YIELDED.append(YIELD_NICENESS)
