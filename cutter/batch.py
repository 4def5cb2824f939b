"""Inputs → Results: find the sources behind the command-line paths, read and process each.

A source that cannot be read or decoded becomes a failed :class:`Outcome` with a
one-line cause; the others are still processed.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import Config
from .core import Result, process
from .decode import decode
from .errors import CutterError, InputError
from .model import Document

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input: ``label`` as the user gave it, ``stem`` for naming its outputs."""

    label: str
    path: Path | None
    stem: str


@dataclass(frozen=True)
class Outcome:
    source: Source
    result: Result | None = None
    error: str | None = None


def discover(paths: Iterable[str], pattern: str = "*.txt") -> Iterator[Source | Outcome]:
    """Sources for the given paths; folders are walked recursively, in sorted order."""
    for given in paths:
        if given == STDIN:
            yield Source(STDIN, None, "stdin")
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, pattern)
        elif path.exists():
            yield Source(given, path, _stem(PurePosixPath(path.name)))
        else:
            yield Outcome(Source(given, path, _stem(PurePosixPath(path.name))), error="no such file or folder")


def _walk(root: Path, pattern: str) -> Iterator[Source]:
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            if fnmatch.fnmatch(name, pattern):
                path = Path(folder) / name
                relative = PurePosixPath(path.relative_to(root).as_posix())
                yield Source(str(path), path, _stem(relative))


def _stem(relative: PurePosixPath) -> str:
    return str(relative.with_suffix("")) if relative.suffix else str(relative)


def read(source: Source, encoding: str | None = None) -> Document:
    if source.path is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            data = source.path.read_bytes()
        except OSError as error:
            raise InputError(error.strerror or str(error)) from None
    decoded = decode(data, encoding)
    return Document(source.label, decoded.text, decoded.encoding)


def run(items: Iterable[Source | Outcome], config: Config) -> Iterator[Outcome]:
    """Process every source in order; one failure never stops the rest."""
    for item in items:
        if isinstance(item, Outcome):
            yield item
            continue
        try:
            yield Outcome(item, result=process(read(item, config.encoding), config))
        except CutterError as error:
            yield Outcome(item, error=str(error))
        except Exception as error:  # a bug must not cost the user the other inputs
            yield Outcome(item, error=f"internal error ({type(error).__name__}: {error})")
