"""Worker processes that can be stopped one at a time, for the per-document time limit.

``concurrent.futures`` cannot stop one stuck worker, so this small pool keeps one pipe
per worker. A worker holds up to ``DEPTH`` tasks: the one it works on and the next ones, so it
starts each the moment it reports the last, without waiting for this process (only light next
tasks, a file's or a span's, so a pipe to a busy worker never fills). While every worker has
work queued, the parent naps (up to 5 ms, and no longer than half the time that work should
last) and then takes in every report that came meanwhile: each wake costs it tens of µs. It reports after every
document (a file's one document and the end of its task in one message), so the parent knows
which document each worker is on and since when. A worker past the limit (or one that dies)
is killed and replaced: its document fails with one line, and the rest of its task and the
tasks it held next go to the next free workers. Outcomes come out in task order, whatever
order the workers finish in. What a worker sends back is a packed tuple (:func:`_packed`),
and the parent waits on one selector kept for the run (:class:`_Watched`): its share of the work stays small,
since on two cores it takes its time from the workers.
"""

from __future__ import annotations

import os
import pickle
import selectors
import shutil
import signal
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .batch import DatasetBroken, Outcome, Source, Stats, Task, after_line, documents, timed_out
from .config import Config
from .export import FolderSink
from .core import Result, Stream, process
from .model import Document
from .workers import ctrl_c_blocked, worker_context

WINDOW_PER_JOB = 8
DEPTH = 4  # tasks a worker holds: the one it works on, and the next three
NAP = (0.001, 0.005)  # seconds: the parent naps between reports only this long, and never longer
WARM_UP = "读书心得(1篇)\n读书心得篇一\n讀書是一件需要耐心的事情。\n"


@dataclass
class _Slot:
    """One task's place in the output order, and the outcomes it has produced so far."""

    task: Task
    outcomes: deque[Outcome] = field(default_factory=deque)
    done: bool = False


class _Worker:
    def __init__(self, context: Any, arguments: tuple[Any, ...]) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, *arguments), daemon=True)
        with ctrl_c_blocked():  # inherited: the worker never turns Ctrl-C into a traceback
            self.process.start()
        child.close()
        self.slots: deque[_Slot] = deque()  # the tasks given, in order: it works on the first
        self.position = 0  # the documents of the first that it has reported
        self.deadline = float("inf")
        self.started = 0.0  # when it started on the first (as this process reckons)
        self.pace = 0.0  # seconds a task of this run takes it, on a moving average (0: none done yet)
        self.warm = False  # it has reported: started up, it waits for each task it is given

    @property
    def slot(self) -> _Slot | None:
        """The task it works on."""
        return self.slots[0] if self.slots else None

    def takes(self, slot: _Slot) -> bool:
        """Whether it can be given ``slot`` now: when it has no task, or as one of its next ones,
        which it starts the moment it reports the last, without waiting for this process. Only a
        light next task (a file's, a span's): one that ships lines could fill the pipe to a busy
        worker, and a send to it must never block while the worker's reports wait."""
        return not self.slots or (len(self.slots) < DEPTH and _light(slot.task))

    def give(self, slot: _Slot, timeout: float) -> None:
        if not self.slots:
            self.position, self.started = 0, time.monotonic()
            # a warm worker starts on the task at once, so its time limit counts from now; a new
            # one first starts up, and says when it has (its first task's limit counts from there)
            self.deadline = time.monotonic() + timeout if self.warm and timeout else float("inf")
        self.slots.append(slot)
        _send(self.connection, slot.task)

    def reported(self, message: tuple[Any, ...] | None, timeout: float) -> None:
        """Take in one message: ``(position, outcomes[, True: the task's last])``, or None at
        the task's end; the next task (if it has one) starts at once, and its clock with it."""
        self.warm = True
        slot = self.slots[0]
        if message is not None:
            self.position, outcomes, *last = message
            slot.outcomes.extend(_unpacked(packed, slot.task.source) for packed in outcomes)
        if message is None or last:
            slot.done = True
            self.slots.popleft()
            now = time.monotonic()
            self.pace = now - self.started if not self.pace else 0.8 * self.pace + 0.2 * (now - self.started)
            self.position, self.started = 0, now
        if self.slots:
            self.deadline = time.monotonic() + timeout if timeout else float("inf")
        else:
            self.deadline = float("inf")

    def headroom(self) -> float:
        """About how long the tasks it holds beyond the current one will keep it busy."""
        return (len(self.slots) - 1) * self.pace if self.slots else 0.0

    def stop(self, gently: bool) -> None:
        if gently and self.process.is_alive():
            try:
                _send(self.connection, None)
            except OSError:
                pass
            self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def _send(connection: Connection, message: Any) -> None:
    """``connection.send`` with the plain pickler: multiprocessing's builds its table of
    reducers anew for every message, and nothing sent here needs them."""
    connection.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


def _light(task: Task) -> bool:
    return not task.lines and task.data is None


def _packed(outcome: Outcome, source: Source) -> tuple[Any, ...]:
    """An outcome as a worker sends it: a plain tuple, without the task's source (the parent
    holds it) or a label that is the source's, the counts in plain dicts. Pickled, it is a
    fraction of the dataclass's size, and unpickled, of its time (no paths, no Counters)."""
    stats = outcome.stats
    counts = None if stats is None else (
        stats.chars_in, stats.chars_out, stats.pieces, dict(stats.edits), dict(stats.warnings), stats.seconds
    )  # fmt: skip
    return (
        None if outcome.source is source else outcome.source, None if outcome.label == source.label else outcome.label,
        outcome.result, outcome.error, outcome.rendered, outcome.files, outcome.warnings, outcome.written, counts,
        outcome.size, outcome.aborts,
    )  # fmt: skip


def _unpacked(packed: tuple[Any, ...], source: Source) -> Outcome:
    """The outcome a worker packed (:func:`_packed`), for a task of ``source``."""
    other, label, result, error, rendered, files, warnings, written, counts, size, aborts = packed
    stats = None if counts is None else Stats(*counts[:3], _counter(counts[3]), _counter(counts[4]), counts[5])
    return Outcome(
        source if other is None else other, source.label if label is None else label, result, error, rendered, files,
        warnings, written, stats, size, aborts,
    )  # fmt: skip


def _counter(counts: dict[str, int]) -> Counter[str]:
    """A Counter of a Counter's counts: ``Counter(counts)`` checks and adds them one at a time."""
    made: Counter[str] = Counter()
    dict.update(made, counts)
    return made


def _serve(
    connection: Connection,
    config: Config,
    field_name: str,
    folder: Path | FolderSink | None,
    processor: Callable[[Document, Config], Result | Stream],
    spill: Path | None = None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    try:
        process(Document("warm-up", WARM_UP), config)  # patterns and OpenCC built before any clock runs
        started = False
        while (task := connection.recv()) is not None:
            if not started:
                _send(connection, (0, []))  # started: the first task's time limit counts from here
                started = True
            source = task.source
            reports = ((done, [_packed(o, source) for o in outcomes]) for done, outcomes in
                       documents(task, config, field_name, folder, processor=processor, spill=spill))  # fmt: skip
            if source.dataset:  # a report after each document, so the parent knows where a stuck one stands
                for report in reports:
                    _send(connection, report)
                _send(connection, None)
                continue
            last = None  # a file's one document: its report and the task's end go as one message
            for report in reports:
                if last is not None:
                    _send(connection, last)
                last = report
            _send(connection, None if last is None else (*last, True))
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the parent has gone or is stopping us: nothing to report to anyone


def run_pool(
    work: Iterable[Task | Outcome],
    config: Config,
    jobs: int,
    field_name: str,
    folder: Path | FolderSink | None,
    timeout: float,
    processor: Callable[[Document, Config], Result | Stream],
) -> Iterator[Outcome]:
    """The outcomes of ``work`` from ``jobs`` worker processes, in order; ``timeout``
    seconds per document (0: no limit). A long document's output comes back through a
    file of a spill folder that lives as long as the run (see :class:`batch.Spilled`)."""
    context = worker_context()
    spill = Path(tempfile.mkdtemp(prefix="cutter-spill-"))
    arguments = (config, field_name, folder, processor, spill)
    workers: list[_Worker] = []
    watched = _Watched()

    def started() -> _Worker:
        worker = _Worker(context, arguments)
        watched.add(worker)
        return worker

    def renew(worker: _Worker) -> None:
        watched.remove(worker)
        worker.stop(gently=False)
        workers[workers.index(worker)] = started()

    order: deque[_Slot | Outcome] = deque()
    waiting: deque[_Slot] = deque()
    items = iter(work)
    exhausted = finished = False
    try:
        workers.extend(started() for _ in range(jobs))
        while True:
            while not exhausted and len(order) < jobs * WINDOW_PER_JOB:
                item = next(items, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, Outcome):
                    order.append(item)
                else:
                    order.append(slot := _Slot(item))
                    waiting.append(slot)
            for depth in range(DEPTH):  # each worker its first task, then its next ones
                for worker in workers:
                    if waiting and len(worker.slots) == depth and worker.takes(waiting[0]):
                        worker.give(waiting.popleft(), timeout)
            while order:
                head = order[0]
                if isinstance(head, Outcome):
                    yield order.popleft()
                    continue
                while head.outcomes:
                    yield head.outcomes.popleft()
                if not head.done:
                    break
                order.popleft()
            if not order:
                if exhausted:
                    finished = True
                    return
                continue
            left = max(min(worker.deadline for worker in workers) - time.monotonic(), 0)
            # a nap while every worker has work queued: its reports wait in the pipe, and are taken
            # in together, instead of waking this process for each one (each wake costs it tens of µs)
            nap = min(NAP[1], left, min(worker.headroom() for worker in workers) / 2)
            if nap >= NAP[0]:
                time.sleep(nap)
            ready = watched.ready(0 if nap >= NAP[0] else None if left == float("inf") else left)
            while ready:
                for worker, ended in ready.items():
                    if worker in workers and (cause := _receive(worker, timeout, ended)) is not None:
                        if worker.slot is not None:
                            _fail_current(worker, cause, waiting)
                        renew(worker)
                ready = watched.ready(0)  # and what else has come meanwhile
            for worker in list(workers):
                if time.monotonic() > worker.deadline:
                    _fail_current(worker, timed_out(timeout) + "; its worker was replaced", waiting)
                    renew(worker)
    finally:
        for worker in workers:
            worker.stop(gently=finished)
        watched.close()
        shutil.rmtree(spill, ignore_errors=True)


class _Watched:
    """What the pool waits on: each worker's pipe and its process's sentinel. Where the system's
    selector can wait on pipes (POSIX), one is kept for the run: a wait is one system call, where
    ``multiprocessing.connection.wait`` builds a selector each time; else (Windows) that wait."""

    def __init__(self) -> None:
        self.selector = selectors.DefaultSelector() if os.name == "posix" else None
        self.workers: dict[Any, _Worker] = {}  # a pipe or a sentinel: its worker

    def add(self, worker: _Worker) -> None:
        for watched in (worker.connection, worker.process.sentinel):
            self.workers[watched] = worker
            if self.selector is not None:
                self.selector.register(watched, selectors.EVENT_READ)

    def remove(self, worker: _Worker) -> None:
        for watched in (worker.connection, worker.process.sentinel):
            del self.workers[watched]
            if self.selector is not None:
                self.selector.unregister(watched)

    def ready(self, timeout: float | None) -> dict[_Worker, bool]:
        """The workers that have something to say, each with whether its process has ended."""
        if self.selector is not None:
            found = [key.fileobj for key, _ in self.selector.select(timeout)]
        else:
            found = wait(list(self.workers), timeout)
        ready: dict[_Worker, bool] = {}
        for watched in found:
            worker = self.workers[watched]
            ready[worker] = ready.get(worker, False) or watched == worker.process.sentinel
        return ready

    def close(self) -> None:
        if self.selector is not None:
            self.selector.close()


def _receive(worker: _Worker, timeout: float, ended: bool) -> str | None:
    """Take in one message of a worker that has something to say, or (``ended``: its process has
    ended) all it sent before it ended; a cause if it died."""
    try:
        if ended:
            while worker.slot is not None and worker.connection.poll():
                worker.reported(worker.connection.recv(), timeout)
            raise EOFError
        message = worker.connection.recv()
    except (EOFError, OSError):
        worker.process.join(timeout=5)
        return f"its worker process died (exit status {worker.process.exitcode})"
    if worker.slot is None:  # it had no task: nothing it can say is expected
        return "it reported without a task"
    worker.reported(message, timeout)
    return None


def _fail_current(worker: _Worker, cause: str, waiting: deque[_Slot]) -> None:
    """The worker's current document fails; the rest of its task is queued again."""
    slot, position = worker.slot, worker.position
    assert slot is not None
    waiting.extendleft(reversed(list(worker.slots)[1:]))  # the tasks it was yet to start, to the front
    task, source = slot.task, slot.task.source
    rest, broken = None, None
    if not source.dataset:
        label, size = source.label, source.size
    else:
        label = f"{source.label}:{task.first_line + position}"
        try:
            size, rest = after_line(task, position)
        except DatasetBroken as error:
            size, broken = 0, error.outcome
    slot.outcomes.append(Outcome(source, label, error=cause, size=size))
    if broken is not None:
        slot.outcomes.append(broken)
    if rest is not None:
        slot.task = rest
        waiting.appendleft(slot)
    else:
        slot.done = True
    worker.slots.clear()
