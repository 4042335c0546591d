"""The Library page: search, filters, sort, surprise, past attempts, and broken files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.app.driver import all_text, new_app, no_exceptions, session, start_case
from workbench import walkthrough as wt
from workbench.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _shown_cases(at) -> list[str]:
    return [b.key[4:] for b in at.button if b.key and b.key.startswith("lib-") and b.key not in ("lib-surprise",)]


def test_lists_every_case_with_its_details(store_dir, library):
    at = new_app().run()
    no_exceptions(at)
    assert sorted(_shown_cases(at)) == sorted(library.cases)
    text = all_text(at)
    case = library.cases["payment-fraud"]
    assert case.title in text and case.summary in text and f"{case.time_minutes} min" in text


def test_search_matches_title_summary_and_tags(store_dir, library):
    at = new_app().run()
    at.text_input(key="lib-q").input("fraud").run()
    shown = set(_shown_cases(at))
    expected = {c.id for c in library.cases.values()
                if "fraud" in " ".join([c.title, c.summary, c.id, *c.tags]).lower()}
    assert shown == expected and "payment-fraud" in shown
    at.text_input(key="lib-q").input("zzzz-nothing").run()
    assert _shown_cases(at) == [] and "0 of" in all_text(at)


def test_filters_combine(store_dir, library):
    at = new_app().run()
    at.multiselect(key="lib-domain").set_value(["genai"]).run()
    at.multiselect(key="lib-diff").set_value(["advanced"]).run()
    expected = {c.id for c in library.cases.values() if c.domain == "genai" and c.difficulty == "advanced"}
    assert set(_shown_cases(at)) == expected and expected
    at.multiselect(key="lib-domain").set_value([]).run()
    at.multiselect(key="lib-diff").set_value([]).run()
    at.slider(key="lib-time").set_value((30, 35)).run()
    assert set(_shown_cases(at)) == {c.id for c in library.cases.values() if c.time_minutes <= 35}
    tag = library.cases["rag-support-assistant"].tags[0]
    at.slider(key="lib-time").set_value((30, 60)).run()
    at.multiselect(key="lib-tags").set_value([tag]).run()
    assert set(_shown_cases(at)) == {c.id for c in library.cases.values() if tag in c.tags}


def test_sort_by_time(store_dir, library):
    at = new_app().run()
    at.selectbox(key="lib-sort").set_value("Time (shortest first)").run()
    minutes = [library.cases[c].time_minutes for c in _shown_cases(at)]
    assert minutes == sorted(minutes)


def test_surprise_me_picks_within_the_filters(store_dir, library):
    at = new_app().run()
    at.multiselect(key="lib-domain").set_value(["speech"]).run()
    at.button(key="lib-surprise").click().run()
    no_exceptions(at)
    assert at.session_state["lib-selected"] in {c.id for c in library.cases.values() if c.domain == "speech"}
    assert at.button(key="FormSubmitter:start-form-Start")


def test_attempts_and_best_score_from_the_store(store_dir, library):
    case = library.cases["query-autocomplete"]
    store = open_store(str(store_dir))
    for n_items in (1, 3):
        s = wt.new_session(case, library)
        for item in library.rubric(case, "requirements")[:n_items]:
            wt.set_check(s, "requirements", item.id, True)
        store.save(s)
    at = new_app().run()
    card = next(m.value for m in at.markdown if case.title in m.value)
    best = re.search(r"attempted 2× · best (\d+)%", card)
    assert best, card
    total = sum(i.weight for sid in case.steps for i in library.rubric(case, sid))
    got = sum(i.weight for i in library.rubric(case, "requirements")[:3])
    assert int(best.group(1)) == round(got / total * 100)
    other = next(m.value for m in at.markdown if library.cases["payment-fraud"].title in m.value)
    assert "not attempted" in other


def test_broken_case_file_is_named_and_the_rest_load(store_dir, library, tmp_path, monkeypatch):
    extra = tmp_path / "team"
    extra.mkdir()
    text = (ROOT / "cases" / "short-video-feed.yaml").read_text()
    (extra / "broken.yaml").write_text(text.replace("id: short-video-feed", "id: team-broken")
                                       .replace("level: core", "level: principal", 1))
    monkeypatch.setenv("WORKBENCH_CASES", str(extra))
    at = new_app().run()
    no_exceptions(at)
    errors = " ".join(e.value for e in at.error)
    assert "broken.yaml:" in errors and "level" in errors
    assert sorted(_shown_cases(at)) == sorted(library.cases)


def test_case_from_the_authoring_guide_validates_and_appears(store_dir, tmp_path, monkeypatch):
    import subprocess
    import sys

    guide = (ROOT / "docs" / "authoring.md").read_text()
    template = re.search(r"```yaml\n(# yaml-language-server.*?)```", guide, re.S).group(1)
    folder = tmp_path / "team-cases"
    folder.mkdir()
    shutil.copy(ROOT / "cases" / "framework.yaml", folder / "framework.yaml")
    path = folder / "forum-spam-filter.yaml"
    path.write_text(template)
    out = subprocess.run([sys.executable, "-m", "workbench", "validate", "--strict", str(path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout
    (folder / "framework.yaml").unlink()
    monkeypatch.setenv("WORKBENCH_CASES", str(folder))
    at = new_app().run()
    no_exceptions(at)
    assert "forum-spam-filter" in _shown_cases(at)
    start_case(at, "forum-spam-filter")
    assert session(at).case.id == "forum-spam-filter"
