"""A time limit for a command: a deadline that every solve and every long loop checks.

The CLI sets one (`--timeout`, default 60 s); the Python API has none unless asked. A solve that
may run long is made asynchronously and cancelled at the deadline; loops of many small solves
check the deadline between them (an asynchronous solve costs about 0.2 ms more).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import clingo


class TimeLimit(Exception):
    """The deadline passed: the work was stopped cleanly."""


_deadline: float | None = None


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Within this block, `check` and `solve` raise TimeLimit once `seconds` have passed (None or
    0: no limit)."""
    global _deadline
    before = _deadline
    _deadline = time.monotonic() + seconds if seconds else None
    try:
        yield
    finally:
        _deadline = before


@contextlib.contextmanager
def share(fraction: float) -> Iterator[None]:
    """Within this block, the deadline comes after `fraction` of the time left (no limit: none)."""
    global _deadline
    before = _deadline
    if before is not None:
        now = time.monotonic()
        _deadline = now + max(0.0, before - now) * fraction
    try:
        yield
    finally:
        _deadline = before


def check() -> None:
    if _deadline is not None and time.monotonic() > _deadline:
        raise TimeLimit


def solve(ctl: clingo.Control, **options) -> clingo.SolveResult:
    """`ctl.solve(**options)`, cancelled at the deadline."""
    if _deadline is None:
        return ctl.solve(**options)
    check()
    with ctl.solve(async_=True, **options) as handle:
        if not handle.wait(max(0.0, _deadline - time.monotonic())):
            handle.cancel()
            raise TimeLimit
        return handle.get()
