"""The LLM provider against a fake OpenAI-compatible server on loopback (no real network).

Every failure (malformed JSON, timeout, HTTP 500, wrong shape) must end with the offline
result and a one-line notice, never a traceback.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from workbench.suggest import LLMSettings, check_step, llm_settings, submit_check, suggest

ANSWER = ("We roll out with shadow mode, then a canary and an A/B test, with a kill switch.\n"
          "We monitor feature drift and the score distribution.")


class FakeServer:
    """Serves /v1/chat/completions with whatever ``mode`` says; records each request body."""

    def __init__(self) -> None:
        self.mode = "good"
        self.reply: dict = {}
        self.requests: list[dict] = []
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                      "body": json.loads(body)})
                if fake.mode == "timeout":
                    fake.release.wait(10)  # hold the request until the test ends
                    return
                if fake.mode == "500":
                    self._send(500, {"error": {"message": "boom", "type": "server_error"}})
                    return
                content = {"good": json.dumps(fake.reply), "malformed": "{'covered': [g-dep-rollout",
                           "wrong-shape": json.dumps({"items": ["g-dep-rollout"]})}[fake.mode]
                self._send(200, {"id": "x", "object": "chat.completion", "created": 0, "model": "fake",
                                 "choices": [{"index": 0, "finish_reason": "stop",
                                              "message": {"role": "assistant", "content": content}}]})

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = FakeServer()
    yield server
    server.close()


def _settings(fake: FakeServer, timeout_s: float = 5.0) -> LLMSettings:
    return LLMSettings(base_url=fake.url, model="fake-model", api_key="test-key", timeout_s=timeout_s)


def test_good_answer_gives_the_llms_items_evidence_and_feedback(library, fake):
    case = library.cases["payment-fraud"]
    fake.reply = {"covered": [{"item": "g-dep-rollout", "evidence": "We roll out with shadow mode,"},
                              {"item": "g-dep-monitoring", "evidence": "We watch drift closely."},
                              {"item": "not-an-item", "evidence": "x"}],
                  "feedback": "Good rollout plan. Say what happens when scoring times out."}
    result = check_step(case, "deployment", ANSWER, library, settings=_settings(fake))
    assert result.provider == "llm" and result.notice == ""
    assert result.covered == ["g-dep-rollout", "g-dep-monitoring"]
    assert result.suggestions[0].evidence == "We roll out with shadow mode,"
    # a quote that is not in the answer is replaced by the answer's own best sentence
    assert result.suggestions[1].evidence == "We monitor feature drift and the score distribution."
    assert result.feedback.startswith("Good rollout plan.")
    assert [s.item for s in result.suggestions] == [i.id for i in library.rubric(case, "deployment")]


def test_exactly_the_prompt_rubric_and_answer_are_sent(library, fake):
    case = library.cases["payment-fraud"]
    fake.reply = {"covered": [], "feedback": ""}
    check_step(case, "deployment", ANSWER, library, settings=_settings(fake))
    (req,) = fake.requests
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer test-key"
    assert req["body"]["model"] == "fake-model"
    sent = "\n".join(m["content"] for m in req["body"]["messages"])
    assert case.prompt.strip() in sent and ANSWER.strip() in sent
    for item in library.rubric(case, "deployment"):
        assert f"- {item.id}: {item.text}" in sent
    other_step = library.rubric(case, "data")[-1]
    assert other_step.text not in sent and other_step.why not in sent


@pytest.mark.parametrize(("mode", "words"), [
    ("malformed", "not the JSON asked for"),
    ("wrong-shape", "not the JSON asked for"),
    ("500", "HTTP 500"),
    ("timeout", "did not answer within"),
])
def test_every_failure_ends_with_the_offline_result_and_one_line(library, fake, mode, words):
    case = library.cases["payment-fraud"]
    fake.mode = mode
    result = check_step(case, "deployment", ANSWER, library, settings=_settings(fake, timeout_s=1.0))
    assert result.provider == "offline"
    assert result.suggestions == suggest(case, "deployment", ANSWER, library)
    assert words in result.notice and "\n" not in result.notice and "Traceback" not in result.notice
    assert result.notice.startswith("Offline suggestions shown")


def test_unreachable_endpoint_falls_back(library):
    case = library.cases["payment-fraud"]
    closed = LLMSettings(base_url="http://127.0.0.1:9/v1", model="m", api_key="k", timeout_s=2.0)
    result = check_step(case, "deployment", ANSWER, library, settings=closed)
    assert result.provider == "offline" and "could not be reached" in result.notice


def test_nothing_is_sent_unless_all_three_variables_are_set(library, fake, monkeypatch):
    for name in ("WORKBENCH_LLM_BASE_URL", "WORKBENCH_LLM_MODEL", "WORKBENCH_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WORKBENCH_LLM_BASE_URL", fake.url)
    monkeypatch.setenv("WORKBENCH_LLM_MODEL", "fake-model")
    assert llm_settings() is None
    result = check_step(library.cases["payment-fraud"], "deployment", ANSWER, library)
    assert result.provider == "offline" and fake.requests == []
    monkeypatch.setenv("WORKBENCH_LLM_API_KEY", "k")
    assert llm_settings() == LLMSettings(fake.url, "fake-model", "k")


def test_submit_check_runs_in_a_worker_and_the_page_keeps_going(library, fake):
    case = library.cases["payment-fraud"]
    fake.mode = "timeout"
    future = submit_check(case, "deployment", ANSWER, library, settings=_settings(fake, timeout_s=1.0))
    assert not future.done()  # the server is holding the request; the caller was not blocked
    result = future.result(timeout=30)
    assert result.provider == "offline" and result.notice
