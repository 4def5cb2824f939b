"""Where cutter's worker processes come from: forks of a fork server that imported the pipeline and
built its tables once (:mod:`cutter._preload`), where the platform has one (Linux, macOS), else new
interpreters (spawn) that each build their own. Never forks of the running process, whose threads
(a progress bar's) a fork could catch holding a lock.

Light on purpose (the standard library only): the command line starts the fork server from here
before it imports the pipeline itself, so the two warm up side by side.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from multiprocessing import context as mp_context
from multiprocessing import get_all_start_methods, get_context

PRELOAD = ["cutter._preload"]


def worker_context() -> mp_context.BaseContext:
    """The multiprocessing context the pools start their workers with."""
    if "forkserver" not in get_all_start_methods():
        return get_context("spawn")
    context = get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # no effect once the server runs: it has them
    return context


def start_early() -> None:
    """Start the fork server now (a no-op where there is none, or once it runs): it imports and
    warms up the pipeline while the caller goes on, and its workers later start as forks of it."""
    context = worker_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        with ctrl_c_blocked(), contextlib.suppress(OSError):  # not started now, the pool starts it
            forkserver.ensure_running()


@contextlib.contextmanager
def ctrl_c_blocked() -> Iterator[None]:
    """Ctrl-C blocked while a worker (or the fork server) starts: it inherits the block, so it never
    turns Ctrl-C into a traceback, and a Ctrl-C meanwhile reaches the caller afterwards."""
    signals = {signal.SIGINT}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
