"""The sessions table: rows from the index, and the page's filters and sorts."""

from __future__ import annotations

import math

import pytest

from workbench import clock
from workbench import walkthrough as wt
from workbench.session_list import SESSION_SORTS, SessionFilter, filter_sessions, sessions_frame
from workbench.summary import summarize

VIDEO = "short-video-feed"
FRAUD = "payment-fraud"


@pytest.fixture
def frame(library):
    def make(case_id: str, mode: str, candidate: str, interviewer: str = "", ticks: int = 0, done: bool = False):
        case = library.cases[case_id]
        s = wt.new_session(case, library, mode=mode, candidate=candidate, interviewer=interviewer)
        by = "interviewer" if mode == "interview" else "self"
        if ticks:
            wt.open_self_check(s, "requirements")
        for item in library.rubric(case, "requirements")[:ticks]:
            wt.set_check(s, "requirements", item.id, True, by=by)
        if done:
            wt.complete(s)
        s.updated_at = clock.now()
        clock.advance(3600)
        return summarize(s)

    summaries = [make(VIDEO, "solo", "Ada", ticks=1), make(FRAUD, "interview", "Ben", "Tom", ticks=3, done=True),
                 make(VIDEO, "solo", "Cleo"), make(FRAUD, "solo", "Ada", ticks=2)]
    return sessions_frame(summaries, library)


def test_rows_are_newest_first_and_an_unassessed_session_is_unscored(frame):
    assert list(frame["Candidate"]) == ["Ada", "Cleo", "Ben", "Ada"]
    cleo = frame[frame["Candidate"] == "Cleo"].iloc[0]
    assert math.isnan(cleo["Score"])  # never checked: no score, not 0%
    assert frame.loc[frame["Candidate"] == "Ben", "Mode"].item() == "Interview"


def test_text_filter_matches_case_people_and_id_ignoring_case(frame):
    def who(text: str) -> list[str]:
        return list(filter_sessions(frame, SessionFilter(text=text))["Candidate"])

    assert who("ada") == ["Ada", "Ada"]
    assert who("TOM") == ["Ben"]
    assert who("payment-fraud") == ["Ada", "Ben"]
    assert who("  ") == list(frame["Candidate"])
    assert who("nobody") == []


def test_mode_and_status_filters(frame):
    assert list(filter_sessions(frame, SessionFilter(mode="Interview"))["Candidate"]) == ["Ben"]
    assert list(filter_sessions(frame, SessionFilter(mode="Solo"))["Candidate"]) == ["Ada", "Cleo", "Ada"]
    assert list(filter_sessions(frame, SessionFilter(status="completed"))["Candidate"]) == ["Ben"]


def test_newest_and_oldest(frame):
    newest = filter_sessions(frame, SessionFilter(sort="Newest"))["Updated"].tolist()
    assert newest == sorted(newest, reverse=True)
    assert filter_sessions(frame, SessionFilter(sort="Oldest"))["Updated"].tolist() == sorted(newest)


def test_score_sorts_keep_unscored_sessions_last(frame):
    high = filter_sessions(frame, SessionFilter(sort="Score (high first)"))
    low = filter_sessions(frame, SessionFilter(sort="Score (low first)"))
    assert high["Candidate"].iloc[-1] == "Cleo" and low["Candidate"].iloc[-1] == "Cleo"
    assert high["Score"].dropna().tolist() == sorted(high["Score"].dropna(), reverse=True)
    assert low["Score"].dropna().tolist() == sorted(low["Score"].dropna())
    assert high["Score"].dropna().tolist() != low["Score"].dropna().tolist()


def test_case_sort_and_every_sort_listed(frame):
    by_case = filter_sessions(frame, SessionFilter(sort="Case"))["Case"].tolist()
    assert by_case == sorted(by_case)
    for sort in SESSION_SORTS:
        assert len(filter_sessions(frame, SessionFilter(sort=sort))) == len(frame)


def test_the_table_has_the_columns_the_page_reads_and_statuses_read_as_words(frame):
    assert list(frame.columns) == ["id", "Case", "case_id", "Mode", "Candidate", "Interviewer", "Updated", "Score",
                                   "Status", "Reviews"]
    assert set(frame["Status"]) == {"in progress", "completed"}
    assert list(frame.index) == list(range(len(frame)))
    assert frame["Score"].dtype == float and frame["Reviews"].tolist() == [0, 0, 0, 0]


@pytest.mark.parametrize("text", ["(", "a.a", "[", "*", "ad+"])
def test_search_text_is_matched_literally_not_as_a_pattern(frame, text):
    assert filter_sessions(frame, SessionFilter(text=text)).empty  # no row holds these characters
