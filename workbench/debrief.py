"""The debrief at the end of a practice session: what to work on next, in one place.

It is built from the scoring engine (never a second scoring path) and is shown at the
end of practice and at the top of the Review page.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from workbench.case import LEVELS, Case, RubricItem
from workbench.library import Library
from workbench.scorer import SUGGESTER, Scorer, counting_scorer
from workbench.scoring import SessionScore, assessed_steps, score_session, supported_level
from workbench.session import Session
from workbench.walkthrough import step_elapsed_s

MAX_GAPS = 5
MIN_GAPS = 3


@dataclass(frozen=True)
class Gap:
    """A missed rubric item, with the step it belongs to."""

    step_id: str
    item: RubricItem


@dataclass(frozen=True)
class StepTime:
    step_id: str
    spent_s: int
    budget_s: int | None
    hints_used: int
    hints_total: int


@dataclass(frozen=True)
class PitfallLine:
    step_id: str
    text: str
    fell: bool


@dataclass(frozen=True)
class NextCase:
    case_id: str
    title: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class Debrief:
    scorer: Scorer
    score: SessionScore
    scored_steps: tuple[str, ...]
    gaps: tuple[Gap, ...]
    times: tuple[StepTime, ...]
    pitfalls: tuple[PitfallLine, ...]
    next_cases: tuple[NextCase, ...]
    suggested: SessionScore | None = None

    def _overall(self, score: SessionScore | None) -> float | None:
        steps = [s for s in score.steps if s.step_id in self.scored_steps] if score else []
        total = sum(s.total_weight for s in steps)
        return sum(s.got_weight for s in steps) / total if total else None

    @property
    def overall(self) -> float | None:
        """Coverage over the scored steps only; None until a step is scored."""
        return self._overall(self.score)

    @property
    def suggested_overall(self) -> float | None:
        """The suggester's reading of the same steps, to set beside the person's score."""
        return self._overall(self.suggested)

    def step(self, step_id: str) -> float | None:
        return self.score.step(step_id).coverage if step_id in self.scored_steps else None

    @property
    def levels(self) -> dict[str, float | None]:
        steps = [s for s in self.score.steps if s.step_id in self.scored_steps]
        out: dict[str, float | None] = {}
        for level in LEVELS:
            got = sum(i.weight for s in steps for i in s.covered if i.level == level)
            total = got + sum(i.weight for s in steps for i in s.missed if i.level == level)
            out[level] = got / total if total else None
        return out

    @property
    def supported_level(self) -> str:
        return supported_level(self.levels)


def heaviest_gaps(score: SessionScore, steps: Collection[str], n: int = MAX_GAPS) -> list[Gap]:
    """The heaviest missed items across the given steps: weight first, then core before senior
    before staff (a missed core item hurts more at any level), then step order."""
    order = {sid: k for k, sid in enumerate(s.step_id for s in score.steps)}
    gaps = [Gap(s.step_id, i) for s in score.steps if s.step_id in steps for i in s.missed]
    gaps.sort(key=lambda g: (-g.item.weight, LEVELS.index(g.item.level), order[g.step_id]))
    return gaps[:n]


def next_cases(score: SessionScore, case: Case, library: Library, attempted: Collection[str],
               n: int = 2) -> list[NextCase]:
    """Cases that exercise this attempt's weakest sub-areas, unattempted ones first.

    A case's fit is the rubric weight it puts on each (step, sub-area) times the weight
    this attempt missed there.
    """
    missed: dict[tuple[str, str], int] = {}
    for s in score.steps:
        for item in s.missed:
            if item.sub_area:
                missed[(s.step_id, item.sub_area)] = missed.get((s.step_id, item.sub_area), 0) + item.weight
    if not missed:
        return []
    titles = {(st.id, a.id): a.title for st in library.framework.steps for a in st.sub_areas}
    fits: list[tuple[bool, float, str, tuple[str, ...]]] = []
    for other in library.cases.values():
        if other.id == case.id:
            continue
        fit = 0.0
        areas: dict[str, float] = {}
        for sid, cstep in other.steps.items():
            for item in cstep.rubric:
                key = (sid, item.sub_area or "")
                if key in missed:
                    gain = item.weight * missed[key]
                    fit += gain
                    label = titles.get(key, item.sub_area or "")
                    areas[label] = areas.get(label, 0.0) + gain
        if fit > 0:
            top = tuple(a for a, _ in sorted(areas.items(), key=lambda kv: -kv[1])[:2])
            fits.append((other.id in attempted, -fit, other.id, top))
    fits.sort()
    return [NextCase(cid, library.cases[cid].title, top) for _, _, cid, top in fits[:n]]


def build_debrief(session: Session, case: Case, library: Library, attempted: Collection[str] = ()) -> Debrief:
    """Everything the debrief shows, scored by the session's counting scorer."""
    scorer = counting_scorer(session)
    score = score_session(session, case, library, scorer)
    if scorer.kind == "self":
        scored = tuple(r.id for r in session.steps if r.scored)
    else:
        scored = tuple(r.id for r in session.steps if r.id in assessed_steps(session, scorer))
    times = tuple(
        StepTime(r.id, step_elapsed_s(session, r.id),
                 library.step_budget_s(case, r.id) if r.id in case.steps else None,
                 r.hints_revealed, len(case.steps[r.id].hints) if r.id in case.steps else 0)
        for r in session.steps)
    pitfalls = tuple(PitfallLine(r.id, p.text, p.text in r.pitfalls_hit)
                     for r in session.steps if r.id in case.steps for p in case.steps[r.id].pitfalls)
    gaps = heaviest_gaps(score, scored)
    return Debrief(scorer, score, scored, tuple(gaps), times, pitfalls,
                   tuple(next_cases(score, case, library, set(attempted) | {case.id})),
                   score_session(session, case, library, SUGGESTER))
