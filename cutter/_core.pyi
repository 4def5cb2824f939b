"""cutter's compiled core (crates/cutter-core, bound by crates/cutter-py).

Each function releases the GIL while it works; a panic inside the core is raised as
:class:`cutter.errors.InputError` for that call. Offsets count code points, as ``str``
indexes do. Strings holding lone surrogates are accepted.
"""

def rare_characters(text: str) -> str:
    """The distinct characters of ``text`` that ``patterns.RARE`` matches, in code-point order."""

def document_script(text: str) -> str:
    """``"traditional"`` when traditional-only characters outnumber simplified-only ones, else ``"simplified"``."""

def candidate_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line worth parsing as a piece header, without its newline: read without
    its header debris (``split._reading``), shaped like a header or with a digit early on."""

def control_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are C0 controls other than tab, newlines, VT and FF, or DEL."""

def page_breaks(text: str) -> list[tuple[int, int, str | None]]:
    """The page-break rule's findings (rules/paragraphs.py), in order: (start, end, None) for a gap
    to remove (a sentence cut in two), (start, end, message) for a gap to flag."""

def chunk_markers(text: str) -> list[tuple[int, int, str | None]]:
    """The chunk-marker rule's findings (rules/paragraphs.py), in the order the rule yields them:
    (start, end, None) for a chunk number to remove, (start, end, message) for one to flag."""

def _panic(text: str) -> int:
    """Panics inside the core: for the test that a panic becomes an ``InputError``."""

class Triggers:
    """One Aho-Corasick automaton over the boilerplate rules' trigger words (rules/boilerplate.py)."""

    def __init__(self, words: list[tuple[str, int]], families: int) -> None:
        """``words``: each word with its families as bits (bit ``i`` is family ``i``, below ``families``).
        Raises ``ValueError`` for an empty word, an unknown family or more than 64 families."""

    def lines(self, text: str) -> list[list[tuple[int, int]]]:
        """For each family, the (start, end) of each line of ``text`` (without its newline) that holds
        one of its words, in order, each line once. Words match left to right, the longest at each
        place, each match resuming where the last ended."""

class Fold:
    """The boilerplate rules' script fold, one character for one (rules/boilerplate.py fold_script)."""

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        """``pairs``: (code point, code point of its simplified twin)."""

    def apply(self, text: str) -> str | None:
        """``text`` with each character that has a twin written as the twin, or ``None`` when none has."""

class Words:
    """Words in groups, found wherever they stand, overlaps too (rules/boilerplate.py LINE_NEEDS)."""

    def __init__(self, words: list[tuple[str, int]]) -> None:
        """``words``: each word with its groups as bits. Raises ``ValueError`` for an empty word or no group."""

    def lines_holding(self, text: str, lines: list[tuple[int, int]], needs: list[int]) -> list[tuple[int, int]]:
        """Those of ``lines`` ((start, end) spans of ``text``, in order) that hold a word of every group
        whose bit is set in one of ``needs``."""

def ellipsis(text: str) -> list[tuple[int, int, str]]:
    """The ellipsis rule's fixes (rules/punctuation.py): (start, end, replacement) in ``str`` indices, in order."""

def fullwidth(text: str) -> list[tuple[int, int, str]]:
    """The fullwidth rule's fixes (rules/punctuation.py): (start, end, replacement) in ``str`` indices, the
    marks' first, then each parenthesis pair's two."""

def header_candidates(text: str) -> tuple[list[tuple[int, int, int, int, str, str, bool]], list[tuple[int, int]]]:
    """Every header candidate of ``text`` (split.py), line by line in reading order, as (line, start,
    end, number, style, keyword, clean), and the (start, end) of the candidate lines left to Python:
    those whose reading holds unmarked pinyin ruby after a Han character (``們(men)``), which only
    ``rules.markup.title_without_ruby``'s dictionary can judge."""

class Ruby:
    """pypinyin's readings for the pinyin-ruby rule (rules/markup.py), built once from the dictionary."""

    def __init__(self, readings: list[tuple[int, str]], syllables: list[str]) -> None:
        """``readings``: (code point, its readings as pypinyin writes them, ``"xiě,xiè"``); ``syllables``:
        every toned syllable the dictionary knows."""

    def spans(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """``rules.markup.ruby_spans``: the annotations that are readings of the character before them,
        and those after a lost character that are toned syllables (sorted), as (start, end)."""

    def count(self, text: str) -> int:
        """``rules.markup.count_ruby``: how many annotations are readings of the character before them."""

    def findings(self, text: str, page: int | None, traditional: bool) -> list[tuple[int, int, str | None]]:
        """The pinyin-ruby rule's findings as (start, end, message), ``None`` for a fix that removes the
        span; ``page``: the page's count of readings (``None``: count this text's)."""

def markup_clusters(text: str) -> list[tuple[int, int]]:
    """``rules.markup._clusters``: the (start, end) of the stretches of ``text`` holding markup (the
    overlapped ``P.MARKUP`` spans, each widened by ``CLUSTER_GAP`` within its line, merged when less
    than ``CLUSTER_GAP`` apart)."""

class Html:
    """The html rule (rules/markup.py fix_html), with ``html.unescape``'s tables, built once."""

    def __init__(self, named: list[tuple[str, str]], invalid_charrefs: list[tuple[int, str]], invalid_codepoints: list[int]) -> None:
        """``named``: ``html.entities.html5``'s items; ``invalid_charrefs``, ``invalid_codepoints``:
        ``html._invalid_charrefs`` and ``html._invalid_codepoints``."""

    def fixes(self, text: str) -> list[tuple[int, int, str]]:
        """The html rule's fixes as (start, end, replacement), in ``str`` indices, in order."""
