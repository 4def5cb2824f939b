"""The engine-neutral core: raw documents in, JSONL-shaped piece records out.

:func:`process_text` is the one code path every front end uses: the CLI, and any
batch or distributed engine that maps :func:`process_batch` over batches. Both
are pure and picklable; each process builds its own OpenCC converter lazily.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .config import Config
from .model import CleanPiece, Document, Layout
from .normalize import normalize
from .rules import Context
from .split import split


@dataclass(frozen=True)
class Result:
    """A split and normalized document."""

    layout: Layout
    pieces: tuple[CleanPiece, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.layout.warnings

    def records(self, edits: bool = True) -> list[dict[str, Any]]:
        return [record(self.layout, piece, edits) for piece in self.pieces]


def process(document: Document, config: Config | None = None) -> Result:
    """Split and normalize one document."""
    config = config or Config()
    layout = split(document)
    title_line = layout.title_line.of(document.text) if layout.title_line else None
    context = Context.of(document, titles=(title_line, layout.collection))
    rules = config.rules()
    return Result(
        layout,
        tuple(normalize(piece, rules, context, config.keep_boilerplate) for piece in layout.pieces),
    )


def process_text(source: str, text: str, config: Config | None = None) -> list[dict[str, Any]]:
    """One raw compilation → its piece records (the JSONL record of CONTRACT.md).

    >>> rows = process_text("-", "作文(2篇)\\n作文篇一\\n甲。\\n作文篇二\\n乙。")
    >>> [(r["index"], r["title"], r["text"]) for r in rows]
    [(1, '作文篇一', '甲。'), (2, '作文篇二', '乙。')]
    """
    config = config or Config()
    return process(Document(source, text), config).records(edits=config.edits)


def process_batch(batch: Mapping[str, Sequence[Any]], config: Config | None = None) -> dict[str, list[Any]]:
    """Columns of raw documents (``id``/``source`` and ``text``) → columns of piece rows.

    Columns other than ``text`` travel along under ``meta``. One document may
    become many rows. This is the function a ``map_batches`` engine calls.
    """
    texts = batch["text"]
    sources = batch.get("source") or batch.get("id") or [str(i) for i in range(len(texts))]
    extra = [key for key in batch if key not in ("text", "source")]
    rows: list[dict[str, Any]] = []
    for position, (source, text) in enumerate(zip(sources, texts)):
        meta = {key: batch[key][position] for key in extra}
        for row in process_text(str(source), text, config):
            if meta:
                row["meta"] = meta
            rows.append(row)
    return _columns(rows)


def record(layout: Layout, piece: CleanPiece, edits: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {
        "source": layout.document.source,
        "collection": layout.collection,
        "declared": layout.declared,
        "count": len(layout.pieces),
        "index": piece.piece.index,
        "title": piece.piece.title,
        "text": piece.text,
        "warnings": [*layout.warnings, *_nested_warning(piece), *piece.warnings],
    }
    if edits:
        row["edits"] = [edit.record() for edit in piece.edits]
    return row


def _nested_warning(piece: CleanPiece) -> Iterable[str]:
    if piece.piece.nested:
        yield f"holds {len(piece.piece.nested)} nested sub-headers, kept inside: {' / '.join(piece.piece.nested)}"


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    keys: list[str] = []
    for row in rows:
        keys.extend(k for k in row if k not in keys)
    return {key: [row.get(key) for row in rows] for key in keys}
