"""Quality warnings for case authors: a case can be valid and still too thin to use."""

from __future__ import annotations

from workbench.case import Case, Framework
from workbench.leveling import leveling_warnings
from workbench.suggest.signals import signal_warnings
from workbench.yamlio import FileProblem, Parsed

MIN_HINTS = 3
MIN_PROBES = 2
MIN_RUBRIC = 5
MIN_FACTS = 3


def case_warnings(case: Case, framework: Framework, parsed: Parsed, filename: str) -> list[FileProblem]:
    """Warnings for a case that validates but falls short of the authoring guide."""
    out: list[FileProblem] = []

    def warn(loc: tuple[str | int, ...], msg: str) -> None:
        out.append(FileProblem(filename, parsed.line_of(loc), msg, severity="warning"))

    if len(case.facts) < MIN_FACTS:
        warn(("facts",), f"only {len(case.facts)} clarifying facts (at least {MIN_FACTS} recommended)")
    for sid in framework.step_ids:
        step = case.steps.get(sid)
        if step is None:
            continue
        loc = ("steps", sid)
        if len(step.hints) < MIN_HINTS:
            warn((*loc, "hints"), f"steps.{sid}: only {len(step.hints)} hints (a ladder of {MIN_HINTS}+)")
        if len(step.probes) < MIN_PROBES:
            warn((*loc, "probes"), f"steps.{sid}: only {len(step.probes)} probes ({MIN_PROBES}+)")
        if len(step.rubric) < MIN_RUBRIC:
            warn((*loc, "rubric"), f"steps.{sid}: only {len(step.rubric)} rubric items ({MIN_RUBRIC}+)")
        if not any(i.level != "core" for i in step.rubric):
            warn((*loc, "rubric"), f"steps.{sid}: no senior or staff item, so the step cannot separate levels")
        if not step.pitfalls:
            warn((*loc,), f"steps.{sid}: no pitfalls listed")
        for n, item in enumerate(step.rubric):
            if not item.why.strip():
                warn((*loc, "rubric", n), f"steps.{sid}.rubric[{n}] '{item.id}': no `why` (shown when missed)")
            if item.sub_area is None:
                warn((*loc, "rubric", n),
                     f"steps.{sid}.rubric[{n}] '{item.id}': no sub_area (progress cannot place it)")
        for n, probe in enumerate(step.probes):
            if not probe.listen_for.strip():
                warn((*loc, "probes", n), f"steps.{sid}.probes[{n}] '{probe.id}': no listen_for")
    return (out + leveling_warnings(case, framework, parsed, filename)
            + signal_warnings(case, framework, parsed, filename))
