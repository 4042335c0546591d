"""Where self-assessment, interviewer, reviewers and the suggester agree and disagree."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import pct, rating_label
from workbench.case import Rating
from workbench.review import ItemAgreement, agreement_note, agreement_rate, pairwise_kappa
from workbench.scorer import Scorer


def show_agreement(parties: list[Scorer], items: list[ItemAgreement], titles: dict[str, str],
                   ratings: dict[Scorer, dict[str, Rating | None]]) -> None:
    """``ratings``: each scorer's step ratings (empty for those who do not rate)."""
    if len(parties) < 2:
        st.caption("Only one scorer so far; agreement needs at least two.")
        return
    rate = agreement_rate(items)
    st.metric("Ticked items on which everyone agrees", "no items ticked" if rate is None else pct(rate),
              help="Only items at least one scorer ticked count: leaving an item unticked together is not "
                   f"agreement. {agreement_note(items)}.")
    rows = []
    for sid, title in titles.items():
        step_items = [i for i in items if i.step_id == sid]
        if not step_items:
            continue
        total = sum(i.weight for i in step_items)
        row: dict[str, str] = {"Step": title}
        for p in parties:
            got = sum(i.weight for i in step_items if p in i.ticked_by)
            row[p.label] = pct(got / total if total else None)
            if ratings.get(p):
                row[f"{p.label} (rating)"] = rating_label(ratings[p].get(sid))
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    kappas = pairwise_kappa(items, parties)
    st.markdown("**Cohen's kappa per pair of scorers** (agreement beyond chance; 1 is perfect, 0 is chance)")
    st.dataframe(pd.DataFrame([{"Scorers": f"{k.a.label} · {k.b.label}",
                                "Step": "All steps" if k.step_id is None else titles.get(k.step_id, k.step_id),
                                "Items": k.items, "Kappa": k.note} for k in kappas]),
                 hide_index=True, width="stretch")
    disputed = [i for i in items if not i.agreed]
    if disputed:
        st.markdown(f"**Disagreements ({len(disputed)})**")
        st.markdown("\n".join(
            f"- {titles.get(i.step_id, i.step_id)}: {i.text}  \n  :green[covered for] "
            f"{', '.join(p.label for p in i.ticked_by)} · :red[missed for] {', '.join(p.label for p in i.missed_by)}"
            for i in disputed))
    elif rate is not None:
        st.success("Every scorer agrees on every ticked item.")
