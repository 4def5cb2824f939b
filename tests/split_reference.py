"""split.py's header-candidate parsing in Python, which the compiled core
(crates/cutter-core/src/headers.rs) replaced: the reference the differential tests compare the
core with (tests/test_core_headers.py, tests/test_core_diff.py, bench/core_diff.py). That Python
still lives in split.py, where it reads the lines the core leaves to it (unmarked pinyin ruby), so
the reference is that code, not a copy of it."""

from __future__ import annotations

from cutter import _core
from cutter.split import Candidate, _header_candidates, _python_candidates


def header_candidate_list(text: str) -> list[Candidate]:
    """Every header candidate of ``text``, as split.split collected them, all read in Python."""
    return [
        candidate
        for start, end in _core.candidate_lines(text)
        for candidate in _python_candidates(text[start:end], start, start)
    ]


def core_header_candidate_list(text: str) -> list[Candidate]:
    """The core's candidates, with the lines it leaves to Python read there, as split.split has them."""
    return _header_candidates(text)
