"""Practice-only actions: asking the interviewer in your own words, and the app's suggestions.

Like every mutator, each changes the session in place and returns whether it changed.
"""

from __future__ import annotations

from workbench.case import Case
from workbench.library import Library
from workbench.session import RubricCheck, Session
from workbench.suggest import detect_pitfalls, match_question, suggest, suggester_checks
from workbench.walkthrough import log, reveal_fact

NO_DETAIL = "The interviewer has no more detail on that; state your assumption and carry on."
MAX_QUESTION = 300


def ask_question(session: Session, case: Case, library: Library, question: str) -> tuple[bool, str]:
    """Match a free-text question to the closest fact and reveal it; the question is logged.

    Returns (changed, what the interviewer answers).
    """
    q = " ".join(question.split())[:MAX_QUESTION]
    if not q:
        return False, ""
    fact = match_question(case, q, library)
    log(session, "question_asked", session.current_step, f"{q} -> {fact.id if fact else 'no match'}")
    if fact is None:
        return True, NO_DETAIL
    if not reveal_fact(session, case, fact.id):
        return True, f"Already revealed: {fact.answer}"
    return True, fact.answer


def store_suggestions(session: Session, step_id: str, checks: list[RubricCheck]) -> bool:
    """Replace the suggester's checks of a step (they are saved under their own scorer)."""
    rec = session.step(step_id)
    others = [c for c in rec.checks if c.by != "suggester"]
    old = [c for c in rec.checks if c.by == "suggester"]
    if old == checks:
        return False
    rec.checks = others + list(checks)
    return True


def refresh_suggestions(session: Session, case: Case, library: Library, step_id: str) -> bool:
    """Read the step's answer (or the interviewer's transcript when the pad is empty) again."""
    rec = session.step(step_id)
    return _read(session, case, library, step_id, rec.answer if rec.answer.strip() else rec.transcript)


def refresh_console_suggestions(session: Session, case: Case, library: Library, step_id: str) -> bool:
    """The console's reading: the candidate's pad, the interviewer's transcript and notes together."""
    rec = session.step(step_id)
    return _read(session, case, library, step_id,
                 "\n\n".join(t for t in (rec.answer, rec.transcript, rec.notes) if t.strip()))


def _read(session: Session, case: Case, library: Library, step_id: str, text: str) -> bool:
    return store_suggestions(session, step_id, suggester_checks(suggest(case, step_id, text, library)))


def pitfall_sentences(case: Case, library: Library, step_id: str, text: str) -> dict[str, str]:
    """Pitfall text -> the sentence of the answer that seems to commit it."""
    return {hit.text: hit.evidence for hit in detect_pitfalls(case, step_id, text, library)}
