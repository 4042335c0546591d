"""Models for the interview framework and the case files.

The framework (``cases/framework.yaml``) names the steps every case walks through and
carries a generic rubric per step; each case adds its own, case-specific material.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Level = Literal["core", "senior", "staff"]
Difficulty = Literal["intro", "standard", "advanced"]
Domain = Literal[
    "recommendation",
    "search",
    "ads",
    "trust-safety",
    "nlp",
    "vision",
    "speech",
    "forecasting",
    "marketplace",
    "genai",
    "on-device",
    "data-quality",
    "customer",
    "risk",
    "ml-platform",
]
Rating = Literal["strong_no_hire", "no_hire", "hire", "strong_hire"]

LEVELS: tuple[Level, ...] = ("core", "senior", "staff")
DIFFICULTIES: tuple[Difficulty, ...] = ("intro", "standard", "advanced")
RATINGS: tuple[Rating, ...] = ("strong_no_hire", "no_hire", "hire", "strong_hire")
DOMAIN_LABELS: dict[str, str] = {
    "recommendation": "Recommendation and feeds",
    "search": "Search and ranking",
    "ads": "Ads and marketing",
    "trust-safety": "Trust and safety, fraud, spam",
    "nlp": "Natural language",
    "vision": "Computer vision",
    "speech": "Speech and audio",
    "forecasting": "Forecasting, ETA, pricing",
    "marketplace": "Marketplaces and matching",
    "genai": "Generative AI and LLM apps",
    "on-device": "On-device ML",
    "data-quality": "Data quality and entity resolution",
    "customer": "Customer analytics: churn and lifetime value",
    "risk": "Credit and financial risk",
    "ml-platform": "ML platforms and model serving",
}


class StrictModel(BaseModel):
    """Base for file models: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Signals = Annotated[
    list[Text],
    Field(default_factory=list, max_length=40,
          description="phrases and synonyms that show the idea is present in an answer (for the suggester)"),
]


class RubricItem(StrictModel):
    """One thing a strong answer covers; ``why`` is shown when it was missed."""

    id: Slug
    text: Text
    weight: int = Field(default=1, ge=1, le=3, description="1 = nice to have, 3 = essential")
    level: Level = "core"
    sub_area: Slug | None = Field(default=None, description="framework sub-area id")
    concept: Slug | None = Field(default=None, description="framework concept id this item is an instance of")
    level_note: str = Field(default="", description="why this case's level differs from the concept's default")
    why: str = Field(default="", description="why missing this matters; shown after checking")
    signals: Signals


def _pitfall_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Pitfall(StrictModel):
    """A common mistake; written as a plain string or as ``{text, signals}``."""

    text: Text
    signals: Signals


PitfallEntry = Annotated[Pitfall, BeforeValidator(_pitfall_from_text)]


class Concept(StrictModel):
    """A recurring idea (label delay, calibration, ...) and what each level looks like for it."""

    id: Slug
    title: Text
    default_level: Level
    core: Text = Field(description="what a core (mid-level) answer says about it")
    senior: Text = Field(description="what a senior answer adds")
    staff: Text = Field(description="what a staff answer adds")


class SubArea(StrictModel):
    id: Slug
    title: Text
    description: str = ""


class FrameworkStep(StrictModel):
    id: Slug
    title: Text
    summary: Text
    share: float = Field(default=0.25, gt=0, le=1, description="default share of the time budget")
    sub_areas: list[SubArea]
    rubric: list[RubricItem] = Field(default_factory=list, description="generic items for every case")


class RatingAnchor(StrictModel):
    id: Rating
    label: Text
    anchor: Text


class Framework(StrictModel):
    """The steps of a walkthrough and the rating scale; the UI renders whatever it lists."""

    schema_version: int = 1
    steps: list[FrameworkStep] = Field(min_length=1)
    ratings: list[RatingAnchor] = Field(min_length=4, max_length=4)
    concepts: list[Concept] = Field(default_factory=list, description="recurring ideas with a default level")

    def concept(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)

    def step(self, step_id: str) -> FrameworkStep:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    @property
    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]

    def rating(self, rating_id: str) -> RatingAnchor:
        return next(r for r in self.ratings if r.id == rating_id)


class Fact(StrictModel):
    """A clarification the interviewer reveals when the candidate asks for it."""

    id: Slug
    question: Text
    answer: Text


class Probe(StrictModel):
    """An interviewer follow-up or curveball, with what a good answer contains."""

    id: Slug
    ask: Text
    listen_for: str = ""


Tolerance = Annotated[str, StringConstraints(pattern=r"^(\d+(\.\d+)?)(x|%)$")]


class Estimate(StrictModel):
    """A quantity a strong candidate sizes for this problem, with the reference working."""

    id: Slug
    step: Slug = Field(default="requirements", description="the step whose worksheet asks for it")
    question: Text = Field(description='what to size, e.g. "peak scoring requests per second"')
    unit: Text = Field(description="the unit the answer is compared in (a pint unit, e.g. 1/s, GB, USD/month)")
    value: float = Field(gt=0, description="the reference value, in ``unit``")
    derivation: Text = Field(description="how the reference follows from the case's facts")
    tolerance: Tolerance = Field(default="2x", description='"2x" (within a factor of 2) or "25%"')


class CaseStep(StrictModel):
    time_minutes: int | None = Field(default=None, ge=1, le=60)
    questions: list[Text] = Field(min_length=1)
    hints: list[Text] = Field(min_length=1, description="a ladder, gentle to specific")
    probes: list[Probe] = Field(default_factory=list)
    rubric: list[RubricItem] = Field(min_length=1)
    pitfalls: list[PitfallEntry] = Field(default_factory=list)
    reference_answer: str = Field(default="", description="a strong senior answer (markdown, ~150-300 words)")


class Case(StrictModel):
    """One design question with everything an interviewer needs to run it."""

    id: Slug
    title: Text
    summary: Text
    domain: Domain
    tags: list[Slug] = Field(default_factory=list)
    difficulty: Difficulty = "standard"
    time_minutes: int = Field(default=45, ge=15, le=120)
    prompt: Text
    facts: list[Fact] = Field(default_factory=list)
    estimates: list[Estimate] = Field(default_factory=list, description="quantities to size, with references")
    steps: dict[Slug, CaseStep]

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)
