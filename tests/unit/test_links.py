"""Role links: unguessable, one role each, revocable, and never carrying the session id."""

from __future__ import annotations

import base64

import pytest

from workbench import links
from workbench import walkthrough as wt
from workbench.sessionfile import session_from_bytes
from workbench.store import open_store

CASE = "short-video-feed"


@pytest.fixture
def setup(tmp_path, library):
    store = open_store(str(tmp_path / "store"))
    session = wt.new_session(library.cases[CASE], library, mode="interview")
    store.save(session)
    return store, links.resolve_secret(store), session.id


def test_tokens_are_long_separate_per_role_and_free_of_the_id(setup):
    store, secret, sid = setup
    _, cand = links.issue(store, secret, sid, "candidate")
    _, rev = links.issue(store, secret, sid, "reviewer")
    assert cand != rev
    for token in (cand, rev):
        assert len(base64.urlsafe_b64decode(token + "=")) * 8 >= 128
        assert sid not in token and sid[:8] not in token
    # the lookup objects are named by a digest and hold neither token
    names = store.fs.ls(f"{store.root}/{links.LINK_DIR}", detail=False)
    assert len(names) == 2
    for name in names:
        body = store.fs.cat_file(name).decode()
        assert cand not in name and cand not in body and rev not in body


def test_a_token_opens_only_its_own_role(setup):
    store, secret, sid = setup
    _, cand = links.issue(store, secret, sid, "candidate")
    grant, session = links.check(store, secret, cand, "candidate")
    assert (grant.role, grant.session_id, session.id) == ("candidate", sid, sid)
    assert links.check(store, secret, cand, "reviewer") is None


@pytest.mark.parametrize("bad", ["", "x", "../../etc/passwd", "A" * 43, "A" * 44, None, 42])
def test_malformed_or_guessed_tokens_open_nothing(setup, bad):
    store, secret, sid = setup
    links.issue(store, secret, sid, "candidate")
    assert links.check(store, secret, bad, "candidate") is None


def test_tampered_token_opens_nothing(setup):
    store, secret, sid = setup
    _, cand = links.issue(store, secret, sid, "candidate")
    flipped = cand[:-1] + ("A" if cand[-1] != "A" else "B")
    assert links.check(store, secret, flipped, "candidate") is None


def test_revoke_and_reissue_retire_the_old_link(setup):
    store, secret, sid = setup
    _, first = links.issue(store, secret, sid, "candidate")
    saved, second = links.issue(store, secret, sid, "candidate")
    assert second != first and saved.links.candidate == 2
    assert links.check(store, secret, first, "candidate") is None
    assert links.check(store, secret, second, "candidate") is not None
    assert links.is_live(store, secret, saved, "candidate")
    revoked = links.revoke(store, secret, sid, "candidate")
    assert links.check(store, secret, second, "candidate") is None
    assert not links.is_live(store, secret, revoked, "candidate")
    types = [e.type for e in store.load(sid).events]
    assert types.count("link_issued") == 2 and types.count("link_revoked") == 1


def test_the_generation_alone_revokes_even_if_the_lookup_object_survives(setup):
    store, secret, sid = setup
    _, token = links.issue(store, secret, sid, "candidate")
    body = store.fs.cat_file(links._object_path(store, token))
    links.revoke(store, secret, sid, "candidate")
    store.fs.pipe_file(links._object_path(store, token), body)  # a delete that never happened
    assert links.check(store, secret, token, "candidate") is None


def test_a_new_secret_revokes_every_link(setup):
    store, secret, sid = setup
    _, token = links.issue(store, secret, sid, "candidate")
    assert links.check(store, b"another secret of at least thirty-two bytes", token, "candidate") is None
    store.fs.rm_file(f"{store.root}/{links.SECRET_PATH}")  # the documented way to rotate the store's secret
    assert links.check(store, links.resolve_secret(store), token, "candidate") is None


def test_the_check_compares_in_constant_time(setup, monkeypatch):
    store, secret, sid = setup
    _, token = links.issue(store, secret, sid, "candidate")
    calls = []
    real = links.hmac.compare_digest
    monkeypatch.setattr(links.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert links.check(store, secret, token, "candidate") is not None
    assert calls and calls[0][1] == token.encode()


def test_store_secret_is_created_once_and_kept(tmp_path):
    store = open_store(str(tmp_path / "s"))
    first = links.store_secret(store)
    assert len(first) >= 32 and links.store_secret(store) == first
    assert links.store_secret(open_store(str(tmp_path / "s"))) == first  # another process, the same secret
    assert links.resolve_secret(store, "c" * 40) == b"c" * 40


def test_links_live_beside_sessions_without_joining_them(setup):
    store, secret, sid = setup
    links.issue(store, secret, sid, "candidate")
    summaries, problems = store.summaries()
    assert [s.id for s in summaries] == [sid] and problems == []
    loaded = store.load(sid)
    assert session_from_bytes(store.read_bytes(sid), "s.yaml") == loaded
    assert b"links:\n  candidate: 1\n  reviewer: 0\n" in store.read_bytes(sid)
