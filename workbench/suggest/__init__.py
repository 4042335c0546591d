"""The suggester: the app's own reading of an answer, as one more scorer.

Pages call:

- :func:`suggest` — offline suggestions for one step (fast, deterministic, no network).
- :func:`check_step` — suggestions, pitfalls and feedback from the configured provider (the
  LLM when ``WORKBENCH_LLM_*`` is set, else offline); never raises.
- :func:`submit_check` — the same in a worker thread, returning a ``Future`` so a page can
  show the offline result at once and swap in the LLM's when ``future.done()``.
- :func:`detect_pitfalls`, :func:`match_question`, :func:`unsupported_ticks`,
  :func:`suggester_checks` (suggestions as ``RubricCheck(by="suggester")`` for the session file).

Suggestions are never ticks: a person confirms each one.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from workbench.case import Case
from workbench.library import Library
from workbench.session import RubricCheck
from workbench.suggest.index import index_for
from workbench.suggest.llm import LLMFailure, LLMSettings, ask_llm, build_messages, llm_settings
from workbench.suggest.offline import (
    COVER_THRESHOLD,
    NO_DETAIL,
    PitfallHit,
    Suggestion,
    detect_pitfalls,
    match_question,
    suggest_offline,
    unsupported_ticks,
)
from workbench.suggest.signals import signal_warnings

__all__ = [
    "COVER_THRESHOLD", "NO_DETAIL", "LLMSettings", "PitfallHit", "StepCheck", "Suggestion", "check_step",
    "detect_pitfalls", "index_for", "llm_settings", "match_question", "signal_warnings", "submit_check",
    "suggest", "suggester_checks", "unsupported_ticks",
]


def suggest(case: Case, step_id: str, text: str, library: Library) -> list[Suggestion]:
    """Offline suggestions, one per rubric item of the step (the framework's, then the case's)."""
    return suggest_offline(case, step_id, text, library)


@dataclass(frozen=True)
class StepCheck:
    """Everything the app says about one step's text, and which provider said it."""

    suggestions: list[Suggestion]
    pitfalls: list[PitfallHit] = field(default_factory=list)
    feedback: str = ""
    provider: Literal["offline", "llm"] = "offline"
    notice: str = ""

    @property
    def covered(self) -> list[str]:
        return [s.item for s in self.suggestions if s.covered]


def _from_llm(offline: list[Suggestion], covered: dict[str, str], text: str) -> list[Suggestion]:
    """The model's verdicts; its evidence only when it is really in the answer (else the offline sentence)."""
    flat = " ".join(text.split()).lower()
    out = []
    for s in offline:
        if s.item in covered:
            quote = " ".join(covered[s.item].split())
            evidence = quote if quote and quote.lower() in flat else s.evidence
            out.append(Suggestion(s.item, 1.0, True, evidence))
        else:
            out.append(Suggestion(s.item, 0.0, False, ""))
    return out


def check_step(case: Case, step_id: str, text: str, library: Library,
               settings: LLMSettings | Literal["env"] | None = "env") -> StepCheck:
    """Suggestions, pitfalls and feedback for one step; the LLM's when configured and working.

    Never raises for a provider problem: the offline result comes back with a one-line notice.
    """
    offline = suggest_offline(case, step_id, text, library)
    pitfalls = detect_pitfalls(case, step_id, text, library)
    chosen = llm_settings() if settings == "env" else settings
    if chosen is None or not text.strip():
        return StepCheck(offline, pitfalls)
    items = library.rubric(case, step_id)
    messages = build_messages(case, library.framework.step(step_id).title, items, text)
    try:
        reply = ask_llm(chosen, messages, {i.id for i in items})
    except LLMFailure as exc:
        return StepCheck(offline, pitfalls, notice=f"Offline suggestions shown: {exc}.")
    except Exception as exc:  # a provider bug must never reach the page as a traceback
        return StepCheck(offline, pitfalls, notice=f"Offline suggestions shown: the model call failed "
                                                   f"({type(exc).__name__}).")
    covered = {c.item: c.evidence.strip() for c in reply.covered}
    return StepCheck(_from_llm(offline, covered, text), pitfalls, reply.feedback, "llm")


_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="suggest")


def submit_check(case: Case, step_id: str, text: str, library: Library,
                 settings: LLMSettings | Literal["env"] | None = "env") -> Future[StepCheck]:
    """Run :func:`check_step` in a worker thread so the page never waits on the network.

    A page keeps the future in session state, renders ``suggest(...)`` meanwhile, and on a later
    rerun (e.g. an ``st.fragment(run_every=...)`` poll) shows ``future.result()`` once ``done()``.
    """
    return _POOL.submit(check_step, case, step_id, text, library, settings)


def suggester_checks(suggestions: list[Suggestion]) -> list[RubricCheck]:
    """The covered suggestions as the session file stores them: under their own scorer."""
    return [RubricCheck(item=s.item, by="suggester", evidence=s.evidence, score=s.score)
            for s in suggestions if s.covered]
