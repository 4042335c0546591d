"""A small, flat summary of a session: what lists, filters and analytics need.

Summaries live in the store's index so that pages listing thousands of sessions do
not parse thousands of files on every rerun. A session that carries its rubric is
scored here, by the scoring engine, once per save; one without (older files) is
scored against the library by analytics.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from workbench.scorer import counting_scorer, ticks
from workbench.scoring import assessed_steps, score_summary
from workbench.session import Session


class StepSummary(BaseModel):
    id: str
    time_spent_s: int = 0
    hints: int = 0
    checked: bool = Field(default=False, description="assessed by the counting scorer (self-check, ticks, rating)")
    rating: str | None = None
    covered: list[str] = Field(default_factory=list)
    coverage: float | None = Field(default=None, description="from the session's own rubric; None if unassessed")
    estimates: dict[str, str] | None = Field(
        default=None, description="estimate id -> verdict at the last save; None when the file holds none")


class SessionSummary(BaseModel):
    id: str
    case_id: str
    case_title: str
    case_hash: str
    mode: str
    candidate: str = ""
    interviewer: str = ""
    owner: str = ""
    target_level: str | None = None
    status: str
    created_at: str
    updated_at: str
    recommendation: str | None = None
    reviews: int = 0
    scored: bool = Field(default=False, description="scored against the session's own rubric snapshot")
    score: float | None = None
    steps: list[StepSummary] = Field(default_factory=list)


def summarize(session: Session) -> SessionSummary:
    """Summarise with the scorer that counts: the interviewer's ticks in an interview."""
    scorer = counting_scorer(session)
    ticked = ticks(session, scorer)
    assessed = assessed_steps(session, scorer)
    own = score_summary(session, None, None) if session.rubric else None
    dumped = session.model_dump(mode="json", include={"created_at", "updated_at"})
    verdicts = session.score.estimates if session.score is not None else {}
    return SessionSummary(
        id=session.id,
        case_id=session.case.id,
        case_title=session.case.title,
        case_hash=session.case.content_hash,
        mode=session.mode,
        candidate=session.people.candidate,
        interviewer=session.people.interviewer,
        owner=session.people.owner,
        target_level=session.target_level,
        status=session.status,
        created_at=dumped["created_at"],
        updated_at=dumped["updated_at"],
        recommendation=session.result.recommendation,
        reviews=len(session.reviews),
        scored=own is not None,
        score=own.overall if own else None,
        steps=[
            StepSummary(
                id=s.id,
                time_spent_s=s.time_spent_s,
                hints=s.hints_revealed,
                checked=s.id in assessed,
                rating=s.rating,
                covered=list(ticked.get(s.id, {})),
                coverage=own.steps.get(s.id) if own else None,
                estimates=verdicts.get(s.id),
            )
            for s in session.steps
        ],
    )
