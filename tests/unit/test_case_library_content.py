"""The shipped library: breadth, depth and the authoring minimums, counted."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from workbench.quality import MIN_HINTS, MIN_PROBES, MIN_RUBRIC
from workbench.schemas import MODELS, SCHEMA_DIR, schema_for

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_BY_DOMAIN = {
    "recommendation": 4, "search": 4, "ads": 2, "trust-safety": 4, "nlp": 4, "vision": 4, "speech": 1,
    "forecasting": 3, "marketplace": 2, "genai": 5, "on-device": 2, "data-quality": 2,
}


def test_at_least_forty_cases(library):
    assert len(library.cases) >= 40
    assert library.problems == []


def test_domain_coverage(library):
    counts = Counter(c.domain for c in library.cases.values())
    short = {d: (counts.get(d, 0), n) for d, n in REQUIRED_BY_DOMAIN.items() if counts.get(d, 0) < n}
    assert short == {}, f"domains below their minimum (have, need): {short}"


def test_spread_of_difficulty_and_time(library):
    difficulties = Counter(c.difficulty for c in library.cases.values())
    assert all(difficulties[d] >= 5 for d in ("intro", "standard", "advanced")), difficulties
    minutes = [c.time_minutes for c in library.cases.values()]
    assert min(minutes) >= 30 and max(minutes) <= 60
    assert min(minutes) <= 35 and max(minutes) >= 55


@pytest.mark.parametrize("step", ["requirements", "data", "model", "deployment"])
def test_every_case_meets_the_per_step_minimums(library, step):
    for case in library.cases.values():
        s = case.steps[step]
        where = f"{case.id}.{step}"
        assert len(s.questions) >= 1, where
        assert len(s.hints) >= MIN_HINTS, where
        assert len(s.probes) >= MIN_PROBES, where
        assert len(s.rubric) >= MIN_RUBRIC, where
        assert any(i.level in ("senior", "staff") for i in s.rubric), where
        assert all(i.why.strip() for i in s.rubric), where
        assert s.pitfalls, where
        if s.time_minutes is not None:
            assert s.time_minutes >= 1


def test_case_budgets_add_up(library):
    for case in library.cases.values():
        per_step = [s.time_minutes for s in case.steps.values()]
        if all(m is not None for m in per_step):
            assert sum(per_step) == case.time_minutes, case.id


def test_rubric_items_are_case_specific(library):
    """No case item repeats another case's text: generic items belong in the framework."""
    seen: dict[str, str] = {}
    for case in library.cases.values():
        for step in case.steps.values():
            for item in step.rubric:
                assert item.text not in seen, f"{case.id} repeats an item of {seen.get(item.text)}: {item.text}"
                seen[item.text] = case.id


def test_case_files_point_editors_at_the_schema():
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        first = path.read_text().splitlines()[0]
        expected = "framework" if path.name == "framework.yaml" else "case"
        assert first == f"# yaml-language-server: $schema=../schemas/{expected}.schema.json", path.name


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_shipped_schemas_match_the_models(kind):
    shipped = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text())
    assert shipped == schema_for(kind), f"schemas/{kind}.schema.json is stale: run `make schemas`"


def test_case_files_pass_yamllint():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), "-s", str(ROOT / "cases")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
