"""A pause of Python's cyclic garbage collector around one unit of work.

Extracting a page or analysing an article allocates tens of thousands of short-lived
containers (block tuples, token lists, score rows). They trigger young-generation
collections that traverse them while they are still in use, and nearly all of them are
freed by reference counting when the unit is done, so the collection that follows the
pause finds few survivors. The HTML extractor spends about a tenth of its time in such
collections (measured on ScrapingHub pages, bench/RESULTS.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector's previous state is
    restored on leaving it, also on an exception.

    The pause is per call and bounded by one unit's garbage. It is process-wide while it
    lasts: a thread working at the same time may see the collector off (never left off).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
