"""Independent reviews of a saved session, and where the scorers agree or disagree.

Agreement is honest about what it measures: only items somebody ticked count (two
scorers who tick nothing have not agreed on anything), and Cohen's kappa corrects
each pair's agreement for chance, or says there are too few items to tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from workbench import clock
from workbench.case import Case, Rating
from workbench.library import Library
from workbench.scorer import Scorer, scorers, ticks
from workbench.scoring import session_rubric
from workbench.session import Review, ReviewStep, Session
from workbench.walkthrough import log


def add_review(session: Session, reviewer: str, covered: dict[str, list[str]], ratings: dict[str, Rating | None],
               comments: dict[str, str], recommendation: Rating | None, comment: str = "") -> Review:
    """Append a reviewer's independent scoring to the session (the same file)."""
    name = reviewer.strip()
    if not name:
        raise ValueError("a review needs the reviewer's name")
    review = Review(
        reviewer=name,
        at=clock.now(),
        steps=[
            ReviewStep(id=s.id, covered=list(covered.get(s.id, [])), rating=ratings.get(s.id),
                       comment=comments.get(s.id, "").strip())
            for s in session.steps
        ],
        recommendation=recommendation,
        comment=comment.strip(),
    )
    session.reviews.append(review)
    log(session, "review_added", detail=name)
    return review


@dataclass(frozen=True)
class ItemAgreement:
    """One rubric item: which scorers saw it covered and which did not."""

    step_id: str
    item_id: str
    text: str
    weight: int
    ticked_by: tuple[Scorer, ...]
    missed_by: tuple[Scorer, ...]

    @property
    def ticked(self) -> bool:
        return bool(self.ticked_by)

    @property
    def agreed(self) -> bool:
        return not self.ticked_by or not self.missed_by


def agreement(session: Session, case: Case | None, library: Library,
              parties: Sequence[Scorer] | None = None) -> list[ItemAgreement]:
    """Per rubric item of every step: who ticked it and who did not (default: every scorer)."""
    parties = scorers(session) if parties is None else list(parties)
    seen = {p: ticks(session, p) for p in parties}
    out = []
    for sid, items in session_rubric(session, case, library).items():
        for item in items:
            hit = tuple(p for p in parties if item.id in seen[p].get(sid, {}))
            out.append(ItemAgreement(sid, item.id, item.text, item.weight, hit,
                                     tuple(p for p in parties if p not in hit)))
    return out


def agreement_rate(items: Sequence[ItemAgreement]) -> float | None:
    """Share of the ticked items (ticked by at least one scorer) on which every scorer agrees.

    None when nobody ticked anything: there is nothing to agree on.
    """
    ticked = [i for i in items if i.ticked]
    return sum(i.agreed for i in ticked) / len(ticked) if ticked else None


def agreement_note(items: Sequence[ItemAgreement]) -> str:
    ticked = [i for i in items if i.ticked]
    if not ticked:
        return "no items ticked"
    return f"{sum(i.agreed for i in ticked)} of {len(ticked)} ticked items agreed"


MIN_KAPPA_ITEMS = 5
TOO_FEW = "too few items"


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa of two scorers' ticks over the same items.

    None when it is undefined (chance agreement is total, e.g. neither ticked
    anything) or there are fewer than ``MIN_KAPPA_ITEMS`` items to judge from.
    """
    if len(a) != len(b):
        raise ValueError("kappa needs both scorers' verdicts on the same items")
    n = len(a)
    if n < MIN_KAPPA_ITEMS:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


@dataclass(frozen=True)
class PairKappa:
    """Kappa between two scorers over one step's items (``step_id`` None: every step)."""

    step_id: str | None
    a: Scorer
    b: Scorer
    items: int
    kappa: float | None

    @property
    def note(self) -> str:
        return TOO_FEW if self.kappa is None else f"{self.kappa:.2f}"


def pairwise_kappa(items: Sequence[ItemAgreement], parties: Sequence[Scorer]) -> list[PairKappa]:
    """Kappa for each pair of scorers, per step in order, then over all the steps together."""
    steps = list(dict.fromkeys(i.step_id for i in items))
    out = []
    for a, b in combinations(parties, 2):
        for sid in [*steps, None]:
            chosen = [i for i in items if sid is None or i.step_id == sid]
            va = [a in i.ticked_by for i in chosen]
            vb = [b in i.ticked_by for i in chosen]
            out.append(PairKappa(sid, a, b, len(chosen), cohen_kappa(va, vb)))
    return out
