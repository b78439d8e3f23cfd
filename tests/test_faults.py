"""Bad input fails loudly: each fault, alone in a throwaway site, breaks the build or the
tests with a message that names the file (and the line, where the tool gives one).

Each fault is checked in this process, as markdown-exec tests its formatters: a strict build of
a small site (load_config and build, tests/support.py build_in_process), or a call of the
plugin's own function. One build runs end to end, as a reader runs it: `mkdocs build --strict`
in a subprocess (the missing include)."""

import json
import re
import shutil
import subprocess
import sys

import pytest
from support import ROOT, build_in_process, mkdocs_build

PAGES = {
    "missing-include": (
        (
            'Intro.\n\n```python exec="on" source="above" title="snippets/missing.py"\n'
            '--8<-- "snippets/missing.py"\n```\n'
        ),
        ["docs/bad.md:6:", "included file not found: snippets/missing.py"],
    ),
    "fence-raises": (
        'Intro.\n\nMore.\n\n```python exec="on"\nx = 1\nraise ValueError("fence went wrong")\n```\n',
        ["docs/bad.md:7:", "ValueError: fence went wrong"],
    ),
    "dead-link": (
        "See [the missing page](missing.md).\n",
        ["'bad.md'", "missing.md"],
    ),
    "dead-anchor": (
        "See [a missing section](index.md#no-such-section).\n",
        ["'bad.md'", "#no-such-section"],
    ),
    "unknown-marker": (
        "The ledger:\n\n<!-- thaw:ledgr -->\n",
        ["docs/bad.md:5: unknown marker <!-- thaw:ledgr -->"],
    ),
}


def throwaway_site(tmp_path, page_name, nav_entry):
    """A site that inherits the real mkdocs.yml, with its own docs/ and nav."""
    for shared in ("overrides", "data", "snippets"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA throwaway site.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nnav:\n  - index.md\n  - {nav_entry}: {page_name}\n",
        encoding="utf-8",
    )
    return tmp_path / "docs" / page_name


# A missing include and an unknown marker are the plugin's own checks: each is a call of its
# function below (and the missing include a whole build, end to end); the rest are MkDocs' and
# markdown-exec's, met in a build.
BUILT = [fault for fault in PAGES if fault not in ("missing-include", "unknown-marker")]


@pytest.mark.parametrize("fault", BUILT)
def test_page_fault_fails_the_build_and_names_the_page(fault, tmp_path):
    text, expected = PAGES[fault]
    throwaway_site(tmp_path, "bad.md", "Bad").write_text(f"# Bad\n\n{text}", encoding="utf-8")
    passed, log = build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert not passed, f"the build passed despite a {fault}:\n{log}"
    for needle in expected:
        assert needle in log, f"the {fault} message should say {needle!r}:\n{log}"


def test_a_missing_include_is_named_by_page_and_line(tmp_path):
    from mkdocs.exceptions import PluginError

    from thaw.record import check_includes

    text, expected = PAGES["missing-include"]
    with pytest.raises(PluginError) as raised:
        check_includes(f"# Bad\n\n{text}", "docs/bad.md", ROOT)
    assert all(needle in str(raised.value) for needle in expected), raised.value
    check_includes('```python\n--8<-- "snippets/dropout.py"\n```\n', "docs/good.md", ROOT)  # one that exists


def test_the_reader_s_build_names_a_missing_include_end_to_end(tmp_path):
    """The one subprocess build: `mkdocs build --strict`, as a reader runs it, prints the fault."""
    text, expected = PAGES["missing-include"]
    throwaway_site(tmp_path, "bad.md", "Bad").write_text(f"# Bad\n\n{text}", encoding="utf-8")
    build = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", tmp_path)
    assert build.returncode != 0, f"the build passed despite a missing include:\n{build.stdout}"
    for needle in expected:
        assert needle in build.stdout, f"the message should say {needle!r}:\n{build.stdout}"
    assert "Traceback" not in build.stdout, f"one clear message, not a traceback:\n{build.stdout}"


def notebook_text(title, code):
    """A notebook of a title and one code cell, as JSON."""
    cells = [
        {"cell_type": "markdown", "id": "title", "metadata": {}, "source": [f"# {title}"]},
        {
            "cell_type": "code",
            "id": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": code,
        },
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def build_notebook_site(tmp_path, title, code):
    """A throwaway site whose one notebook, docs/notebooks/bad.ipynb, is a title and one code cell."""
    page = throwaway_site(tmp_path, "notebooks/bad.ipynb", "Bad notebook")
    page.parent.mkdir()
    page.write_text(notebook_text(title, code))
    return build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site")


def test_notebook_cell_error_fails_the_build_and_names_the_notebook(tmp_path):
    passed, log = build_notebook_site(tmp_path, "A bad notebook", ["raise ValueError('cell went wrong')"])
    assert not passed, f"the build passed despite a failing cell:\n{log}"
    log = re.sub(r"\x1b\[[0-9;]*m", "", log)  # the kernel colours its traceback
    assert "Error reading page 'notebooks/bad.ipynb'" in log, log
    assert "ValueError: cell went wrong" in log, log


def test_undescribed_notebook_figure_fails_naming_the_cell(tmp_path):
    """A lab figure needs its description (thaw/figures.py figure_alts, which the build calls for
    each lab page), or a screen reader has none."""
    from mkdocs.exceptions import PluginError

    from thaw.figures import figure_alts

    code = ["import matplotlib.pyplot as plt\n", "plt.plot([0, 1])\n", "plt.show()"]
    notebook = tmp_path / "bad.ipynb"
    notebook.write_text(notebook_text("A figure without a description", code))
    with pytest.raises(
        PluginError, match=r"docs/notebooks/bad\.ipynb, cell 2: shows 1 figure\(s\) but describes 0"
    ):
        figure_alts(notebook, "en")


def test_failing_inline_fence_fails_pytest_with_file_and_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nText.\n\n```python\nassert 1 + 1 == 3, 'arithmetic is off'\n```\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "--markdown-docs",
            "--markdown-docs-syntax=superfences",
            "-o",
            "addopts=",
            "--rootdir",
            str(tmp_path),
            str(page),
        ],
        check=False,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert run.returncode == 1, run.stdout
    assert "page.md" in run.stdout and "arithmetic is off" in run.stdout, run.stdout
    assert "line:5" in run.stdout or "page.md:6" in run.stdout, f"no line number:\n{run.stdout}"


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line that starts with needle."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def _first_id(text: str) -> str:
    return re.search(r"^- id: (\S+)", text, re.MULTILINE)[1]


def _drop_venue(data):
    path = data / "references" / "spring.yml"
    text = path.read_text(encoding="utf-8")
    ref_id = _first_id(text)
    start = _line_of(text, "- id: ")
    path.write_text(re.sub(r"^  venue: .*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return [f"data/references/spring.yml:{start}: entry {ref_id!r} lacks 'venue'"]


def _same_id_twice(data):
    spring = (data / "references" / "spring.yml").read_text(encoding="utf-8")
    first = spring[spring.index("- id: ") :].split("\n- ")[0].rstrip("\n") + "\n"
    comments = data / "references" / "comments.yml"
    before = comments.read_text(encoding="utf-8").rstrip("\n") + "\n"
    comments.write_text(before + first, encoding="utf-8")
    ref_id, line = _first_id(spring), _line_of(spring, "- id: ")
    return [f"data/references/spring.yml:{line}: id {ref_id!r} again (first at data/references/comments.yml:"]


TIMELINE = "snippets/timeline.py"  # the timeline's events: its EVENTS string, read like a data file


def _yaml_syntax(data):
    path = data.parent / TIMELINE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = _line_of("".join(lines), "  event: ")
    lines[broken - 1] = '  event: "an event whose quote is never closed\n'
    path.write_text("".join(lines), encoding="utf-8")
    return [re.compile(rf"snippets/timeline\.py:({broken}|{broken + 1}|{broken + 2}):\d+: YAML syntax error")]


def _edit_first(data, name, field, value):
    """Set a field where it first appears in name (under the site); returns "name:<the entry's line>: "."""
    path = data.parent / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if re.match(rf"(- |  ){field}: ", line))
    lines[at] = f"{lines[at][:2]}{field}: {value}\n"
    path.write_text("".join(lines), encoding="utf-8")
    start = max(i for i in range(at + 1) if lines[i].startswith("- "))
    return f"{name}:{start + 1}: "


def _unknown_source(data):
    where = _edit_first(data, TIMELINE, "source", "nosuch1999")
    return [where, "cites 'nosuch1999', which is not an entry in data/references/"]


def _unknown_claim(data):
    """A gap in the claim ids (C22 written as C24): the ids are C1..Cn, none missing."""
    path = data / "claims.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: C22\n", "- id: C24\n"), encoding="utf-8")
    return ["data/claims.yml: one row per claim, C1..C22 in order, none missing; no row for C22"]


def _missing_chapter(data):
    where = _edit_first(data, TIMELINE, "chapter", "no-such-chapter.md")
    return [where, "chapter 'no-such-chapter.md' is not a page in docs/"]


DATA_FAULTS = {
    "missing-field": _drop_venue,
    "duplicate-id": _same_id_twice,
    "yaml-syntax": _yaml_syntax,
    "unknown-id": _unknown_source,
    "unknown-claim": _unknown_claim,
    "missing-chapter": _missing_chapter,
}


def site_with_data_fault(tmp_path, fault):
    """A copy of data/ and snippets/ that holds one fault; returns the messages it must give."""
    for copied in ("data", "snippets"):
        shutil.copytree(ROOT / copied, tmp_path / copied)
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    return DATA_FAULTS[fault](tmp_path / "data")


@pytest.mark.parametrize("fault", DATA_FAULTS)
def test_data_fault_is_named_by_file_and_entry(fault, tmp_path):
    from thaw.data import DataError, load

    expected = site_with_data_fault(tmp_path, fault)
    with pytest.raises(DataError) as raised:
        load(tmp_path)
    message = str(raised.value)
    for needle in expected:
        found = needle.search(message) if isinstance(needle, re.Pattern) else needle in message
        assert found, f"the {fault} message should say {getattr(needle, 'pattern', needle)!r}:\n{message}"


def test_a_data_fault_stops_the_build_before_any_page(tmp_path):
    """The plugin checks data/ in on_config: the build stops at the faulty file, with one clear
    message, before any page or fence reads it."""
    expected = site_with_data_fault(tmp_path, "missing-field")
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\n", encoding="utf-8"
    )
    passed, log = build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert not passed and expected[0] in log, log
    assert "Traceback" not in log, f"one clear message:\n{log}"
    assert "docs/" not in log.replace("is not a page in docs/", ""), f"a page was built first:\n{log}"


def test_a_notebook_page_whose_figures_and_descriptions_differ_fails(tmp_path):
    """The build pairs each lab image with its cell's description (thaw/figures.py); a page with
    more or fewer images than described figures fails, naming the notebook (this is what keeps a
    figure from going missing from its page: the inline backend must leave one image per plt.show())."""
    from mkdocs.exceptions import PluginError

    notebook = tmp_path / "lab.ipynb"
    alt = {"en": "A line plot of x against y.", "ko": "x에 대한 y의 선 그래프입니다."}
    cell = {"cell_type": "code", "metadata": {"thaw": {"alt": [alt]}}, "source": ["plt.show()"]}
    notebook.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    from thaw.figures import WebP, notebook_images
    from thaw.html import Document

    def describe(html):
        doc = Document(html)
        notebook_images(doc, notebook, "en", WebP())
        return doc.result()

    import base64
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    one = f'<img src="data:image/png;base64,{base64.b64encode(png.getvalue()).decode()}">'
    assert 'alt="A line plot' in describe(one)
    for images in ("", one * 2):
        with pytest.raises(
            PluginError, match=r"lab\.ipynb: the page shows \d figure\(s\) but its cells describe 1"
        ):
            describe(images)


def test_an_unknown_marker_fails_naming_page_and_line():
    """A misspelt generated-table marker would render nothing; the one dispatcher (thaw/record.py)
    fails instead, and every marker the site uses is a known one."""
    from mkdocs.exceptions import PluginError

    from thaw.record import MARKER, MARKERS, render_markers

    assert render_markers("# Ledger\n\nText.\n", "docs/ledger.md", None, "docs", False)
    with pytest.raises(PluginError, match=r"docs/ledger\.md:3: unknown marker <!-- thaw:ledgr -->"):
        render_markers("# Ledger\n\n<!-- thaw:ledgr -->\n", "docs/ledger.md", None, "docs", False)
    used = {m for p in (ROOT / "docs").rglob("*.md") for m in MARKER.findall(p.read_text("utf-8"))}
    assert used and used <= set(MARKERS), f"markers in docs/ that the table lacks: {used - set(MARKERS)}"


def test_each_field_fault_is_named_by_file_line_entry_and_field():
    """thaw/data.py checks each entry against its file's JSON Schema (jsonschema); each
    fault reads as before: file, line, entry, field, and what it should be."""
    from thaw import data as datafiles

    def entry(fields):
        e = datafiles.Entry(fields)
        e.file, e.line = "data/x.yml", 5
        return e

    problems = []
    reference = {"id": "a", "authors": "X", "year": "1999", "title": "", "venue": "V", "doi": 5, "extra": 1}
    datafiles._check_fields([entry(reference)], datafiles.SCHEMAS["references"], problems)
    claim = {"id": "C7x", "claim": "c", "claim_ko": "k", "verdict": "maybe", "record": "r", "record_ko": "r"}
    claim |= {"sources": [], "chapter": "x.md", "chapter_title": "t", "chapter_title_ko": "t"}
    datafiles._check_fields([entry(claim)], datafiles.SCHEMAS["claims"], problems)
    assert problems == [
        "data/x.yml:5: entry 'a': doi 5 should be a text",
        "data/x.yml:5: entry 'a': year '1999' should be a whole number",
        "data/x.yml:5: entry 'a' lacks 'title'",
        (
            "data/x.yml:5: entry 'a' has unknown field(s) ['extra'] (known: id, authors, year, title, venue,"
            " short, short_ko, doi, arxiv, url)"
        ),
        "data/x.yml:5: claim 'C7x' is not a claim id: C1, C2, ... (C and a number)",
        "data/x.yml:5: entry 'C7x': verdict 'maybe' is not one of ('holds', 'imprecise', 'wrong', 'opinion')",
        "data/x.yml:5: entry 'C7x' lacks 'sources'",
    ], problems
