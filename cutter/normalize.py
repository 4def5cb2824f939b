"""Piece → CleanPiece: run the selected rules, record every change as an Edit.

Each rule sees the text as the rules before it left it. Its fixes are applied at
once, and each becomes an :class:`Edit` whose ``start``/``end`` index that text (so
the edits replay rule by rule). Its span is also mapped back through every earlier
rule to the piece's raw body: ``offset`` is where it starts there and ``before`` is
the raw text it covers, so ``raw[offset:offset + len(before)] == before`` always.
Where an earlier rule wrote part of that span (``&nbsp;`` → space, then the space
removed), the raw span holds all the text that rule replaced. Last, the layout
step drops blank lines, so paragraphs come out one per line.

The text, the edits and that map live in the core (``_core.Run``, cutter_core::normalize).
The core also runs the rules it holds (``Rule.in_core``) one after another in one call
(``_core.Run.run_rules``, crates/cutter-py/src/plan.rs); this module decides the order (the
reruns after a join), runs the rules written in Python and those the core gives back, and keeps
the notes. tests/normalize_reference.py is the Python bookkeeping it replaced.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from itertools import groupby
import operator
from operator import itemgetter
from typing import Any, NamedTuple

from . import _core
from .model import CleanPiece, Edit, Edits, Note, Piece, position_code
from .rules import BOILERPLATE, JOINS, Context, Finding, Fix, Rule
from .rules import base
from .rules.base import forget_large_texts, rare_characters, rare_union, splice


def normalize(
    piece: Piece, rules: Sequence[Rule], context: Context, keep_boilerplate: bool = False, rare: str | None = None,
    run: _core.Run | None = None, utf8: int = 0,
) -> CleanPiece:  # fmt: skip
    """``run``: a run over the piece's raw body that no rule has touched (``_core.Doc.run``), when
    the caller made one; ``utf8``: keep the clean text's UTF-8 (``CleanPiece.utf8``) where it is
    at most this many bytes (0: never)."""
    if not utf8:
        text, edits, notes = clean_text(piece.raw, rules, context, keep_boilerplate, rare, run)
        return CleanPiece(piece=piece, text=text, edits=edits, notes=tuple(notes))
    state = _cleaned(piece.raw, rules, context, keep_boilerplate, rare, run)
    text, data = state.core.laid_out_utf8(utf8)
    return CleanPiece(piece=piece, text=text, edits=state.edits, notes=tuple(state.notes), utf8=data)


def clean_text(
    raw: str, rules: Sequence[Rule], context: Context, keep_boilerplate: bool = False, rare: str | None = None,
    run: _core.Run | None = None,
) -> tuple[str, Edits, list[Note]]:  # fmt: skip
    """Normalize ``raw``; return the clean text, the edits and the notes.

    With ``keep_boilerplate``, boilerplate rules change nothing and each removal they
    would make becomes a warning. ``rare``: the rare characters of ``raw``
    (:func:`~cutter.rules.base.rare_characters`), when the caller has them; ``run``: the
    core's run over ``raw``, untouched, when the caller has one.

    A rule that joins lines (:data:`~cutter.rules.JOINS`) can make a stretch that an
    earlier rule would have changed (``&bsp`` + break + ``;``), so after it joins, the
    rules before it run again over the joined text, and it again after them, until
    the rules before it change nothing (at most ``MAX_ROUNDS`` rounds).

    >>> from cutter.rules import BY_NAME
    >>> text, edits, _ = clean_text("这都几点了。。。 \\n\\n好的", [BY_NAME["ellipsis"]], Context())
    >>> text, [(e.rule, e.before, e.after, e.offset) for e in edits]
    ('这都几点了……\\n好的', [('ellipsis', '。。。 ', '……', 5)])
    """
    state = _cleaned(raw, rules, context, keep_boilerplate, rare, run)
    return state.core.laid_out(), state.edits, state.notes


def _cleaned(
    raw: str, rules: Sequence[Rule], context: Context, keep_boilerplate: bool, rare: str | None, run: _core.Run | None
) -> _Run:
    """The rules run over ``raw`` (see :func:`clean_text`), the text not yet laid out."""
    if rare is None:
        rare = rare_characters(raw) if run is None else _core.rare_characters(run)
    state = _Run(raw, context, keep_boilerplate, rare, run)
    position = 0
    while position < len(rules):
        position, _, joined = state.run(rules, position, len(rules), at_join=True)
        if joined:
            join = position - 1
            for _ in range(MAX_ROUNDS):
                if not state.run(rules, 0, join)[1]:
                    break
                state.run(rules, join, position)  # and a round more even if it joins nothing: an earlier
                # rule's change (hidden-text's) can make a stretch for one before it (html's ``x0a``)
    return state


MAX_ROUNDS = 3  # a bound on the rounds after a join: each further round needs an earlier rule's change
SHARED_TEXT = 8  # characters: a fix's replacement up to this long is held once for all the fixes writing it


class _Run:
    """The text as the rules so far have left it, and what they did to it: the text, the
    edits and the map back to the raw body are held in the core (``_core.Run``,
    cutter_core::normalize), the notes here."""

    stepwise = False  # see run

    def __init__(
        self, raw: str, context: Context, keep_boilerplate: bool, rare: str, core: _core.Run | None = None
    ) -> None:
        self.raw, self.context, self.keep_boilerplate, self.rare = raw, context, keep_boilerplate, rare
        self.core = _core.Run(raw) if core is None else core
        self.notes: list[Note] = []
        self.noted: set[tuple[str, int]] = set()  # a rule run again notes a place it noted before once
        self._last: tuple[_Plan, str, int, _core.Helpers] | None = None  # _resolved for these rare characters

    @property
    def edits(self) -> Edits:
        code = position_code(self.raw)
        rules, afters, columns = self.core.columns(code)
        return Edits.of(self.raw, rules, afters, *(array(code, column) for column in columns))

    def run(self, rules: Sequence[Rule], start: int, stop: int, at_join: bool = False) -> tuple[int, bool, bool]:
        """Run ``rules[start:stop]`` in order; with ``at_join``, stop after a rule of :data:`JOINS`
        that changed the text. (Where it stopped, whether the text changed, whether at a join.)

        The core runs the rules it holds one after another in one call (``_core.Run.run_rules``),
        and comes back here for a rule written in Python, one it gives back, a join, or new rare
        characters (the gates are worked out again, :func:`_resolved`). A huge text goes rule by
        rule (:meth:`apply`), letting go of each version as it goes, and so does every text where
        ``stepwise`` is set (bench/hot.py times each rule so)."""
        plan, changed, position = _plan(rules), False, start
        while position < stop:
            if self.stepwise or len(self.core) > base.LARGE_TEXT:
                rule, back = rules[position], False
            else:
                if self._last is None or self._last[0] is not plan or self._last[1] is not self.rare:
                    self._last = (plan, self.rare, *_resolved(plan, self.rare, self.context))
                gates, helpers = self._last[2:]
                ran = self.core.run_rules(plan.core, gates, helpers, position, stop, at_join, self.keep_boilerplate, self.rare)
                position, why, did, flags, rare = ran
                changed |= did
                if rare is not None:
                    self.rare = rare
                for index, group in groupby(flags, key=itemgetter(0)):
                    self._note(rules[index], [(offset, message) for _, offset, message in group])
                if why == _JOINED:
                    return position, changed, True
                if why not in (_PYTHON, _GIVEN_BACK):
                    continue
                rule, back = rules[position], why == _GIVEN_BACK
            position += 1
            if self.apply(rule, back):
                changed = True
                if at_join and rule.name in JOINS:
                    return position, changed, True
        return position, changed, False

    def apply(self, rule: Rule, given_back: bool = False) -> bool:
        """Run one rule; whether it changed the text. ``given_back``: the core has run it
        (``apply_core``) and given it back, so it goes on from there."""
        if not given_back and not rule.gate_open(self.rare):
            return False
        large = len(self.core) > base.LARGE_TEXT
        keep = self.keep_boilerplate and rule.category == BOILERPLATE
        applied = None
        if rule.in_core:
            if large:
                self._let_go()
            if not given_back:
                helpers = rule.core_with(self.rare, self.context) if rule.core_with else {}
                applied = self.core.apply_core(rule.name, keep, **helpers)
            if applied is None and rule.core_then is not None:  # it found something: now with its tables
                applied = self.core.apply_core(rule.name, keep, **rule.core_then(self.context))
        if applied is not None:
            brought, flags = applied
        else:  # a rule written in Python, or one the core gives back here (Run.apply_core)
            starts, ends, texts, kinds = self._found(rule, large)
            if large and 0 in kinds:  # a fix to apply (flags change nothing)
                self._let_go()
            brought, flags = self.core.apply(rule.name, starts, ends, texts, bytes(kinds), keep) if starts else (None, [])
        if flags:
            self._note(rule, flags)
        if large:
            release_freed_memory()
        if brought is None:
            return False
        self.rare = rare_union([self.rare, brought]) if brought else self.rare
        return True

    def _found(self, rule: Rule, large: bool) -> tuple[array[int], array[int], list[str], bytearray]:
        """What a rule written in Python finds, as columns (a rule may find hundreds of thousands
        of places in a huge piece): start, end, the replacement or message, and whether it is a flag.
        A huge text the core lends it: it is held once, as a ``str``, while rules written in Python
        read it one after another, and encoded again when the core needs it."""
        text = self.core.lend() if large else self.core.text
        return self._columns(rule.find(text, self.context))

    @staticmethod
    def _columns(findings: Iterable[Finding]) -> tuple[array[int], array[int], list[str], bytearray]:
        """(A huge piece can have hundreds of thousands of fixes writing a few short texts: each
        short text is held once, not once a fix.)"""
        starts, ends, texts, kinds = array("q"), array("q"), [], bytearray()
        shared: dict[str, str] = {}
        for finding in findings:
            starts.append(finding.start)
            ends.append(finding.end)
            text, kind = (finding.after, 0) if isinstance(finding, Fix) else (finding.message, 1)
            texts.append(shared.setdefault(text, text) if len(text) <= SHARED_TEXT else text)
            kinds.append(kind)
        return starts, ends, texts, kinds

    def _let_go(self) -> None:
        """Drop every ``str`` of a huge text before a rule's fixes make the next version, so that
        no old version stays alive beside the core's two (made again if a rule asks)."""
        forget_large_texts()
        self.core.forget_text()

    def _note(self, rule: Rule, flags: list[tuple[int, str]]) -> None:
        """Note each flag, given as (raw offset, message), unless the rule noted that place before."""
        notes = [Note(rule.name, offset, message) for offset, message in flags if (rule.name, offset) not in self.noted]
        self.notes += notes
        self.noted.update((note.rule, note.offset) for note in notes)


_PYTHON, _GIVEN_BACK, _JOINED = 1, 2, 3  # why ``_core.Run.run_rules`` came back (plan.rs: ``Stop``)


class _Plan(NamedTuple):
    rules: Sequence[Rule]
    core: _core.Plan
    masks: dict[str, int]  # each rare character seen: the rules whose gate it opens, as bits
    ungated: int  # the rules without a gate, as bits
    helped: tuple[int, ...]  # the positions of the rules with helpers (``Rule.core_with``)
    helpers: dict[tuple[int, ...], tuple[tuple[Any, ...], _core.Helpers]]  # see _resolved


def _plan(rules: Sequence[Rule]) -> _Plan:
    """The core's plan of ``rules``, made once for each sequence of rules (a config's, which it
    keeps: :meth:`Config.rules <cutter.config.Config.rules>`)."""
    held = _PLANS.get(id(rules))
    if held is None or held.rules is not rules:
        plan = _core.Plan(
            [r.name for r in rules], [r.in_core for r in rules], [r.category == BOILERPLATE for r in rules],
            [r.name in JOINS for r in rules],
        )  # fmt: skip
        helped = tuple(i for i, r in enumerate(rules) if r.in_core and r.core_with is not None)
        if len(_PLANS) >= _HELD_PLANS:
            _PLANS.clear()
        ungated = sum(1 << i for i, r in enumerate(rules) if r.gate is None)
        held = _PLANS[id(rules)] = _Plan(rules, plan, {}, ungated, helped, {})
    return held


def _resolved(plan: _Plan, rare: str, context: Context) -> tuple[int, _core.Helpers]:
    """For a text with the rare characters ``rare`` in a document of ``context``: the plan's open
    gates, as bits, and its rules' core helpers (:attr:`Rule.core_with <cutter.rules.Rule.core_with>`).

    Nearly every piece has rare characters of its own, so neither is worked out from scratch for
    each. A gate is a pattern over single characters: it is open where one of the text's rare
    characters opens it, and what a character opens is known once it has been seen. The helpers
    are mostly the same objects from piece to piece (the line rules' ``Chrome``, the titles'
    openings): the core's ``Helpers`` is kept for each set of them, known by their ids, and they
    are held with it, so that no other object takes an id while it is kept (the core's copy of
    the openings holds their strings, not the tuple: a title's tuple freed, another's took its id)."""
    rules, masks = plan.rules, plan.masks
    gates = plan.ungated
    for character in rare:
        bits = masks.get(character)
        if bits is None:
            if len(masks) >= _HELD_MASKS:
                masks.clear()
            bits = masks[character] = sum(1 << i for i, r in enumerate(rules) if r.gate is not None and r.gate_open(character))
        gates |= bits
    found = {i: rules[i].core_with(rare, context) for i in plan.helped}  # type: ignore[misc]
    values = tuple(h.get(name) for h in found.values() for name in _HELPER_NAMES)
    key = tuple(map(id, values))
    held = plan.helpers.get(key)
    if held is not None and all(map(operator.is_, held[0], values)):
        return gates, held[1]
    if len(plan.helpers) >= _HELD_HELPERS:
        plan.helpers.clear()
    columns = [[found.get(i, _NO_HELPERS).get(name) for i in range(len(rules))] for name in _HELPER_NAMES]
    helpers = _core.Helpers(*columns)
    plan.helpers[key] = (values, helpers)  # the values held: while kept, no other object has their ids
    return gates, helpers


_NO_HELPERS: dict[str, Any] = {}
_HELPER_NAMES = ("chrome", "fold", "openings")  # what ``_core.Helpers`` carries
_PLANS: dict[int, _Plan] = {}  # by the id of its rules
_HELD_PLANS = 64
_HELD_HELPERS = 4096
_HELD_MASKS = 1 << 16


def release_freed_memory() -> None:
    """Give the memory freed so far back to the system, where the C library can (glibc's
    ``malloc_trim``), after each rule on a huge text: the heap keeps what a rule's temporaries
    (the texts before and after its fixes, a lent ``str``) freed, so without it the process's
    peak is the sum of every rule's largest moment, not the largest of them. A few
    milliseconds a call, and only for texts over ``LARGE_TEXT`` characters."""
    global _TRIM
    if _TRIM is None:
        import ctypes

        try:
            _TRIM = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to call
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None


def layout(text: str) -> str:
    """Paragraphs one per line: blank lines (those ``str.strip`` leaves empty) dropped, no
    leading or trailing newline (cutter_core::normalize::layout).

    >>> layout("\\n甲\\n \\n\\n乙 \\n")
    '甲\\n乙 '
    """
    return _core.layout(text)


def replay(raw: str, edits: Sequence[Edit]) -> str:
    """Apply recorded edits, rule by rule, to the raw body (then the layout step)."""
    return layout(apply_edits(raw, edits))


def apply_edits(raw: str, edits: Sequence[Edit]) -> str:
    """The raw body with its edits applied rule by rule, without the layout step (blank
    lines stay). A run of edits of one rule is one stage: a rule run again after a join is
    always parted from its first run by the join's own edits.

    >>> apply_edits("甲。。。\\n\\n乙", [Edit("ellipsis", 1, 4, "。。。", "……", 1)])
    '甲……\\n\\n乙'
    """
    text, group = raw, []
    for edit in [*edits, None]:
        if group and (edit is None or edit.rule != group[0].rule):
            text = splice(text, [Fix(e.start, e.end, e.after) for e in group])
            group = []
        if edit is not None:
            group.append(edit)
    return text
