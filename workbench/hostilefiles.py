"""Hostile files for the loader's tests and benchmarks: the committed corpus and the big ones.

The small files live in ``tests/data/hostile/``; ``write_big_files`` writes the ones too big
to commit (the 1.5M-alias flood, 100,000 events, 50 MB of mappings, a 50,000-digit hex integer).
Shared by ``tests/`` and ``bench/`` so that neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "hostile"
BAD_EVENT = "{at: nope, type: nope}"


def write_big_files(folder: Path) -> dict[str, Path]:
    """The generated hostile files named in issue [8] (alias flood, 100,000 events, 50 MB, hex)."""
    template = (CORPUS.parent / "hostile-template.yaml").read_text()
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        # 1.5 million aliases of one bad event, 4.5 MB: under the 5 MB limit.
        "alias-flood.yaml": template.replace("events:\n", f"bad: &e {BAD_EVENT}\nevents: ["
                                             + ",".join(["*e"] * 1_500_000) + "]\nold_events:\n", 1),
        # 100,000 valid events (flow style keeps it under 5 MB).
        "events-100k.yaml": template.replace("events:\n", "events: ["
                                             + ",".join(["{at: '2026-01-01T00:00:00Z', type: hint_given}"] * 100_000)
                                             + "]\nold_events:\n", 1),
        # 50 MB of small mappings.
        "big-50mb.yaml": "---\nitems:\n" + "  - {a: 1, b: 2}\n" * (50 * 1024 * 1024 // 17),
        # A hex integer of 50,000 digits where a count belongs.
        "hex-integer.yaml": template.replace("hints_revealed: 0", "hints_revealed: 0x" + "f" * 50_000, 1),
    }
    out = {}
    for name, text in files.items():
        path = folder / name
        path.write_text(text)
        out[name] = path
    return out
