"""Pause Python's cyclic garbage collector while a large, acyclic structure is built.

Building the progress frames or reading a 10,000-session index allocates hundreds of
thousands of containers; each allocation burst triggers a collection that walks every
live object (the index itself included), so a third of the build time went to the
collector finding nothing to free. Reference counting still frees everything as usual;
only the cycle search waits until the build is done. Nested and concurrent pauses
(two sessions of the server building at once) are counted, so the collector is switched
back on exactly when the last one ends, and only if it was on before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
