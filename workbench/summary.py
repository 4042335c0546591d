"""A small, flat summary of a session: what lists, filters and analytics need.

Summaries live in the store's index so that pages listing thousands of sessions do
not parse thousands of files on every rerun.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from workbench.scoring import covered_ids
from workbench.session import Session


class StepSummary(BaseModel):
    id: str
    time_spent_s: int = 0
    hints: int = 0
    checked: bool = False
    rating: str | None = None
    covered: list[str] = Field(default_factory=list)


class SessionSummary(BaseModel):
    id: str
    case_id: str
    case_title: str
    case_hash: str
    mode: str
    candidate: str = ""
    interviewer: str = ""
    target_level: str | None = None
    status: str
    created_at: str
    updated_at: str
    recommendation: str | None = None
    reviews: int = 0
    steps: list[StepSummary] = Field(default_factory=list)


def summarize(session: Session) -> SessionSummary:
    """Summarise with the scoring source that counts: the interviewer's ticks in an interview."""
    by = "interviewer" if session.mode == "interview" else "self"
    dumped = session.model_dump(mode="json", include={"created_at", "updated_at"})
    return SessionSummary(
        id=session.id,
        case_id=session.case.id,
        case_title=session.case.title,
        case_hash=session.case.content_hash,
        mode=session.mode,
        candidate=session.people.candidate,
        interviewer=session.people.interviewer,
        target_level=session.target_level,
        status=session.status,
        created_at=dumped["created_at"],
        updated_at=dumped["updated_at"],
        recommendation=session.result.recommendation,
        reviews=len(session.reviews),
        steps=[
            StepSummary(
                id=s.id,
                time_spent_s=s.time_spent_s,
                hints=s.hints_revealed,
                checked=s.self_checked or bool(s.checks),
                rating=s.rating,
                covered=covered_ids(session, s.id, by),
            )
            for s in session.steps
        ],
    )
