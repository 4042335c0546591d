"""Uploads are loaded and saved before they replace the open session."""

from __future__ import annotations

import pytest

from workbench import walkthrough as wt
from workbench.hostilefiles import CORPUS
from workbench.sessionfile import session_to_bytes
from workbench.store import open_store
from workbench.upload import import_session
from workbench.yamlio import FileError


def test_a_valid_upload_is_saved_before_it_is_returned(library, tmp_path):
    store = open_store(str(tmp_path), framework=library.framework)
    s = wt.new_session(library.cases["short-video-feed"], library)
    wt.set_answer(s, "data", "from a file")
    got = import_session(store, "mine.yaml", session_to_bytes(s))
    assert store.load(got.session.id).step("data").answer == "from a file"
    assert got.session.revision == store.stored_revision(s.id) == 1


def test_a_stale_download_opens_as_a_copy(library, tmp_path):
    store = open_store(str(tmp_path))
    s = wt.new_session(library.cases["short-video-feed"], library)
    old = session_to_bytes(s)
    store.save(s)
    store.save(s)
    got = import_session(store, "old.yaml", old)
    assert got.copied and got.session.id != s.id and store.load(s.id).revision == 2


@pytest.mark.parametrize("name", ["extra-step.yaml", "huge-integer.yaml", "billion-laughs.yaml"])
def test_a_hostile_upload_writes_nothing(library, tmp_path, name):
    store = open_store(str(tmp_path), framework=library.framework)
    with pytest.raises(FileError):
        import_session(store, name, (CORPUS / name).read_bytes())
    assert list(tmp_path.iterdir()) == []
