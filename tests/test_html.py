"""thaw/html.py, the parser every HTML edit of the build goes through: elements found by name and
attributes whatever their order or quoting, edits that change only their own characters."""

import pytest

from thaw.html import Document, text_of


def test_an_element_is_found_whatever_the_attribute_order_or_quoting():
    for tag in (
        '<label class="md-nav__link" for="a" tabindex="">',
        "<label tabindex='' for=a class='md-nav__link x'>",
    ):
        doc = Document(f"<nav>{tag}Text</label></nav>")
        (label,) = doc.find("label", tabindex="", class_="md-nav__link")
        doc.set_attributes(label, tabindex=None)
        assert "tabindex" not in doc.result() and doc.result().endswith("Text</label></nav>")


def test_only_the_edited_characters_change():
    html = '<p>a &amp; b</p>\n<div   class="x"  data-k>keep  <span class="n">name</span></div>'
    doc = Document(html)
    (span,) = doc.find("span", class_="n")
    doc.unwrap(span)
    assert doc.result() == html.replace('<span class="n">name</span>', "name")


def test_an_edit_inside_a_removed_block_goes_with_it_and_a_partial_overlap_fails():
    doc = Document('<div lang="ko"><h2>제목</h2></div><h2>Title</h2>')
    block = next(doc.find("div", lang="ko"))
    for heading in doc.find("h2"):
        doc.set_attributes(heading, id="x")
    doc.remove(block)
    assert doc.result() == '<h2 id="x">Title</h2>'
    doc = Document("<p><b>x</b>y</p>")
    (p,), (b,) = doc.find("p"), doc.find("b")
    doc.replace(b, "z")
    doc._edit(b.start + 1, p.end, "w")  # begins inside the replaced <b> and ends outside it
    with pytest.raises(ValueError, match="two edits"):
        doc.result()


def test_void_implied_and_unclosed_elements():
    doc = Document("<ul><li>one<li>two</ul><img src=a.png><div>open")
    items = list(doc.find("li"))
    assert [doc.inner(i) for i in items] == ["one", "two"]
    (image,) = doc.find("img")
    assert image.end == image.open_end and image.closed
    (div,) = doc.find("div")
    assert not div.closed


def test_opaque_svg_stop_and_start():
    html = '<div class="a"><svg><g><a href="x.md"></a></g></svg></div><div class="md-content"><a href="y.md">'
    doc = Document(html, opaque=("svg",))
    assert [e.name for e in doc.elements] == ["div", "svg", "div", "a"], "the SVG's content is not read"
    (svg,) = doc.find("svg")
    assert doc.outer(svg) == '<svg><g><a href="x.md"></a></g></svg>'
    stopped = Document(html, stop=lambda name, attrs: ("class", "md-content") in attrs)
    assert "md-content" not in [e.get("class") for e in stopped.elements]
    tail = Document(html, start=html.index('<div class="md-content">'))
    (link,) = tail.find("a")
    tail.set_attributes(link, href="y/")
    assert tail.result() == html.replace('href="y.md"', 'href="y/"')


def test_text_is_what_a_reader_sees():
    assert text_of("<h2>Layers &amp; <em>units</em>¶</h2>") == "Layers & units¶"
    assert Document("<p>a</p><p>b</p>").text_content() == "a b"
