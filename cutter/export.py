"""Result → bytes: the text layout, JSONL lines, and one file per piece.

Text layout (the default): each piece is a block of paragraphs, one paragraph per
line; blocks are separated by one blank line. With ``titles``, a block starts with
the piece's title line. ``awk -v RS= …`` reads one piece per record.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import regex

from .core import Result

if TYPE_CHECKING:
    from .batch import Outcome, Source

MAX_NAME = 60
_UNSAFE = regex.compile(r'[\\/:*?"<>|\p{C}\s]+')
_RESERVED = regex.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$", regex.IGNORECASE)


def text_blocks(result: Result, titles: bool = False) -> Iterable[str]:
    """One block per non-empty piece, each ending in a newline."""
    for piece in result.pieces:
        lines = ([piece.piece.title] if titles and piece.piece.title else []) + (
            [piece.text] if piece.text else []
        )
        if lines:
            yield "\n".join(lines) + "\n"


def text_document(result: Result, titles: bool = False) -> str:
    return "\n".join(text_blocks(result, titles))


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One JSON object per line, real characters rather than ``\\uXXXX`` escapes."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def safe_name(name: str, fallback: str = "piece") -> str:
    """A file name that stays inside its folder and that file systems accept.

    >>> safe_name("../../etc/passwd"), safe_name("篇一：我的 梦想?"), safe_name("..."), safe_name("CON")
    ('etc_passwd', '篇一：我的_梦想', 'piece', 'piece_CON')
    """
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip("._ ")
    name = regex.sub(r"\.{2,}", ".", name)
    while len(name.encode("utf-8")) > 180 or len(name) > MAX_NAME:
        name = name[:-1]
    if not name or _RESERVED.match(name):
        name = f"{fallback}_{name}" if name else fallback
    return name


def piece_files(result: Result, titles: bool = False) -> list[tuple[str, str]]:
    """(file name, content): one text file per piece, named by index and title."""
    width = max(2, len(str(len(result.pieces))))
    files = []
    for piece in result.pieces:
        title = safe_name(piece.piece.title, fallback="piece") if piece.piece.title else "piece"
        name = f"{piece.piece.index:0{width}d}-{title}.txt"
        body = "\n".join(([piece.piece.title] if titles and piece.piece.title else []) + [piece.text])
        files.append((name, body + "\n"))
    return files


PART = ".part"  # what an unfinished output's hidden name ends with (swept by --resume)


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new hidden file beside ``path`` (an open handle and its name), to rename into place."""
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART, dir=path.parent)


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to a temporary name beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- sinks: where a run's output goes ------------------------------------------------


def write_all(outcomes: Iterable[Outcome], sink: StdoutSink | FolderSink, seen: Callable[[Outcome], None]) -> None:
    """Write every outcome to ``sink``, source by source, committing a source's output
    after its last outcome. ``seen`` gets each outcome once its write is done; a failed
    write turns it into an error. If anything interrupts the run, nothing partial is
    committed. ``ReaderGone`` propagates: the caller decides how to stop."""
    current: Source | None = None
    begun = finished = False
    try:
        for outcome in outcomes:
            if outcome.source != current:
                if begun and current is not None:
                    sink.end(current, ok=True)
                current, begun = outcome.source, False
            if outcome.error is None and not outcome.written:
                try:
                    if not begun:
                        sink.begin(outcome.source)
                        begun = True
                    sink.write(outcome)
                except OSError as error:
                    outcome.error = f"cannot write output: {error}"
            seen(outcome)
        if begun and current is not None:
            sink.end(current, ok=True)
        finished = True
    finally:
        sink.close(ok=finished)


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
        if not outcome.rendered:
            return
        separator = "\n" if self.started and self.format == "text" else ""
        try:
            self.stream.write((separator + outcome.rendered).encode("utf-8"))
            self.stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None
        self.started = True

    def end(self, source: Source, ok: bool) -> None:
        pass

    def close(self, ok: bool = True) -> None:
        pass


class FileSink(StdoutSink):
    """Everything to one file, written under a temporary name and renamed at the end."""

    def __init__(self, path: Path, fmt: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, self.temporary = _temporary_beside(path)
        self.path = path
        super().__init__(os.fdopen(handle, "wb"), fmt)

    def close(self, ok: bool = True) -> None:
        self.stream.close()
        if ok:
            os.replace(self.temporary, self.path)
        else:
            Path(self.temporary).unlink(missing_ok=True)


class FolderSink:
    """One ``<stem>.jsonl`` per source, or one ``<stem>/`` folder of piece files per source,
    mirroring the input tree. Each is built under a temporary name and renamed into
    place when the source is done, so what exists is complete."""

    def __init__(self, folder: Path, fmt: str) -> None:
        self.folder, self.format = folder, fmt
        self.building: Path | None = None
        self.stream: BinaryIO | None = None

    def sweep(self) -> int:
        """Remove the ``.part`` leftovers of an interrupted run; how many there were."""
        leftovers = list(self.folder.rglob(f".*{PART}")) if self.folder.is_dir() else []
        for leftover in leftovers:
            _remove(leftover)
        return len(leftovers)

    def target(self, source: Source) -> Path:
        return self.folder / (f"{source.stem}.jsonl" if self.format == "jsonl" else source.stem)

    def complete(self, source: Source) -> bool:
        """Whether this source's output exists and is newer than the source (for --resume)."""
        target = self.target(source)
        if source.path is None or not target.exists():
            return False
        return target.stat().st_mtime >= source.path.stat().st_mtime

    def begin(self, source: Source) -> None:
        target = self.target(source)
        if source.path is not None and target.exists() and target.resolve() == source.path.resolve():
            raise OSError(f"the output {target} would overwrite the input")
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.format == "jsonl":
            handle, name = _temporary_beside(target)
            self.building, self.stream = Path(name), os.fdopen(handle, "wb")
        else:
            self.building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=PART, dir=target.parent))

    def write(self, outcome: Outcome) -> None:
        assert self.building is not None
        if self.stream is not None:
            self.stream.write(outcome.rendered.encode("utf-8"))
            return
        folder = self.building
        if outcome.source.dataset:
            folder = folder / outcome.label.rsplit(":", 1)[1]
            folder.mkdir(exist_ok=True)
        for name, content in outcome.files:
            (folder / name).write_text(content, encoding="utf-8", newline="\n")

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
        if target.is_dir():
            _remove(target)
        os.replace(building, target)

    def close(self, ok: bool = True) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if self.building is not None:
            _remove(self.building)
            self.building = None


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
