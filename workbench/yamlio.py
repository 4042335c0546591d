"""Safe YAML in and reviewable YAML out.

Loading uses only LibYAML's safe loader (pure-Python fallback), rejects duplicate keys
and keeps the node tree so that a validation error can be reported at its line.
Dumping writes block scalars for multi-line text and indents lists under their key.
"""

from __future__ import annotations

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


def dump_yaml(data: Any) -> str:
    """Deterministic, reviewable YAML: ``---`` start, key order kept, block text."""
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
