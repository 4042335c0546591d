"""Small text helpers shared by components (no Streamlit calls)."""

from __future__ import annotations

LEVEL_COLOURS = {"core": "gray", "senior": "blue", "staff": "violet"}
DIFFICULTY_COLOURS = {"intro": "green", "standard": "orange", "advanced": "red"}


def mmss(seconds: int | float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 60:d}:{seconds % 60:02d}"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def level_badge(level: str) -> str:
    return f":{LEVEL_COLOURS.get(level, 'gray')}-badge[{level}]"


def rating_label(rating: str | None) -> str:
    return "—" if rating is None else rating.replace("_", " ").capitalize()
