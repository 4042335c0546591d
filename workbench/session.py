"""The session model: one attempt at one case, solo or interviewer-led, plus its reviews.

Field order here is the key order in the saved file, so it is part of the format.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer

from workbench.case import Rating
from workbench.ids import is_valid_session_id

SCHEMA_VERSION = 1

Mode = Literal["solo", "interview"]
TargetLevel = Literal["junior", "mid", "senior", "staff"]
Status = Literal["in_progress", "completed"]
CheckedBy = Literal["self", "interviewer"]
EventType = Literal[
    "session_started",
    "step_started",
    "fact_revealed",
    "hint_given",
    "probe_asked",
    "item_checked",
    "item_unchecked",
    "step_checked",
    "rating_set",
    "recommendation_set",
    "session_completed",
    "review_added",
]
TARGET_LEVELS: tuple[TargetLevel, ...] = ("junior", "mid", "senior", "staff")


def _utc(v: datetime) -> datetime:
    if v.tzinfo is None or v.utcoffset() is None or v.utcoffset().total_seconds() != 0:
        raise ValueError("timestamps must be UTC (end with Z)")
    return v.replace(microsecond=0)


Timestamp = Annotated[
    datetime,
    AfterValidator(_utc),
    PlainSerializer(lambda v: v.strftime("%Y-%m-%dT%H:%M:%SZ"), return_type=str),
]


def _session_id(v: str) -> str:
    if not is_valid_session_id(v):
        raise ValueError("must be 32 lower-case hex characters")
    return v


SessionId = Annotated[str, AfterValidator(_session_id)]


class Record(BaseModel):
    """Session parts are mutable in the app but still reject unknown keys from files."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class CaseRef(Record):
    id: str
    title: str
    content_hash: str = Field(description="hash of the case content the rubric came from")


class People(Record):
    candidate: str = ""
    interviewer: str = ""


class RubricCheck(Record):
    item: str
    by: CheckedBy = "self"
    evidence: str = ""


class ProbeRecord(Record):
    id: str
    response: str = ""


class StepRecord(Record):
    id: str
    answer: str = ""
    notes: str = ""
    time_spent_s: int = Field(default=0, ge=0)
    hints_revealed: int = Field(default=0, ge=0)
    self_checked: bool = Field(default=False, description="the rubric was revealed for self-check")
    checks: list[RubricCheck] = Field(default_factory=list)
    probes_asked: list[ProbeRecord] = Field(default_factory=list)
    rating: Rating | None = None

    def check(self, item_id: str, by: CheckedBy) -> RubricCheck | None:
        return next((c for c in self.checks if c.item == item_id and c.by == by), None)


class Result(Record):
    recommendation: Rating | None = None
    level: TargetLevel | None = None
    strengths: str = ""
    concerns: str = ""
    takeaways: str = ""


class Event(Record):
    at: Timestamp
    type: EventType
    step: str | None = None
    detail: str = ""


class ReviewStep(Record):
    id: str
    covered: list[str] = Field(default_factory=list, description="rubric item ids the reviewer saw covered")
    rating: Rating | None = None
    comment: str = ""


class Review(Record):
    reviewer: str
    at: Timestamp
    steps: list[ReviewStep] = Field(default_factory=list)
    recommendation: Rating | None = None
    comment: str = ""


class Session(Record):
    schema_version: int = SCHEMA_VERSION
    id: SessionId
    revision: int = Field(default=0, ge=0, description="bumped on every save; stops stale overwrites")
    case: CaseRef
    mode: Mode = "solo"
    people: People = Field(default_factory=People)
    target_level: TargetLevel | None = None
    status: Status = "in_progress"
    created_at: Timestamp
    updated_at: Timestamp
    current_step: str
    step_started_at: Timestamp | None = Field(
        default=None, description="when the clock started on the current step; null while paused")
    facts_revealed: list[str] = Field(default_factory=list)
    steps: list[StepRecord]
    result: Result = Field(default_factory=Result)
    events: list[Event] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list)

    def step(self, step_id: str) -> StepRecord:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)
