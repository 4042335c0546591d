"""The review draft: edits report whether they changed anything, submit writes one review."""

from __future__ import annotations

import pytest

from workbench import walkthrough as wt
from workbench.review_draft import ReviewDraft


def test_edits_change_once_and_submit_records_everything(library):
    s = wt.new_session(library.cases["short-video-feed"], library)
    d = ReviewDraft()
    assert d.tick("requirements", "svf-objective", True) is True
    assert d.tick("requirements", "svf-objective", True) is False
    assert d.tick("requirements", "g-req-goal", True) and d.tick("requirements", "g-req-goal", False)
    assert d.rate("requirements", "hire") and not d.rate("requirements", "hire")
    assert d.comment("data", "Thin on labels.") and not d.comment("data", "Thin on labels.")
    assert d.recommend("no_hire") and not d.recommend("no_hire")
    with pytest.raises(ValueError):
        d.submit(s, "   ")  # a review needs a name
    assert not d.submitted and s.reviews == []
    review = d.submit(s, "Grace", "Solid requirements.")
    assert d.submitted and s.reviews == [review]
    step = {r.id: r for r in review.steps}
    assert step["requirements"].covered == ["svf-objective"] and step["requirements"].rating == "hire"
    assert step["data"].comment == "Thin on labels." and review.recommendation == "no_hire"
    assert review.reviewer == "Grace" and review.comment == "Solid requirements."
    with pytest.raises(ValueError):
        d.submit(s, "Grace")
    assert len(s.reviews) == 1
