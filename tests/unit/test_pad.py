"""The pad's mutators: quoting a sentence as evidence, the transcript, and two writers merging."""

from __future__ import annotations

from workbench import walkthrough as wt
from workbench.pad import quotable, quote_evidence, set_transcript, spoken_or_written
from workbench.practice import refresh_suggestions
from workbench.store import open_store

CASE = "short-video-feed"


def test_quoting_ticks_the_item_and_adds_each_sentence_once(library):
    s = wt.new_session(library.cases[CASE], library, mode="interview")
    assert quotable("- Goal: watch time.\n- Baseline first. Then a model!") == [
        "Goal: watch time.", "Baseline first.", "Then a model!"]
    assert quote_evidence(s, "requirements", "goal", "Goal: watch time.")
    assert not quote_evidence(s, "requirements", "goal", "Goal:  watch time.")  # the same sentence again
    assert quote_evidence(s, "requirements", "goal", "Baseline first.")
    check = s.step("requirements").check("goal", "interviewer")
    assert check.evidence == "“Goal: watch time.” “Baseline first.”"
    assert not quote_evidence(s, "requirements", "goal", "   ")


def test_transcript_stands_in_for_an_empty_pad(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview")
    said = "We optimise for long-term retention, with watch time as the online metric and a popularity baseline."
    assert set_transcript(s, "requirements", said) and not set_transcript(s, "requirements", said)
    assert spoken_or_written(s, "requirements") == said
    assert refresh_suggestions(s, case, library, "requirements")  # the suggester reads the transcript
    assert any(c.by == "suggester" for c in s.step("requirements").checks)
    wt.set_answer(s, "requirements", "Written answer.")
    assert spoken_or_written(s, "requirements") == "Written answer."


def test_candidate_and_interviewer_writes_merge_without_a_conflict(tmp_path, library):
    store = open_store(str(tmp_path / "s"))
    s = wt.new_session(library.cases[CASE], library, mode="interview")
    store.save(s)
    pad_base, console_base = store.load(s.id), store.load(s.id)
    first = store.update(s.id, wt.set_answer, "requirements", "Goal first. Then metrics.", base=pad_base)
    second = store.update(s.id, wt.set_notes, "requirements", "Strong opening", base=console_base)
    assert second.merged and second.conflicts == []
    third = store.update(s.id, quote_evidence, "requirements", "goal", "Goal first.", base=first.session)
    assert third.merged and third.conflicts == []
    rec = store.load(s.id).step("requirements")
    assert rec.answer == "Goal first. Then metrics." and rec.notes == "Strong opening"
    assert rec.check("goal", "interviewer").evidence == "“Goal first.”"


def test_the_same_field_from_two_sides_keeps_both_and_reports_it(tmp_path, library):
    store = open_store(str(tmp_path / "s"))
    s = wt.new_session(library.cases[CASE], library, mode="interview")
    store.save(s)
    a, b = store.load(s.id), store.load(s.id)
    store.update(s.id, set_transcript, "data", "heard: logs", base=a)
    result = store.update(s.id, set_transcript, "data", "heard: labels", base=b)
    assert [c.path for c in result.conflicts] and "heard: logs" in result.session.step("data").transcript
    assert "heard: labels" in store.load(s.id).step("data").transcript
