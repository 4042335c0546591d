"""Rubric item ids are stable: saved sessions refer to them, so none is renamed, dropped or reused."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def _pairs(name: str) -> set[tuple[str, str]]:
    lines = (DATA / name).read_text().splitlines()
    return {tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")}  # type: ignore[misc]


def _library_pairs(library) -> set[tuple[str, str]]:
    return {(c.id, i.id) for c in library.cases.values() for s in c.steps.values() for i in s.rubric}


def test_no_shipped_id_disappears_without_being_retired(library):
    shipped, retired, now = _pairs("rubric_ids.txt"), _pairs("retired_rubric_ids.txt"), _library_pairs(library)
    gone = sorted(shipped - now - retired)
    assert not gone, f"rubric ids removed or renamed without retiring them: {gone}"


def test_retired_ids_are_never_reused(library):
    reused = sorted(_pairs("retired_rubric_ids.txt") & _library_pairs(library))
    assert not reused, f"retired rubric ids are back in use: {reused}"


def test_every_id_in_the_library_is_recorded(library):
    new = sorted(_library_pairs(library) - _pairs("rubric_ids.txt"))
    assert not new, f"add these new ids to tests/data/rubric_ids.txt (never rename one): {new}"
