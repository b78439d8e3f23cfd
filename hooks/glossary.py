"""Render the glossary from data/glossary.yml where a page holds the marker.

The English page (glossary.md) and the Korean one (glossary.ko.md) show the same terms,
each with its definition in the page's language; every term has the same anchor in both.
"""

import datafiles  # hooks/datafiles.py: reads and checks data/
import page_language  # hooks/page_language.py: the one way to know the page's language

MARKER = "<!-- thaw:glossary -->"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    korean = page_language.language(config) == "ko"
    terms = datafiles.of(config).glossary
    terms.sort(key=lambda t: t["ko"] if korean else t["en"].lower())
    lines = ["| 용어 | 영어 | 뜻 |" if korean else "| Term | 한국어 | Meaning |", "|---|---|---|"]
    for t in terms:
        first, second = (t["ko"], t["en"]) if korean else (t["en"], t["ko"])
        meaning = t["def_ko"] if korean else t["def_en"]
        lines.append(f'| <span id="{t["id"]}">**{first}**</span> | {second} | {meaning} |')
    return markdown.replace(MARKER, "\n".join(lines))
