"""Readable reports of a session: Markdown, or one self-contained HTML file.

User text (answers, notes, evidence, comments) is rendered as markdown with raw HTML
disabled, and everything else is escaped, so a report can never run a script.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markdown_it import MarkdownIt

from workbench.case import Case
from workbench.library import Library
from workbench.scoring import SessionScore, score_session
from workbench.session import Session

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

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
    score = score_session(session, case, library) if case is not None else None
    return _Ctx(session, case, library, score)


def _missing_case_note(ctx: _Ctx) -> str:
    return (f"The case '{ctx.session.case.id}' is not in this library, so rubric text and coverage "
            "cannot be shown; ticked item ids are listed instead.")


def _hash_note(ctx: _Ctx) -> str | None:
    if ctx.case is None:
        return None
    current = ctx.library.hashes.get(ctx.case.id)
    if current and current != ctx.session.case.content_hash:
        return (f"The case has changed since this session ({ctx.session.case.content_hash} then, {current} now); "
                "coverage is scored against the current rubric.")
    return None


# -- Markdown ---------------------------------------------------------------------
def to_markdown(session: Session, library: Library) -> str:
    ctx = _context(session, library)
    s = session
    out = [f"# {s.case.title}", ""]
    people = ", ".join(x for x in [f"candidate {s.people.candidate}" if s.people.candidate else "",
                                   f"interviewer {s.people.interviewer}" if s.people.interviewer else ""] if x)
    out.append(f"*{'Interviewer-led' if s.mode == 'interview' else 'Solo practice'}* · {s.status.replace('_', ' ')} · "
               f"started {s.created_at:%Y-%m-%d %H:%M} UTC" + (f" · {people}" if people else "")
               + (f" · target level {s.target_level}" if s.target_level else ""))
    out.append("")
    if ctx.case is None:
        out += [f"> {_missing_case_note(ctx)}", ""]
    elif note := _hash_note(ctx):
        out += [f"> {note}", ""]
    if ctx.score is not None:
        out += ["## Coverage", "", "| Step | Coverage | Core | Senior | Staff | Rating |", "|---|---|---|---|---|---|"]
        for st in ctx.score.steps:
            rating = s.step(st.step_id).rating
            out.append(f"| {ctx.title(st.step_id)} | {_pct(st.coverage)} | {_pct(st.by_level['core'])} | "
                       f"{_pct(st.by_level['senior'])} | {_pct(st.by_level['staff'])} | {_label(rating)} |")
        out += ["", f"**Overall coverage: {_pct(ctx.score.coverage)}**", ""]
    for rec in s.steps:
        out += [f"## {ctx.title(rec.id)}", "",
                f"Time {rec.time_spent_s // 60} min · hints {rec.hints_revealed} · rating {_label(rec.rating)}", ""]
        out += ["### Answer", "", rec.answer.strip() or "*No answer written.*", ""]
        if rec.notes.strip():
            out += ["### Interviewer notes", "", rec.notes.strip(), ""]
        if ctx.score is not None:
            st = ctx.score.step(rec.id)
            evidence = {c.item: c.evidence for c in rec.checks}
            out += ["### Rubric", ""]
            out += [f"- [x] {i.text}" + (f" — *{evidence[i.id]}*" if evidence.get(i.id) else "") for i in st.covered]
            out += [f"- [ ] {i.text} — why it matters: {i.why}" for i in st.missed]
            out.append("")
        elif rec.checks:
            out += ["### Ticked items", ""] + [f"- {c.item} ({c.by})" for c in rec.checks] + [""]
        if rec.probes_asked:
            out += ["### Probes asked", ""]
            asks = {p.id: p.ask for p in ctx.case.steps[rec.id].probes} if ctx.case and rec.id in ctx.case.steps else {}
            out += [f"- {asks.get(p.id, p.id)}" + (f" — {p.response}" if p.response else "") for p in rec.probes_asked]
            out.append("")
    r = s.result
    if r.recommendation or r.strengths or r.concerns or r.takeaways:
        out += ["## Result", "", f"Recommendation: **{_label(r.recommendation)}**"
                + (f" at level {r.level}" if r.level else ""), ""]
        for name, text in (("Strengths", r.strengths), ("Concerns", r.concerns), ("Take-aways", r.takeaways)):
            if text.strip():
                out += [f"### {name}", "", text.strip(), ""]
    for rv in s.reviews:
        out += [f"## Review by {rv.reviewer} ({rv.at:%Y-%m-%d})", "",
                f"Recommendation: **{_label(rv.recommendation)}**", ""]
        if rv.comment:
            out += [rv.comment, ""]
        for st in rv.steps:
            out.append(f"- {ctx.title(st.id)}: rating {_label(st.rating)}, {len(st.covered)} items covered"
                       + (f" — {st.comment}" if st.comment else ""))
        out.append("")
    if s.events:
        out += ["## Timeline", ""]
        out += [f"- {e.at:%H:%M:%S} {e.type.replace('_', ' ')}" + (f" ({e.step})" if e.step else "")
                + (f": {e.detail}" if e.detail else "") for e in s.events]
        out.append("")
    return "\n".join(out)


# -- HTML ---------------------------------------------------------------------------
def _md(text: str) -> str:
    return _MD.render(text)


def to_html(session: Session, library: Library) -> str:
    """One self-contained page: inline CSS, no scripts, no external requests."""
    ctx = _context(session, library)
    s = session
    e = html.escape
    parts = [f"<h1>{e(s.case.title)}</h1>"]
    meta = [("Interviewer-led" if s.mode == "interview" else "Solo practice"), s.status.replace("_", " "),
            f"started {s.created_at:%Y-%m-%d %H:%M} UTC"]
    if s.people.candidate:
        meta.append(f"candidate {s.people.candidate}")
    if s.people.interviewer:
        meta.append(f"interviewer {s.people.interviewer}")
    if s.target_level:
        meta.append(f"target level {s.target_level}")
    parts.append(f"<p class='meta'>{e(' · '.join(meta))}</p>")
    if ctx.case is None:
        parts.append(f"<p class='missed'>{e(_missing_case_note(ctx))}</p>")
    elif note := _hash_note(ctx):
        parts.append(f"<p class='why'>{e(note)}</p>")
    if ctx.score is not None:
        rows = "".join(
            f"<tr><td>{e(ctx.title(st.step_id))}</td><td>{_pct(st.coverage)}</td><td>{_pct(st.by_level['core'])}</td>"
            f"<td>{_pct(st.by_level['senior'])}</td><td>{_pct(st.by_level['staff'])}</td>"
            f"<td>{e(_label(s.step(st.step_id).rating))}</td></tr>" for st in ctx.score.steps)
        parts.append("<h2>Coverage</h2><table><tr><th>Step</th><th>Coverage</th><th>Core</th><th>Senior</th>"
                     f"<th>Staff</th><th>Rating</th></tr>{rows}</table>"
                     f"<p><strong>Overall coverage: {_pct(ctx.score.coverage)}</strong></p>")
    for rec in s.steps:
        parts.append(f"<h2>{e(ctx.title(rec.id))}</h2><p class='meta'>Time {rec.time_spent_s // 60} min · "
                     f"hints {rec.hints_revealed} · rating {e(_label(rec.rating))}</p>")
        parts.append("<h3>Answer</h3><div class='answer'>"
                     + (_md(rec.answer) if rec.answer.strip() else "<p><em>No answer written.</em></p>") + "</div>")
        if rec.notes.strip():
            parts.append(f"<h3>Interviewer notes</h3><div class='answer'>{_md(rec.notes)}</div>")
        if ctx.score is not None:
            st = ctx.score.step(rec.id)
            evidence = {c.item: c.evidence for c in rec.checks}
            items = [f"<li class='covered'>✓ {e(i.text)}"
                     + (f" <span class='why'>— {e(evidence[i.id])}</span>" if evidence.get(i.id) else "") + "</li>"
                     for i in st.covered]
            items += [f"<li class='missed'>✗ {e(i.text)}<br><span class='why'>Why it matters: {e(i.why)}</span></li>"
                      for i in st.missed]
            parts.append("<h3>Rubric</h3><ul>" + "".join(items) + "</ul>")
        elif rec.checks:
            parts.append("<h3>Ticked items</h3><ul>" + "".join(
                f"<li>{e(c.item)} ({e(c.by)})</li>" for c in rec.checks) + "</ul>")
        if rec.probes_asked:
            asks = {p.id: p.ask for p in ctx.case.steps[rec.id].probes} if ctx.case and rec.id in ctx.case.steps else {}
            parts.append("<h3>Probes asked</h3><ul>" + "".join(
                f"<li>{e(asks.get(p.id, p.id))}" + (f" — {e(p.response)}" if p.response else "") + "</li>"
                for p in rec.probes_asked) + "</ul>")
    r = s.result
    if r.recommendation or r.strengths or r.concerns or r.takeaways:
        parts.append(f"<h2>Result</h2><p>Recommendation: <strong>{e(_label(r.recommendation))}</strong>"
                     + (f" at level {e(r.level)}" if r.level else "") + "</p>")
        for name, text in (("Strengths", r.strengths), ("Concerns", r.concerns), ("Take-aways", r.takeaways)):
            if text.strip():
                parts.append(f"<h3>{name}</h3>{_md(text)}")
    for rv in s.reviews:
        parts.append(f"<h2>Review by {e(rv.reviewer)} ({rv.at:%Y-%m-%d})</h2>"
                     f"<p>Recommendation: <strong>{e(_label(rv.recommendation))}</strong></p>"
                     + (_md(rv.comment) if rv.comment else "") + "<ul>" + "".join(
                         f"<li>{e(ctx.title(st.id))}: rating {e(_label(st.rating))}, {len(st.covered)} items covered"
                         + (f" — {e(st.comment)}" if st.comment else "") + "</li>" for st in rv.steps) + "</ul>")
    if s.events:
        parts.append("<h2>Timeline</h2><table><tr><th>Time</th><th>Event</th><th>Step</th><th>Detail</th></tr>"
                     + "".join(f"<tr><td>{ev.at:%H:%M:%S}</td><td>{e(ev.type.replace('_', ' '))}</td>"
                               f"<td>{e(ev.step or '')}</td><td>{e(ev.detail)}</td></tr>" for ev in s.events)
                     + "</table>")
    title = e(f"{s.case.title} — MLSD Workbench report")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{title}</title><style>{CSS}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


def build_report(session: Session, library: Library, fmt: str = "md") -> str:
    if fmt == "html":
        return to_html(session, library)
    if fmt == "md":
        return to_markdown(session, library)
    raise ValueError(f"unknown report format {fmt!r}")
