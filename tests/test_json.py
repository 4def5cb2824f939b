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
