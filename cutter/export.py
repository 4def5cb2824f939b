"""Result → bytes: the text layout, JSONL lines, and one file per piece.

Text layout (the default): each piece is a block of paragraphs, one paragraph per
line; blocks are separated by one blank line. With ``titles``, a block starts with
the piece's title line. ``awk -v RS= …`` reads one piece per record.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import unicodedata
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import regex

from . import _core
from .core import Result, record
from .errors import DocumentFailed
from .model import CleanPiece, Edit, Layout, edit_records

if TYPE_CHECKING:
    from .batch import Outcome, Source

MAX_NAME = 60
MAX_NAME_BYTES = 180
_UNSAFE = regex.compile(r'[\\/:*?"<>|\p{C}\s]+')
_RESERVED = regex.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$", regex.IGNORECASE)


def text_blocks(result: Result, titles: bool = False) -> Iterable[str]:
    """One block per non-empty piece, each ending in a newline."""
    for piece in result.pieces:
        if block := text_block(piece, titles):
            yield block


def text_block(piece: CleanPiece, titles: bool = False) -> str:
    """A piece's block of the text layout, ending in a newline ("" for a piece with nothing to show)."""
    return "".join(text_block_parts(piece, titles))


def text_block_parts(piece: CleanPiece, titles: bool = False) -> list[str]:
    """:func:`text_block` in parts, a huge text in slices (:func:`slices`), so that no
    whole copy of it is made on the way out."""
    title, text = piece.piece.title, piece.text
    parts = [title] if title and (titles or not text) else []  # an empty piece keeps its block (one block per record)
    if text:
        parts += ["\n", *slices(text)] if parts else slices(text)
    return [*parts, "\n"] if parts else []


SLICE = 1 << 20
"""Characters: the longest part of a huge piece's text that its output is made of."""


def slices(text: str) -> list[str]:
    """``text`` in parts of at most ``SLICE`` characters (none for "")."""
    return [text[start : start + SLICE] for start in range(0, len(text), SLICE)]


def small(piece: CleanPiece) -> bool:
    """Whether a piece's output is made whole (else in parts)."""
    return len(piece.text) <= SLICE and len(piece.edits) <= EDIT_BATCH


EDIT_BATCH = 10_000
"""The most edits a part of a JSONL record holds."""


def whole_if_small(piece: CleanPiece, parts: list[str]) -> list[str]:
    """A piece's output ``parts`` joined into one, unless the piece is huge."""
    return ["".join(parts)] if small(piece) else parts


def text_document(result: Result, titles: bool = False) -> str:
    return "\n".join(text_blocks(result, titles))


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One JSON object per line, real characters rather than ``\\uXXXX`` escapes."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def jsonl_line(row: dict[str, Any], text: bytes | None = None) -> bytes:
    """``jsonl([row])`` as UTF-8, byte for byte, written by the core (``_core.json_line``);
    ``text``: the UTF-8 of ``row["text"]`` when the caller has it (``CleanPiece.utf8``)."""
    return _core.json_line(row, text)


Chunk = str | bytes
"""A part of an output: text, or text already encoded as UTF-8 (a JSONL line the core wrote)."""


def encoded(chunk: Chunk, errors: str = "strict") -> bytes:
    """A chunk as the bytes written for it."""
    return chunk if isinstance(chunk, bytes) else chunk.encode("utf-8", errors)


def record_lines(
    layout: Layout, piece: CleanPiece, edits: bool, meta: Mapping[str, Any] | None, warnings: Iterable[str]
) -> Iterator[Chunk]:
    """A piece's JSONL line (:func:`cutter.core.record`), whole (as bytes), or for a huge piece
    in parts (:func:`jsonl_parts`), so that neither its record nor its line is ever held whole."""
    if small(piece):
        yield jsonl_line(record(layout, piece, edits, meta, warnings), piece.utf8)
    else:
        yield from jsonl_parts(record(layout, piece, False, meta, warnings), piece.edits if edits else None)


def jsonl_parts(row: dict[str, Any], edits: Sequence[Edit] | None = None) -> Iterator[str]:
    """``jsonl([row])`` in parts, with ``edits`` (when given) under ``"edits"`` before
    ``"meta"``: the text in slices, the edits ``EDIT_BATCH`` at a time.

    >>> "".join(jsonl_parts({"text": "甲\\n乙", "meta": {}}, [])) == jsonl([{"text": "甲\\n乙", "edits": [], "meta": {}}])
    True
    """
    items: list[tuple[str, Any]] = list(row.items())
    if edits is not None:
        at = next((i for i, (key, _) in enumerate(items) if key == "meta"), len(items))
        items.insert(at, ("edits", edits))
    yield "{"
    for position, (key, value) in enumerate(items):
        yield f"{', ' if position else ''}{_dump(key)}: "
        if key == "text" and isinstance(value, str):
            yield '"'
            yield from (_dump(part)[1:-1] for part in slices(value))  # JSON escapes each character alone
            yield '"'
        elif key == "edits" and edits is not None:
            yield "["
            records = edit_records(edits)
            for start in range(0, len(edits), EDIT_BATCH):
                batch = ", ".join(_dump(r) for r in itertools.islice(records, EDIT_BATCH))
                yield batch if not start else ", " + batch
            yield "]"
        else:
            yield _dump(value)
    yield "}\n"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def safe_name(name: str, fallback: str = "piece") -> str:
    """A file name that stays inside its folder and that file systems accept.

    >>> safe_name("../../etc/passwd"), safe_name("篇一：我的 梦想?"), safe_name("..."), safe_name("CON")
    ('etc_passwd', '篇一：我的_梦想', 'piece', 'piece_CON')
    """
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip("._ ")
    name = regex.sub(r"\.{2,}", ".", name)
    # The longest prefix within both limits, cut once (an incomplete last character is dropped).
    name = name[:MAX_NAME].encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
    if not name or _RESERVED.match(name):
        name = f"{fallback}_{name}" if name else fallback
    return name


def piece_files(result: Result, titles: bool = False) -> list[tuple[str, str]]:
    """(file name, content): one text file per piece, named by index and title."""
    width = name_width(len(result.pieces))
    return [piece_file(piece, width, titles) for piece in result.pieces]


def name_width(count: int) -> int:
    """How many digits the piece files of a document of ``count`` pieces are numbered with."""
    return max(2, len(str(count)))


def piece_file(piece: CleanPiece, width: int, titles: bool = False) -> tuple[str, str]:
    """(file name, content) of one piece's text file."""
    name, parts = piece_file_parts(piece, width, titles)
    return name, "".join(parts)


def piece_file_parts(piece: CleanPiece, width: int, titles: bool = False) -> tuple[str, list[str]]:
    """:func:`piece_file`, its content in parts (a huge text in slices)."""
    title = safe_name(piece.piece.title, fallback="piece") if piece.piece.title else "piece"
    head = [piece.piece.title, "\n"] if titles and piece.piece.title else []
    return f"{piece.piece.index:0{width}d}-{title}.txt", [*head, *slices(piece.text), "\n"]


PART = ".part"  # an unfinished output's hidden name: ``.NAME.part`` beside it (swept on the next run)
LOCK = ".cutter.lock"
MANIFEST = ".cutter-manifest"


def part_of(path: Path) -> Path:
    """The one fixed name an output is built under, beside it, before it is renamed into place."""
    return path.with_name(f".{path.name}{PART}")


def write_atomic(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write ``data`` (text as UTF-8) under the ``.part`` name beside ``path``, then rename
    it into place; ``mode``: the permission bits to give it (an edited file keeps its own)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = part_of(path)
    try:
        with open(part, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        if mode is not None:
            os.chmod(part, mode)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


class OutputBusy(Exception):
    """Another cutter run holds the output's lock."""


def _lock(path: Path, shared: bool = False) -> int:
    """An open handle holding a ``flock`` on ``path`` (created if need be); never waits."""
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise OutputBusy(str(path.parent if path.name == LOCK else path)) from None
    return handle


def _claim(part: Path) -> int:
    """The ``.part`` file, truncated and locked: another run writing it means OutputBusy.
    The lock is checked to be on the file that still bears the name (a run that just
    renamed it into place leaves the next one a new file)."""
    while True:
        handle = _lock(part)
        try:
            same = os.fstat(handle).st_ino == os.stat(part).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(handle, 0)
            return handle
        os.close(handle)


# --- sinks: where a run's output goes ------------------------------------------------


def write_all(outcomes: Iterable[Outcome], sink: StdoutSink | FolderSink, seen: Callable[[Outcome], None]) -> None:
    """Write every outcome to ``sink``, source by source, committing a source's output
    after its last outcome, unless the source could not be read to its end. ``seen``
    gets each outcome once its write is done; a failed write turns it into an error.
    Once a source breaks off (an outcome that ``aborts`` it: a truncated ``.gz``, a dump
    that changed while read), none of its later outcomes is written: on standard output
    its error line is the last of it. If anything interrupts the run, nothing partial is committed. ``ReaderGone``
    propagates: the caller decides how to stop."""
    current: Source | None = None
    begun = finished = aborted = False
    whole = True
    try:
        for outcome in outcomes:
            if outcome.source != current:
                if begun and current is not None:
                    sink.end(current, ok=whole)
                current, begun, whole, aborted = outcome.source, False, True, False
            if outcome.aborts:
                whole, aborted = False, True
            elif aborted:  # read before its source broke off (workers read a dump's spans out of order)
                pass
            elif outcome.error is None and outcome.written:
                sink.committed(outcome.source, recorded=True)
            elif outcome.error is None:
                try:
                    if not begun:
                        sink.begin(outcome.source)
                        begun = True
                    sink.write(outcome)
                except ReaderGone:
                    raise
                except OSError as error:
                    outcome.error, whole = f"cannot write output: {error}", False
                except DocumentFailed as error:  # a document cleaned as it is written, failing halfway
                    outcome.error, whole = str(error), False
                except Exception as error:  # a bug in rendering must not cost the user the other inputs
                    outcome.error, whole = f"internal error ({type(error).__name__}: {error})", False
            elif not outcome.source.dataset:
                sink.discard(outcome.source)
            seen(outcome)
        if begun and current is not None:
            sink.end(current, ok=whole)
        finished = True
    finally:
        sink.close(ok=finished)


def chunks(rendered: Chunk | Iterable[Chunk]) -> Iterable[Chunk]:
    return (rendered,) if isinstance(rendered, (str, bytes)) else rendered


class ReaderGone(Exception):
    """Standard output's reader has gone away (``cutter split … | head``)."""


class StdoutSink:
    """Everything to standard output, as it comes; documents separated like pieces."""

    def __init__(self, stream: BinaryIO, fmt: str) -> None:
        self.stream, self.format, self.started = stream, fmt, False

    def complete(self, source: Source) -> bool:
        return False

    def begin(self, source: Source) -> None:
        pass

    def write(self, outcome: Outcome) -> None:
        separator = "\n" if self.started and self.format == "text" else ""
        try:
            for chunk in chunks(outcome.rendered):
                if chunk:
                    self.stream.write(encoded(separator + chunk) if separator else encoded(chunk))
                    separator, self.started = "", True
            self.stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None

    def end(self, source: Source, ok: bool) -> None:
        pass

    def committed(self, source: Source, recorded: bool = False) -> None:
        pass

    def discard(self, source: Source) -> None:
        pass

    def close(self, ok: bool = True) -> None:
        pass


class FileSink(StdoutSink):
    """Everything to one file, written under its ``.part`` name (locked, so a second
    run into the same file is refused) and renamed at the end, if any source was
    written: a run whose every input failed leaves the file as it was."""

    def __init__(self, path: Path, fmt: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.temporary, self.begun = path, part_of(path), False
        super().__init__(os.fdopen(_claim(self.temporary), "wb"), fmt)

    def begin(self, source: Source) -> None:
        self.begun = True

    def write(self, outcome: Outcome) -> None:
        """As to standard output; a document that fails halfway through its output (one
        cleaned as it is written) is cut back out of the file."""
        mark, started = self.stream.tell(), self.started
        try:
            super().write(outcome)
        except Exception:
            self.stream.seek(mark)
            self.stream.truncate()
            self.started = started
            raise

    def close(self, ok: bool = True) -> None:
        if self.stream.closed:
            return
        try:
            self.stream.flush()
            if ok and self.begun:
                os.replace(self.temporary, self.path)
            else:
                self.temporary.unlink(missing_ok=True)
        finally:
            self.stream.close()


class GzipFileSink(FileSink):
    """Everything to one gzip-compressed file (``-o all.jsonl.gz``), renamed into place at the end."""

    def __init__(self, path: Path, fmt: str) -> None:
        import gzip

        super().__init__(path, fmt)
        self.raw = self.stream
        self.stream = gzip.GzipFile(fileobj=self.raw, mode="wb", mtime=0)  # type: ignore[assignment]

    def write(self, outcome: Outcome) -> None:
        StdoutSink.write(self, outcome)  # compressed output cannot be cut back

    def close(self, ok: bool = True) -> None:
        self.stream.close()
        self.stream = self.raw
        super().close(ok)


class FolderSink:
    """One ``<stem>.jsonl`` per source, or one ``<stem>/`` folder of piece files per source,
    mirroring the input tree. Each is built under its ``.part`` name and renamed into
    place when the source is done, so what exists is complete; the manifest records
    what made it. Picklable without its open files, for the workers that write."""

    def __init__(self, folder: Path, fmt: str, manifest: Manifest | None = None, folders: set[Path] | None = None) -> None:
        self.folder, self.format, self.manifest = folder, fmt, manifest
        self.building: Path | None = None
        self.stream: BinaryIO | None = None
        self.locks: list[int] = []
        self.folders = set() if folders is None else folders  # those made (or found) already: each is made once
        self.current: tuple[str, Path] | None = None  # the last target made: a source's is asked for often

    def __getstate__(self) -> dict[str, Any]:
        return {"folder": self.folder, "format": self.format, "manifest": self.manifest}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["folder"], state["format"], state["manifest"])  # type: ignore[misc]

    def fresh(self) -> FolderSink:
        """A sink for the same folder and manifest, with no source under way; it shares the
        folders made so far, so a worker makes each folder once, not once a file."""
        return FolderSink(self.folder, self.format, self.manifest, self.folders)

    def lock(self, shard: tuple[int, int] | None = None) -> None:
        """Refuse (OutputBusy) if another run writes here: a whole run takes the folder
        alone; shard runs share it, one run per shard."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.locks.append(_lock(self.folder / LOCK, shared=shard is not None))
        if shard is not None:
            self.locks.append(_lock(self.folder / f".cutter-shard-{shard[0]}-of-{shard[1]}.lock"))

    def sweep(self) -> int:
        """Remove the ``.part`` leftovers of an interrupted run; how many there were."""
        leftovers = list(self.folder.rglob(f".*{PART}")) if self.folder.is_dir() else []
        for leftover in leftovers:
            _remove(leftover)
        return len(leftovers)

    def output_name(self, source: Source) -> str:
        """The source's output, relative to the folder (``/``-separated, as a source's stem is)."""
        return f"{source.stem}.jsonl" if self.format == "jsonl" else source.stem

    def target(self, source: Source) -> Path:
        name = self.output_name(source)
        if self.current is None or self.current[0] != name:
            self.current = (name, self.folder / name)
        return self.current[1]

    def complete(self, source: Source) -> bool:
        """Whether this source's output exists and was made from this very source with
        the same options and version (for --resume)."""
        if self.manifest is None or not self.manifest.complete(source, self.output_name(source)):
            return False
        return self.target(source).exists()

    def begin(self, source: Source) -> None:
        target = self.target(source)
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        try:
            self._begin(part_of(target))
        except FileNotFoundError:  # its folder was made earlier in the run, and removed since
            target.parent.mkdir(parents=True, exist_ok=True)
            self._begin(part_of(target))

    def _begin(self, part: Path) -> None:
        if self.format == "jsonl":
            self.building, self.stream = part, _fresh(part)
        else:
            _remove(part)
            part.mkdir()
            self.building = part

    def write(self, outcome: Outcome) -> None:
        assert self.building is not None
        if self.stream is not None:
            for chunk in chunks(outcome.rendered):
                self.stream.write(encoded(chunk))
            return
        folder = self.building
        if outcome.source.dataset:
            folder = folder / outcome.label.rsplit(":", 1)[1]
            folder.mkdir(exist_ok=True)
        for name, content in outcome.files:
            with open(folder / name, "wb") as stream:
                for part in chunks(content):
                    stream.write(encoded(part))

    def end(self, source: Source, ok: bool) -> None:
        building, self.building = self.building, None
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if building is None:
            return
        if not ok:
            _remove(building)
            return
        target = self.target(source)
        old = None
        if target.is_dir() and not target.is_symlink():
            old = target.with_name(f".{target.name}.old{PART}")
            os.replace(target, old)  # only this source's pieces: outputs never nest (batch.check_outputs)
        elif self.format != "jsonl":  # a folder renamed onto a file: the file goes first
            target.unlink(missing_ok=True)
        self.committed(source)  # before the rename: an output without its record would be redone, never trusted
        os.replace(building, target)  # a file (or link) in the way is replaced whole, as unlinking it would
        if old is not None:
            _remove(old)

    def committed(self, source: Source, recorded: bool = False) -> None:
        """Record the source's output in the manifest; ``recorded``: the process that wrote it
        has (a worker), so only this process's account of the outputs is brought up to date."""
        if self.manifest is not None:
            self.manifest.record(source, self.output_name(source), append=not recorded)

    def discard(self, source: Source) -> None:
        _remove(part_of(self.target(source)))

    def close(self, ok: bool = True) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if self.building is not None:
            _remove(self.building)
            self.building = None
        if self.manifest is not None and self.locks:
            self.manifest.close(compact=len(self.locks) == 1)
        for handle in self.locks:
            os.close(handle)
        self.locks = []


class Manifest:
    """What made each output of a folder, for ``--resume``: one JSON line per run (its
    options and version) and one per committed output (the source's size and
    modification time, and the run). Shard runs write their own file; a whole run
    folds them into one."""

    def __init__(self, folder: Path, options: dict[str, Any], shard: tuple[int, int] | None = None) -> None:
        self.folder, self.options = folder, options
        self.run = hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()[:16]
        suffix = f"-{shard[0]}-of-{shard[1]}" if shard is not None else ""
        self.path = folder / f"{MANIFEST}{suffix}"
        self.runs: dict[str, dict[str, Any]] = {}
        self.entries: dict[str, dict[str, Any]] = {}
        self.handle: int | None = None  # the manifest opened for appending, once

    def __getstate__(self) -> dict[str, Any]:
        return {"folder": self.folder, "options": self.options, "run": self.run, "path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, runs={}, entries={}, handle=None)

    def load(self) -> None:
        """Read what earlier runs recorded, and record this run's options."""
        for path in sorted(self.folder.glob(f"{MANIFEST}*")):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a killed run
                if isinstance(row, dict) and "output" in row:
                    previous = self.entries.get(row["output"])
                    if previous is None or row.get("time", 0) >= previous.get("time", 0):
                        self.entries[row["output"]] = row
                elif isinstance(row, dict) and "options" in row:
                    self.runs[row.get("run", "")] = row
        self._append({"run": self.run, "options": self.options})

    def complete(self, source: Source, output: str) -> bool:
        """``output``: the output's name in the folder (``/``-separated)."""
        entry = self.entries.get(output)
        return (
            entry is not None and source.path is not None and entry.get("run") == self.run
            and entry.get("size") == source.size and entry.get("mtime_ns") == source.mtime_ns
        )  # fmt: skip

    def record(self, source: Source, output: str, append: bool = True) -> None:
        """Note that ``output`` was made from ``source`` by this run, and (``append``) say so in the file."""
        row = {"output": output, "source": source.label, "run": self.run, "size": source.size,
               "mtime_ns": source.mtime_ns, "time": time.time()}  # fmt: skip
        self.entries[row["output"]] = row
        if append:
            self._append(row)

    def _append(self, row: dict[str, Any]) -> None:
        # one write per line, in append mode: worker processes share the file
        if self.handle is None:
            self.handle = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        line = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
        while line:
            line = line[os.write(self.handle, line) :]

    def close(self, compact: bool) -> None:
        """With the folder to itself, fold every manifest into one, keeping only the
        records of outputs that exist."""
        if self.handle is not None:
            os.close(self.handle)
            self.handle = None
        if not compact:
            return
        kept = [row for row in self.entries.values() if (self.folder / row["output"]).exists()]
        runs = {row["run"] for row in kept} | {self.run}
        headers = [self.runs.get(run) or {"run": run, "options": self.options} for run in sorted(runs)]
        write_atomic(self.path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in [*headers, *kept]))
        for other in self.folder.glob(f"{MANIFEST}-*"):
            other.unlink(missing_ok=True)


WRITE_BUFFER = 1 << 16  # an output's bytes go to the system this many at a time (a typical page's output in one or two writes)


def _fresh(part: Path) -> BinaryIO:
    """``part`` opened empty for writing: what an interrupted run left there is truncated, or
    removed first when it is a folder or a link (never followed: it could lead out of the folder)."""
    try:
        handle = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    except OSError:  # a link (ELOOP) or a folder (EISDIR)
        _remove(part)
        handle = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    return os.fdopen(handle, "wb", buffering=WRITE_BUFFER)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
