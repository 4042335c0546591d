"""Diagrams in reports: a Mermaid fence in Markdown; offline, script-safe SVG in HTML.

The HTML report inlines the Mermaid bundle (workbench/static/mermaid.min.js) and one line that
starts it, as a single ``<script>`` allowed by its SHA-256 hash in the page's Content Security
Policy; no other script can run (no ``'unsafe-inline'``, no ``'unsafe-eval'``, no sources).
Diagram text is only ever HTML-escaped text inside ``<pre class="mermaid">``, never inside the
script, and Mermaid runs with ``securityLevel: 'strict'`` (labels are sanitised, ``click``
directives are disabled, and ``%%{init}%%`` cannot lower the level). The file makes no
network request: the bundle is inline and the policy's ``default-src 'none'`` blocks any
request Mermaid or a label might attempt.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import cache
from pathlib import Path

BUNDLE = Path(__file__).resolve().parent / "static" / "mermaid.min.js"
# Runs after the <pre> elements (the script is the last thing in <body>). A diagram Mermaid
# cannot parse gets its source back (as text), marked, instead of an error picture.
START = (
    "var pres=[].slice.call(document.querySelectorAll('pre.mermaid'));"
    "var sources=pres.map(function(p){return p.textContent;});"
    "mermaid.initialize({startOnLoad:false,securityLevel:'strict',suppressErrorRendering:true,"
    "theme:'neutral',htmlLabels:false,flowchart:{htmlLabels:false}});"
    "mermaid.run({nodes:pres,suppressErrors:true}).finally(function(){"
    "pres.forEach(function(p,i){if(!p.querySelector('svg')){p.textContent=sources[i];p.classList.add('unrendered');}});"
    "document.body.setAttribute('data-diagrams','done');});"
)
CSS = (
    "pre.mermaid{background:#fff;border:1px solid #d5dedb;padding:.5rem;overflow-x:auto}"
    "pre.mermaid.unrendered::before{content:'This diagram could not be drawn; its source:';display:block;"
    "color:#a33;font-family:system-ui,sans-serif}"
    "details.diagram-source pre{background:#f6f8f7;padding:.5rem;overflow-x:auto}"
)
_SCRIPT_END = re.compile(r"</script|<!--\s*<script", re.IGNORECASE)


@cache
def script() -> tuple[str, str]:
    """The inline script and its CSP source (``'sha256-…'``), computed once per process."""
    bundle = BUNDLE.read_text(encoding="utf-8")
    if _SCRIPT_END.search(bundle):  # would end the <script> element early; an upgrade must not slip this in
        raise RuntimeError(f"{BUNDLE} contains a sequence that cannot be inlined in <script>")
    text = bundle + "\n" + START
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def content_security_policy(with_diagrams: bool) -> str:
    """No scripts at all without diagrams; with them, only the hashed bundle."""
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    if with_diagrams:
        policy += f"; script-src {script()[1]}"
    return policy


def diagram_html(source: str) -> str:
    """The diagram as escaped text for Mermaid to draw, and its source folded below it."""
    text = html.escape(source)
    return (f"<pre class=\"mermaid\">{text}</pre>"
            f"<details class=\"diagram-source\"><summary>Mermaid source</summary><pre>{text}</pre></details>")


def script_tag() -> str:
    return f"<script>{script()[0]}</script>"


def markdown_fence(source: str) -> str:
    """A ```mermaid fence, longer than any run of backticks in the source so it cannot be closed early."""
    longest = max((len(m) for m in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}mermaid\n{source.strip()}\n{fence}"
