"""Quantities with units, read from what a person types: ``35e6 / day``, ``1.6e6 * 768 * 4 B``.

Expressions go through pint's own tokenizer and expression tree, never ``eval``. Numbers are
read as floats (so ``9**9**9`` overflows at once instead of building a huge integer), only
+ - * / ** are allowed, exponents must be small plain numbers, and the input is capped, so a
hostile expression can neither hang the app nor fill its memory.
"""

from __future__ import annotations

import math
import operator
import re
from functools import cache
from pathlib import Path
from tokenize import NAME, NUMBER, OP, TokenInfo
from typing import Any

import pint
from pint.pint_eval import build_eval_tree, plain_tokenizer
from pint.util import string_preprocessor

UNITS_FILE = Path(__file__).with_name("units.txt")
MAX_CHARS = 200
MAX_TOKENS = 80
MAX_POWERS = 4
MAX_EXPONENT = 30  # 10**18 is fine; 9**9**9 is not
MAX_UNIT_POWER = 6  # s**-1 or m**3 are fine; GB**40 is a typo or an attack

# dimensionality -> how it is named in messages
_KINDS = {
    "1 / [time]": "a rate",
    "[time]": "a duration",
    "[information]": "a data size",
    "[information] / [time]": "a bandwidth",
    "[currency]": "an amount of money",
    "[currency] / [time]": "a cost per unit of time",
    "[compute]": "an amount of compute",
    "[compute] / [time]": "a compute rate",
    "[power]": "a power",
    "[power] * [time]": "an energy",
    "dimensionless": "a plain number",
}


class EstimateError(ValueError):
    """An expression that cannot be read or compared; the message is shown to the user."""


class IncompatibleUnits(EstimateError):
    """A readable figure in the wrong kind of unit (a size where a rate was asked)."""


@cache
def registry() -> pint.UnitRegistry:
    """The app's units (workbench/units.txt): data, money and compute are their own dimensions."""
    return pint.UnitRegistry(str(UNITS_FILE), cache_folder=None, autoconvert_offset_to_baseunit=False)


def unit_of(text: str) -> pint.Unit:
    """A unit as an author writes it ("1/s", "GB", "USD/month"); EstimateError if unknown."""
    try:
        return registry().Unit(text)
    except Exception as exc:  # pint raises several types for a bad unit string
        raise EstimateError(f"unknown unit '{text}': {exc}") from None


def kind(dimensionality: Any) -> str:
    return _KINDS.get(str(dimensionality), f"a quantity of {dimensionality}")


def _number(tok: TokenInfo) -> float:
    try:
        value = float(tok.string)
    except ValueError:
        raise EstimateError(f"'{tok.string}' is not a number") from None
    if not math.isfinite(value):
        raise EstimateError(f"the number {tok.string[:20]} is too large")
    return value


def _define(tok: TokenInfo) -> Any:
    if tok.type == NUMBER:
        return _number(tok)
    if tok.type == NAME:
        if tok.string.lower() in ("inf", "infinity", "nan"):
            raise EstimateError(f"'{tok.string}' is not a usable value")
        try:
            return registry().Quantity(1.0, tok.string)
        except pint.UndefinedUnitError:
            raise EstimateError(f"unknown unit '{tok.string}'") from None
    raise EstimateError(f"unexpected '{tok.string}'")


def _power(left: Any, right: Any) -> Any:
    if not isinstance(right, float):
        raise EstimateError("an exponent must be a plain number")
    if abs(right) > MAX_EXPONENT:
        raise EstimateError(f"exponent {right:g} is too large (at most {MAX_EXPONENT})")
    return left**right


_BINARY = {"**": _power, "*": operator.mul, "": operator.mul, "/": operator.truediv,
           "+": operator.add, "-": operator.sub}
_UNARY = {"+": lambda x: x, "-": lambda x: x * -1}
_ALLOWED_OPS = {"+", "-", "*", "/", "**", "(", ")"}


def _tokens(text: str) -> list[TokenInfo]:
    tokens = list(plain_tokenizer(string_preprocessor(text)))
    bad = next((t.string for t in tokens if t.type == OP and t.string not in _ALLOWED_OPS), None)
    if bad is not None:
        raise EstimateError(f"'{bad}' is not allowed; use + - * / ** and brackets")
    if len(tokens) > MAX_TOKENS:
        raise EstimateError("the expression is too long")
    if sum(t.type == OP and t.string == "**" for t in tokens) > MAX_POWERS:
        raise EstimateError(f"at most {MAX_POWERS} powers in one expression")
    return tokens


def parse_quantity(text: str) -> pint.Quantity:
    """The value of an expression such as ``35e6 requests / day``; EstimateError explains a failure."""
    text = text.strip()
    if not text:
        raise EstimateError("no value")
    if len(text) > MAX_CHARS:
        raise EstimateError(f"the expression is longer than {MAX_CHARS} characters")
    try:
        result = build_eval_tree(_tokens(text.replace("%", " percent "))).evaluate(_define, _BINARY, _UNARY)
    except EstimateError:
        raise
    except pint.DimensionalityError as exc:
        raise EstimateError(f"cannot add or subtract {exc.units1} and {exc.units2}") from None
    except ZeroDivisionError:
        raise EstimateError("division by zero") from None
    except OverflowError:
        raise EstimateError("the value is too large") from None
    except Exception:  # tokenizer and tree errors on malformed input; the input is hostile by assumption
        raise EstimateError("cannot read this expression; write it like 35e6 / day or 1.6e6 * 768 * 4 B") from None
    quantity = result if isinstance(result, registry().Quantity) else registry().Quantity(float(result))
    if not math.isfinite(float(quantity.magnitude)):
        raise EstimateError("the value is too large")
    if any(abs(power) > MAX_UNIT_POWER for _, power in quantity.unit_items()):
        raise EstimateError("a unit is raised to too high a power")
    return quantity


def value_in(text: str, unit: str) -> float:
    """The expression's value in ``unit``; a plain number (or a count) is taken in ``unit``."""
    quantity = parse_quantity(text)
    target = unit_of(unit)
    if quantity.dimensionless and not target.dimensionless:
        return float(quantity.to("dimensionless").magnitude)
    if quantity.dimensionality != target.dimensionality:
        got = f"{quantity.units:~}" or "a plain number"
        raise IncompatibleUnits(f"{got} is not {kind(target.dimensionality)} "
                            f"(it is {kind(quantity.dimensionality)}); expected {unit}")
    return float(quantity.to(target).magnitude)


def fmt_number(value: float) -> str:
    """Three significant figures, with thousands separators below ten million."""
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e7:
        digits = 2 - math.floor(math.log10(abs(value)))
        text = f"{round(value, digits):,.{max(0, digits)}f}"
    else:
        mantissa, exponent = f"{value:.2e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    return re.sub(r"\.?0+(?=e|$)", "", text) if "." in text else text


def fmt(value: float, unit: str) -> str:
    """``405 /s`` for 405 in unit "1/s"; ``4.92 GB``."""
    shown = unit[1:].strip() if unit.replace(" ", "").startswith("1/") else unit
    return f"{fmt_number(value)} {shown}" if shown else fmt_number(value)
