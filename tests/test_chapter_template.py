"""tools/chapter_template/ stays a working chapter: its snippet runs and its claim holds, its
figure file draws from the snippet's session, its two pages' fences are well-formed and
identical, its Korean headings carry the English ids, and its ledger row has the ledger's fields."""

import io
import re
import runpy
import sys
from contextlib import redirect_stdout

import pytest
import yaml
from support import ROOT, markdown_it_parser

TEMPLATE = ROOT / "tools" / "chapter_template"
SNIPPET = TEMPLATE / "snippets" / "your_claim.py"
FIGURE = TEMPLATE / "snippets" / "figures" / "your_claim.py"
PAGES = [TEMPLATE / "docs" / "your-chapter.md", TEMPLATE / "docs" / "your-chapter.ko.md"]


def fences(page):
    """(info, content) of every fence, after checking each one closes where it should."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found = []
    for token in markdown_it_parser().parse("\n".join(lines) + "\n"):
        if token.type != "fence":
            continue
        closing = lines[token.map[1] - 1].strip() if token.map[1] <= len(lines) else ""
        assert closing == token.markup, f"{page.relative_to(ROOT)}:{token.map[0] + 1}: fence not closed"
        found.append((token.info, token.content))
    return found


def test_template_snippet_runs_and_its_claim_holds(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    output = io.StringIO()
    with redirect_stdout(output):
        runpy.run_path(str(SNIPPET), run_name="__main__")
    assert "spread of a mean of" in output.getvalue()
    assert re.search(r"^SEED = 0$", SNIPPET.read_text(encoding="utf-8"), re.MULTILINE), "no `SEED = 0` line"


def test_template_figure_draws_from_the_snippet_session(monkeypatch, tmp_path):
    helpers = ROOT / "snippets" / "figures"
    if not (helpers / "thaw_figure.py").is_file():
        pytest.skip("snippets/figures/thaw_figure.py (the figure-file helpers) is not in this tree yet")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(helpers))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    session = runpy.run_path(str(SNIPPET), run_name="__main__")
    output = io.StringIO()
    with redirect_stdout(output):
        exec(compile(FIGURE.read_text(encoding="utf-8"), str(FIGURE), "exec"), session)  # noqa: S102
    assert '<figure class="thaw-figure"><svg' in output.getvalue(), "the figure file printed no figure"
    sys.modules.pop("thaw_figure", None)


def test_template_pages_fences_are_well_formed_and_identical():
    english, korean = (fences(page) for page in PAGES)
    assert english == korean, "the Korean template's fences must be the English one's, byte for byte"
    includes = [re.findall(r'--8<-- "([^"]+)"', content) for _, content in english]
    assert [path for paths in includes for path in paths] == [
        str(p.relative_to(TEMPLATE)) for p in (SNIPPET, FIGURE)
    ], f"the template pages should include the snippet, then its figure file; got {includes}"
    sessions = {re.search(r'session="([^"]+)"', info)[1] for info, _ in english}
    assert sessions == {"your-chapter"}, f"both fences should share one session, got {sessions}"
    assert f'title="{SNIPPET.relative_to(TEMPLATE)}"' in english[0][0]


def test_template_korean_headings_carry_the_english_ids():
    def ids(text, korean):
        headings = re.findall(r"^##+ (.+)$", text, re.MULTILINE)
        if korean:
            return [re.search(r"\{#([\w-]+)\}\s*$", h)[1] if "{#" in h else None for h in headings]
        return [re.sub(r"[^\w]+", "-", h.lower()).strip("-") for h in headings]

    english, korean = (page.read_text(encoding="utf-8") for page in PAGES)
    assert ids(korean, True) == ids(english, False)


def test_template_ledger_row_has_the_ledgers_fields():
    (row,) = yaml.safe_load((TEMPLATE / "claims.yml").read_text(encoding="utf-8"))
    ledger = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))
    assert set(row) == set(ledger[0]), f"template row fields {sorted(row)} vs ledger {sorted(ledger[0])}"
    assert row["snippet"] == str(SNIPPET.relative_to(TEMPLATE))


@pytest.mark.audit  # a whole strict build of a scratch copy, about a minute: `make check`
@pytest.mark.site  # in the site's worker, so it never builds beside the session build on two cores
def test_a_chapter_from_the_template_builds_as_claim_c23(tmp_path):
    """Following tools/chapter_template/README.md step by step in a scratch copy of the repository
    adds claim C23: its snippet, figure, two pages and ledger row build strictly, and its claim runs."""
    import shutil
    import subprocess

    from support import fence_runs, mkdocs_build

    repo = tmp_path / "repo"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in tracked.stdout.splitlines():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    reference = yaml.safe_load((ROOT / "data" / "references" / "spring.yml").read_text("utf-8"))[0]["id"]

    def copy(source, target, drop_noqa=False):
        text = (TEMPLATE / source).read_text(encoding="utf-8")
        text = text.replace("your-chapter", "template-claim").replace("your_claim", "template_claim")
        text = text.replace("your-reference-id", reference).replace("CN", "C23")
        if drop_noqa:  # the README: drop its ruff directive line
            text = "".join(line for line in text.splitlines(keepends=True) if "ruff: " + "noqa" not in line)
        (repo / target).write_text(text, encoding="utf-8")

    copy("snippets/your_claim.py", "snippets/template_claim.py")  # step 1
    copy("snippets/figures/your_claim.py", "snippets/figures/template_claim.py", drop_noqa=True)  # step 3
    copy("docs/your-chapter.md", "docs/template-claim.md")  # step 4
    copy("docs/your-chapter.ko.md", "docs/template-claim.ko.md")
    row = (TEMPLATE / "claims.yml").read_text(encoding="utf-8").split("\n- ", 1)[1]  # step 5: the row
    row = row.replace("id: CN", "id: C23").replace("your-reference-id", reference)
    row = row.replace("your-chapter", "template-claim").replace("your_claim", "template_claim")
    with (repo / "data" / "claims.yml").open("a", encoding="utf-8") as claims:
        claims.write("\n- " + row)
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")  # step 6: nav and its Korean title
    config = config.replace(
        "      - Backpropagation, 1986: backpropagation.md\n",
        "      - Backpropagation, 1986: backpropagation.md\n      - Template claim: template-claim.md\n",
    )
    config = config.replace(
        "            Glossary: 용어집\n",
        "            Glossary: 용어집\n            Template claim: 템플릿 주장\n",
    )
    assert "template-claim.md" in config and "템플릿 주장" in config, "mkdocs.yml's nav changed shape"
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")

    site_dir = tmp_path / "site"
    build = mkdocs_build(repo / "mkdocs.yml", site_dir, repo)
    assert build.returncode == 0, f"the template chapter does not build:\n{build.stdout[-3000:]}"
    runs = [r for r in fence_runs(site_dir) if r["include"] == "snippets/template_claim.py"]
    assert runs and all(r["ok"] for r in runs), f"its claim did not run or hold: {runs}"
    ledger = (site_dir / "ledger" / "index.html").read_text(encoding="utf-8")
    assert 'id="c23"' in ledger and "template-claim/" in ledger, "the ledger has no C23 row"
