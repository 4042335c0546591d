"""The app served by a real ``streamlit run`` on a free loopback port, and Debian's Chromium.

For development tools, not the app: the browser tests (tests/e2e) and the benchmarks
(bench/) both start the server and browser through this module, so neither imports the
other. Standard library only; Playwright is imported when a browser is launched.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def python_for_app() -> str:
    """The project's venv interpreter when there is one, else the one running us."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@dataclass
class StreamlitServer:
    """``streamlit run app.py`` on a free loopback port with its own store (and extra cases)."""

    store: Path
    cases: Path | None = None
    log_path: Path | None = None
    file_watcher: str = "none"
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    @property
    def pid(self) -> int:
        assert self.proc is not None, "server not started"
        return self.proc.pid

    def _environ(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
        env["WORKBENCH_STORE"] = str(self.store)
        if self.cases is not None:
            env["WORKBENCH_CASES"] = str(self.cases)
        else:
            env.pop("WORKBENCH_CASES", None)
        env["PYTHONUNBUFFERED"] = "1"
        env.update(self.env)
        return env

    def start(self, timeout: float = 90.0) -> StreamlitServer:
        self.store.mkdir(parents=True, exist_ok=True)
        last_error = ""
        for _attempt in range(3):  # another process may grab the free port between bind and listen
            self.port = free_port()
            log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
            cmd = [python_for_app(), "-m", "streamlit", "run", "app.py",
                   "--server.port", str(self.port), "--server.address", "127.0.0.1",
                   "--server.headless", "true", "--server.fileWatcherType", self.file_watcher,
                   "--browser.gatherUsageStats", "false"]
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self._environ(), stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            if log is not subprocess.DEVNULL:
                log.close()
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.healthy():
                    return self
                try:  # wait on the process itself: returns at once if it exits, else polls again
                    self.proc.wait(timeout=0.2)
                except subprocess.TimeoutExpired:
                    continue
                last_error = f"streamlit exited with code {self.proc.returncode}"
                break
            else:
                self.stop()
                raise RuntimeError(f"streamlit did not report healthy within {timeout:.0f} s{self._log_tail()}")
        raise RuntimeError(f"could not start streamlit: {last_error}{self._log_tail()}")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url("/_stcore/health"), timeout=2) as resp:
                return resp.status == 200 and resp.read().strip() == b"ok"
        except OSError:
            return False

    def _log_tail(self) -> str:
        if self.log_path and self.log_path.exists():
            return "\n--- server log ---\n" + self.log_path.read_text(errors="replace")[-3000:]
        return ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)

    def rss_kib(self) -> int:
        """Resident memory of the server process (VmRSS), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS line")

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the playwright package is not installed ({exc})"
    return None


def launch_chromium(playwright):
    """Debian's Chromium through Playwright; Playwright's own browser download does not work here."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextlib.contextmanager
def browser_session():
    """``with browser_session() as browser:`` for scripts (the benchmarks)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            yield browser
        finally:
            browser.close()
