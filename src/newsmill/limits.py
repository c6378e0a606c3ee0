"""A per-page time limit, so one pathological page cannot hang a run.

Uses ``SIGALRM`` (an interval timer) where the platform has it and the call runs
in the main thread, as the command line and worker processes do; elsewhere the
limit is not enforced and the page runs to the end.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsmill.errors import PageTimeout

DEFAULT_PAGE_SECONDS = 20.0


@contextmanager
def time_limit(seconds: float | None, source: str) -> Iterator[None]:
    """Raise ``PageTimeout`` naming ``source`` when the block runs longer than ``seconds``."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds is None or seconds <= 0 or not usable:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise PageTimeout(source, f"took longer than the {seconds:g} s limit per page")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
