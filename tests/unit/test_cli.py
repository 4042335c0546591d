"""``python -m workbench``: validate and schema, as an author would run them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_validate_bundled_cases_exits_zero():
    out = run("validate", "cases/")
    assert out.returncode == 0, out.stdout + out.stderr
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith("ok:") and "0 error(s)" in last


def test_validate_broken_case_prints_file_line_message(tmp_path):
    text = (ROOT / "cases" / "short-video-feed.yaml").read_text()
    bad = text.replace("weight: 3", "weight: 9", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(bad)
    out = run("validate", str(path))
    assert out.returncode == 1
    line = bad.splitlines().index("        weight: 9") + 1
    assert f"{path}:{line}: steps.requirements.rubric[0].weight:" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_validate_invalid_yaml_no_traceback(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: a\ntitle: [unclosed\n")
    out = run("validate", str(path))
    assert out.returncode == 1
    assert out.stdout.startswith(f"{path}:")
    assert "Traceback" not in out.stdout + out.stderr


def test_validate_session_file(tmp_path, library):
    from workbench import walkthrough as wt
    from workbench.sessionfile import session_to_bytes

    s = wt.new_session(library.cases["short-video-feed"], library)
    good = tmp_path / "s.yaml"
    good.write_bytes(session_to_bytes(s))
    assert run("validate", str(good)).returncode == 0
    bad = tmp_path / "b.yaml"
    bad.write_bytes(session_to_bytes(s).replace(b"mode: solo", b"mode: duet"))
    out = run("validate", str(bad))
    assert out.returncode == 1 and f"{bad}:" in out.stdout and "mode" in out.stdout


def test_quality_warnings_and_strict(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(ROOT / "cases" / "framework.yaml", folder)
    text = (ROOT / "cases" / "short-video-feed.yaml").read_text()
    # drop the `why` of the first rubric item
    start = text.index("        why: Pure watch-time")
    end = text.index("\n", start)
    (folder / "thin.yaml").write_text(text[:start] + text[end + 1:])
    out = run("validate", str(folder))
    assert out.returncode == 0 and "no `why`" in out.stdout and "(warning)" in out.stdout
    assert run("validate", "--strict", str(folder)).returncode == 1


def test_schema_command_prints_json_schema():
    out = run("schema", "case")
    schema = json.loads(out.stdout)
    assert schema["title"] == "Case" and "steps" in schema["properties"]


def test_validate_parses_each_file_once(tmp_path, library, monkeypatch, capsys):
    import workbench.cli as cli
    from workbench import walkthrough as wt
    from workbench.sessionfile import session_to_bytes

    s = wt.new_session(library.cases["short-video-feed"], library)
    (tmp_path / "s.yaml").write_bytes(session_to_bytes(s))
    shutil.copyfile(ROOT / "cases" / "short-video-feed.yaml", tmp_path / "c.yaml")
    calls: list[str] = []
    real = cli.parse_yaml

    def counting(raw, name, *a, **k):
        calls.append(name)
        return real(raw, name, *a, **k)

    monkeypatch.setattr(cli, "parse_yaml", counting)
    monkeypatch.setattr("workbench.library.parse_yaml", counting)
    monkeypatch.setattr("workbench.sessionfile.parse_yaml", counting)
    assert cli.main(["validate", str(tmp_path)]) == 0
    assert sorted(Path(c).name for c in calls if Path(c).parent == tmp_path) == ["c.yaml", "s.yaml"]
    assert "ok: 1 case, 1 session valid" in capsys.readouterr().out


def test_validate_warns_about_checked_items_the_rubric_does_not_know(tmp_path, library):
    from workbench import walkthrough as wt
    from workbench.session import RubricCheck
    from workbench.sessionfile import session_to_bytes

    s = wt.new_session(library.cases["short-video-feed"], library)
    s.step("data").checks.append(RubricCheck(item="retired-item"))
    path = tmp_path / "s.yaml"
    path.write_bytes(session_to_bytes(s))
    out = run("validate", str(path))
    assert out.returncode == 0, out.stdout
    assert "steps.data: checked item(s) not in the rubric, kept but not scored: retired-item (warning)" in out.stdout
    assert run("validate", "--strict", str(path)).returncode == 1
