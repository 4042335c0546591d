"""Reviewable YAML out: block scalars where people write, quotes where tools would misread.

A small emitter for plain data (mappings with string keys, lists, strings, numbers,
booleans, null). PyYAML's pure-Python emitter is 25x slower on a 50 KB session and
LibYAML's cannot indent lists under their key (yamllint's default), so the layout is
written here and each scalar is put in the first style below that provably reads back:

1. plain, only for a conservative character set, and only if YAML 1.1 (dates included)
   and YAML 1.2 both read it as the same string;
2. literal block (``|``) for multi-line text made only of printable characters, with an
   indentation indicator when the text starts with a space or a blank line and ``|+``
   when it ends with blank lines;
3. double quotes otherwise, with every character outside printable ASCII and ordinary
   letters escaped (``\\uFFFE``, ``\\x85``, ``\\u2028`` ...).

Lone surrogates cannot be stored in a UTF-8 file; ``clean_text`` replaces them with
U+FFFD (after joining any split surrogate pair) before anything is written.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import yaml


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1's implicit types, timestamps included: what other tools will read."""


_RESOLVER = _Resolver()
_STR = "tag:yaml.org,2002:str"
_LETTERS = "\u00c0-\u024f\u0370-\u1fff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3"  # Latin, Greek, Cyrillic... CJK
_SAFE_CHARS = rf"[A-Za-z0-9 _.,;()/+'?!=<>@%&*\-{_LETTERS}]*"
_PLAIN = re.compile(rf"[A-Za-z0-9_({_LETTERS}]{_SAFE_CHARS}(?::[A-Za-z0-9_./+-]{_SAFE_CHARS})*")
# Other tools read these as numbers, booleans or null (YAML 1.2's 0o17 and True, YAML 1.1's y and n).
_OTHER_SPECIAL = re.compile(
    r"[-+]?([0-9][0-9_]*|0o[0-7]+|0x[0-9a-f]+|(\.[0-9]+|[0-9]+(\.[0-9]*)?)(e[-+]?[0-9]+)?|\.(inf|nan))"
    r"|true|false|null|~|y|n|yes|no|on|off", re.IGNORECASE)
# Printable YAML characters other than tab and line breaks (no NEL, LS, PS, BOM, U+FFFE/U+FFFF).
_PRINTABLE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
_LINE_CHARS = re.compile(f"[{_PRINTABLE}]*")
_BLOCK_CHARS = re.compile(f"[\t\n{_PRINTABLE}]*")
# Escaped in double quotes: controls, C1, YAML's other line breaks, BOM, non-characters, surrogates.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff\"\\\\]")
_NAMED = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
          "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_",
          "\u2028": "\\L", "\u2029": "\\P"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_BLANK_RUN = 2  # yamllint's empty-lines rule allows two blank lines in a row


def clean_text(text: str) -> str:
    """Join split surrogate pairs and replace lone surrogates (which UTF-8 cannot hold) with U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _escape(ch: str) -> str:
    named = _NAMED.get(ch)
    if named:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def double_quoted(text: str) -> str:
    """A double-quoted scalar; every character YAML could misread is escaped."""
    return '"' + _ESCAPE.sub(lambda m: _escape(m.group()), text) + '"'


@functools.lru_cache(maxsize=8192)
def _short_plain_ok(text: str) -> bool:
    """Short strings repeat (keys, ids, event types), so the answer is memoised."""
    return _plain_ok(text)


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written unquoted and read back as the same string by any YAML tool."""
    if not text or text[-1] == " " or not _PLAIN.fullmatch(text):
        return False
    if _OTHER_SPECIAL.fullmatch(text):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR


def _block_header(text: str) -> str | None:
    """The literal block header for ``text`` (``|``, ``|-``, ``|+``, with ``2`` if needed), or None."""
    if "\n" not in text or not text.strip("\n") or not _BLOCK_CHARS.fullmatch(text):
        return None
    # More blank lines in a row than yamllint allows: inside the text, or at its start
    # (the header's own line break comes first there).
    if "\n" * (_MAX_BLANK_RUN + 2) in text or text.startswith("\n" * (_MAX_BLANK_RUN + 1)):
        return None
    indent = "2" if text[0] in " \n" else ""
    if not text.endswith("\n"):
        return f"|{indent}-"
    return f"|{indent}+" if text.endswith("\n\n") else f"|{indent}"


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


def scalar(value: Any) -> str:
    """One scalar on one line."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        plain = _short_plain_ok(value) if len(value) <= 200 else _plain_ok(value)
        if plain:
            return value
        return "'" + value.replace("'", "''") + "'" if _LINE_CHARS.fullmatch(value) else double_quoted(value)
    raise TypeError(f"cannot write a {type(value).__name__} to a session file")


def _key(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("mapping keys must be strings")
    if len(value) > 1000:
        raise ValueError("a mapping key is longer than YAML allows (1000 characters)")
    return scalar(value)


class _Writer:
    def __init__(self, keep_trailing_blanks: bool) -> None:
        self.out: list[str] = []
        self.keep = keep_trailing_blanks

    def header(self, text: str) -> str | None:
        head = _block_header(text)
        if head is not None and head.endswith("+") and not self.keep:
            return None
        return head

    def node(self, value: Any, indent: int, lead: str) -> None:
        """Append ``value``; ``lead`` is the text before it on its first line."""
        pad = " " * indent
        out = self.out
        if isinstance(value, dict) and value:
            first = True
            for key, item in value.items():
                self.value(item, indent, (lead if first else pad) + _key(key) + ":")
                first = False
        elif isinstance(value, list) and value:
            for n, item in enumerate(value):
                prefix = (lead if n == 0 else pad) + "-"
                if isinstance(item, str) and self.header(item) is not None:
                    self.value(item, indent, prefix)
                else:
                    self.node(item, indent + 2, prefix + " ")
        elif isinstance(value, dict):
            out.append(lead + "{}")
        elif isinstance(value, list):
            out.append(lead + "[]")
        else:
            out.append(lead + scalar(value))

    def value(self, item: Any, indent: int, prefix: str) -> None:
        """A mapping value or list item: collections go below, text blocks below their header."""
        if (isinstance(item, dict) and item) or (isinstance(item, list) and item):
            self.out.append(prefix)
            self.node(item, indent + 2, " " * (indent + 2))
            return
        head = self.header(item) if isinstance(item, str) else None
        if head is None:
            self.node(item, indent, prefix + " ")
            return
        self.out.append(f"{prefix} {head}")
        child = " " * (indent + 2)
        body = item[:-1] if item.endswith("\n") else item
        self.out.extend(child + line if line else "" for line in body.split("\n"))


def dump_yaml(data: Any) -> str:
    """Deterministic, reviewable YAML: ``---`` start, key order kept, block text, indented lists."""
    writer = _Writer(keep_trailing_blanks=True)
    writer.node(data, 0, "")
    if writer.out and writer.out[-1] == "":
        # Blank lines at the very end of the file upset yamllint: quote the text that ends it.
        writer = _Writer(keep_trailing_blanks=False)
        writer.node(data, 0, "")
    return "---\n" + "\n".join(writer.out) + "\n"
