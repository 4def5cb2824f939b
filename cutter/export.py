"""Result → bytes: the text layout, JSONL lines, and one file per piece.

Text layout (the default): each piece is a block of paragraphs, one paragraph per
line; blocks are separated by one blank line. With ``titles``, a block starts with
the piece's title line. ``awk -v RS= …`` reads one piece per record.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

from .core import Result

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


def piece_files(result: Result, stem: str, titles: bool = False) -> list[tuple[str, str]]:
    """(relative path, content) for one text file per piece, under a folder named for the source."""
    width = max(2, len(str(len(result.pieces))))
    files = []
    for piece in result.pieces:
        title = safe_name(piece.piece.title, fallback="piece") if piece.piece.title else "piece"
        name = f"{piece.piece.index:0{width}d}-{title}.txt"
        body = "\n".join(([piece.piece.title] if titles and piece.piece.title else []) + [piece.text])
        files.append((f"{stem}/{name}", body + "\n"))
    return files


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to a temporary name beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
