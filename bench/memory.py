"""Server memory: resident set of a real ``streamlit run`` with one session, then with ten.

Each session is its own browser context (its own Streamlit session): it starts the
short-video case, renders the practice page, then moves to the library page through
the sidebar and stays open there. (An open practice page ticks its clock with a server
rerun every second, about a tenth of a core per tab here; ten of them would saturate the
server's one core and make this benchmark slow without changing what it measures.
That cost is reported in the detail as ``server_cpu_pct_idle_practice_tab``.)
Memory is the server process's VmRSS from /proc/<pid>/status after the sessions settle.

    python -m bench.memory
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from bench.common import metric
from workbench.devserver import VIEWPORT, StreamlitServer, browser_session, chromium_problem

CASE = "short-video-feed"
SESSIONS = 10
SETTLE_S = 3.0
MIB = 1024


def _settled_rss(server: StreamlitServer) -> float:
    """VmRSS in MiB after a pause: the median of three reads a second apart."""
    time.sleep(SETTLE_S)
    reads = []
    for _ in range(3):
        reads.append(server.rss_kib() / MIB)
        time.sleep(1)
    return sorted(reads)[1]


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(sessions: int = SESSIONS) -> dict[str, dict]:
    problem = chromium_problem()
    if problem:
        note = f"not measured: {problem}"
        return {"rss_mb_1": metric(None, "MiB", None, note=note),
                "rss_mb_per_session": metric(None, "MiB", 3.0, note=note)}
    from playwright.sync_api import expect

    from workbench.devbrowser import open_library, start_case

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp, \
            StreamlitServer(store=Path(tmp) / "store", log_path=Path(tmp) / "server.log",
                            file_watcher="auto") as server, \
            browser_session() as browser:
        expect.set_options(timeout=60_000)
        idle = _settled_rss(server)
        contexts = []
        rss: list[float] = []
        tab_cpu = None
        for n in range(sessions):
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.set_default_timeout(60_000)
            open_library(page, server.base_url)
            start_case(page, CASE)
            expect(page.get_by_role("heading", name="1. Requirements")).to_be_visible()
            if n == 0:
                before, t = _cpu_s(server.pid), time.monotonic()
                time.sleep(5)
                tab_cpu = 100 * (_cpu_s(server.pid) - before) / (time.monotonic() - t)
            page.get_by_role("link", name="Library").click()
            expect(page.get_by_role("heading", name="Case library")).to_be_visible()
            contexts.append(context)
            if n == 0:
                rss.append(_settled_rss(server))
        rss.append(_settled_rss(server))
        for context in contexts:
            context.close()
    one, many = rss[0], rss[-1]
    per = (many - one) / (sessions - 1)
    detail = {"idle_mib": round(idle, 1), f"rss_{sessions}_sessions_mib": round(many, 1),
              "server_cpu_pct_idle_practice_tab": round(tab_cpu or 0.0, 1)}
    return {
        "rss_mb_1": metric(one, "MiB", None, detail=detail,
                           note=f"server VmRSS with one browser session (no target; idle server before any "
                                f"session: {idle:.0f} MiB)"),
        "rss_mb_per_session": metric(per, "MiB", 3.0, detail=detail,
                                     note=f"(VmRSS with {sessions} sessions − VmRSS with 1) / {sessions - 1}; "
                                          "each session a browser context that started a case"),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
