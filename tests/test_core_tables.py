"""The compiled core's character tables (crates/cutter-core/data/) are what their Python
definitions say: a change in zhon's CEDICT sets or in ``patterns.RARE`` fails here until
``python crates/cutter-core/data/generate.py`` is run again and the core rebuilt."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "crates" / "cutter-core" / "data"


def test_tables_are_generated_from_the_python_definitions() -> None:
    spec = importlib.util.spec_from_file_location("generate", DATA / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    tables = generate.tables()
    assert set(tables) == {"rare", "traditional", "simplified", "space", "han", "format", "pattern_space", "numeral", "tone", "punct", "letter", "pictographic", "word", "opener", "continuer", "fold"}
    for name, text in tables.items():
        assert (DATA / f"{name}.txt").read_text(encoding="ascii") == text, f"{name}.txt is stale"


def test_the_pipeline_folds_with_the_shipped_table_and_never_derives_it() -> None:
    """The fold table costs a t2s call over CEDICT (25 ms of each worker's start): the core ships
    it (data/fold.txt), and cleaning a traditional page never builds it in Python."""
    probe = (
        "from cutter.core import process_text\n"
        "from cutter.rules.boilerplate import _fold_table\n"
        "rows = process_text('page', '讀書心得(1篇)\\n讀書心得篇一\\n以下是小編為大家整理的讀書心得。\\n讀書使人明智。\\n')\n"
        "print(_fold_table.cache_info().currsize, [row['text'] for row in rows])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    size, texts = done.stdout.split(" ", 1)
    assert size == "0" and "小编" not in texts and "小編" not in texts
