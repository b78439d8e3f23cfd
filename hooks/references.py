"""Render the reference list from data/references/*.yml where a page holds the marker.

A hook rather than a build-time fence, so that MkDocs sees each entry's id and can
check every `references.md#<id>` link in the site (validation: anchors).
"""

from html import escape

import datafiles  # hooks/datafiles.py: reads and checks data/

MARKER = "<!-- thaw:references -->"


def _link(entry):
    if "doi" in entry:
        return f'doi:<a href="https://doi.org/{entry["doi"]}">{entry["doi"]}</a>'
    if "arxiv" in entry:
        return f'arXiv:<a href="https://arxiv.org/abs/{entry["arxiv"]}">{entry["arxiv"]}</a>'
    return f'<a href="{escape(entry["url"])}">{escape(entry["url"])}</a>'


def _surname(entry):
    return (entry.get("short") or entry["authors"].split(",")[0].split()[-1]).lower()


def _entries(config):
    """All entries, from every file in data/references/ (one file per part of the site)."""
    return datafiles.of(config).references.values()


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    items = [
        f'<li id="{e["id"]}">{escape(e["authors"])} ({e["year"]}). '
        f"<cite>{escape(e['title'])}</cite>. {escape(e['venue'])}. {_link(e)}</li>"
        for e in sorted(_entries(config), key=lambda e: (_surname(e), e["year"]))
    ]
    return markdown.replace(MARKER, '<ol class="thaw-references">\n' + "\n".join(items) + "\n</ol>")
