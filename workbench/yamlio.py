"""Safe, bounded YAML in; reviewable YAML out (``workbench.yamlemit``).

Every file the app reads (validate, the library, the store, uploads, links) goes
through ``parse_yaml``: a size check before parsing, LibYAML's safe loader, duplicate
keys refused, then the node tree is checked against ``workbench.limits`` (aliases
expanded, depth, list lengths, integer sizes) before any Python object is built. Every
problem a file can cause becomes ``FileError`` with ``file:line: message`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from workbench.limits import MAX_ERRORS, SESSION_LIMITS, Limits
from workbench.yamlemit import dump_yaml
from workbench.yamlguard import PRESCAN_BYTES, LimitExceeded, check_int, prescan
from workbench.yamlguard import check_tree as _check_tree

try:  # LibYAML is several times faster; the pure-Python loader is the same grammar.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

__all__ = ["FileError", "FileProblem", "Parsed", "dump_yaml", "parse_yaml", "validation_problems"]

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


@dataclass(frozen=True)
class MoreProblems(FileProblem):
    """The line that stands for the problems not listed ("and N more")."""

    count: int = 0


class FileError(Exception):
    """Raised when a file cannot be used; carries the first ``MAX_ERRORS`` problems and a count."""

    def __init__(self, problems: list[FileProblem]):
        more = sum(p.count for p in problems if isinstance(p, MoreProblems))
        problems = [p for p in problems if not isinstance(p, MoreProblems)]
        if len(problems) > MAX_ERRORS:
            more += len(problems) - MAX_ERRORS
            problems = problems[:MAX_ERRORS]
        if more and problems:
            last = problems[-1]
            problems = [*problems, MoreProblems(last.file, last.line, f"and {more} more problem(s)", count=more)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _fail(filename: str, node_or_line: yaml.Node | int, message: str) -> FileError:
    line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
    return FileError([FileProblem(filename, line, message)])


# An anchor (``&name`` after a separator); without one a file has no aliases to expand.
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:-])&[^\s\[\]{},]", re.MULTILINE)


class _Loader(_BaseLoader):
    """Safe loader that refuses duplicate keys (a hidden second value misleads readers)."""

    limits: Limits = SESSION_LIMITS

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """Integers are counts and seconds: a long one is refused before Python converts it."""
        check_int(node, self.limits)
        return super().construct_yaml_int(node)

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


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


class _LocatingLoader(_Loader):
    """Rerun after an unexpected error while building values, to find the value's line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Any error building a value (a bad date, base64, a number) is located at its node."""
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, LimitExceeded):
            raise
        except Exception as exc:  # a file must never escape as a traceback
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value ({type(exc).__name__}: {str(exc)[:200]})",
                node.start_mark) from None

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


def check_tree(root: yaml.Node, limits: Limits, filename: str) -> None:
    """``yamlguard.check_tree`` raising FileError (for a file parsed under other limits)."""
    try:
        _check_tree(root, limits, filename)
    except LimitExceeded as exc:
        raise _fail(filename, exc.line, exc.message) from None


def _decode(raw: bytes, filename: str) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _fail(filename, 1, "UTF-16 text; save the file as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(filename, line, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def parse_yaml(text: str | bytes, filename: str, limits: Limits = SESSION_LIMITS) -> Parsed:
    """Parse one YAML document safely within ``limits``; raise FileError with the line on any problem."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise _fail(filename, 1, f"file is {size / 1_048_576:.1f} MB; the limit is "
                                 f"{limits.max_bytes / 1_048_576:.0f} MB")
    if isinstance(text, bytes):
        text = _decode(text, filename)
    elif text.startswith("\ufeff"):
        text = text[1:]
    loader = _Loader(text)
    try:
        if size > PRESCAN_BYTES:
            prescan(text, limits, filename)
        node = loader.get_single_node()
        if node is not None and (size > PRESCAN_BYTES or ("&" in text and _ANCHOR.search(text))):
            _check_tree(node, limits, filename)  # without anchors nothing can expand beyond the file
        loader.limits = limits
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        msg = exc.problem or str(exc)
        if exc.context and "duplicate" not in msg:
            msg = f"{exc.context}: {msg}"
        raise _fail(filename, line, f"invalid YAML: {msg}") from None
    except LimitExceeded as exc:
        raise _fail(filename, exc.line, exc.message) from None
    except FileError:
        raise
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else 1
        raise _fail(filename, line, f"invalid YAML: character #x{exc.character:04x} is not allowed in YAML text"
                    if isinstance(exc.character, int) else "invalid YAML: unreadable character") from None
    except Exception as exc:  # RecursionError, MemoryError...: never a traceback
        line = _locate(text, limits)
        raise _fail(filename, line, f"cannot read a value ({type(exc).__name__}: {str(exc)[:200]})") from None
    finally:
        loader.dispose()
    return Parsed(data, node)


def _locate(text: str, limits: Limits) -> int:
    """The line of the value that failed to build (the fast loader does not track it)."""
    loader = _LocatingLoader(text)
    loader.limits = limits
    try:
        loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark is not None else 1
    except Exception:  # any other failure: fall back to the first line
        return 1
    finally:
        loader.dispose()
    return 1


def _loc_text(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(exc: ValidationError, parsed: Parsed, filename: str) -> list[FileProblem]:
    """Turn pydantic's errors into file:line problems a human can act on."""
    problems = []
    total = exc.error_count()
    for err in exc.errors(include_url=False)[:MAX_ERRORS]:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg = err["msg"]
        if err["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")
            head, sep, _ = msg.partition(":")
            if not loc and sep and head.isidentifier():  # a model rule naming its key: point at it
                loc = (head,)
                msg = msg[len(head) + 1:].strip()
        where = _loc_text(loc)
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check the spelling; see the schema)"
        elif err["type"] == "missing":
            msg = "required key is missing"
        elif err["type"] == "literal_error":
            msg = f"must be {err['ctx']['expected']}"
        elif err["type"] == "string_pattern_mismatch":
            msg = "must be lower-case letters, digits and '-' (an id)"
        problems.append(FileProblem(filename, parsed.line_of(loc), f"{where}: {msg}" if where else msg))
    if total > len(problems) and problems:
        more = total - len(problems)
        problems.append(MoreProblems(filename, problems[-1].line, f"and {more} more problem(s)", count=more))
    return problems
