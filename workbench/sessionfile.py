"""Session files: the one artefact every flow ends in, so they must read well in a diff.

Writing is deterministic (same session, same bytes). Reading goes through the one bounded
loader (``yamlio.parse_yaml`` with ``SESSION_LIMITS``), is safe-YAML only, rejects
duplicate keys, migrates older schema versions and refuses newer ones.

Every load path (upload, ``?session=`` link, store, ``validate``) calls
``session_from_bytes``; paths that have the library also pass its framework, so step ids
are checked against it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from workbench.limits import SESSION_LIMITS
from workbench.session import SCHEMA_VERSION, Session
from workbench.yamlemit import clean_text
from workbench.yamlio import FileError, FileProblem, Parsed, dump_yaml, parse_yaml, validation_problems

if TYPE_CHECKING:
    from workbench.case import Case, Framework
    from workbench.library import Library


# version -> function upgrading a mapping from that version to the next one.
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v2 adds optional fields (diagram, estimates, transcript, rubric snapshot, score) and
    splits the self-check in two: a v1 step that was self-checked had its score shown, so
    it counts as scored."""
    steps = data.get("steps")
    if isinstance(steps, list):
        steps = [{**s, "scored": True} if isinstance(s, dict) and s.get("self_checked") is True else s
                 for s in steps]
    return {**data, "schema_version": 2, "steps": steps}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def _clean(value: Any) -> Any:
    """Text as a UTF-8 file can hold it (lone surrogates become U+FFFD); see ``yamlemit.clean_text``."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def session_to_yaml(session: Session) -> str:
    """Serialise with the model's field order; block scalars for multi-line text."""
    return dump_yaml(_clean(session.model_dump(mode="json")))


def session_to_bytes(session: Session) -> bytes:
    return session_to_yaml(session).encode("utf-8")


def migrate(data: dict[str, Any], filename: str, line: int) -> dict[str, Any]:
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FileError([FileProblem(filename, line, "schema_version must be a whole number")])
    if version > SCHEMA_VERSION:
        raise FileError([FileProblem(
            filename, line,
            f"schema_version {version} is newer than this app understands ({SCHEMA_VERSION}); "
            "update MLSD Workbench to open it")])
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise FileError([FileProblem(filename, line, f"schema_version {version} is not supported")])
        data = step(data)
        version = data["schema_version"]
    return data


def session_from_parsed(parsed: Parsed, filename: str, framework: Framework | None = None) -> Session:
    """Validate an already parsed file as a session (``validate`` parses each file once)."""
    data = parsed.data
    if not isinstance(data, dict) or "case" not in data or "steps" not in data:
        raise FileError([FileProblem(filename, 1, "not a session file (expected keys such as "
                                     "schema_version, id, case and steps)")])
    if "schema_version" not in data:
        raise FileError([FileProblem(filename, 1, "schema_version is missing")])
    data = migrate(data, filename, parsed.line_of(("schema_version",)))
    try:
        session = Session.model_validate(data)
    except ValidationError as exc:
        raise FileError(validation_problems(exc, parsed, filename)) from None
    if framework is not None:
        problems = check_against_framework(session, framework, parsed, filename)
        if problems:
            raise FileError(problems)
    return session


def session_from_bytes(raw: bytes | str, filename: str, framework: Framework | None = None) -> Session:
    """Parse and validate a session file within the limits; raise FileError (file, line, problem).

    With ``framework``, step ids must be framework steps in framework order.
    """
    return session_from_parsed(parse_yaml(raw, filename, SESSION_LIMITS), filename, framework)


def check_against_framework(session: Session, framework: Framework, parsed: Parsed | None = None,
                            filename: str = "session") -> list[FileProblem]:
    """Rules that need the framework: every step is a framework step, in framework order."""
    order = {sid: n for n, sid in enumerate(framework.step_ids)}
    problems: list[FileProblem] = []

    def line(*loc: str | int) -> int:
        return parsed.line_of(loc) if parsed is not None else 1

    last = -1
    for n, rec in enumerate(session.steps):
        pos = order.get(rec.id)
        if pos is None:
            problems.append(FileProblem(filename, line("steps", n, "id"),
                                        f"steps[{n}].id: unknown step {rec.id!r} (the framework has "
                                        f"{', '.join(framework.step_ids)})"))
        elif pos < last:
            problems.append(FileProblem(filename, line("steps", n, "id"),
                                        f"steps[{n}].id: {rec.id!r} is out of order (steps follow the "
                                        f"framework: {', '.join(framework.step_ids)})"))
        else:
            last = pos
    return problems


def unknown_items(session: Session, case: Case | None, library: Library) -> dict[str, list[str]]:
    """Checked item ids the rubric does not know, per step: kept in the file, reported, never scored.

    The rubric is the session's snapshot where it has one, else today's case. An unknown
    id is most likely an item the case author removed or renamed since, so refusing the
    file would lose a person's work; scoring only ever counts known items.
    """
    out: dict[str, list[str]] = {}
    for rec in session.steps:
        if rec.id in session.rubric:
            known = {i.id for i in session.rubric[rec.id]}
        elif case is not None and rec.id in case.steps:
            known = {i.id for i in library.rubric(case, rec.id)}
        else:
            continue  # neither a snapshot nor the case: nothing to compare with
        missing = sorted({c.item for c in rec.checks if c.item not in known})
        if missing:
            out[rec.id] = missing
    return out


def prepare_for_save(session: Session, case: Case | None, library: Library | None) -> Session:
    """Make the file self-describing before it is written: rubric snapshot (once) and score summary.

    The snapshot is taken the first time only, so later case edits never change a past
    score. Without the case (a file opened on its own) the existing snapshot scores it.
    """
    from workbench import scoring  # scoring imports the library; keep this module light

    if not session.rubric and case is not None and library is not None:
        session.rubric = scoring.snapshot_rubric(case, library)
    if session.rubric or (case is not None and library is not None):
        session.score = scoring.score_summary(session, case, library)
    return session


def looks_like_session(data: Any) -> bool:
    return isinstance(data, dict) and "case" in data and "steps" in data and "prompt" not in data
