"""cutter: split scraped Chinese essay compilations into clean, separate pieces.

The pipeline, one module per step::

    decode.py    bytes → text
    split.py     Document → Layout (title, declared count, intro, Pieces)
    normalize.py Piece → CleanPiece (rules/ do the work, every change an Edit)
    export.py    Result → text, JSONL or one file per piece
    core.py      the engine-neutral function that ties them together
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
