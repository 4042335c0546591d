"""User markdown never makes the reader's browser fetch a remote image."""

from __future__ import annotations

import pytest

from workbench.safe_markdown import render_html, without_remote_images


@pytest.mark.parametrize("source", [
    "See ![tracker](https://evil.example/p.png?u=1) here",
    "![ref image][r]\n\n[r]: https://evil.example/p.png",
    "![collapsed]\n\n[collapsed]: https://evil.example/p.png",
    "Nested [![badge](https://evil.example/b.svg)](https://ok.example)",
    "<img src='https://evil.example/p.png'>",
])
def test_images_become_links_and_nothing_loads(source):
    html = render_html(source)
    assert "<img" not in html
    assert "![" not in without_remote_images(source).replace("\\![", "")


def test_links_text_and_code_survive():
    src = "A [link](https://ok.example) and `code`.\n\n```\n![kept](x.png)\n```\n\nEscaped \\![not an image](y)"
    out = without_remote_images(src)
    assert "[link](https://ok.example)" in out
    assert "![kept](x.png)" in out  # inside a code block it is literal text
    assert "\\![not an image](y)" in out
    html = render_html("**bold** and ![alt](https://evil.example/x.png)")
    assert "<strong>bold</strong>" in html and 'href="https://evil.example/x.png"' in html


def test_plain_text_is_returned_unchanged():
    text = "No images here!\n[just a link](https://ok.example)"
    assert without_remote_images(text) == text
