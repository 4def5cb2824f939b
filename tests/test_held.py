"""A document held in the core (``_core.Doc``, ``cutter.core.stream``): encoded once, its pieces'
runs cut from its bytes. The records must be those of the calls one text at a time, which a
document over ``HELD_TEXT`` still gets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cutter import _core
from cutter import core as pipeline
from cutter.core import process, stream
from cutter.model import Document
from cutter.rules.base import rare_characters

from .test_core_diff import corpus, sample_texts
from .test_properties import SETTINGS, any_text

# astral characters, lone surrogates (a page's JSON can hold them), CR and invisible characters:
# where a code point is not three bytes, or the text is not UTF-8
ODD = st.lists(
    st.sampled_from(["作文篇一\n", "作文篇二\n", "甲。", "𠀀", "\ud800", "\udfff", "é", "a", "\r", "\u200b", "\n", "價值"]),
    max_size=30,
).map("".join)


def records_both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    held = process(Document("a.txt", text)).records()
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "HELD_TEXT", -1)
        rare_characters.cache_clear()
        alone = process(Document("a.txt", text)).records()
    return held, alone


def test_the_samples_seeds_and_corpus_give_the_same_records_held_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [text for _, text in sample_texts()] + list(corpus()[:60])
    for text in texts:
        held, alone = records_both_ways(text, monkeypatch)
        assert held == alone


@SETTINGS
@given(st.one_of(any_text, ODD))
def test_any_text_gives_the_same_records_held_or_not(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        held, alone = records_both_ways(text, monkeypatch)
    assert held == alone


@SETTINGS
@given(st.one_of(any_text, ODD))
def test_a_held_document_reads_as_its_str(text: str) -> None:
    doc = _core.Doc(text)
    assert _core.rare_characters(doc) == _core.rare_characters(text)
    assert _core.document_script(doc) == _core.document_script(text)
    assert _core.header_candidates(doc) == _core.header_candidates(text)


@SETTINGS
@given(ODD, st.lists(st.integers(0, 40), min_size=2, max_size=8))
def test_a_run_cut_from_a_document_is_the_run_of_its_slice(text: str, cuts: list[int]) -> None:
    bounds = sorted({min(cut, len(text)) for cut in cuts})
    doc = _core.Doc(text)
    spans = list(zip(bounds, bounds[1:]))
    for start, end in [*spans, *reversed(spans)]:  # in order, then an earlier one after a later one
        run = doc.run(text[start:end], start, end)
        assert run.text == text[start:end]
        assert _core.rare_characters(run) == _core.rare_characters(text[start:end])
        assert run.laid_out() == _core.Run(text[start:end]).laid_out()


def test_a_run_that_does_not_fit_its_span_is_refused() -> None:
    doc = _core.Doc("作文篇一\n甲。")
    with pytest.raises(ValueError, match="2 code points over"):
        doc.run("甲。", 0, 3)
    with pytest.raises(ValueError, match="past the document's end"):
        doc.run("甲。乙", 6, 9)
    assert doc.run("甲。", 5, 7).text == "甲。"


def test_a_stream_cleaned_twice_gives_the_same_pieces() -> None:
    made = stream(Document("a.txt", "合集(精选2篇)\n作文篇一\n甲。。。\n作文篇二\n乙。\n"))
    first, second = list(made.cleaned()), list(made.cleaned())
    assert [piece.text for piece, _ in first] == ["甲……", "乙。"]
    assert first == second


def test_a_document_over_the_limit_is_not_held(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "HELD_TEXT", 10)
    made = stream(Document("a.txt", "合集(精选2篇)\n作文篇一\n甲。\n作文篇二\n乙。\n"))
    assert made.runs is None
    assert [piece.text for piece, _ in made.cleaned()] == ["甲。", "乙。"]
    monkeypatch.setattr(pipeline, "HELD_TEXT", 1000)
    assert stream(Document("a.txt", "合集(精选2篇)\n作文篇一\n甲。\n作文篇二\n乙。\n")).runs is not None


# --- the bytes a file was decoded from (Document.utf8) ------------------------------------------


def test_a_utf8_file_keeps_its_bytes_for_the_core_and_no_other_does() -> None:
    from cutter.decode import decode, decode_text

    text = "读书心得(2篇)\n读书心得篇一\n甲。\n读书心得篇二\n乙。"
    assert decode(text.encode()).utf8 == text.encode()
    assert decode_text(text).utf8 == text.encode()
    assert decode(text.replace("\n", "\r\n").encode()).utf8 is None  # the text is not those bytes
    assert decode(text.encode("gb18030")).utf8 is None
    assert decode(b"\xef\xbb\xbf" + text.encode()).utf8 is None  # utf-8-sig: the mark is no text
    assert decode(text.encode(), "utf-8").utf8 is None  # named: read the careful way
    assert Document("a.txt", text, utf8=text.encode()) == Document("a.txt", text)


def test_a_file_read_for_a_run_keeps_its_bytes_only_if_the_core_holds_it(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cutter import batch

    path = tmp_path / "a.txt"
    path.write_text("读书心得篇一\n甲。", encoding="utf-8")
    source = next(iter(batch.discover([str(path)])))
    assert batch._read(source).utf8 == path.read_bytes()
    monkeypatch.setattr(batch, "HELD_TEXT", 3)
    assert batch._read(source).utf8 is None


@SETTINGS
@given(st.one_of(any_text, ODD))
def test_a_document_made_from_its_bytes_reads_as_one_made_from_its_str(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    given_bytes, encoded = _core.Doc(text, data), _core.Doc(text)
    assert _core.rare_characters(given_bytes) == _core.rare_characters(encoded)
    assert _core.header_candidates(given_bytes) == _core.header_candidates(encoded)
    assert process(Document("a.txt", text, utf8=data)).records() == process(Document("a.txt", text)).records()


def test_bytes_that_are_not_the_texts_are_not_taken() -> None:
    text = "读书心得篇一\n甲。"
    for wrong in ["读书心得".encode(), text.encode()[:-1], b"\xff" * 9, text.encode()[:-3] + b"\xed\xa0\x80"]:
        doc = _core.Doc(text, wrong)
        assert doc.run("甲。", 7, 9).text == "甲。"
        assert _core.header_candidates(doc) == _core.header_candidates(text)
