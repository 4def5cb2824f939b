"""Compiled patterns and character tables, built once at import.

Behaviour modules import names from here and stay free of regex soup. The patterns of the rules
the compiled core holds whole are written beside those rules in crates/cutter-core/src; their
Python forms, which the references check the core against, are in tests/reference_patterns.py.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex
from zhon import cedict

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
_NUMERAL_FULL = regex.compile(NUM_AR + "|" + NUM_CN)
_ARABIC_FULL = regex.compile(NUM_AR)
NUMERAL_SET = frozenset("0123456789０１２３４５６７８９" + "".join(CN_DIGITS) + "".join(CN_UNITS))
ANY_NUMERAL = re.compile("[0-9０-９" + "".join(CN_DIGITS) + "".join(CN_UNITS) + "]")
ANY_DIGIT = re.compile("[0-9０-９]")
SPACES = regex.compile(r"\s+")


def parse_number(text: str) -> int | None:
    """Read an Arabic, full-width or Chinese numeral.

    >>> [parse_number(s) for s in ("9", "１２", "九", "十四", "二十九", "一百零二", "两")]
    [9, 12, 9, 14, 29, 102, 2]
    """
    text = text.strip()
    if not text:
        return None
    if _ARABIC_FULL.fullmatch(text):
        return int(text)
    if not _NUMERAL_FULL.fullmatch(text):
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

# CEDICT's character sets, as shipped by zhon.
TRADITIONAL_ONLY = frozenset(cedict.traditional) - frozenset(cedict.simplified)
SIMPLIFIED_ONLY = frozenset(cedict.simplified) - frozenset(cedict.traditional)
KNOWN_HAN = frozenset(cedict.simplified) | frozenset(cedict.traditional)

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】"
# A line ending in one of these is complete, so a following break is no cut: also a half-width
# full stop and a straight quote (``…gave up.``, ``我说:"还差一点."``), which English paragraphs and
# pages typed half-width end with (a ``的.`` or ``的'`` watermark at a line end is no end).
TERMINAL = SENTENCE_END + CLOSERS + "：:；;~～" + ".\"'"
DECORATION = "#＃★☆●◆■□▲△※*＊\"“”'‘’「」"

# --- count declarations (formats.md §3) ------------------------------------------

COUNT_WORDS = (
    "精选|精選|通用|汇总|匯總|大全|最新|专业|專業|热门|熱門|合集|集锦|集錦|锦集|錦集|"
    "汇编|彙編|匯編|范文|範文|模板|格式|优秀|優秀|实用|實用|经典|經典|优选|優選|集合|共"
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
# A colon after the number belongs to the header, with or without the piece's own title after it.
_OWN_TITLE = r"(?P<own>[:：]\s*(?:\S.*)?)?"

class HeaderStyle(NamedTuple):
    """A header style: its name, its pattern, and what a line must have for the pattern to
    match at all (``holds``: a character it contains; ``opens``: characters one of which
    it starts with), so the pattern is not tried on lines without it."""

    name: str
    pattern: regex.Pattern[str]
    holds: str = ""
    opens: str = ""

    def may_match(self, core: str) -> bool:
        return (not self.holds or self.holds in core) and (not self.opens or core[:1] in self.opens)


HEADER_STYLES: tuple[HeaderStyle, ...] = (
    # {KW}篇一, {KW} 篇1, {KW}【篇2】, {KW}(汇总9篇)篇一, 篇一：标题
    HeaderStyle("篇N", regex.compile(rf"^(?P<kw>.*?)\s*{_OPEN}?\s*篇\s*(?P<num>{NUM})\s*{_CLOSE}?\s*{_OWN_TITLE}$"), holds="篇"),
    # 第一篇：标题, 第1篇标题, {KW}【第一篇】 (a title glued to 篇 is checked by the splitter)
    HeaderStyle(
        "第N篇",
        regex.compile(rf"^(?P<kw>.*?){_OPEN}?\s*第\s*(?P<num>{NUM})\s*篇\s*{_CLOSE}?\s*(?P<own>(?P<sep>[:：\s])?\s*\S.*)?$"),
        holds="篇",
    ),
    # 【篇一】{KW}, 【1】标题, 【篇一：标题】
    HeaderStyle(
        "【N】",
        regex.compile(rf"^[【\[]\s*篇?\s*(?P<num>{NUM})\s*(?:[:：]\s*(?P<inner>[^】\]\n]*?))?\s*[】\]]\s*(?P<own>.*)$"),
        opens="【[",
    ),
    # 【{KW}07】标题
    HeaderStyle("【KW N】", regex.compile(rf"^[【\[](?P<kw>[^】\]]+?)\s*(?P<num>{NUM})[】\]]\s*(?P<own>.*)$"), opens="【["),
    # {KW}1, {KW} 1, {KW}一, {KW}(一), 范文一：标题
    HeaderStyle("KW N", regex.compile(rf"^(?P<kw>.*?)\s*{_OPEN}?\s*(?P<num>{NUM})\s*{_CLOSE}?\s*{_OWN_TITLE}$")),
)
# A header glued to its first body line: {KW}1尊敬的…, {KW} 篇15社区是…, {KW}600字3…
GLUED_HEADER = regex.compile(
    r"^(?P<kw>[^0-9０-９]{0,40}?(?:[0-9０-９]+\s*字)?)\s*(?P<pian>篇)?\s*(?P<digits>[0-9０-９]{1,4})(?P<rest>\S)"
)
# A header glued to its body by a bracketed numeral: {KW}(一)《题目》…, {KW}【第一篇】敬爱的…, {KW}【篇2】…
GLUED_BRACKET = regex.compile(
    rf"""^(?P<kw>[^(（【\[)）】\]0-9０-９:：。！？，,]{{2,40}}?)\s*[(（【\[]\s*(?P<di>第)?\s*(?P<pian>篇)?\s*(?P<num>{NUM})
    \s*(?P<pian2>篇)?\s*[)）】\]]\s*(?:[:：]\s*)?(?=\S)""",
    regex.VERBOSE,
)
# 1.{KW}: a number, a dot, the keyword (the splitter takes it only when {KW} is the title's keyword)
NUMBER_FIRST_HEADER = re.compile(r"^[ \t\u3000]*(?P<num>[0-9０-９]{1,3})[.．][ \t\u3000]*(?P<kw>[^\s0-9０-９][^\n]{1,58}?)[ \t\u3000]*$", re.MULTILINE)
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# What a header line may carry that cleaning removes (the splitter reads lines without it).
HEADER_DEBRIS = regex.compile(
    r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});|&bsp;|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>|\p{Cf}|\u00a0"
    rf"|(?<=\p{{Han}})[(（](?=[a-zü{TONE_MARKS}]*[{TONE_MARKS}])[a-zü{TONE_MARKS}]{{1,7}}[)）]"  # pinyin ruby
)
# An unmarked annotation after a Han character (們(men), 的(de)): ruby in a title when the dictionary
# reads the character so (cutter.rules.markup.title_without_ruby).
TITLE_RUBY = regex.compile(r"(?<=\p{Han})[(（](?P<reading>[a-zü\u0261]{1,7})[)）]")
DIGIT_SET = frozenset("0123456789０１２３４５６７８９")
COUNT_AFTER_DIGITS = regex.compile(r"[0-9０-９]+\s*[字篇则則份]")  # 通用15篇, 600字: one number, no header
HAN = regex.compile(r"\p{Han}")
NOT_A_TITLE = regex.compile(
    r"""^(?:首页|主页|首頁|主頁|当前位置|您的位置|你的位置|位置|當前位置)   # breadcrumbs
      | [>›»][^>›»\n]{1,40}[>›»] | [|｜][^|｜\n]{1,40}[|｜]             # nav bars: a > b > c, a | b | c
      | ^[-•·*]\s                                                         # link lists
      | ^(?:时间|時間|发布时间|發布時間|发布于|發佈於|日期|更新时间)?\s*[:：]?\s*(?:19|20)\d\d[-/.年]\d{1,2}  # timestamps
      | ^(?:推荐人|发布人|來源|来源|作者)[:：]
      | (?<![0-9.])[0-9.]{1,12}\s*[WwKk万萬]\s*(?:次)?$                  # view counters: 人气:1.63W, 演讲稿2.7W
      | ^\S{2,6}(?:网|網|吧|站)$                                          # a site name
    """,
    regex.VERBOSE,
)
# A teaser under the title: a label, then the body's opening (the splitter checks it is repeated below).
TEASER = regex.compile(r"^[ \t]*(?:推荐阅读|推薦閱讀|内容摘要|內容摘要|摘要)[:：]\s*(?P<opening>\S[^\n]{11})")
# A page's meta row under its title: a numeric date (a diary's 2024年7月16日 星期二 is its text), a
# labelled time, or a source or poster (来源:华拓网).
TITLE_CHROME_ROW = regex.compile(
    r"""^(?:(?:时间|時間|日期|发布时间|發布時間|更新时间|發佈時間)[:：]\s*)?(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d\d(?::\d\d)?)?$
      | ^(?:来源|來源|发布人|發布人|推荐人|推薦人|出处|出處)[:：]\s*[^\s，。！？,.!?；;]{1,20}$
      | ^[^\s，。！？,.!?；;:：]{0,8}?(?<![0-9.])(?:[0-9]+(?:\.[0-9]+)?\s*[KkWw]|[0-9]+\.[0-9]+\s*[万萬])\s*次?$  # 觀後感4.84K""",
    regex.VERBOSE,
)
INTRO_SENTENCE = regex.compile(r"[。！？!?]|小编|小編|为大家|為大家|给大家|給大家|以下是|下面是|整理了|整理的|希望|仅供|僅供")
# In a flattened page: {KW}(一)：, {KW}（二）, {KW}篇3 inside a long line
FLAT_MARK = regex.compile(rf"(?:[(（]\s*(?P<num>{NUM_CN})\s*[)）]|篇\s*(?P<num>{NUM}))\s*[:：]?")
FLAT_KEYWORD_CHAR = regex.compile(r"[\p{Han}《》“”0-9０-９]")
# A flattened page with one marker: {KW}1 (not 第1, not 12), {KW}篇一, {KW}(一), then a colon or not
FLAT_ONE = regex.compile(r"(?:篇\s*[一1１]|[(（]\s*[一1１]\s*[)）]|(?<![第0-9０-９])[1１])(?![0-9０-９])\s*[:：]?")
FLAT_TITLE_KEYWORD = regex.compile(r"[\p{Han}《》“”]+")
# What opens piece 1 after such a marker: a salutation (尊敬的…, 老师们、同学们) or a sentence
PIECE_START = regex.compile(
    r"(?:尊敬的|敬爱的|亲爱的|親愛的|各位|大家(?:早上|上午|中午|下午|晚上)?好|\p{Han}{1,6}[们們][、，,:：]"
    r"|[《“]?\p{Han}{2})"
)
SENTENCE_PUNCT = regex.compile(r"[。！？!?；;，,]")
OFFER_WORDS = regex.compile(r"小编|小編|为大家|為大家|给大家|給大家|为您|為您|为你|為你|整理|收集|范文|範文|分享")
SENTENCE_STOP = regex.compile(r"[。！？!?；;]")
TITLE_TAG = regex.compile(r"^【[^】]{1,4}】|【[^】]{1,4}】$|^\d{4}年(?:度)?")
# A number followed by one of these is a quantity, not a piece number (凌晨2点, 3000平方米).
QUANTITY_UNIT = regex.compile(r"[0-9０-９]*[年月日号號点點时時分秒岁歲个個次%％万萬千百亿億元米人名位只条條天周届屆期级級度倍字篇则則份]")
KEYWORD_FORBIDDEN = regex.compile(r"[。！？!?，,；;、：:]")
KEYWORD_HAS_WORD = regex.compile(r"[\p{Han}\p{L}]")

# --- normalization rules ---------------------------------------------------------

INVISIBLE = regex.compile(r"(?<!\p{Extended_Pictographic})\p{Cf}|\p{Cf}(?!\p{Extended_Pictographic})")
HORIZONTAL_SPACES = (" ", "\t", "\u3000", "\u00a0", *map(chr, range(0x2002, 0x200B)))
_SPACE = r"[ \t\u3000\u00a0\u2002-\u200a\p{Cf}]"
SPACE_OR_INVISIBLE = regex.compile(_SPACE)
_INK = r"[^\s\p{Cf}]"

ENGLISH_CONNECTORS = {"and": "和", "or": "或"}



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

# --- boilerplate (formats.md §4) -------------------------------------------------
# Each line pattern has trigger words, which one automaton in the core (cutter_core::boilerplate)
# finds at hundreds of MB/s, so the full pattern runs on few lines.

TRIGGERS: dict[str, tuple[str, ...]] = {
    "offer": ("以下", "下面", "接下来", "这里", "本篇文章", "本文", "以上", "小编", "更多"),
    "lead_in": (
        "无论是身处学校", "在日常", "在日复一日", "当我们备受", "当我们心中", "随着社会", "随着人们", "随着时代",
        "相信许多人", "为了帮助大家",
    ),
    "labelled_intro": ("导语", "简介", "导读", "前言"),
    "site_chrome": (
        "位置：", "位置:", "投稿", "推荐人", "来源：", "来源:", "阅读：", "阅读:", "阅读(", "阅读（", "人气", "浏览",
        "查看人数", "发布时间", "发布者", "作者：", "作者:", "字号", "推荐度", "二维码", "欢迎访问", "欢迎光临",
        "网站首页", "专稿", "不得转载", "本文由", ".com", ".cn", ".net", ".COM", ".CN", ".NET",
        "发布人", "发表时间", "更新时间", "发布日期", "上传时间", "时间:", "时间：", "小编:", "小编：", "编辑:", "编辑：",
        "栏目", "文档序号", "手机阅读", "加入清单", "加入收藏", "下载", "收藏", "举报", "打印", "投诉", "范文类型",
        "全文共", "小贴士", "预计看完", "预计阅读", "电脑桌面", "桌面快捷", "设为首页", "手机版", "|", "｜", "篇)", "篇）",
    ),
    "doc_chrome": (
        "会员分享", "上传人", "文档编号", "页 /", "页/", "已阅读", "点击查看更多", "下载本文档", "版权说明",
        "Word版本", "自行编辑", "格式:", "格式：", "上传日期", "合集下载", "自行甄别", "资源描述", "文档简介", "_第",
    ),
    "footer": (
        "扩展阅读", "擴展閱讀", "延伸阅读", "小编精心推荐", "相关推荐", "全文预览已结束", "相关文章", "相关资讯",
        "标签：", "标签:", "本文来源", "上一篇", "下一篇", "声明：", "声明:",
    ),
    "hidden_text": ("隐藏", "篇幅", "展开", "展開", "省略"),
}  # fmt: skip
TRIGGER_FAMILIES: dict[str, set[str]] = {}
for _family, _words in TRIGGERS.items():
    for _word in _words:
        TRIGGER_FAMILIES.setdefault(_word, set()).add(_family)

_OFFER_START = r"(?:(?:以下|下面|接下来|这里|本篇文章|本文|以上)(?:内容)?(?:是|就是|为|由|就|小编)?|\p{Han}{0,8}?小编)"
_OFFER_WHO = r"(?:小编|编辑|本站|频道|为大家|给大家|帮大家|为您|给您|为你|给你)"
_OFFER_VERB = r"(?:整理|收集|搜集|推荐|分享|准备|带来|介绍|提供|精选|编辑)"
_OFFER_THING = r"(?:[0-9０-９一二两三四五六七八九十]+篇|作文|范文|文章|演讲稿|心得|体会|资料|内容|例文|范本)"
_OFFER_WELCOME = r"(?:阅读|参考|借鉴|查看|欣赏|喜欢|收藏|帮助|参阅|学习|看看)"
# One sentence: from its start to its final 。！？ (or the line end), never through a colon.
# An offer is one short sentence: bounded, so that a line of many offer openings (，以下… ×N)
# is read in linear time, not once to its end from every opening. A longer sentence is no
# offer and stays.
_SENTENCE = r"[^。！？!?:：\n]{0,80}"
_SENTENCE_REST = r"[^。！？!?:：\n]{0,160}"
# A site's pointer to more of its pages: 更多关于X的范文敬请关注Y频道。
_OFFER_MORE = r"更多[^。！？!?\n]{0,40}(?:敬请关注|请关注|请访问|尽在)"
# A row of site buttons and counters (返回 下载 相关 举报, + 加入清单, 手机阅读, 浏览 3010 收藏):
# one strong word alone, or two or more words of the row.
_CHROME_STRONG = (
    r"(?:手机阅读|加入清单|加入收藏|打印文章|打印本文|我要投稿|投诉建议|下载本文|收藏本文|点击下载|立即下载|下载文档"
    r"|返回顶部|电脑桌面|手机版|电脑版)"
)
_CHROME_WORD = (
    rf"(?:{_CHROME_STRONG}|下载|收藏|举报|返回|相关|分享|打印|纠错|评论|点赞|复制链接|字体|大|中|小"
    r"|(?:浏览|阅读|人气|下载|收藏)[:：]?\s*[0-9.]+[万WwKk]?次?|[0-9.]+[万WwKk]?\s*(?:次|人)(?:浏览|阅读|收藏|下载)?)"
)
# A bounded stretch of a chrome line holds no ellipsis in any form: ``ellipsis``, which runs after
# site-chrome, writes 。。。 and ... as ……, one character shorter, which must not bring a line under
# a bound on a second pass.
# One link of a row: a short name, no sentence punctuation (a row of them is no table of data), nor an
# ellipsis in any form (``…`` is what ``ellipsis`` makes of ``。。。``: the row must read the same after it).
_NAV_CELL = r"[^|｜\s，。！？；：,.!?;:、…][^|｜\n，。！？；：,.!?;:、…]{1,19}?[ \t]*"
SITE_CHROME = regex.compile(
    r"""^[ \t]*(?:
        (?:当前位置|您的位置|你的位置|位置)[:：][^\n]*(?:首页|>|›|»)[^\n]*
      | [^\n]*我要投稿[^\n]*
      | (?:推荐人|来源|阅读|人气|浏览量|浏览|查看人数|发布时间|发布者|发布人|发表时间|更新时间|发布日期|作者|字号|字体
          |推荐度|文档序号|栏目|分类|小编|编辑)[:：][^\n…]{0,60}
        (?:(?:推荐人|来源|阅读|人气|浏览量|查看人数|发布时间|发布日期|发表时间|作者|字号|字体)[:：]|次|[0-9.]+[WwKk万])[^\n]*
      | [^\n…]{0,20}(?:阅读|人气|浏览|浏览量|阅读量|热度)(?:[(（:：]\s*|[ \t]+)[0-9.]+\s*[WwKk万]?[)）]?\s*次?\s*$
      | (?:时间|发布时间|发表时间|更新时间|发布日期|上传时间)[:：]\s*[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}[^\n…]{0,40}
      | (?:范文类型|文章类型)[:：][^\n]* | [^\n…]{0,40}全文共\s*[0-9,]+\s*字[^\n…]{0,20}
      | (?:阅读)?小贴士[:：][^\n]* | [^\n…]{0,40}预计(?:看完|阅读)(?:需要|约)?\s*[0-9]+\s*分钟[^\n]*
      | [^\n…]{0,30}(?:到电脑桌面|在桌面快捷访问|设为首页)[^\n…]{0,20}
      | [+＋•·|｜/]?[ \t]*<STRONG>
      | [+＋•·|｜/]?[ \t]*<WORD>(?:[ \t|｜/·•+＋]+<WORD>)+
      | (?:字号|推荐度)[:：][^\n]*
      | [^\n]*用手机扫描二维码[^\n]*
      | 欢迎(?:访问|光临)[^\n…]{0,40}(?:网|站)[^\n]*
      | 网站首页[ \t][^\n]*
      | [^\n…]{0,30}(?:作文网专稿|未经允许不得转载|未经许可不得转载)[^\n]*
      | 本文由[^\n…]{0,30}(?:收集|整理)[^\n…]{0,10}
      | 【[^】\n…]{0,30}\.(?:com|cn|net)[^】\n]*】[ \t]*
      | [-•·][ \t]+[^\n…]{2,60}?[(（][^()（）\n…]{0,6}?[0-9]{1,3}\s*篇[)）][ \t]*   # - {title}(优选28篇): a link
      | (?:<CELL>[|｜][ \t]*){2,}                  # a row of links: 捐款倡议书 | 环保倡议书 |
      | <CELL>(?:[|｜][ \t]*<CELL>){2,}            # a nav bar: 首页 | 范文 | 作文
    )$""".replace("<CELL>", _NAV_CELL).replace("<STRONG>", _CHROME_STRONG).replace("<WORD>", _CHROME_WORD),
    regex.VERBOSE | regex.MULTILINE | regex.IGNORECASE,
)
# What marks a line as document-sharing chrome wherever it stands in the line.
_DOC_CHROME_MARKS = r"""
        由会员分享 | 上传人[:：] | 文档编号[:：] | 第\s*\d+\s*页\s*/\s*共\s*\d+\s*页 | 点击查看更多\s*>> |
        下载本文档 | 版权说明[:：]本文档 | 已阅读\d+页[,，]还剩\d+页 | 合集下载 | 下载文档前请自行甄别 |
        文本为Word版本 | 格式[:：]\s*DOC | 上传日期[:：] | _第\d+页"""
_DOC_CHROME_LABEL = r"[ \t]*(?:资源描述|文档简介)[:：]?[ \t]*"
# Glued after a title, often on a flattened line: only the sentence goes, not its line.
_DOC_CHROME_SENTENCE = r"(?:范文)?仅供参考[,，]\s*(?:请)?自行编辑使用[。.]?"
DOC_CHROME_MARK = regex.compile(_DOC_CHROME_MARKS, regex.VERBOSE | regex.IGNORECASE)
DOC_CHROME_LABEL = regex.compile(_DOC_CHROME_LABEL)
# The doc-viewer sentence ``范文仅供参考，自行编辑使用`` (simplified or traditional), which sites glue after a
# title: doc-chrome removes it from pieces, the splitter from a title it reads.
DOC_CHROME_SENTENCE = regex.compile(r"(?:[范範]文)?[仅僅]供[参參]考[,，]\s*(?:[请請])?自行[编編][辑輯]使用[。.]?")

# --- markup, ruby, spacing, punctuation width ------------------------------------


TONE_MARK = re.compile(f"[{TONE_MARKS}]")

PARTICLE_AFTER = "的了着过地得是在和与及或也都就还又把被给对从向于吗呢吧啊"
PARTICLE_BEFORE = "的了在和与把被对从向"
PARTICLE_AFTER_SET = frozenset(PARTICLE_AFTER)
PARTICLE_BEFORE_SET = frozenset(PARTICLE_BEFORE)

# --- detections -----------------------------------------------------------------

PLACEHOLDER_HINT = re.compile("[xX×Χ*_]")
# A lone ? between Han characters, unless a question particle stands right before it (吗?我 is a
# width-folded question mark), or before a reading (我?(xiě)錯: the reading's character was lost).
LOST_CHARACTERS = regex.compile(
    r"\uFFFD+|(?<=\p{Han}|^)\?{2,}|\?{2,}(?=\p{Han})|(?<=\p{Han})(?<![吗嗎呢吧么麼嘛])\?(?=\p{Han})"
    rf"|(?<=\p{{Han}})\?(?=[(（][a-zü\u0261{TONE_MARKS}]{{1,7}}[)）])",
    regex.MULTILINE,
)
# Characters whose GBK bytes open a 3-byte UTF-8 sequence (lead E3–E9 or EF, then 80–BF):
# UTF-8 Chinese read as GBK always starts with one, real text rarely holds them.
UTF8_AS_GBK_OPENER = re.compile(
    "["
    + "".join(
        sorted({bytes([lead, trail]).decode("gbk") for lead in (*range(0xE3, 0xEA), 0xEF) for trail in range(0x80, 0xC0)})
    )
    + "]"
)
# --- the rare-character scan ------------------------------------------------------
# One stdlib bitmap scan per text lists the characters, out of the way of common Chinese
# prose, that it holds; a rule with a gate runs only where its gate matches them. The
# class is a superset of every gate's characters (tests/test_gates.py checks it against
# the gates themselves): ASCII but the newline, the digits and the letters other than
# x/X; Latin and the other scripts up to U+08FF; U+180E; the spaces and format
# characters of U+2000–U+206F with "…" (the curly quotes and dashes are common prose);
# the ideographic space; U+FEFF, full-width "．" and U+FFF0 to the top of Unicode; the
# traditional-only characters, the mojibake openers and the pinyin tone marks.
RARE = re.compile(
    "[\\x00-\\x09\\x0b-/:-@\\[-`{-\\u08ffXx\\u180e\\u2000-\\u200f\\u2026\\u2028-\\u206f\\u3000"
    "\\ufeff\\uff0e\\ufff0-\\U0010ffff"
    + re.escape("".join(sorted(TRADITIONAL_ONLY)))
    + UTF8_AS_GBK_OPENER.pattern[1:-1]
    + TONE_MARKS
    + "]"
)
# The stdlib compiles a large character class to a bitmap: ~150× faster here than `regex`.
TRADITIONAL_CHARACTER = re.compile("[" + re.escape("".join(sorted(TRADITIONAL_ONLY))) + "]")
MOJIBAKE_HINT = re.compile("[?\ufffd" + UTF8_AS_GBK_OPENER.pattern[1:])
NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f\s，。！？、；：“”‘’（）《》【】…—]{3,}")
NON_ASCII_CHAR = regex.compile(r"[^\x00-\x7f\s，。！？、；：“”‘’（）《》【】…—]")
TITLE_NOISE = regex.compile(r"[\s\p{Cf}]+")
