"""Limits checked on a YAML file's events and node tree before any Python value is built.

``prescan`` counts on LibYAML's event stream (stops at the first limit, for big files);
``check_tree`` walks the composed nodes with aliases expanded by memo (billion laughs
costs one visit per distinct node). Both raise ``LimitExceeded`` with the line.
"""

from __future__ import annotations

import yaml

from workbench.limits import Limits

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class LimitExceeded(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def _fail(_filename: str, node_or_line: yaml.Node | int, message: str) -> LimitExceeded:
    line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
    return LimitExceeded(line, message)


_INT = "tag:yaml.org,2002:int"


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def check_tree(root: yaml.Node, limits: Limits, filename: str) -> None:
    """Refuse a node tree that would be too big once its aliases are expanded.

    Sizes and depths are memoised per node, so a billion-laughs file costs one visit
    per distinct node, and a list of a million aliases stops at the list-length cap.
    """
    done: dict[int, tuple[int, int]] = {}  # node id -> (expanded size, depth)
    on_path: set[int] = set()
    aliases = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        nid = id(node)
        if finished:
            kids = [done[id(k)] for k in _children(node)]
            size = 1 + sum(k[0] for k in kids)
            depth = 1 + max((k[1] for k in kids), default=0)
            on_path.discard(nid)
            done[nid] = (size, depth)
            if size > limits.max_nodes:
                raise _fail(filename, node, f"too many values once aliases are expanded (over {limits.max_nodes:,})")
            if depth > limits.max_depth:
                raise _fail(filename, node, f"nested too deeply (more than {limits.max_depth} levels)")
            continue
        if nid in done:
            aliases += 1
            if aliases > limits.max_aliases:
                raise _fail(filename, node, f"too many aliases (more than {limits.max_aliases})")
            continue
        if nid in on_path:
            raise _fail(filename, node, "an alias refers to the value that contains it")
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, limits, filename)
            done[nid] = (1, 1)
            continue
        count = len(node.value)
        if isinstance(node, yaml.SequenceNode) and count > limits.max_list:
            raise _fail(filename, node, f"a list of {count:,} items (at most {limits.max_list:,})")
        if isinstance(node, yaml.MappingNode):
            if count > limits.max_mapping:
                raise _fail(filename, node, f"a mapping of {count:,} keys (at most {limits.max_mapping:,})")
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and len(key.value) > limits.max_key_chars:
                    raise _fail(filename, key, f"a key longer than {limits.max_key_chars} characters")
        on_path.add(nid)
        stack.append((node, True))
        stack.extend((kid, False) for kid in _children(node))


def _check_scalar(node: yaml.ScalarNode, limits: Limits, filename: str) -> None:
    value = node.value
    if len(value) > limits.max_scalar_chars:
        raise _fail(filename, node, f"a value of {len(value):,} characters (at most {limits.max_scalar_chars:,})")
    if node.tag == _INT:
        check_int(node, limits)


def check_int(node: yaml.ScalarNode, limits: Limits) -> None:
    """Refuse an integer longer than ``max_int_digits`` (Python would stall or refuse at 4,300)."""
    digits = str(node.value).lstrip("+-").replace("_", "")
    if digits[:2].lower() in ("0x", "0b", "0o"):
        digits = digits[2:]
    if len(digits) > limits.max_int_digits:
        raise _fail("", node, f"a number of {len(digits):,} digits (numbers here have at most {limits.max_int_digits})")


PRESCAN_BYTES = 256 * 1024  # bigger files are checked on LibYAML's event stream before composing
_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def prescan(text: str, limits: Limits, filename: str) -> None:
    """Refuse an over-long list, a huge mapping, deep nesting or too many values while parsing.

    Composing a 5 MB file of 100,000 events takes seconds (a node and a tag lookup per
    value); counting on the event stream stops at the first limit, a fraction of the way.
    """
    open_counts: list[list[int]] = []  # per open collection: [items, cap, is_mapping]
    values = aliases = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, _ENDS):
            open_counts.pop()
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, *_STARTS)):
            continue
        values += 1
        if values > limits.max_nodes:
            raise _fail(filename, event.start_mark.line + 1, f"too many values (over {limits.max_nodes:,})")
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > limits.max_aliases:
                raise _fail(filename, event.start_mark.line + 1, f"too many aliases (more than {limits.max_aliases})")
        if open_counts:
            top = open_counts[-1]
            top[0] += 1
            if top[0] > top[1]:
                what = (f"a mapping of more than {limits.max_mapping:,} keys" if top[2]
                        else f"a list of more than {limits.max_list:,} items")
                raise _fail(filename, event.start_mark.line + 1, what)
        if isinstance(event, _STARTS):
            mapping = isinstance(event, yaml.MappingStartEvent)
            open_counts.append([0, 2 * limits.max_mapping if mapping else limits.max_list, mapping])
            if len(open_counts) > limits.max_depth:
                raise _fail(filename, event.start_mark.line + 1,
                            f"nested too deeply (more than {limits.max_depth} levels)")
