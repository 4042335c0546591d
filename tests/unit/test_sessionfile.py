"""Session files: readable, deterministic, safe to load, and strict about versions."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import clock
from workbench import walkthrough as wt
from workbench.session import SCHEMA_VERSION, Session
from workbench.sessionfile import session_from_bytes, session_to_bytes, session_to_yaml
from workbench.yamlio import FileError

ROOT = Path(__file__).resolve().parents[2]
NASTY = [
    "plain",
    "line one\nline two\n",
    "trailing spaces   \nnext",
    "# heading\n\n- list: with colon\n- 'quotes' and \"doubles\"\n",
    "<script>alert(1)</script>",
    "yes",
    "null",
    "2026-01-01",
    "tab\tinside",
    "unicode: naïve café – ✓ 日本",
    "  leading spaces",
    "ends with newline\n\n\n",
    "",
    "- looks like a list",
    "{not: a mapping}",
    "key: value\n  indented: more",
    "\r\nwindows\r\nline endings",
]


def _busy_session(library, seed: int = 0):
    rng = random.Random(seed)
    case = library.cases["short-video-feed"]
    s = wt.new_session(case, library, mode="interview", candidate="Ada", interviewer="Grace",
                       target_level="senior")
    for sid in library.framework.step_ids:
        wt.go_to_step(s, sid)
        clock.advance(rng.randint(30, 900))
        wt.set_answer(s, sid, rng.choice(NASTY) + rng.choice(NASTY))
        wt.reveal_hint(s, case, sid)
        for item in library.rubric(case, sid)[: rng.randint(1, 4)]:
            wt.set_check(s, sid, item.id, True, by=rng.choice(["self", "interviewer"]), evidence=rng.choice(NASTY))
        probe = case.steps[sid].probes[0]
        wt.set_probe_response(s, sid, probe.id, rng.choice(NASTY))
        wt.set_rating(s, sid, rng.choice(["hire", "no_hire", "strong_hire", "strong_no_hire"]))
    wt.reveal_fact(s, case, case.facts[0].id)
    wt.set_recommendation(s, "hire", "senior")
    wt.set_result_text(s, "strengths", rng.choice(NASTY))
    wt.complete(s)
    return s


@pytest.mark.parametrize("seed", range(12))
def test_round_trip_is_equal_and_byte_identical(library, seed):
    s = _busy_session(library, seed)
    first = session_to_bytes(s)
    loaded = session_from_bytes(first, "s.yaml")
    assert loaded == s
    assert session_to_bytes(loaded) == first


def test_same_session_same_bytes(library):
    s = _busy_session(library)
    assert session_to_yaml(s) == session_to_yaml(s.model_copy(deep=True))


def test_file_layout_is_reviewable(library):
    text = session_to_yaml(_busy_session(library))
    assert text.startswith("---\n")
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == list(Session.model_fields)  # the model's field order is the file's key order
    assert keys[:4] == ["schema_version", "id", "revision", "case"]
    assert "\nsteps:\n  - id: requirements\n" in text  # lists indented under their key
    assert "!!python" not in text


def test_multiline_answers_are_block_scalars(library):
    case = library.cases["short-video-feed"]
    s = wt.new_session(case, library)
    wt.set_answer(s, "requirements", "Goal: retention.\nMetric: 7-day return rate.\n")
    text = session_to_yaml(s)
    assert "    answer: |\n      Goal: retention.\n      Metric: 7-day return rate.\n" in text


def test_saved_file_passes_yamllint(library, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_bytes(session_to_bytes(_busy_session(library)))
    out = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), "-s", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_duplicate_keys_are_rejected(library):
    text = session_to_yaml(_busy_session(library)).replace("mode: interview\n", "mode: interview\nmode: solo\n")
    with pytest.raises(FileError) as exc:
        session_from_bytes(text, "dup.yaml")
    [p] = exc.value.problems
    assert p.file == "dup.yaml" and "duplicate key 'mode'" in p.message
    assert p.line == text.splitlines().index("mode: solo") + 1


def test_python_tags_are_refused(library):
    text = session_to_yaml(_busy_session(library)).replace("mode: interview", "mode: !!python/name:os.system ''")
    with pytest.raises(FileError) as exc:
        session_from_bytes(text, "evil.yaml")
    assert "invalid YAML" in exc.value.problems[0].message


def test_newer_schema_is_refused_with_a_message(library):
    text = session_to_yaml(_busy_session(library)).replace(
        f"schema_version: {SCHEMA_VERSION}", f"schema_version: {SCHEMA_VERSION + 1}")
    with pytest.raises(FileError) as exc:
        session_from_bytes(text, "new.yaml")
    assert "newer than this app understands" in exc.value.problems[0].message
    assert exc.value.problems[0].line == 2


def test_older_schema_is_migrated(library, monkeypatch):
    from workbench import sessionfile

    text = session_to_yaml(_busy_session(library)).replace(f"schema_version: {SCHEMA_VERSION}", "schema_version: 0")
    text = text.replace("target_level: senior", "level_target: senior")

    def v0_to_v1(data):
        data = dict(data)
        data["target_level"] = data.pop("level_target")
        data["schema_version"] = 1
        return data

    monkeypatch.setitem(sessionfile.MIGRATIONS, 0, v0_to_v1)
    assert session_from_bytes(text, "old.yaml").target_level == "senior"


def test_invalid_values_name_the_line(library):
    text = session_to_yaml(_busy_session(library))
    bad = text.replace("    hints_revealed: 1\n", "    hints_revealed: lots\n", 1)
    with pytest.raises(FileError) as exc:
        session_from_bytes(bad, "bad.yaml")
    [p] = exc.value.problems
    assert p.line == bad.splitlines().index("    hints_revealed: lots") + 1
    assert "steps[0].hints_revealed" in p.message


@pytest.mark.parametrize("raw", [b"", b"just text", b"- a\n- b\n", b"\xff\xfe", b"case: {}\n"])
def test_not_a_session_file(raw):
    with pytest.raises(FileError) as exc:
        session_from_bytes(raw, "x.yaml")
    assert exc.value.problems[0].file == "x.yaml"


def test_a_bad_id_is_refused(library):
    text = session_to_yaml(_busy_session(library))
    sid = text.split("\nid: ")[1].split("\n")[0]
    with pytest.raises(FileError) as exc:
        session_from_bytes(text.replace(sid, "../../etc/passwd"), "x.yaml")
    assert "id" in exc.value.problems[0].message
