from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


def rare_scan_panicking_on(word: str):  # type: ignore[no-untyped-def]
    """``_core.rare_characters`` that panics inside the core on a text holding ``word`` (given the
    text as a ``str`` or as a piece's ``_core.Run``): a stand-in for a bug in the core."""
    from cutter import _core

    scan = _core.rare_characters

    def rare_characters(text):  # type: ignore[no-untyped-def]
        return _core._panic(word) if word in (text if isinstance(text, str) else text.text) else scan(text)

    return rare_characters
