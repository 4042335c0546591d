"""The session model: one attempt at one case, solo or interviewer-led, plus its reviews.

Field order here is the key order in the saved file, so it is part of the format.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, model_validator

from workbench.case import Level, Rating
from workbench.ids import is_valid_session_id
from workbench.limits import MAX_HINTS, MAX_REVISION, MAX_SCHEMA_VERSION, MAX_SECONDS

SCHEMA_VERSION = 2

Mode = Literal["solo", "interview"]
TargetLevel = Literal["junior", "mid", "senior", "staff"]
Status = Literal["in_progress", "completed"]
# Who ticked an item in the session's own steps (reviewers keep theirs under ``reviews``).
# "suggester" ticks are the app's reading of the text: suggestions, never a person's tick.
CheckedBy = Literal["self", "interviewer", "suggester"]
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
    "session_reopened",
    "review_added",
    "question_asked",
    "step_scored",
    "link_issued",
    "link_revoked",
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
    owner: str = Field(default="", description="who created it: the signed-in address, when sign-in is on")


class RubricCheck(Record):
    item: str
    by: CheckedBy = "self"
    evidence: str = ""
    score: float | None = Field(default=None, ge=0, le=1, description="the suggester's confidence")


class ProbeRecord(Record):
    id: str
    response: str = ""


EstimateRating = Literal["good", "off"]
EstimateVerdict = Literal["within", "off", "empty", "invalid", "incompatible"]


class EstimateEntry(Record):
    """The candidate's figure for one of the case's estimates: an expression with units."""

    id: str
    value: str = Field(default="", description='as typed, e.g. "35e6 / day" or "1.6e6 * 768 * 4 B"')
    working: str = Field(default="", description="one line of working")
    rating: EstimateRating | None = Field(default=None, description="the interviewer's view of the figure")


class StepRecord(Record):
    id: str
    answer: str = ""
    diagram: str = Field(default="", description="Mermaid source")
    estimates: list[EstimateEntry] = Field(default_factory=list)
    transcript: str = Field(default="", description="the interviewer's record of what the candidate said")
    notes: str = ""
    time_spent_s: int = Field(default=0, ge=0, le=MAX_SECONDS)
    hints_revealed: int = Field(default=0, ge=0, le=MAX_HINTS)
    self_checked: bool = Field(default=False, description="the rubric was revealed for self-check")
    scored: bool = Field(default=False, description="the self-check was scored: the step counts as checked")
    pitfalls_hit: list[str] = Field(default_factory=list, description="pitfalls the candidate says they fell into")
    checks: list[RubricCheck] = Field(default_factory=list)
    probes_asked: list[ProbeRecord] = Field(default_factory=list)
    rating: Rating | None = None

    def check(self, item_id: str, by: CheckedBy) -> RubricCheck | None:
        return next((c for c in self.checks if c.item == item_id and c.by == by), None)


class LinkGenerations(Record):
    """How often each role's link was issued: a link carries its generation, so issuing
    again (or revoking) retires the one before (``workbench.links``). 0: never issued."""

    candidate: int = Field(default=0, ge=0, le=MAX_REVISION)
    reviewer: int = Field(default=0, ge=0, le=MAX_REVISION)


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
    by: str = Field(default="", description="who did it, when known (signed-in email or role)")


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


class SnapshotItem(Record):
    """A rubric item as it was when the session was scored (later case edits do not move it)."""

    id: str
    text: str
    weight: int = Field(ge=1, le=3)
    level: Level = "core"
    sub_area: str | None = None


class ScoreSummary(Record):
    """The headline figures at the last save, for readers without the app."""

    scorer: str = ""
    overall: float | None = Field(default=None, ge=0, le=1)
    steps: dict[str, float | None] = Field(default_factory=dict)
    levels: dict[str, float | None] = Field(default_factory=dict)
    estimates: dict[str, dict[str, EstimateVerdict]] = Field(
        default_factory=dict, description="per step, each estimate's verdict at the last save (the interviewer's "
                                          "rating where given); progress counts these as its estimation sub-area")


class Session(Record):
    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=MAX_SCHEMA_VERSION)
    id: SessionId
    revision: int = Field(default=0, ge=0, le=MAX_REVISION, description="bumped on every save; stops stale overwrites")
    case: CaseRef
    mode: Mode = "solo"
    people: People = Field(default_factory=People)
    links: LinkGenerations = Field(default_factory=LinkGenerations)
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
    score: ScoreSummary | None = None
    rubric: dict[str, list[SnapshotItem]] = Field(
        default_factory=dict, description="per step, the rubric this session is scored against")

    @model_validator(mode="after")
    def _fields_agree(self) -> Session:
        """What must agree across fields, so that a file that validates also opens.

        Rules needing the framework (known step ids, their order) are in
        ``sessionfile.check_against_framework``, run by every loader that has the library.
        A checked item the rubric does not know is kept and never scored (the case may
        have dropped it since): ``sessionfile.unknown_items`` lists them.
        """
        ids = [s.id for s in self.steps]
        if not ids:
            raise ValueError("steps: a session has at least one step")
        if len(set(ids)) != len(ids):
            dupe = next(i for n, i in enumerate(ids) if i in ids[:n])
            raise ValueError(f"steps: step id {dupe!r} appears more than once")
        if self.current_step not in ids:
            raise ValueError(f"current_step: {self.current_step!r} is not one of the steps ({', '.join(ids)})")
        for sid in self.rubric:
            if sid not in ids:
                raise ValueError(f"rubric: {sid!r} is not one of the steps")
        return self

    def step(self, step_id: str) -> StepRecord:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)
