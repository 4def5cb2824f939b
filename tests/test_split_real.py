"""The splitter on the forms real pages serve (issue 11, items 1-6); samples/SOURCES.md lists the pages."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cutter.model import Document
from cutter.split import header_candidates, split

from .test_properties import assert_split_covers


def _layout(text: str):
    return split(Document("-", text))


def _pieces(text: str) -> list[tuple[str, str]]:
    return [(p.title, p.raw.strip()) for p in _layout(text).pieces]


# --- 1. one visible header ------------------------------------------------------------


def test_one_visible_header_of_the_title_keyword_starts_piece_one() -> None:
    text = "倡议书作文范文(30篇)\n\n倡议书作文篇22\n\n全校团员青年：\n五月是花的海洋。\n"
    layout = _layout(text)
    assert [(p.title, p.raw.strip()[:7]) for p in layout.pieces] == [("倡议书作文篇22", "全校团员青年：")]
    assert layout.collection == "倡议书作文范文" and layout.declared == 30
    assert layout.preamble.of(text).strip() == "倡议书作文范文(30篇)"
    assert "count-mismatch: the title declares 30 pieces, but 1 were found" in layout.warnings
    assert any(w.startswith("one-header: only one piece header") for w in layout.warnings)


def test_one_header_numbered_one_under_an_intro_that_names_its_genre() -> None:
    text = "写心得体会要有真情实感，以下是小编整理的心得体会范文。\n读书的心得体会篇1\n读书使我快乐。\n"
    assert _pieces(text) == [("读书的心得体会篇1", "读书使我快乐。")]


def test_a_header_on_the_title_line_carrying_the_count_under_an_intro() -> None:
    text = "以上是小编准备的范文。\n开场致辞(汇总16篇)篇一\n尊敬的各位评委：\n大家好！\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["开场致辞(汇总16篇)篇一"] and layout.declared == 16


def test_a_page_named_like_a_header_is_not_split_at_its_title() -> None:
    for text in ("六一儿童节发言稿 篇1\n2024-07-16\n尊敬的领导：\n大家好！\n", "观后感篇二\n\n这是一篇观后感。\n"):
        layout = _layout(text)
        assert len(layout.pieces) == 1 and not any(w.startswith("one-header") for w in layout.warnings)


def test_a_lone_header_of_another_keyword_and_number_is_not_a_split() -> None:
    text = "我的老师\n老师教我们读书。\n案例3\n他每天早到。\n"
    assert len(_layout(text).pieces) == 1


def test_a_lone_numbered_line_inside_an_essay_keeps_the_essay_whole() -> None:
    text = "我的感想\n读完这本书，我有很多感想。\n感想1\n要珍惜时间。\n"
    layout = _layout(text)
    assert len(layout.pieces) == 1 and "读完这本书" in layout.pieces[0].raw


# --- 2. gaps in the numbering ---------------------------------------------------------


def test_a_gap_left_by_hidden_text_is_still_the_family_and_is_warned() -> None:
    text = "读书心得(精选5篇)\n读书心得篇1\n甲。……此处隐藏2000个字……\n读书心得篇4\n乙。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["读书心得篇1", "读书心得篇4"]
    assert "numbering-gap: header numbers jump from 1 to 4: headers in between may be hidden or missing" in layout.warnings


def test_gapped_chain_one_two_seven() -> None:
    text = "植树节作文(精选8篇)\n植树节作文1\n甲。\n植树节作文2\n乙。\n植树节作文7\n丙。\n"
    assert [p.title for p in _layout(text).pieces] == ["植树节作文1", "植树节作文2", "植树节作文7"]


def test_a_consecutive_chain_has_no_gap_warning() -> None:
    text = "作文(2篇)\n作文篇一\n甲。\n作文篇二\n乙。\n"
    assert not [w for w in _layout(text).warnings if "jump" in w]


# --- 3. headers glued to the body -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("环保倡议书(2篇)\n环保倡议书 篇1亲爱的同学们：\n甲。\n环保倡议书 篇2各位居民：\n乙。\n",
         [("环保倡议书 篇1", "亲爱的同学们："), ("环保倡议书 篇2", "各位居民：")]),
        ("家长发言稿(3篇)\n家长发言稿1各位家长：\n甲。\n家长发言稿2各位老师：\n乙。\n家长发言稿3大家好：\n丙。\n",
         [("家长发言稿1", "各位家长："), ("家长发言稿2", "各位老师："), ("家长发言稿3", "大家好：")]),
        ("安全教育演讲稿(2篇)\n安全教育演讲稿【第一篇】敬爱的老师：\n甲。\n安全教育演讲稿【第二篇】亲爱的同学：\n乙。\n",
         [("安全教育演讲稿【第一篇】", "敬爱的老师："), ("安全教育演讲稿【第二篇】", "亲爱的同学：")]),
        ("感恩演讲稿(2篇)\n感恩演讲稿(一)《爱的回声》尊敬的老师：\n甲。\n感恩演讲稿(二)《无声的爱》同学们：\n乙。\n",
         [("感恩演讲稿(一)", "《爱的回声》尊敬的老师："), ("感恩演讲稿(二)", "《无声的爱》同学们：")]),
    ],
)
def test_glued_headers_in_every_form(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(title, raw.split("\n")[0]) for title, raw in _pieces(text)] == expected


def test_a_body_that_begins_with_a_digit_is_cut_where_the_sequence_continues() -> None:
    text = (
        "公祭日演讲稿(3篇)\n公祭日演讲稿1尊敬的老师：\n甲。\n公祭日演讲稿2亲爱的同学：\n乙。\n"
        "公祭日演讲稿312月13日是国家公祭日。\n丙。\n"
    )
    assert [(t, r[:6]) for t, r in _pieces(text)][-1] == ("公祭日演讲稿3", "12月13日")


def test_glued_digits_that_are_a_quantity_or_a_word_count_are_no_header() -> None:
    for line in ("他们的作文600字", "观后感通用15篇", "征文比赛精选4篇”由网友整理", "今年2019年我们毕业了"):
        assert not [c for c in header_candidates(line) if c.number in (1, 6, 60, 600, 15, 4, 2019)], line


def test_a_flattened_page_is_split_too() -> None:
    body = "秋风送爽，硕果累累，我们迎来了一年一度的教师节。" * 4
    text = f"教师节讲话3篇教师节讲话(一):老师们、同学们:{body}教师节讲话(二):同学们:{body}教师节讲话(三):各位老师:{body}"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["教师节讲话(一):", "教师节讲话(二):", "教师节讲话(三):"]
    assert layout.collection == "教师节讲话" and layout.declared == 3
    assert layout.pieces[1].raw.startswith("同学们:秋风送爽")


_SPEECH = "在这春暖花开的季节里，我们迎来了盼望已久的亲子运动会，我感到非常荣幸。" * 5


@pytest.mark.parametrize(
    ("text", "title", "collection", "first"),
    [
        (f"家长会发言稿范文仅供参考,自行编辑使用家长会发言稿1尊敬的各位老师:{_SPEECH}", "家长会发言稿1", "家长会发言稿", "尊敬的"),
        (f"家长会发言稿仅供参考，自行编辑使用家长会发言稿1各位家长:{_SPEECH}", "家长会发言稿1", "家长会发言稿", "各位家长"),
        (f"家長會發言稿範文僅供參考，自行編輯使用家長會發言稿1親愛的同學們:{_SPEECH}", "家長會發言稿1", "家長會發言稿", "親愛的"),
        (f"运动会发言稿精选运动会发言稿篇一老师们、同学们:{_SPEECH}", "运动会发言稿篇一", "运动会发言稿精选", "老师们"),
        (f"教师节国旗下的讲话20篇教师节国旗下的讲话20篇教师节国旗下的讲话(一):同学们:{_SPEECH}",
         "教师节国旗下的讲话(一):", "教师节国旗下的讲话", "同学们"),
        (f"亲子运动会发言稿亲子运动会发言稿1在这春暖花开的季节里{_SPEECH}", "亲子运动会发言稿1", "亲子运动会发言稿", "在这"),
    ],
)
def test_a_flattened_page_with_one_glued_marker_starts_piece_one_there(
    text: str, title: str, collection: str, first: str
) -> None:
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == [title]
    assert layout.pieces[0].raw.startswith(first)
    assert layout.collection == collection
    assert any(w.startswith("one-header: only one piece header") for w in layout.warnings)
    assert not any(w.startswith("no-headers") for w in layout.warnings)


@pytest.mark.parametrize(
    "text",
    [
        # the essay mentions its own title, then a quantity or an ordinal
        f"读书感想读书感想1点也不难写，只要真诚。{_SPEECH}",
        f"我的读书感想我的读书感想第1次写得很差，老师却表扬了我。{_SPEECH}",
        f"读书感想读书感想12月4日是我第一次写感想的日子。{_SPEECH}",
        # past the first sentence: the essay's own text
        f"读书感想。我写过很多读书感想，读书感想1就是写给妈妈看的。{_SPEECH}",
        # the keyword does not repeat the opening text
        f"亲子运动会发言稿家长代表1尊敬的各位老师:{_SPEECH}",
        # a numbered list item, not a header
        f"家长会发言稿家长会发言稿1、尊敬的老师{_SPEECH}",
    ],
)
def test_a_flattened_page_whose_text_merely_mentions_its_title_and_a_number_is_not_cut(text: str) -> None:
    layout = _layout(text)
    assert len(layout.pieces) == 1 and layout.pieces[0].header.start == layout.pieces[0].header.end
    assert not any(w.startswith("one-header") for w in layout.warnings)


def test_a_short_first_line_is_no_flattened_page_for_one_marker() -> None:
    text = "家长会发言稿家长会发言稿1尊敬的各位老师:大家好!\n我们迎来了运动会。\n"
    assert not any(w.startswith("one-header") for w in _layout(text).warnings)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["家长会发言稿", "范文仅供参考,自行编辑使用", "1", "篇一", "(一):", "尊敬的", "老师们、", "第", "点",
                                 "。", "春暖花开的季节里我们迎来了运动会"]), max_size=30).map("".join))
def test_the_splitter_covers_the_source_on_flattened_one_marker_pages(text: str) -> None:
    text = text + "我们迎来了盼望已久的亲子运动会" * 10
    layout = split(Document("-", text))
    parts = [layout.preamble.of(text)] + [part.of(text) for p in layout.pieces for part in (p.header, p.body)]
    assert "".join(parts) == text


def test_a_long_line_with_enumerations_is_not_taken_for_a_flattened_page() -> None:
    line = "学校的措施主要有以下几点：（一）加强管理，落实责任；（二）完善制度，严格考核；（三）开展活动。" * 4
    assert len(_layout(f"学校工作总结\n{line}\n").pieces) == 1


# --- 4. more header forms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("安全倡议书范文\n导语。\n范文一\n甲。\n范文二\n乙。\n", ["范文一", "范文二"]),
        ("读书心得范本(二篇)\n有关读书的心得范本一\n甲。\n有关读书的心得范本二\n乙。\n",
         ["有关读书的心得范本一", "有关读书的心得范本二"]),
        ("家长会发言稿(2篇)\n第1篇家长代表发言\n甲。\n第2篇班主任发言\n乙。\n", ["第1篇家长代表发言", "第2篇班主任发言"]),
        ("感恩作文(2篇)\n【篇一：感恩母亲】\n甲。\n【篇二:感恩老师】\n乙。\n", ["【篇一：感恩母亲】", "【篇二:感恩老师】"]),
        ("家长会发言稿(精选2篇)\n家长会发言稿(一)\n甲。\n家长会发言稿（二）\n乙。\n", ["家长会发言稿(一)", "家长会发言稿（二）"]),
        ("读后感(2篇)\n读后感 1\n甲。\n读后感 2\n乙。\n", ["读后感 1", "读后感 2"]),
    ],
)
def test_more_header_forms(text: str, titles: list[str]) -> None:
    assert [title for title, _ in _pieces(text)] == titles


def test_a_colon_after_the_header_belongs_to_the_header_never_to_the_body() -> None:
    for colon in ("：", ":"):
        text = f"心得体会范文2篇\n心得体会1{colon}\n甲。\n心得体会2{colon}乙。\n"
        assert [(t, r) for t, r in _pieces(text)] == [(f"心得体会1{colon}", "甲。"), (f"心得体会2{colon}", "乙。")]


def test_prose_opening_with_an_ordinal_is_no_header() -> None:
    for line in ("第一篇文章写得很好，我很喜欢。", "第1篇敬爱的老师：", "【篇一】"):
        assert not [c for c in header_candidates(line) if c.style == "第N篇" and len(line) > 6], line


# --- 5. header lines carrying debris --------------------------------------------------


@pytest.mark.parametrize("debris", ["&nbsp;", "\u200b", "  ", "\u3000", "\u00a0", "<br>", "</p>", "&nbsp;&nbsp;"])
def test_header_lines_are_judged_as_they_will_read_after_cleaning(debris: str) -> None:
    text = f"作文(3篇)\n作文篇一{debris}\n甲。\n作文篇二\n乙。\n<p>作文篇三{debris}\n丙。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["作文篇一", "作文篇二", "作文篇三"]
    assert [p.raw.strip() for p in layout.pieces] == ["甲。", "乙。", "丙。"]


def test_pinyin_ruby_in_a_header_or_title_is_read_through() -> None:
    text = "大學畢業倡議書(shū)(熱門(mén)2篇)\n大學畢業倡議書(shū)篇一\n甲。\n大學畢業倡議書(shū)篇二\n乙。\n"
    layout = _layout(text)
    assert layout.declared == 2 and layout.collection == "大學畢業倡議書"
    assert [p.title for p in layout.pieces] == ["大學畢業倡議書篇一", "大學畢業倡議書篇二"]


# --- 6. the right title line ----------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "首页 > 范文 > 心得体会",
        "当前位置:网站首页 >> 作文 >> 读书心得(2篇)",
        "首页书信倡议书",
        "网站首页 | 作文 | 范文 | 演讲稿",
        "时间:2023-05-20 13:02:02     小编:xx",
        "2024-07-16",
        "发布于2024-06-08 20:19,全文约 18296 字",
        "才智咖 人气:1.63W",
        "演讲稿2.7W",
        "糯米文学吧",
        "0",
        "- 2025世界读书日倡议书范文(优选28篇)",
    ],
)
def test_the_title_is_not_site_chrome(chrome: str) -> None:
    layout = _layout(f"{chrome}\n读书心得(2篇)\n读书心得篇一\n甲。\n读书心得篇二\n乙。\n")
    assert (layout.collection, layout.declared) == ("读书心得", 2)


def test_an_intro_that_mentions_a_count_is_not_the_title() -> None:
    text = "我的假期\n\n下面是小编整理的假期心得(精选8篇)，仅供参考。\n我的假期 篇1\n甲。\n我的假期 篇2\n乙。\n"
    layout = _layout(text)
    assert (layout.collection, layout.declared) == ("我的假期", None)
    assert "仅供参考" in layout.intro


def test_a_title_repeated_before_the_body_is_dropped_from_it() -> None:
    text = "孩子生日会发言稿\n人气:1.63W\n下面是小编整理的发言稿。\n孩子生日会发言稿\n亲爱的老师们：\n晚上好！\n"
    layout = _layout(text)
    assert layout.pieces[0].raw.lstrip().startswith("亲爱的老师们")
    assert "下面是小编整理的发言稿。" in layout.preamble.of(text)


def test_a_title_repeated_far_into_the_body_is_kept() -> None:
    text = "写好心得的要求\n一是真实。\n二是具体。\n三是简洁。\n四是有重点。\n写好心得的要求\n五是有个性。\n"
    layout = _layout(text)
    assert layout.pieces[0].raw.lstrip().startswith("一是真实。") and "写好心得的要求\n五是" in layout.pieces[0].raw


# --- negatives: in-piece structure never becomes a boundary ---------------------------


def test_in_piece_headings_never_split_real_forms() -> None:
    text = (
        "学习心得(2篇)\n学习心得篇一\n一、端正态度\n甲。\n第二段：方法\n乙。\n结语\n丙。\n(一)坚持\n丁。\n"
        "一是尊重经验。\n学习心得篇二\n戊。\n"
    )
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["学习心得篇一", "学习心得篇二"]
    assert "第二段：方法" in layout.pieces[0].raw and "一是尊重经验。" in layout.pieces[0].raw


# --- coverage over the new forms ------------------------------------------------------

REAL_FRAGMENTS = [
    "倡议书作文篇22", "读书心得篇1", "读书心得篇4", "植树节作文7", "环保倡议书 篇1亲爱的", "家长发言稿1各位",
    "安全教育演讲稿【第一篇】敬爱的", "感恩演讲稿(一)《爱》", "公祭日演讲稿312月13日", "范文一", "第1篇家长代表发言",
    "【篇一：感恩母亲】", "家长会发言稿(一)", "读后感 1", "心得体会1：", "作文篇一&nbsp;", "作文篇二\u200b",
    "<p>作文篇三</p>", "大學(xué)篇一", "首页 > 范文", "时间:2023-05-20", "人气:1.63W", "- 相关推荐",
    "(精选8篇)", "(30篇)", "下面是小编整理的", "……此处隐藏20个字……", "教师节讲话(一):", "教师节讲话(二):",
    "一、", "第二段：", "结语", "\n", "\n\n", "。", "，", "：",
]  # fmt: skip
real_like = st.lists(
    st.one_of(st.sampled_from(REAL_FRAGMENTS), st.text(min_size=1, max_size=6)), max_size=50
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(real_like)
def test_the_splitter_covers_the_source_on_the_real_forms(text: str) -> None:
    layout = assert_split_covers(text)
    if layout.title_line is not None:
        assert layout.title_line.end <= layout.preamble.end


DEBRIS_FRAGMENTS = ["&nbsp;", "&#160;", "&amp;", "<p>", "</p>", "<br/>", "\u200b", "\ufeff", "\u00a0", "寫(xiě)", "作文", "篇", "一", "1", " ", "：", "("]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(DEBRIS_FRAGMENTS), st.text(max_size=4)), max_size=20).map("".join))
def test_a_line_is_read_without_debris_and_every_read_character_maps_back(line: str) -> None:
    from cutter.split import _reading

    reading, where = _reading(line.replace("\n", ""))
    source = line.replace("\n", "")
    assert len(where) == len(reading) + 1 and where[-1] == len(source)
    assert all(where[i] < where[i + 1] for i in range(len(reading)))
    assert all(reading[i] == source[where[i]] or reading[i] == " " for i in range(len(reading)))


# --- doc-viewer chrome glued after a title ----------------------------------------------


def _records(text: str) -> list[dict]:
    from cutter.core import process

    return list(process(Document("-", text)).records())


@pytest.mark.parametrize(
    "chrome", ["范文仅供参考，自行编辑使用", "范文仅供参考,自行编辑使用", "仅供参考，自行编辑使用", "範文僅供參考，自行編輯使用"]
)
def test_the_doc_viewer_sentence_goes_and_the_flattened_page_stays(chrome: str) -> None:
    # no header at all: the page was once deleted whole, as a doc-chrome "line"
    text = f"春游作文{chrome}今天天气晴朗，我们班去公园春游。{_SPEECH}\n"
    (record,) = _records(text)
    assert "自行编辑" not in record["text"] and "自行編輯" not in record["text"]
    assert "今天天气晴朗，我们班去公园春游。" in record["text"] and "亲子运动会" in record["text"]
    assert [e["rule"] for e in record["edits"] if "使用" in e["before"]] == ["doc-chrome"]
    assert all(len(e["before"]) <= len(chrome) + 1 for e in record["edits"] if e["rule"] == "doc-chrome")


def test_a_sentence_that_only_mentions_reference_use_stays() -> None:
    text = "春游作文\n这份计划仅供参考，具体安排以学校通知为准。\n"
    (record,) = _records(text)
    assert "仅供参考，具体安排以学校通知为准。" in record["text"]
