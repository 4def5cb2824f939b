"""The two real compilation files in ../shared/seeds (skipped where the folder is absent)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cutter.core import process
from cutter.decode import decode
from cutter.model import Document

NUMERALS = "一二三四五六七八九"
SEED_000 = "000_dd48d1fb9e298a24.txt"
SEED_004 = "004_9510543668fe9c51.txt"


def _result(seeds: Path, name: str):
    path = seeds / name
    return process(Document(str(path), decode(path.read_bytes()).text))


@pytest.mark.parametrize(
    ("name", "keyword", "collection"),
    [
        (SEED_000, "弘扬工匠精神", "弘扬工匠精神 弘扬工匠精神心得体会报告"),
        (SEED_004, "弘扬大国工匠精神演讲稿", "2023年弘扬大国工匠精神演讲稿 弘扬工匠精神演讲稿"),
    ],
)
def test_seed_splits_into_nine_titled_pieces(seeds: Path, name: str, keyword: str, collection: str) -> None:
    result = _result(seeds, name)
    rows = result.records()
    assert [r["title"] for r in rows] == [f"{keyword}篇{n}" for n in NUMERALS]
    assert {(r["collection"], r["declared"], r["count"]) for r in rows} == {(collection, 9, 9)}
    intro = result.layout.intro
    assert intro and all(intro[:20] not in r["text"] for r in rows)
    assert all(r["text"] and "\n\n" not in r["text"] for r in rows)


def test_seed_004_keeps_nested_sub_headers_inside_piece_five(seeds: Path) -> None:
    piece = _result(seeds, SEED_004).records()[4]
    assert "弘扬工匠精神演讲稿一\n" in piece["text"] and "弘扬工匠精神演讲稿二\n" in piece["text"]


def test_seed_artifacts_are_repaired(seeds: Path) -> None:
    edits = {
        (e["rule"], e["before"])
        for name in (SEED_000, SEED_004)
        for r in _result(seeds, name).records()
        for e in r["edits"]
    }
    assert {("traditional", "價"), ("english", " and "), ("ellipsis", "。。。。。。"), ("ellipsis", "。。。 "), ("ellipsis", "。。。")} <= edits
    assert {("watermark", "."), ("watermark", "'")} <= edits
    texts = "".join(r["text"] for name in (SEED_000, SEED_004) for r in _result(seeds, name).records())
    for survivor in ("made in china", "C919", "a北线", "feel", "99.99%", "xx2019年", "乾" if "乾" in texts else ""):
        assert survivor in texts


def test_seed_page_break_precision_and_recall(seeds: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        from pagebreak import evaluate
    finally:
        sys.path.pop(0)
    scores = evaluate(seeds)
    assert scores["true_cuts"] == 21
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0


def _sentences(text: str) -> list[str]:
    import regex

    return [s for s in regex.split(r"(?<=[。！？!?])|\n", text) if regex.search(r"\p{Han}", s)]


def test_seed_output_has_no_boilerplate_and_keeps_every_content_sentence(seeds: Path) -> None:
    import regex

    from tests.reference_patterns import OFFER
    from cutter.rules import BY_NAME, BOILERPLATE

    def han(text: str) -> str:  # the Han characters, after the two rules that change them
        repaired = BY_NAME["english"].apply(BY_NAME["traditional"].apply(text))
        return "".join(regex.findall(r"\p{Han}", repaired))

    removed = []
    for name in (SEED_000, SEED_004):
        result = _result(seeds, name)
        for piece in result.pieces:
            assert not OFFER.search(piece.text) and "小编" not in piece.text
            output = han(piece.text)
            removed += [e for e in piece.edits if BY_NAME[e.rule].category == BOILERPLATE]
            boilerplate = [e.before for e in piece.edits if BY_NAME[e.rule].category == BOILERPLATE]
            for sentence in _sentences(piece.piece.raw):
                content = han(sentence)
                for removed_text in boilerplate:
                    content = content.replace(han(removed_text), "")
                assert content in output, sentence
    assert sorted(e.rule for e in removed) == ["offer"] * 5
    assert all(regex.match(r"[，]?(?:以下是|下面是)[^。！？]*[。！？]$", e.before) for e in removed)
