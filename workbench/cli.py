"""Command line: ``python -m workbench validate|schema|report``.

Errors are printed as ``file:line: message``; the CLI never shows a traceback for a
bad file.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

from workbench.case import Framework
from workbench.library import (
    BUNDLED_CASES,
    FRAMEWORK_FILE,
    Library,
    case_from_parsed,
    load_framework,
    load_library,
    read_bounded,
)
from workbench.limits import CASE_LIMITS, SESSION_LIMITS
from workbench.quality import case_warnings
from workbench.session import Session
from workbench.sessionfile import looks_like_session, session_from_bytes, session_from_parsed, unknown_items
from workbench.yamlio import FileError, FileProblem, Parsed, parse_yaml


def _expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(path.glob("*.yaml")))
        else:
            out.append(path)
    return out


def _framework_for(path: Path, cache: dict[Path, Framework]) -> Framework:
    folder = path.parent if (path.parent / FRAMEWORK_FILE).is_file() else BUNDLED_CASES
    if folder not in cache:
        cache[folder] = load_framework(folder / FRAMEWORK_FILE)
    return cache[folder]


@functools.cache
def _bundled_library() -> Library:
    return load_library([BUNDLED_CASES])


def _unknown_item_warnings(session: Session, parsed: Parsed, name: str) -> list[FileProblem]:
    """Checked items the session's rubric (or today's case) does not know: kept, never scored."""
    lib = _bundled_library()
    found = unknown_items(session, lib.cases.get(session.case.id), lib)
    index = {rec.id: n for n, rec in enumerate(session.steps)}
    return [FileProblem(name, parsed.line_of(("steps", index[sid], "checks")),
                        f"steps.{sid}: checked item(s) not in the rubric, kept but not scored: {', '.join(ids)}",
                        severity="warning") for sid, ids in found.items()]


def validate_file(path: Path, frameworks: dict[Path, Framework]) -> tuple[str, str | None, list[FileProblem]]:
    """The kind of file ('case', 'session', 'framework'), its case id if a valid case, and its problems.

    Each file is read once (refused by size first) and parsed once, with the bounded loader.
    """
    name = str(path)
    try:
        if path.name == FRAMEWORK_FILE:
            load_framework(path)
            return "framework", None, []
        raw = read_bounded(path, SESSION_LIMITS)
        parsed = parse_yaml(raw, name, SESSION_LIMITS)
        framework = _framework_for(path, frameworks)
        if looks_like_session(parsed.data):
            session = session_from_parsed(parsed, name, framework)
            return "session", None, _unknown_item_warnings(session, parsed, name)
        if len(raw) > CASE_LIMITS.max_bytes:
            raise FileError([FileProblem(name, 1, f"file is {len(raw) / 1_048_576:.1f} MB; a case file "
                                                  f"may be {CASE_LIMITS.max_bytes / 1_048_576:.0f} MB")])
        case, parsed = case_from_parsed(parsed, name, framework)
        return "case", case.id, case_warnings(case, framework, parsed, name)
    except FileError as exc:
        return "file", None, exc.problems


def cmd_validate(args: argparse.Namespace) -> int:
    files = _expand(args.paths)
    if not files:
        print("no YAML files found", file=sys.stderr)
        return 1
    frameworks: dict[Path, Framework] = {}
    counts: dict[str, int] = {}
    errors = warnings = 0
    case_ids: dict[str, str] = {}
    for path in files:
        kind, case_id, problems = validate_file(path, frameworks)
        if case_id is not None:
            if case_id in case_ids:
                problems.append(FileProblem(str(path), 1, f"case id '{case_id}' is also used by {case_ids[case_id]}"))
            case_ids[case_id] = str(path)
        for p in problems:
            if p.severity == "error" or args.strict:
                errors += 1
                print(str(p) if p.severity == "error" else f"{p} (warning treated as error)")
            else:
                warnings += 1
                if not args.quiet:
                    print(f"{p} (warning)")
        if not any(p.severity == "error" for p in problems):
            counts[kind] = counts.get(kind, 0) + 1
    summary = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(counts.items())) or "nothing"
    status = "FAILED" if errors else "ok"
    print(f"{status}: {summary} valid; {errors} error(s), {warnings} warning(s) in {len(files)} file(s)")
    return 1 if errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from workbench.schemas import schema_for

    print(json.dumps(schema_for(args.kind), indent=2, sort_keys=False))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from workbench.library import load_library
    from workbench.report import build_report

    path = Path(args.session)
    try:
        session = session_from_bytes(read_bounded(path, SESSION_LIMITS), str(path))
    except FileError as exc:
        for p in exc.problems:
            print(p)
        return 1
    text = build_report(session, load_library(), fmt=args.format)
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({args.format})")
    else:
        sys.stdout.write(text)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from workbench.leveling import library_stats_text
    from workbench.library import load_library

    lib = load_library()
    cases = [c for c in lib.cases.values() if not args.case or c.id in args.case]
    print(library_stats_text(cases, lib.framework))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench", description="MLSD Workbench tools")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check case, framework and session files")
    v.add_argument("paths", nargs="+", help="files or folders")
    v.add_argument("--strict", action="store_true", help="treat quality warnings as errors")
    v.add_argument("--quiet", action="store_true", help="do not print warnings")
    v.set_defaults(func=cmd_validate)
    s = sub.add_parser("schema", help="print the JSON Schema of a file kind")
    s.add_argument("kind", choices=["case", "session", "framework"])
    s.set_defaults(func=cmd_schema)
    r = sub.add_parser("report", help="render a session as Markdown or HTML")
    r.add_argument("session")
    r.add_argument("--format", choices=["md", "html"], default="md")
    r.add_argument("-o", "--output", default="-")
    r.set_defaults(func=cmd_report)
    st = sub.add_parser("stats", help="rubric statistics per level (staff share, core-only score)")
    st.add_argument("case", nargs="*", help="case ids (default: the whole library)")
    st.set_defaults(func=cmd_stats)
    from workbench.settings import add_check_config_parser
    from workbench.suggest.cli import add_suggest_parser

    add_suggest_parser(sub)
    add_check_config_parser(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))
