"""Document → Layout: the title and its declared count, the intro, and the pieces.

The splitter never hard-codes a keyword. Every line that could be a piece header
(``{KW}篇一``, ``{KW} 篇1``, ``【篇一】``, ``第一篇：``, ``{KW}1尊敬的…`` …) becomes a
:class:`Candidate` in a *family* (header style + keyword). A family's members are
chained by number (1, 2, 3 …), and the family with the best chain is the page's
dominant header family: its chain members are the piece boundaries. Everything
else (``一、…`` headings, nested ``{KW'}一/二`` sub-headers) stays inside a piece.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import takewhile
from typing import NamedTuple

import regex

from . import _core
from . import patterns as P
from .model import Document, Layout, Piece, Span

MAX_CLEAN_HEADER = 80
MAX_KEYWORD = 40
MAX_PIECE_NUMBER = 500
TITLE_MAX = 100
GLUED_PREFIX = 64
INTRO_LINES = 12  # lines above a lone header that may be title, chrome and intro
SINGLE_REACH = 5000  # how far down a page a lone header is looked for
FLAT_LINE = 150  # a line this long on a page without header lines may be a flattened page
FLAT_TITLE_REACH = 100  # where a flattened page's title (and its repeats, its chrome) may end
TITLE_REPEAT_REACH = 3  # lines between a title and its repeat (chrome, an intro)
PROSE_INTRO_LINES = 3  # lines of prose above the first header that read as an unheaded piece
PROSE_LINE = 12  # characters: a line this long ending a sentence is prose
OWN_TITLE_MIN, OWN_TITLE_MAX = 5, 30  # a piece's own title, as a topic page prints it over its body
OWN_TITLE_REACH = 8  # lines from an own title to its body (chrome rows between)
OWN_BODY_MIN = 20  # a body paragraph's length at least
CHROME_WORD = 6  # a line this short between a title and a piece is a counter or a button (浏览, 5073)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that could start a piece."""

    line: int  # the line's start offset: its identity and its place in reading order
    start: int
    end: int  # where the header text ends (the line end, unless glued to its body)
    number: int
    style: str
    keyword: str
    clean: bool

    @property
    def family(self) -> tuple[str, str]:
        return (self.style, self.keyword)


@dataclass(frozen=True, slots=True)
class _Line:
    index: int
    start: int
    end: int
    text: str


def split(document: Document, held: _core.Doc | None = None) -> Layout:
    """Find the pieces of a compilation. ``held``: the document's text held in the core
    (``_core.Doc``), when the caller has it, so the core reads it without encoding it again.

    >>> doc = Document("-", "合集(大全2篇)\\n\\n导语。\\n\\n作文篇一\\n\\n甲。\\n\\n作文篇二\\n\\n乙。\\n")
    >>> layout = split(doc)
    >>> layout.collection, layout.declared, [p.title for p in layout.pieces]
    ('合集', 2, ['作文篇一', '作文篇二'])
    """
    text = document.text
    candidates = _header_candidates(text, held)
    families: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        families[candidate.family].append(candidate)

    preliminary_title = _first_title_line(_lines(text), before=len(text))
    declared = _declared(preliminary_title.text) if preliminary_title else None
    if declared and preliminary_title is not None:
        for candidate in _number_first_candidates(text, preliminary_title):
            candidates.append(candidate)
            families[candidate.family].append(candidate)
    chains = {family: _best_chain(members) for family, members in families.items()}
    dominant = _dominant(chains, families, declared)
    single = None
    if dominant is None:
        single = _single_header(candidates, text, preliminary_title, declared)
        if single is not None:
            dominant = single.family
            chains[dominant] = [single]
    if dominant is None and _has_line_over(text, FLAT_LINE):
        flat = _flattened_headers(text)
        if len(flat) >= 2:
            dominant = ("flattened", flat[0].keyword)
            chains[dominant] = flat
        elif single is None and (lone_flat := _flattened_single(text)) is not None:
            single = lone_flat
            dominant = lone_flat.family
            chains[dominant] = [lone_flat]
    own_warning = None
    if dominant is None and preliminary_title is not None and declared and declared >= 2:
        own, own_warning = _own_title_headers(text, preliminary_title, declared)
        if own:
            dominant = ("own-title", own[0].keyword)
            chains[dominant] = own
    headers = chains[dominant] if dominant else []

    first = headers[0].start if headers else len(text)
    title = _first_title_line(_lines(text), before=first, keyword=dominant[1] if dominant else "")
    if dominant and dominant[0] == "flattened":  # the title is what precedes piece 1 on its line
        line_start = text.rfind("\n", 0, first) + 1
        if title is None or title.end > first or single is not None:
            head = _read(text[line_start:first])
            if single is not None and (declaration := _last_declaration(head)) is not None:
                count = head[declaration.start : declaration.end]
                head = head[: head.find(count) + len(count)]  # {title}20篇{title}20篇…: the title, then repeats
            head = P.DOC_CHROME_SENTENCE.sub("", head).strip()  # {title}范文仅供参考，自行编辑使用
            title = _TitleLine(line_start, first, head) if head and len(head) <= TITLE_MAX else None
    elif title is not None and title.end > first:  # piece 1's header is glued to the title line: the title is before it
        head = _read(text[title.start : first]).strip()
        title = _TitleLine(title.start, first, head) if head and len(head) <= TITLE_MAX else None
    warnings: list[str] = []
    collection = declared = None
    if title is not None:
        collection, declared = _parse_title(title.text)
    if declared is None and headers:
        declared = _declared(text[headers[0].start : headers[0].end])

    if headers:
        preamble = Span(0, headers[0].start)
        pieces = _pieces(text, headers, chains, dominant)
    elif not text.strip():
        preamble, pieces = Span(0, len(text)), ()
        warnings.append("empty: empty input: no pieces")
    else:
        if title is not None and declared is None and not _clean_title(text[title.end :]):
            title = collection = None  # a one-line page: its line is its content, not a title
        body_start = title.end if title is not None else 0
        if title is not None:
            body_start = _past_title_repeat(text, title, collection)
        preamble = Span(0, body_start)
        raw = text[body_start:]
        pieces = (Piece(1, collection or "", Span(body_start, body_start), Span(body_start, len(text)), raw),)
        if raw.strip():
            warnings.append("no-headers: no piece headers found; kept the whole text as one piece")
    intro = text[title.end if title is not None else 0 : preamble.end]
    if dominant and dominant[0] == "own-title":
        shown = " / ".join(p.title for p in pieces[:3])
        warnings.append(f"own-titles: no piece headers; split at {len(pieces)} line(s) that read as piece titles ({shown})")
    elif own_warning:
        warnings.append(own_warning)
    if single is not None:
        lone = _clean_title(text[single.start : single.end])
        warnings.append(f"one-header: only one piece header ({lone}) was found; split there")
    warnings.extend(_gap_warnings(headers))
    warnings.extend(_count_warnings(declared, len(pieces), intro))
    if headers:
        warnings.extend(_prose_intro_warnings(intro))
    warnings.extend(_unused_headers(families.get(dominant, []) if dominant else [], headers, text))
    return Layout(
        document=document,
        collection=collection,
        declared=declared,
        preamble=preamble,
        title_line=Span(title.start, title.end) if title is not None else None,
        pieces=pieces,
        family=f"{dominant[1]}+{dominant[0]}" if dominant else None,
        warnings=tuple(warnings),
    )


# --- header candidates -------------------------------------------------------------


def _header_candidates(text: str, held: _core.Doc | None = None) -> list[Candidate]:
    """Every header candidate of ``text``, line by line in reading order. The compiled core
    (``cutter._core.header_candidates``, crates/cutter-core/src/headers.rs) reads the candidate
    lines (:func:`_candidate_lines`); a line whose reading holds unmarked pinyin ruby (``們(men)``),
    which only the pinyin-ruby rule's dictionary can judge, it leaves to :func:`_line_candidates`
    here. tests/split_reference.py keeps the Python the core replaced, as the reference."""
    found, deferred = _core.header_candidates(text if held is None else held)
    candidates = [Candidate(*fields) for fields in found]
    if deferred:
        for start, end in deferred:
            candidates.extend(_python_candidates(text[start:end], start, start))
        candidates.sort(key=lambda c: c.line)  # stable: a line's own order stays
    return candidates


def header_candidates(line: str, offset: int = 0, index: int = 0) -> Iterator[Candidate]:
    """Every reading of ``line`` (a line of a text at ``offset``, ``index`` its identity) as a
    piece header, clean ones first, read by the compiled core as :func:`split` reads its lines.

    >>> [(c.keyword, c.number, c.clean) for c in header_candidates("弘扬工匠精神篇九")]
    [('弘扬工匠精神', 9, True)]
    >>> [(c.keyword, c.number) for c in header_candidates("倡议书15社区是我们的家")]
    [('倡议书', 1), ('倡议书', 15)]
    >>> list(header_candidates("一、追求卓越"))
    []
    """
    found, deferred = _core.header_candidates(line) if "\n" not in line else ([], [(0, len(line))])
    if deferred:  # unmarked ruby, or not one line
        yield from _python_candidates(line, offset, index)
        return
    for _, start, end, number, style, keyword, clean in found:
        yield Candidate(index, offset + start, offset + end, number, style, keyword, clean)


def _python_candidates(line: str, offset: int, index: int) -> Iterator[Candidate]:
    """The candidates of a line with unmarked pinyin ruby (see :func:`_header_candidates`)."""
    if not P.HEADER_DEBRIS.search(line):
        yield from _line_candidates(line, offset, index)
        return
    reading, where = _reading(line)
    for candidate in _line_candidates(reading, 0, index):
        start, end = where[candidate.start], where[candidate.end]
        if not reading[: candidate.start].strip():
            start = len(line) - len(line.lstrip())  # debris before the header text belongs to it too
        if candidate.end == len(reading.rstrip()):
            end = len(line.rstrip())  # debris after the header text belongs to the header
        yield Candidate(
            index, offset + start, offset + end, candidate.number, candidate.style, candidate.keyword, candidate.clean
        )


def _reading(line: str) -> tuple[str, list[int]]:
    """``line`` as it will read after cleaning (no entities, tags or format characters; no-break
    spaces as spaces), and for each of its positions (and its end) the position in ``line``."""
    parts: list[str] = []
    where: list[int] = []
    position = 0
    for match in P.HEADER_DEBRIS.finditer(line):
        parts.append(line[position : match.start()])
        where.extend(range(position, match.start()))
        if match.group() in ("\u00a0", "&nbsp;", "&#160;"):
            parts.append(" ")
            where.append(match.start())
        position = match.end()
    parts.append(line[position:])
    where.extend(range(position, len(line) + 1))
    return "".join(parts), where


def _line_candidates(line: str, offset: int, index: int) -> Iterator[Candidate]:
    stripped = line.strip()
    if not stripped:
        return
    lead = len(line) - len(line.lstrip())
    core = stripped.strip(P.DECORATION + " \t\u3000")
    core_lead = lead + stripped.index(core[0]) if core else lead
    if not P.ANY_NUMERAL.search(core):
        return
    if len(core) <= MAX_CLEAN_HEADER:
        clean = _clean_candidate(core, offset + core_lead, index, offset + len(line.rstrip()), offset + lead)
        if clean is not None:
            yield clean
            return
    if P.ANY_DIGIT.search(core, 2, GLUED_PREFIX):
        yield from _glued_candidates(core, offset + core_lead, index)
    yield from _bracket_glued_candidates(core, offset + core_lead, index)


def _clean_candidate(core: str, core_start: int, index: int, line_end: int, start: int) -> Candidate | None:
    for header_style in P.HEADER_STYLES:
        match = header_style.pattern.match(core) if header_style.may_match(core) else None
        if match is None:
            continue
        style = header_style.name
        number = P.parse_number(match["num"])
        keyword = normalize_keyword(match.groupdict().get("kw") or "")
        if not number or number > MAX_PIECE_NUMBER or not _keyword_ok(keyword, style):
            continue
        if style == "第N篇" and match["own"] and not match["sep"] and not _title_like(match["own"]):
            continue  # 第一篇文章写得很好，… is prose, 第1篇我的老师 a header
        family_keyword = "" if style == "【N】" else keyword
        own = match.groupdict().get("own") or ""
        if own[:1] in ":：" and own[1:].strip() and not _title_like(own[1:]):
            # {KW}2：乙。 is a header and its body's first sentence, not a header with its own title
            colon_end = core_start + match.start("own") + 1
            return Candidate(index, start, colon_end, number, style, family_keyword, clean=True)
        return Candidate(index, start, line_end, number, style, family_keyword, clean=True)
    return None


def _glued_candidates(core: str, start: int, index: int) -> Iterator[Candidate]:
    match = P.GLUED_HEADER.match(core, 0, GLUED_PREFIX)
    if match is None:
        return
    keyword = normalize_keyword(match["kw"])
    if len(keyword) < 2 or not _keyword_ok(keyword, "KW N"):
        return
    digits, tail = match["digits"], core[match.start("digits") :]
    style = "篇N" if match["pian"] else "KW N"
    for cut in range(1, len(digits) + 1):
        number_text, after = digits[:cut], tail[cut:]
        if number_text[0] in "0０" or _quantity(after):
            continue
        end = start + match.start("digits") + cut
        if after[:1] in ":：":
            end += 1  # the colon belongs to the header
        yield Candidate(index, start, end, int(number_text), style, keyword, clean=False)


def _quantity(after: str) -> bool:
    """Whether the text after a glued number makes it a quantity (凌晨2点, 3000平方米). When more
    digits follow, they start the body (篇312月4日: header 3, body 12月4日) unless they start with 0."""
    if after[:1] in P.DIGIT_SET:
        return after[:1] in "0０" or bool(P.COUNT_AFTER_DIGITS.match(after))
    return bool(P.QUANTITY_UNIT.match(after))


def _bracket_glued_candidates(core: str, start: int, index: int) -> Iterator[Candidate]:
    """{KW}(一)《题目》…, {KW}【第一篇】敬爱的…: a bracketed numeral between a keyword and its body."""
    if not any(ch in core[:GLUED_PREFIX] for ch in "(（【["):
        return
    match = P.GLUED_BRACKET.match(core, 0, GLUED_PREFIX + 8)
    if match is None or match.end() >= len(core.rstrip()):
        return
    keyword = normalize_keyword(match["kw"])
    number = P.parse_number(match["num"])
    style = "第N篇" if match["di"] and match["pian2"] else "篇N" if match["pian"] or match["pian2"] else "KW N"
    if len(keyword) < 2 or not number or number > MAX_PIECE_NUMBER or not _keyword_ok(keyword, "KW N"):
        return
    # clean: a bracketed numeral has one reading, unlike glued digits
    yield Candidate(index, start, start + match.end(), number, style, keyword, clean=True)


def normalize_keyword(keyword: str) -> str:
    """The part of a header keyword that identifies its family.

    >>> normalize_keyword("课前三分钟演讲稿(汇总16篇) ")
    '课前三分钟演讲稿'
    >>> normalize_keyword("我的梦想作文600字")
    '我的梦想作文'
    """
    keyword = P.COUNT_DECLARATION.sub("", _without_ruby(keyword))
    keyword = P.WORD_COUNT.sub("", keyword)
    keyword = P.SPACES.sub("", keyword)
    return keyword.strip(P.DECORATION + "(（【[〔")


def _keyword_ok(keyword: str, style: str) -> bool:
    if len(keyword) > MAX_KEYWORD or P.KEYWORD_FORBIDDEN.search(keyword):
        return False
    if style in ("篇N", "第N篇", "【N】"):
        return True
    return bool(P.KEYWORD_HAS_WORD.search(keyword)) and not keyword.endswith(("第", "其"))


# --- choosing the dominant family --------------------------------------------------


def _chain(members: list[Candidate]) -> list[Candidate]:
    """The longest run of members numbered 1, 2, 3 … in reading order."""
    best: dict[int, tuple[int, Candidate, tuple | None]] = {}
    for member in sorted(members, key=lambda c: (c.line, c.end)):
        number = member.number
        if number == 1:
            node: tuple[int, Candidate, tuple | None] = (1, member, None)
        else:
            previous = best.get(number - 1)
            if previous is None or previous[1].line >= member.line:
                continue
            node = (previous[0] + 1, member, previous)
        if number not in best or node[0] > best[number][0]:
            best[number] = node
    if not best:
        return []
    tip: tuple | None = max(best.values(), key=lambda node: (node[0], -node[1].line))
    chain = []
    while tip is not None:
        chain.append(tip[1])
        tip = tip[2]
    return chain[::-1]


MAX_GAP = 20  # hidden text swallows a few headers, not a hundred


def _best_chain(members: list[Candidate]) -> list[Candidate]:
    """The consecutive chain (1, 2, 3 …), or a longer one with gaps (1, 2, 7: headers that a
    hidden-text marker swallowed)."""
    chain = _chain(members)
    gapped = _gapped_chain(members)
    return gapped if len(gapped) > len(chain) else chain


def _gapped_chain(members: list[Candidate]) -> list[Candidate]:
    """From the first member numbered 1, each next line's smallest number that goes up by at most
    MAX_GAP, in reading order (one pass: linear in the members)."""
    ordered = sorted(members, key=lambda c: (c.line, c.number))
    chain: list[Candidate] = []
    for member in ordered:
        if not chain:
            if member.number == 1:
                chain.append(member)
        elif member.line > chain[-1].line and chain[-1].number < member.number <= chain[-1].number + MAX_GAP:
            chain.append(member)
    return chain


def _dominant(
    chains: dict[tuple[str, str], list[Candidate]],
    families: dict[tuple[str, str], list[Candidate]],
    declared: int | None,
) -> tuple[str, str] | None:
    def usable(family: tuple[str, str]) -> bool:
        chain = chains[family]
        if len(chain) < 2:
            return False
        if family[0] == "N.KW" and (declared is None or len(chain) > declared or _has_gap(chain)):
            return False  # 1.{KW}: the title's keyword, numbered 1, 2, 3 … up to the declared count
        glued_only = not any(c.clean for c in chain)
        # {KW} 篇1亲爱的…: the 篇 marks the number, so two glued members are enough
        return not glued_only or len(chain) >= 3 or len(chain) == declared or family[0] == "篇N"

    def score(family: tuple[str, str]) -> tuple:
        chain = chains[family]
        return (len(chain) == declared, len(chain), sum(c.clean for c in chain), -chain[0].line)

    usable_families = [family for family in chains if usable(family)]
    return max(usable_families, key=score) if usable_families else None


def _single_header(
    candidates: list[Candidate], text: str, title: _TitleLine | None, declared: int | None
) -> Candidate | None:
    """A page with one visible header (a paginated site, or hidden text swallowed the rest): its
    header starts piece 1 when it is a header of the title's keyword (any number if the title
    declares a count, else number 1), carries a count itself, or is numbered 1 under an intro that
    names its genre. The header must not be the title line itself."""
    title_keywords = _title_keywords(title.text) if title is not None else []
    lines_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for candidate in candidates:
        lines_of[candidate.family].add(candidate.line)
    for candidate in sorted(candidates, key=lambda c: (c.line, not c.clean)):
        if len(lines_of[candidate.family]) > 1:
            continue  # its family has other lines: not a lone header
        if candidate.start > SINGLE_REACH:
            break  # a lone header stands near the top, under the title and intro
        before = text[: candidate.start]
        header = _clean_title(text[candidate.start : candidate.end])
        line_end = text.find("\n", candidate.end)
        rest = text[candidate.end : len(text) if line_end == -1 else line_end]
        if not candidate.clean and len(_clean_title(rest)) < 4:
            continue  # a glued reading needs a body after it
        if title is not None and candidate.line == title.start:
            # {KW}(汇总16篇)篇一 under an intro: the count rides on the header (formats.md H9)
            if candidate.number == 1 and candidate.clean and before.strip() and _declared(header):
                return candidate
            continue
        keyword = candidate.keyword
        if len(keyword) >= 2 and any(keyword in k or k in keyword for k in title_keywords if len(k) >= 2):
            between = text[title.end : candidate.start] if title is not None else before
            if declared or candidate.number == 1 and (not between.strip() or P.OFFER_WORDS.search(between)):
                return candidate
            continue
        if candidate.number != 1:
            continue
        genre = keyword if len(keyword) >= 2 else header
        named = len(genre) >= 2 and (genre[-2:] in before or len(genre) >= 3 and genre[-3:-1] in before)
        # only under an intro (an offer sentence) or a declared count: never on a page whose own text
        # would go to the preamble
        introduced = declared or P.OFFER_WORDS.search(before)
        if _declared(header) or (before.strip() and named and introduced and before.count("\n") <= INTRO_LINES):
            return candidate
    return None


def _number_first_candidates(text: str, title: _TitleLine) -> Iterator[Candidate]:
    """``1.{KW}`` headers, number first: only where {KW} is the keyword of a title that declares
    a count, so a list item in a piece (``1. 节约用水``, ``2.一水多用``) is never one."""
    keywords = {k for k in _title_keywords(title.text) if len(P.HAN.findall(k)) >= 4}
    if not keywords:
        return
    for match in _number_first_headers(text):
        keyword = normalize_keyword(_read(match["kw"]))
        number = P.parse_number(match["num"])
        if keyword in keywords and number and number <= MAX_PIECE_NUMBER:
            line = match.start()
            yield Candidate(line, match.start("num"), match.end("kw"), number, "N.KW", keyword, clean=True)


def _number_first_headers(text: str) -> Iterator[re.Match[str]]:
    """``P.NUMBER_FIRST_HEADER.finditer(text)``, tried only at the start of a line that holds a
    digit and a dot (a match is one whole line): the pattern's own search tries every position.

    >>> [m["kw"] for m in _number_first_headers("1. 读书心得\\n 2．工作总结\\n三\\n4.")]
    ['读书心得', '工作总结']
    """
    next_line = 0
    for digit in _digits_before_dots(text):
        if digit < next_line:
            continue
        start = text.rfind("\n", 0, digit) + 1
        end = text.find("\n", digit)
        next_line = len(text) if end == -1 else end + 1
        match = P.NUMBER_FIRST_HEADER.match(text, start)
        if match:
            yield match


def _digits_before_dots(text: str) -> list[int]:
    """Where a digit stands before ``.`` or ``．`` (what every number-first header holds), in
    order: found by the dots, which Chinese prose seldom holds, with ``str.find``."""
    found = []
    for dot in ".．":
        at = text.find(dot, 1)
        while at != -1:
            if text[at - 1] in _DIGITS:
                found.append(at - 1)
            at = text.find(dot, at + 1)
    return sorted(found)


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _own_title_headers(text: str, title: _TitleLine, declared: int) -> tuple[list[Candidate], str | None]:
    """Pieces headed only by their own titles (a topic page: ``电影焦裕禄观后感`` over its body),
    split only when sure: the title declares a count, each such line is short, has no sentence
    punctuation, ends with the title's genre (its last three characters) and is followed by a
    body, there are no more of them than declared, and only intro (an offer) and chrome stand
    between the title and the first. Lines that look so but fail the last test: a warning."""
    collection, _ = _parse_title(title.text)
    genre = collection[-3:]
    if len(P.HAN.findall(genre)) < 3:
        return [], None
    wanted = {_squeeze(title.text), _squeeze(collection)}
    lines = list(takewhile(lambda line: line.start < SINGLE_REACH, _lines_from(text, title.end + 1)))
    found = []
    for position, line in enumerate(lines):
        stripped = _read(line.text).strip()
        if not (OWN_TITLE_MIN <= len(stripped) <= OWN_TITLE_MAX) or not stripped.endswith(genre):
            continue
        if _squeeze(stripped) in wanted or P.SENTENCE_PUNCT.search(stripped) or not _title_like(stripped):
            continue
        if _chrome_row(stripped) or P.HEADING.match(stripped):
            continue
        if _body_follows(lines[position + 1 :]):
            start = line.start + len(line.text) - len(line.text.lstrip())
            found.append(Candidate(line.start, start, line.start + len(line.text.rstrip()), len(found) + 1, "own-title", genre, True))
    if not found or len(found) > declared:
        return [], None
    if not _only_intro_and_chrome(text[title.end : found[0].start]):
        shown = " / ".join(_clean_title(text[c.start : c.end]) for c in found[:3])
        return [], f"own-titles: {len(found)} line(s) read as piece titles ({shown}) but text stands above them; not split"
    return found, None


def _chrome_row(line: str) -> bool:
    return bool(P.SITE_CHROME.fullmatch(line) or P.NOT_A_TITLE.search(line) or _is_doc_chrome(line))


def _body_follows(lines: list[_Line]) -> bool:
    """Whether a body paragraph follows, past blank lines and chrome rows (counters, 全文共 N 字)."""
    for line in lines[:OWN_TITLE_REACH]:
        stripped = _read(line.text).strip()
        if not stripped or _chrome_row(stripped) or len(stripped) <= CHROME_WORD:
            continue
        return len(stripped) >= OWN_BODY_MIN and bool(P.SENTENCE_PUNCT.search(stripped))
    return False


def _only_intro_and_chrome(between: str) -> bool:
    """Whether ``between`` holds nothing but blank lines, chrome rows, short counter words
    (``浏览``, ``5073``) and intro paragraphs (with an offer's words)."""
    for line in between.split("\n"):
        stripped = _read(line).strip()
        if stripped and not (_chrome_row(stripped) or len(stripped) <= CHROME_WORD or P.OFFER_WORDS.search(stripped)):
            return False
    return True


def _title_keywords(title: str) -> list[str]:
    """The keyword variants of a title line (``A B (大全9篇)`` → A, B), as header keywords read."""
    collection, _ = _parse_title(title)
    collection = P.TITLE_TAG.sub("", collection)
    return [normalize_keyword(part) for part in collection.split()]


def _flattened_headers(text: str) -> list[Candidate]:
    """Headers inside the long lines of a flattened page (every paragraph joined on one line):
    ``{KW}(一)：`` or ``{KW}篇1`` markers whose keyword, the common end of the text before the
    first two, repeats before each (formats.md: flattened text)."""
    marks = [m for m in P.FLAT_MARK.finditer(text) if P.parse_number(m["num"] or "")]
    ones = [m for m in marks if P.parse_number(m["num"]) == 1]
    twos = [m for m in marks if P.parse_number(m["num"]) == 2]
    if not ones or not twos:
        return []
    one = ones[0]
    two = next((m for m in twos if m.start() > one.end()), None)
    if two is None:
        return []
    a, b = text[max(0, one.start() - MAX_KEYWORD) : one.start()], text[max(0, two.start() - MAX_KEYWORD) : two.start()]
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size] and P.FLAT_KEYWORD_CHAR.match(a[-1 - size]):
        size += 1
    keyword = a[len(a) - size :]
    if len(P.HAN.findall(keyword)) < 2:
        return []
    found = [
        Candidate(m.start() - size, m.start() - size, m.end(), P.parse_number(m["num"]), "flattened", keyword, True)
        for m in marks
        if m.start() >= one.start() and text.endswith(keyword, 0, m.start())
    ]
    return _gapped_chain(found)


def _flattened_single(text: str) -> Candidate | None:
    """The one header of a flattened page that shows a single glued marker: on a long first line,
    ``{KW}1``, ``{KW}篇一`` or ``{KW}(一)`` where {KW} repeats text of the title that opens the line,
    only title-like text (no sentence) stands before it, and a salutation or a sentence starts
    after it (``{title}范文仅供参考，自行编辑使用{title}1尊敬的…``). A number that is a quantity
    (``感想1点``), an ordinal (``第1``) or a marker after the first sentence never cuts."""
    line_start = len(text) - len(text.lstrip())
    line_end = text.find("\n", line_start)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    if len(line) <= FLAT_LINE:
        return None
    reach = P.DOC_CHROME_SENTENCE.sub("", line[: FLAT_TITLE_REACH + 40])  # chrome is no sentence
    stop = P.SENTENCE_STOP.search(reach)
    for mark in P.FLAT_ONE.finditer(line, 0, FLAT_TITLE_REACH + 2 * MAX_KEYWORD):
        before = line[: mark.start()]
        if stop is not None and len(P.DOC_CHROME_SENTENCE.sub("", before)) > stop.start():
            return None  # past the first sentence: the essay's own text
        keyword = _repeated_opening(before)
        if keyword is None or _quantity(line[mark.end() :]) or not P.PIECE_START.match(line, mark.end()):
            continue
        start = line_start + mark.start() - len(keyword)
        return Candidate(start, start, line_start + mark.end(), 1, "flattened", keyword, True)
    return None


def _repeated_opening(before: str) -> str | None:
    """The longest end of ``before`` (the text before a marker) that is a keyword and already
    stands in the title text before it: the title repeated as the header's keyword."""
    for size in range(min(MAX_KEYWORD, len(before) // 2), 3, -1):
        keyword, head = before[-size:], before[:-size]
        if keyword[0] in "篇则則份的之" or not P.FLAT_TITLE_KEYWORD.fullmatch(keyword):
            continue
        if len(P.HAN.findall(keyword)) >= 4 and keyword in head:
            return keyword
    return None


def _has_gap(chain: list[Candidate]) -> bool:
    return any(b.number != a.number + 1 for a, b in zip(chain, chain[1:]))


def _gap_warnings(headers: list[Candidate]) -> Iterator[str]:
    for previous, header in zip(headers, headers[1:]):
        if header.number > previous.number + 1:
            yield (
                f"numbering-gap: header numbers jump from {previous.number} to {header.number}: "
                "headers in between may be hidden or missing"
            )


def _past_title_repeat(text: str, title: _TitleLine, collection: str | None) -> int:
    """Where the body starts on a page without headers: after the title line, after the meta rows
    right under it (``2024-07-16``, ``来源:华拓网``, site chrome), and after a repeat of the title
    within the next few lines (a site prints its title twice), never further."""
    wanted = {_squeeze(title.text), _squeeze(collection or "")} - {""}
    seen = 0
    meta_end = title.end
    meta = True  # still in the rows right under the title
    for line in _lines_from(text, title.end + 1):
        stripped = _squeeze(line.text)
        if not stripped:
            continue
        if stripped in wanted:
            return line.end
        if meta and (
            P.TITLE_CHROME_ROW.match(line.text.strip()) or P.SITE_CHROME.fullmatch(line.text.strip()) or _teaser(text, line)
        ):
            meta_end = line.end
            continue
        meta = False
        seen += 1
        if seen > TITLE_REPEAT_REACH:
            break
    return meta_end


def _teaser(text: str, line: _Line) -> bool:
    """``推荐阅读:{the body's opening}…``: a teaser whose opening stands again below it (nothing is lost)."""
    match = P.TEASER.match(line.text)
    return match is not None and text.find(match["opening"], line.end) != -1


def _squeeze(text: str) -> str:
    return P.TITLE_NOISE.sub("", text)


def _lines_from(text: str, start: int) -> Iterator[_Line]:
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        yield _Line(0, start, end, text[start:end])
        start = end + 1


def _title_like(text: str) -> bool:
    """A short line without sentence stops (a comma only in a short one): a title, not prose or a
    salutation."""
    text = text.strip()
    short = (len(text) <= 40 and not P.SENTENCE_PUNCT.search(text)) or (
        len(text) <= 20 and not P.SENTENCE_STOP.search(text)
    )
    return short and not text.endswith((":", "：")) and not P.SALUTATION.match(text)


# --- building the layout -----------------------------------------------------------


def _pieces(
    text: str,
    headers: list[Candidate],
    chains: dict[tuple[str, str], list[Candidate]],
    dominant: tuple[str, str],
) -> tuple[Piece, ...]:
    nested_lines = [
        c for family, chain in chains.items() if family != dominant and len(chain) >= 2 for c in chain
    ]
    pieces = []
    for index, header in enumerate(headers, start=1):
        end = headers[index].start if index < len(headers) else len(text)
        body = Span(header.end, end)
        nested = tuple(
            _clean_title(text[c.start : c.end]) for c in nested_lines if header.end <= c.start < end
        )
        pieces.append(
            Piece(
                index=index,
                title=_clean_title(text[header.start : header.end]),
                header=Span(header.start, header.end),
                body=body,
                raw=body.of(text),
                nested=nested,
            )
        )
    return tuple(pieces)


def _clean_title(title: str) -> str:
    """A header or title as the output shows it: read without debris and invisible characters,
    and without pinyin ruby (the unmarked readings too, checked by the pinyin-ruby rule's dictionary)."""
    return _without_ruby(P.INVISIBLE.sub("", _read(title)).strip())


def _without_ruby(text: str) -> str:
    if P.TITLE_RUBY.search(text) is None:
        return text
    from .rules.markup import title_without_ruby  # the rules import the splitter: imported on need

    return title_without_ruby(text)


def _read(line: str) -> str:
    """``line`` as it will read after cleaning (see :func:`_reading`)."""
    return _reading(line)[0] if P.HEADER_DEBRIS.search(line) else line


@dataclass(frozen=True)
class _TitleLine:
    start: int
    end: int
    text: str


def _first_title_line(lines: Iterable[_Line], before: int, keyword: str = "") -> _TitleLine | None:
    """The title line: the first line before ``before`` that declares a count, else the
    first non-empty line if it looks like a title. Site chrome is never a title. Given the
    headers' ``keyword``, a first line that shares nothing with it (an ad or spam line
    injected above the title) gives way to the next title-like line that shares it."""
    first = sharing = None
    for line in lines:
        if line.start >= before:
            break
        stripped = _read(line.text).strip()
        if not stripped or P.SITE_CHROME.fullmatch(stripped) or _is_doc_chrome(stripped):
            continue
        if _never_title(stripped):
            continue
        if next(count_declarations(stripped), None) is not None and _reads_as_title(stripped):
            return _TitleLine(line.start, line.end, stripped)
        if first is None:
            ink = _clean_title(stripped)  # an invisible character must not hide a sentence end
            first = line if len(stripped) <= TITLE_MAX and ink and ink[-1] not in P.SENTENCE_END else False
            if len(keyword) < 2 or (first and _shares_keyword(stripped, keyword)):
                sharing = False  # nothing to look for
        elif sharing is None and line.index <= INTRO_LINES and _reads_as_title(stripped):
            if _shares_keyword(stripped, keyword):
                sharing = line
    chosen = sharing or first
    return _TitleLine(chosen.start, chosen.end, _read(chosen.text).strip()) if chosen else None


def _shares_keyword(line: str, keyword: str) -> bool:
    """Whether ``line`` holds a stretch of the header keyword: all of it, or four characters.

    >>> _shares_keyword("散文读后感", "散文读后感"), _shares_keyword("第一书记的观后感", "观后感")
    (True, True)
    >>> _shares_keyword("最新娱乐城官网注册送彩金", "读书心得")
    False
    """
    size = min(4, len(keyword))
    return any(keyword[i : i + size] in line for i in range(len(keyword) - size + 1))


def _never_title(line: str) -> bool:
    """Lines above a title that are not one: breadcrumbs and nav bars, link lists, timestamp and
    counter rows, site names, and lines with hardly any Chinese (a stray ``0``)."""
    return bool(P.NOT_A_TITLE.search(line)) or len(P.HAN.findall(line, 0, 12)) < 2


def _reads_as_title(line: str) -> bool:
    """A line that declares a count is the title unless it reads as a sentence: an intro that
    mentions ``(精选8篇)`` is not the title."""
    return len(line) <= TITLE_MAX and not P.INTRO_SENTENCE.search(line)


def _is_doc_chrome(line: str) -> bool:
    """``DOC_CHROME.fullmatch(line)`` (tests/reference_patterns.py) for a line without a newline, found by searching for
    its marks: the pattern's ``[^\n]*`` frame backtracks over a long line (4× per character
    from 64 KB to 256 KB)."""
    return any(
        found is not None
        for found in (P.DOC_CHROME_MARK.search(line), P.DOC_CHROME_LABEL.fullmatch(line), P.DOC_CHROME_SENTENCE.fullmatch(line))
    )


def _parse_title(title: str) -> tuple[str, int | None]:
    """The collection name and declared count of a title line.

    >>> _parse_title("弘扬工匠精神 弘扬工匠精神心得体会报告 (大全9篇)")
    ('弘扬工匠精神 弘扬工匠精神心得体会报告', 9)
    """
    match = _last_declaration(title)
    if match is None:
        return _clean_title(title), None
    collection = (title[: match.start] + title[match.end :]).strip()
    collection = P.SPACES.sub(" ", _clean_title(collection))
    return collection, _count_value(match.n)


def _declared(text: str) -> int | None:
    match = _last_declaration(text)
    return _count_value(match.n) if match else None


def _last_declaration(text: str) -> Declaration | None:
    last = None
    for last in count_declarations(text):
        pass
    return last


class Declaration(NamedTuple):
    """A count declaration found in a text: its span and its numeral (``n``)."""

    start: int
    end: int
    n: str


_COUNT_MARK = regex.compile("[篇则則份]")
_DECLARATION_OPENERS = "(（【["
_DECLARATION_CLOSERS = ")）】]"
_COUNT_WORD_LIST = P.COUNT_WORDS.split("|")
_COUNT_WORD_ONE = frozenset(w for w in _COUNT_WORD_LIST if len(w) == 1)
_COUNT_WORD_TWO = frozenset(w for w in _COUNT_WORD_LIST if len(w) == 2)
assert _COUNT_WORD_ONE | _COUNT_WORD_TWO == set(_COUNT_WORD_LIST), "count words are one or two characters"
_WHITESPACE = frozenset(c for c in map(chr, range(0x3001)) if P.SPACES.match(c))  # what \s matches
_ARABIC = frozenset("0123456789０１２３４５６７８９")
_CHINESE_NUMERAL = P.NUMERAL_SET - _ARABIC


def count_declarations(text: str) -> Iterator[Declaration]:
    """What ``P.COUNT_DECLARATION.finditer(text)`` finds, in linear time.

    The regex engine backtracks over each start position, which is quadratic on a line of
    digits or count words; here each declaration is read outward from its count
    character (篇, 则, 份), and every character is looked at a bounded number of times.
    A property test holds the two equal.

    >>> [(d.start, d.end, d.n) for d in count_declarations("作文(大全9篇) 汇总 十 篇。")]
    [(2, 8, '9'), (9, 16, '十')]
    """
    size = len(text)
    for mark in _COUNT_MARK.finditer(text):
        position = mark.start()
        after = _skip_spaces(text, position + 1)
        end = None
        word_end = after + 4 if text.startswith("素材参考", after) else after + 2 if text.startswith("參考", after) else after
        closer = _skip_spaces(text, word_end)
        if closer < size and text[closer] in _DECLARATION_CLOSERS:
            end, bracketed = closer + 1, True
        elif text[position] == "篇":
            tail = after + 1 if after < size and text[after] in "。." else after
            if _skip_spaces(text, tail) == size:
                end, bracketed = size, False
        if end is None:
            continue
        start = _declaration_start(text, position, bracketed)
        if start is not None:
            yield Declaration(start[0], end, start[1])


def without_count_declarations(text: str) -> str:
    """``text`` with its count declarations removed: ``P.COUNT_DECLARATION.sub("", text)``, in linear time.

    >>> without_count_declarations("演讲稿(精选3篇) 范文")
    '演讲稿 范文'
    """
    parts, cursor = [], 0
    for declaration in count_declarations(text):
        parts.append(text[cursor : declaration.start])
        cursor = declaration.end
    return "".join(parts) + text[cursor:] if parts else text


def _declaration_start(text: str, mark: int, bracketed: bool) -> tuple[int, str] | None:
    """Where a declaration whose count character is at ``mark`` starts (the leftmost start the
    regex would find), and its numeral; ``None`` if no numeral (or no opening bracket) leads to it."""
    number_end = _skip_spaces_back(text, mark)
    if number_end == 0:
        return None
    kind = _ARABIC if text[number_end - 1] in _ARABIC else _CHINESE_NUMERAL if text[number_end - 1] in _CHINESE_NUMERAL else None
    if kind is None:
        return None
    number_start = number_end - 1
    while number_start > 0 and text[number_start - 1] in kind:
        number_start -= 1
    words_end = _skip_spaces_back(text, number_start)
    # The leftmost position from which count words run unbroken to words_end (they are one or two
    # characters long, so two unreachable positions in a row end the walk).
    reachable = {words_end}
    leftmost = position = words_end
    while position > 0 and (position in reachable or position + 1 in reachable):
        position -= 1
        if (text[position] in _COUNT_WORD_ONE and position + 1 in reachable) or (
            text[position : position + 2] in _COUNT_WORD_TWO and position + 2 in reachable
        ):
            reachable.add(position)
            leftmost = position
    numeral = text[number_start:number_end]
    if not bracketed:
        return leftmost, numeral
    opener = _skip_spaces_back(text, leftmost) - 1
    return (opener, numeral) if opener >= 0 and text[opener] in _DECLARATION_OPENERS else None


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def _skip_spaces_back(text: str, position: int) -> int:
    while position > 0 and text[position - 1] in _WHITESPACE:
        position -= 1
    return position


def _count_value(number_text: str) -> int | None:
    """A declared count, with a glued word count split off (``80010篇`` → 10)."""
    value = P.parse_number(number_text)
    if value is None or value <= MAX_PIECE_NUMBER:
        return value
    digits = str(value)
    for cut in range(1, len(digits)):
        words, count = int(digits[:cut]), digits[cut:]
        if words % 100 == 0 and not count.startswith("0") and 1 <= int(count) <= 99:
            return int(count)
    return None


def _count_warnings(declared: int | None, found: int, intro: str) -> Iterator[str]:
    if declared is not None and declared != found:
        yield f"count-mismatch: the title declares {declared} pieces, but {found} were found"
    for match in P.INTRO_COUNT.finditer(intro):
        said = P.parse_number(match["n"])
        if said and declared and said > 1 and said != declared:
            yield f"intro-count: the intro says {said} pieces, the title {declared}"
            return


def _prose_intro_warnings(intro: str) -> Iterator[str]:
    """Lines of prose above the first header that hold no offer words are an essay the page left
    unheaded more often than a site's intro: they belong to no piece, so say so.

    >>> next(_prose_intro_warnings("每年三月，学校都会组织我们去种树。\\n挖坑并不轻松，手心很快磨出了水泡。\\n"
    ...                            "所有的疲惫都不见了，心里满是欢喜。")).startswith("prose-intro: 3 lines of prose")
    True
    >>> list(_prose_intro_warnings("心得体会是我们的感受。\\n以下是小编整理的范文，仅供参考。\\n希望对你有帮助。"))
    []
    """
    lines = (line.strip() for line in intro.splitlines())
    prose = [line for line in lines if len(line) >= PROSE_LINE and line[-1] in P.SENTENCE_END and not P.OFFER_WORDS.search(line)]
    if len(prose) >= PROSE_INTRO_LINES:
        yield (
            f"prose-intro: {len(prose)} lines of prose before the first header, not an offer's, "
            f"belong to no piece (an unheaded first piece?): “{prose[0][:16]}…”"
        )


def _unused_headers(members: list[Candidate], headers: list[Candidate], text: str) -> Iterator[str]:
    used = {c.line for c in headers}
    number, counted = 1, 0  # line numbers counted once, in reading order
    for candidate in sorted(members, key=lambda c: c.line):
        if candidate.clean and candidate.line not in used:
            number += text.count("\n", counted, candidate.line)
            counted = candidate.line
            yield f"out-of-sequence: header-like line {candidate.number} on line {number} is out of sequence; kept inside a piece"


def _candidate_lines(text: str) -> Iterator[tuple[int, str]]:
    """(start, line) for lines worth parsing as headers, each read without its header debris
    (see :func:`_reading`): short ones shaped like a header (ending in a numeral, or a numeral
    and a colon, or opening with a bracket, or with a numbered 篇 or a bracketed numeral
    early on), and lines with a digit early on (a header glued to its body). The compiled
    core (``cutter._core.candidate_lines``) does the reading; tests/test_core_diff.py keeps
    the Python it replaced as the reference."""
    for start, end in _core.candidate_lines(text):
        yield start, text[start:end]


def _has_line_over(text: str, limit: int) -> bool:
    """Whether a line of ``text`` is longer than ``limit``, without making a list of its lines:
    each step looks for the last line break within ``limit`` characters of the line start."""
    start = 0
    while len(text) - start > limit:
        end = text.rfind("\n", start, start + limit + 1)
        if end == -1:
            return True
        start = end + 1
    return False


def _lines(text: str) -> Iterator[_Line]:
    """The lines of ``text``, lazily: the title search reads only the first few."""
    start = index = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        yield _Line(index, start, end, text[start:end])
        start, index = end + 1, index + 1
