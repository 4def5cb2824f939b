"""Compiled patterns and character tables, built once at import.

Behaviour modules import names from here and stay free of regex soup.
"""

from __future__ import annotations

import regex

# --- numerals --------------------------------------------------------------------

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}

NUM_CN = "[" + "".join(CN_DIGITS) + "".join(CN_UNITS) + "]+"
NUM_AR = "[0-9０-９]+"
NUM = f"(?:{NUM_AR}|{NUM_CN})"


def parse_number(text: str) -> int | None:
    """Read an Arabic, full-width or Chinese numeral.

    >>> [parse_number(s) for s in ("9", "１２", "九", "十四", "二十九", "一百零二", "两")]
    [9, 12, 9, 14, 29, 102, 2]
    """
    text = text.strip()
    if not text:
        return None
    if regex.fullmatch(NUM_AR, text):
        return int(text)
    if not regex.fullmatch(NUM_CN, text):
        return None
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return CN_DIGITS[text]
        return int("".join(str(CN_DIGITS[ch]) for ch in text))  # 二〇二三
    total = section = 0
    for ch in text:
        if ch in CN_DIGITS:
            section = CN_DIGITS[ch]
        else:
            unit = CN_UNITS[ch]
            total += (section or 1) * unit
            section = 0
    return total + section


# --- character classes -----------------------------------------------------------

HAN = r"\p{Han}"
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】"
# A line ending in one of these is complete, so a following break is no cut.
TERMINAL = SENTENCE_END + CLOSERS + "：:；;~～"
DECORATION = "#＃★☆●◆■□▲△※*＊\"“”'‘’「」"

# --- count declarations (formats.md §3) ------------------------------------------

COUNT_WORDS = (
    "精选|精選|通用|汇总|匯總|大全|最新|专业|專業|热门|熱門|合集|集锦|集錦|锦集|錦集|"
    "汇编|彙編|匯編|范文|範文|模板|格式|优秀|優秀|实用|實用|经典|經典|共"
)
COUNT_DECLARATION = regex.compile(
    rf"""
    [(（【\[]\s*(?:{COUNT_WORDS})*\s*(?P<n>{NUM})\s*[篇则則份]\s*(?:素材参考|參考)?\s*[)）】\]]
    | (?:{COUNT_WORDS})*\s*(?P<n>{NUM})\s*篇\s*[。.]?\s*$
    """,
    regex.VERBOSE,
)
INTRO_COUNT = regex.compile(rf"(?P<n>{NUM})\s*篇")
WORD_COUNT = regex.compile(r"[0-9０-９]+\s*字")

# --- piece headers (formats.md §2, §9) -------------------------------------------

_OPEN = r"[(（【\[〔]"
_CLOSE = r"[)）】\]〕]"
_OWN_TITLE = r"(?P<own>[:：]\s*\S.*)?"

HEADER_STYLES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # {KW}篇一, {KW} 篇1, {KW}【篇2】, {KW}(汇总9篇)篇一, 篇一：标题
    ("篇N", regex.compile(rf"^(?P<kw>.*?)\s*{_OPEN}?\s*篇\s*(?P<num>{NUM})\s*{_CLOSE}?\s*{_OWN_TITLE}$")),
    # 第一篇：标题
    ("第N篇", regex.compile(rf"^(?P<kw>.*?)第\s*(?P<num>{NUM})\s*篇\s*(?P<own>[:：\s]\s*\S.*)?$")),
    # 【篇一】{KW}, 【1】标题
    ("【N】", regex.compile(rf"^[【\[]\s*篇?\s*(?P<num>{NUM})\s*[】\]]\s*(?P<own>.*)$")),
    # 【{KW}07】标题
    ("【KW N】", regex.compile(rf"^[【\[](?P<kw>[^】\]]+?)\s*(?P<num>{NUM})[】\]]\s*(?P<own>.*)$")),
    # {KW}1, {KW} 1, {KW}一, {KW}(一), 范文一：标题
    ("KW N", regex.compile(rf"^(?P<kw>.*?)\s*{_OPEN}?\s*(?P<num>{NUM})\s*{_CLOSE}?\s*{_OWN_TITLE}$")),
)
# A header glued to its first body line: {KW}1尊敬的…, {KW} 篇15社区是…, {KW}600字3…
GLUED_HEADER = regex.compile(
    r"^(?P<kw>[^0-9０-９]{0,40}?(?:[0-9０-９]+\s*字)?)\s*(?P<pian>篇)?\s*(?P<digits>[0-9０-９]{1,4})(?P<rest>\S)"
)
# A number followed by one of these is a quantity, not a piece number (凌晨2点, 3000平方米).
QUANTITY_UNIT = regex.compile(r"[0-9０-９]*[年月日号號点點时時分秒岁歲个個次%％万萬千百亿億元米人名位只条條天周届屆期级級度倍]")
KEYWORD_FORBIDDEN = regex.compile(r"[。！？!?，,；;、：:]")
KEYWORD_HAS_WORD = regex.compile(r"[\p{Han}\p{L}]")

# --- normalization rules ---------------------------------------------------------

INVISIBLE = regex.compile(r"(?<!\p{Extended_Pictographic})\p{Cf}|\p{Cf}(?!\p{Extended_Pictographic})")
_SPACE = r"[ \t\u3000\u00a0\u2002-\u200a\p{Cf}]"
_INK = r"[^\s\p{Cf}]"
INDENT = regex.compile(rf"^{_SPACE}+(?={_INK})", regex.MULTILINE)
TRAILING_SPACE = regex.compile(rf"(?<={_INK}){_SPACE}+$", regex.MULTILINE)
BLANK_LINE_SPACE = regex.compile(rf"^{_SPACE}+$", regex.MULTILINE)

ENGLISH_CONNECTORS = {"and": "和", "or": "或"}
ENGLISH_FRAGMENT = regex.compile(
    r"(?<=\p{Han})[ \t]+(?P<word>" + "|".join(ENGLISH_CONNECTORS) + r")[ \t]+(?=\p{Han})"
)

CJK_CONTEXT = r"[\p{Han}，。！？；：、“”‘’（）《》【】「」『』]"
_ELLIPSIS_MARK = r"(?:。{3,}|\.{3,}|．{3,}|…+)"
ELLIPSIS = regex.compile(
    rf"(?<={CJK_CONTEXT}|^){_ELLIPSIS_MARK}(?:[ \t]*{_ELLIPSIS_MARK})*[ \t]*(?![A-Za-z0-9])", regex.MULTILINE
)

WATERMARK = regex.compile(r"(?<=的)[.'`](?=\p{Han})")
UNSURE_DOT = regex.compile(r"(?<=\p{Han})\.(?=\p{Han})")

LINE_GAP = regex.compile(r"\n(?:[^\S\n]*\n)*")
HEADING = regex.compile(
    rf"""^(?:
        {NUM_CN}[、．.,，]                 # 一、追求卓越
      | [(（]\s*(?:{NUM_CN}|{NUM_AR})\s*[)）]  # （一） (1)
      | {NUM_AR}\s*[、.．]                 # 1、 1.
      | 第{NUM_CN}[段节部分章条点讲]       # 第二段：
      | [①-⑳●•▪◆■]
      | (?:结语|结论|结束语|前言|引言|尾声|后记|附[:：])
    )""",
    regex.VERBOSE,
)
SALUTATION = regex.compile(
    r"^(?:(?:尊敬的|敬爱的|亲爱的|各位)[^。！？!?]{0,40}[：:，,!！]?$|大家(?:早上|上午|中午|下午|晚上)?好)"
)
SIGN_OFF = regex.compile(r"^(?:倡议人|申请人|发言人|演讲人|报告人|署名|作者|指导老师|指导教师|班级|日期)\s*[:：]")
SOURCE_LINE = regex.compile(r"^[(（]\s*(?:原载|来源|选自|摘自|本文|作者|转载)")
BYLINE_END = regex.compile(r"(?:——|－－|--)[^，。！？,!?]{1,20}$")
CLAUSE_PUNCT = regex.compile(r"[，。！？；,!?;]")
ANY_PUNCT = regex.compile(r"\p{P}")
OPEN_CUT_END = regex.compile(r"[，,、“‘（(《〈【「『—]$")
