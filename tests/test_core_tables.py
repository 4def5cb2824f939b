"""The compiled core's character tables (crates/cutter-core/data/) are what their Python
definitions say: a change in zhon's CEDICT sets or in ``patterns.RARE`` fails here until
``python crates/cutter-core/data/generate.py`` is run again and the core rebuilt."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "crates" / "cutter-core" / "data"


def test_tables_are_generated_from_the_python_definitions() -> None:
    spec = importlib.util.spec_from_file_location("generate", DATA / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    tables = generate.tables()
    assert set(tables) == {"rare", "traditional", "simplified", "space", "han", "format", "pattern_space", "numeral", "tone", "punct", "letter", "pictographic", "word"}
    for name, text in tables.items():
        assert (DATA / f"{name}.txt").read_text(encoding="ascii") == text, f"{name}.txt is stale"
