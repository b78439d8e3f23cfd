"""Three attributes of mkdocs-material 9.8's markup that the W3C Nu HTML checker rejects,
removed from each rendered page (tests/test_site.py runs the checker over the whole site,
so a theme upgrade that changes this markup shows there).

- partials/nav-item.html gives a section's label `tabindex=""` (it sets "0" only on labels
  that open a collapsible item): an empty tabindex is invalid; without it the label is not
  focusable, which is what the theme means by the empty value.
- base.html gives its two toggles, the drawer and the search checkboxes, `autocomplete="off"`,
  which HTML allows only on text-like inputs. The theme sets it so that Firefox does not
  restore an open drawer or search box on reload; overrides/main.html unchecks both on load
  instead.

Changing the templates would mean copying them (430 lines of the theme) to change three
attributes.
"""

import re

_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*" for="[^"]+" id="[^"]+") tabindex=""')
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off"'
)


def _fix(html):
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", _EMPTY_TABINDEX.sub(r"\1", html))


def on_post_page(output, page, config):
    return _fix(output)


def on_post_template(output_content, template_name, config):
    return _fix(output_content)  # 404.html
