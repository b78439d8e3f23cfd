"""HTML read with a parser and changed in place: Thaw's one way to edit markup.

The build edits pages it did not write (the theme's, nbconvert's, Pygments', matplotlib's). A
regular expression keyed to a tag's text breaks when a theme upgrade reorders two attributes;
this module reads the page with the standard library's HTML parser instead, so an element is
found by its name and attributes, whatever their order or quoting. Each element knows where it
starts and ends in the text, and an edit replaces only those characters: the rest of the page
stays byte for byte as it was (nothing is re-serialised), so an edit cannot disturb markup it
did not mean to touch.

    doc = Document(html)
    for label in doc.find("label", tabindex=""):
        doc.set_attributes(label, tabindex=None)  # None removes an attribute
    html = doc.result()

Edits are collected and applied together by `result()`. An edit inside text that another edit
replaces or removes is dropped (the outer one wins: a removed block takes its inner edits with
it); two edits that overlap only in part are a programming error and raise ValueError. Wrapping
an element (text inserted before its start and after its end) does not overlap an edit inside it.
"""

from __future__ import annotations

import bisect
from html import escape
from html.parser import HTMLParser

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)  # elements without an end tag
# An open element of these ends where the next one of its kind begins (`<li>one<li>two`).
SIBLINGS = {
    "li": ("li",),
    "p": ("p",),
    "dt": ("dt", "dd"),
    "dd": ("dt", "dd"),
    "tr": ("tr",),
    "td": ("td", "th"),
    "th": ("td", "th"),
    "option": ("option",),
}


class Element:
    """One element of the page: its name, attributes and where its text lies.

    `start`..`open_end` is the start tag, `close_start`..`end` the end tag (both equal to
    `open_end` for an element without one), so `inner` is text[open_end:close_start]."""

    __slots__ = ("attrs", "children", "close_start", "closed", "end", "name", "open_end", "parent", "start")

    def __init__(self, name, attrs, start, open_end, parent):
        self.name, self.attrs, self.start, self.open_end = name, attrs, start, open_end
        self.close_start = self.end = open_end
        self.parent, self.children, self.closed = parent, [], True

    def get(self, name, default=None):
        for key, value in self.attrs:
            if key == name:
                return "" if value is None else value
        return default

    def has_class(self, name) -> bool:
        return name in (self.get("class") or "").split()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __repr__(self):
        return f"<{self.name} {self.attrs!r} at {self.start}>"


class _Stop(Exception):
    """Raised to end the reading at the element `stop` names."""


class _Reader(HTMLParser):
    def __init__(self, text, stop=None, opaque=()):
        super().__init__(convert_charrefs=False)
        self.stop = stop
        if opaque:  # read like <script>: their content is text to the parser, one piece
            self.CDATA_CONTENT_ELEMENTS = (*HTMLParser.CDATA_CONTENT_ELEMENTS, *opaque)
        self.text, self.elements = text, []
        self.lines = [0]
        position = text.find("\n")
        while position >= 0:
            self.lines.append(position + 1)
            position = text.find("\n", position + 1)
        self.stack = []

    def position(self):
        return self.lines[self.lineno - 1] + self.offset

    def _open(self, tag, attrs, closed):
        if self.stop is not None and self.stop(tag, attrs):
            raise _Stop
        start = self.position()
        if self.stack and self.stack[-1].name in SIBLINGS.get(tag, ()):
            ended = self.stack.pop()  # `<li>one<li>two`: the first item ends here
            ended.close_start = ended.end = start
        parent = self.stack[-1] if self.stack else None
        element = Element(tag, attrs, start, start + len(self.get_starttag_text()), parent)
        self.elements.append(element)
        if parent is not None:
            parent.children.append(element)
        if not closed and tag not in VOID:
            self.stack.append(element)

    def handle_starttag(self, tag, attrs):
        self._open(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._open(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        start = self.position()
        end = self.text.index(">", start) + 1
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].name == tag:
                for element in self.stack[depth + 1 :]:  # closed implicitly, where this end tag is
                    element.close_start = element.end = start
                self.stack[depth].close_start, self.stack[depth].end = start, end
                del self.stack[depth:]
                return  # an end tag nothing opened is ignored, as browsers do


class _Text(HTMLParser):
    """The text of a fragment, as a reader sees it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []

    def handle_data(self, data):
        self.pieces.append(data)


def text_of(html: str, separator: str = "") -> str:
    """The text of an HTML fragment: tags gone, entities decoded, pieces joined by `separator`."""
    reader = _Text()
    reader.feed(html)
    reader.close()
    return separator.join(reader.pieces)


class Document:
    """A page, its elements in document order, and the edits to make to it."""

    def __init__(self, text: str, stop=None, opaque: tuple[str, ...] = (), start: int = 0):
        """`stop(name, attrs)`, if given, ends the reading at the first element it is true of: the
        elements from there on are not read (nor can they be edited), for a page whose edits all
        lie before a known element and whose rest is long. Elements named in `opaque` (a page's
        inline "svg") are read as one element each, their content left unread, as the parser
        reads a <script>. `start` reads from that offset on (a tag must begin there); offsets
        stay the whole text's."""
        self.text = text
        reader = _Reader(text[start:], stop, opaque)
        try:
            reader.feed(reader.text)
            reader.close()
        except _Stop:
            pass
        for element in reader.stack:  # left open at the end of the text
            element.close_start = element.end = len(text) - start
            element.closed = False
        if start:
            for element in reader.elements:
                element.start += start
                element.open_end += start
                element.close_start += start
                element.end += start
        self.elements = reader.elements  # in document order: by start
        self._starts = [element.start for element in self.elements]
        self._edits: list[tuple[int, int, int, str]] = []

    # reading
    def find(self, name=None, within: Element | None = None, **attrs):
        """The elements named `name` (any, if None) whose attributes match: a string must equal
        the attribute's value, True means present, `class_` names one class among the element's."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        elements = self.elements
        if within is not None:  # its descendants: the elements that start inside it
            first = bisect.bisect_left(self._starts, within.open_end)
            last = bisect.bisect_left(self._starts, within.close_start)
            elements = elements[first:last]
        for element in elements:
            if name is not None and element.name != name:
                continue
            if all(_matches(element, key, value) for key, value in wanted.items()):
                yield element

    def text_content(self) -> str:
        """The page's text, each piece of text apart from the next by a space."""
        return text_of(self.text, " ")

    def inner(self, element: Element) -> str:
        return self.text[element.open_end : element.close_start]

    def outer(self, element: Element) -> str:
        return self.text[element.start : element.end]

    def text_of(self, element: Element) -> str:
        """The element's text, as a reader sees it (tags gone, entities decoded)."""
        return text_of(self.inner(element))

    # editing
    def _edit(self, start, end, text):
        self._edits.append((start, end, len(self._edits), text))

    def replace(self, element: Element, html: str):
        self._edit(element.start, element.end, html)

    def replace_inner(self, element: Element, html: str):
        self._edit(element.open_end, element.close_start, html)

    def remove(self, element: Element, trailing_space: bool = False):
        end = element.end
        if trailing_space:
            while end < len(self.text) and self.text[end].isspace():
                end += 1
        self._edit(element.start, end, "")

    def replace_start_tag(self, element: Element, html: str):
        self._edit(element.start, element.open_end, html)

    def unwrap(self, element: Element):
        """Keep the element's content, drop its tags."""
        self._edit(element.start, element.open_end, "")
        self._edit(element.close_start, element.end, "")

    def wrap(self, element: Element, before: str, after: str):
        self._edit(element.start, element.start, before)
        self._edit(element.end, element.end, after)

    def insert_before_end(self, element: Element, html: str):
        self._edit(element.close_start, element.close_start, html)

    def set_attributes(self, element: Element, **changes):
        """Rewrite the element's start tag with these attributes changed (None removes one, a new
        one is added at the end); the other attributes keep their order and values."""
        changes = {key.rstrip("_").replace("_", "-"): value for key, value in changes.items()}
        attrs = [(k, changes.get(k, v)) for k, v in element.attrs if changes.get(k, v) is not None]
        attrs += [(k, v) for k, v in changes.items() if v is not None and element.get(k) is None]
        self._edit(element.start, element.open_end, start_tag(element.name, attrs, self.outer_start(element)))

    def outer_start(self, element: Element) -> str:
        return self.text[element.start : element.open_end]

    def result(self) -> str:
        if not self._edits:
            return self.text
        edits = sorted(self._edits, key=lambda e: (e[0], -e[1], e[2]))  # outer before inner at one start
        out, position = [], 0
        for start, end, _, text in edits:
            if start < position:
                if end <= position:
                    continue  # inside text an earlier edit replaced
                raise ValueError(f"two edits of the same text, at {start}: {text[:60]!r}")
            out.append(self.text[position:start])
            out.append(text)
            position = end
        out.append(self.text[position:])
        return "".join(out)


def _matches(element: Element, key: str, value) -> bool:
    if key == "class" and isinstance(value, str):
        return element.has_class(value)
    actual = element.get(key)
    if value is True:
        return actual is not None
    return actual == value


def start_tag(name: str, attrs, original: str = "") -> str:
    """A start tag with these (name, value) attributes; a value of "" is written as a bare name
    only where the original tag wrote it so (`data-search-exclude`)."""
    parts = []
    for key, value in attrs:
        if value in ("", None) and (
            f" {key}>" in original or f" {key} " in original or f" {key}/" in original
        ):
            parts.append(key)
        else:
            parts.append(f'{key}="{escape(value or "", quote=True)}"')
    close = "/>" if original.endswith("/>") else ">"
    return f"<{name}{''.join(' ' + p for p in parts)}{close}"
