"""split.py's header-candidate parsing as it was before the compiled core took it
(crates/cutter-core/src/headers.rs): the reference the differential tests compare the core with
(tests/test_core_headers.py, tests/test_core_diff.py, bench/core_diff.py)."""

from __future__ import annotations

from collections.abc import Iterator

from cutter import _core
from cutter import patterns as P
from cutter.split import Candidate

MAX_CLEAN_HEADER = 80
MAX_KEYWORD = 40
MAX_PIECE_NUMBER = 500
GLUED_PREFIX = 64


def header_candidate_list(text: str) -> list[Candidate]:
    """Every header candidate of ``text``, as split.split collected them."""
    return [
        candidate
        for start, end in _core.candidate_lines(text)
        for candidate in header_candidates(text[start:end], start, start)
    ]


def core_header_candidate_list(text: str) -> list[Candidate]:
    """The core's candidates (``_core.header_candidates``), with the lines it leaves to Python
    (unmarked pinyin ruby) read here, in line order as split.split collects them."""
    found, deferred = _core.header_candidates(text)
    candidates = [Candidate(*fields) for fields in found]
    if deferred:
        for start, end in deferred:
            candidates.extend(header_candidates(text[start:end], start, start))
        candidates.sort(key=lambda c: c.line)  # stable: a line's own order stays
    return candidates


def header_candidates(line: str, offset: int = 0, index: int = 0) -> Iterator[Candidate]:
    """Every reading of ``line`` as a piece header, clean ones first."""
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
    """``line`` as it will read after cleaning, and for each of its positions (and its end) the
    position in ``line``."""
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
    if after[:1] in P.DIGIT_SET:
        return after[:1] in "0０" or bool(P.COUNT_AFTER_DIGITS.match(after))
    return bool(P.QUANTITY_UNIT.match(after))


def _bracket_glued_candidates(core: str, start: int, index: int) -> Iterator[Candidate]:
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
    yield Candidate(index, start, start + match.end(), number, style, keyword, clean=True)


def normalize_keyword(keyword: str) -> str:
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


def _title_like(text: str) -> bool:
    text = text.strip()
    short = (len(text) <= 40 and not P.SENTENCE_PUNCT.search(text)) or (
        len(text) <= 20 and not P.SENTENCE_STOP.search(text)
    )
    return short and not text.endswith((":", "：")) and not P.SALUTATION.match(text)


def _without_ruby(text: str) -> str:
    if P.TITLE_RUBY.search(text) is None:
        return text
    from cutter.rules.markup import title_without_ruby

    return title_without_ruby(text)
