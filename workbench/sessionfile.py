"""Session files: the one artefact every flow ends in, so they must read well in a diff.

Writing is deterministic (same session, same bytes). Reading is safe-YAML only,
rejects duplicate keys, migrates older schema versions and refuses newer ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from workbench.session import SCHEMA_VERSION, Session
from workbench.yamlio import FileError, FileProblem, dump_yaml, parse_yaml, validation_problems


# version -> function upgrading a mapping from that version to the next one.
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v2 only adds optional fields (diagram, estimates, transcript, rubric snapshot, score)."""
    return {**data, "schema_version": 2}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def session_to_yaml(session: Session) -> str:
    """Serialise with the model's field order; block scalars for multi-line text."""
    return dump_yaml(session.model_dump(mode="json"))


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


def session_from_bytes(raw: bytes | str, filename: str) -> Session:
    """Parse and validate a session file; raise FileError (file, line, problem)."""
    parsed = parse_yaml(raw, filename)
    data = parsed.data
    if not isinstance(data, dict) or "case" not in data or "steps" not in data:
        raise FileError([FileProblem(filename, 1, "not a session file (expected keys such as "
                                     "schema_version, id, case and steps)")])
    if "schema_version" not in data:
        raise FileError([FileProblem(filename, 1, "schema_version is missing")])
    data = migrate(data, filename, parsed.line_of(("schema_version",)))
    try:
        return Session.model_validate(data)
    except ValidationError as exc:
        raise FileError(validation_problems(exc, parsed, filename)) from None


def looks_like_session(data: Any) -> bool:
    return isinstance(data, dict) and "case" in data and "steps" in data and "prompt" not in data
