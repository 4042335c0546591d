"""Back-of-envelope estimates: judge a candidate's figure against the case's reference.

Reading the figure (arithmetic with units) is ``workbench.quantities``; this module adds the
tolerance rules, the author-facing checks for ``estimates:`` and the session mutators.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from workbench.case import Case, Estimate
from workbench.quantities import EstimateError, IncompatibleUnits, fmt, fmt_number, unit_of, value_in
from workbench.session import EstimateEntry, EstimateRating, EstimateVerdict, Session, StepRecord

MAX_FACTOR = 10.0
MAX_VALUE_CHARS = 200
Verdict = EstimateVerdict
_TOLERANCE = re.compile(r"^(\d+(?:\.\d+)?)(x|%)$")


def parse_tolerance(text: str) -> tuple[Literal["x", "%"], float]:
    """``"2x"`` -> ("x", 2.0): within a factor of 2; ``"25%"`` -> ("%", 0.25)."""
    m = _TOLERANCE.match(text.strip())
    if not m:
        raise EstimateError(f"tolerance '{text}' is not like 2x or 25%")
    amount = float(m.group(1))
    if m.group(2) == "x":
        if not 1 < amount <= MAX_FACTOR:
            raise EstimateError(f"a factor tolerance must be above 1 and at most {MAX_FACTOR:g} (got {text})")
        return "x", amount
    if not 0 < amount < 100:
        raise EstimateError(f"a percentage tolerance must be between 0 and 100 (got {text})")
    return "%", amount / 100


def within(value: float, reference: float, tolerance: str) -> bool:
    mode, amount = parse_tolerance(tolerance)
    if value <= 0 or reference <= 0:
        return value == reference
    if mode == "x":
        return 1 / amount <= value / reference <= amount
    return abs(value - reference) / reference <= amount


def tolerance_text(tolerance: str) -> str:
    mode, amount = parse_tolerance(tolerance)
    return f"within {amount:g}×" if mode == "x" else f"within {amount * 100:g}%"


@dataclass(frozen=True)
class Judgement:
    """How a typed figure compares with the reference."""

    verdict: Verdict
    message: str
    value: float | None = None

    @property
    def judged(self) -> bool:
        return self.verdict in ("within", "off")


def judge(text: str, estimate: Estimate) -> Judgement:
    if not text.strip():
        return Judgement("empty", "No value yet.")
    try:
        value = value_in(text, estimate.unit)
    except IncompatibleUnits as exc:
        return Judgement("incompatible", str(exc))
    except EstimateError as exc:
        return Judgement("invalid", str(exc))
    ok = within(value, estimate.value, estimate.tolerance)
    ratio = value / estimate.value
    if ratio <= 0:
        how = "not a positive value"
    else:
        how = f"{fmt_number(ratio)}× too high" if ratio >= 1 else f"{fmt_number(1 / ratio)}× too low"
    verdict: Verdict = "within" if ok else "off"
    head = f"{fmt(value, estimate.unit)}: " + (tolerance_text(estimate.tolerance) if ok else f"off, {how}")
    return Judgement(verdict, head, value)


@lru_cache(maxsize=4096)
def _verdict(text: str, estimate: Estimate) -> Verdict:
    """Memoised: every autosave re-judges the worksheet, and the figures rarely change between saves."""
    return judge(text, estimate).verdict


def step_verdicts(session: Session, case: Case) -> dict[str, dict[str, Verdict]]:
    """Per step that asks for estimates, each one's verdict now, to save with the score.

    The interviewer's rating decides where given ("good" counts as within); otherwise the
    figure is judged against the reference, and an estimate left blank is "empty".
    """
    steps = {rec.id: rec for rec in session.steps}
    out: dict[str, dict[str, Verdict]] = {}
    for est in case.estimates:
        rec = steps.get(est.step)
        if rec is None:
            continue
        entry = next((e for e in rec.estimates if e.id == est.id), None)
        if entry is not None and entry.rating is not None:
            verdict: Verdict = "within" if entry.rating == "good" else "off"
        else:
            verdict = _verdict(entry.value if entry is not None else "", est)
        out.setdefault(est.step, {})[est.id] = verdict
    return out


def display_value(text: str, unit: str) -> str:
    """The typed expression's value in the estimate's unit, or "" when it cannot be read."""
    try:
        return fmt(value_in(text, unit), unit)
    except EstimateError:
        return ""


# -- case validation ----------------------------------------------------------------
Loc = tuple[str | int, ...]


def estimate_problems(case: Case) -> list[tuple[Loc, str]]:
    """Author mistakes in ``estimates:``: unknown unit, bad tolerance, unknown step, duplicate id."""
    problems: list[tuple[Loc, str]] = []
    seen: set[str] = set()
    for n, est in enumerate(case.estimates):
        where = f"estimates[{n}]"
        try:
            unit_of(est.unit)
        except EstimateError as exc:
            problems.append((("estimates", n, "unit"), f"{where}.unit: {exc}"))
        try:
            parse_tolerance(est.tolerance)
        except EstimateError as exc:
            problems.append((("estimates", n, "tolerance"), f"{where}.tolerance: {exc}"))
        if not (math.isfinite(est.value) and est.value > 0):
            problems.append((("estimates", n, "value"), f"{where}.value: must be a positive number"))
        if est.step not in case.steps:
            problems.append((("estimates", n, "step"),
                             f"{where}.step: '{est.step}' is not a step of this case ({', '.join(case.steps)})"))
        if est.id in seen:
            problems.append((("estimates", n, "id"), f"{where}.id: duplicate estimate id '{est.id}'"))
        seen.add(est.id)
    return problems


# -- mutators (plain functions of a session, so a save conflict can re-apply them) ---
def _entry(session: Session, step_id: str, estimate_id: str) -> EstimateEntry | None:
    return next((e for e in session.step(step_id).estimates if e.id == estimate_id), None)


def set_estimate(session: Session, step_id: str, estimate_id: str, value: str, working: str) -> bool:
    """The candidate's figure and working; an entry left empty is dropped so files stay short."""
    rec = session.step(step_id)
    value, working = value.strip()[:MAX_VALUE_CHARS], working.strip()
    entry = _entry(session, step_id, estimate_id)
    if entry is None:
        if not value and not working:
            return False
        rec.estimates.append(EstimateEntry(id=estimate_id, value=value, working=working))
        return True
    if entry.value == value and entry.working == working:
        return False
    entry.value, entry.working = value, working
    if not value and not working and entry.rating is None:
        rec.estimates.remove(entry)
    return True


def rate_estimate(session: Session, step_id: str, estimate_id: str, rating: EstimateRating | None) -> bool:
    """The interviewer's view of a figure: "good" or "off" (None clears it)."""
    entry = _entry(session, step_id, estimate_id)
    if entry is None:
        if rating is None:
            return False
        entry = EstimateEntry(id=estimate_id)
        session.step(step_id).estimates.append(entry)
    if entry.rating == rating:
        return False
    entry.rating = rating
    return True


# -- reports ------------------------------------------------------------------------
WORKSHEET_HEADER = ["Quantity", "Value", "Working", "Judged", "Reference", "Derivation"]


def worksheet_rows(estimates: list[Estimate], rec: StepRecord) -> list[list[str]]:
    """One row per estimate asked on this step, then any entry the case no longer asks for."""
    entries = {e.id: e for e in rec.estimates}
    rows = []
    for est in (e for e in estimates if e.step == rec.id):
        entry = entries.pop(est.id, None) or EstimateEntry(id=est.id)
        verdict = judge(entry.value, est)
        judged = verdict.message if verdict.verdict != "empty" else "—"
        if entry.rating:
            judged += f" (interviewer: {entry.rating})"
        rows.append([est.question, entry.value or "—", entry.working, judged,
                     f"{fmt(est.value, est.unit)} ({tolerance_text(est.tolerance)})", " ".join(est.derivation.split())])
    rows += [[e.id, e.value or "—", e.working, f"interviewer: {e.rating}" if e.rating else "—", "—", ""]
             for e in entries.values()]
    return rows

