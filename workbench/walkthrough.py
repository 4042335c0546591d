"""What happens during a walkthrough: steps, clock, hints, facts, probes, checks, ratings.

Every function changes the session in place and records an event, so the saved file
tells the story of the interview in order.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from workbench import clock
from workbench.access import actor
from workbench.case import Case, Rating
from workbench.ids import new_session_id
from workbench.library import Library, content_hash
from workbench.session import (
    CaseRef,
    CheckedBy,
    Event,
    EventType,
    Mode,
    People,
    ProbeRecord,
    RubricCheck,
    Session,
    StepRecord,
    TargetLevel,
)


def log(session: Session, type_: EventType, step: str | None = None, detail: str = "") -> None:
    session.events.append(Event(at=clock.now(), type=type_, step=step, detail=detail, by=actor()))


def new_session(
    case: Case,
    library: Library,
    mode: Mode = "solo",
    candidate: str = "",
    interviewer: str = "",
    target_level: TargetLevel | None = None,
) -> Session:
    now = clock.now()
    steps = [StepRecord(id=sid) for sid in library.framework.step_ids if sid in case.steps]
    session = Session(
        id=new_session_id(),
        case=CaseRef(id=case.id, title=case.title, content_hash=content_hash(case)),
        mode=mode,
        people=People(candidate=candidate.strip(), interviewer=interviewer.strip(), owner=actor()),
        target_level=target_level,
        created_at=now,
        updated_at=now,
        current_step=steps[0].id,
        step_started_at=now,
        steps=steps,
    )
    log(session, "session_started", detail=mode)
    log(session, "step_started", steps[0].id)
    return session


# -- clock -------------------------------------------------------------------
def _accrue(session: Session, until: datetime) -> None:
    if session.step_started_at is None:
        return
    seconds = int((until - session.step_started_at).total_seconds())
    session.step(session.current_step).time_spent_s += max(0, seconds)
    session.step_started_at = until


def step_elapsed_s(session: Session, step_id: str) -> int:
    """Time on a step so far, including the running clock if it is the current step."""
    spent = session.step(step_id).time_spent_s
    if step_id == session.current_step and session.step_started_at is not None:
        spent += max(0, int((clock.now() - session.step_started_at).total_seconds()))
    return spent


def total_elapsed_s(session: Session) -> int:
    return sum(step_elapsed_s(session, s.id) for s in session.steps)


def is_paused(session: Session) -> bool:
    return session.step_started_at is None


def pause(session: Session, at: datetime | None = None) -> bool:
    if session.step_started_at is None:
        return False
    _accrue(session, at or clock.now())
    session.step_started_at = None
    return True


def resume(session: Session) -> bool:
    if session.step_started_at is None and session.status != "completed":
        session.step_started_at = clock.now()
        return True
    return False


BREAK_AFTER_S = 10 * 60


def resume_after_absence(session: Session) -> bool:
    """A session reopened (a reload, a link, an upload): the clock never runs backwards.

    Within ``BREAK_AFTER_S`` of the last save the running clock simply carries on, so
    a reload shows the same time as before it. After a longer silence the tab was most
    likely closed: time is counted up to ten minutes past the last save and the rest is
    treated as a break. Returns whether the clock was changed.
    """
    if session.step_started_at is None:
        return False
    now = clock.now()
    last_seen = max(session.step_started_at, session.updated_at)
    if (now - last_seen).total_seconds() <= BREAK_AFTER_S:
        return False
    pause(session, at=last_seen + timedelta(seconds=BREAK_AFTER_S))
    resume(session)
    return True


def go_to_step(session: Session, step_id: str) -> bool:
    if step_id == session.current_step:
        return False
    session.step(step_id)  # KeyError for an unknown step
    running = session.step_started_at is not None
    _accrue(session, clock.now())
    session.current_step = step_id
    session.step_started_at = clock.now() if running else None
    log(session, "step_started", step_id)
    return True


# -- candidate's work -----------------------------------------------------------
def _set_step_text(session: Session, step_id: str, field: str, text: str) -> bool:
    rec = session.step(step_id)
    if getattr(rec, field) == text:
        return False
    setattr(rec, field, text)
    return True


def set_answer(session: Session, step_id: str, text: str) -> bool:
    """The candidate's written answer for a step."""
    return _set_step_text(session, step_id, "answer", text)


def set_notes(session: Session, step_id: str, text: str) -> bool:
    """The interviewer's private notes for a step."""
    return _set_step_text(session, step_id, "notes", text)


def reveal_hint(session: Session, case: Case, step_id: str) -> bool:
    """Reveal the next rung of the hint ladder; False (nothing changed) when it is exhausted."""
    rec = session.step(step_id)
    hints = case.steps[step_id].hints
    if rec.hints_revealed >= len(hints):
        return False
    rec.hints_revealed += 1
    log(session, "hint_given", step_id, f"hint {rec.hints_revealed} of {len(hints)}")
    return True


def open_self_check(session: Session, step_id: str) -> bool:
    rec = session.step(step_id)
    if rec.self_checked:
        return False
    rec.self_checked = True
    log(session, "step_checked", step_id)
    return True


def score_step(session: Session, step_id: str) -> bool:
    """Second stage of the self-check: the step counts as checked only once scored."""
    if session.step(step_id).scored:
        return False
    open_self_check(session, step_id)  # scoring implies the checklist was open
    session.step(step_id).scored = True
    log(session, "step_scored", step_id)
    return True


def set_pitfall_hit(session: Session, step_id: str, pitfall: str, hit: bool) -> bool:
    """The candidate says they fell into (or not into) one of the step's pitfalls."""
    rec = session.step(step_id)
    if hit == (pitfall in rec.pitfalls_hit):
        return False
    if hit:
        rec.pitfalls_hit.append(pitfall)
    else:
        rec.pitfalls_hit.remove(pitfall)
    return True


def set_check(session: Session, step_id: str, item_id: str, covered: bool,
              by: CheckedBy = "self", evidence: str | None = None) -> bool:
    """Tick or untick a rubric item; returns whether anything changed."""
    rec = session.step(step_id)
    existing = rec.check(item_id, by)
    if covered and existing is None:
        rec.checks.append(RubricCheck(item=item_id, by=by, evidence=(evidence or "").strip()))
        log(session, "item_checked", step_id, f"{item_id} ({by})")
        return True
    if covered and existing is not None and evidence is not None and existing.evidence != evidence.strip():
        existing.evidence = evidence.strip()
        return True
    if not covered and existing is not None:
        rec.checks.remove(existing)
        log(session, "item_unchecked", step_id, f"{item_id} ({by})")
        return True
    return False


def set_evidence(session: Session, step_id: str, item_id: str, evidence: str, by: CheckedBy) -> bool:
    """Evidence for an item; writing evidence for an unticked item ticks it, and clearing
    the (empty) evidence of an unticked item changes nothing."""
    if not evidence.strip() and session.step(step_id).check(item_id, by) is None:
        return False
    return set_check(session, step_id, item_id, True, by=by, evidence=evidence)


# -- interviewer's actions -------------------------------------------------------
def reveal_fact(session: Session, case: Case, fact_id: str) -> bool:
    if case.fact(fact_id) is None or fact_id in session.facts_revealed:
        return False
    session.facts_revealed.append(fact_id)
    log(session, "fact_revealed", session.current_step, fact_id)
    return True


def ask_probe(session: Session, step_id: str, probe_id: str) -> bool:
    rec = session.step(step_id)
    if any(p.id == probe_id for p in rec.probes_asked):
        return False
    rec.probes_asked.append(ProbeRecord(id=probe_id))
    log(session, "probe_asked", step_id, probe_id)
    return True


def set_probe_response(session: Session, step_id: str, probe_id: str, text: str) -> bool:
    rec = session.step(step_id)
    probe = next((p for p in rec.probes_asked if p.id == probe_id), None)
    if probe is None:
        ask_probe(session, step_id, probe_id)
        probe = rec.probes_asked[-1]
    if probe.response == text.strip():
        return False
    probe.response = text.strip()
    return True


def set_rating(session: Session, step_id: str, rating: Rating | None) -> bool:
    rec = session.step(step_id)
    if rec.rating == rating:
        return False
    rec.rating = rating
    log(session, "rating_set", step_id, rating or "cleared")
    return True


def set_recommendation(session: Session, rating: Rating | None, level: TargetLevel | None) -> bool:
    res = session.result
    if res.recommendation == rating and res.level == level:
        return False
    res.recommendation = rating
    res.level = level
    log(session, "recommendation_set", detail=f"{rating or 'none'} at {level or 'no level'}")
    return True


def set_result_text(session: Session, field: str, text: str) -> bool:
    if field not in ("strengths", "concerns", "takeaways"):
        raise ValueError(field)
    if getattr(session.result, field) == text:
        return False
    setattr(session.result, field, text)
    return True


def complete(session: Session) -> bool:
    if session.status == "completed":
        return False
    pause(session)
    session.status = "completed"
    log(session, "session_completed")
    return True


def reopen(session: Session) -> bool:
    if session.status != "completed":
        return False
    session.status = "in_progress"
    resume(session)
    log(session, "session_reopened")
    return True
