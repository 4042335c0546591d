"""Property test: every session the app can save reads back equal, everywhere, and lints clean.

Text is drawn from all of Unicode plus the characters and words YAML tools misread
(U+FFFE, U+FFFF, U+2028, U+0085, lone surrogates, dates, numbers, yes/no/null, markdown).
Each saved file must load back equal through the app's loader, PyYAML's pure-Python
safe loader and LibYAML, pass yamllint with the repository's configuration, and keep
every multi-line answer YAML can hold in a block as a block scalar (``|``).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from yamllint import linter
from yamllint.config import YamlLintConfig

from workbench import walkthrough as wt
from workbench.library import load_library
from workbench.sessionfile import session_from_bytes, session_to_bytes
from workbench.yamlemit import clean_text

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_library([ROOT / "cases"])  # module-level: hypothesis prints fixture arguments on failure
LINT = YamlLintConfig(file=str(ROOT / ".yamllint"))
TRICKY = ["\ufffe", "\uffff", "\u2028", "\u2029", "\x85", "\ud800", "\udfff", "\ud83d\ude00", "\ufeff", "\r",
          "\r\n", "\t", "\x00", "\x1b", "\x7f", "\x9f", "\xa0", "  \n", "\n", "\n\n", "\n\n\n", " ", "#", ": ",
          "- ", "* ", "> ", "|", "'", '"', "\\", "&a", "*a", "!x", "%", "@", "`", "{", "[", "---", "..."]
WORDS = ["2024-01-01", "2024-01-01T10:00:00Z", "2024-01-01 10:00:00", "12:30", "1_000", "0x1F", "0o17", "1e3",
         ".inf", "-.5", "+1", "007", "yes", "No", "on", "OFF", "y", "n", "null", "~", "Null", "True", "<<", "=",
         "# Heading", "- item", "1. first", "**bold**", "`code`", "    indented code", "> quote", "a  ",
         "line with hard break  ", "[link](http://x)", "| table |", "ü", "日本", "🙂"]
piece = st.one_of(st.text(max_size=12), st.sampled_from(TRICKY), st.sampled_from(WORDS))
texts = st.lists(piece, max_size=8).map("".join)
BLOCKABLE = re.compile("[\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")


def _block_expected(text: str) -> bool:
    """Multi-line text YAML can hold in a literal block without yamllint objecting."""
    return ("\n" in text and bool(text.strip("\n")) and bool(BLOCKABLE.fullmatch(text))
            and "\n\n\n\n" not in text and not text.startswith("\n\n\n"))


def _scalar_styles(raw: str) -> dict[str, str]:
    """Value -> style of every scalar in the file, read by PyYAML's own composer."""
    out: dict[str, str] = {}
    stack = [yaml.compose(raw, Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            out[node.value] = node.style or ""
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
    return out


@settings(max_examples=80, deadline=None)
@given(answer=texts, notes=texts, evidence=texts, name=texts, fact=texts)
@example(answer="\n\n\n0", notes="a\n\n\n\nb", evidence="", name="", fact="")  # blank runs yamllint refuses
def test_every_saved_session_reads_back_everywhere(answer, notes, evidence, name, fact):
    library = LIBRARY
    case = library.cases["short-video-feed"]
    session = wt.new_session(case, library, candidate=name)
    sid = session.steps[0].id
    wt.set_answer(session, sid, answer)
    wt.set_notes(session, sid, notes)
    item = library.rubric(case, sid)[0].id
    wt.set_check(session, sid, item, True, evidence=evidence)
    session.result.takeaways = fact
    session.facts_revealed.append(fact)

    raw = session_to_bytes(session)
    text = raw.decode("utf-8")  # never a lone surrogate: those are replaced before writing
    cleaned = session.model_dump(mode="json")
    loaded = session_from_bytes(raw, "p.yaml")
    assert loaded.model_dump(mode="json") == _cleaned(cleaned)
    assert yaml.safe_load(text) == _cleaned(cleaned)
    assert yaml.load(text, Loader=yaml.CSafeLoader) == _cleaned(cleaned)
    assert session_to_bytes(loaded) == raw  # save -> load -> save is byte-identical
    problems = [p for p in linter.run(text, LINT) if p.level == "error"]
    assert not problems, (problems, text)
    styles = _scalar_styles(text)
    step = session.step(sid)  # the values as the app stored them (it may trim what was typed)
    for value in (clean_text(step.answer), clean_text(step.notes), clean_text(step.checks[0].evidence)):
        if _block_expected(value):
            assert styles.get(value) == "|", (value, text)


def _cleaned(data):
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {k: _cleaned(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_cleaned(v) for v in data]
    return data


def test_lone_surrogates_are_replaced_and_pairs_joined(library):
    session = wt.new_session(library.cases["short-video-feed"], library)
    wt.set_answer(session, session.steps[0].id, "a\ud800b\nsplit pair \ud83d\ude00\n")
    loaded = session_from_bytes(session_to_bytes(session), "s.yaml")
    assert loaded.steps[0].answer == "a\ufffdb\nsplit pair \U0001f600\n"


def test_markdown_people_write_stays_a_block(library):
    session = wt.new_session(library.cases["short-video-feed"], library)
    sid = session.steps[0].id
    for text in ["First line  \nhard break\n", "  indented first line\nnext\n", "para\n\n", "\nleading blank\n",
                 "trailing blank line\n\n"]:
        wt.set_answer(session, sid, text)
        raw = session_to_bytes(session).decode()
        assert _scalar_styles(raw)[text] == "|", raw


def test_date_like_strings_are_quoted_for_other_tools(library):
    session = wt.new_session(library.cases["short-video-feed"], library, candidate="2024-01-01")
    text = session_to_bytes(session).decode()
    assert "candidate: '2024-01-01'" in text
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    assert isinstance(data["created_at"], str) and data["people"]["candidate"] == "2024-01-01"
