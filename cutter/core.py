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
from .rules.base import rare_characters, rare_union
from .split import split


@dataclass(frozen=True)
class Result:
    """A split and normalized document."""

    layout: Layout
    pieces: tuple[CleanPiece, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.layout.warnings

    def records(self, edits: bool = True, meta: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """The JSONL records; ``meta`` (the other fields of a dataset row) goes into each."""
        rows = [record(self.layout, piece, edits) for piece in self.pieces]
        if meta:
            for row in rows:
                row["meta"] = dict(meta)
        return rows


def process(document: Document, config: Config | None = None) -> Result:
    """Split and normalize one document."""
    config = config or Config()
    layout = split(document)
    title_line = layout.title_line.of(document.text) if layout.title_line else None
    rares = [rare_characters(piece.raw) for piece in layout.pieces]
    context = Context.of(document, titles=(title_line, layout.collection), rare=document_rare(layout, rares))
    rules = config.rules()
    return Result(
        layout,
        tuple(
            normalize(piece, rules, context, config.keep_boilerplate, rare)
            for piece, rare in zip(layout.pieces, rares)
        ),
    )


def document_rare(layout: Layout, piece_rares: Sequence[str]) -> str:
    """The document's rare characters from its pieces' bodies' and a scan of the rest (the
    preamble and the header lines), so the document is scanned once, not twice."""
    text = layout.document.text
    rest = "".join(span.of(text) for span in (layout.preamble, *(piece.header for piece in layout.pieces)))
    return rare_union([rare_characters(rest), *piece_rares])


def process_text(source: str, text: str, config: Config | None = None) -> list[dict[str, Any]]:
    """One raw compilation → its piece records (the JSONL record of CONTRACT.md).

    >>> rows = process_text("-", "作文(2篇)\\n作文篇一\\n甲。\\n作文篇二\\n乙。")
    >>> [(r["index"], r["title"], r["text"]) for r in rows]
    [(1, '作文篇一', '甲。'), (2, '作文篇二', '乙。')]
    """
    config = config or Config()
    return process(Document(source, text), config).records(edits=config.edits)


def process_batch(
    batch: Mapping[str, Sequence[Any]], config: Config | None = None, field: str = "text"
) -> dict[str, list[Any]]:
    """Columns of raw documents → columns of piece rows (the JSONL record of CONTRACT.md).

    ``batch[field]`` holds the raw texts; ``source`` (else ``id``, else the row
    position) names each document; every other column travels along under ``meta``.
    Columns may be lists, NumPy arrays or pandas Series. One document may become many
    rows. This is the function a ``map_batches`` engine (Ray Data, Dask) calls.

    >>> columns = process_batch({"id": [7], "text": ["作文(2篇)\\n作文篇一\\n甲。\\n作文篇二\\n乙。"]})
    >>> columns["source"], columns["index"], columns["text"], columns["meta"]
    (['7', '7'], [1, 2], ['甲。', '乙。'], [{'id': 7}, {'id': 7}])
    """
    config = config or Config()
    texts = _values(batch[field])
    names = "source" if "source" in batch else "id" if "id" in batch else None
    sources = _values(batch[names]) if names else [str(i) for i in range(len(texts))]
    extra = {key: _values(column) for key, column in batch.items() if key not in (field, "source")}
    rows: list[dict[str, Any]] = []
    for position, (source, text) in enumerate(zip(sources, texts)):
        meta = {key: column[position] for key, column in extra.items()}
        rows += process(Document(str(source), str(text)), config).records(config.edits, meta)
    return columns(rows)


def _values(column: Sequence[Any]) -> list[Any]:
    """A column as a list of plain Python values (NumPy and pandas columns included)."""
    values = column.tolist() if hasattr(column, "tolist") else list(column)
    return [value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value for value in values]


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


def columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Rows → columns, every key any row has (missing values: None), in first-seen order."""
    keys = dict.fromkeys(key for row in rows for key in row)
    return {key: [row.get(key) for row in rows] for key in keys}
