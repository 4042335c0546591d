"""Who sees what with sign-in on: candidates their own and what was shared, the team everything."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pydantic import ValidationError

from workbench import clock
from workbench.access import Team, acting_as, actor, can_see, is_staff, matches, roles, set_actor_source, visible
from workbench.store import open_store
from workbench.walkthrough import new_session, reveal_hint

TEAM = Team(interviewers=["Ana@Example.com", "@interviewers.example.org"], reviewers=["rev@example.net"])


@dataclass
class Item:
    id: str
    owner: str


def test_an_entry_names_one_address_or_one_whole_domain():
    assert matches("ana@example.com", "ANA@example.com ")
    assert matches("bo@interviewers.example.org", "@interviewers.example.org")
    assert not matches("bo@evilinterviewers.example.org", "@interviewers.example.org")
    assert not matches("bo@sub.interviewers.example.org", "@interviewers.example.org")
    assert not matches("ana@example.com.evil", "ana@example.com")
    assert not matches("", "@example.com")


def test_roles_come_from_the_team_and_everyone_is_a_candidate():
    assert roles("ana@example.com", TEAM) == {"candidate", "interviewer"}
    assert roles("rev@example.net", TEAM) == {"candidate", "reviewer"}
    assert roles("cat@example.com", TEAM) == {"candidate"}
    assert is_staff("x@interviewers.example.org", TEAM) and not is_staff("cat@example.com", TEAM)


def test_a_candidate_sees_their_own_and_what_was_shared_the_team_sees_all():
    items = [Item("a", "cat@example.com"), Item("b", "dan@example.com"), Item("c", ""), Item("d", "dan@example.com")]
    assert [i.id for i in visible("CAT@example.com", items, TEAM)] == ["a"]
    assert [i.id for i in visible("cat@example.com", items, TEAM, shared_ids={"d"})] == ["a", "d"]
    assert [i.id for i in visible("ana@example.com", items, TEAM)] == ["a", "b", "c", "d"]
    assert [i.id for i in visible("rev@example.net", items, TEAM)] == ["a", "b", "c", "d"]


def test_nobody_signed_in_and_ownerless_sessions_are_not_a_candidates():
    assert not can_see("", "", TEAM)
    assert not can_see("cat@example.com", "", TEAM)  # saved before sign-in: the team's, not a candidate's
    assert can_see("cat@example.com", "", TEAM, shared=True)


def test_a_team_entry_that_is_not_an_address_or_domain_is_refused():
    with pytest.raises(ValidationError, match="neither an e-mail address nor an @domain"):
        Team(interviewers=["example.com"])
    with pytest.raises(ValidationError):
        Team(interviewer=["ana@example.com"])  # a misspelt key is an error, not an empty team


def test_the_event_log_and_the_owner_record_who_acted(library, store_dir):
    case = library.cases[sorted(library.cases)[0]]
    with acting_as("ana@example.com"):
        session = new_session(case, library, mode="interview")
    assert session.people.owner == "ana@example.com"
    assert {e.by for e in session.events} == {"ana@example.com"}
    set_actor_source(lambda: "cat@example.com")
    try:
        clock.advance(1)
        assert reveal_hint(session, case, session.current_step)
        assert session.events[-1].by == "cat@example.com"
        with acting_as("rev@example.net"):
            assert actor() == "rev@example.net"
    finally:
        set_actor_source(None)
    store = open_store(str(store_dir), library=library)
    store.save(session)
    loaded = store.load(session.id)
    assert loaded.people.owner == "ana@example.com" and loaded.events[-1].by == "cat@example.com"
    assert next(s for s in store.snapshot().summaries if s.id == session.id).owner == "ana@example.com"


def test_without_sign_in_nobody_is_recorded(library):
    case = library.cases[sorted(library.cases)[0]]
    session = new_session(case, library)
    assert session.people.owner == "" and {e.by for e in session.events} == {""}


def test_a_failing_identity_source_never_breaks_an_event():
    def broken() -> str:
        raise RuntimeError("no script run context")

    set_actor_source(broken)
    try:
        assert actor() == ""
    finally:
        set_actor_source(None)
