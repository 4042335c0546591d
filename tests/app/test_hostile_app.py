"""[8] Every hostile file, handed to the app as an upload or reached by a ``?session=`` link:
a clear ``file:line: message``, no traceback, nothing written, and the open session kept."""

from __future__ import annotations

import shutil

import pytest

from tests.app.driver import new_app, no_exceptions, session, start_case, text_area
from workbench.hostilefiles import CORPUS, write_big_files
from workbench.ids import new_session_id

SMALL = sorted(CORPUS.glob("*.yaml"))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return sorted(write_big_files(tmp_path_factory.mktemp("big")).values())


def _errors(at) -> str:
    return " ".join(e.value for e in at.error)


def _files(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _check_upload(path, store_dir, library):
    at = start_case(new_app(), "short-video-feed")
    text_area(at, "answer-requirements").input("Typed before the bad upload").run()
    before, files = session(at).model_copy(deep=True), _files(store_dir)
    uploader = next(u for u in at.file_uploader if u.key and u.key.endswith("upload"))
    uploader.upload(path.name, path.read_bytes(), "application/x-yaml").run()
    no_exceptions(at)
    errors = _errors(at)
    assert f"{path.name}:" in errors and "your current session is unchanged" in errors
    assert len(errors) < 5000  # the first problems and a count, never a flood
    assert session(at).id == before.id and session(at).step("requirements").answer == before.step(
        "requirements").answer
    assert _files(store_dir) == files  # nothing written


def _check_link(path, store_dir):
    sid = new_session_id()
    shutil.copyfile(path, store_dir / f"{sid}.yaml")
    files = _files(store_dir)
    at = new_app(session=sid)
    at.switch_page("app_pages/practice.py").run()
    no_exceptions(at)
    errors = _errors(at)
    assert "could not be read" in errors and f"{sid}.yaml:" in errors and len(errors) < 5000
    opened = at.session_state["wb_session"] if "wb_session" in at.session_state else None  # noqa: SIM401
    assert opened is None  # nothing half-read was opened
    assert _files(store_dir) == files


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_a_hostile_upload_is_refused_and_the_open_session_kept(path, store_dir, library):
    _check_upload(path, store_dir, library)


def test_the_big_hostile_uploads_are_refused_too(big, store_dir, library):
    for path in big:
        _check_upload(path, store_dir, library)


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_a_hostile_file_behind_a_link_is_explained(path, store_dir):
    _check_link(path, store_dir)
