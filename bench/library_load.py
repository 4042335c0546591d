"""Loading a library of 1,000 cases against LibYAML parsing the same files, and the synthetic library itself.

The synthetic library is the shipped ``short-video-feed`` case copied 1,000 times with
new ids and titles (valid files), plus a copy of ``framework.yaml`` so the folder loads
on its own. Used here and by ``bench/rerun.py`` (as ``WORKBENCH_CASES``).

    python -m bench.library_load [N]
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.common import ROOT, metric
from workbench.library import BUNDLED_CASES, FRAMEWORK_FILE, load_library

TEMPLATE = BUNDLED_CASES / "short-video-feed.yaml"


def make_library(folder: Path, n: int = 1000) -> Path:
    """Write ``n`` valid case files (and the framework) into ``folder``; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BUNDLED_CASES / FRAMEWORK_FILE, folder / FRAMEWORK_FILE)
    text = TEMPLATE.read_text()
    for i in range(n):
        cid = f"synthetic-{i:04d}"
        body = re.sub(r"^id: .*$", f"id: {cid}", text, count=1, flags=re.MULTILINE)
        body = re.sub(r"^title: (.*)$", rf"title: \1 (synthetic {i:04d})", body, count=1, flags=re.MULTILINE)
        (folder / f"{cid}.yaml").write_text(body)
    return folder


def _parse_all(files: list[Path]) -> None:
    for p in files:
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)


def measure(n: int = 1000, repeats: int = 3) -> dict[str, dict]:
    if not getattr(yaml, "__with_libyaml__", False):
        raise RuntimeError("PyYAML was built without LibYAML; the comparison needs yaml.CSafeLoader")
    with tempfile.TemporaryDirectory(prefix="bench-cases-") as tmp:
        folder = make_library(Path(tmp) / "cases", n)
        files = sorted(folder.glob("*.yaml"))
        load_times, parse_times = [], []
        for _ in range(repeats):  # interleaved, so both see the same machine state
            t = time.perf_counter()
            lib = load_library([folder])
            load_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            _parse_all(files)
            parse_times.append(time.perf_counter() - t)
        if len(lib.cases) != n or lib.problems:
            raise RuntimeError(f"synthetic library loaded {len(lib.cases)} cases, problems: {lib.problems[:3]}")
    # best of the repeats: both are CPU-bound batch jobs, and the minimum is the figure least
    # disturbed by whatever else the two cores are doing
    load_s, parse_s = min(load_times), min(parse_times)
    files_note = f"{n} case files of {TEMPLATE.stat().st_size // 1024} KB plus framework.yaml"
    return {
        "yaml_parse_s_1000": metric(parse_s, "s", None, digits=3,
                                    note=f"yaml.load(..., Loader=yaml.CSafeLoader) on each file: {files_note}; "
                                         f"best of {repeats}",
                                    detail={"runs_s": [round(x, 3) for x in parse_times]}),
        "library_load_s_1000": metric(load_s, "s", 2 * parse_s, digits=3,
                                      target_note="2 × yaml_parse_s_1000",
                                      note=f"workbench.library.load_library on the same files (safe parse with "
                                           f"duplicate-key check, validation, framework checks, content hash); "
                                           f"best of {repeats}; ratio {load_s / parse_s:.2f}",
                                      detail={"runs_s": [round(x, 3) for x in load_times],
                                              "ratio": round(load_s / parse_s, 2)}),
    }


if __name__ == "__main__":
    import json

    sys.path.insert(0, str(ROOT))
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1000), indent=2))
