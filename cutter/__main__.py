"""The ``cutter`` command's entry point (``cutter``, ``python -m cutter``), light on purpose.

Each worker process re-runs the command's script as ``__mp_main__`` (multiprocessing does, so that
what the script defines can be unpickled there). The script imports only this module, so a worker
never imports click or the command line. And a ``cutter split`` that looks given a folder starts
the workers' fork server here, before click is imported and parses the arguments: the server's
import and warm-up are what a batch waits for before its first file, and they begin about 0.05 s
sooner (:func:`cutter.workers.start_early`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

SINGLE_JOB = {"-j1", "--jobs=1"}
VALUED = {"-o", "--output"}  # an option whose value may be a folder that is not an input


def main() -> None:
    if batch_likely(sys.argv[1:]):
        from .workers import start_early

        start_early()
    from .cli import main as command

    command(prog_name="cutter")


def batch_likely(args: Sequence[str]) -> bool:
    """Whether ``cutter ARGS`` looks like a split of a folder on more than one job: a guess made
    before the arguments are parsed (the command line decides again on what click parsed). A wrong
    guess costs only a fork server that nothing uses, never an output.

    >>> batch_likely(["split", "."]), batch_likely(["split", ".", "-j", "1"]), batch_likely(["check", "."])
    (True, False, False)
    """
    if list(args[:1]) != ["split"]:
        return False
    rest = list(args[1:])
    pairs = list(zip(rest, rest[1:]))
    if SINGLE_JOB & set(rest) or ("-j", "1") in pairs or ("--jobs", "1") in pairs:
        return False
    if "--engine=ray" in rest or ("--engine", "ray") in pairs:
        return False
    values = {value for option, value in pairs if option in VALUED}
    return any(not arg.startswith("-") and arg not in values and os.path.isdir(arg) for arg in rest)


if __name__ == "__main__":
    main()
