"""Who ticked a rubric item: the candidate, the interviewer, a reviewer, or the suggester.

One type for every place that asks "whose score is this", so the choice of ticks is
made once. The suggester is the app's own reading of the text: it is a scorer in
agreement figures, never a person's score.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from workbench.case import Rating
from workbench.session import Session

ScorerKind = Literal["self", "interviewer", "reviewer", "suggester"]


class Scorer(BaseModel):
    """One party that scored a session; ``index`` numbers reviewers from 1 (0 for the others)."""

    model_config = ConfigDict(frozen=True)

    kind: ScorerKind
    index: int = Field(default=0, ge=0)
    name: str = ""

    @property
    def label(self) -> str:
        if self.kind == "reviewer":
            return f"Reviewer {self.index}: {self.name}" if self.name else f"Reviewer {self.index}"
        return {"self": "Self-assessment", "interviewer": "Interviewer", "suggester": "Suggester"}[self.kind]

    @property
    def key(self) -> str:
        """A short stable name for files and frames: self, interviewer, reviewer-2, suggester."""
        return f"reviewer-{self.index}" if self.kind == "reviewer" else self.kind


SELF = Scorer(kind="self")
INTERVIEWER = Scorer(kind="interviewer")
SUGGESTER = Scorer(kind="suggester")


def reviewer(index: int, name: str = "") -> Scorer:
    return Scorer(kind="reviewer", index=index, name=name)


def counting_scorer(session: Session) -> Scorer:
    """Whose ticks are the session's score: the interviewer's in an interview, else the candidate's."""
    return INTERVIEWER if session.mode == "interview" else SELF


def ticks(session: Session, scorer: Scorer) -> dict[str, dict[str, str]]:
    """Per step, the items this scorer ticked and the evidence given (empty for reviewers)."""
    if scorer.kind == "reviewer":
        if not 1 <= scorer.index <= len(session.reviews):
            return {}
        return {s.id: dict.fromkeys(s.covered, "") for s in session.reviews[scorer.index - 1].steps}
    return {rec.id: {c.item: c.evidence for c in rec.checks if c.by == scorer.kind} for rec in session.steps}


def ratings(session: Session, scorer: Scorer) -> dict[str, Rating | None]:
    """Per step ratings: the interviewer's live ones or a reviewer's; nobody else rates."""
    if scorer.kind == "interviewer":
        return {rec.id: rec.rating for rec in session.steps}
    if scorer.kind == "reviewer" and 1 <= scorer.index <= len(session.reviews):
        return {s.id: s.rating for s in session.reviews[scorer.index - 1].steps}
    return {}


def scorers(session: Session) -> list[Scorer]:
    """Everyone who scored this session, in order: self, interviewer, reviewers, suggester.

    The candidate counts once they ticked something or opened a self-check; the
    interviewer once they ticked or rated; the suggester once it suggested anything.
    """
    out: list[Scorer] = []
    if any(c.by == "self" for rec in session.steps for c in rec.checks) or any(r.self_checked for r in session.steps):
        out.append(SELF)
    if any(c.by == "interviewer" for rec in session.steps for c in rec.checks) or any(
            rec.rating for rec in session.steps):
        out.append(INTERVIEWER)
    out += [reviewer(n, r.reviewer) for n, r in enumerate(session.reviews, start=1)]
    if any(c.by == "suggester" for rec in session.steps for c in rec.checks):
        out.append(SUGGESTER)
    return out
