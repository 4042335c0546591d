"""Three-way merge of sessions: when a save meets a newer version, keep both people's work.

``base`` is the version a tab loaded, ``mine`` is that tab's edit of it, ``theirs`` is
what the store holds now. Field by field: a field changed on one side only is taken
from that side; lists of records merge by their ids (steps by id, checks by item and
scorer, reviews by reviewer and time) and other lists (events, facts revealed) as sets
that keep both sides' additions; counters add both sides' increments (time spent, hints
revealed). The same field changed to different values on both sides is a true conflict:
text keeps both versions (theirs, a marker line, then mine) and every conflict is
reported, so the app can say what to look at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from workbench.session import Session

CONFLICT_MARKER = ("\n\n>>>>> edited in two places at once; both versions are kept. "
                   "The other edit is above, this one below:\n\n")
_MISSING: Any = object()
_IDENTITIES = (("id",), ("item", "by"), ("reviewer", "at"))
_LATEST_WINS = {"updated_at"}
_RECOMPUTED = {"score", "step_started_at"}  # derived or clock state: this tab's value, not a conflict


@dataclass(frozen=True)
class Conflict:
    """One field both sides changed: where, and the two values (as plain data)."""

    path: str
    theirs: Any
    mine: Any

    def __str__(self) -> str:
        return f"{self.path}: changed in two places at once"


@dataclass
class MergeResult:
    session: Session
    conflicts: list[Conflict] = field(default_factory=list)


def merge_sessions(base: Session, mine: Session, theirs: Session) -> MergeResult:
    """Apply the change from ``base`` to ``mine`` onto ``theirs``; report same-field conflicts."""
    conflicts: list[Conflict] = []
    b, m, t = (s.model_dump(mode="json") for s in (base, mine, theirs))
    merged = merge_values(b, m, t, "", conflicts)
    merged["revision"] = theirs.revision
    return MergeResult(Session.model_validate(merged), conflicts)


def merge_values(b: Any, m: Any, t: Any, path: str, conflicts: list[Conflict]) -> Any:
    if m in (t, b):
        return t
    if t == b:
        return m
    if isinstance(b, dict) and isinstance(m, dict) and isinstance(t, dict):
        return _merge_dicts(b, m, t, path, conflicts)
    if isinstance(m, list) and isinstance(t, list) and isinstance(b, list):
        return _merge_lists(b, m, t, path, conflicts)
    if _is_int(b) and _is_int(m) and _is_int(t):
        return t + (m - b)  # counters: both sides' increments count
    name = path.rsplit(".", 1)[-1]
    if name in _LATEST_WINS and isinstance(m, str) and isinstance(t, str):
        return max(m, t)  # ISO timestamps sort as text
    if name in _RECOMPUTED and m is not _MISSING:
        return m
    conflicts.append(Conflict(path, None if t is _MISSING else t, None if m is _MISSING else m))
    if isinstance(m, str) and isinstance(t, str):
        return t + CONFLICT_MARKER + m
    if m is _MISSING:
        return t
    return m  # one value only (a rating, a step): the latest action, reported as a conflict


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _merge_dicts(b: dict, m: dict, t: dict, path: str, conflicts: list[Conflict]) -> dict:
    out: dict[str, Any] = {}
    for key in [*t, *(k for k in m if k not in t)]:
        value = merge_values(b.get(key, _MISSING), m.get(key, _MISSING), t.get(key, _MISSING),
                             f"{path}.{key}" if path else key, conflicts)
        if value is not _MISSING:
            out[key] = value
    return out


def _identity(items: list[Any]) -> tuple[str, ...] | None:
    """The fields that name a record in this list, if every element has them."""
    if not items or not all(isinstance(x, dict) for x in items):
        return None
    for keys in _IDENTITIES:
        if all(all(k in x for k in keys) for x in items):
            return keys
    return None


def _merge_lists(b: list, m: list, t: list, path: str, conflicts: list[Conflict]) -> list:
    keys = _identity(b + m + t)
    if keys is None:  # a set of values: keep both sides' additions, apply both sides' removals
        seen_b, seen_m, seen_t = ({_h(x) for x in xs} for xs in (b, m, t))
        out = [x for x in t if not (_h(x) in seen_b and _h(x) not in seen_m)]
        return out + [x for x in m if _h(x) not in seen_b and _h(x) not in seen_t]

    def index(xs: list[dict]) -> dict[tuple, dict]:
        return {tuple(x[k] for k in keys): x for x in xs}

    bi, mi, ti = index(b), index(m), index(t)
    out = []
    for key in [*ti, *(k for k in mi if k not in ti)]:
        label = "/".join(str(k) for k in key)
        value = merge_values(bi.get(key, _MISSING), mi.get(key, _MISSING), ti.get(key, _MISSING),
                             f"{path}[{label}]", conflicts)
        if value is not _MISSING:
            out.append(value)
    return out


def _h(x: Any) -> str:
    return json.dumps(x, sort_keys=True)
