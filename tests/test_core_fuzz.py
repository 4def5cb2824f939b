"""Fuzzing the compiled core through its Python binding (issue 13, safety).

Every function of ``cutter._core`` gets text (or bytes) of the shapes the core meets in the wild
and the shapes that break scanners: CJK in both scripts and beyond the BMP, invisible and format
characters, every kind of space, lone surrogates (a JSON dump's ``"\\ud800"``), NUL and CR, lines
of many thousands of characters, and the byte shapes of GB18030, Big5, UTF-16 and malformed UTF-8.
Each call must return a value of the documented type or raise the documented error, and the value
must keep the function's invariants (checked against the function itself on smaller inputs, never
against a second implementation: that is tests/test_core_diff.py's job). A panic in the core
must reach Python as ``InputError`` for that call, from any thread, and cost nothing else.

The normal suite runs a few seconds of it. A long run::

    CUTTER_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_core_fuzz.py

The same properties over bytes, with libFuzzer and millions of inputs: bench/fuzz.sh.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from cutter import _core
from tests.conftest import rare_scan_panicking_on
from cutter.core import process_text
from cutter.errors import InputError
from tests.reference_patterns import RARE, SIMPLIFIED_ONLY, TRADITIONAL_ONLY

settings.register_profile(
    "core-fuzz",
    max_examples=int(os.environ.get("CUTTER_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("core-fuzz")

# --- the inputs ---------------------------------------------------------------------------------

HAN = "我们体会到了工匠精神的价值与意义价值與意義範文題目龍丟乾淨鎴戜滑𠀀𠀁𪚥"
HEADER = "篇第一二三十〇○１２3９【】[]（）()：:#＃★*“”《》、，。！？"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u034f\u180e\u061c"
SPACES = " \t\u3000\u00a0\u2002\u202f\u0085\u001c\u001f\x0b\x0c"
NEWLINES = "\n\r\u2028\u2029"
CONTROLS = "\x00\x01\x08\x0e\x1b\x7f"
PINYIN = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüpianzixX"
EDGES = "\ufffd\U0010ffff\U000e0001\U0001f600"
TOKENS = [
    "篇一", "第一篇", "【篇二】", "作文篇（piān）三", "范文(一)", "倡议书1", "合集(精选3篇)", "读后感2",
    "&nbsp;", "&#160;", "&#x3000;", "&amp;", "&bsp;", "<br>", "</p>", "<br/>", '<span class="t">', "&lt;p&gt;",
    "寫(xiě)", "發(fā)", "們(men)", "\r\n", "\n\n",
]  # fmt: skip

characters = st.one_of(
    st.sampled_from(HAN + HEADER + INVISIBLE + SPACES + NEWLINES + CONTROLS + PINYIN + EDGES),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
    st.characters(),  # anything else Python holds
)
pieces = st.one_of(characters, st.sampled_from(TOKENS))
short_texts = st.lists(pieces, max_size=40).map("".join)


@st.composite
def long_lines(draw: st.DrawFn) -> str:
    """A line of thousands of characters: one short unit repeated, a header somewhere in it."""
    unit = draw(st.lists(pieces, min_size=1, max_size=4).map("".join))
    line = unit * draw(st.integers(500, 8000))
    at = draw(st.integers(0, len(line)))
    return line[:at] + draw(short_texts) + line[at:]


texts = st.one_of(short_texts, short_texts, short_texts, long_lines())


@st.composite
def byte_inputs(draw: st.DrawFn) -> bytes:
    """Arbitrary bytes, or text in one of the encodings decode reads, cut and spliced with noise."""
    text = draw(short_texts)
    encoded = draw(
        st.sampled_from(
            [
                lambda t: t.encode("utf-8", "surrogatepass"),
                lambda t: t.encode("gb18030", "replace"),
                lambda t: t.encode("big5", "replace"),
                lambda t: t.encode("utf-16", "surrogatepass"),
                lambda t: t.encode("utf-16-le", "surrogatepass"),
                lambda t: t.encode("utf-16-be", "surrogatepass"),
            ]
        )
    )(text)
    noise = draw(st.binary(max_size=20))
    at = draw(st.integers(0, len(encoded)))
    return draw(st.sampled_from([encoded, encoded[:at] + noise + encoded[at:], noise * 50, encoded[at:]]))


# --- decode: control_bytes ----------------------------------------------------------------------

CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


@FUZZ
@given(st.one_of(byte_inputs(), st.binary(max_size=3000)), st.integers(0, 3000))
@example(bytes(range(256)) * 3, 255)
def test_control_bytes_counts_the_control_bytes_and_characters(data: bytes, cut: int) -> None:
    count = _core.control_bytes(data)
    assert type(count) is int and count == sum(byte in CONTROL_BYTES for byte in data)
    assert _core.control_bytes(data[:cut]) + _core.control_bytes(data[cut:]) == count
    # decode.py's claim: in UTF-8, GB18030 and Big5 a control byte only ever stands for itself
    for codec in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        assert count == sum(ord(c) in CONTROL_BYTES for c in text), codec


def test_control_bytes_takes_any_bytes_like_object() -> None:
    assert _core.control_bytes(b"a\x00b") == 1
    assert _core.control_bytes(b"") == 0
    with pytest.raises(TypeError):
        _core.control_bytes("a\x00b")  # type: ignore[arg-type]


# --- rare: rare_characters ----------------------------------------------------------------------


def one_by_one(text: str) -> str:
    """The rare characters of ``text`` found one character at a time."""
    return "".join(sorted(c for c in set(text) if _core.rare_characters(c) == c))


@FUZZ
@given(texts, st.integers(0, 10_000))
@example("價 x價\u3000, 𠀀 x\ud800", 3)
@example("\udfff" * 3 + "\ufffd", 1)
def test_rare_characters_are_the_texts_rare_characters_in_order(text: str, cut: int) -> None:
    rare = _core.rare_characters(text)
    assert type(rare) is str
    assert list(rare) == sorted(set(rare)), "distinct, in code-point order"
    assert set(rare) <= set(text)
    assert rare == one_by_one(text), "the whole scan finds what the one-character scans find"
    assert rare == "".join(sorted(c for c in set(text) if RARE.match(c))), "patterns.RARE defines the class"
    assert not any("\ud800" <= c <= "\udfff" for c in rare), "a lone surrogate is no rare character"
    head, tail = text[:cut], text[cut:]
    assert rare == "".join(sorted(set(_core.rare_characters(head)) | set(_core.rare_characters(tail))))
    assert _core.rare_characters(text) == rare


# --- script: document_script --------------------------------------------------------------------

SURROGATES_AND_ASCII = str.maketrans({c: None for c in map(chr, [*range(0x80), *range(0xD800, 0xE000)])})


@FUZZ
@given(texts)
@example("價值與意義\ud800")
@example("價与")
def test_document_script_follows_the_cjk_characters_alone(text: str) -> None:
    script = _core.document_script(text)
    assert script in ("simplified", "traditional")
    traditional, simplified = sum(c in TRADITIONAL_ONLY for c in text), sum(c in SIMPLIFIED_ONLY for c in text)
    assert script == ("traditional" if traditional > simplified else "simplified"), (traditional, simplified)
    assert _core.document_script(text) == script
    # neither set holds ASCII or a surrogate: taking them out changes nothing, and the vote is a
    # ratio, so the text twice over votes as the text once
    assert _core.document_script(text.translate(SURROGATES_AND_ASCII)) == script
    assert _core.document_script(text + "\n" + text) == script
    assert _core.document_script("") == "simplified"


# --- lines: candidate_lines ---------------------------------------------------------------------

DEBRIS = ["\u200b", "\ufeff", "<br>", "&amp;", "</p>"]


HEADERS = ["作文篇一", "【篇二】我的老师", "第3篇：春天", "范文(一)《题目》很长的正文。", "倡议书1尊敬的各位"]


@FUZZ
@given(st.lists(st.one_of(texts, st.sampled_from(HEADERS)), max_size=6))
@example(["\ud800作文篇一", "\udfff篇二", ""])
@example(["作文\x00篇一\r", "\r第二篇\r", "倡议书1" + "。" * 5000])
def test_candidate_lines_are_whole_lines_each_judged_alone(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = _core.candidate_lines(text)
    assert isinstance(found, list) and all(type(s) is int and type(e) is int for s, e in found)
    assert _core.candidate_lines(text) == found
    previous = -1
    for start, end in found:
        assert previous < start < end <= len(text)
        assert "\n" not in text[start:end]
        assert start == 0 or text[start - 1] == "\n"
        assert end == len(text) or text[end] == "\n"
        previous = end
    # a line's verdict is its own: the text's result is its lines' results put together, and
    # debris that the splitter reads past does not change a verdict
    expected, at = [], 0
    for line in text.split("\n"):
        alone = _core.candidate_lines(line)
        assert alone in ([], [(0, len(line))])
        expected += [(at + s, at + e) for s, e in alone]
        at += len(line) + 1
        if line:
            for debris in DEBRIS:
                assert bool(_core.candidate_lines(debris + line)) == bool(alone), (debris, line)
    assert found == expected
    at = 0
    for line in lines:  # a header line stays a candidate among any others
        if line in HEADERS:
            assert (at, at + len(line)) in found, line
        at += len(line) + 1


# --- the boundary: a panic is that call's InputError -------------------------------------------


@FUZZ
@given(texts)
@example("\ud800" * 10)
def test_a_panic_is_an_input_error_whatever_the_text(text: str) -> None:
    before = _core.candidate_lines(text)
    with pytest.raises(InputError, match=r"^internal error in cutter's compiled core \(a test panic over \d+ bytes\)"):
        _core._panic(text)
    assert _core.candidate_lines(text) == before, "the core works as before after a panic"


def test_panics_on_many_threads_cost_only_their_own_calls(capfd: pytest.CaptureFixture[str]) -> None:
    """The core runs without the GIL: calls that panic and calls that do not, interleaved on threads."""
    texts = [f"作文篇{i}\n價值 x\n" * (1 + i % 7) for i in range(400)]

    def call(number: int) -> str | Exception:
        try:
            if number % 3 == 0:
                return str(_core._panic(texts[number]))
            return _core.rare_characters(texts[number])
        except Exception as error:  # anything but InputError fails below
            return error

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(call, range(len(texts))))
    for number, result in enumerate(results):
        if number % 3 == 0:
            assert isinstance(result, InputError) and "compiled core" in str(result)
        else:
            assert result == " x價", result
    assert "panicked" not in capfd.readouterr().err, "the panic hook stays quiet for the core's panics"


# --- boilerplate: the script fold and the trigger scans ----------------------------------------

fold_texts = st.lists(
    st.one_of(pieces, st.sampled_from(sorted(TRADITIONAL_ONLY)), st.sampled_from("著敍衞衹枱粧爲裡裏説編為體會")),
    max_size=40,
).map("".join)


@FUZZ
@given(fold_texts)
@example("以下是小編為大家整理的\ud800著")
def test_the_script_fold_is_idempotent_and_keeps_every_span(text: str) -> None:
    from cutter.rules.boilerplate import fold_script

    folded = fold_script(text)
    assert len(folded) == len(text), "one character for one"
    assert fold_script(folded) == folded, "folding the folded text changes nothing"
    if not any(c in TRADITIONAL_ONLY for c in text):
        assert folded == text, "a text without a traditional-only character is not folded"
        return
    changed = [i for i, (a, b) in enumerate(zip(text, folded)) if a != b]
    # a character folds in the text as it folds beside a traditional one (so that the fold runs)
    assert changed == [i for i, c in enumerate(text) if fold_script(c + "價")[0] != c]


needs_boilerplate_core = pytest.mark.skipif(
    not hasattr(_core, "Triggers"), reason="cutter._core has no boilerplate scans yet (speed13's branch)"
)


def longest_first_families(words: dict[str, int], line: str) -> int:
    """The families of the words a regex alternation sorted longest first finds in ``line``,
    left to right, each match resuming after the last."""
    found, at = 0, 0
    while at < len(line):
        word = max((w for w in words if line.startswith(w, at)), key=len, default=None)
        if word is None:
            at += 1
        else:
            found |= words[word]
            at += len(word)
    return found


HALF = settings(FUZZ, max_examples=max(20, FUZZ.max_examples // 2))


@needs_boilerplate_core
@HALF
@given(st.data())
def test_trigger_lines_are_those_holding_a_familys_word(data: st.DataObject) -> None:
    from tests import reference_patterns as P
    from cutter.rules.boilerplate import _triggers

    families = {family: 1 << bit for bit, family in enumerate(P.TRIGGERS)}
    words = {word: sum(families[f] for f in found) for word, found in P.TRIGGER_FAMILIES.items()}
    vocabulary = st.sampled_from(sorted(words))
    lines = data.draw(st.lists(st.lists(st.one_of(pieces, vocabulary), max_size=8).map("".join), max_size=6))
    text = "\n".join(lines)
    lines = text.split("\n")  # a drawn piece may hold a newline
    found = _triggers().lines(text)
    assert len(found) == len(families)
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    for bit, spans in enumerate(found):
        expected = [
            (start, start + len(line))
            for start, line in zip(starts, lines)
            if longest_first_families(words, line) >> bit & 1
        ]
        assert spans == expected, list(families)[bit]


@needs_boilerplate_core
def test_the_boilerplate_scans_refuse_what_they_cannot_build_with_value_error() -> None:
    for words, families in [([("", 1)], 1), ([("以下", 0b10)], 1), ([("以下", 1)], 65)]:
        with pytest.raises(ValueError):
            _core.Triggers(words, families)
    for pairs in [[(ord("編"), 0xD800)], [(ord("編"), 0)], [(ord("編"), 0x110000)]]:
        with pytest.raises(ValueError):
            _core.Fold(pairs)
    assert _core.Triggers([("以下", 1 << 63)], 64).lines("以下") == [[]] * 63 + [[(0, 2)]]


# --- cleaning through the core is idempotent ----------------------------------------------------

TITLE = "作文(大全1篇)\n"
SURROGATE = regex.compile(r"[\ud800-\udfff]")
STRAY_TRADITIONAL = str.maketrans(dict.fromkeys(TRADITIONAL_ONLY))


def clean(body: str) -> tuple[str, str, int] | None:
    """The title, clean text and edit count of the page ``TITLE + body``, if it is one piece."""
    records = process_text("-", TITLE + body)
    return (records[0]["title"], records[0]["text"], len(records[0]["edits"])) if len(records) == 1 else None


def core_shaped_body(text: str) -> str:
    # a lone surrogate beside a stray traditional character is the known failure below
    return text.translate(STRAY_TRADITIONAL) if SURROGATE.search(text) else text


@settings(FUZZ, max_examples=max(20, FUZZ.max_examples // 3))  # a whole page through the pipeline
@given(st.lists(short_texts, max_size=6).map("\n".join).map(core_shaped_body))
@example("正文\ud800价值\u200b \n\r\x00篇")
@example("我篇一<br>篇一")
@example("價值\u200b&nbsp;\n\n寫(xiě)作文\x00")
def test_cleaning_twice_changes_nothing_on_core_shaped_input(body: str) -> None:
    """Every character of a page passes the core's scans (the splitter's candidate lines, the
    rare-character gates, the script vote): whatever they read, a second run edits nothing."""
    first = clean(body)
    assume(first is not None)
    title, once, _ = first
    again = clean(once)
    # a line that cleaning leaves looking like a header (`我篇一<br>篇一` → `我篇一⏎篇一`) splits the
    # second page differently: the splitter's matter, not the rules'
    assume(again is not None and again[0] == title)
    assert again[1:] == (once, 0), again


# --- found by this fuzzing (outside the core) ---------------------------------------------------


def test_a_lone_surrogate_beside_a_stray_traditional_character() -> None:
    # a simplified page (价) with a stray traditional character (與) on a line holding a lone
    # surrogate: the traditional rule hands the line to OpenCC, whose encode("utf-8") raises
    assert process_text("-", "价值與\ud800")[0]["text"] == "价值与\ud800"


def test_a_jsonl_line_with_a_lone_surrogate_is_that_lines_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cutter.cli import main

    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"text": "正文\\ud800"}\n{"text": "作文篇一\\n甲。"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(dump), "--format", "jsonl", "-j", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1 and "甲。" in result.stdout
    assert "Traceback" not in result.stderr
    assert f"{dump}:1: a lone surrogate U+D800 at character 3, which is no character" in result.stderr


def test_a_panic_in_one_document_of_process_batch_costs_only_that_document(monkeypatch: pytest.MonkeyPatch) -> None:
    # the map_batches function of Ray and Dask: issue 13 wants the batch to go on
    from cutter.core import process_batch

    monkeypatch.setattr(_core, "rare_characters", rare_scan_panicking_on("崩"))
    columns = process_batch({"id": [1, 2, 3], "text": ["作文篇一\n甲。", "作文篇一\n崩。", "作文篇一\n乙。"]})
    assert "甲。" in columns["text"] and "乙。" in columns["text"]
    assert columns["_error"][1].startswith("internal error in cutter's compiled core") and columns["_error"][0] is None
    assert columns["source"] == ["1", "2", "3"]


# --- the held document, the ruby count's reading of a page, the JSONL line -----------------------


@FUZZ
@given(texts, st.lists(st.integers(0, 10_000), max_size=6))
def test_a_held_document_reads_as_its_text_and_cuts_its_runs_anywhere(text: str, cuts: list[int]) -> None:
    doc = _core.Doc(text)
    assert _core.rare_characters(doc) == _core.rare_characters(text)
    assert _core.document_script(doc) == _core.document_script(text)
    assert _core.header_candidates(doc) == _core.header_candidates(text)
    bounds = sorted({min(cut, len(text)) for cut in [0, *cuts, len(text)]})
    for start, end in zip(bounds, bounds[1:]):
        assert doc.run(text[start:end], start, end).text == text[start:end]
    with pytest.raises(ValueError):
        doc.run("x", len(text), len(text) + 1)


@FUZZ
@given(texts)
def test_the_ruby_reading_of_a_page_drops_only_breaks_invisibles_and_tags(text: str) -> None:
    read = _core.without_ruby_noise(text)
    assert "\n" not in read and not regex.search(r"\p{Cf}", read)
    chars = iter(text)
    assert all(char in chars for char in read)  # what is left stands in the page, in its order
    assert _core.page_annotated(text) == _core.page_annotated(_core.Doc(text))


@FUZZ
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), texts), lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)), max_leaves=8))  # fmt: skip
def test_a_jsonl_line_is_one_line_of_utf8_json_or_the_encoders_error(value: object) -> None:
    import json

    try:
        line = _core.json_line(value)
    except UnicodeEncodeError:  # a lone surrogate: UTF-8 has no bytes for it
        assert any("\ud800" <= c <= "\udfff" for c in json.dumps(value, ensure_ascii=False))
        return
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line.decode("utf-8")) == json.loads(json.dumps(value))
