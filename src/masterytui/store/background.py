"""Work started in a thread of its own, joined for its result: what ``add`` overlaps.

Built on :mod:`_thread` (threading's own base): importing :mod:`threading` costs ``add`` a
millisecond. Used where the work waits on the disk or in C code that releases the GIL
(``fsync``, SHA-256 of a large table), so it runs beside the caller's.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


def start(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a thread; the result joins it: returns what ``work`` returned, or
    raises what it raised. Join it on every path (the work must not outlive its inputs).
    Where no thread can be started, ``work`` is done before this returns."""
    done = _thread.allocate_lock()
    done.acquire()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to whoever joins
            failure.append(exc)
        finally:
            done.release()

    def join() -> T:
        with done:
            pass
        if failure:
            raise failure[0]
        return outcome[0]

    try:
        _thread.start_new_thread(run, ())
    except RuntimeError:  # no thread to be had (a process at its limit): the work is done here
        run()
    return join
