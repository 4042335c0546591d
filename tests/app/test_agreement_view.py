"""The agreement view: ticked-item agreement, kappa per pair, ratings, and nothing-ticked said plainly."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _app(ticks_a: list[str], ticks_b: list[str]) -> AppTest:
    def page(ticks_a: list[str], ticks_b: list[str]) -> None:
        from components.agreement_view import show_agreement
        from workbench.review import ItemAgreement
        from workbench.scorer import INTERVIEWER, reviewer

        kim = reviewer(1, "Kim")
        items = [ItemAgreement("data", f"i{n}", f"Item {n}", 1,
                               tuple(p for p, t in ((INTERVIEWER, ticks_a), (kim, ticks_b)) if f"i{n}" in t),
                               tuple(p for p, t in ((INTERVIEWER, ticks_a), (kim, ticks_b)) if f"i{n}" not in t))
                 for n in range(6)]
        show_agreement([INTERVIEWER, kim], items, {"data": "Data"}, {INTERVIEWER: {"data": "hire"}, kim: {}})

    return AppTest.from_function(page, args=(ticks_a, ticks_b)).run()


def test_nobody_ticked_is_not_full_agreement():
    at = _app([], [])
    assert not at.exception
    assert at.metric[0].value == "no items ticked"
    kappa = at.dataframe[1].value
    assert set(kappa["Kappa"]) == {"too few items"}
    assert not at.success  # no "everyone agrees" banner when nothing was ticked


def test_agreement_over_ticked_items_kappa_and_ratings():
    at = _app(["i0", "i1", "i2"], ["i0", "i1", "i3"])
    assert at.metric[0].value == "50%"  # i0, i1 agreed; i2, i3 disputed
    table = at.dataframe[0].value
    assert table.loc[0, "Interviewer"] == "50%" and table.loc[0, "Interviewer (rating)"] == "Hire"
    assert "Reviewer 1: Kim (rating)" not in table.columns
    kappa = at.dataframe[1].value
    assert list(kappa["Step"]) == ["Data", "All steps"]
    assert kappa.loc[0, "Kappa"] == "0.33"  # po 4/6, pe 1/2
    assert any("Disagreements (2)" in m.value for m in at.markdown)
