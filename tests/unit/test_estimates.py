"""Estimates: figures typed with units are read safely, judged against the reference, and saved."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workbench import walkthrough as wt
from workbench.case import Estimate
from workbench.estimates import (
    display_value,
    estimate_problems,
    judge,
    parse_tolerance,
    rate_estimate,
    set_estimate,
    tolerance_text,
    within,
    worksheet_rows,
)
from workbench.library import load_case_bytes
from workbench.quantities import EstimateError, fmt_number, parse_quantity, value_in
from workbench.session import EstimateEntry
from workbench.yamlio import FileError

ROOT = Path(__file__).resolve().parents[2]
QPS = Estimate(id="qps", question="Peak requests per second", unit="1/s", value=400,
               derivation="35M a day / 86,400 s", tolerance="2x")
INDEX = Estimate(id="index", question="Embedding index size", unit="GB", value=5, derivation="1.6M x 768 x 4 B",
                 tolerance="25%", step="model")


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("35e6 / day", "1/s", 405.09),
    ("35e6 requests / day", "1/s", 405.09),
    ("35 million queries per day", "1/s", 405.09),
    ("1.6e6 * 768 * 4 B", "GB", 4.9152),
    ("4 GiB", "GB", 4.295),
    ("120e6 * 30 / 86400", "1/s", 41666.67),  # a plain number is taken in the estimate's unit
    ("1,200", "1/s", 1200),
    ("2.5 USD/hour * 8 GPUs * 730 h", "USD", 14600),
    ("3 USD/hour", "USD/month", 3 * 730),  # a month is a twelfth of a 365-day year
    ("(10 + 5) * 2 ms", "s", 0.03),
    ("10^3 / s", "1/s", 1000),
])
def test_arithmetic_with_units_is_converted_to_the_estimates_unit(text, unit, expected):
    assert value_in(text, unit) == pytest.approx(expected, rel=1e-3)


def test_the_issue_examples_read_as_the_issue_says():
    assert judge("35e6 / day", QPS).message.startswith("405 /s")
    assert judge("1.6e6 * 768 * 4 B", INDEX).message.startswith("4.92 GB")


def test_within_tolerance_and_far_off_are_judged():
    near, far = judge("35e6 / day", QPS), judge("35e6 / hour", QPS)
    assert (near.verdict, far.verdict) == ("within", "off")
    assert "within 2×" in near.message
    assert "too high" in far.message and far.value == pytest.approx(9722.2, rel=1e-3)
    assert judge("1 / s", QPS).verdict == "off" and "too low" in judge("1 / s", QPS).message


@pytest.mark.parametrize(("value", "ref", "tol", "ok"), [
    (200, 400, "2x", True), (800, 400, "2x", True), (199, 400, "2x", False), (801, 400, "2x", False),
    (125, 100, "25%", True), (75, 100, "25%", True), (126, 100, "25%", False), (74, 100, "25%", False),
    (0, 100, "2x", False), (-100, 100, "25%", False),
])
def test_tolerance_bounds(value, ref, tol, ok):
    assert within(value, ref, tol) is ok


def test_an_incompatible_unit_says_what_was_expected():
    result = judge("1.6e6 * 768 * 4 B", QPS)
    assert result.verdict == "incompatible"
    assert result.message == "B is not a rate (it is a data size); expected 1/s"
    assert judge("5 USD", INDEX).message == "USD is not a data size (it is an amount of money); expected GB"


@pytest.mark.parametrize(("text", "message"), [
    ("35e6 / fortnights", "unknown unit 'fortnights'"),
    ("1 GB + 1 s", "cannot add or subtract"),
    ("1 / 0", "division by zero"),
    ("__import__('os').system('true')", "'.' is not allowed"),
    ("open('/etc/passwd')", "cannot read this expression"),
    ("1; 2", "';' is not allowed"),
    ("[1, 2]", "'[' is not allowed"),
    ("lambda: 1", "':' is not allowed"),
    ("inf", "not a usable value"),
])
def test_unreadable_expressions_get_a_message_not_an_exception(text, message):
    result = judge(text, QPS)
    assert result.verdict == "invalid"
    assert message in result.message


@pytest.mark.timeout(10)
@pytest.mark.parametrize(("text", "message"), [
    ("9**9**9", "exponent"),
    ("9^9^9", "exponent"),
    ("(10**10)**(10**10)", "exponent"),
    ("2**2**2**2**2**2", "powers"),
    ("1e999999", "too large"),
    ("1e308 * 1e308", "too large"),
    ("9" * 150 + " ** 30", "too large"),
    ("1" * 201, "longer than 200"),
    ("(" * 150 + "1" + ")" * 49, "cannot read"),
    ("1 * " * 45 + "1", "too long"),
    ("GB ** 25", "too high a power"),
])
def test_hostile_expressions_are_refused_quickly(text, message):
    """A hang or a memory blow-up would trip the timeout; each is refused with a reason instead."""
    with pytest.raises(EstimateError, match=message):
        parse_quantity(text)


def test_deep_brackets_within_the_cap_are_read():
    assert parse_quantity("(" * 35 + "2" + ")" * 35 + " s").magnitude == 2


def test_numbers_are_shown_with_three_significant_figures():
    assert [fmt_number(v) for v in (405.09, 41666.7, 4.9152, 5.0, 0.0004, 1.2e12, 12_345_678)] == [
        "405", "41,700", "4.92", "5", "4e-4", "1.2e12", "1.23e7"]


@pytest.mark.parametrize(("text", "ok"), [("2x", ("x", 2.0)), ("1.5x", ("x", 1.5)), ("25%", ("%", 0.25)),
                                         ("10x", ("x", 10.0)), ("0.5%", ("%", 0.005)), ("99.9%", ("%", 0.999))])
def test_tolerance_parses(text, ok):
    assert parse_tolerance(text) == pytest.approx(ok)


@pytest.mark.parametrize(("text", "message"), [("1x", "above 1"), ("10.5x", "at most 10"), ("0%", "between 0 and 100"),
                                               ("100%", "between 0 and 100"), ("twice", "not like 2x or 25%")])
def test_tolerances_out_of_range_are_refused_with_the_rule(text, message):
    with pytest.raises(EstimateError, match=message):
        parse_tolerance(text)


def test_nothing_typed_zero_and_too_low_are_told_apart():
    empty = judge("  ", QPS)
    assert (empty.verdict, empty.message, empty.judged) == ("empty", "No value yet.", False)
    zero = judge("0", QPS)
    assert zero.verdict == "off" and "not a positive value" in zero.message
    low = judge("100 / s", QPS)  # a quarter of 400: four times too low
    assert low.verdict == "off" and "4× too low" in low.message
    assert within(0, 0, "2x") and not within(1, 0, "25%") and not within(0.5, 1, "25%")
    assert within(0.6, 1, "2x") and within(3, 4, "2x")  # small positive figures are judged by ratio
    high = judge("6.5 GB", INDEX)  # 1.3 times the 5 GB reference, outside 25%
    assert high.verdict == "off" and "1.3× too high" in high.message
    assert tolerance_text("25%") == "within 25%" and tolerance_text("2x") == "within 2×"


def test_display_value_reads_the_figure_back_in_the_estimates_unit():
    assert display_value("35e6 / day", "1/s") == "405 /s"
    assert display_value("1.6e6 * 768 * 4 B", "GB") == "4.92 GB"
    assert display_value("three apples", "GB") == ""


# -- what case authors are told -------------------------------------------------------
def _case_with(estimates: list[dict]) -> bytes:
    data = yaml.safe_load((ROOT / "cases" / "short-video-feed.yaml").read_text())
    data["estimates"] = estimates
    return ("---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)).encode()


def _est(**kw) -> dict:
    return {"id": "qps", "question": "Peak requests per second", "unit": "1/s", "value": 400,
            "derivation": "35M a day / 86,400 s", "tolerance": "2x", **kw}


def test_author_mistakes_are_reported_with_file_and_line(library):
    raw = _case_with([_est(), _est(id="size", unit="gigglebytes"), _est(id="cost", tolerance="1x"),
                      _est(id="lat", step="serving"), _est(tolerance="200%")])
    with pytest.raises(FileError) as exc:
        load_case_bytes(raw, "bad.yaml", library.framework)
    lines = raw.decode().splitlines()
    got = {p.message.split(":")[0]: p for p in exc.value.problems}
    assert "unknown unit 'gigglebytes'" in got["estimates[1].unit"].message
    assert got["estimates[1].unit"].line == lines.index("  unit: gigglebytes") + 1
    assert "above 1" in got["estimates[2].tolerance"].message
    assert "'serving' is not a step" in got["estimates[3].step"].message
    assert "between 0 and 100" in got["estimates[4].tolerance"].message
    assert "duplicate estimate id 'qps'" in got["estimates[4].id"].message
    assert str(got["estimates[1].unit"]).startswith(f"bad.yaml:{got['estimates[1].unit'].line}: estimates[1].unit")
    # each problem points at its own line, not at the list
    assert got["estimates[2].tolerance"].line == lines.index("  tolerance: 1x") + 1
    assert got["estimates[3].step"].line == lines.index("  step: serving") + 1
    assert got["estimates[4].tolerance"].line == lines.index("  tolerance: 200%") + 1
    ids = [n for n, line in enumerate(lines, start=1) if line == "- id: qps"]
    assert got["estimates[4].id"].line == ids[1]



def test_an_infinite_reference_is_refused_on_its_line(library):
    raw = _case_with([_est(), _est(id="huge", value=float("inf"))])
    with pytest.raises(FileError) as exc:
        load_case_bytes(raw, "inf.yaml", library.framework)
    (problem,) = [p for p in exc.value.problems if p.message.startswith("estimates[1].value")]
    assert "must be a positive number" in problem.message
    assert problem.line == raw.decode().splitlines().index("  value: .inf") + 1


def test_good_estimates_pass_and_every_bundled_estimate_is_valid(library):
    assert load_case_bytes(_case_with([_est(), _est(id="size", unit="GB", tolerance="25%")]), "ok.yaml",
                           library.framework).estimates[1].unit == "GB"
    for case in library.cases.values():
        assert estimate_problems(case) == [], case.id
        for est in case.estimates:  # the reference, typed as an answer, is judged within tolerance
            assert judge(f"{est.value} {est.unit}", est).verdict == "within", (case.id, est.id)


# -- the session ----------------------------------------------------------------------
def test_set_estimate_saves_changes_and_drops_empty_entries(library):
    case = library.cases["short-video-feed"]
    session = wt.new_session(case, library)
    assert set_estimate(session, "requirements", "qps", " 35e6 / day ", "35M a day") is True
    assert set_estimate(session, "requirements", "qps", "35e6 / day", "35M a day") is False
    entry = session.step("requirements").estimates[0]
    assert (entry.id, entry.value, entry.working) == ("qps", "35e6 / day", "35M a day")
    assert set_estimate(session, "requirements", "qps", "", "") is True
    assert session.step("requirements").estimates == []
    assert set_estimate(session, "requirements", "qps", "", "") is False


def test_a_figure_without_working_and_working_without_a_figure_are_each_kept(library):
    session = wt.new_session(library.cases["short-video-feed"], library)
    assert set_estimate(session, "requirements", "qps", "400/s", "") is True
    assert set_estimate(session, "requirements", "index", "", "1.6M vectors, 768 floats") is True
    assert set_estimate(session, "requirements", "qps", "400/s", "from 35M a day") is True  # only the working moved
    assert set_estimate(session, "requirements", "qps", "500/s", "from 35M a day") is True  # only the figure moved
    assert [(e.id, e.value, e.working) for e in session.step("requirements").estimates] == [
        ("qps", "500/s", "from 35M a day"), ("index", "", "1.6M vectors, 768 floats")]


def test_an_interviewer_can_rate_an_estimate_the_candidate_left_blank(library):
    session = wt.new_session(library.cases["short-video-feed"], library)
    assert rate_estimate(session, "deployment", "qps", None) is False  # clearing nothing changes nothing
    assert session.step("deployment").estimates == []
    assert rate_estimate(session, "deployment", "qps", "off") is True
    (entry,) = session.step("deployment").estimates
    assert (entry.id, entry.value, entry.rating) == ("qps", "", "off")


def test_interviewer_rating_is_kept_and_cleared(library):
    session = wt.new_session(library.cases["short-video-feed"], library)
    set_estimate(session, "requirements", "qps", "400/s", "")
    assert rate_estimate(session, "requirements", "qps", "good") is True
    assert rate_estimate(session, "requirements", "qps", "good") is False
    set_estimate(session, "requirements", "qps", "", "")  # a rated entry stays, with its rating
    assert session.step("requirements").estimates[0].rating == "good"
    assert rate_estimate(session, "requirements", "qps", None) is True


def test_report_rows_judge_each_estimate_of_the_step(library):
    session = wt.new_session(library.cases["short-video-feed"], library)
    set_estimate(session, "requirements", "qps", "35e6/day", "35M a day")
    rate_estimate(session, "requirements", "qps", "off")
    rows = worksheet_rows([QPS, INDEX], session.step("requirements"))
    assert rows == [["Peak requests per second", "35e6/day", "35M a day",
                     "405 /s: within 2× (interviewer: off)", "400 /s (within 2×)", "35M a day / 86,400 s"]]
    # a blank figure, and an entry the case no longer asks for, read as such
    session.step("model").estimates.append(EstimateEntry(id="retired", working="kept from an older case"))
    rated_only = EstimateEntry(id="gone", rating="good")
    session.step("model").estimates.append(rated_only)
    assert worksheet_rows([QPS, INDEX], session.step("model")) == [
        ["Embedding index size", "—", "", "—", "5 GB (within 25%)", "1.6M x 768 x 4 B"],
        ["retired", "—", "kept from an older case", "—", "—", ""],
        ["gone", "—", "", "interviewer: good", "—", ""],
    ]
