"""Whether a case's rubric separates levels: concept levels, staff weight, estimates, references.

These are authoring checks (``validate`` warnings, errors under ``--strict``) and the
library statistics behind them: items per level, the staff share of weight, and the
score an answer covering only the core items would get.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.case import LEVELS, Case, Framework, RubricItem
from workbench.yamlio import FileProblem, Parsed

MIN_ESTIMATES = 2
MAX_ESTIMATES = 4
MIN_REFERENCE_WORDS = 120
CORE_ONLY_TARGET = 0.70


def concept_problems(case: Case, framework: Framework, warn: Callable[[tuple, str], None]) -> None:
    """Unknown concepts, and levels that differ from the concept's default with no ``level_note``."""
    for sid, step in case.steps.items():
        for n, item in enumerate(step.rubric):
            if item.concept is None:
                continue
            loc = ("steps", sid, "rubric", n)
            concept = framework.concept(item.concept)
            if concept is None:
                warn((*loc, "concept"), f"steps.{sid}.rubric[{n}] '{item.id}': unknown concept '{item.concept}'")
            elif item.level != concept.default_level and not item.level_note.strip():
                warn((*loc, "level"),
                     f"steps.{sid}.rubric[{n}] '{item.id}': level {item.level} differs from concept "
                     f"'{concept.id}' ({concept.default_level}) with no level_note saying why")


def depth_problems(case: Case, framework: Framework, warn: Callable[[tuple, str], None]) -> None:
    """A heavy staff item per step, 2-4 estimates, a reference answer per step, a scale-using item."""
    for sid in framework.step_ids:
        step = case.steps.get(sid)
        if step is None:
            continue
        loc = ("steps", sid)
        if not any(i.level == "staff" and i.weight >= 2 for i in step.rubric):
            warn((*loc, "rubric"), f"steps.{sid}: no staff item of weight 2 or 3, staff looks like senior")
        words = len(step.reference_answer.split())
        if words < MIN_REFERENCE_WORDS:
            warn((*loc, "reference_answer"),
                 f"steps.{sid}: reference answer has {words} words (about 150-300 expected)")
    if not MIN_ESTIMATES <= len(case.estimates) <= MAX_ESTIMATES:
        warn(("estimates",), f"{len(case.estimates)} estimates ({MIN_ESTIMATES}-{MAX_ESTIMATES} expected)")
    if not any(i.sub_area == "capacity" for s in case.steps.values() for i in s.rubric):
        warn(("steps",), "no rubric item in the 'capacity' sub-area uses the case's scale facts")


def leveling_warnings(case: Case, framework: Framework, parsed: Parsed, filename: str) -> list[FileProblem]:
    out: list[FileProblem] = []

    def warn(loc: tuple, msg: str) -> None:
        out.append(FileProblem(filename, parsed.line_of(loc), msg, severity="warning"))

    concept_problems(case, framework, warn)
    depth_problems(case, framework, warn)
    return out


# -- statistics ---------------------------------------------------------------------
@dataclass(frozen=True)
class CaseStats:
    case_id: str
    items: dict[str, int]
    weight: dict[str, int]
    core_only_score: float

    @property
    def staff_share(self) -> float:
        total = sum(self.weight.values())
        return self.weight["staff"] / total if total else 0.0


def _rubric(case: Case, framework: Framework) -> list[RubricItem]:
    return [i for sid in framework.step_ids if sid in case.steps
            for i in (*framework.step(sid).rubric, *case.steps[sid].rubric)]


def case_stats(case: Case, framework: Framework) -> CaseStats:
    """The case's own items per level; weight per level and the core-only score over the full rubric."""
    items = _rubric(case, framework)
    own = [i for s in case.steps.values() for i in s.rubric]
    count = {lv: sum(1 for i in own if i.level == lv) for lv in LEVELS}
    weight = {lv: sum(i.weight for i in items if i.level == lv) for lv in LEVELS}
    total = sum(weight.values())
    return CaseStats(case.id, count, weight, weight["core"] / total if total else 0.0)


def library_stats_text(cases: list[Case], framework: Framework) -> str:
    """A plain-text table of the statistics, for the CLI and the closing notes."""
    stats = [case_stats(c, framework) for c in sorted(cases, key=lambda c: c.id)]
    lines = [f"{'case':40} {'core':>5} {'senior':>6} {'staff':>5} {'staff wt':>8} {'core-only':>9}"]
    for s in stats:
        flag = "" if s.core_only_score <= CORE_ONLY_TARGET else "  > target"
        lines.append(f"{s.case_id:40} {s.items['core']:>5} {s.items['senior']:>6} {s.items['staff']:>5} "
                     f"{s.staff_share:>8.0%} {s.core_only_score:>9.0%}{flag}")
    if stats:
        tot = {lv: sum(s.items[lv] for s in stats) for lv in LEVELS}
        wt = {lv: sum(s.weight[lv] for s in stats) for lv in LEVELS}
        scores = [s.core_only_score for s in stats]
        lines.append(
            f"{len(stats)} cases: items core {tot['core']}, senior {tot['senior']}, staff {tot['staff']}; "
            f"staff share of weight {wt['staff'] / max(1, sum(wt.values())):.0%}; core-only score "
            f"mean {sum(scores) / len(scores):.0%} (range {min(scores):.0%}-{max(scores):.0%}); "
            f"{sum(1 for x in scores if x > CORE_ONLY_TARGET)} above {CORE_ONLY_TARGET:.0%}")
    return "\n".join(lines)
