"""Independent reviews of a saved session, and where the scorers agree or disagree."""

from __future__ import annotations

from dataclasses import dataclass

from workbench import clock
from workbench.case import Case, Rating
from workbench.library import Library
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
class Scorer:
    """One party that scored the session: the candidate, the interviewer or a reviewer."""

    name: str
    covered: dict[str, set[str]]
    ratings: dict[str, str | None]


def scorers(session: Session) -> list[Scorer]:
    """Everyone who scored this session, in order: self, interviewer, reviewers."""
    out: list[Scorer] = []
    for by, label in (("self", "Self-assessment"), ("interviewer", "Interviewer")):
        covered = {s.id: {c.item for c in s.checks if c.by == by} for s in session.steps}
        if any(covered.values()) or (by == "interviewer" and any(s.rating for s in session.steps)):
            ratings = {s.id: s.rating for s in session.steps} if by == "interviewer" else {}
            out.append(Scorer(label, covered, ratings))
    for n, r in enumerate(session.reviews, start=1):
        out.append(Scorer(f"Reviewer {n}: {r.reviewer}", {s.id: set(s.covered) for s in r.steps},
                          {s.id: s.rating for s in r.steps}))
    return out


@dataclass(frozen=True)
class ItemAgreement:
    step_id: str
    item_id: str
    text: str
    ticked_by: list[str]
    missed_by: list[str]

    @property
    def agreed(self) -> bool:
        return not self.ticked_by or not self.missed_by


def agreement(session: Session, case: Case, library: Library) -> list[ItemAgreement]:
    """Per rubric item: who saw it covered and who did not."""
    parties = scorers(session)
    out = []
    for rec in session.steps:
        if rec.id not in case.steps:
            continue
        for item in library.rubric(case, rec.id):
            ticked = [p.name for p in parties if item.id in p.covered.get(rec.id, set())]
            missed = [p.name for p in parties if item.id not in p.covered.get(rec.id, set())]
            out.append(ItemAgreement(rec.id, item.id, item.text, ticked, missed))
    return out


def agreement_rate(items: list[ItemAgreement]) -> float | None:
    return sum(i.agreed for i in items) / len(items) if items else None
