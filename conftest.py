"""Root pytest configuration: how pytest-markdown-docs reads the chapters' fences.

A Python fence runs in exactly one place:
- a fence whose body only includes a snippet (`--8<-- "snippets/x.py"`) runs from the
  file, in tests/test_snippets.py, so pytest-markdown-docs skips it (notest);
- a fence markdown-exec executes at build time (`exec="on"`) runs in the strict site
  build (tests/test_site.py), so it is skipped here too;
- every other Python fence is run by pytest-markdown-docs.
tests/test_site.py::test_every_fence_and_notebook_runs checks that nothing falls through.
"""

from tests.support import markdown_it_parser


def pytest_markdown_docs_markdown_it():
    return markdown_it_parser()
