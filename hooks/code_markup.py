"""Highlighted code with one element fewer per name: Pygments' plain tokens unwrapped.

Pygments wraps every token of a code block in a <span>, names (`n`) and whitespace (`w`)
included, although mkdocs-material colours a name with the code's own colour
(`--md-code-hl-name-color: var(--md-code-fg-color)`) and gives whitespace no style, and the
notebook pages' code (mkdocs-jupyter, under the site's code colours in assets/thaw.css) does
the same. So those spans change nothing a reader sees, in either colour scheme, yet they are
a third of a chapter's elements: 762 of the 2,974 on ko/why-spring-came, where Lighthouse
counted style and layout as most of the main thread's work. Their text stays where it was;
the copy button, search highlighting and the PDF read the same characters.

tests/test_browser.py checks the premise in a real browser, both schemes: a `n` or `w` span
put back into a code block is styled exactly as the text around it. A theme upgrade that
gives names a colour of their own fails that test.
"""

import re

PLAIN = ("n", "w")  # Pygments' short classes for Token.Name and Token.Text.Whitespace
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
# Pygments escapes "<" in a token's text, so a plain span's text has none.
_PLAIN_SPAN = re.compile(rf'<span class="(?:{"|".join(PLAIN)})">([^<]*)</span>')


def unwrap_plain_tokens(html: str) -> str:
    return _PRE.sub(lambda block: _PLAIN_SPAN.sub(r"\1", block[0]), html)


def on_post_page(output, page, config):
    return unwrap_plain_tokens(output)
