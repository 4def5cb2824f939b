"""The markup rules in the compiled core (crates/cutter-core/src/markup.rs) against the Python they
replaced (tests/markup_reference.py): pinyin-ruby's findings (start, end, message) and ruby_spans /
count_ruby, on text built from the pieces the patterns read, on every code point in each place a
character class or the dictionary decides (the base, the letters, the closing parenthesis, the
lost character), and at the length limits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cutter.rules import BY_NAME, Context
from cutter.rules import markup
from cutter.rules.base import Fix, Flag
from tests import markup_reference as reference
from tests.codepoints import every_code_point


def same_ruby(text: str) -> None:
    ruby = markup._ruby()
    assert ruby.spans(text) == reference.ruby_spans(text)
    assert ruby.count(text) == reference.count_ruby(text)
    for page in (None, 0, 1, 2, 3, 40):
        for script in ("simplified", "traditional"):
            assert ruby.findings(text, page, script == "traditional") == reference.pinyin_ruby(text, page, script), (
                page,
                script,
            )


# What the ruby patterns read: bases (readings' characters, others, a lost one, a space, a
# parenthesis), parentheses of both widths, pinyin letters with and without tone marks, ɡ, ü, capitals.
_RUBY_PIECE = st.sampled_from(
    list("寫們的發現時間過會彤瑟明王C1 ?\ufffd(（)）") + ["\ud800", "\U00020000", "\n", "，"]
    + ["(xiě)", "(men)", "(de)", "（fā）", "(xiàn)", "(huì)", "huì)", "(tónɡ)", "(ming)", "(lǜ)", "(nǚ)", "(ḿ)"]
    + ["(XIĚ)", "(xiěxiěxi)", "(xiěxiěx)", "(xiě", "xiě)", "(ké sou)", "(zhuǎn)", "(4)", "(a)", "(ü)"]
    + list("abcdefghijklmnopqrstuvwxyzüɡ") + list(markup.P.TONE_MARKS)
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(_RUBY_PIECE, max_size=40).map("".join))
def test_ruby_reads_alike(text: str) -> None:
    same_ruby(text)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_alike(text: str) -> None:
    same_ruby(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_RUBY_PIECE, max_size=40).map("".join) | st.text(max_size=80))
def test_a_text_without_an_annotation_needs_no_readings(text: str) -> None:
    """The wrappers skip the core (and loading pypinyin's readings) where no annotation stands:
    there the core finds nothing either."""
    if markup._annotated(text):
        return
    ruby = markup._ruby()
    assert ruby.count(text) == 0 and ruby.spans(text) == ([], [])
    for page, traditional in ((None, False), (0, True), (1, False), (5, True)):
        assert ruby.findings(text, page, traditional) == []


def annotated_by_regex(text: str) -> bool:
    """What ``markup._annotated`` answered before the core did: either pattern's search."""
    return markup.RUBY.search(text) is not None or markup.RUBY_AFTER_LOST.search(text) is not None


@settings(max_examples=4000, deadline=None)
@given(st.lists(_RUBY_PIECE, max_size=40).map("".join) | st.text(max_size=80))
def test_annotated_answers_as_the_patterns(text: str) -> None:
    assert markup._annotated(text) is annotated_by_regex(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我們寫(xiě)作文", True), ("(de)在开头", True), ("字（shí）", True), ("猿?huì)有", True),
        ("猿\ufffdhuì）有", True), ("寫(ɡ)", True), ("(abcdefg)", True),
        ("(abcdefgh)", False), ("第(1)条", False), ("C(XIĚ)", False), ("(ké sou)", False), ("?)", False),
        ("(xiě", False), ("xiě)", False), ("", False), ("\ud800(a\ud800)", False),
    ],
)  # fmt: skip
def test_annotated_cases(text: str, expected: bool) -> None:
    assert markup._annotated(text) is expected is annotated_by_regex(text)


@pytest.mark.parametrize("length", [0, 1, 6, 7, 8, 9])
def test_the_length_limit_reads_alike(length: int) -> None:
    for letter in ("a", "ě", "ɡ", "ü"):
        run = letter * length
        for text in (f"寫({run})", f"寫（{run}）", f"?{run})", f"?({run}）", f"\ufffd{run}）", f"(({run}))"):
            same_ruby(text)


def test_every_code_point_reads_alike() -> None:
    """Each place where a code point decides: the base (the dictionary), a letter of the reading
    (the class), the closing parenthesis, the character before a reading whose parenthesis is lost."""
    points = [chr(code) for code in range(0x110000) if code != 0x0A]
    bases = points[:0x30000] + points[0x30000::7]
    for position in ("{}(de)", "{}(xiě)", "{}（shí）", "{}(ā)", "{}huì)"):
        text = "\n".join(position.format(c) for c in bases)
        assert markup.ruby_spans(text) == reference.ruby_spans(text), position
    chosen = every_code_point()
    for position in ("寫(x{}ě)", "寫(xi{})", "的(d{})", "會(hu{})", "?hu{})", "寫(xiě{}", "?huì{}", "寫({}xiě)"):
        text = "\n".join(position.format(c) for c in chosen)
        assert markup.ruby_spans(text) == reference.ruby_spans(text), position
    # the tone marks decide the rule's shortcut and a lost character's reading
    for c in chosen:
        text = f"甲{c}(men)乙"
        assert markup._ruby().findings(text, 5, False) == reference.pinyin_ruby(text, 5, "simplified"), repr(c)


def test_the_rule_gives_fixes_and_flags() -> None:
    rule = BY_NAME["pinyin-ruby"]
    text = "我們寫(xiě)作文，發(fā)現(xiàn)問題，我?(xiě)完了。"
    found = list(rule.find(text, Context(script="traditional")))
    assert found == [Fix(3, 8, ""), Fix(12, 16, ""), Fix(17, 23, ""), Fix(28, 33, "")]
    assert rule.apply(text, Context(script="traditional")) == "我們寫作文，發現問題，我?完了。"
    flagged = list(rule.find("風吹得樹葉瑟(sè)瑟作響。", Context(script="simplified")))
    assert flagged == [Flag(5, 10, "possible pinyin ruby kept, the page has only 1: “瑟(sè)”")]
    assert list(rule.find("他叫小明(ming)，今年十歲。", Context(script="traditional", ruby=9))) == []
    # a traditional page with few readings: one between a character and its repeat is real ruby
    few = Context(script="traditional", ruby=2)
    assert list(rule.find("風吹得樹葉瑟(sè)瑟作響，寫(xiě)字。", few)) == [
        Flag(5, 10, "possible pinyin ruby kept, the page has only 2: “瑟(sè)”"),
        Fix(15, 20, ""),
    ]
    assert list(rule.find("在這一年里(lǐ)，我們學到了很多。", few)) == [Fix(5, 9, "")]
    assert list(rule.find("風吹得樹葉瑟(sè)瑟作響。", Context(script="traditional", ruby=3))) == [Fix(6, 10, "")]


def test_the_splitter_and_the_context_read_ruby_as_before() -> None:
    text = "我們(men)的(de)書(shū)包很新，發(fā)下來(lái)的時候，常?huì)有人"
    assert markup.ruby_spans(text) == reference.ruby_spans(text) == ([(2, 7), (8, 12), (13, 18), (23, 27), (29, 34)], [(40, 44)])
    assert markup.count_ruby(text) == 5
    assert Context.of(text).ruby == 5
    assert markup.title_without_ruby("我們(men)的心得篇一") == "我們的心得篇一"


def test_a_bad_dictionary_is_a_value_error_never_a_crash() -> None:
    from cutter import _core

    ruby = _core.Ruby([(ord("寫"), "xiě,xiè")], ["xiě"])
    assert ruby.spans("寫(xiě)寫(xie)?xiě)") == ([(1, 6)], [(13, 17)])
    with pytest.raises(OverflowError):
        _core.Ruby([(-1, "a")], [])


# --- html: the markup scan ---------------------------------------------------------------------

# What the five markup patterns read, with their near misses: entities, tags in every case and
# quoting (and the regex module's folds İ, ſ, ı, K), fragments after a letter or not, CRLF residue
# before Han or not, the email placeholder, spaces of every kind, format characters, surrogates.
_MARKUP_PIECE = st.sampled_from(
    ["&nbsp;", "&bsp;", "&amp;", "&lt;", "&gt;", "&#160;", "&#x3000;", "&#1;", "&abcdefgh;", "&abcdefghi;", "&#x;"]
    + ["&", ";", "#", "x", "X", "0", "a", "d", "<", ">", "/", "?", "=", "\"", "'", " ", "\t", "\n", "\u3000", "\xa0"]
    + ["<p>", "</p>", "<br/>", "<BR />", "<p class=\"a\">", "<span style='c'>", "<div id=x>", "<img src=a />"]
    + ["<İmg>", "<ſpan>", "<p ı=1>", "<p \u212a=1>", "<b x<i>", "<p\n>", "<p a=\">\">", "<p a='\n'>", "p", "span"]
    + ["strong", "em", "div", "?/p>", "/p>", "p>", "em>", "xp>", "/strong>", "x0dx0a", "X0D", "x0a", "x0A"]
    + ["[email protected]", "[email&#160;protected]", "[email\xa0protected]", "[email", "protected]"]
    + ["甲", "工匠", "，", "\u200b", "\u200e", "\ufeff", "\ud800", "\U00020000", "1"]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(_MARKUP_PIECE, max_size=40).map("".join))
def test_markup_reads_alike(text: str) -> None:
    assert markup._core.markup_clusters(text) == reference.clusters(text)
    assert reference.core_html_fixes(text) == reference.html_fixes(text)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_any_text_has_its_markup_found_alike(text: str) -> None:
    assert markup._core.markup_clusters(text) == reference.clusters(text)


def test_every_code_point_reads_alike_in_markup() -> None:
    """Each place where a code point's class decides: a tag's name and attribute letters (case
    folding), its spaces and values, a fragment's neighbours, the Han after x0a, the email's spaces."""
    points = [chr(code) for code in range(0x110000) if code != 0x0A]
    chosen = points[:0x10000] + points[0x10000::97] + ["\ud800", "\udfff"]
    fill = "甲" * 121  # farther apart than two gaps: one cluster per code point
    for position in (
        "<{}>", "<{}mg>", "<{}pan>", "<p {}=1>", "<p{}a=1>", "<p a={}>", "<p a=\"{}\">", "<p a='{}'>", "<p {}>",
        "{}p>", "p>{}", "{}/p>", "x0a{}", "X0{}", "[email{}protected]", "&{}b;", "&#{}0;", "&#x{}0;",
    ):
        text = fill.join(position.format(c) for c in chosen)
        assert markup._core.markup_clusters(text) == reference.clusters(text), position


@pytest.mark.parametrize(
    "rule, text, given_back",
    [
        ("pinyin-ruby", "我們寫(xiě)作文。", True), ("pinyin-ruby", "第(1)条，C(4)篇。", False),
        ("html", "工匠精神&nbsp;是态度", True), ("html", "a<b", True), ("html", "x0a如今", True),
        ("html", "工匠精神是一种态度。", False), ("html", "[e]mail", False),
    ],
)  # fmt: skip
def test_the_run_looks_where_the_rule_would_act_and_gives_it_back_there(rule: str, text: str, given_back: bool) -> None:
    """In the normalizer's run the core looks for an annotation or a markup hint in its own text:
    none there, the rule is done; else it is given back to Python (``None``), which runs it."""
    from cutter import _core

    applied = _core.Run(text).apply_core(rule, False)
    assert (applied is None) is given_back
    assert applied is None or applied == (None, [])


# What the ruby count's reading of a page removes and keeps: whitespace runs with and without a line
# break (the regex module's \s, not str.isspace's U+001C), format characters, tags of up to 40
# characters, brackets that open none, and what they can join into an annotation.
_NOISE_PIECE = st.sampled_from(
    ["\n", " ", "\t", "\u3000", "\x1c", "\x85", "\u2028", "\u200b", "\ufeff", "\u180e", "\u00ad", "<", ">", "<b>",
     "</p>", "<" + "x" * 39 + ">", "<" + "x" * 40 + ">", "<" + "甲" * 41 + ">", "<<a>", "寫(", "xiě)", "(fā)", "發",
     "瑟 (sè)", "\ud800", "\U00020000", "a", "，"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_NOISE_PIECE, max_size=30).map("".join))
def test_the_page_is_read_for_its_ruby_as_the_python_read_it(text: str) -> None:
    from cutter import _core

    assert _core.without_ruby_noise(text) == reference.without_ruby_noise(text)
    assert markup._ruby().count_page(text) == reference.page_ruby(text)
    assert _core.page_annotated(text) == markup._annotated(reference.without_ruby_noise(text))
    assert markup.page_ruby(text) == reference.page_ruby(text)
    assert markup.page_ruby(_core.Doc(text)) == reference.page_ruby(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_page_is_read_for_its_ruby_as_the_python_read_it(text: str) -> None:
    from cutter import _core

    assert _core.without_ruby_noise(text) == reference.without_ruby_noise(text)
    assert markup.page_ruby(text) == reference.page_ruby(text)

