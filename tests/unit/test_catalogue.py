"""Finding a case in the library: search, filters and every sort, as the Library page uses them."""

from __future__ import annotations

import random

import pytest

from workbench.catalogue import SORTS, CaseFilter, filter_cases, matches, surprise


@pytest.fixture(scope="module")
def cases(library):
    return list(library.cases.values())


def titles(found) -> list[str]:
    return [c.title for c in found]


def test_search_needs_every_word_in_title_summary_id_or_tags(cases):
    video = next(c for c in cases if c.id == "short-video-feed")
    assert matches(video, CaseFilter(text="SHORT video"))
    assert matches(video, CaseFilter(text=video.tags[0]))
    assert not matches(video, CaseFilter(text="short zebra"))
    assert matches(video, CaseFilter(text="   "))


def test_filters_by_domain_difficulty_tag_and_time(cases):
    video = next(c for c in cases if c.id == "short-video-feed")
    assert matches(video, CaseFilter(domains=(video.domain,), difficulties=(video.difficulty,),
                                     tags=(video.tags[0], "no-such-tag")))
    assert not matches(video, CaseFilter(domains=("no-such-domain",)))
    assert not matches(video, CaseFilter(difficulties=tuple(d for d in ("intro", "standard", "advanced")
                                                            if d != video.difficulty)))
    assert not matches(video, CaseFilter(tags=("no-such-tag",)))
    t = video.time_minutes
    assert matches(video, CaseFilter(min_minutes=t, max_minutes=t))
    assert not matches(video, CaseFilter(max_minutes=t - 1))
    assert not matches(video, CaseFilter(min_minutes=t + 1))


def test_title_difficulty_and_time_sorts(cases):
    assert titles(filter_cases(cases, CaseFilter(sort="Title"))) == sorted(titles(cases), key=str.lower)
    by_diff = filter_cases(cases, CaseFilter(sort="Difficulty"))
    order = ["intro", "standard", "advanced"]
    assert [order.index(c.difficulty) for c in by_diff] == sorted(order.index(c.difficulty) for c in cases)
    shortest = filter_cases(cases, CaseFilter(sort="Time (shortest first)"))
    longest = filter_cases(cases, CaseFilter(sort="Time (longest first)"))
    assert [c.time_minutes for c in shortest] == sorted(c.time_minutes for c in cases)
    assert [c.time_minutes for c in longest] == sorted((c.time_minutes for c in cases), reverse=True)
    # ties keep title order
    same = [c for c in shortest if c.time_minutes == shortest[0].time_minutes]
    assert titles(same) == sorted(titles(same), key=str.lower)


def test_not_attempted_first_puts_every_unattempted_case_before_any_attempted(cases):
    tried = sorted(cases, key=lambda c: c.title.lower())[:2]
    scores = {c.id: (1, 0.5) for c in tried}
    found = filter_cases(cases, CaseFilter(sort="Not attempted first", scores=scores))
    assert [c.id for c in found[-2:]] == [c.id for c in tried]
    assert all(c.id not in scores for c in found[:-2])
    assert titles(found[:-2]) == sorted(titles(found[:-2]), key=str.lower)


def test_best_score_lowest_first_with_unattempted_at_the_top(cases):
    a, b = sorted(cases, key=lambda c: c.title.lower())[:2]
    found = filter_cases(cases, CaseFilter(sort="Best score (lowest first)", scores={a.id: (1, 0.9), b.id: (3, 0.2)}))
    assert [c.id for c in found[-2:]] == [b.id, a.id]


def test_every_listed_sort_is_known_and_an_unknown_one_falls_back_to_title(cases):
    for sort in SORTS:
        assert len(filter_cases(cases, CaseFilter(sort=sort))) == len(cases)
    assert titles(filter_cases(cases, CaseFilter(sort="bogus"))) == sorted(titles(cases), key=str.lower)


def test_surprise_picks_from_the_given_cases_only(cases):
    assert surprise([]) is None
    few = cases[:3]
    picks = [surprise(few, random.Random(seed)).id for seed in range(30)]
    assert set(picks) <= {c.id for c in few} and len(set(picks)) > 1
    # the given generator decides: the same seed, the same pick
    assert picks == [surprise(few, random.Random(seed)).id for seed in range(30)]


def test_filter_cases_applies_the_filter_to_each_case(cases):
    found = filter_cases(cases, CaseFilter(text="short video"))
    assert found and all(matches(c, CaseFilter(text="short video")) for c in found)
    assert len(found) < len(cases)
