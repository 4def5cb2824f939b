"""The records' JSONL lines, written by the core (``_core.json_line``): byte for byte what
``json.dumps(row, ensure_ascii=False) + "\\n"`` encoded as UTF-8 gives, whatever the row holds,
and failing as it failed."""

from __future__ import annotations

import enum
import json
from collections import OrderedDict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cutter import _core
from cutter.core import process
from cutter.model import Document

from .test_core_diff import sample_texts
from .test_properties import SETTINGS


def python_line(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")


# every text but lone surrogates (which UTF-8 refuses, here as in the writer), controls included
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(2**70), max_value=2**70), texts,
    st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(texts, inner, max_size=4),
        st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none(), st.floats()), inner, max_size=3),
    ),
    max_leaves=20,
)


@SETTINGS
@given(values)
def test_any_json_value_is_written_as_python_writes_it(value: object) -> None:
    assert _core.json_line(value) == python_line(value)


def test_the_records_of_the_samples_and_seeds_are_written_as_python_writes_them() -> None:
    lines = 0
    for name, text in sample_texts():
        for row in process(Document(name, text)).records(meta={"url": "https://example.cn/a?b=1", "page": 3}):
            assert _core.json_line(row) == python_line(row)
            lines += 1
    assert lines > 50


class Level(enum.IntEnum):
    HIGH = 3


class Name(str):
    pass


@pytest.mark.parametrize(
    "value",
    [
        "引号\"和\\反斜杠\n\r\t\b\f\x00\x1f\x7f\u2028\u2029𠀀\ufeff",  # every escape, and what is left as it is
        "x" * 20_000 + "\n",  # a long string, escaped with the GIL released
        {"a": [1, (2, 3)], "b": {}, "c": []},
        {7: "int key", True: "bool key", None: "null key", 1.5: "float key"},  # keys json.dumps turns into strings
        OrderedDict([("z", 1), ("a", 2)]),  # a dict subclass: json.dumps' own order
        {"level": Level.HIGH, "name": Name("子类")},  # int and str subclasses
        2**200,
        -(2**63),
        [float("nan"), float("inf"), -float("inf"), 1e-05, 1e16, 0.1],
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],  # deeper than the core writes
    ],
)
def test_odd_values_are_written_as_python_writes_them(value: object) -> None:
    assert _core.json_line(value) == python_line(value)


def test_what_json_refuses_is_refused_as_json_refuses_it() -> None:
    circular: list[object] = []
    circular.append(circular)
    with pytest.raises(ValueError, match="Circular reference"):
        _core.json_line({"meta": circular})
    with pytest.raises(TypeError, match="not JSON serializable"):
        _core.json_line({"meta": object()})
    with pytest.raises(UnicodeEncodeError):  # as the writer's encode refused it
        _core.json_line({"text": "\ud800"})


# --- a row's text written from its UTF-8 (json_line's ``text``, CleanPiece.utf8) ---------------


@SETTINGS
@given(st.dictionaries(texts, values, max_size=4), texts)
def test_a_rows_text_written_from_its_bytes_reads_as_written_from_its_str(row: dict, text: str) -> None:
    row = {"id": "a.txt#1", **row, "text": text, "meta": {}}
    assert _core.json_line(row, text.encode()) == python_line(row)


def test_bytes_that_are_not_the_rows_text_are_not_written() -> None:
    row = {"id": "a.txt#1", "text": "甲。", "edits": []}
    for wrong in ["甲".encode(), b"\xff\xfe", b"\xed\xa0\x80\xe3\x80\x82", "乙。".encode()[:5]]:
        assert _core.json_line(row, wrong) == python_line(row)
    assert _core.json_line({"id": "x"}, "甲".encode()) == python_line({"id": "x"})  # no text
    assert _core.json_line({"text": 7}, b"7") == python_line({"text": 7})  # not a str
    assert _core.json_line({1: "a", "text": "甲"}, "甲".encode()) == python_line({1: "a", "text": "甲"})
    assert _core.json_line(["甲"], "甲".encode()) == python_line(["甲"])  # not a row
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate: refused as before, bytes or not
        _core.json_line({"text": "\ud800"}, b"\xed\xa0\x80")


def test_a_writers_pieces_keep_their_utf8_and_the_apis_do_not() -> None:
    from cutter.core import output_stream

    for name, text in list(sample_texts())[:12]:
        kept = [piece for piece, _ in output_stream(Document(name, text)).cleaned()]
        assert all(piece.utf8 == piece.text.encode("utf-8", "surrogatepass") for piece in kept), name
        assert all(piece.utf8 is None for piece in process(Document(name, text)).pieces)
        assert kept == list(process(Document(name, text)).pieces)
