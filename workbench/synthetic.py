"""Synthetic session stores: seeded, plausible, and quick to build at 10,000 sessions.

Used by the benchmarks and by the browser tests of a populated store, so it lives here
rather than in either of them.

Sessions are made the way the app makes them (``workbench.walkthrough`` under a moved
clock), so the files are real session files; only the write skips ``Store.save`` (its
revision check and fsync cost more than the session itself). People have a skill, a
few weak sub-areas and a learning rate, so the progress page has trends to show. Each
file is made self-describing as the app saves it (rubric snapshot, score summary and
estimate verdicts), and people size the case's estimates, closer as they learn.

    python -m workbench.synthetic OUT_DIR N [--seed S] [--workers W] [--index]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from workbench import clock
from workbench import walkthrough as wt
from workbench.case import RATINGS, Case
from workbench.estimates import set_estimate
from workbench.library import Library, load_library
from workbench.session import TARGET_LEVELS, Session
from workbench.sessionfile import prepare_for_save, session_to_bytes


@dataclass(frozen=True)
class Person:
    """A candidate profile: how much they cover, where they are weak, how fast they learn."""

    name: str
    skill: float
    weak: tuple[str, ...]
    learn: float


PEOPLE: tuple[Person, ...] = (
    Person("Ada", 0.62, ("labels", "splits"), 0.20),
    Person("Ben", 0.48, ("monitoring", "rollout"), 0.25),
    Person("Chen", 0.70, ("metrics",), 0.10),
    Person("Dana", 0.40, ("constraints", "serving", "evaluation"), 0.30),
    Person("Eli", 0.55, ("privacy", "fallbacks"), 0.15),
    Person("", 0.50, ("baselines",), 0.05),  # sessions saved without a name
)
INTERVIEWERS = ("Priya", "Tom", "Grace")
LEVEL_PENALTY = {"core": 0.0, "senior": 0.15, "staff": 0.30}


def _clock_at(when: datetime) -> None:
    """Point workbench's clock at ``when`` so every timestamp the walkthrough writes fits."""
    clock.reset()
    clock.advance((when - datetime.now(UTC)).total_seconds())


def make_session(library: Library, case: Case, rng: random.Random, person: Person, when: datetime,
                 *, mode: str = "solo", progress: float = 0.5, complete: bool = True) -> Session:
    """One attempt started at ``when``; ``progress`` (0 to 1) is how far along the person's learning is."""
    _clock_at(when)
    interviewer = rng.choice(INTERVIEWERS) if mode == "interview" else ""
    session = wt.new_session(case, library, mode=mode,  # type: ignore[arg-type]
                             candidate=person.name, interviewer=interviewer,
                             target_level=rng.choice((None, *TARGET_LEVELS)))
    session.id = f"{rng.getrandbits(128):032x}"
    step_ids = [s.id for s in session.steps]
    done = len(step_ids) if complete else rng.randint(1, len(step_ids) - 1)
    by = "interviewer" if mode == "interview" else "self"
    ability = person.skill + person.learn * progress
    if case.facts and rng.random() < 0.7:
        wt.reveal_fact(session, case, rng.choice(case.facts).id)
    for n, sid in enumerate(step_ids[:done]):
        wt.go_to_step(session, sid)
        items = library.rubric(case, sid)
        weak_here = sum(1 for i in items if i.sub_area in person.weak) / max(1, len(items))
        hints = min(len(case.steps[sid].hints), int(rng.expovariate(1.0) * (1.0 - ability + weak_here) * 2))
        for _ in range(hints):
            wt.reveal_hint(session, case, sid)
        wt.set_answer(session, sid, f"Attempt notes for {sid}.\n\nKey points, trade-offs and open questions.\n")
        for est in (e for e in case.estimates if e.step == sid and rng.random() < 0.5 + ability / 2):
            off_by = rng.lognormvariate(0.0, max(0.2, 1.6 - 1.5 * ability))  # a factor of 2 is common, 10 rare
            set_estimate(session, sid, est.id, f"{est.value * off_by:.3g} {est.unit}", "from the facts")
        clock.advance(int(library.step_budget_s(case, sid) * rng.lognormvariate(0.0, 0.35)))
        if not complete and n == done - 1:
            break  # the step in progress is not checked yet
        if mode == "solo":
            wt.open_self_check(session, sid)
        for item in items:
            p = ability - LEVEL_PENALTY[item.level] + 0.04 * hints + rng.gauss(0.0, 0.08)
            if item.sub_area in person.weak:
                p -= 0.35
            if rng.random() < p:
                wt.set_check(session, sid, item.id, True, by=by,  # type: ignore[arg-type]
                             evidence="Covered unprompted." if by == "interviewer" else None)
        if mode == "interview":
            wt.set_rating(session, sid, RATINGS[min(3, max(0, int(ability * 4 + rng.gauss(0, 0.6))))])
    if complete:
        wt.complete(session)
        if mode == "interview":
            wt.set_recommendation(session, RATINGS[min(3, max(0, int(ability * 4)))], None)
    else:
        wt.pause(session)
    session.revision = 1
    session.updated_at = clock.now()
    clock.reset()
    return prepare_for_save(session, case, library)


def session_for(library: Library, cases: Sequence[Case], seed: int, i: int, anchor: datetime,
                span_days: int) -> Session:
    """The ``i``-th session of a store: the same seed and index always give the same session."""
    rng = random.Random(seed * 1_000_003 + i)
    person = rng.choice(PEOPLE)
    age = rng.random()  # 0 = at the anchor, 1 = span_days before it
    when = anchor - timedelta(seconds=int(age * span_days * 86400))
    return make_session(library, rng.choice(cases), rng, person, when,
                        mode="interview" if rng.random() < 0.3 else "solo",
                        progress=1.0 - age, complete=rng.random() < 0.85)


_LIB: Library | None = None


def _write_range(args: tuple[str, int, int, int, str, int]) -> int:
    root, seed, start, stop, anchor_iso, span_days = args
    global _LIB
    if _LIB is None:
        _LIB = load_library()
    cases = sorted(_LIB.cases.values(), key=lambda c: c.id)
    anchor = datetime.fromisoformat(anchor_iso)
    for i in range(start, stop):
        session = session_for(_LIB, cases, seed, i, anchor, span_days)
        Path(root, f"{session.id}.yaml").write_bytes(session_to_bytes(session))
    return stop - start


def default_anchor() -> datetime:
    """Today at midnight UTC: recent enough that "last 30 days" filters find sessions."""
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def build_store(root: str | os.PathLike[str], n: int, *, seed: int = 7, workers: int | None = None,
                anchor: datetime | None = None, span_days: int = 365, index: bool = False) -> Path:
    """Write ``n`` session files into ``root`` (created if needed) and optionally index them.

    Files are written directly (no fsync, no revision check); ``index=True`` then
    builds the summary index through ``Store.summaries()``, reading every file once.
    """
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    anchor = anchor or default_anchor()
    workers = max(1, workers or min(2, os.cpu_count() or 1))
    chunk = max(50, n // (workers * 8) or 1)
    tasks = [(str(path), seed, a, min(n, a + chunk), anchor.isoformat(), span_days) for a in range(0, n, chunk)]
    if workers == 1 or n <= chunk:
        for t in tasks:
            _write_range(t)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_write_range, tasks))
    if index:
        from workbench.store import open_store

        open_store(str(path)).summaries()
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--index", action="store_true", help="also build the summary index")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    build_store(args.out, args.n, seed=args.seed, workers=args.workers, index=args.index)
    print(f"wrote {args.n} sessions to {args.out} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
