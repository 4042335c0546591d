"""The YAML writer: whatever it writes reads back as the same data, and stays lint-clean."""

from __future__ import annotations

import random
import string
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.yamlio import dump_yaml, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
ALPHABET = string.ascii_letters + string.digits + " \n\t:#-'\"!&*?|>{}[],%@`\\/.=~<>\u00e9\u2713\u65e5\r\x85\u2028"
SPECIAL = ["", " ", "-", "- x", "? x", ": x", "x: y", "x #y", "#x", "yes", "No", "on", "null", "~", "1", "0x1f",
           "1e3", ".inf", "2026-01-01", "2026-01-01T00:00:00Z", "&anchor", "*alias", "!tag", "|", ">", "'", '"',
           "a\n", "a\n\n", "\na", " a\nb", "a \nb", "a\n\n\n\nb", "tab\there", "x\r\ny", "%x", "@x", "`x",
           "=", "<<", "...", "---", "a---b", "a...b"]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))


def _random_data(rng: random.Random, depth: int = 0):
    kind = rng.random()
    if depth > 3 or kind < 0.5:
        return rng.choice([_random_text(rng), rng.choice(SPECIAL), rng.randint(-5, 99), None, True, False])
    if kind < 0.75:
        return [_random_data(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice([_random_text(rng)[:8] or "k", *SPECIAL[:10]]): _random_data(rng, depth + 1)
            for _ in range(rng.randint(0, 4))}


@pytest.mark.parametrize("seed", range(300))
def test_round_trip_of_random_data(seed):
    rng = random.Random(seed)
    data = {"root": _random_data(rng), "list": [_random_data(rng) for _ in range(3)]}
    text = dump_yaml(data)
    assert parse_yaml(text, "x.yaml").data == data, text


@pytest.mark.parametrize("value", SPECIAL)
def test_special_strings_survive(value):
    data = {"a": value, "b": [value, {"c": value}]}
    assert parse_yaml(dump_yaml(data), "x.yaml").data == data


def test_layout_of_ordinary_data():
    data = {"a": 1, "b": "text", "c": ["x", {"d": "two\nlines\n", "e": []}], "f": {}, "g": None, "h": "yes"}
    assert dump_yaml(data) == ("---\na: 1\nb: text\nc:\n  - x\n  - d: |\n      two\n      lines\n    e: []\n"
                               "f: {}\ng: null\nh: 'yes'\n")


def test_yamllint_accepts_special_strings(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(dump_yaml({"items": [{"text": v, "more": [v]} for v in SPECIAL]}))
    out = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), "-s", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


@pytest.mark.parametrize("seed", range(50))
def test_long_strings_that_need_quotes_round_trip(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(201, 2000)))
    data = {"answer": text, "items": [text]}
    assert parse_yaml(dump_yaml(data), "x.yaml").data == data
