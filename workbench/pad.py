"""The remote interview's shared pad: what the candidate wrote, read by the interviewer.

Mutators (each changes the session in place and returns whether it changed) for the
interviewer's side of the pad: quoting a sentence of the candidate's answer as evidence,
and the transcript of what the candidate said aloud.
"""

from __future__ import annotations

from workbench.session import Session
from workbench.suggest.textmatch import sentences
from workbench.walkthrough import set_evidence

MAX_QUOTES = 40  # sentences offered for quoting per step; a longer answer is read in full above them


def spoken_or_written(session: Session, step_id: str) -> str:
    """The step's answer, or the interviewer's transcript when the pad is empty."""
    rec = session.step(step_id)
    return rec.answer if rec.answer.strip() else rec.transcript


def quotable(text: str) -> list[str]:
    """The sentences of an answer, as written, split the way the suggester reads them."""
    seen: list[str] = []
    for s in sentences(text):
        if s.text not in seen:
            seen.append(s.text)
    return seen[:MAX_QUOTES]


def quote_evidence(session: Session, step_id: str, item_id: str, sentence: str) -> bool:
    """Tick ``item_id`` for the interviewer with the sentence, in quotes, as (added) evidence."""
    sentence = " ".join(sentence.split())
    if not sentence:
        return False
    quoted = f"“{sentence}”"
    check = session.step(step_id).check(item_id, "interviewer")
    old = check.evidence if check is not None else ""
    if quoted in old:
        return False
    return set_evidence(session, step_id, item_id, f"{old} {quoted}".strip(), by="interviewer")


def set_transcript(session: Session, step_id: str, text: str) -> bool:
    """The interviewer's record of what the candidate said for a step."""
    rec = session.step(step_id)
    if rec.transcript == text:
        return False
    rec.transcript = text
    return True
