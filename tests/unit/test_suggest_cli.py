"""``python -m workbench suggest``: one step from a file, or every step of a session."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "tests" / "data" / "answers"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", "suggest", *args], capture_output=True, text=True,
                          cwd=ROOT, input=stdin, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def _answer(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(yaml.safe_load((ANSWERS / f"{name}.yaml").read_text())["answer"])
    return path


def test_json_has_one_object_per_rubric_item_of_the_step(tmp_path, library):
    strong = _answer(tmp_path, "payment-fraud.requirements.strong")
    out = run("--case", "payment-fraud", "--step", "requirements", str(strong), "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    case = library.cases["payment-fraud"]
    assert [r["item"] for r in rows] == [i.id for i in library.rubric(case, "requirements")]
    assert all(set(r) == {"item", "score", "covered", "evidence"} for r in rows)
    assert all(isinstance(r["score"], float) and isinstance(r["covered"], bool) for r in rows)
    covered = [r for r in rows if r["covered"]]
    assert len(covered) >= 6 and all(r["evidence"] in strong.read_text() for r in covered)


def test_weak_answer_gets_fewer_suggestions_than_strong(tmp_path):
    def count(name: str) -> int:
        out = run("--case", "payment-fraud", "--step", "requirements", str(_answer(tmp_path, name)),
                  "--format", "json")
        return sum(r["covered"] for r in json.loads(out.stdout))

    assert count("payment-fraud.requirements.weak") + 4 <= count("payment-fraud.requirements.strong")


def test_answer_from_stdin_as_a_table():
    out = run("--case", "payment-fraud", "--step", "deployment", "-",
              stdin="Shadow first, then a canary and an A/B test with a kill switch.")
    assert out.returncode == 0
    assert out.stdout.startswith("deployment: ")
    assert "[x] g-dep-rollout" in out.stdout


def test_session_file_does_every_step(tmp_path, library):
    from workbench import walkthrough as wt
    from workbench.sessionfile import session_to_bytes

    case = library.cases["payment-fraud"]
    session = wt.new_session(case, library)
    wt.set_answer(session, "requirements", "Goal: cut fraud losses without false declines; the success metric "
                                           "is cost per dollar processed. The baseline is the rules engine.")
    wt.set_answer(session, "deployment", "Shadow, then canary, then an A/B test with a kill switch.")
    path = tmp_path / "s.yaml"
    path.write_bytes(session_to_bytes(session))
    table = run(str(path))
    assert table.returncode == 0, table.stderr
    assert [line.split(":")[0] for line in table.stdout.splitlines() if line and not line.startswith(" ")] == \
        [s.id for s in session.steps]
    rows = json.loads(run(str(path), "--format", "json").stdout)
    assert {r["step"] for r in rows} == set(case.steps)
    assert {(r["step"], r["item"]) for r in rows if r["covered"]} >= {("deployment", "g-dep-rollout"),
                                                                       ("requirements", "g-req-goal")}


def test_bad_input_is_one_line_and_no_traceback(tmp_path):
    answer = tmp_path / "a.txt"
    answer.write_text("An answer.")
    for args in (("--case", "no-such-case", "--step", "model", str(answer)),
                 ("--case", "payment-fraud", "--step", "nope", str(answer)),
                 ("--case", "payment-fraud", str(answer)),
                 (str(tmp_path / "missing.yaml"),),
                 (str(answer),)):
        out = run(*args)
        assert out.returncode == 1, args
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr, (args, out.stderr)
