"""Limits on what a file may hold, checked before any of it is turned into objects.

A session file comes from anyone (an upload, a link, a shared store); without limits one
file can take the app down for everyone. Each limit is far above anything a real
interview or case produces, and each refusal names the limit so it can be raised here.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps for one kind of file."""

    max_bytes: int
    max_aliases: int = 100  # our writer never uses aliases; hand-written files rarely need many
    max_depth: int = 24  # a session nests 6 deep, a case 7
    max_list: int = 10_000  # e.g. events: a 45-minute interview logs a few hundred
    max_mapping: int = 2_000  # keys in one mapping
    max_nodes: int = 500_000  # scalars, lists and mappings in the whole file, aliases expanded
    max_scalar_chars: int = 1_000_000  # one answer of a million characters is already a book
    max_key_chars: int = 1_000  # YAML's own limit for a plain key is 1024
    max_int_digits: int = 18  # integers are counts and seconds; anything longer is an error


SESSION_LIMITS = Limits(max_bytes=5 * MB)
CASE_LIMITS = Limits(max_bytes=1 * MB, max_list=2_000)
FRAMEWORK_LIMITS = Limits(max_bytes=1 * MB, max_list=2_000)

MAX_ERRORS = 20  # problems reported per file; the rest are counted ("and N more")

# Largest values the session model accepts for its counters.
MAX_REVISION = 10**9
MAX_SECONDS = 10**9  # about 31 years
MAX_HINTS = 1_000
MAX_SCHEMA_VERSION = 10**6
