"""Diagrams: templates, the mutator, the session file, and both reports (fence and CSP-hashed HTML)."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import mermaid_html
from workbench import walkthrough as wt
from workbench.diagrams import TEMPLATES, diagram_problem, set_diagram, template
from workbench.estimates import rate_estimate, set_estimate
from workbench.report import to_html, to_markdown
from workbench.sessionfile import session_from_bytes, session_to_bytes, session_to_yaml

ROOT = Path(__file__).resolve().parents[2]
CASE = "short-video-feed"
HOSTILE = """flowchart LR
    A["<script>window.__pwned=1</script>"] --> B[</pre><script>alert(1)</script>]
    click A call alert(1)
    %% ``` a fence inside ```` the source
"""


def test_four_starter_templates_pass_the_quick_check():
    assert {t.id for t in TEMPLATES} == {"two-stage-recommender", "streaming-features",
                                         "online-offline-serving", "rag-pipeline"}
    for t in TEMPLATES:
        assert diagram_problem(t.source) is None, t.id
        assert t.source.startswith("flowchart")


def test_quick_check_names_a_missing_diagram_type():
    assert "first line must name the diagram type" in diagram_problem("A --> B")
    assert diagram_problem("%% a comment\ngraph TD\n A-->B") is None
    assert diagram_problem("") is None
    assert "longer than" in diagram_problem("graph TD\n" + "A-->B\n" * 10_000)


def test_set_diagram_keeps_the_source_and_reports_changes(library):
    s = wt.new_session(library.cases[CASE], library)
    src = template("rag-pipeline").source
    assert set_diagram(s, "data", src) is True
    assert set_diagram(s, "data", src + "\n\n") is False  # same diagram, trailing blank lines aside
    assert s.step("data").diagram == src
    assert set_diagram(s, "data", "graph TD\n  A --> B   \n") is True
    assert s.step("data").diagram == "graph TD\n  A --> B\n"
    broken = "flowchart LR\n  A --> ((("
    assert set_diagram(s, "data", broken) is True and s.step("data").diagram == broken + "\n"  # kept as typed
    assert set_diagram(s, "data", "") is True and s.step("data").diagram == ""


def _whiteboard_session(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview")
    set_diagram(s, "requirements", template("two-stage-recommender").source)
    set_diagram(s, "deployment", HOSTILE)
    set_estimate(s, "requirements", "peak-qps", "35e6 / day * 3", "35M requests a day, 3x at peak")
    set_estimate(s, "requirements", "storage", "1.6e6 * 768 * 4 B", "")
    rate_estimate(s, "requirements", "peak-qps", "good")
    return s


def test_session_with_diagram_and_estimates_round_trips_and_passes_yamllint(library, tmp_path):
    s = _whiteboard_session(library)
    first = session_to_bytes(s)
    loaded = session_from_bytes(first, "s.yaml")
    assert loaded == s
    assert session_to_bytes(loaded) == first
    text = first.decode()
    assert "    diagram: |\n      flowchart LR\n          U[User request]" in text  # diffs like the answer
    assert "    estimates:\n      - id: peak-qps\n        value: 35e6 / day * 3\n" in text
    path = tmp_path / "s.yaml"
    path.write_bytes(first)
    out = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), "-s", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert session_to_yaml(loaded.model_copy(deep=True)) == text


def test_markdown_report_has_a_mermaid_fence_per_diagram(library):
    md = to_markdown(_whiteboard_session(library), library)
    fences = [line for line in md.splitlines() if line.endswith("mermaid") and line.startswith("`")]
    assert fences == ["```mermaid", "`````mermaid"]  # the longer fence goes around the ```` in the source
    assert "```mermaid\nflowchart LR\n    U[User request]" in md
    assert re.search(r"`````mermaid\n.*\n`````\n", md, re.S)


def test_html_report_inlines_one_hashed_script_and_escapes_diagram_text(library):
    page = to_html(_whiteboard_session(library), library)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1  # the planted </pre><script> is text, not an element
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    csp = re.search(r'Content-Security-Policy\' content="([^"]+)"', page).group(1)
    assert f"script-src 'sha256-{digest}'" in csp
    assert "unsafe-inline'" not in csp.split("script-src")[1] and "unsafe-eval" not in csp
    assert csp.startswith("default-src 'none'")
    assert "__pwned" not in scripts[0] and "securityLevel:'strict'" in scripts[0]
    assert '<pre class="mermaid">flowchart LR\n    A[&quot;&lt;script&gt;window.__pwned=1&lt;/script&gt;' in page
    assert "http://" not in page.split("<script>")[0] and "https://" not in page.split("<script>")[0]


def test_html_report_without_diagrams_has_no_script(library):
    s = wt.new_session(library.cases[CASE], library)
    page = to_html(s, library)
    assert "<script" not in page and "script-src" not in page


def test_the_bundle_can_be_inlined_and_matches_its_readme():
    bundle = mermaid_html.BUNDLE.read_bytes()
    assert not re.search(rb"</?script", bundle, re.I)  # would end the element early, or nest one
    readme = (mermaid_html.BUNDLE.parent / "README.md").read_text()
    assert hashlib.sha256(bundle).hexdigest() in readme


@pytest.mark.parametrize(("source", "fence"), [("graph TD\nA-->B", "```"), ("graph TD\n%% ```` x", "`````")])
def test_markdown_fence_is_longer_than_any_backtick_run(source, fence):
    assert mermaid_html.markdown_fence(source) == f"{fence}mermaid\n{source}\n{fence}"
