"""Load the case library: the framework plus every case file in one or more folders.

Every file is validated on its own, so one broken file is reported (file, line,
problem) while all the others still load.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from workbench.case import Case, Framework, RubricItem
from workbench.estimates import estimate_problems
from workbench.limits import CASE_LIMITS, FRAMEWORK_LIMITS, Limits
from workbench.yamlio import FileError, FileProblem, Parsed, check_tree, parse_yaml, validation_problems

BUNDLED_CASES = Path(__file__).resolve().parent.parent / "cases"
FRAMEWORK_FILE = "framework.yaml"


@dataclass
class Library:
    """The framework, the valid cases by id, and the problems met while loading."""

    framework: Framework
    cases: dict[str, Case] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)

    @cached_property
    def content_key(self) -> str:
        """A digest of the framework and every case's content hash, for caches keyed on what the
        library says (the suggester's index, the pages' tables). Computed once per library
        object: pages ask on every rerun, and a changed case file loads a new object."""
        h = hashlib.sha256(self.framework.model_dump_json().encode())
        for cid in sorted(self.hashes):
            h.update(f"{cid}={self.hashes[cid]};".encode())
        return h.hexdigest()[:16]

    def rubric(self, case: Case, step_id: str) -> list[RubricItem]:
        """The generic items of the step followed by the case's own."""
        return list(self.framework.step(step_id).rubric) + list(case.steps[step_id].rubric)

    def step_budget_s(self, case: Case, step_id: str) -> int:
        """Seconds for one step: the case's own figure, else the framework's share."""
        own = case.steps[step_id].time_minutes
        if own is not None:
            return own * 60
        return round(case.time_minutes * 60 * self.framework.step(step_id).share)


def content_hash(case: Case) -> str:
    """A short hash of what the case says (not how the file is laid out)."""
    return "sha256:" + hashlib.sha256(case.model_dump_json().encode()).hexdigest()[:16]


def case_folders() -> list[Path]:
    """The bundled folder, then any in WORKBENCH_CASES (os.pathsep-separated)."""
    from workbench.settings import read  # the one place WORKBENCH_* is parsed

    return [BUNDLED_CASES, *read().case_folders()]


def read_bounded(path: Path, limits: Limits) -> bytes:
    """A file's bytes, refused by its size before a byte is read (FileError)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise FileError([FileProblem(name, 1, f"file is {size / 1_048_576:.1f} MB; the limit is "
                                                  f"{limits.max_bytes / 1_048_576:.0f} MB")])
        return path.read_bytes()
    except OSError as exc:
        raise FileError([FileProblem(name, 1, f"cannot read file: {exc.strerror or exc}")]) from None


def load_framework(path: Path) -> Framework:
    parsed = parse_yaml(read_bounded(path, FRAMEWORK_LIMITS), str(path), FRAMEWORK_LIMITS)
    try:
        return Framework.model_validate(parsed.data)
    except ValidationError as exc:
        raise FileError(validation_problems(exc, parsed, str(path))) from None


def check_case_against_framework(
    case: Case, framework: Framework, parsed: Parsed, filename: str
) -> list[FileProblem]:
    """Rules that need the framework: step names, sub-areas and unique ids."""
    problems: list[FileProblem] = []
    wanted = framework.step_ids
    for sid in case.steps:
        if sid not in wanted:
            problems.append(
                FileProblem(filename, parsed.line_of(("steps", sid)),
                            f"steps.{sid}: unknown step (the framework has {', '.join(wanted)})")
            )
    for sid in wanted:
        if sid not in case.steps:
            problems.append(FileProblem(filename, parsed.line_of(("steps",)),
                                        f"steps: step '{sid}' is missing"))
    generic_ids = {i.id for s in framework.steps for i in s.rubric}
    seen_items: dict[str, str] = {}
    for sid, step in case.steps.items():
        if sid not in wanted:
            continue
        areas = {a.id for a in framework.step(sid).sub_areas}
        for n, item in enumerate(step.rubric):
            loc = ("steps", sid, "rubric", n)
            if item.sub_area is not None and item.sub_area not in areas:
                problems.append(FileProblem(
                    filename, parsed.line_of((*loc, "sub_area")),
                    f"steps.{sid}.rubric[{n}].sub_area: '{item.sub_area}' is not a sub-area of "
                    f"{sid} ({', '.join(sorted(areas))})"))
            if item.id in generic_ids:
                problems.append(FileProblem(filename, parsed.line_of((*loc, "id")),
                                            f"rubric id '{item.id}' is taken by the framework"))
            elif item.id in seen_items:
                problems.append(FileProblem(
                    filename, parsed.line_of((*loc, "id")),
                    f"duplicate rubric id '{item.id}' (also in step {seen_items[item.id]})"))
            seen_items[item.id] = sid
        probe_ids = [p.id for p in step.probes]
        for n, pid in enumerate(probe_ids):
            if pid in probe_ids[:n]:
                problems.append(FileProblem(filename, parsed.line_of(("steps", sid, "probes", n, "id")),
                                            f"duplicate probe id '{pid}' in step {sid}"))
    fact_ids = [f.id for f in case.facts]
    for n, fid in enumerate(fact_ids):
        if fid in fact_ids[:n]:
            problems.append(FileProblem(filename, parsed.line_of(("facts", n, "id")),
                                        f"duplicate fact id '{fid}'"))
    problems += [FileProblem(filename, parsed.line_of(loc), msg) for loc, msg in estimate_problems(case)]
    return problems


def load_case_bytes(raw: bytes, filename: str, framework: Framework) -> Case:
    """Parse and validate one case file; raise FileError listing every problem."""
    return parse_case(raw, filename, framework)[0]


def parse_case(raw: bytes, filename: str, framework: Framework) -> tuple[Case, Parsed]:
    """The case and its parse tree (for locating quality warnings); FileError on any problem."""
    return case_from_parsed(parse_yaml(raw, filename, CASE_LIMITS), filename, framework)


def case_from_parsed(parsed: Parsed, filename: str, framework: Framework) -> tuple[Case, Parsed]:
    """Validate an already parsed file as a case (``validate`` parses each file once)."""
    if parsed.node is not None:
        check_tree(parsed.node, CASE_LIMITS, filename)
    if not isinstance(parsed.data, dict):
        raise FileError([FileProblem(filename, 1, "a case file must be a mapping of keys")])
    try:
        case = Case.model_validate(parsed.data)
    except ValidationError as exc:
        raise FileError(validation_problems(exc, parsed, filename)) from None
    problems = check_case_against_framework(case, framework, parsed, filename)
    if problems:
        raise FileError(problems)
    return case, parsed


def case_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.name != FRAMEWORK_FILE)


def load_library(folders: list[Path] | None = None) -> Library:
    """Load the framework from the first folder and the cases from all of them."""
    folders = folders if folders is not None else case_folders()
    framework = load_framework(folders[0] / FRAMEWORK_FILE)
    lib = Library(framework=framework)
    for folder in folders:
        if not folder.is_dir():
            lib.problems.append(FileProblem(str(folder), 1, "case folder not found"))
            continue
        for path in case_files(folder):
            add_case_file(lib, path)
    return lib


def add_case_file(lib: Library, path: Path) -> None:
    """Load one file into the library, or record why it could not be loaded."""
    name = str(path)
    try:
        case = load_case_bytes(read_bounded(path, CASE_LIMITS), name, lib.framework)
    except FileError as exc:
        lib.problems.extend(exc.problems)
        return
    if case.id in lib.cases:
        lib.problems.append(FileProblem(
            name, 1, f"case id '{case.id}' is already used by {lib.paths[case.id]}; ids must be unique"))
        return
    lib.cases[case.id] = case
    lib.paths[case.id] = name
    lib.hashes[case.id] = content_hash(case)


def library_signature(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Cheap fingerprint (name, size, mtime) so a cache reloads when a file changes."""
    sig = []
    for folder in folders:
        if folder.is_dir():
            for p in sorted(folder.glob("*.yaml")):
                st = p.stat()
                sig.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(sig)
