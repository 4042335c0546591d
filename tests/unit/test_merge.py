"""Three-way merge: two people editing one session keep both their work."""

from __future__ import annotations

from workbench import walkthrough as wt
from workbench.merge import CONFLICT_MARKER, merge_sessions
from workbench.store import open_store


def _pair(library):
    case = library.cases["short-video-feed"]
    base = wt.new_session(case, library, mode="interview")
    return case, base, base.model_copy(deep=True), base.model_copy(deep=True)


def test_non_overlapping_edits_merge(library):
    case, base, mine, theirs = _pair(library)
    wt.set_answer(mine, "requirements", "candidate's answer")
    wt.set_notes(theirs, "requirements", "interviewer's note")
    wt.reveal_fact(theirs, case, case.facts[0].id)
    wt.set_check(mine, "data", library.rubric(case, "data")[0].id, True, by="self")
    wt.set_check(theirs, "data", library.rubric(case, "data")[1].id, True, by="interviewer", evidence="said so")
    result = merge_sessions(base, mine, theirs)
    merged = result.session
    assert result.conflicts == []
    assert merged.step("requirements").answer == "candidate's answer"
    assert merged.step("requirements").notes == "interviewer's note"
    assert merged.facts_revealed == [case.facts[0].id]
    assert {(c.item, c.by) for c in merged.step("data").checks} == {
        (library.rubric(case, "data")[0].id, "self"), (library.rubric(case, "data")[1].id, "interviewer")}
    # both sides' events are kept
    assert len(merged.events) == len(base.events) + (len(mine.events) - len(base.events)) + (
        len(theirs.events) - len(base.events))


def test_same_field_edits_keep_both_texts_and_say_so(library):
    _, base, mine, theirs = _pair(library)
    wt.set_answer(mine, "model", "two-tower retrieval")
    wt.set_answer(theirs, "model", "gradient-boosted ranker")
    result = merge_sessions(base, mine, theirs)
    answer = result.session.step("model").answer
    assert answer == "gradient-boosted ranker" + CONFLICT_MARKER + "two-tower retrieval"
    assert [c.path for c in result.conflicts] == ["steps[model].answer"]
    assert result.conflicts[0].mine == "two-tower retrieval"
    assert result.conflicts[0].theirs == "gradient-boosted ranker"


def test_counters_add_both_sides(library):
    _, base, mine, theirs = _pair(library)
    base.step("data").time_spent_s = 100
    mine.step("data").time_spent_s = 130
    theirs.step("data").time_spent_s = 160
    result = merge_sessions(base, mine, theirs)
    assert result.session.step("data").time_spent_s == 190 and result.conflicts == []


def test_store_save_merging_reapplies_on_a_newer_version(library, tmp_path):
    store = open_store(str(tmp_path))
    case = library.cases["short-video-feed"]
    s = wt.new_session(case, library)
    store.save(s)
    tab_a, tab_b = store.load(s.id), store.load(s.id)
    base_a = tab_a.model_copy(deep=True)
    wt.set_notes(tab_b, "data", "from tab b")
    store.save(tab_b)
    wt.set_answer(tab_a, "data", "from tab a")
    out = store.save_merging(tab_a, base_a)
    assert out.merged and out.conflicts == [] and out.version == 3
    stored = store.load(s.id)
    assert stored.step("data").notes == "from tab b" and stored.step("data").answer == "from tab a"


def test_store_update_with_a_mutator(library, tmp_path):
    store = open_store(str(tmp_path))
    s = wt.new_session(library.cases["short-video-feed"], library)
    store.save(s)
    stale = store.load(s.id)
    newer = store.load(s.id)
    wt.set_answer(newer, "model", "newer")
    store.save(newer)
    out = store.update(s.id, wt.set_notes, "model", "via update", base=stale)
    assert out.merged and store.load(s.id).step("model").answer == "newer"
    assert store.load(s.id).step("model").notes == "via update"
    replay = store.update(s.id, wt.set_answer, "data", "replayed")  # no base: re-run on the latest
    assert replay.version == out.version + 1 and store.load(s.id).step("data").answer == "replayed"
