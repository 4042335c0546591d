"""An upload never overwrites newer work in the store (the rule, without a store)."""

from __future__ import annotations

from workbench.upload import plan_import
from workbench.walkthrough import new_session


def _session(library, revision: int):
    s = new_session(library.cases["short-video-feed"], library)
    s.revision = revision
    return s


def test_new_session_opens_as_it_is(library):
    s = _session(library, 3)
    plan = plan_import(s, None, "a.yaml")
    assert not plan.copied and plan.session.id == s.id and plan.session.revision == 3
    assert plan.note == "Opened a.yaml."


def test_older_upload_opens_as_a_copy(library):
    s = _session(library, 3)
    plan = plan_import(s, 4, "a.yaml")
    assert plan.copied and plan.session.id != s.id and plan.session.revision == 0
    assert "as a copy" in plan.note and "a.yaml" in plan.note
    assert s.revision == 3  # the uploaded object itself is untouched


def test_same_or_newer_upload_continues_the_stored_session(library):
    for stored in (3, 2):
        s = _session(library, 3)
        plan = plan_import(s, stored, "a.yaml")
        assert not plan.copied and plan.session.id == s.id and plan.session.revision == stored
