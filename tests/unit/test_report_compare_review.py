"""Reports, comparisons and reviews as a reader of a shared session sees them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench import walkthrough as wt
from workbench.compare import compare_sessions
from workbench.library import Library
from workbench.report import build_report
from workbench.review import add_review, agreement
from workbench.scorer import SELF, scorers
from workbench.scoring import snapshot_rubric
from workbench.session import CaseRef
from workbench.sessionfile import session_from_bytes, session_to_bytes

ROOT = Path(__file__).resolve().parents[2]
CASE = "short-video-feed"
HOSTILE = "## Plan\n\n**Bold idea** and a list:\n\n- one\n- two\n\n<script>alert('x')</script>\n" \
          "<img src=x onerror=alert(1)>\n[click](javascript:alert(1))\n"


def _session(library, answer: str = HOSTILE):
    case = library.cases[CASE]
    s = wt.new_session(case, library, candidate="<b>Eve</b>")
    for sid in library.framework.step_ids:
        wt.set_answer(s, sid, answer)
        wt.set_check(s, sid, case.steps[sid].rubric[0].id, True, evidence="<i>said so</i>")
    return s


def test_html_report_renders_markdown_and_escapes_scripts(library):
    page = build_report(_session(library), library, "html")
    assert "<h2>Plan</h2>" in page and "<strong>Bold idea</strong>" in page and "<li>one</li>" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;" in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower() and "javascript:" not in page.replace("javascript:alert(1))", "")
    assert 'href="javascript' not in page
    assert "&lt;b&gt;Eve&lt;/b&gt;" in page  # names are escaped too
    assert "<link" not in page and "src=" not in page.replace("&lt;img src=x", "")  # self-contained


def test_html_report_lists_missed_items_with_why(library):
    page = build_report(_session(library), library, "html")
    case = library.cases[CASE]
    missed = case.steps["model"].rubric[2]
    assert missed.text in page and missed.why.replace("'", "&#x27;") in page


def test_markdown_report_keeps_answers_and_coverage(library):
    text = build_report(_session(library, "A *plain* answer."), library, "md")
    assert text.startswith("# Ranking for a short-video feed")
    assert "A *plain* answer." in text and "## Coverage" in text and "**Overall coverage:" in text


def test_report_of_unknown_case_says_what_is_missing(library):
    s = _session(library)
    s.case = CaseRef(id="someone-elses-case", title="Their private case", content_hash="sha256:0")
    page = build_report(s, library, "html")
    assert "not in this library" in page and "&lt;script&gt;" in page


def test_report_cli_writes_a_file(library, tmp_path):
    src = tmp_path / "s.yaml"
    src.write_bytes(session_to_bytes(_session(library)))
    out = tmp_path / "report.html"
    run = subprocess.run([sys.executable, "-m", "workbench", "report", str(src), "--format", "html", "-o", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    bad = tmp_path / "bad.yaml"
    bad.write_text("---\nnot: a session\n")
    run = subprocess.run([sys.executable, "-m", "workbench", "report", str(bad)], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.returncode == 1 and f"{bad}:1:" in run.stdout and "Traceback" not in run.stderr


def test_compare_lists_items_covered_by_one_and_missed_by_the_other(library):
    case = library.cases[CASE]
    a = wt.new_session(case, library)
    b = wt.new_session(case, library)
    wt.set_check(a, "data", "svf-position-bias", True)
    wt.set_check(a, "data", "g-data-labels", True)
    wt.set_check(b, "data", "g-data-labels", True)
    wt.set_check(b, "data", "svf-log-and-join", True)
    rows = {r.step_id: r for r in compare_sessions(a, b, case, library)}
    data = rows["data"]
    assert [i.id for i in data.only_a] == ["svf-position-bias"]
    assert [i.id for i in data.only_b] == ["svf-log-and-join"]
    assert [i.id for i in data.both] == ["g-data-labels"]
    assert data.coverage_a > 0 and rows["model"].coverage_a == 0
    other = wt.new_session(library.cases["payment-fraud"], library)
    with pytest.raises(ValueError):
        compare_sessions(a, other, case, library)


def test_review_round_trips_and_agreement_is_computed(library: Library):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview")
    wt.set_check(s, "requirements", "svf-objective", True, by="interviewer", evidence="retention first")
    wt.set_check(s, "requirements", "svf-objective", True, by="self")
    wt.set_check(s, "requirements", "svf-funnel-budget", True, by="self")
    add_review(s, "Coach Kim", {"requirements": ["svf-objective"]}, {"requirements": "hire"},
               {"requirements": "Good framing"}, "hire", "Solid")
    loaded = session_from_bytes(session_to_bytes(s), "r.yaml")
    assert loaded == s and loaded.reviews[0].reviewer == "Coach Kim"
    assert loaded.reviews[0].steps[0].comment == "Good framing"
    parties = scorers(s)
    assert [p.label for p in parties] == ["Self-assessment", "Interviewer", "Reviewer 1: Coach Kim"]
    items = {i.item_id: i for i in agreement(s, case, library)}
    assert items["svf-objective"].agreed and list(items["svf-objective"].ticked_by) == parties
    assert not items["svf-funnel-budget"].agreed
    assert items["svf-funnel-budget"].ticked_by == (SELF,)
    with pytest.raises(ValueError):
        add_review(s, "   ", {}, {}, {}, None)


def test_interviewer_notes_appear_in_the_report_only_when_written(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview")
    assert "Interviewer notes" not in build_report(s, library, "md")
    wt.set_notes(s, "data", "Strong on **label delay**; missed leakage.")
    text = build_report(s, library, "md")
    assert "### Interviewer notes\n\nStrong on **label delay**; missed leakage." in text
    assert "<strong>label delay</strong>" in build_report(s, library, "html")


def test_report_shows_the_counting_scorers_evidence_and_missed_items_heaviest_first(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview")
    item = library.rubric(case, "requirements")[0]
    wt.set_check(s, "requirements", item.id, True, by="self", evidence="candidate thinks so")
    wt.set_check(s, "requirements", item.id, True, by="interviewer", evidence="heard it")
    text = build_report(s, library, "md")
    assert f"- [x] {item.text} — heard it" in text and "candidate thinks so" not in text
    rubric = text.split("## Data", 1)[1].split("## Model", 1)[0]
    weight = {i.text: i.weight for i in library.rubric(case, "data")}
    shown = [weight[line[6:].split(" — ")[0]] for line in rubric.splitlines() if line.startswith("- [ ] ")]
    assert len(shown) == len(weight) and shown == sorted(shown, reverse=True)  # heaviest first
    assert shown[0] > shown[-1]
    assert "the evidence supports junior" in text


def test_report_of_a_session_with_its_own_rubric_scores_without_the_case(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    s.rubric = snapshot_rubric(case, library)
    item = s.rubric["data"][0]
    wt.set_check(s, "data", item.id, True)
    s.case = CaseRef(id="someone-elses-case", title="Their private case", content_hash="sha256:0")
    text = build_report(s, library, "md")
    assert "scored against the rubric saved with the session" in text
    assert f"- [x] {item.text}" in text and "## Coverage" in text


def test_compare_scores_each_attempt_against_its_own_rubric(library):
    case = library.cases[CASE]
    a, b = wt.new_session(case, library), wt.new_session(case, library)
    b.rubric = {"data": [s.model_copy(update={"weight": 1}) for s in snapshot_rubric(case, library)["data"][:2]]}
    first = b.rubric["data"][0].id
    wt.set_check(a, "data", first, True)
    wt.set_check(b, "data", first, True)
    rows = {r.step_id: r for r in compare_sessions(a, b, case, library)}
    assert rows["data"].coverage_b == 0.5  # b's own two-item rubric
    assert rows["data"].coverage_a < 0.5
    assert [i.id for i in rows["data"].both] == [first]
    assert rows["model"].coverage_b == 0.0


def test_markdown_report_lines_as_a_reader_sees_them(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    s.case = s.case.model_copy(update={"content_hash": "sha256:old"})  # the case changed since
    wt.set_answer(s, "data", "Labels | arrive late")
    item = library.rubric(case, "data")[0]
    wt.set_check(s, "data", item.id, True)
    lines = build_report(s, library, "md").splitlines()
    assert lines[0] == f"# {case.title}" and lines[1] == ""
    assert any(line.startswith("> The case has changed since this session (sha256:old then") for line in lines)
    head = lines.index("| Step | Coverage | Core | Senior | Staff | Rating |")
    assert lines[head + 1] == "|---|---|---|---|---|---|"
    assert lines[head + 2].startswith("| Requirements | 0% | 0% |")
    assert "*No answer written.*" in lines  # the placeholder for an empty answer, in italics
    assert "Labels | arrive late" in lines  # user text is kept as written
    assert f"- [x] {item.text}" in lines  # no evidence: no trailing dash
    missed = next(line for line in lines if line.startswith("- [ ] "))
    assert " — Why it matters: " in missed


def test_markdown_tables_escape_pipes_in_cells(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    wt.reveal_fact(s, case, case.facts[0].id)
    s.events[-1].detail = "a | b"
    lines = build_report(s, library, "md").splitlines()
    assert any(line.endswith("| fact revealed | requirements | a \\| b |") for line in lines)


def test_compare_puts_items_neither_covered_in_neither(library):
    case = library.cases[CASE]
    a, b = wt.new_session(case, library), wt.new_session(case, library)
    items = [i.id for i in library.rubric(case, "data")]
    wt.set_check(a, "data", items[0], True)
    wt.set_check(b, "data", items[1], True)
    data = {r.step_id: r for r in compare_sessions(a, b, case, library)}["data"]
    assert [i.id for i in data.neither] == items[2:]
    assert data.coverage_b > 0 and data.both == []
    with pytest.raises(ValueError, match="only attempts at the same case"):
        compare_sessions(a, wt.new_session(library.cases["payment-fraud"], library), case, library)


def test_a_review_keeps_its_recommendation_and_trims_comments(library):
    s = wt.new_session(library.cases[CASE], library)
    review = add_review(s, "  Kim ", {"data": ["x"]}, {"data": "hire"}, {"data": "  fine  "}, "strong_hire", " ok ")
    assert (review.reviewer, review.recommendation, review.comment) == ("Kim", "strong_hire", "ok")
    step = next(x for x in review.steps if x.id == "data")
    assert (step.covered, step.rating, step.comment) == (["x"], "hire", "fine")
    assert [x.id for x in review.steps] == [x.id for x in s.steps]
    assert s.events[-1].type == "review_added" and s.events[-1].detail == "Kim"
    with pytest.raises(ValueError, match="reviewer's name"):
        add_review(s, " ", {}, {}, {}, None)


def test_compare_defaults_to_the_two_most_recent_attempts_older_first():
    import pandas as pd

    from workbench.compare import default_pair

    rows = pd.DataFrame({"id": ["a", "b", "c", "d"],
                         "Updated": pd.to_datetime(["2026-01-03", "2026-01-01", "2026-01-04", "2026-01-02"])})
    assert default_pair(rows) == ("a", "c")
    with pytest.raises(ValueError):
        default_pair(rows.head(1))


def test_default_pair_is_the_two_most_recent_older_first():
    import pandas as pd

    from workbench.compare import default_pair

    rows = pd.DataFrame({"id": ["a", "b", "c"], "Updated": pd.to_datetime(["2026-01-02", "2026-01-03", "2026-01-01"])})
    assert default_pair(rows) == ("a", "b")
    with pytest.raises(ValueError, match="two attempts"):
        default_pair(rows.head(1))
