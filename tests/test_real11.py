"""Issue 11 leftovers: the spam line above the title, the ``1.{KW}`` header, pieces headed by their
own titles, ruby in titles, and the width of a ``?`` that ruby removal left (samples 60+)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cutter.core import process
from cutter.model import Document
from cutter.split import split

from .test_properties import assert_cleaning_settles, assert_split_covers

_BODY = "寒假里，我读了一本散文集。\n"


def _layout(text: str):
    return split(Document("-", text))


# --- 1. an injected spam line above the title -------------------------------------------


@pytest.mark.parametrize(
    "spam",
    [
        "金沙娱乐城官方网站 注册即送88元体验金",
        "加微信领取免费学习资料。",
        "最新电影在线观看",
    ],
)
def test_a_spam_line_above_the_title_is_not_the_title(spam: str) -> None:
    text = f"{spam}\n春天的读后感\n下面是小编整理的读后感。\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n"
    layout = _layout(text)
    assert layout.collection == "春天的读后感"
    assert layout.title_line.of(text) == "春天的读后感"
    assert spam in layout.preamble.of(text)  # not title, not lost: the preamble keeps it
    assert [p.title for p in layout.pieces] == ["春天的读后感1", "春天的读后感2"]


def test_a_first_line_that_shares_nothing_stays_the_title_when_no_later_line_shares() -> None:
    text = f"我的暑假\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n"
    assert _layout(text).collection == "我的暑假"


def test_a_title_sharing_part_of_the_keyword_is_kept() -> None:
    text = f"第一书记的观后感\n时间:2024-07-09 21:15:23\n观后感1\n{_BODY}观后感2\n乙。\n"
    assert _layout(text).collection == "第一书记的观后感"


def test_a_later_intro_sentence_naming_the_keyword_never_takes_the_title() -> None:
    text = f"金沙娱乐城官方网站\n下面是小编整理的春天的读后感，欢迎阅读。\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n"
    layout = _layout(text)
    assert layout.collection == "金沙娱乐城官方网站"  # nothing title-like shares the keyword: as before


def test_a_count_title_below_a_spam_line_was_and_is_chosen() -> None:
    text = f"金沙娱乐城官方网站\n读书心得(2篇)\n读书心得篇一\n{_BODY}读书心得篇二\n乙。\n"
    assert (_layout(text).collection, _layout(text).declared) == ("读书心得", 2)


def test_the_splitter_covers_a_page_with_a_spam_line() -> None:
    assert_split_covers(f"金沙娱乐城\n\n春天的读后感\n春天的读后感1\n{_BODY}春天的读后感2\n乙。\n")


# --- 2. ``1.{KW}``: the number first ------------------------------------------------------

_WATER = "节约用水倡议书3篇\n下面是小编整理的倡议书。\n"


def test_number_first_headers_of_the_title_keyword_split_the_page() -> None:
    text = _WATER + "1.节约用水倡议书\n同学们：\n请关紧水龙头。\n2.节约用水倡议书\n居民们：\n请检查水管。\n3.节约用水倡议书\n老师们：\n按需接水。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["1.节约用水倡议书", "2.节约用水倡议书", "3.节约用水倡议书"]
    assert layout.pieces[0].raw.strip().startswith("同学们：") and not layout.warnings


def test_one_number_first_header_under_a_count_title_is_a_lone_header() -> None:
    text = "八年级写景作文600字5篇\n《八年级写景作文600字》是小编为大家准备的。\n1.八年级写景作文600字\n秋天是一个美丽的季节。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["1.八年级写景作文600字"]
    assert layout.pieces[0].raw.strip() == "秋天是一个美丽的季节。"
    assert any(w.startswith("one-header:") for w in layout.warnings)


@pytest.mark.parametrize(
    "items",
    [
        "1. 节约用水\n洗手时关紧水龙头。\n2. 一水多用\n洗菜水浇花。\n",  # list items of another keyword
        "1.节约用水\n洗手时关紧水龙头。\n2.节约用水\n洗菜水浇花。\n",  # a part of the title's keyword only
        "1.节约用水倡议书的写法\n先写称呼。\n2.节约用水倡议书的格式\n再写正文。\n",  # longer than the keyword
    ],
)
def test_numbered_list_items_in_a_piece_stay_list_items(items: str) -> None:
    text = _WATER + "节约用水倡议书篇一\n同学们：\n我们倡议：\n" + items + "节约用水倡议书篇二\n居民们：\n请检查水管。\n"
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["节约用水倡议书篇一", "节约用水倡议书篇二"]
    assert items in layout.pieces[0].raw


def test_number_first_lines_need_a_title_that_declares_a_count() -> None:
    text = "节约用水倡议书\n1.节约用水倡议书\n同学们：\n请关紧水龙头。\n2.节约用水倡议书\n居民们：\n请检查水管。\n"
    assert len(_layout(text).pieces) == 1


def test_number_first_lines_out_of_sequence_or_beyond_the_count_are_no_family() -> None:
    gap = _WATER + "1.节约用水倡议书\n甲。\n3.节约用水倡议书\n乙。\n"
    assert len(_layout(gap).pieces) == 1
    more = "节约用水倡议书2篇\n" + "".join(f"{n}.节约用水倡议书\n甲。\n" for n in (1, 2, 3))
    assert len(_layout(more).pieces) == 1


def test_a_list_item_in_a_one_article_page_is_no_header() -> None:
    text = "节约用水(精选3篇)\n同学们：\n我们倡议：\n1. 节约用电\n随手关灯。\n2. 节约粮食\n不剩饭。\n"
    layout = _layout(text)
    assert len(layout.pieces) == 1 and "1. 节约用电" in layout.pieces[0].raw


# --- 3. pieces headed by their own titles; pages without headers ---------------------------

_FILM = "观看电影《小小少年》观后感实用12篇\n\n每部好电影都给人力量。小编给大家整理了一些观后感，供大家学习。\n\n浏览\n\n3120\n\n"
_REVIEW = "周末，爸爸带我看了电影《山路》，我看得眼睛都湿了。\n他从不抱怨路远，只说孩子们在等他。\n"


def test_a_piece_headed_by_its_own_title_under_intro_and_chrome_is_split_there() -> None:
    text = _FILM + "电影《山路》观后感\n\n全文共 986 字\n\n+ 加入清单\n\n" + _REVIEW
    layout = _layout(text)
    assert [p.title for p in layout.pieces] == ["电影《山路》观后感"]
    assert layout.pieces[0].raw.strip().endswith("孩子们在等他。") and "小编" in layout.preamble.of(text)
    assert any(w.startswith("own-titles: no piece headers; split at 1 line(s)") for w in layout.warnings)


def test_several_own_titles_each_over_a_body_are_the_pieces() -> None:
    second = "电影《灯塔》观后感\n影片里的守塔人一守就是三十年，这份坚持让我久久不能忘怀。\n"
    layout = _layout(_FILM + "电影《山路》观后感\n" + _REVIEW + second)
    assert [p.title for p in layout.pieces] == ["电影《山路》观后感", "电影《灯塔》观后感"]


@pytest.mark.parametrize(
    "text",
    [
        # a body paragraph stands above the title-like line: a subheading of one essay, not a piece
        "观看电影《小小少年》观后感实用12篇\n周末我看了一场电影，心里久久不能平静，想写下来。\n电影《山路》观后感\n" + _REVIEW,
    ],
)
def test_own_title_like_lines_below_text_are_not_split_and_are_warned(text: str) -> None:
    layout = _layout(text)
    assert len(layout.pieces) == 1 and "周末我看了一场电影" in layout.pieces[0].raw
    assert any(w.startswith("own-titles: 1 line(s) read as piece titles") for w in layout.warnings)


@pytest.mark.parametrize(
    "line",
    [
        "电影《山路》的故事",  # not the title's genre
        "看完电影，我写了观后感",  # sentence punctuation
        "观后感",  # too short
    ],
)
def test_lines_that_are_no_own_title_never_split(line: str) -> None:
    text = _FILM + line + "\n" + _REVIEW
    layout = _layout(text)
    assert len(layout.pieces) == 1 and line in layout.pieces[0].raw


def test_own_titles_need_a_declared_count_and_no_more_of_them_than_declared() -> None:
    no_count = "观看电影观后感\n小编给大家整理了观后感。\n电影《山路》观后感\n" + _REVIEW
    assert len(_layout(no_count).pieces) == 1
    many = "电影观后感2篇\n" + "".join(f"电影《第{n}部》观后感\n{_REVIEW}" for n in "一二三")
    assert len(_layout(many).pieces) == 1


def test_the_splitter_covers_own_title_pages() -> None:
    assert_split_covers(_FILM + "电影《山路》观后感\n\n全文共 986 字\n" + _REVIEW)


def _records(text: str) -> list[dict]:
    return list(process(Document("-", text)).records())


def test_a_page_without_headers_loses_its_link_rows_and_warns() -> None:
    text = (
        "感谢信的写法范文8篇\n大家会写感谢信吗？下面是小编给大家带来的感谢信的写法，一起来看看吧！\n"
        "感谢信的格式 | 给老师的感谢信 |\n给医生的感谢信 | 给邻居的感谢信 |\n感谢信一般由标题、称呼、正文组成。\n"
    )
    (record,) = _records(text)
    assert record["text"] == "感谢信一般由标题、称呼、正文组成。"
    assert record["warnings"][0] == "no-headers: no piece headers found; kept the whole text as one piece"


@pytest.mark.parametrize("row", ["姓名|年龄", "他说：我|你|他 |", "我们 | 你们", "比分是 1|2|3"])
def test_text_with_a_bar_is_no_link_row(row: str) -> None:
    (record,) = _records(f"感谢信\n{row}\n感谢信一般由标题组成。\n")
    assert row.replace(" ", "")[:2] in record["text"].replace(" ", "")


def test_meta_rows_under_the_title_of_a_page_without_headers_go_with_the_title() -> None:
    text = "毕业典礼家长发言稿 篇1\n2024-06-28\n来源:启明范文网\n尊敬的各位老师：\n大家上午好！\n"
    layout = _layout(text)
    assert layout.pieces[0].raw.lstrip().startswith("尊敬的各位老师") and "来源:启明范文网" in layout.preamble.of(text)


@pytest.mark.parametrize(
    "row", ["2024年7月16日 星期二 晴", "作者：王小明", "来源于生活，高于生活。", "今天是2024-06-28，我们毕业了。"]
)
def test_content_under_a_title_stays_in_the_piece(row: str) -> None:
    text = f"我的日记\n{row}\n今天我和妈妈去公园散步。\n"
    assert row in _layout(text).pieces[0].raw


# --- 4. ruby in header and title lines ------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("我們(men)的心得篇一", "我們的心得篇一"),  # a neutral tone, unmarked
        ("讀書的(de)心得篇一", "讀書的心得篇一"),
        ("大學(xué)畢業倡議書(shū)篇一", "大學畢業倡議書篇一"),  # marked: header debris, as before
        ("我們(men)的心得（men）篇一", "我們的心得（men）篇一"),  # 得 is not read men: stays
    ],
)
def test_ruby_in_a_header_is_cleaned_in_the_piece_title(header: str, title: str) -> None:
    text = f"合集(2篇)\n{header}\n甲。\n{header.replace('篇一', '篇二')}\n乙。\n"
    records = list(process(Document("-", text)).records())
    assert [r["title"] for r in records] == [title, title.replace("篇一", "篇二")]


def test_ruby_in_the_title_line_is_cleaned_in_the_collection() -> None:
    text = "我們(men)的心得(精選2篇)\n我們的心得篇一\n甲。\n我們的心得篇二\n乙。\n"
    layout = _layout(text)
    assert layout.collection == "我們的心得" and layout.declared == 2


@pytest.mark.parametrize("header", ["小明(ming)的日记篇一", "使用C(4)的方法篇一", "咳嗽(ke)的故事篇一", "学习(1)篇一"])
def test_parentheses_that_are_no_reading_stay_in_the_title(header: str) -> None:
    text = f"合集(2篇)\n{header}\n甲。\n{header.replace('篇一', '篇二')}\n乙。\n"
    assert _layout(text).pieces[0].title == header


def test_title_without_ruby_removes_only_readings_of_the_character_before() -> None:
    from cutter.rules.markup import title_without_ruby

    assert title_without_ruby("們(men)們(men)的(de)") == "們們的"
    # an annotation after an annotation has no character before it: one reading goes, the other stays
    assert title_without_ruby("我們(men)(men)篇一") == "我們(men)篇一"
    assert title_without_ruby("(men)們") == "(men)們"


# --- chrome under a title and at a page's end (pages without headers) -----------------------

_CAMP = "今年七月，我们来到山区的一所小学，开始了两周的支教生活。"


@pytest.mark.parametrize("row", ["心得体会3.56K", "觀後感4.84K", "人气1.2W", "阅读2.5万"])
def test_a_counter_row_under_the_title_goes_with_it(row: str) -> None:
    text = f"暑期支教心得\n\n{row}\n\n{_CAMP}\n孩子们很可爱。\n"
    layout = _layout(text)
    assert layout.pieces[0].raw.lstrip().startswith(_CAMP) and row in layout.preamble.of(text)


@pytest.mark.parametrize("row", ["收入增加了2万", "全班共42人", "2024年7月", "三年级2班"])
def test_a_number_row_that_is_no_counter_stays(row: str) -> None:
    text = f"暑期支教心得\n{row}\n{_CAMP}\n"
    assert row in _layout(text).pieces[0].raw


def test_a_teaser_repeating_the_body_under_the_title_goes_with_it() -> None:
    text = f"暑期支教心得\n推荐阅读:{_CAMP}\n{_CAMP}孩子们很可爱。\n"
    layout = _layout(text)
    assert layout.pieces[0].raw.strip() == f"{_CAMP}孩子们很可爱。"


def test_a_labelled_line_whose_text_is_not_repeated_stays() -> None:
    text = f"暑期支教心得\n推荐阅读:{_CAMP}\n孩子们很可爱。\n"
    assert "推荐阅读" in _layout(text).pieces[0].raw


def test_bulleted_links_to_other_compilations_are_chrome() -> None:
    text = f"暑期支教心得\n{_CAMP}\n- 大学生暑期实践心得体会(精选12篇)\n- 支教心得体会范文（通用8篇）\n"
    (record,) = _records(text)
    assert record["text"] == _CAMP


@pytest.mark.parametrize("item", ["- 我读了三篇文章", "- 第一部分：准备", "- 每人写（一）篇日记", "- 读了(3篇)，写得很好"])
def test_bulleted_items_without_a_link_shape_stay(item: str) -> None:
    (record,) = _records(f"暑期支教心得\n{_CAMP}\n{item}\n")
    assert unicodedata.normalize("NFKC", item) in unicodedata.normalize("NFKC", record["text"])


def test_a_page_of_unheaded_texts_stays_one_piece_without_its_intro_and_warns() -> None:
    # two texts without headers (a regulation, then a speech at its salutation): splitting there is a guess
    text = (
        "启明网小编为你整理了多篇相关的《开学国旗下讲话稿》，但愿对你有帮助。\n国旗是国家的象征，每位公民都应当爱护国旗。\n"
        "一、每周一举行升旗仪式。\n亲爱的同学们，老师们，我今天演讲的题目是《新学期新气象》。\n新的学期开始了。\n"
    )
    (record,) = _records(text)
    assert record["warnings"][0] == "no-headers: no piece headers found; kept the whole text as one piece"
    assert "小编" not in record["text"]
    assert record["text"].startswith("国旗是国家的象征") and record["text"].endswith("新的学期开始了。")


# --- properties over the new forms -----------------------------------------------------------

LEFTOVER_FRAGMENTS = [
    "金沙娱乐城官方网站", "春天的读后感", "春天的读后感1", "春天的读后感2", "节约用水倡议书3篇", "1.节约用水倡议书",
    "2.节约用水倡议书", "1. 节约用水", "观后感实用12篇", "电影《山路》观后感", "全文共 986 字", "+ 加入清单", "浏览",
    "3120", "小编给大家整理了", "倡议书的格式 | 捐款倡议书 |", "首页 | 范文 | 作文", "2024-06-28", "来源:启明网",
    "心得体会3.56K", "推荐阅读:", "- 支教心得体会(通用8篇)", "我們(men)", "的(de)", "寫(xiě)", "我?(xiě)錯", "吗?我",
    "?", "(", ")", "|", "\n", "\n\n", "。", "，", "周末，爸爸带我看了电影。",
]  # fmt: skip
leftover_like = st.lists(
    st.one_of(st.sampled_from(LEFTOVER_FRAGMENTS), st.text(min_size=1, max_size=5)), max_size=40
).map("".join)
_PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(leftover_like)
def test_the_splitter_covers_the_source_on_the_leftover_forms(text: str) -> None:
    layout = assert_split_covers(text)
    if layout.title_line is not None:
        assert layout.title_line.end <= layout.preamble.end


@_PROPERTY
@given(leftover_like)
def test_cleaning_the_leftover_forms_is_idempotent_and_replayable(text: str) -> None:
    assert_cleaning_settles(text)
