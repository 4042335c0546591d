"""Markdown written by people, made safe to show to someone else.

An image in markdown (``![alt](https://example.com/pixel.png)``) makes the reader's
browser fetch that address, which tells its owner when the text was read and by whom.
User text is therefore shown with every image turned into a plain link: the reader
sees the address and decides whether to open it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

# An image opener "![" not escaped by a backslash; dropping the "!" makes it a link,
# for inline (![a](u)) and reference (![a][r], ![a]) images alike.
_IMAGE_OPENER = re.compile(r"(?<!\\)!\[")
_PARSER = MarkdownIt("commonmark")


def _code_lines(text: str) -> set[int]:
    """Line numbers inside fenced or indented code blocks, where "![" is literal text."""
    lines: set[int] = set()
    for token in _PARSER.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0], token.map[1]))
    return lines


def without_remote_images(text: str) -> str:
    """The same markdown with images shown as links (code blocks are left as written)."""
    if "![" not in text:
        return text
    code = _code_lines(text)
    out = []
    for n, line in enumerate(text.split("\n")):
        out.append(line if n in code else _IMAGE_OPENER.sub("[", line))
    return "\n".join(out)


def render_html(text: str) -> str:
    """User markdown as HTML for reports: no raw HTML, no images (they become links)."""
    return _HTML.render(without_remote_images(text))


_HTML = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").disable("image")
