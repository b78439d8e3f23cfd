"""Correct the markup mkdocs-jupyter's template writes into every notebook page.

- Drop the MathJax and Mermaid loaders that point at a CDN (Thaw's notebooks use neither,
  and the site loads nothing from another host).
- Make the code cells' copy buttons valid HTML. The template writes
  `<clipboard-copy for="cell-1", aria-label="Copy to Clipboard">`, which reaches this hook
  re-serialised as `<clipboard-copy ,="" aria-label="Copy to Clipboard" for="cell-1">`: an
  attribute named "," and an aria-label the W3C checker rejects on an element without a role. The element's script
  gives itself role="button" and tabindex="0" when it connects; saying both in the markup
  makes the label valid and leaves the button as screen readers already met it.

Written against mkdocs-jupyter 0.26.3 (pinned): tests/test_site.py fails naming this file if
the template's copy-button markup changes and the pattern below no longer matches.
"""

import re

_CDN_SCRIPTS = [
    re.compile(r'<script type="text/x-mathjax-config">.*?</script>\s*', re.DOTALL),
    re.compile(r'<script src="">\s*</script>\s*'),
    re.compile(r'<script type="module">(?:(?!</script>).)*mermaid.*?</script>\s*', re.DOTALL),
]
COPY_BUTTON = re.compile(r'<clipboard-copy (?:,="" )?aria-label="Copy to Clipboard" for="(cell-\d+)">')
VALID_COPY_BUTTON = r'<clipboard-copy for="\1" role="button" tabindex="0" aria-label="Copy to clipboard">'


def on_post_page(output, page, config):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    for pattern in _CDN_SCRIPTS:
        output = pattern.sub("", output)
    return COPY_BUTTON.sub(VALID_COPY_BUTTON, output)
