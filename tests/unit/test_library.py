"""The case library: valid cases load, broken files are reported with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.library import load_case_bytes, load_library
from workbench.yamlio import FileError

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "cases" / "short-video-feed.yaml"


def _folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(ROOT / "cases" / "framework.yaml", folder / "framework.yaml")
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_bundled_library_loads_without_problems(library):
    assert library.problems == []
    assert "short-video-feed" in library.cases
    assert library.framework.step_ids == ["requirements", "data", "model", "deployment"]
    for case in library.cases.values():
        assert set(case.steps) == set(library.framework.step_ids), case.id


def test_rubric_includes_generic_items_first(library):
    case = library.cases["short-video-feed"]
    items = library.rubric(case, "data")
    generic = [i.id for i in library.framework.step("data").rubric]
    assert [i.id for i in items[: len(generic)]] == generic
    assert "svf-labels-defined" in [i.id for i in items]


def test_broken_file_is_reported_and_others_still_load(tmp_path):
    good = EXEMPLAR.read_text()
    bad = good.replace("difficulty: standard", "difficulty: hard")
    bad = bad.replace("id: short-video-feed", "id: other")
    folder = _folder_with(tmp_path, {"a-good.yaml": good, "b-bad.yaml": bad})
    lib = load_library([folder])
    assert list(lib.cases) == ["short-video-feed"]
    assert len(lib.problems) == 1
    problem = lib.problems[0]
    assert problem.file.endswith("b-bad.yaml")
    assert problem.line == bad.splitlines().index("difficulty: hard") + 1
    assert "difficulty" in problem.message and "intro" in problem.message


def test_unknown_key_names_its_line(framework_text=None):
    from workbench.library import load_framework

    fw = load_framework(ROOT / "cases" / "framework.yaml")
    step = "  data:\n    time_minutes: 10\n"
    text = EXEMPLAR.read_text().replace(step, step + "    hintz: []\n")
    with pytest.raises(FileError) as exc:
        load_case_bytes(text.encode(), "case.yaml", fw)
    [p] = exc.value.problems
    assert p.line == text.splitlines().index("    hintz: []") + 1
    assert "unknown key" in p.message and "steps.data.hintz" in p.message


def test_sub_area_must_belong_to_the_step():
    from workbench.library import load_framework

    fw = load_framework(ROOT / "cases" / "framework.yaml")
    text = EXEMPLAR.read_text().replace("sub_area: labels", "sub_area: rollout", 1)
    with pytest.raises(FileError) as exc:
        load_case_bytes(text.encode(), "case.yaml", fw)
    assert any("'rollout' is not a sub-area of data" in p.message for p in exc.value.problems)


def test_duplicate_yaml_key_is_rejected_with_line():
    from workbench.library import load_framework

    fw = load_framework(ROOT / "cases" / "framework.yaml")
    text = EXEMPLAR.read_text().replace("difficulty: standard\n", "difficulty: standard\ndifficulty: intro\n")
    with pytest.raises(FileError) as exc:
        load_case_bytes(text.encode(), "case.yaml", fw)
    [p] = exc.value.problems
    assert "duplicate key 'difficulty'" in p.message
    assert p.line == text.splitlines().index("difficulty: intro") + 1


def test_duplicate_case_ids_across_folders(tmp_path):
    folder = _folder_with(tmp_path, {"x.yaml": EXEMPLAR.read_text()})
    extra = tmp_path / "private"
    extra.mkdir()
    (extra / "copy.yaml").write_text(EXEMPLAR.read_text())
    lib = load_library([folder, extra])
    assert list(lib.cases) == ["short-video-feed"]
    assert any("already used by" in p.message and p.file.endswith("copy.yaml") for p in lib.problems)


def test_missing_step_is_an_error():
    from workbench.library import load_framework

    fw = load_framework(ROOT / "cases" / "framework.yaml")
    text = EXEMPLAR.read_text()
    cut = text.index("  deployment:\n")
    with pytest.raises(FileError) as exc:
        load_case_bytes(text[:cut].encode(), "case.yaml", fw)
    assert any("step 'deployment' is missing" in p.message for p in exc.value.problems)


def test_extra_case_folders_from_environment(tmp_path, monkeypatch):
    from workbench.library import case_folders

    extra = tmp_path / "team-cases"
    extra.mkdir()
    text = EXEMPLAR.read_text().replace("id: short-video-feed", "id: team-private-case")
    (extra / "team-private-case.yaml").write_text(text)
    monkeypatch.setenv("WORKBENCH_CASES", str(extra))
    lib = load_library(case_folders())
    assert "team-private-case" in lib.cases and "short-video-feed" in lib.cases
