"""The optional LLM provider: any OpenAI-compatible chat endpoint, never required.

It is used only when WORKBENCH_LLM_BASE_URL, WORKBENCH_LLM_MODEL and WORKBENCH_LLM_API_KEY
are all set. What is sent is exactly what :func:`build_messages` returns: the case
prompt, the step's rubric item ids and texts, and the candidate's answer for that step
(nothing else: no names, no notes, no other steps). Every failure (timeout, HTTP error,
refusal, malformed or invalid JSON) ends in the offline result plus a one-line notice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbench.case import Case, RubricItem

DEFAULT_TIMEOUT_S = 20.0
MAX_ANSWER_CHARS = 12000
FEEDBACK_MAX_CHARS = 800


@dataclass(frozen=True)
class LLMSettings:
    base_url: str
    model: str
    api_key: str
    timeout_s: float = DEFAULT_TIMEOUT_S


def llm_settings(env: Mapping[str, str] | None = None) -> LLMSettings | None:
    """The LLM settings from the environment, or None (the default) unless all three are set.

    The one place that reads these variables, so a settings module can take it over later.
    """
    from workbench.settings import SettingsError, read  # the one place WORKBENCH_* is parsed

    try:
        s = read(env)
    except SettingsError:  # start-up reports it; here the suggester stays offline
        return None
    values = [s.llm_base_url, s.llm_model.strip(), s.llm_api_key.get_secret_value().strip()]
    if not all(values):
        return None
    return LLMSettings(values[0], values[1], values[2], max(1.0, min(s.llm_timeout_s, 120.0)))


class CoveredItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    item: str = Field(min_length=1)
    evidence: str = ""


class LLMReply(BaseModel):
    """The JSON the model must return; anything else is treated as a failure."""

    model_config = ConfigDict(extra="ignore")

    covered: list[CoveredItem]
    feedback: str = ""


SYSTEM_PROMPT = (
    "You assess one step of a candidate's answer in a machine learning system design interview. "
    "For each rubric item, decide whether the answer covers it (the idea is clearly present, even in "
    "other words). Reply with JSON only, in this shape: "
    '{"covered": [{"item": "<rubric item id>", "evidence": "<the sentence of the answer that shows it, '
    'copied exactly>"}], "feedback": "<two or three sentences of feedback for the candidate on this step>"}. '
    "List only items that are covered; use only the ids given."
)


def build_messages(case: Case, step_title: str, items: list[RubricItem], answer: str) -> list[dict[str, str]]:
    """Exactly what is sent: the case prompt, the step's rubric ids and texts, and the answer."""
    rubric = "\n".join(f"- {i.id}: {i.text}" for i in items)
    user = (f"Case prompt:\n{case.prompt.strip()}\n\nStep: {step_title}\n\nRubric items:\n{rubric}\n\n"
            f"Candidate's answer for this step:\n{answer.strip()[:MAX_ANSWER_CHARS]}")
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


class LLMFailure(Exception):
    """Why the LLM result could not be used, as one line for the person."""


def _parse(content: str | None, known: set[str]) -> LLMReply:
    if not content:
        raise LLMFailure("the model returned an empty reply")
    text = content.strip()
    if text.startswith("```"):  # some models wrap JSON in a fence despite being asked not to
        text = text.strip("`").removeprefix("json").strip()
    try:
        reply = LLMReply.model_validate(json.loads(text))
    except (json.JSONDecodeError, ValidationError):
        raise LLMFailure("the model's reply was not the JSON asked for") from None
    kept = [c for c in reply.covered if c.item in known]
    return LLMReply(covered=kept, feedback=" ".join(reply.feedback.split())[:FEEDBACK_MAX_CHARS])


def ask_llm(settings: LLMSettings, messages: list[dict[str, str]], known: set[str]) -> LLMReply:
    """One chat completion, validated; raises LLMFailure with a readable reason on any problem."""
    import openai  # imported here so the offline path never loads the client

    client = openai.OpenAI(base_url=settings.base_url, api_key=settings.api_key,
                           timeout=settings.timeout_s, max_retries=0)
    try:
        response = client.chat.completions.create(
            model=settings.model, messages=messages, temperature=0,  # type: ignore[arg-type]
            response_format={"type": "json_object"})
    except openai.APITimeoutError:
        raise LLMFailure(f"the model did not answer within {settings.timeout_s:g} s") from None
    except openai.APIStatusError as exc:
        raise LLMFailure(f"the model endpoint answered HTTP {exc.status_code}") from None
    except openai.APIConnectionError:
        raise LLMFailure("the model endpoint could not be reached") from None
    except openai.OpenAIError as exc:
        raise LLMFailure(f"the model call failed ({type(exc).__name__})") from None
    finally:
        client.close()
    try:
        content = response.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        raise LLMFailure("the model's reply had no message") from None
    return _parse(content, known)
