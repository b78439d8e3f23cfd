"""A "Cite this page" block at the end of each chapter, in the page's language.

The chapters are the pages the claim ledger names (data/claims.yml, `chapter`). The block is
a collapsed admonition holding a plain reference (the page's title and address, and the source
it retells: 루트에리노's PGR21 post of 2020-03-08) and a BibTeX entry. CITATION.cff at the
repository root cites the site as a whole.
"""

import re
import time
from html import escape

ESSAY = {
    "en": "Retold from 루트에리노, “머신러닝 이야기 - 2. 딥러닝 이야기 두번째” (Machine learning stories, 2: deep learning, part two), PGR21 free board, post 84949, 2020-03-08.",
    "ko": "원글: 루트에리노, 「머신러닝 이야기 - 2. 딥러닝 이야기 두번째」, PGR21 자유 게시판 84949번 게시물, 2020년 3월 8일.",
}
TEXT = {
    "en": ("Cite this page", "Thaw. “{title}.” {year}. {url}"),
    "ko": ("이 페이지 인용하기", "Thaw, 「{title}」, {year}, {url}"),
}


def _title(markdown: str) -> str:
    heading = re.search(r"^# (.+?)(?:\s*\{#[\w-]+\})?\s*$", markdown, re.MULTILINE)
    return heading[1].strip() if heading else "Thaw"


def block(markdown: str, page, language: str, site_url: str) -> str:
    """The block as HTML: a collapsed <details> that search skips (data-search-exclude), or the
    post's author, cited on every chapter, would outrank the home page that credits him."""
    title, year = _title(markdown), time.strftime("%Y")
    url = (site_url or "").rstrip("/") + "/" + page.url
    label, plain = TEXT[language]
    key = "thaw-" + re.sub(r"\W+", "-", page.file.src_uri.removesuffix(".md").removesuffix(".ko")).strip("-")
    bibtex = "\n".join(
        [
            f"@misc{{{key}{'-ko' if language == 'ko' else ''},",
            f"  title        = {{{title}}},",
            "  author       = {{Thaw}},",
            f"  year         = {{{year}}},",
            f"  howpublished = {{\\url{{{url}}}}},",
            "  note         = {Retold from 루트에리노, PGR21 free board, post 84949, 2020-03-08},",
            "}",
        ]
    )
    # the page's address ends its line: the source it retells starts the next, so that neither
    # runs into the other when copied
    reference = f"{escape(plain.format(title=title, year=year, url=url))}<br>\n{escape(ESSAY[language])}"
    return (
        f'<details class="quote thaw-cite" data-search-exclude><summary>{escape(label)}</summary>\n'
        f"<p>{reference}</p>\n<pre><code>{escape(bibtex)}</code></pre>\n</details>\n"
    )


def cite_chapter(markdown: str, page, claims, language: str, site_url: str) -> str:
    """A chapter (a page the ledger's rows name) with its "Cite this page" block at the end."""
    chapters = {row["chapter"].partition("#")[0] for row in claims}
    if page.file.src_uri.replace(".ko.md", ".md") not in chapters:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + block(markdown, page, language, site_url) + "\n"
