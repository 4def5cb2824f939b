"""Worker processes that can be stopped one at a time, for the per-document time limit.

``concurrent.futures`` cannot stop one stuck worker, so this small pool keeps one pipe
per worker. A worker takes one task at a time and reports after every document (a
file's one document and the end of its task in one message), so the parent knows
which document each worker is on and since when. A worker past the limit (or one
that dies) is killed and replaced: its document fails with one line, and the rest of
its task goes to the next free worker. Outcomes come out in task order, whatever
order the workers finish in.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .batch import DatasetBroken, Outcome, Task, after_line, documents, timed_out
from .config import Config
from .export import FolderSink
from .core import Result, Stream, process
from .model import Document
from .workers import ctrl_c_blocked, worker_context

WINDOW_PER_JOB = 8
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
        self.slot: _Slot | None = None
        self.position = 0
        self.deadline = float("inf")
        self.warm = False  # it has reported: started up, it waits for each task it is given

    def give(self, slot: _Slot, timeout: float) -> None:
        self.slot, self.position = slot, 0
        # a warm worker starts on the task at once, so its time limit counts from now; a new one
        # first starts up, and says when it has (its first task's limit counts from there)
        self.deadline = time.monotonic() + timeout if self.warm and timeout else float("inf")
        self.connection.send(slot.task)

    def stop(self, gently: bool) -> None:
        if gently and self.process.is_alive():
            try:
                self.connection.send(None)
            except OSError:
                pass
            self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


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
                connection.send((0, []))  # started: the first task's time limit counts from here
                started = True
            reports = documents(task, config, field_name, folder, processor=processor, spill=spill)
            if task.source.dataset:  # a report after each document, so the parent knows where a stuck one stands
                for done, outcomes in reports:
                    connection.send((done, outcomes))
                connection.send(None)
                continue
            last = None  # a file's one document: its report and the task's end go as one message
            for report in reports:
                if last is not None:
                    connection.send(last)
                last = report
            connection.send(None if last is None else (*last, True))
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
    workers = [_Worker(context, arguments) for _ in range(jobs)]
    order: deque[_Slot | Outcome] = deque()
    waiting: deque[_Slot] = deque()
    items = iter(work)
    exhausted = finished = False
    try:
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
            for worker in workers:
                if worker.slot is None and waiting:
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
            busy = [worker for worker in workers if worker.slot is not None]
            left = min(worker.deadline for worker in busy) - time.monotonic()
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy], None if left == float("inf") else max(left, 0))
            for index, worker in enumerate(workers):
                if worker.slot is None:
                    continue
                cause = _receive(worker, timeout)
                if cause is None and time.monotonic() > worker.deadline:
                    cause = timed_out(timeout) + "; its worker was replaced"
                if cause is not None:
                    _fail_current(worker, cause, waiting)
                    worker.stop(gently=False)
                    workers[index] = _Worker(context, arguments)
    finally:
        for worker in workers:
            worker.stop(gently=finished)
        shutil.rmtree(spill, ignore_errors=True)


def _receive(worker: _Worker, timeout: float) -> str | None:
    """Take in what the worker has reported; a cause if it died."""
    assert worker.slot is not None
    try:
        while worker.slot is not None and worker.connection.poll():
            message = worker.connection.recv()
            worker.warm = True
            if message is None:
                worker.slot.done, worker.slot = True, None
                continue
            worker.position, outcomes, *last = message  # (position, outcomes[, True: the task's last])
            worker.slot.outcomes.extend(outcomes)
            worker.deadline = time.monotonic() + timeout if timeout else float("inf")
            if last:
                worker.slot.done, worker.slot = True, None
    except (EOFError, OSError):
        worker.process.join(timeout=5)
        return f"its worker process died (exit status {worker.process.exitcode})"
    return None


def _fail_current(worker: _Worker, cause: str, waiting: deque[_Slot]) -> None:
    """The worker's current document fails; the rest of its task is queued again."""
    slot, position = worker.slot, worker.position
    assert slot is not None
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
    worker.slot = None
