"""The scoring engine: weighted rubric coverage per step, level, sub-area and scorer.

Every score in the app comes from here. A session is scored against the rubric it
carries (``Session.rubric``, the snapshot taken when it was saved) so later case edits
never move a past score; sessions without one fall back to the library's rubric.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from workbench.case import LEVELS, Case, RubricItem
from workbench.library import Library
from workbench.scorer import Scorer, counting_scorer, ticks
from workbench.session import ScoreSummary, Session, SnapshotItem, TargetLevel

NO_SUB_AREA = "other"


@dataclass(frozen=True)
class StepScore:
    step_id: str
    covered: list[RubricItem]
    missed: list[RubricItem]
    by_level: dict[str, float | None] = field(default_factory=dict)
    by_sub_area: dict[str, float | None] = field(default_factory=dict)

    @property
    def got_weight(self) -> int:
        return sum(i.weight for i in self.covered)

    @property
    def total_weight(self) -> int:
        return self.got_weight + sum(i.weight for i in self.missed)

    @property
    def coverage(self) -> float:
        total = self.total_weight
        return self.got_weight / total if total else 0.0


@dataclass(frozen=True)
class SessionScore:
    steps: list[StepScore]
    scorer: Scorer | None = None

    @property
    def coverage(self) -> float:
        total = sum(s.total_weight for s in self.steps)
        return sum(s.got_weight for s in self.steps) / total if total else 0.0

    @property
    def by_level(self) -> dict[str, float | None]:
        return level_coverage([i for s in self.steps for i in s.covered],
                              [i for s in self.steps for i in s.missed])

    def step(self, step_id: str) -> StepScore:
        return next(s for s in self.steps if s.step_id == step_id)


def _share(covered: Iterable[RubricItem], missed: Iterable[RubricItem], key: str) -> dict[str, float | None]:
    got: dict[str, int] = {}
    total: dict[str, int] = {}
    for items, counts in ((covered, True), (missed, False)):
        for i in items:
            k = getattr(i, key) or NO_SUB_AREA
            total[k] = total.get(k, 0) + i.weight
            if counts:
                got[k] = got.get(k, 0) + i.weight
    return {k: got.get(k, 0) / t for k, t in total.items()}


def level_coverage(covered: list[RubricItem], missed: list[RubricItem]) -> dict[str, float | None]:
    """Weighted coverage per level; None where the rubric has no item of that level."""
    share = _share(covered, missed, "level")
    return {level: share.get(level) for level in LEVELS}


def score_items(step_id: str, rubric: Sequence[RubricItem], covered_ids: Iterable[str]) -> StepScore:
    """Score one step: ticked ids that are not in the rubric do not count."""
    ids = set(covered_ids)
    covered = [i for i in rubric if i.id in ids]
    missed = [i for i in rubric if i.id not in ids]
    # Heaviest misses first: that is the order in which they matter.
    missed.sort(key=lambda i: (-i.weight, LEVELS.index(i.level)))
    return StepScore(step_id, covered, missed, level_coverage(covered, missed),
                     _share(covered, missed, "sub_area"))


# -- the rubric a session is scored against ---------------------------------------
def snapshot_rubric(case: Case, library: Library) -> dict[str, list[SnapshotItem]]:
    """The case's rubric per step (generic items included) as it is now, to store in the session."""
    return {
        sid: [SnapshotItem(id=i.id, text=i.text, weight=i.weight, level=i.level, sub_area=i.sub_area)
              for i in library.rubric(case, sid)]
        for sid in library.framework.step_ids if sid in case.steps
    }


def _from_snapshot(item: SnapshotItem, now: RubricItem | None) -> RubricItem:
    # Built without validation: a snapshot holds what the file says, and scoring must still read it.
    # Every field is given: a default_factory left to model_construct costs a signature lookup per item.
    return RubricItem.model_construct(id=item.id, text=item.text, weight=item.weight, level=item.level,
                                      sub_area=item.sub_area, why=now.why if now else "", signals=[],
                                      concept=None, level_note="")


def session_rubric(session: Session, case: Case | None, library: Library | None) -> dict[str, list[RubricItem]]:
    """Per step of the session, the items it is scored against: its snapshot, else the library's.

    Snapshot items take their ``why`` from the current case where the id still exists
    (the snapshot keeps what scores, not the explanation). Empty without either.
    """
    if session.rubric:
        return {sid: _step_items(session, case, library, sid) or [] for sid in session.rubric}
    return {rec.id: items for rec in session.steps
            if (items := _step_items(session, case, library, rec.id)) is not None}


def step_rubric(session: Session, case: Case | None, library: Library | None, step_id: str) -> list[RubricItem]:
    """One step's entry of ``session_rubric``, else the library's items for it (a step the
    snapshot lacks); the pages need only the step on screen."""
    found = _step_items(session, case, library, step_id)
    return found if found is not None else _library_items(case, library, step_id) or []


def _library_items(case: Case | None, library: Library | None, step_id: str) -> list[RubricItem] | None:
    return library.rubric(case, step_id) if case and library and step_id in case.steps else None


def _step_items(session: Session, case: Case | None, library: Library | None,
                step_id: str) -> list[RubricItem] | None:
    """The step's snapshot items (``why`` from the case), else the library's; None if neither has it."""
    current = _library_items(case, library, step_id)
    if session.rubric:
        if step_id not in session.rubric:
            return None
        by_id = {i.id: i for i in current or []}
        return [_from_snapshot(s, by_id.get(s.id)) for s in session.rubric[step_id]]
    return current


def score_session(session: Session, case: Case | None, library: Library | None,
                  by: Scorer | None = None) -> SessionScore:
    """Score a session's steps by one scorer's ticks (default: the counting scorer).

    In an interview the interviewer's ticks are the score; in solo practice the
    candidate's own ticks are. The suggester's ticks are only ever scored when asked
    for by name, for comparison; they are never a person's score.
    """
    scorer = by or counting_scorer(session)
    rubric = session_rubric(session, case, library)
    ticked = ticks(session, scorer)
    steps = [score_items(rec.id, rubric[rec.id], ticked.get(rec.id, {})) for rec in session.steps
             if rec.id in rubric]
    return SessionScore(steps, scorer)


# -- what is saved with a session --------------------------------------------------
def assessed_steps(session: Session, scorer: Scorer) -> set[str]:
    """Steps this scorer assessed: a self-check opened, an item ticked, or a rating given."""
    out = {sid for sid, items in ticks(session, scorer).items() if items}
    if scorer.kind == "self":
        out |= {rec.id for rec in session.steps if rec.self_checked}
    if scorer.kind == "interviewer":
        out |= {rec.id for rec in session.steps if rec.rating}
    return out


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def item_weights(rubric: Mapping[str, Sequence[RubricItem]]) -> dict[str, dict[str, int]]:
    """Per step, item id -> weight: all that ``coverage_figures`` needs of a rubric."""
    return {sid: {i.id: i.weight for i in items} for sid, items in rubric.items()}


def coverage_figures(weights: Mapping[str, Mapping[str, int]], covered: Mapping[str, Iterable[str]],
                     assessed: Collection[str]) -> tuple[float | None, dict[str, float | None]]:
    """Overall and per-step weighted coverage from ``item_weights`` and ticked ids.

    A step nobody assessed scores None, and so does the whole session until some step
    is assessed: an unstarted session is unscored, not 0%. Ids not in the rubric, and
    repeated ids, count nothing. Analytics calls this for thousands of sessions.
    """
    got_all = total_all = 0
    steps: dict[str, float | None] = {}
    for sid, w in weights.items():
        got = sum(w.get(i, 0) for i in set(covered.get(sid, ())))
        total = sum(w.values())
        got_all += got
        total_all += total
        steps[sid] = (got / total if total else 0.0) if sid in assessed else None
    started = any(v is not None for v in steps.values())
    return (got_all / total_all if total_all else 0.0) if started else None, steps


def summarise(rubric: Mapping[str, Sequence[RubricItem]], covered: Mapping[str, Collection[str]],
              assessed: Collection[str], scorer: str = "") -> ScoreSummary:
    """Headline figures from one scorer's ticks: overall, per step and per level (None until assessed)."""
    overall, steps = coverage_figures(item_weights(rubric), covered, assessed)
    covered_items = [i for sid, items in rubric.items() for i in items if i.id in covered.get(sid, ())]
    missed_items = [i for sid, items in rubric.items() for i in items if i.id not in covered.get(sid, ())]
    levels = level_coverage(covered_items, missed_items)
    return ScoreSummary(
        scorer=scorer,
        overall=_round(overall),
        steps={sid: _round(v) for sid, v in steps.items()},
        levels={k: _round(v) if overall is not None else None for k, v in levels.items()},
    )


def score_summary(session: Session, case: Case | None, library: Library | None) -> ScoreSummary:
    """The headline figures to save with a session: the counting scorer's coverage, and the
    verdict on each estimate (judged against the case; without it, the last verdicts stand)."""
    scorer = counting_scorer(session)
    summary = summarise(session_rubric(session, case, library), ticks(session, scorer),
                        assessed_steps(session, scorer), scorer.key)
    if case is not None and case.estimates:
        from workbench.estimates import step_verdicts  # pint loads only for cases that size things

        summary.estimates = step_verdicts(session, case)
    elif case is None and session.score is not None:
        summary.estimates = session.score.estimates  # judged when the case was at hand; kept as it was
    return summary


# -- levels -------------------------------------------------------------------------
CORE_BAR = 0.7
UPPER_BAR = 0.5


def supported_level(levels: Mapping[str, float | None]) -> TargetLevel:
    """The level the evidence supports, from weighted coverage per rubric level.

    The rule: core coverage of at least 70% supports mid; on top of that, senior
    coverage of at least 50% supports senior; on top of that, staff coverage of at
    least 50% supports staff. Anything less is junior. A level whose rubric has no
    items (coverage None) cannot be evidenced, so it does not support that level.
    """
    def at_least(level: str, bar: float) -> bool:
        value = levels.get(level)
        return value is not None and value >= bar

    if not at_least("core", CORE_BAR):
        return "junior"
    if not at_least("senior", UPPER_BAR):
        return "mid"
    return "staff" if at_least("staff", UPPER_BAR) else "senior"
