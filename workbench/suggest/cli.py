"""``python -m workbench suggest``: the suggester from the command line.

    python -m workbench suggest --case CASE_ID --step STEP ANSWER_FILE [--format json]
    python -m workbench suggest SESSION.yaml [--format json]

Bad input prints one line and exits 1; nothing shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.suggest import check_step, llm_settings


def add_suggest_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="suggest which rubric items an answer covers (offline by default)")
    p.add_argument("path", help="an answer text file ('-' for stdin) with --case/--step, or a session file")
    p.add_argument("--case", help="case id (the answer file is then one step's text)")
    p.add_argument("--step", help="step id, e.g. requirements (with --case)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--llm", action="store_true",
                   help="use the LLM provider when WORKBENCH_LLM_* is set (sends the text; see README)")
    p.set_defaults(func=cmd_suggest)


def _fail(msg: str) -> int:
    print(msg, file=sys.stderr)
    return 1


def _read(path: str) -> bytes:
    return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()


def _table(step: str, rows: list[dict], pitfalls: list, feedback: str) -> str:
    covered = sum(1 for r in rows if r["covered"])
    lines = [f"{step}: {covered} of {len(rows)} items suggested"]
    width = max((len(r["item"]) for r in rows), default=4)
    for r in rows:
        mark = "x" if r["covered"] else " "
        ev = r["evidence"] if len(r["evidence"]) <= 90 else r["evidence"][:87] + "..."
        lines.append(f"  [{mark}] {r['item']:<{width}}  {r['score']:.2f}  {ev}".rstrip())
    for hit in pitfalls:
        lines.append(f"  pitfall? {hit.text}\n           triggered by: {hit.evidence}")
    if feedback:
        lines.append(f"  feedback: {feedback}")
    return "\n".join(lines)


def cmd_suggest(args: argparse.Namespace) -> int:
    from workbench.library import load_library
    from workbench.sessionfile import session_from_bytes
    from workbench.yamlio import FileError

    if bool(args.case) != bool(args.step):
        return _fail("give both --case and --step for an answer file, or neither for a session file")
    try:
        raw = _read(args.path)
    except OSError as exc:
        return _fail(f"{args.path}:1: cannot read file: {exc.strerror}")
    library = load_library()
    settings = llm_settings() if args.llm else None
    if args.llm and settings is None:
        print("note: WORKBENCH_LLM_BASE_URL, _MODEL and _API_KEY are not all set; offline suggestions",
              file=sys.stderr)
    if args.case:
        case = library.cases.get(args.case)
        if case is None:
            return _fail(f"unknown case '{args.case}' (see the library for ids)")
        if args.step not in case.steps:
            return _fail(f"unknown step '{args.step}' (the case has {', '.join(case.steps)})")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _fail(f"{args.path}:1: not UTF-8 text")
        jobs = [(args.step, text)]
    else:
        try:
            session = session_from_bytes(raw, args.path)
        except FileError as exc:
            return _fail(str(exc.problems[0]) if exc.problems else f"{args.path}:1: not a session file")
        case = library.cases.get(session.case.id)
        if case is None:
            return _fail(f"{args.path}:1: case '{session.case.id}' is not in the library")
        # the candidate's words: the answer box, plus the interviewer's transcript in a live interview
        jobs = [(s.id, "\n".join(t for t in (s.answer, s.transcript) if t.strip()))
                for s in session.steps if s.id in case.steps]
    out: list[dict] = []
    blocks: list[str] = []
    for step_id, text in jobs:
        result = check_step(case, step_id, text, library, settings=settings)
        if result.notice:
            print(f"note: {result.notice}", file=sys.stderr)
        rows = [s.as_dict() for s in result.suggestions]
        if args.case:
            out.extend(rows)
        else:
            out.extend({"step": step_id, **r} for r in rows)
        blocks.append(_table(step_id, rows, result.pitfalls, result.feedback))
    if args.format == "json":
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(blocks))
    return 0
