"""Every sample in samples/ against its reviewed golden output in tests/golden/.

After a deliberate change, regenerate with ``CUTTER_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cutter.core import process
from cutter.decode import decode
from cutter.export import jsonl, text_document
from cutter.model import Document

from .conftest import GOLDEN, SAMPLES

UPDATE = os.environ.get("CUTTER_UPDATE_GOLDEN") == "1"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def _outputs(sample: Path) -> dict[str, str]:
    decoded = decode(sample.read_bytes())
    result = process(Document(f"samples/{sample.name}", decoded.text, decoded.encoding))
    return {".jsonl": jsonl(result.records()), ".txt": text_document(result, titles=True)}


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_matches_golden(sample: Path) -> None:
    for suffix, produced in _outputs(sample).items():
        golden = GOLDEN / f"{sample.stem}{suffix}"
        if UPDATE:
            golden.write_text(produced, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == produced, golden.name


def test_every_sample_has_golden_files() -> None:
    assert len(SAMPLE_FILES) >= 10
    expected = {f"{p.stem}{s}" for p in SAMPLE_FILES for s in (".jsonl", ".txt")}
    assert {p.name for p in GOLDEN.iterdir()} == expected
