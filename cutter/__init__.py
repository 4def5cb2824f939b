"""cutter: split scraped Chinese essay compilations into clean, separate pieces.

The pipeline, one module per step::

    decode.py    bytes → text
    split.py     Document → Layout (title, declared count, intro, Pieces)
    normalize.py Piece → CleanPiece (rules/ do the work, every change an Edit)
    export.py    Result → text, JSONL or one file per piece
    core.py      the engine-neutral function that ties them together
"""

import os
import sys

__version__ = "0.1.0"

# Run from a source checkout (``python -m pytest`` puts it first on sys.path), this package has no
# compiled core (cutter._core) beside it unless built in place (``maturin develop``): then the
# one pip built and installed is found in the installed package's folder. (pkgutil.extend_path
# does the same, but importing pkgutil costs more than `cutter --version` may take.)
__path__ += [
    folder
    for folder in dict.fromkeys(os.path.abspath(os.path.join(entry or ".", __name__)) for entry in sys.path)
    if folder not in map(os.path.abspath, __path__) and os.path.isdir(folder)
]

__all__ = ["__version__"]
