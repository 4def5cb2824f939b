"""The splitter: header families, count declarations, dominant-family choice, coverage."""

from __future__ import annotations

import pytest

from cutter.model import Document
from cutter.patterns import parse_number
from cutter.split import _count_value, _parse_title, header_candidates, split

HEADERS = [
    # (line, keyword, number)          formats.md §2
    ("弘扬工匠精神篇一", "弘扬工匠精神", 1),  # H1
    ("读后感 篇三", "读后感", 3),  # H2
    ("工作计划篇12", "工作计划", 12),  # H3
    ("环保演讲稿 篇1", "环保演讲稿", 1),  # H4
    ("感恩作文5", "感恩作文", 5),  # H5
    ("感恩作文 6", "感恩作文", 6),  # H6
    ("国旗下讲话【篇2】", "国旗下讲话", 2),  # H7
    ("【篇一】感恩母亲的作文", "", 1),  # H8
    ("课前三分钟演讲稿(汇总16篇)篇一", "课前三分钟演讲稿", 1),  # H9
    ("感恩演讲稿【精选7篇】一", "感恩演讲稿", 1),  # H9
    ("篇一：我的老师", "", 1),  # H10
    ("第一篇：平凡中的不平凡", "", 1),  # H11
    ("诚信演讲稿二", "诚信演讲稿", 2),  # H12
    ("范文一：关于安全的倡议", "范文", 1),  # H13
    ("心得三：学无止境", "心得", 3),  # H14
    ("【2】我的同桌", "", 2),  # H15
    ("★【读书心得07】读书的乐趣", "读书心得", 7),  # H15
    ("#我的梦想4#", "我的梦想", 4),  # H15
    ("家长会发言稿(四)", "家长会发言稿", 4),  # H16
    ("我的梦想作文篇１２", "我的梦想作文", 12),  # full-width digits
    ("學習雷鋒精神心得體會篇十一", "學習雷鋒精神心得體會", 11),  # traditional script
    ("我的梦想作文600字3", "我的梦想作文", 3),  # word count before the number
    ("新学期计划篇二十", "新学期计划", 20),
]

NOT_HEADERS = [
    "一、追求卓越",
    "（一）小时候",
    "(1)认真听讲",
    "1、节约用水",
    "1. 节约用水",
    "第二段：工匠精神的重要性",
    "第一，消费需求升级呼唤工匠精神。",
    "结语",
    "①坚持",
    "2019年3月5日，总理在政府工作报告中提到",
    "凌晨2点整，距离刚下车已经一个小时过去了",
    "时间：2019",
    "一",
    "弘扬工匠精神 弘扬工匠精神心得体会报告 (大全9篇)",
    "第一",
]


@pytest.mark.parametrize(("line", "keyword", "number"), HEADERS)
def test_header_lines_are_candidates(line: str, keyword: str, number: int) -> None:
    candidates = list(header_candidates(line))
    assert candidates and candidates[0].clean
    assert (candidates[0].keyword, candidates[0].number) == (keyword, number)


@pytest.mark.parametrize("line", NOT_HEADERS)
def test_in_piece_headings_are_not_clean_candidates(line: str) -> None:
    assert not [c for c in header_candidates(line) if c.clean]


def test_glued_header_offers_every_reading_of_its_digits() -> None:
    readings = [(c.keyword, c.number, c.clean) for c in header_candidates("倡议书15社区是我们的家")]
    assert readings == [("倡议书", 1, False), ("倡议书", 15, False)]
    assert not list(header_candidates("凌晨2点整，距离刚下车"))


@pytest.mark.parametrize(
    ("text", "value"),
    [("9", 9), ("１２", 12), ("九", 9), ("十", 10), ("十四", 14), ("二十九", 29), ("一百零二", 102),
     ("两", 2), ("貳", 2), ("〇", 0), ("x", None), ("", None)],
)  # fmt: skip
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("title", "collection", "declared"),
    [
        ("弘扬工匠精神 弘扬工匠精神心得体会报告 (大全9篇)", "弘扬工匠精神 弘扬工匠精神心得体会报告", 9),
        ("2023年弘扬大国工匠精神演讲稿 弘扬工匠精神演讲稿(汇总9篇)", "2023年弘扬大国工匠精神演讲稿 弘扬工匠精神演讲稿", 9),
        ("环保演讲稿（精选５篇）", "环保演讲稿", 5),
        ("关于诚信的演讲稿（二篇）", "关于诚信的演讲稿", 2),
        ("《平凡的世界》读后感共三篇", "《平凡的世界》读后感", 3),
        ("感恩母亲的作文【热门20篇】", "感恩母亲的作文", 20),
        ("关于安全的倡议书集锦八篇", "关于安全的倡议书", 8),
        ("工作总结汇总(十四篇)", "工作总结汇总", 14),
        ("學習雷鋒精神心得體會(精選2篇)", "學習雷鋒精神心得體會", 2),
        ("我的家乡", "我的家乡", None),
    ],
)
def test_title_count_declarations(title: str, collection: str, declared: int | None) -> None:
    assert _parse_title(title) == (collection, declared)


def test_glued_word_count_is_not_read_as_the_count() -> None:
    assert _count_value("80010") == 10
    assert _count_value("9") == 9


def _layout(text: str):
    return split(Document("t.txt", text))


def test_in_piece_headings_never_split_a_piece() -> None:
    text = "心得(大全2篇)\n\n心得篇一\n\n一、追求\n\n甲。\n\n第二段：乙\n\n乙。\n\n结语\n\n丙。\n\n心得篇二\n\n丁。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["心得篇一", "心得篇二"]
    assert "第二段：乙" in layout.pieces[0].raw and "结语" in layout.pieces[0].raw


def test_nested_sub_headers_stay_inside_their_piece() -> None:
    text = "演讲稿(汇总3篇)\n大国演讲稿篇一\n甲。\n大国演讲稿篇二\n下面是小编整理的。\n小演讲一\n乙。\n小演讲二\n丙。\n大国演讲稿篇三\n丁。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["大国演讲稿篇一", "大国演讲稿篇二", "大国演讲稿篇三"]
    assert layout.pieces[1].nested == ("小演讲一", "小演讲二")
    assert not layout.warnings


def test_bare_numeral_headers_win_when_they_are_the_dominant_family() -> None:
    layout = _layout("诚信演讲稿（二篇）\n诚信演讲稿一\n甲。\n诚信演讲稿二\n乙。\n")
    assert [p.title for p in layout.pieces] == ["诚信演讲稿一", "诚信演讲稿二"]


def test_header_keyword_may_differ_from_the_title() -> None:
    layout = _layout("关于环保的演讲稿集锦三篇\n环保演讲稿 篇1\n甲。\n环保演讲稿 篇2\n乙。\n环保演讲稿 篇3\n丙。\n")
    assert layout.family == "环保演讲稿+篇N"
    assert layout.collection == "关于环保的演讲稿" and layout.declared == 3


def test_count_inside_every_header_is_not_a_title() -> None:
    layout = _layout("讲稿(汇总2篇)篇一\n甲。\n讲稿(汇总2篇)篇二\n乙。\n")
    assert [p.index for p in layout.pieces] == [1, 2]
    assert layout.declared == 2 and layout.collection is None


def test_glued_headers_are_cut_inside_the_line() -> None:
    text = "倡议书(通用3篇)\n倡议书1尊敬的师生：\n甲。\n倡议书2亲爱的同学：\n乙。\n倡议书3各位居民：\n丙。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["倡议书1", "倡议书2", "倡议书3"]
    assert layout.pieces[0].raw.startswith("尊敬的师生：")


def test_glued_number_prefers_the_one_that_continues_the_sequence() -> None:
    lines = [f"倡议书{n}社区是家。" for n in range(1, 15)] + ["倡议书15社区是我们的家。"]
    layout = _layout("\n".join(lines))
    assert len(layout.pieces) == 15 and layout.pieces[-1].raw.startswith("社区")


def test_no_headers_gives_one_piece_and_a_warning() -> None:
    layout = _layout("我的家乡\n\n我的家乡在江南。\n")
    assert len(layout.pieces) == 1 and layout.pieces[0].title == "我的家乡"
    assert layout.pieces[0].raw.strip() == "我的家乡在江南。"
    assert any("no piece headers" in w for w in layout.warnings)


def test_single_page_named_like_a_header_is_not_piece_two_of_two() -> None:
    layout = _layout("观后感篇二\n\n这是一篇观后感。\n")
    assert len(layout.pieces) == 1


def test_declared_count_mismatch_is_a_warning() -> None:
    layout = _layout("春节作文(精选4篇)\n春节作文篇一\n甲。\n春节作文篇二\n乙。\n春节作文篇三\n丙。\n")
    assert layout.warnings == ("count-mismatch: the title declares 4 pieces, but 3 were found",)


def test_intro_count_disagreeing_with_the_title_is_a_warning() -> None:
    layout = _layout("倡议书集锦二篇\n以下是小编整理的10篇倡议书。\n倡议书 篇1\n甲。\n倡议书 篇2\n乙。\n")
    assert "intro-count: the intro says 10 pieces, the title 2" in layout.warnings


ESSAY_LINES = "四月的一个周末，我们去城外的湿地公园春游。\n成片的油菜花一直铺到远处的小河边。\n几只白鹭从芦苇丛里飞起来，大家都叫出了声。\n"


def test_an_unheaded_essay_above_the_first_header_is_a_warning() -> None:
    layout = _layout("春游有感合计\n2023-04-08 来源:某某文库\n" + ESSAY_LINES + "【春游有感_范文1】\n甲。\n【春游有感_范文2】\n乙。\n")
    assert len(layout.pieces) == 2
    (warning,) = [w for w in layout.warnings if w.startswith("prose-intro: 3 lines of prose before the first header")]
    assert "“四月的一个周末，我们去城外的湿地…”" in warning


@pytest.mark.parametrize(
    "intro",
    [
        "春游是我们的快乐时光。\n以下是小编整理的春游作文，仅供参考。\n希望大家喜欢这些范文。\n",  # an offer's lines
        "首页 > 作文 > 春游\n发布时间：2023-04-08\n阅读：120\n",  # chrome, no prose
        "春游是我们的快乐时光，也是成长的课堂。\n",  # one line of genre intro
    ],
)
def test_a_site_intro_is_no_prose_intro(intro: str) -> None:
    layout = _layout("春游作文(精选2篇)\n" + intro + "春游作文篇一\n甲。\n春游作文篇二\n乙。\n")
    assert not [w for w in layout.warnings if w.startswith("prose-intro")]


def test_out_of_sequence_header_is_kept_inside_and_reported() -> None:
    layout = _layout("作文(2篇)\n作文篇一\n甲。\n作文篇二\n乙。\n扩展阅读\n作文篇二\n丙。\n")
    assert len(layout.pieces) == 2 and "丙。" in layout.pieces[1].raw
    assert any("out of sequence" in w for w in layout.warnings)


def test_pieces_and_preamble_cover_the_source() -> None:
    text = "读书(大全2篇)\n导语。\n读书篇一\n甲。\n读书篇二\n乙。\n"
    layout = _layout(text)
    parts = [layout.preamble.of(text)]
    for piece in layout.pieces:
        parts += [piece.header.of(text), piece.body.of(text)]
    assert "".join(parts) == text
    assert layout.intro == "导语。"


def test_empty_input_has_no_pieces_and_says_so() -> None:
    for text in ("", "\n\n", " \u3000\n"):
        layout = _layout(text)
        assert layout.pieces == () and layout.warnings == ("empty: empty input: no pieces",)
