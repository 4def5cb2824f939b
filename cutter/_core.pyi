"""cutter's compiled core (crates/cutter-core, bound by crates/cutter-py).

Each function releases the GIL while it works; a panic inside the core is raised as
:class:`cutter.errors.InputError` for that call. Offsets count code points, as ``str``
indexes do. Strings holding lone surrogates are accepted.
"""

from collections.abc import Sequence

def rare_characters(text: str | Run | Doc) -> str:
    """The distinct characters of ``text`` that ``patterns.RARE`` matches, in code-point order (of a
    run's or a document's text, given the run or the document)."""

def document_script(text: str | Doc) -> str:
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

    def __init__(self, pairs: list[tuple[int, int]] | None = None) -> None:
        """``pairs``: (code point, code point of its simplified twin); ``None``: the fold the core ships
        (crates/cutter-core/data/fold.txt, written from rules/boilerplate.py's table)."""

    def apply(self, text: str) -> str | None:
        """``text`` with each character that has a twin written as the twin, or ``None`` when none has."""

def ellipsis(text: str) -> list[tuple[int, int, str]]:
    """The ellipsis rule's fixes (rules/punctuation.py): (start, end, replacement) in ``str`` indices, in order."""

def doubled_marks(text: str) -> list[tuple[int, int, str]]:
    """The doubled-mark rule's fixes (rules/punctuation.py): (start, end, replacement) in ``str`` indices, in order."""

def fullwidth(text: str) -> list[tuple[int, int, str]]:
    """The fullwidth rule's fixes (rules/punctuation.py): (start, end, replacement) in ``str`` indices, the
    marks' first, then each parenthesis pair's two."""

def header_candidates(text: str | Doc) -> tuple[list[tuple[int, int, int, int, str, str, bool]], list[tuple[int, int]]]:
    """Every header candidate of ``text`` (split.py), line by line in reading order, as (line, start,
    end, number, style, keyword, clean), and the (start, end) of the candidate lines left to Python:
    those whose reading holds unmarked pinyin ruby after a Han character (``們(men)``), which only
    ``rules.markup.title_without_ruby``'s dictionary can judge."""

class Plan:
    """Rules as ``Run.run_rules`` reads them (64 at most): each one's name, whether the core runs it,
    whether ``--keep-boilerplate`` keeps what it removes, and whether it joins (``cutter.rules.JOINS``)."""

    def __init__(self, names: list[str], in_core: list[bool], boilerplate: list[bool], joins: list[bool]) -> None: ...
    def __len__(self) -> int: ...

class Helpers:
    """A plan's rules' ``apply_core`` helpers (``chrome``, ``fold``, ``openings``), one of each for
    each rule, for one set of rare characters and one context."""

    def __init__(
        self, chrome: list[Chrome | None], fold: list[Fold | None], openings: list[tuple[list[str], int] | None]
    ) -> None: ...

class Run:
    """A piece's text as the rules leave it, with their edits and the map back to the raw body
    (cutter_core::normalize; ``cutter.normalize`` drives it). Offsets are ``str`` indices."""

    def __init__(self, raw: str) -> None: ...
    @property
    def text(self) -> str:
        """The text as the rules so far have left it."""

    def lend(self) -> str:
        """The text as a ``str``, the core letting go of its own copy until it needs it again (it
        encodes the ``str`` then)."""

    def __len__(self) -> int: ...
    def forget_text(self) -> None:
        """Let go of the text as a ``str`` (it is made again when asked for), the core taking its
        own copy back first if it lent it."""

    def raw_offsets(self, positions: list[int]) -> list[int]:
        """Where each position of the text stands in the raw body."""

    def apply(
        self, rule: str, starts: Sequence[int], ends: Sequence[int], texts: list[str], flags: bytes, keep: bool
    ) -> tuple[str | None, list[tuple[int, str]]]:
        """Apply what rule ``rule`` found, in the order it found it, as columns: each finding's start,
        end, text (a fix's replacement or a flag's message) and whether it is a flag (a byte, 0 or 1).
        Its flags are noted, its fixes applied (a fix that changes nothing is dropped, then of
        overlapping ones, by start and end, the first is kept); with ``keep`` its fixes are flags
        (``boilerplate kept: “…”``). Gives ``None`` when the text did not change, else the rare
        characters the fixes brought in; and the flags as (raw offset, message). ``ValueError`` for
        a span outside the text."""

    def apply_core(
        self, rule: str, keep: bool, chrome: Chrome | None = None, fold: Fold | None = None,
        openings: tuple[list[str], int] | None = None, ruby: Ruby | None = None, page: int | None = None,
        traditional: bool = False, html: Html | None = None,
    ) -> tuple[str | None, list[tuple[int, str]]] | None:
        """Run a rule the core holds whole (``ellipsis``, ``fullwidth``, ``english``, ``page-break``,
        ``chunk-marker``, ``whitespace``, ``cjk-space``, ``watermark``, ``placeholder``; the line
        rules ``hidden-text``, ``site-chrome``, ``doc-chrome``, ``labelled-intro``, ``lead-in`` and
        ``footer`` given ``chrome``; ``offer`` given ``chrome`` and, for a text that may hold a
        traditional character, ``fold``) over the text and apply what it found, as ``apply`` does.
        The line rules' scan is made once for the text as it is. ``title-repeat``, given the titles'
        ``openings`` (their first characters and the longest repeat; ``None``: no title), finds the
        lines that open as a title does; ``pinyin-ruby`` and ``html`` look for an annotation and a
        markup hint, and run whole given their tables (``ruby`` with the page's count of readings
        ``page`` and whether the document is ``traditional``; ``html``). ``None`` where the rule needs
        Python: ``site-chrome`` where it found an image caption, ``title-repeat`` where a line opens
        as a title does, ``pinyin-ruby`` and ``html`` where they found what they look for without
        their tables, or a ``chrome`` without the fold the text needs."""

    def run_rules(
        self, plan: Plan, gates: int, helpers: Helpers, start: int, stop: int, at_join: bool, keep_boilerplate: bool,
        rare: str,
    ) -> tuple[int, int, bool, list[tuple[int, int, str]], str | None]:
        """Run ``plan``'s rules from ``start`` up to ``stop`` (those whose bit in ``gates`` is set),
        each the core holds as ``apply_core`` does with its ``helpers``, until Python has work. Gives where it stopped and
        why (0: at ``stop``; 1: the rule there is Python's; 2: the core gave the rule there back, as
        ``apply_core``'s ``None``; 3: with ``at_join``, the rule before it, one that joins, changed the
        text; 4: the rule before it brought new rare characters), whether the text changed, the flags
        as (rule position, raw offset, message), and the rare characters ``rare`` with those the fixes
        brought, when they brought a new one."""

    def laid_out(self) -> str:
        """The text laid out (blank lines dropped), the piece's clean text: the run's last step,
        after which the run holds no text (``text``, ``apply`` and the rest refuse with ``ValueError``)."""
    def laid_out_utf8(self, most: int) -> tuple[str, bytes | None]:
        """``laid_out``, and the clean text's UTF-8 where it is at most ``most`` bytes (a JSONL line
        is written from them: ``json_line``'s ``text``)."""

    def columns(self, code: str) -> tuple[list[str], list[str], list[bytes]]:
        """The edits: the rule and the replacement of each, then the starts, ends, raw starts and
        raw ends, each as the bytes of an ``array`` of type ``code`` (``"i"`` or ``"q"``)."""

def layout(text: str) -> str:
    """Paragraphs one per line: the lines holding more than whitespace (``str.isspace``), joined by newlines."""
def whitespace(text: str) -> list[tuple[int, int]]:
    """The whitespace rule's fixes (rules/spacing.py): the (start, end) spans to remove, in ``str``
    indices, sorted and merged."""

def watermark(text: str) -> list[tuple[int, int, str | None]]:
    """The watermark rule's findings (rules/junk.py): (start, end, None) for each mark to remove,
    then (start, end, message) for each dot between Chinese characters to flag."""

def english(text: str) -> list[tuple[int, int, str]]:
    """The english rule's fixes (rules/english.py): (start, end, replacement) in ``str`` indices, in order."""

def cjk_space(text: str) -> list[tuple[int, int, str | None]]:
    """The cjk-space rule's findings (rules/spacing.py), in order: (start, end, None) for a space to
    remove, (start, end, message) for one to flag."""

def placeholders(text: str) -> list[tuple[int, int, str]]:
    """The placeholder rule's flags (rules/detect.py): (start, end, message) in ``str`` indices, in order."""
def offers(text: str, folded: str | None, lines: list[tuple[int, int]]) -> list[tuple[int, int, str, str | None]]:
    """The offer rule's findings (rules/boilerplate.py remove_offer), in the order it yields them:
    (start, end, replacement, None) for a fix, (start, end, "", message) for a flag. ``folded`` is
    ``text`` folded to simplified script (``None`` when nothing folds), ``lines`` its offer trigger lines."""

def lines_opening_with(text: str, prefixes: list[str], longest: int) -> list[tuple[int, int]]:
    """The (start, end) of every line of ``text``, no longer than ``longest``, whose first characters
    after its indentation (spaces, tabs, U+3000) are one of ``prefixes`` (rules/boilerplate.py remove_title_repeat)."""
_Findings = list[tuple[int, int, str | None]]

class Chrome:
    """The boilerplate line rules (rules/boilerplate.py: hidden-text, site-chrome, doc-chrome,
    labelled-intro, lead-in, footer), their patterns, trigger scan and script fold in one."""

    def __init__(
        self, words: list[tuple[str, int]], families: list[str], fold: Fold | None = None
    ) -> None:
        """``words``: each trigger word with its families as bits; ``families``: the families' names in bit
        order; ``fold``: the script fold, or ``None`` for texts without traditional-only characters."""

    def findings(
        self, text: str
    ) -> tuple[
        _Findings, _Findings, _Findings, list[tuple[int, int, int, int]], _Findings, _Findings, _Findings, _Findings,
        list[list[tuple[int, int]]],
    ] | None:
        """(hidden-text, site-chrome's timestamp flags, site-chrome's removals, its image captions as (start,
        end, title start, title end), doc-chrome, labelled-intro, lead-in, footer, every family's trigger
        lines of the folded text as ``Triggers.lines`` gives them), each finding (start, end, message) with
        ``None`` for a removal; ``None`` when ``text`` needs the fold and this has none."""


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

    def count_page(self, text: str | Doc) -> int:
        """``count`` of the page as the ruby count reads it (``without_ruby_noise``)."""

    def findings(self, text: str, page: int | None, traditional: bool) -> list[tuple[int, int, str | None]]:
        """The pinyin-ruby rule's findings as (start, end, message), ``None`` for a fix that removes the
        span; ``page``: the page's count of readings (``None``: count this text's)."""

def markup_clusters(text: str) -> list[tuple[int, int]]:
    """``rules.markup._clusters``: the (start, end) of the stretches of ``text`` holding markup (the
    overlapped ``MARKUP`` spans (tests/reference_patterns.py), each widened by ``CLUSTER_GAP`` within its line, merged when less
    than ``CLUSTER_GAP`` apart)."""

class Html:
    """The html rule (rules/markup.py fix_html), with ``html.unescape``'s tables, built once."""

    def __init__(self, named: list[tuple[str, str]], invalid_charrefs: list[tuple[int, str]], invalid_codepoints: list[int]) -> None:
        """``named``: ``html.entities.html5``'s items; ``invalid_charrefs``, ``invalid_codepoints``:
        ``html._invalid_charrefs`` and ``html._invalid_codepoints``."""

    def fixes(self, text: str) -> list[tuple[int, int, str]]:
        """The html rule's fixes as (start, end, replacement), in ``str`` indices, in order."""

def annotated(text: str | Run) -> bool:
    """``rules.markup._annotated``: whether ``text`` holds a pinyin annotation (``RUBY`` or
    ``RUBY_AFTER_LOST`` matches)."""

class Doc:
    """A document's text held in the core, encoded once (``cutter.core.stream``): ``header_candidates``,
    ``rare_characters`` and ``document_script`` read it as the ``str`` it was made of, and its pieces'
    runs are cut from it."""

    def __init__(self, text: str, utf8: bytes | None = None) -> None:
        """``utf8``: the text's UTF-8 when the caller has it (the bytes it was decoded from), taken as
        they are where they are UTF-8 of the text's length; else the text is encoded."""
    def run(self, raw: str, start: int, end: int) -> Run:
        """``Run(raw)`` for ``raw == text[start:end]``, its bytes cut from the document's. Pieces are
        asked for in order (each is found from where the last ended; an earlier one from the start).
        ``ValueError`` when ``raw`` is not ``end - start`` long or the span is past the end."""

def json_line(row: object, text: bytes | None = None) -> bytes:
    """``(json.dumps(row, ensure_ascii=False) + "\\n").encode("utf-8")``, byte for byte (cutter_core::json):
    dicts with ``str`` keys, lists, tuples, ``str``, ``int``, ``bool`` and ``None`` written in the core, any
    other value by ``json.dumps`` itself (so it reads, and fails, as there). A lone surrogate raises
    ``UnicodeEncodeError``, as the writer's encode did. ``text``: the UTF-8 of
    ``row["text"]`` when the caller has it (``Run.laid_out_utf8``), written in its place where it is UTF-8
    of the text's length; else the text is encoded."""

def page_annotated(text: str | Doc) -> bool:
    """Whether the page, without the line breaks, invisible characters and tags a rule can remove from
    inside an annotation (cutter_core::markup::without_ruby_noise), holds an annotation at all."""

def without_ruby_noise(text: str) -> str:
    """The page as the ruby count reads it: every whitespace run holding a line break, every format
    character, then every tag of up to 40 characters removed (what ``page_annotated`` and
    ``Ruby.count_page`` read)."""
