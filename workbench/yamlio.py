"""Safe YAML in and reviewable YAML out.

Loading uses only LibYAML's safe loader (pure-Python fallback), rejects duplicate keys
and keeps the node tree so that a validation error can be reported at its line.
Dumping writes block scalars for multi-line text and indents lists under their key.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError
from yaml import SafeDumper as _BaseDumper  # pure Python: the C emitter ignores our indent rule

try:  # LibYAML is several times faster; the pure-Python loader is the same grammar.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class FileProblem:
    """A problem in a user's file, located well enough to fix it."""

    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class FileError(Exception):
    """Raised when a file cannot be used; carries every problem found."""

    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Loader(_BaseLoader):
    """Safe loader that refuses duplicate keys (a hidden second value misleads readers)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                ) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first defined on line {seen[key] + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


# Timestamps stay strings: pydantic parses them, and a round trip stays byte-identical.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Parsed:
    data: Any
    node: yaml.Node | None

    def line_of(self, loc: Path_) -> int:
        """1-based line of the deepest node on ``loc`` that exists in the file."""
        node = self.node
        line = (node.start_mark.line + 1) if node is not None else 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                nxt = None
                for k, v in node.value:
                    if k.value == str(part):
                        nxt = (k, v)
                        break
                if nxt is None:
                    return line
                line = nxt[0].start_mark.line + 1
                node = nxt[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def parse_yaml(text: str | bytes, filename: str) -> Parsed:
    """Parse one YAML document safely; raise FileError with the line on any problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileError([FileProblem(filename, 1, f"not UTF-8 text ({exc.reason})")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        msg = exc.problem or str(exc)
        if exc.context and "duplicate" not in msg:
            msg = f"{exc.context}: {msg}"
        raise FileError([FileProblem(filename, line, f"invalid YAML: {msg}")]) from None
    except yaml.YAMLError as exc:
        raise FileError([FileProblem(filename, 1, f"invalid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return Parsed(data, node)


def _loc_text(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(exc: ValidationError, parsed: Parsed, filename: str) -> list[FileProblem]:
    """Turn pydantic's errors into file:line problems a human can act on."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        where = _loc_text(loc)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check the spelling; see the schema)"
        elif err["type"] == "missing":
            msg = "required key is missing"
        elif err["type"] == "literal_error":
            msg = f"must be {err['ctx']['expected']}"
        elif err["type"] == "string_pattern_mismatch":
            msg = "must be lower-case letters, digits and '-' (an id)"
        problems.append(FileProblem(filename, parsed.line_of(loc), f"{where}: {msg}" if where else msg))
    return problems


class _Dumper(_BaseDumper):
    """Indent lists under their key, as yamllint's default and most editors expect."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.Dumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _represent_str)
# ISO timestamps are written plain (readable); our loader reads them back as strings.
_Dumper.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


_SAFE_CHARS = r"[A-Za-z0-9 _.,;()/+'?!=<>@%&*-]*"
_PLAIN = re.compile(rf"^[A-Za-z0-9_(]{_SAFE_CHARS}(?::[A-Za-z0-9_./+-]{_SAFE_CHARS})*$")
_NEEDS_ESCAPES = re.compile("[\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_BLOCK_OK = re.compile(r"^[^\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]*$")


class _QuoteDumper(yaml.SafeDumper):
    """PyYAML's own scalar styles, for the scalars that need quoting."""


_QuoteDumper.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class _Resolver(yaml.resolver.Resolver):
    """Our loader's view of plain scalars (timestamps stay strings)."""


_Resolver.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_RESOLVER = _Resolver()


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written unquoted and read back as the same string."""
    if not text or text[-1] == " " or not _PLAIN.match(text):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def _block_ok(text: str) -> bool:
    """Literal block style reads back exactly and keeps yamllint quiet."""
    if not _BLOCK_OK.match(text) or _NEEDS_ESCAPES.search(text.replace("\n", "")):
        return False
    if text[0] in " \t\n" or text.endswith("\n\n") or "\n\n\n\n" in text:
        return False
    return not any(line.endswith((" ", "\t")) for line in text.split("\n"))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar via JSON's escaping (JSON strings are valid YAML),
    with the characters YAML treats as breaks or non-printable escaped too."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _scalar(value: Any) -> str:
    """One scalar on one line, exactly as PyYAML's emitter would choose to write it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string_scalar(value) if len(value) <= 200 else (
            value if _plain_ok(value) else _double_quoted(value))
    return _quoted(value)


@functools.lru_cache(maxsize=8192)
def _string_scalar(value: str) -> str:
    """Short strings repeat (keys, ids, event types), so their rendering is memoised."""
    return value if _plain_ok(value) else _quoted(value)


def _quoted(value: Any) -> str:
    """PyYAML's choice of quoting for a scalar that cannot be written plain."""
    style = '"' if isinstance(value, str) and _NEEDS_ESCAPES.search(value) else None
    node = yaml.dump([value], Dumper=_QuoteDumper, default_flow_style=True, width=1 << 30, default_style=style,
                     allow_unicode=True)
    return node.strip()[1:-1]


def _emit(value: Any, indent: int, out: list[str], lead: str) -> None:
    """Append ``value`` to ``out``; ``lead`` is the text before it on its first line."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        first = True
        for key, item in value.items():
            prefix = (lead if first else pad) + f"{_scalar(key)}:"
            first = False
            _emit_value(item, indent, out, prefix)
    elif isinstance(value, list) and value:
        for n, item in enumerate(value):
            prefix = (lead if n == 0 else pad) + "-"
            if isinstance(item, str) and "\n" in item and _block_ok(item):
                _emit_value(item, indent, out, prefix)
            else:
                _emit(item, indent + 2, out, prefix + " ")
    elif isinstance(value, dict):
        out.append(lead + "{}")
    elif isinstance(value, list):
        out.append(lead + "[]")
    else:
        out.append(lead + _scalar(value))


def _emit_value(item: Any, indent: int, out: list[str], prefix: str) -> None:
    """A mapping value: nested blocks go on the next lines, scalars stay on the key's line."""
    child = " " * (indent + 2)
    if (isinstance(item, dict) and item) or (isinstance(item, list) and item):
        out.append(prefix)
        _emit(item, indent + 2, out, child)
    elif isinstance(item, str) and "\n" in item and _block_ok(item):
        chomp = "" if item.endswith("\n") else "-"
        out.append(f"{prefix} |{chomp}")
        body = item[:-1] if item.endswith("\n") else item
        out.extend(child + line if line else "" for line in body.split("\n"))
    else:
        _emit(item, indent, out, prefix + " ")


def dump_yaml(data: Any) -> str:
    """Deterministic, reviewable YAML: ``---`` start, key order kept, block text, indented lists.

    A small emitter for the plain data a session holds; PyYAML's own emitter (used
    for any scalar that needs quoting) is several times slower on long answers.
    """
    out = ["---"]
    _emit(data, 0, out, "")
    return "\n".join(out) + "\n"


def dump_yaml_reference(data: Any) -> str:
    """PyYAML's emitter with the same conventions; tests compare the two."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        explicit_start=True,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
