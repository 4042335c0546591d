"""Readable reports of a session: Markdown, or one self-contained HTML file.

User text (answers, notes, evidence, comments) is rendered as markdown with raw HTML
disabled, and everything else is escaped, so a report can never run a script.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from workbench import mermaid_html
from workbench.case import Case
from workbench.estimates import WORKSHEET_HEADER, worksheet_rows
from workbench.library import Library
from workbench.safe_markdown import render_html, without_remote_images
from workbench.scorer import Scorer, counting_scorer, ticks
from workbench.scoring import SessionScore, score_session, supported_level
from workbench.session import Session

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:920px;margin:2rem auto;
padding:0 1rem;color:#1d2523}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d5dedb;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#5b6764}.answer{background:#f6f8f7;border-left:3px solid #2f6f62;padding:.4rem 1rem;margin:.5rem 0}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d5dedb;padding:.25rem .6rem;text-align:left}
.covered{color:#1f7a3f}.missed{color:#a33}.why{color:#5b6764;font-size:.9em}.badge{font-size:.8em;padding:0 .4em;
border-radius:4px;background:#e7eeec}
"""


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


def _label(rating: str | None) -> str:
    return "—" if not rating else rating.replace("_", " ").capitalize()


@dataclass
class _Ctx:
    session: Session
    case: Case | None
    library: Library
    score: SessionScore | None

    def title(self, step_id: str) -> str:
        try:
            return self.library.framework.step(step_id).title
        except KeyError:
            return step_id


def _context(session: Session, library: Library) -> _Ctx:
    case = library.cases.get(session.case.id)
    score = score_session(session, case, library) if case is not None or session.rubric else None
    return _Ctx(session, case, library, score)


def _missing_case_note(ctx: _Ctx) -> str:
    return (f"The case '{ctx.session.case.id}' is not in this library, so rubric text and coverage "
            "cannot be shown; ticked item ids are listed instead.")


def _hash_note(ctx: _Ctx) -> str | None:
    if ctx.case is None:
        return None
    current = ctx.library.hashes.get(ctx.case.id)
    if current and current != ctx.session.case.content_hash:
        against = ("the rubric saved with the session" if ctx.session.rubric else "the current rubric")
        return (f"The case has changed since this session ({ctx.session.case.content_hash} then, {current} now); "
                f"coverage is scored against {against}.")
    return None


# -- One document, two renderers ------------------------------------------------------
# Blocks: ("h", level, text) heading; ("p", text, css) plain text; ("strong", text) bold line;
# ("user", markdown, placeholder) text a person wrote; ("table", header, rows);
# ("items", [(text, detail, mark)]) a list, mark "covered" / "missed" / "" for rubric ticks.
Block = tuple


def _blocks(session: Session, library: Library) -> list[Block]:
    """Everything a report says, in order; the renderers only decide how it looks."""
    ctx = _context(session, library)
    s = session
    meta = [("Interviewer-led" if s.mode == "interview" else "Solo practice"), s.status.replace("_", " "),
            f"started {s.created_at:%Y-%m-%d %H:%M} UTC"]
    meta += [f"candidate {s.people.candidate}"] if s.people.candidate else []
    meta += [f"interviewer {s.people.interviewer}"] if s.people.interviewer else []
    meta += [f"target level {s.target_level}"] if s.target_level else []
    out: list[Block] = [("h", 1, s.case.title), ("p", " · ".join(meta), "meta")]
    if ctx.case is None and ctx.score is None:
        out.append(("p", _missing_case_note(ctx), "missed"))
    elif ctx.case is None:
        out.append(("p", f"The case '{s.case.id}' is not in this library; coverage is scored against the rubric "
                         "saved with the session.", "why"))
    elif note := _hash_note(ctx):
        out.append(("p", note, "why"))
    if ctx.score is not None:
        rows = [[ctx.title(st.step_id), _pct(st.coverage), _pct(st.by_level["core"]), _pct(st.by_level["senior"]),
                 _pct(st.by_level["staff"]), _label(s.step(st.step_id).rating)] for st in ctx.score.steps]
        out += [("h", 2, "Coverage"), ("table", ["Step", "Coverage", "Core", "Senior", "Staff", "Rating"], rows),
                ("strong", f"Overall coverage: {_pct(ctx.score.coverage)} · the evidence supports "
                           f"{supported_level(ctx.score.by_level)}")]
    for rec in s.steps:
        out += [("h", 2, ctx.title(rec.id)),
                ("p", f"Time {rec.time_spent_s // 60} min · hints {rec.hints_revealed} · rating {_label(rec.rating)}",
                 "meta"),
                ("h", 3, "Answer"), ("user", rec.answer, "No answer written.")]
        if rec.diagram.strip():
            out += [("h", 3, "Diagram"), ("diagram", rec.diagram)]
        if worksheet := worksheet_rows(ctx.case.estimates if ctx.case else [], rec):
            out += [("h", 3, "Estimates"), ("table", WORKSHEET_HEADER, worksheet)]
        if rec.notes.strip():
            out += [("h", 3, "Interviewer notes"), ("user", rec.notes, "")]
        scored = {x.step_id: x for x in ctx.score.steps} if ctx.score is not None else {}
        if rec.id in scored:
            st = scored[rec.id]
            evidence = ticks(s, ctx.score.scorer or counting_scorer(s)).get(rec.id, {})
            out += [("h", 3, "Rubric"), ("items",
                     [(i.text, evidence.get(i.id, ""), "covered") for i in st.covered]
                     + [(i.text, f"Why it matters: {i.why}", "missed") for i in st.missed])]
        elif rec.checks:
            out += [("h", 3, "Ticked items"),
                    ("items", [(f"{c.item} ({Scorer(kind=c.by).label})", "", "") for c in rec.checks])]
        if rec.probes_asked:
            asks = {p.id: p.ask for p in ctx.case.steps[rec.id].probes} if ctx.case and rec.id in ctx.case.steps else {}
            out += [("h", 3, "Probes asked"),
                    ("items", [(asks.get(p.id, p.id), p.response, "") for p in rec.probes_asked])]
    r = s.result
    if r.recommendation or r.strengths or r.concerns or r.takeaways:
        out += [("h", 2, "Result"),
                ("strong", f"Recommendation: {_label(r.recommendation)}" + (f" at level {r.level}" if r.level else ""))]
        for name, text in (("Strengths", r.strengths), ("Concerns", r.concerns), ("Take-aways", r.takeaways)):
            if text.strip():
                out += [("h", 3, name), ("user", text, "")]
    for rv in s.reviews:
        out += [("h", 2, f"Review by {rv.reviewer} ({rv.at:%Y-%m-%d})"),
                ("strong", f"Recommendation: {_label(rv.recommendation)}")]
        if rv.comment:
            out.append(("user", rv.comment, ""))
        out.append(("items", [(f"{ctx.title(st.id)}: rating {_label(st.rating)}, {len(st.covered)} items covered",
                               st.comment, "") for st in rv.steps]))
    if s.events:
        out += [("h", 2, "Timeline"), ("table", ["Time", "Event", "Step", "Detail"],
                 [[f"{e.at:%H:%M:%S}", e.type.replace("_", " "), e.step or "", e.detail] for e in s.events])]
    return out


def _md_table(head: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(without_remote_images(str(c)).replace("|", "\\|") for c in row) + " |"
                  for row in rows]


_BOX = {"covered": "[x] ", "missed": "[ ] ", "": ""}
# One small renderer per block kind (the HTML renderer below mirrors it).
_MARKDOWN: dict[str, Callable[..., list[str]]] = {
    "h": lambda level, text: [f"{'#' * level} {text}"],
    "p": lambda text, cls: [f"> {text}" if cls in ("missed", "why") else text],
    "strong": lambda text: [f"**{text}**"],
    "user": lambda text, placeholder: [without_remote_images(text.strip())
                                       or (f"*{placeholder}*" if placeholder else "")],
    "diagram": lambda source: [mermaid_html.markdown_fence(source)],
    "table": _md_table,
    "items": lambda items: [f"- {_BOX[mark]}{text}" + (f" — {without_remote_images(detail)}" if detail else "")
                            for text, detail, mark in items],
}


def to_markdown(session: Session, library: Library) -> str:
    out: list[str] = []
    for kind, *args in _blocks(session, library):
        out += _MARKDOWN[kind](*args)
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    return render_html(text)


def to_html(session: Session, library: Library) -> str:
    """One self-contained page: inline CSS, no external requests, no script but the hashed Mermaid bundle."""
    e = html.escape
    parts: list[str] = []
    for block in _blocks(session, library):
        kind = block[0]
        if kind == "h":
            parts.append(f"<h{block[1]}>{e(block[2])}</h{block[1]}>")
        elif kind == "p":
            parts.append(f"<p class='{block[2]}'>{e(block[1])}</p>")
        elif kind == "strong":
            parts.append(f"<p><strong>{e(block[1])}</strong></p>")
        elif kind == "user":
            text, placeholder = block[1], block[2]
            inner = _md(text) if text.strip() else f"<p><em>{e(placeholder)}</em></p>"
            parts.append(f"<div class='answer'>{inner}</div>")
        elif kind == "diagram":
            parts.append(mermaid_html.diagram_html(block[1]))
        elif kind == "table":
            head = "".join(f"<th>{e(h)}</th>" for h in block[1])
            rows = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in block[2])
            parts.append(f"<table><tr>{head}</tr>{rows}</table>")
        elif kind == "items":
            mark = {"covered": "✓ ", "missed": "✗ ", "": ""}
            parts.append("<ul>" + "".join(
                f"<li class='{m}'>{mark[m]}{e(text)}"
                + (f"<br><span class='why'>{e(detail)}</span>" if detail else "") + "</li>"
                for text, detail, m in block[1]) + "</ul>")
    title = e(f"{session.case.title} — MLSD Workbench report")
    diagrams = any(s.diagram.strip() for s in session.steps)  # the Mermaid bundle only when there is a diagram
    csp = mermaid_html.content_security_policy(diagrams)
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{csp}\">"
            f"<title>{title}</title><style>{CSS}{mermaid_html.CSS}</style></head><body>\n" + "\n".join(parts)
            + ("\n" + mermaid_html.script_tag() if diagrams else "") + "\n</body></html>\n")


def build_report(session: Session, library: Library, fmt: str = "md") -> str:
    if fmt == "html":
        return to_html(session, library)
    if fmt == "md":
        return to_markdown(session, library)
    raise ValueError(f"unknown report format {fmt!r}")
