"""Where self-assessment, interviewer and reviewers agree and disagree."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import pct, rating_label
from workbench.review import ItemAgreement, Scorer, agreement_rate


def show_agreement(parties: list[Scorer], items: list[ItemAgreement], titles: dict[str, str],
                   weights: dict[tuple[str, str], int]) -> None:
    if len(parties) < 2:
        st.caption("Only one scorer so far; agreement needs at least two.")
        return
    st.metric("Items on which everyone agrees", pct(agreement_rate(items)))
    rows = []
    for sid, title in titles.items():
        step_items = [i for i in items if i.step_id == sid]
        if not step_items:
            continue
        row: dict[str, str] = {"Step": title}
        total = sum(weights.get((sid, i.item_id), 1) for i in step_items)
        for p in parties:
            got = sum(weights.get((sid, i.item_id), 1) for i in step_items if p.name in i.ticked_by)
            row[p.name] = pct(got / total if total else None)
            if p.ratings:
                row[f"{p.name} (rating)"] = rating_label(p.ratings.get(sid))
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    disputed = [i for i in items if not i.agreed]
    if disputed:
        st.markdown(f"**Disagreements ({len(disputed)})**")
        st.markdown("\n".join(
            f"- {titles.get(i.step_id, i.step_id)}: {i.text}  \n  :green[covered for] {', '.join(i.ticked_by)} · "
            f":red[missed for] {', '.join(i.missed_by)}" for i in disputed))
    else:
        st.success("Every scorer agrees on every item.")
