"""Authoring checks for `signals:`: phrases that can never help the suggester are flagged.

A signal that is only stop words never matches anything; a single everyday word of the
field ("model", "data") matches every answer and turns the suggester into noise.
"""

from __future__ import annotations

from workbench.case import Case, Framework
from workbench.suggest.textmatch import tokens
from workbench.yamlio import FileProblem, Parsed

# One-word signals too common in any ML design answer to show a specific idea.
_GENERIC_TEXT = (
    "model models data feature features metric metrics train training system ml machine learning user users "
    "test testing performance accuracy prediction predictions predict score scores quality problem approach "
    "pipeline service production use case good better improve")
GENERIC_WORDS = frozenset(tokens(_GENERIC_TEXT))


def signal_problem(signal: str) -> str | None:
    """Why this signal phrase is useless, or None when it can help."""
    words = tokens(signal, keep_stop=True)
    if not words:
        return "no words or numbers, so it never matches"
    if len(signal.strip()) < 3:
        return "shorter than 3 characters"
    if len(words) == 1 and not tokens(signal):
        return "a single stop word or number, which matches almost every answer"
    if len(words) == 1 and words[0] in GENERIC_WORDS:
        return "a single everyday word that matches almost every answer"
    return None


def _check(signals: list[str], loc: tuple[str | int, ...], label: str, warn) -> None:
    seen: set[tuple[str, ...]] = set()
    for n, sig in enumerate(signals):
        why = signal_problem(sig)
        key = tuple(tokens(sig, keep_stop=True))
        if why is None and key in seen:
            why = "the same phrase as an earlier signal"
        seen.add(key)
        if why:
            warn((*loc, "signals", n), f"{label}: signal '{sig}' is {why}")


def signal_warnings(case: Case, framework: Framework, parsed: Parsed, filename: str) -> list[FileProblem]:
    """Warnings for useless `signals:` in a case file (same shape as quality.case_warnings)."""
    out: list[FileProblem] = []

    def warn(loc: tuple[str | int, ...], msg: str) -> None:
        out.append(FileProblem(filename, parsed.line_of(loc), msg, severity="warning"))

    for sid, step in case.steps.items():
        for n, item in enumerate(step.rubric):
            _check(list(item.signals), ("steps", sid, "rubric", n), f"steps.{sid}.rubric[{n}] '{item.id}'", warn)
        for n, pitfall in enumerate(step.pitfalls):
            _check(list(pitfall.signals), ("steps", sid, "pitfalls", n), f"steps.{sid}.pitfalls[{n}]", warn)
    return out


def framework_signal_warnings(framework: Framework) -> list[str]:
    """The same check for the framework's generic items, as plain messages."""
    out: list[str] = []
    for s in framework.steps:
        for item in s.rubric:
            _check(list(item.signals), (), f"{s.id} '{item.id}'", lambda _loc, msg: out.append(msg))
    return out
