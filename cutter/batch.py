"""Inputs → outcomes: find the sources behind the command-line paths and process them,
in worker processes when asked, always yielding results in source order.

A *source* is a text file, standard input, or one JSONL dataset file. A dataset is
cut into *tasks* (runs of its lines, about half a megabyte each), so one huge dump spreads over every worker;
every document (a file, or one dataset line) becomes one :class:`Outcome`. A task of
an uncompressed dump on disk is only a byte range of it (a :class:`Span`), which the
worker reads itself: the dump's text never travels between processes.
Something that cannot be read or decoded becomes a failed outcome with a one-line
cause, and the rest are still processed.
"""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import gzip
import hashlib
import itertools
import json
import os
import signal
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG
from typing import Any, BinaryIO

from .config import Config
from .core import HELD_TEXT, Result, Stream, output_stream, piece_warning_lines
from .decode import Decoded, decode, decode_text
from .errors import CutterError, DocumentFailed, InputError
from .export import (
    LOCK, MANIFEST, PART, Chunk, FolderSink, chunks, encoded, name_width, piece_file_parts, record_lines,
    text_block_parts, whole_if_small,
)
from .lint_warnings import kind_of
from .model import CleanPiece, Document, edit_rules

STDIN = "-"
LINES_PER_TASK = 64  # a task of shipped lines: standard input's, or a compressed dump's
SPAN_BYTES = 1 << 19  # a task of an uncompressed dump: this many bytes, and on to the end of the line
READ_CHUNK = 1 << 20  # the planner reads a dump this much at a time, to find its line ends


@dataclass(frozen=True)
class Source:
    """One input: ``label`` as the user gave it, ``stem`` for naming its outputs."""

    label: str
    path: Path | None
    stem: str
    size: int = 0
    dataset: bool = False
    mtime_ns: int = 0


@dataclass(frozen=True)
class Span:
    """Where a task's lines lie in an uncompressed dump: ``length`` bytes from ``offset``,
    starting and ending at a line's start (or the file's end); and the file's size,
    modification time and identity (device and inode) when it was planned, so a reader can
    tell it has changed, or been replaced by another file, since."""

    offset: int
    length: int
    size: int
    mtime_ns: int
    device: int = 0
    inode: int = 0

    @property
    def end(self) -> int:
        return self.offset + self.length

    def planned(self, status: os.stat_result) -> bool:
        """Whether ``status`` is of the file as it was planned."""
        return _identity(status) == (self.size, self.mtime_ns, self.device, self.inode)


def _identity(status: os.stat_result) -> tuple[int, int, int, int]:
    return status.st_size, status.st_mtime_ns, status.st_dev, status.st_ino


@dataclass(frozen=True)
class Task:
    """Work for one worker call: a whole file, or a run of dataset lines, either shipped
    as ``lines`` or read by the worker from the dump's ``span``. ``first_line``: the
    number of the run's first line in the dump (1-based)."""

    source: Source
    first_line: int = 0
    lines: tuple[bytes, ...] = ()
    data: bytes | None = None  # standard input, read once in the main process
    span: Span | None = None


@dataclass
class Outcome:
    """What became of one document."""

    source: Source
    label: str
    result: Result | None = None
    error: str | None = None
    rendered: Chunk | Iterable[Chunk] = ""  # in the calling process: made piece by piece as it is written
    files: Iterable[tuple[str, str | list[str]]] = field(default_factory=list)  # (name, content or its parts)
    warnings: list[str] = field(default_factory=list)
    written: bool = False
    stats: Stats | None = None
    size: int = 0
    aborts: bool = False  # the source could not be read to its end: commit none of its output


@dataclass
class Stats:
    """Counts for the summary: one document's, or a whole run's when added up."""

    chars_in: int = 0
    chars_out: int = 0
    pieces: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, other: Stats) -> None:
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.pieces += other.pieces
        for mine, theirs in ((self.edits, other.edits), (self.warnings, other.warnings)):
            for key, count in theirs.items():  # Counter.update, without its checks: a run adds up every document's
                mine[key] = mine.get(key, 0) + count
        self.seconds += other.seconds


# --- finding sources ----------------------------------------------------------------


def discover(
    paths: Iterable[str],
    pattern: str = "*.txt",
    dataset: bool = False,
    exclude: Path | None = None,
    skipped: list[tuple[str, str]] | None = None,
) -> Iterator[Source | Outcome]:
    """Sources for the given paths; folders are walked recursively, in sorted order.

    Symlinked folders are followed once; a loop, a broken link or a special file is
    reported as a failed outcome. ``exclude`` (the output folder) is not walked once
    an earlier run has marked it as cutter's (see :func:`is_output_folder`).
    ``skipped`` receives (path, why) for what was passed over: that folder, and a
    folder with no file matching ``pattern``.
    """
    paths = list(paths)
    prefix_roots = len(paths) > 1
    excluded = exclude.resolve() if exclude is not None and is_output_folder(exclude) else None
    notes = skipped if skipped is not None else []
    for given in paths:
        if given == STDIN:
            yield Source(STDIN, None, "stdin", dataset=dataset)
            continue
        path = Path(given)
        if path.is_dir():
            root_name = path.resolve().name if prefix_roots else ""
            found = yield from _walk(path, pattern, dataset, excluded, root_name, notes)
            if not found:
                notes.append((given, f"no file matches --glob {pattern!r}"))
        else:
            yield _file_source(given, path, path.name, dataset)


def is_output_folder(folder: Path) -> bool:
    """Whether an earlier run wrote this folder (it holds cutter's lock or manifest)."""
    return (folder / LOCK).exists() or (folder / MANIFEST).exists()


def _walk(
    root: Path, pattern: str, dataset: bool, excluded: Path | None, root_name: str, skipped: list[tuple[str, str]]
) -> Generator[Source | Outcome, None, int]:
    seen: set[tuple[int, int]] = set()
    found = 0
    top = os.fspath(root)
    for folder, subfolders, files in os.walk(root, followlinks=True):
        here = Path(folder)
        status = here.stat()
        if (status.st_dev, status.st_ino) in seen:
            subfolders.clear()
            yield Outcome(Source(folder, here, folder), folder, error="symlink loop: folder already walked")
            continue
        seen.add((status.st_dev, status.st_ino))
        if excluded is not None and here.resolve() == excluded:
            subfolders.clear()
            skipped.append((folder, "the output folder is not read as input"))
            continue
        subfolders.sort()
        # the files' names below the root, as os.walk joins them onto it: (root name/)sub/folder/
        within = "/".join(part for part in (root_name, *folder[len(top) :].split(os.sep)) if part)
        for name in sorted(files):
            if fnmatch.fnmatch(name, pattern):
                path = here / name
                found += 1
                yield _file_source(str(path), path, f"{within}/{name}" if within else name, dataset)
    return found


def unsafe_outputs(sources: Iterable[Source | Outcome], output: Path, names: Callable[[Source], str] | None) -> str | None:
    """Why writing to ``output`` could lose data, or None. ``names``: each source's output
    name in a folder, ``/``-separated (:meth:`FolderSink.output_name`; None: ``output`` is one file).

    Refused: an output that is an input or a folder holding one (symlinks followed),
    two sources with one output, one source's output folder holding another's, and
    names that cutter keeps for its own files.
    """
    resolved = os.fspath(output.resolve())
    inside = resolved.rstrip(os.sep) + os.sep  # what a path the output folder holds starts with
    folders: dict[str, str] = {}  # each input folder resolved once
    chosen: dict[tuple[str, ...], Source] = {}
    for source in sources:
        if not isinstance(source, Source):
            continue
        if source.path is not None:
            real = _resolved(os.fspath(source.path), folders)
            if real == resolved:
                return f"-o {output} is one of the inputs"
            if names is not None and real.startswith(inside):
                return f"-o {output} holds the input {source.label}: outputs are never written among the inputs"
        if names is None:
            continue
        parts = tuple(names(source).split("/"))
        if any(part.startswith(".cutter") or part.startswith(".") and part.endswith(PART) for part in parts):
            return f"{source.label}: its output name {output.joinpath(*parts)} is kept for cutter's own files"
        if parts in chosen:
            return f"{chosen[parts].label} and {source.label} would both write {output.joinpath(*parts)}"
        chosen[parts] = source
    ordered = sorted(chosen)
    for outer, inner in zip(ordered, ordered[1:]):
        if inner[: len(outer)] == outer:
            return (
                f"{chosen[outer].label} and {chosen[inner].label} clash: the output folder {output.joinpath(*outer)} "
                f"would hold {output.joinpath(*inner)}; rename one of them, or use --format jsonl"
            )
    return None


def _resolved(path: str, folders: dict[str, str]) -> str:
    """``Path(path).resolve()`` as a string, the folder of a file that is no link resolved once
    for all its files (strings, not ``Path``s: this runs once for every input of a batch)."""
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.fspath(Path(path).resolve())
    if folder not in folders:
        folders[folder] = os.fspath(Path(folder).resolve())
    return os.path.join(folders[folder], name)


def _file_source(label: str, path: Path, relative: str, dataset: bool) -> Source | Outcome:
    """``relative``: the file's name below the walked root, ``/``-separated, which names its output."""
    stem = _stem(relative)
    try:
        status = path.stat()
    except OSError as error:
        cause = "symlink loop" if error.errno == 40 else ("broken symlink" if path.is_symlink() else "no such file or folder")
        return Outcome(Source(label, path, stem), label, error=cause)
    if not S_ISREG(status.st_mode):
        return Outcome(Source(label, path, stem), label, error="not a regular file")
    return Source(label, path, stem, status.st_size, dataset or _is_dataset_name(path.name), status.st_mtime_ns)


def _is_dataset_name(name: str) -> bool:
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def _stem(relative: str) -> str:
    """A file's output name without its suffix: ``a/b.txt`` → ``a/b``, ``c.txt.gz`` → ``c``,
    ``.hidden`` and ``d.`` as they are (``PurePosixPath.suffix``'s rule).

    >>> [_stem(name) for name in ["a/b.txt", "c.txt.gz", "d.jsonl.gz", ".hidden", "d.", "e.tar.bz2", ".txt.gz"]]
    ['a/b', 'c', 'd', '.hidden', 'd.', 'e.tar', '.txt']
    """
    name = relative.rpartition("/")[2]
    for suffix in (".jsonl.gz", ".ndjson.gz", ".txt.gz"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return relative[: -len(suffix)]
    dot = name.rfind(".")
    return relative[: len(relative) - len(name) + dot] if 0 < dot < len(name) - 1 else relative


def shard_of(label: str, shards: int) -> int:
    """The shard (0 … shards-1) a source belongs to: a stable hash of its path as given,
    the same on every machine and in every run.

    >>> shard_of("corpus/a.txt", 3) == shard_of("corpus/a.txt", 3)
    True
    """
    return int.from_bytes(hashlib.sha256(label.encode("utf-8")).digest()[:8], "big") % shards


# --- tasks ----------------------------------------------------------------------------


def tasks(source: Source) -> Iterator[Task | Outcome]:
    """The tasks of one source: the file itself, or its dataset lines in runs.

    An uncompressed dump on disk is cut into line-aligned byte ranges, found here by
    reading it a chunk at a time; its lines are read by whoever runs the task. Standard
    input and compressed dumps cannot be seeked: their lines travel with the task.
    Dataset lines are decoded one by one, so a bad line fails alone. A stream that breaks
    off (a truncated ``.gz``, a read error, a dump that changes meanwhile) ends with an
    outcome that ``aborts`` the source: its output is not committed.
    """
    if not source.dataset:
        yield Task(source, data=sys.stdin.buffer.read() if source.path is None else None)
    elif source.path is not None and not source.path.name.endswith(".gz"):
        yield from _spans(source)
    else:
        yield from _shipped(source)


def _shipped(source: Source) -> Iterator[Task | Outcome]:
    batch: list[bytes] = []
    first = number = 0
    try:
        for number, line in enumerate(_open_lines(source), start=1):
            if not batch:
                first = number
            batch.append(line)
            if len(batch) == LINES_PER_TASK:
                yield Task(source, first, tuple(batch))
                batch = []
    except (OSError, EOFError, zlib.error) as error:
        if batch:
            yield Task(source, first, tuple(batch))
        yield _unreadable(source, number, error)
        return
    if batch:
        yield Task(source, first, tuple(batch))
    elif number == 0:
        yield _empty(source)


def _spans(source: Source) -> Iterator[Task | Outcome]:
    """Tasks of about ``SPAN_BYTES`` each, cut after a newline, with the number of each
    one's first line: the dump is read here a chunk at a time, and no line is kept."""
    assert source.path is not None
    line = 1  # the number of the line that starts at ``start``
    try:
        with open(source.path, "rb") as stream:
            status = os.fstat(stream.fileno())
            size, mtime, device, inode = _identity(status)
            if size == 0:
                yield _empty(source)
                return
            start = offset = 0  # where the next span starts; where the next chunk starts
            pending = 0  # newlines between ``start`` and this chunk
            while offset < size:
                chunk = stream.read(min(READ_CHUNK, size - offset))
                if not chunk:
                    yield _changed(source, size, _size_now(stream))
                    return
                at = 0  # where this chunk's newlines are still to be counted
                while (cut := chunk.find(b"\n", max(at, start + SPAN_BYTES - 1 - offset))) >= 0:
                    end = offset + cut + 1
                    yield Task(source, line, span=Span(start, end - start, size, mtime, device, inode))
                    line += pending + chunk.count(b"\n", at, cut + 1)
                    start, at, pending = end, cut + 1, 0
                pending += chunk.count(b"\n", at)
                offset += len(chunk)
            if start < size:
                yield Task(source, line, span=Span(start, size - start, size, mtime, device, inode))
            after = os.fstat(stream.fileno())
            if _identity(after) != (size, mtime, device, inode):
                yield _changed(source, size, after.st_size)
    except OSError as error:
        yield _unreadable(source, line - 1, error)


def _size_now(stream: Any) -> int:
    return os.fstat(stream.fileno()).st_size


def _empty(source: Source) -> Outcome:
    return Outcome(source, source.label, warnings=["empty dataset: no lines"], stats=Stats())


def _unreadable(source: Source, lines_read: int, error: BaseException) -> Outcome:
    cause = f"cannot read the dataset past line {lines_read}: {error}"
    return Outcome(source, f"{source.label}:{lines_read + 1}", error=cause, aborts=True)


def _changed(source: Source, planned: int, now: int) -> Outcome:
    how = f"{planned:,} bytes when its lines were planned, {now:,} now" if now != planned else "modified after its lines were planned"
    cause = f"the dataset changed while it was read ({how}): none of its output is kept; run again once it is complete"
    return Outcome(source, source.label, error=cause, aborts=True)


class DatasetBroken(Exception):
    """A task's lines cannot all be read: ``outcome`` (one that aborts the source) says why."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.error)
        self.outcome = outcome


def task_lines(task: Task) -> Iterator[bytes]:
    """A dataset task's lines, in order: shipped with it, or read from its span of the dump
    (the first line of the file without its byte-order mark). Raises :class:`DatasetBroken`
    if the dump cannot be read or is no longer the file that was planned."""
    if task.span is None:
        yield from task.lines
        return
    source, span = task.source, task.span
    assert source.path is not None
    number = task.first_line
    try:
        with _as_planned(source.path, task) as stream:
            left = span.length
            while left > 0:
                line = stream.readline(left)
                left -= len(line)
                if not line or (left and not line.endswith(b"\n")):
                    raise DatasetBroken(_changed(source, span.size, _size_now(stream)))
                yield line.removeprefix(codecs.BOM_UTF8) if number == 1 else line
                number += 1
    except OSError as error:
        raise DatasetBroken(_unreadable(source, number - 1, error)) from None


@contextlib.contextmanager
def _as_planned(path: Path, task: Task) -> Iterator[BinaryIO]:
    """The dump, open at the start of the task's span; :class:`DatasetBroken` if it is no
    longer the file that was planned (its size, modification time or inode has changed)."""
    assert task.span is not None
    with open(path, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not task.span.planned(status):
            raise DatasetBroken(_changed(task.source, task.span.size, status.st_size))
        stream.seek(task.span.offset)
        yield stream


def after_line(task: Task, position: int) -> tuple[int, Task | None]:
    """For a dataset task whose line at ``position`` (0-based) has failed from outside (its
    worker died or was stopped): that line's size, and a task for the lines after it (None
    if there are none). A span is scanned a chunk at a time for its line ends; raises
    :class:`DatasetBroken` if the dump cannot be read or has changed."""
    source, first = task.source, task.first_line + position + 1
    if task.span is None:
        rest = task.lines[position + 1 :]
        size = len(task.lines[position]) if position < len(task.lines) else 0
        return size, Task(source, first, rest) if rest else None
    span = task.span
    starts = itertools.chain([span.offset], _line_ends(task, first - 2), itertools.repeat(span.end))
    begin = next(itertools.islice(starts, position, None))
    end = next(starts)
    return end - begin, Task(source, first, span=replace(span, offset=end, length=span.end - end)) if end < span.end else None


def _line_ends(task: Task, lines_read: int) -> Iterator[int]:
    """The offsets just past each newline of the task's span."""
    source, span = task.source, task.span
    assert source.path is not None and span is not None
    try:
        with _as_planned(source.path, task) as stream:
            offset = span.offset
            while offset < span.end and (chunk := stream.read(min(READ_CHUNK, span.end - offset))):
                at = 0
                while (cut := chunk.find(b"\n", at)) >= 0:
                    at = cut + 1
                    yield offset + at
                offset += len(chunk)
    except OSError as error:
        raise DatasetBroken(_unreadable(source, lines_read, error)) from None


def _open_lines(source: Source) -> Iterator[bytes]:
    if source.path is None:
        opened: Any = contextlib.nullcontext(sys.stdin.buffer)
    else:
        opened = gzip.open(source.path, "rb") if source.path.name.endswith(".gz") else open(source.path, "rb")
    with opened as stream:
        for number, line in enumerate(stream):
            yield line.removeprefix(codecs.BOM_UTF8) if number == 0 else line


# --- the worker side ------------------------------------------------------------------


def run_task(
    task: Task, config: Config, field_name: str = "text", folder: Path | FolderSink | None = None, keep_result: bool = True
) -> list[Outcome]:
    """Process one task; pure, picklable, and safe to call in any process.

    ``folder``: the output folder, if any. A file source's output is then written here,
    in the worker, so only counts travel back; a dataset's lines come back rendered for
    the parent to write in order.
    ``keep_result``: keep the whole Result (and render only when the output is read);
    off when it would only be pickled back.
    """
    outcomes = documents(task, config, field_name, folder, keep_result=keep_result, lazy=keep_result)
    return [outcome for _, done in outcomes for outcome in done]


def documents(
    task: Task,
    config: Config,
    field_name: str = "text",
    folder: Path | FolderSink | None = None,
    *,
    keep_result: bool = False,
    lazy: bool = False,
    timeout: float = 0,
    processor: Callable[[Document, Config], Result | Stream] = output_stream,
    spill: Path | None = None,
) -> Iterator[tuple[int, list[Outcome]]]:
    """The task's documents one by one: (how many of the task's documents are done, their outcomes).

    ``lazy``: the outcomes are written in this process, so each one's output is made as
    it is written (a document over ``STREAM_CHARS`` is even cleaned piece by piece then);
    else it is made at once, to travel to another process.
    ``timeout``: in the main thread, a document that takes longer fails alone (worker
    processes are stopped from outside instead; see :mod:`cutter.pool`).
    ``processor``: the pipeline; tests swap in a slow one.
    ``spill``: a folder for the output of a long document that is not ``lazy`` (a worker
    process's): it is written there piece by piece and travels as a :class:`Spilled`.
    """
    want_files = folder is not None and config.format == "text"
    work = _Work(config, want_files, keep_result, timeout, processor)
    if not task.source.dataset:
        started = time.perf_counter()
        try:
            document = _read(task.source, config.encoding, config.max_size_mb, task.data)
        except CutterError as error:
            yield 1, [Outcome(task.source, task.source.label, error=str(error))]
            return
        here = folder is not None  # written right here, piece by piece
        spilled = not (lazy or here) and spill is not None and len(document.text) > STREAM_CHARS
        outcome = work.finish(task.source, task.source.label, document, started, task.source.size, None,
                              lazy or here or spilled)  # fmt: skip
        if here and outcome.error is None:
            _write_here(outcome, folder, config.format)
        elif spilled and outcome.error is None:
            _spill(outcome, spill)  # type: ignore[arg-type]
        yield 1, [outcome]
        return
    lines, position = task_lines(task), 0
    while True:
        try:
            line = next(lines, None)
        except DatasetBroken as broken:
            yield position + 1, [broken.outcome]
            return
        if line is None:
            return
        started = time.perf_counter()
        label = f"{task.source.label}:{task.first_line + position}"
        position += 1
        if not line.strip():
            yield position, []
            continue
        size = len(line)
        try:
            document, meta = _dataset_document(label, line, field_name)
        except CutterError as error:
            yield position, [Outcome(task.source, label, error=str(error), size=size)]
            continue
        yield position, [work.finish(task.source, label, document, started, size, meta, lazy)]


STREAM_CHARS = 1_000_000
"""A document longer than this (about 3 MB) is cleaned piece by piece as its output is
written, so its clean pieces and edits are never all held at once; a shorter one is
cleaned whole first, so it never fails halfway through its output."""


@dataclass(frozen=True)
class _Work:
    config: Config
    want_files: bool
    keep_result: bool
    timeout: float
    processor: Callable[[Document, Config], Result | Stream]

    def finish(
        self, source: Source, label: str, document: Document, started: float, size: int,
        meta: dict[str, Any] | None, lazy: bool,
    ) -> Outcome:  # fmt: skip
        outcome = Outcome(source, label, size=size)
        try:
            with _time_limit(self.timeout):
                made = self.processor(document, self.config)
                if self.keep_result or not lazy or len(document.text) <= STREAM_CHARS:
                    made = made if isinstance(made, Result) else Result.of(made)
                output = _Output(outcome, made, self.config, meta, started, self.timeout)
                if self.keep_result:
                    outcome.result = made  # type: ignore[assignment]
                if self.want_files:
                    outcome.files = output.files() if lazy else list(output.files())
                else:
                    outcome.rendered = output.chunks() if lazy else list(output.chunks())
        except DocumentTimeout:
            return Outcome(source, label, error=timed_out(self.timeout), size=size)
        except Exception as error:  # a bug must not cost the user the other inputs
            return Outcome(source, label, error=f"internal error ({type(error).__name__}: {error})", size=size)
        return outcome


class _Output:
    """One document's output, made piece by piece as it is read, which fills in the
    outcome's warnings and counts as it goes: they are whole once the last piece is out.
    Where the pieces are still to be cleaned (a :class:`Stream`), each one's cleaning
    keeps to what is left of the document's time limit."""

    def __init__(
        self, outcome: Outcome, made: Result | Stream, config: Config, meta: dict[str, Any] | None,
        started: float, timeout: float,
    ) -> None:  # fmt: skip
        self.outcome, self.made, self.config, self.meta = outcome, made, config, meta
        self.started, self.timeout = started, timeout
        layout = made.layout
        outcome.warnings = list(layout.warnings)
        self.stats = Stats(chars_in=len(layout.document.text), pieces=len(layout.pieces))
        self.stats.warnings.update(kind_of(warning) for warning in layout.warnings)

    def pieces(self) -> Iterator[tuple[CleanPiece, tuple[str, ...]]]:
        cleaned = self.made.cleaned()
        limited = isinstance(self.made, Stream) and self.timeout > 0
        stats, warnings = self.stats, self.outcome.warnings
        while True:
            if limited:
                left = self.timeout - (time.perf_counter() - self.started)
                try:
                    with _time_limit(max(left, 0.001)):
                        item = next(cleaned, None)
                except DocumentTimeout:
                    raise DocumentFailed(timed_out(self.timeout)) from None
            else:
                item = next(cleaned, None)
            if item is None:
                break
            piece, structural = item
            stats.chars_out += len(piece.text)
            stats.edits.update(edit_rules(piece.edits))
            lines = list(piece_warning_lines(piece, structural))
            stats.warnings.update(kind_of(line) for line in lines)
            warnings += lines
            yield piece, structural
        stats.seconds = time.perf_counter() - self.started
        self.outcome.stats = stats

    def chunks(self) -> Iterator[Chunk]:
        """The text layout or the JSONL lines (a huge piece's in parts)."""
        if self.config.format == "text":
            separator = ""
            for piece, _ in self.pieces():
                if parts := text_block_parts(piece, self.config.titles):
                    yield from whole_if_small(piece, [separator, *parts])
                    separator = "\n"
            return
        layout, edits = self.made.layout, self.config.edits
        for piece, structural in self.pieces():
            yield from record_lines(layout, piece, edits, self.meta, (*structural, *piece.warnings))

    def files(self) -> Iterator[tuple[str, list[str]]]:
        """(name, content in parts) of each piece's file."""
        width = name_width(len(self.made.layout.pieces))
        for piece, _ in self.pieces():
            name, parts = piece_file_parts(piece, width, self.config.titles)
            yield name, list(whole_if_small(piece, parts))


class DocumentTimeout(BaseException):  # not an Exception: finish must not take it for a bug
    """A document took longer than ``--timeout``."""


def timed_out(seconds: float) -> str:
    return f"timed out after {seconds:g} s (--timeout)"


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Spilled:
    """A worker's output of a long document, in a file of the run's spill folder: the parent
    reads it a chunk at a time and removes it, so the output never travels, nor is ever
    held, as one pickled string."""

    CHUNK = 1 << 20  # characters

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[str]:
        try:
            with open(self.path, encoding="utf-8", errors="surrogatepass", newline="") as stream:
                while chunk := stream.read(self.CHUNK):
                    yield chunk
        finally:
            self.path.unlink(missing_ok=True)


def _spill(outcome: Outcome, folder: Path) -> None:
    """Write the outcome's output (made as it is written) to a file of ``folder``."""
    handle, name = tempfile.mkstemp(dir=folder, suffix=".spill")
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks(outcome.rendered):
                stream.write(encoded(chunk, "surrogatepass"))
    except DocumentFailed as error:
        outcome.error = str(error)
    except Exception as error:  # a bug in cleaning or rendering must not cost the user the other inputs
        outcome.error = f"internal error ({type(error).__name__}: {error})"
    if outcome.error is None:
        outcome.rendered = Spilled(path)
    else:
        path.unlink(missing_ok=True)
        outcome.rendered = ""


def _write_here(outcome: Outcome, folder: Path | FolderSink, fmt: str) -> None:
    """Write one file source's output with the same atomic sink the parent would use."""
    sink = folder.fresh() if isinstance(folder, FolderSink) else FolderSink(folder, fmt)
    try:
        sink.begin(outcome.source)
        sink.write(outcome)
        sink.end(outcome.source, ok=True)
    except OSError as error:
        sink.close()
        outcome.error = f"cannot write output: {error}"
    except DocumentFailed as error:
        sink.close()
        outcome.error = str(error)
    except Exception as error:  # a bug in cleaning or rendering must not cost the user the other inputs
        sink.close()
        outcome.error = f"internal error ({type(error).__name__}: {error})"
    outcome.rendered, outcome.files, outcome.written = "", [], True


def _dataset_document(label: str, line: bytes, field_name: str) -> tuple[Document, dict[str, Any]]:
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 (byte {error.start + 1} of the line)") from None
    except json.JSONDecodeError as error:
        raise InputError(f"not a JSON object ({error.msg} at column {error.colno})") from None
    if not isinstance(row, dict):
        raise InputError("not a JSON object")
    text = row.get(field_name)
    if not isinstance(text, str):
        raise InputError(f"no text field {field_name!r}")
    meta = {key: value for key, value in row.items() if key != field_name}
    decoded = decode_text(text)
    return Document(label, decoded.text, utf8=_held(decoded)), meta


def _read(source: Source, encoding: str | None = None, limit_mb: int = 64, data: bytes | None = None) -> Document:
    if data is not None:
        pass
    elif source.path is None:
        data = sys.stdin.buffer.read()
    else:
        if source.size > limit_mb * 1_000_000:
            raise InputError(
                f"{source.size / 1e6:.1f} MB is over the {limit_mb} MB limit for one page; "
                "put many pages in a JSONL dump, or raise --max-size"
            )
        try:
            data = source.path.read_bytes()
        except OSError as error:
            raise InputError((error.strerror or str(error)).lower()) from None
    decoded = decode(data, encoding)
    return Document(source.label, decoded.text, decoded.encoding, _held(decoded))


def _held(decoded: Decoded) -> bytes | None:
    """The bytes a document keeps for the core (``Document.utf8``): only those of a document the
    core holds whole (``core.HELD_TEXT``), so that a huge one is not held twice."""
    return decoded.utf8 if len(decoded.text) <= HELD_TEXT else None


def warning_kind(message: str) -> str:
    """A warning's kind, which every warning string starts with, for counting."""
    return kind_of(message)


# --- running --------------------------------------------------------------------------


def run(
    items: Iterable[Source | Outcome],
    config: Config,
    jobs: int = 1,
    field_name: str = "text",
    folder: Path | FolderSink | None = None,
    timeout: float = 0,
    processor: Callable[[Document, Config], Result | Stream] = output_stream,
) -> Iterator[Outcome]:
    """Process every source, in worker processes when ``jobs`` > 1; outcomes come in
    source order, then line order, whatever order the workers finish in.

    ``timeout``: seconds per document (0: no limit); a document past it fails alone.
    Sources are read here, in the calling process (standard input only once).
    """
    work = _work_items(items)
    if jobs <= 1:
        outcomes: Generator[Outcome, None, None] = _in_process(work, config, field_name, folder, timeout, processor)
    else:
        from .pool import run_pool

        outcomes = run_pool(work, config, jobs, field_name, folder, timeout, processor)
    yield from _one_abort_each(outcomes)


def _in_process(
    work: Iterable[Task | Outcome],
    config: Config,
    field_name: str,
    folder: Path | FolderSink | None,
    timeout: float,
    processor: Callable[[Document, Config], Result | Stream],
) -> Generator[Outcome, None, None]:
    for item in work:
        if isinstance(item, Outcome):
            yield item
            continue
        for _, outcomes in documents(item, config, field_name, folder, lazy=True, timeout=timeout, processor=processor):
            yield from outcomes


def _one_abort_each(outcomes: Generator[Outcome, None, None]) -> Iterator[Outcome]:
    """The outcomes, but only the first of a source's aborting ones: every task of a dump
    that changed while it was read finds the change, and one error line says it."""
    aborted: set[Source] = set()
    try:
        for outcome in outcomes:
            if outcome.aborts:
                if outcome.source in aborted:
                    continue
                aborted.add(outcome.source)
            yield outcome
    finally:
        outcomes.close()


def _work_items(items: Iterable[Source | Outcome]) -> Iterator[Task | Outcome]:
    for item in items:
        if isinstance(item, Outcome):
            yield item
        else:
            yield from tasks(item)
