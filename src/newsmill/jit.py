"""Kernels compiled by numba on first use, shared by the extractor and the language layer.

numba keeps the machine code in ``__pycache__`` beside the source, so only the first
process after an install or an edit compiles (10 to 20 s for the flat kernels); later ones
load it (well under a second, with numba's import). The compile runs with the per-page
alarm paused (``newsmill.limits`` arms ``SIGALRM`` around each page), so a one-off compile
is not mistaken for a page that hangs.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")


def jit_compiled(func: Callable[P, R]) -> Callable[P, R]:
    """``func`` compiled by numba (``njit``, cached, without the GIL) on its first call."""
    compiled: Callable[P, R] | None = None

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        nonlocal compiled
        if compiled is not None:
            return compiled(*args, **kwargs)
        import numba

        compiled = cast(Callable[P, R], numba.njit(cache=True, nogil=True)(func))
        with _alarm_paused():
            return compiled(*args, **kwargs)

    return call


@contextmanager
def _alarm_paused() -> Iterator[None]:
    """Disarm the real-time interval timer, then re-arm it with the time it had left."""
    if not hasattr(signal, "setitimer"):
        yield
        return
    left, interval = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left, interval)
