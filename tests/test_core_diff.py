"""The compiled core against the Python it replaced, which lives on here only, as the reference.

Each ported stage is run both ways over the samples, the seeds, a generated corpus of a few MB
(bench/core_corpus.py: the bench's pages and mutated ones), hypothesis-generated text and every
single code point, and the outputs must be identical. ``bench/core_diff.py`` runs the same
comparison over 50 MB.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cutter import _core
from cutter import core as pipeline
from tests import reference_patterns as P
from tests.conftest import rare_scan_panicking_on
from cutter import normalize
from cutter.decode import decode
from cutter.normalize import clean_text
from cutter.rules import RULES, Context
from cutter.split import _reading
from tests import markup_reference, normalize_reference, split_reference
from tests.paragraphs_reference import chunk_markers, page_breaks
from tests.punctuation_reference import ellipsis, fullwidth
from tests import spacing_reference
from tests import boilerplate_reference
from tests.codepoints import every_code_point

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS_MB = 3

# --- the Python reference: the code each core function replaced, as it was -------------------


def rare_characters(text: str) -> str:
    """rules/base.py: rare_characters."""
    return "".join(sorted(set(P.RARE.findall(text))))


def document_script(text: str) -> str:
    """rules/script.py: document_script."""
    simplified = P.SIMPLIFIED_CHARACTER.finditer(text)
    for _ in P.TRADITIONAL_CHARACTER.finditer(text):
        if next(simplified, None) is None:
            return "traditional"
    return "simplified"


MAX_CLEAN_HEADER = 80
GLUED_PREFIX = 64
HEADER_TAIL = " \t\u3000)）】]〕#＃”\"篇"
HEADER_OPENERS = "【[#＃★☆●◆*＊“\""
GLUED_KEYWORD_BREAK = re.compile("[。！？!?，,；;、：:“”]")
# 第1篇…, 【篇一…, {KW}(一)…: an ordinal that may open a header glued to more text
EARLY_ORDINAL = regex.compile(rf"^第\s*{P.NUM}\s*篇|[(（【\[]\s*(?:第|篇)?\s*{P.NUM}\s*篇?\s*[)）】\]:：]")


def candidate_lines(text: str) -> list[tuple[int, int]]:
    """split.py: _candidate_lines, _may_be_glued and _shaped_like_header (lines read through
    split._reading, which stays in Python)."""

    def may_be_glued(line: str) -> bool:
        """A keyword of two or more characters, with no punctuation and no digit, then a digit."""
        digit = P.ANY_DIGIT.search(line, 0, GLUED_PREFIX)
        if digit is None or digit.start() < 2:
            return False
        return not GLUED_KEYWORD_BREAK.search(line, 0, digit.start())

    def shaped_like_header(line: str) -> bool:
        if len(line) > MAX_CLEAN_HEADER + 10:
            return False
        core = line.strip().rstrip(HEADER_TAIL)
        if not core:
            return False
        if (
            core[-1] in P.NUMERAL_SET
            or core[0] in HEADER_OPENERS
            or ("：" in core or ":" in core)
            and P.ANY_NUMERAL.search(core)
        ):
            return True
        # 第1篇我的老师, {KW}(一)《题目》…: a numbered 篇 or a bracketed numeral early in the line
        return bool(EARLY_ORDINAL.search(core, 0, GLUED_PREFIX))

    found, start = [], 0
    for line in text.split("\n"):
        if line:
            reading = _reading(line)[0] if P.HEADER_DEBRIS.search(line) else line
            if shaped_like_header(reading) or may_be_glued(reading):
                found.append((start, start + len(line)))
        start += len(line) + 1
    return found


CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


def control_bytes(data: bytes) -> int:
    """decode.py: _looks_binary's count."""
    return len(data) - len(data.translate(None, CONTROL_BYTES))


# rules/boilerplate.py: _trigger_lines' scan. Words grouped by their first character, longest first
# within a group, in the stdlib engine.
_BY_FIRST: dict[str, list[str]] = {}
for _word in P.TRIGGER_FAMILIES:
    _BY_FIRST.setdefault(_word[0], []).append(_word[1:])
TRIGGER = re.compile(
    "|".join(
        re.escape(first) + "(?:" + "|".join(map(re.escape, sorted(rests, key=len, reverse=True))) + ")"
        for first, rests in _BY_FIRST.items()
    )
)


def trigger_lines(text: str) -> dict[str, list[tuple[int, int]]]:
    """rules/boilerplate.py: _trigger_lines."""
    from cutter.rules.base import line_span

    lines: dict[str, list[tuple[int, int]]] = {}
    line = (-1, -1)
    for hit in TRIGGER.finditer(text):
        if hit.start() > line[1]:  # a new line: found once, however many trigger words it holds
            line = line_span(text, hit.start())
        for family in P.TRIGGER_FAMILIES[hit.group()]:
            found = lines.setdefault(family, [])
            if not found or found[-1] != line:
                found.append(line)
    return lines


def core_trigger_lines(text: str) -> dict[str, list[tuple[int, int]]]:
    from cutter.rules import boilerplate

    return boilerplate._trigger_lines.__wrapped__(text)


def fold(text: str) -> str:
    """rules/boilerplate.py: fold_script's translation (run here on every text, not only on
    those holding a traditional character)."""
    from cutter.rules.boilerplate import _fold_table

    return text.translate(_fold_table())


def core_fold(text: str) -> str:
    from cutter.rules import boilerplate

    folded = boilerplate._fold().apply(text)
    return text if folded is None else folded


TEXT_PAIRS = (
    (rare_characters, _core.rare_characters),
    (document_script, _core.document_script),
    (candidate_lines, _core.candidate_lines),
    (trigger_lines, core_trigger_lines),
    (fold, core_fold),
    (page_breaks, _core.page_breaks),
    (chunk_markers, _core.chunk_markers),
    (ellipsis, _core.ellipsis),
    (fullwidth, _core.fullwidth),
    (split_reference.header_candidate_list, split_reference.core_header_candidate_list),
    (spacing_reference.whitespace, _core.whitespace),
    (spacing_reference.watermark, _core.watermark),
    (spacing_reference.english, _core.english),
    (spacing_reference.cjk_space, _core.cjk_space),
    (spacing_reference.placeholders, _core.placeholders),
    (boilerplate_reference.line_rules, boilerplate_reference.core_line_rules),
    (markup_reference.pinyin_ruby_all, markup_reference.core_pinyin_ruby_all),
    (markup_reference.clusters, _core.markup_clusters),
    (markup_reference.html_fixes, markup_reference.core_html_fixes),
)

# --- inputs ------------------------------------------------------------------------------------


def sample_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(SAMPLES.glob("*.txt")):
        yield path.name, decode(path.read_bytes()).text
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else ():
        yield path.name, decode(path.read_bytes()).text


@cache
def corpus() -> tuple[str, ...]:
    sys.path.insert(0, str(ROOT / "bench"))
    import core_corpus

    return tuple(core_corpus.pages(CORPUS_MB))


def differences(text: str) -> list[str]:
    """The names of the core functions whose output on ``text`` differs from the reference's."""
    return [reference.__name__ for reference, core in TEXT_PAIRS if reference(text) != core(text)]


# --- the comparisons ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), list(sample_texts()), ids=[name for name, _ in sample_texts()])
def test_samples_and_seeds_read_alike(name: str, text: str) -> None:
    assert differences(text) == []
    assert _core.control_bytes(text.encode("utf-8")) == control_bytes(text.encode("utf-8"))


def test_generated_corpus_reads_alike() -> None:
    pages = corpus()
    assert sum(len(page.encode("utf-8", "surrogatepass")) for page in pages) >= CORPUS_MB * 1_000_000
    assert [i for i, page in enumerate(pages) if differences(page)] == []
    # the corpus reaches the corners: traditional pages, odd lines, glued headers, lone surrogates
    assert {document_script(page) for page in pages} == {"simplified", "traditional"}
    assert any("\ud800" in page for page in pages) and any("\x1c" in page for page in pages)


def test_every_code_point_reads_alike() -> None:
    points = [chr(code) for code in range(0x110000) if code != 0x0A]
    # the stdlib engine takes seconds over the supplementary planes' million: every 13th there
    chunk = "".join(points[:0x10000] + points[0x10000::13])
    assert _core.rare_characters(chunk) == rare_characters(chunk)
    # the line shapes read spaces, numerals and marks, all below U+3400 or in U+FF00–U+FFEF
    shaped = points[:0x3400] + points[0xFF00 - 1 : 0xFFF0 - 1] + points[0x3400:0x110000:97]
    for position in ("作文篇{}", "{}作文篇一", "作文篇一{}", "作文{}1", "【{}】", "第一篇{}", "范文{}：三"):
        # one line per code point, in each place a line's shape is read
        text = "\n".join(position.format(c) for c in shaped)
        assert _core.candidate_lines(text) == candidate_lines(text), position
    for c in points[0x3400:0x30000:7]:
        assert _core.document_script(c + c + "中") == document_script(c + c + "中")
    # every code point folds alike, and beside and inside trigger words
    everything = "".join(points)
    assert core_fold(everything) == fold(everything)
    for position in ("以下{}", "{}以下", "以{}下", "小编精心{}推荐", "{}.com"):
        text = "\n".join(position.format(c) for c in points[:0x10000:3] + points[0x10000::101])
        assert core_trigger_lines(text) == trigger_lines(text), position


_ALPHABET = st.sampled_from(
    list("甲乙丙的是作文范文倡议书價與體们个与为篇第【】[]()（）〔〕#＃★*“”\"：:，。！？；、…—")
    + list("0123456789０１２３４５６７８９一二三十百零〇两兩")
    + list(" \t\n\n\n\r\u3000\u00a0\u2002\u200b\ufeff\x1c\x1f\x85\u2028\x0b\x00\x7f")
    + ["\ud800", "\udfff", "\U00020000", "\U0001f600", "ā", "x", "X", "a"]
)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=300) | st.text(max_size=200))
def test_any_text_reads_alike(text: str) -> None:
    assert differences(text) == []


# Trigger words, their prefixes and overlaps (小编 in 小编精心推荐, 本文 in 本文由, 阅读 and 阅读：),
# traditional twins and the line breaks between them.
_TRIGGER_PARTS = st.sampled_from(
    sorted(P.TRIGGER_FAMILIES)
    + sorted({word[:-1] for word in P.TRIGGER_FAMILIES if len(word) > 2})
    + sorted({word[1:] for word in P.TRIGGER_FAMILIES if len(word) > 2})
    + list("以下小编為爲編輯說\n\n甲，。：:（(.cCoOmM")
    + ["\ud800", "\U00020000"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_TRIGGER_PARTS, max_size=40).map("".join))
def test_trigger_words_read_alike(text: str) -> None:
    assert core_trigger_lines(text) == trigger_lines(text)
    assert core_fold(text) == fold(text)


# Pieces of header lines and of the debris a line is read without (split._reading), with the
# near misses of each: entities, tags, format characters, no-break spaces, pinyin ruby.
_DEBRIS = st.sampled_from(
    [
        "&nbsp;", "&#160;", "&#x3000;", "&amp;", "&bsp;", "&NBSP;", "&n;", "&abcdefgh;", "&abcdefghi;", "&#1;",
        "&#1234567;", "&#12345678;", "&#xA0;", "&#xg0;", "&#x;", "&", ";", "#", "&#", "&x",
        "<br>", "</p>", "<br/>", "<br />", "<span class=\"t\">", "</span>", "<a ", "<1>", "<b\x1c>", "<b\u3000x>",
        "<b\x85 >", "<p/x>", "<<b>", "</>", "<", ">", "/", "<b x<i>",
        "\u200b", "\ufeff", "\u00ad", "\u2060", "\u061c", "\U000e0001", "\U00013439", "\u00a0", "\u3000", "\x1c",
        "\x85", " ", "\t",
        "字(zì)", "(zì)", "字（zì）", "字(zi)", "字(zìzìzìzì)", "字(zìzì)", "字(ǖ)", "字(ü)", "字(ḿ)", "字(zì）", "字(ZÌ)",
        "字(z\u200bì)", "字 (zì)", "\U00020000(zì)", "〇(ā)", "々(ā)", "(", "（", ")", "）", "ì", "ā", "z", "ü",
    ]
)  # fmt: skip
_HEADER = st.sampled_from(
    list("甲乙的作文范文倡议书篇第篇第【】[]()（）〔〕#＃★*“”\"：:，。！？；、")
    + list("0123456789０１２３４５６７８９一二三十百零〇○两兩")
    + ["作文篇一", "第1篇", "第 一 篇", "【篇二】", "(一)", "（ 第 三 篇 ）：", "[4]", "篇", "第"]
)
_DEBRIS_LINE = st.lists(_DEBRIS | _HEADER | _HEADER, max_size=24).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_DEBRIS_LINE, min_size=1, max_size=8).map("\n".join))
def test_lines_with_debris_read_alike(text: str) -> None:
    assert _core.candidate_lines(text) == candidate_lines(text)


@settings(max_examples=300, deadline=None)
@given(_DEBRIS_LINE, st.integers(0, 100), st.sampled_from(["篇一", "1尊敬的", "(一)正文", "<br>", "&nbsp;", "字(zì)"]))
def test_debris_near_the_length_limits_reads_alike(line: str, at: int, end: str) -> None:
    # the length limit and the glued prefix count the reading, not the line
    text = "甲" * at + line + end
    assert _core.candidate_lines(text) == candidate_lines(text)
    text = line + "甲" * at + end
    assert _core.candidate_lines(text) == candidate_lines(text)


def test_every_code_point_reads_alike_in_the_debris() -> None:
    """Each place where a code point's class decides whether debris is removed: a format
    character, a space to the regex module (a tag's, an ordinal's), a Han character before
    ruby, an entity's letter, a tone mark, a ruby letter."""
    chosen = every_code_point() + [chr(code) for code in (0x13439, 0x1343F, 0xE0001, 0x20000)]
    fill = "甲" * 84
    for position in (
        "作文篇一{}",  # a format character is removed
        "作文篇一<b{}x>",  # a tag's name ends at a space
        "第{}一篇正文很长，",  # an ordinal's spaces
        fill + "{}(zì)篇一",  # ruby after a Han character only: the reading is short enough
        "作文篇一&{}b;",  # an entity's name
        fill + "字(z{})篇一",  # a tone mark makes ruby
        fill + "字(ā{})篇一",  # so may pinyin letters
    ):
        text = "\n".join(position.format(c) for c in chosen)
        assert _core.candidate_lines(text) == candidate_lines(text), position


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=80), st.integers(50, 80), st.sampled_from("15０９"))
def test_digits_near_the_glued_limit_read_alike(text: str, at: int, digit: str) -> None:
    line = ("甲" * at + digit + text)[: at + 1 + len(text)]
    assert _core.candidate_lines(line) == candidate_lines(line)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_count_alike(data: bytes) -> None:
    assert _core.control_bytes(data) == control_bytes(data)
    assert _core.control_bytes(data * 50) == control_bytes(data * 50)


def records(texts: list[str]) -> list[list[dict]]:
    from cutter.core import process
    from cutter.model import Document
    from cutter.rules.base import rare_characters as cached

    cached.cache_clear()
    return [process(Document(f"{number}.txt", text)).records() for number, text in enumerate(texts)]


def test_the_pipeline_gives_the_same_records_with_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: text, edits with offsets, warnings, with the core and with the reference in its place."""
    # OpenCC (the traditional rule) refuses lone surrogates, before and after the core alike
    pages = [page for page in corpus() if not any("\ud800" <= c <= "\udfff" for c in page)]
    texts = [text for _, text in sample_texts()] + pages[:40]
    with_core = records(texts)
    from types import SimpleNamespace

    from cutter.rules import boilerplate

    for reference, core in TEXT_PAIRS:
        if hasattr(_core, core.__name__):
            monkeypatch.setattr(_core, core.__name__, reference)
    monkeypatch.setattr(_core, "control_bytes", control_bytes)
    monkeypatch.setattr(boilerplate, "_trigger_lines", trigger_lines)
    monkeypatch.setattr(boilerplate, "_fold", lambda: SimpleNamespace(apply=fold))
    boilerplate.fold_script.cache_clear()
    # the bookkeeping in Python too, which runs every rule as its find (so the references above),
    # over each piece's str (no document held in the core, whose runs only the core can read)
    monkeypatch.setattr(pipeline, "HELD_TEXT", -1)

    def reference_clean_text(raw, rules, context, keep_boilerplate=False, rare=None, run=None):  # type: ignore[no-untyped-def]
        assert run is None
        return normalize_reference.clean_text(raw, rules, context, keep_boilerplate, rare)

    monkeypatch.setattr(normalize, "clean_text", reference_clean_text)
    assert records(texts) == with_core


# --- the normalizer's bookkeeping (cutter_core::normalize) --------------------------------------


def cleaned(clean, text: str, rules=RULES, keep: bool = False) -> tuple[str, list, list]:
    """What ``clean`` (the normalizer's clean_text, or its reference) makes of ``text``, its first
    line taken for the page's title (so title-repeat acts where a line repeats it)."""
    clean_text, edits, notes = clean(text, rules, Context.of(text, titles=(text.split("\n", 1)[0],)), keep)
    return clean_text, list(edits), notes


def normalizer_differences(text: str) -> list[str]:
    """The rule selections and modes in which the core's bookkeeping and the reference's differ on ``text``."""
    rules = every_rule_for(text)
    joinless = tuple(rule for rule in rules if rule.name not in {"page-break", "chunk-marker"})
    ways = {"all": (rules, False), "keep-boilerplate": (rules, True), "no joins": (joinless, False)}
    return [
        way
        for way, (rules, keep) in ways.items()
        if cleaned(clean_text, text, rules, keep) != cleaned(normalize_reference.clean_text, text, rules, keep)
    ]


def every_rule_for(text: str) -> tuple:
    """Every rule, but ``traditional`` for a text with a lone surrogate, which OpenCC refuses."""
    if any("\ud800" <= c <= "\udfff" for c in text):
        return tuple(rule for rule in RULES if rule.name != "traditional")
    return RULES


def test_the_normalizer_keeps_the_same_books_on_the_samples_and_the_corpus() -> None:
    texts = [text for _, text in sample_texts()] + list(corpus()[:80])
    assert any("\ud800" in text for text in texts)
    assert [i for i, text in enumerate(texts) if normalizer_differences(text)] == []
    # the texts reach what the books must map: joins run again, edits over earlier edits, notes
    edits = [cleaned(clean_text, text)[1] for text in texts]
    assert sum(len(e) for e in edits) > 1000 and len({edit.rule for e in edits for edit in e}) > 12


_DAMAGE = st.sampled_from(["。。。", "...", "&nbsp;", "\u200b", " ", "\n\n", "\n2、", ",", "(", ")", "的.", "篇一", "\u3000",
                           "\ud800", "價值", "字(zì)"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=12) | _DAMAGE, max_size=40).map("".join))
def test_the_normalizer_keeps_the_same_books_on_any_text(text: str) -> None:
    assert normalizer_differences(text) == []


# --- the boundary ------------------------------------------------------------------------------


def test_a_panic_in_the_core_is_the_documents_input_error() -> None:
    from cutter.errors import InputError

    with pytest.raises(InputError, match="internal error in cutter's compiled core"):
        _core._panic("正文")
    assert _core.rare_characters("價") == "價"  # and the core still works afterwards


def test_a_panic_costs_one_input_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from click.testing import CliRunner

    from cutter.cli import main

    monkeypatch.setattr(_core, "rare_characters", rare_scan_panicking_on("崩"))
    (tmp_path / "a.txt").write_text("合集(精选2篇)\n作文篇一\n甲。\n作文篇二\n乙。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("合集(精选2篇)\n作文篇一\n崩。\n作文篇二\n乙。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-j", "1"])
    assert result.exit_code == 1
    assert "甲。" in result.stdout and "崩" not in result.stdout
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "b.txt" in errors[0] and "compiled core" in errors[0]
    assert "Traceback" not in result.stderr and "panicked" not in capfd.readouterr().err


def test_the_automata_refuse_bad_words_with_a_value_error() -> None:
    with pytest.raises(ValueError, match="empty or names an unknown family"):
        _core.Triggers([("以下", 0b100)], 2)
    with pytest.raises(ValueError, match="at most 64"):
        _core.Triggers([("以下", 1)], 65)
    with pytest.raises(ValueError, match="cannot be a fold's twin"):
        _core.Fold([(ord("編"), 0xD800)])


def _boilerplate_scan(text: str) -> object:
    from cutter.rules import boilerplate

    return boilerplate._triggers().lines(text)


def _paragraph_scans(text: str) -> object:
    gaps = text.replace("\n作文篇一\n", "，要“鼓励企业\n\n开展个性化定制\n")  # open gaps, and chunk numbers after long lines
    return _core.page_breaks(gaps), _core.chunk_markers(gaps.replace("开展", "\n2、开展"))


def _punctuation_scans(text: str) -> object:
    damaged = text.replace("。", "。。。").replace("\n作文篇一\n", "工作,生活(华东)")  # a fix in every line
    return _core.ellipsis(damaged), _core.fullwidth(damaged)


def test_a_core_function_reads_a_runs_text_in_place_of_a_str() -> None:
    run = _core.Run("工匠精神的價值,在于 1 点。")
    assert _core.rare_characters(run) == " ,價"
    run.apply("fullwidth", [7], [8], ["，"], b"\0", False)
    assert _core.rare_characters(run) == _core.rare_characters(run.text) == " 價"
    with pytest.raises(TypeError):
        _core.rare_characters(b"bytes")


def _normalizer_run(text: str) -> object:
    run = _core.Run(text.replace("。", "。。。"))
    return run.apply_core("ellipsis", False)


def _spacing_scans(text: str) -> object:
    damaged = text.replace("的", "的.").replace("点。", "点 。\u200b").replace("\n作文篇一\n", "工作 and 生活 xx年x班 \n")  # a find in every line
    found = _core.whitespace(damaged), _core.watermark(damaged), _core.english(damaged), _core.cjk_space(damaged)
    return found, _core.placeholders(damaged)


@pytest.mark.parametrize("scan", [_core.candidate_lines, _boilerplate_scan, _paragraph_scans, _punctuation_scans,
                                  _normalizer_run, _spacing_scans],
                         ids=["candidate_lines", "triggers", "paragraphs", "punctuation", "normalizer", "spacing"])  # fmt: skip
def test_the_core_releases_the_gil(scan) -> None:
    import threading
    import time

    text = "工匠精神的價值,在于 1 点。以下是小编整理的\n作文篇一\n" * 200_000  # ~12 MB: milliseconds in the core
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        started = time.perf_counter()
        for _ in range(3):
            scan(text)
        elapsed = time.perf_counter() - started
    finally:
        done.set()
        thread.join()
    # with the GIL held, the other thread would be stalled for each whole call
    assert ticks > 10 * 3, (ticks, elapsed)
