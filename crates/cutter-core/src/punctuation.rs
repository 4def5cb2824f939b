//! The punctuation rules (`rules/punctuation.py`): ellipsis runs written as the standard `……`
//! ([`ellipsis`]), and half-width `, ; : ! ? ( )` between Chinese characters written full-width
//! ([`fullwidth`]).
//!
//! Each returns its fixes in the order the Python rule yielded them: the span's code-point
//! offsets (as Python's `str` indexes count) and the text that replaces it. The patterns they
//! replaced (`ELLIPSIS`, `ELLIPSIS_CONTEXT` of the rule module, `HALF_PUNCT`, `HALF_PARENS`,
//! `FULL_WIDTH`, `CLAUSE_BREAK` and `QUESTION_CLAUSE`, now in tests/punctuation_reference.py) are written beside the
//! code that reads them below; tests/punctuation_reference.py keeps the Python as the reference.
//! `\p{Han}` is the `regex` module's own (the `HAN` class of [`line_classes`]), and
//! `str.isdigit` is [`DIGITS`] (Python 3.11's Unicode 14); a test through the binding checks
//! both on every code point.

use std::sync::OnceLock;

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{self, Finder, FinderBuilder};
use regex::bytes::Regex;

use crate::tables::{line_classes, Table, HAN};
use crate::text::{count, decode_at, REPLACEMENT};

/// A fix: replace the code points `start..end` with `after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub start: usize,
    pub end: usize,
    pub after: &'static str,
}

/// Code-point offsets of byte offsets that only grow: each is counted from the one before.
struct Offsets<'a> {
    text: &'a [u8],
    byte: usize,
    point: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a [u8]) -> Self {
        Offsets { text, byte: 0, point: 0 }
    }

    fn of(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // never asked for (offsets grow), but exact rather than wrong
            return count(&self.text[..byte]);
        }
        self.point += count(&self.text[self.byte..byte]);
        self.byte = byte;
        self.point
    }
}

// --- doubled-mark -------------------------------------------------------------------------------

const COMMA: &[u8] = "，".as_bytes();
/// The stops a comma before them was doubled onto (`，。`, `，！`, `，？`).
const STOPS: [&str; 3] = ["。", "！", "？"];

/// The doubled-mark rule's fixes: a run of full-width commas that a template doubled (`，，`)
/// keeps its first, and a comma before a full stop, `！` or `？` goes (`，。` → `。`), unless a stop
/// stands before it too (`。，。。` would become an ellipsis's run). Nothing else is touched: `、、`,
/// `。。` (an ellipsis's) and half-width marks (`fullwidth` runs first).
///
/// ```
/// use cutter_core::punctuation::{doubled_marks, Fix};
/// assert_eq!(doubled_marks("校园，，栀子花开，。".as_bytes()), vec![
///     Fix { start: 3, end: 4, after: "" },
///     Fix { start: 8, end: 9, after: "" },
/// ]);
/// assert_eq!(doubled_marks("好，“走吧。”".as_bytes()), vec![]);
/// ```
pub fn doubled_marks(text: &[u8]) -> Vec<Fix> {
    let mut found = Vec::new();
    let mut offsets = Offsets::new(text);
    let (mut at, comma) = (0, memmem::Finder::new(COMMA)); // built once: a text holds hundreds of commas
    while let Some(offset) = comma.find(&text[at..]) {
        let start = at + offset;
        let mut end = start + COMMA.len();
        while text[end..].starts_with(COMMA) {
            end += COMMA.len();
        }
        // a comma between two stops stays: without it they would make a run (`。，。。` an ellipsis's,
        // after the ellipsis rule has run)
        let lone_before_stop = STOPS.iter().any(|stop| text[end..].starts_with(stop.as_bytes()))
            && !STOPS.iter().any(|stop| text[..start].ends_with(stop.as_bytes()));
        let first = if lone_before_stop { start } else { start + COMMA.len() };
        if end > first {
            found.push(Fix { start: offsets.of(first), end: offsets.of(end), after: "" });
        }
        at = end;
    }
    found
}

/// The code point that ends at byte `end` and where it starts.
fn decode_before(text: &[u8], end: usize) -> (u32, usize) {
    let mut start = end - 1;
    while start > 0 && end - start < 4 && text[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    match decode_at(text, start) {
        Some((point, width)) if start + width == end => (point, start),
        _ => (REPLACEMENT, end - 1),
    }
}

fn is_han(table: &Table, point: u32) -> bool {
    table.of(point) & HAN != 0
}

/// The code points for which Python's `str.isdigit` is true (Unicode 14: Numeric_Type Digit
/// or Decimal), as ranges.
pub const DIGITS: &[(u32, u32)] = &[
    (0x30, 0x39), (0xB2, 0xB3), (0xB9, 0xB9), (0x660, 0x669), (0x6F0, 0x6F9), (0x7C0, 0x7C9),
    (0x966, 0x96F), (0x9E6, 0x9EF), (0xA66, 0xA6F), (0xAE6, 0xAEF), (0xB66, 0xB6F), (0xBE6, 0xBEF),
    (0xC66, 0xC6F), (0xCE6, 0xCEF), (0xD66, 0xD6F), (0xDE6, 0xDEF), (0xE50, 0xE59), (0xED0, 0xED9),
    (0xF20, 0xF29), (0x1040, 0x1049), (0x1090, 0x1099), (0x1369, 0x1371), (0x17E0, 0x17E9),
    (0x1810, 0x1819), (0x1946, 0x194F), (0x19D0, 0x19DA), (0x1A80, 0x1A89), (0x1A90, 0x1A99),
    (0x1B50, 0x1B59), (0x1BB0, 0x1BB9), (0x1C40, 0x1C49), (0x1C50, 0x1C59), (0x2070, 0x2070),
    (0x2074, 0x2079), (0x2080, 0x2089), (0x2460, 0x2468), (0x2474, 0x247C), (0x2488, 0x2490),
    (0x24EA, 0x24EA), (0x24F5, 0x24FD), (0x24FF, 0x24FF), (0x2776, 0x277E), (0x2780, 0x2788),
    (0x278A, 0x2792), (0xA620, 0xA629), (0xA8D0, 0xA8D9), (0xA900, 0xA909), (0xA9D0, 0xA9D9),
    (0xA9F0, 0xA9F9), (0xAA50, 0xAA59), (0xABF0, 0xABF9), (0xFF10, 0xFF19), (0x104A0, 0x104A9),
    (0x10A40, 0x10A43), (0x10D30, 0x10D39), (0x10E60, 0x10E68), (0x11052, 0x1105A), (0x11066, 0x1106F),
    (0x110F0, 0x110F9), (0x11136, 0x1113F), (0x111D0, 0x111D9), (0x112F0, 0x112F9), (0x11450, 0x11459),
    (0x114D0, 0x114D9), (0x11650, 0x11659), (0x116C0, 0x116C9), (0x11730, 0x11739), (0x118E0, 0x118E9),
    (0x11950, 0x11959), (0x11C50, 0x11C59), (0x11D50, 0x11D59), (0x11DA0, 0x11DA9), (0x16A60, 0x16A69),
    (0x16AC0, 0x16AC9), (0x16B50, 0x16B59), (0x1D7CE, 0x1D7FF), (0x1E140, 0x1E149), (0x1E2F0, 0x1E2F9),
    (0x1E950, 0x1E959), (0x1F100, 0x1F10A), (0x1FBF0, 0x1FBF9),
];

/// Python's `str.isdigit` of one code point.
pub fn is_digit(point: u32) -> bool {
    if point < 0x80 {
        return point.wrapping_sub(0x30) < 10;
    }
    let at = DIGITS.partition_point(|&(_, last)| last < point);
    DIGITS.get(at).is_some_and(|&(first, _)| first <= point)
}

// --- ellipsis ------------------------------------------------------------------------------

/// `ELLIPSIS` without its closing `(?![A-Za-z])`, which [`ellipsis`] applies itself (the
/// `regex` crate has no lookaround): `_ELLIPSIS_MARK` is `(?:。{3,}|\.{3,}|．{3,}|…+)`.
const ELLIPSIS: &str = r"(?:。{3,}|\.{3,}|．{3,}|…+)(?:[ \t]*(?:。{3,}|\.{3,}|．{3,}|…+))*[ \t]*";

/// What a text must hold for `ELLIPSIS` to match (the rule's own early return).
const ELLIPSIS_GATES: [&str; 4] = ["。。。", "...", "…", "．．．"];

/// `ELLIPSIS_CONTEXT` without its `\p{Han}`: the marks after which a run is Chinese writing,
/// the half-width ones the fullwidth rule may widen too (so that it cannot make this rule act on
/// a second pass).
const ELLIPSIS_CONTEXT: &[char] = &[
    '，', '。', '！', '？', '；', '：', '、', '“', '”', '‘', '’', '（', '）', '《', '》', '【', '】', '「', '」', '『',
    '』', ',', ';', ':', '!', '?', '(', ')',
];

/// A byte's rank in Chinese text for memmem's choice of the two bytes it looks for: the lead
/// and second bytes of the punctuation (`E3 80`, `EF BC`, `E2 80`) are everywhere; a needle's
/// last bytes (`。` ends in 82, `…` in A6) are far rarer.
struct ChineseRank;

impl HeuristicFrequencyRank for ChineseRank {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            0xE2 | 0xE3 | 0xEF | 0x80 | 0xBC => 255,
            0xE4..=0xE9 => 250,
            0x81..=0xBF => 120,
            _ => 60,
        }
    }
}

/// The [`ELLIPSIS_GATES`] as memmem searchers, each looking for its rarest bytes in Chinese.
fn ellipsis_gates() -> &'static [Finder<'static>; 4] {
    static GATES: OnceLock<[Finder<'static>; 4]> = OnceLock::new();
    GATES.get_or_init(|| ELLIPSIS_GATES.map(|gate| FinderBuilder::new().build_forward_with_ranker(ChineseRank, gate)))
}

fn ellipsis_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(ELLIPSIS).expect("the ellipsis pattern compiles (tested)"))
}

/// The marks of `_ELLIPSIS_MARK`: their UTF-8 and how many of them make a mark.
const MARKS: [(&[u8], usize); 4] = [("。".as_bytes(), 3), (b".", 3), ("．".as_bytes(), 3), ("…".as_bytes(), 1)];

/// Where `ELLIPSIS` ends when its greedy match `start..end` stands before an ASCII letter, as
/// the `regex` module's backtracking finds it, or `None` when it does not match at `start`:
/// trailing spaces give one back; else the last mark gives one back when it has one to spare,
/// or is dropped with the spaces before it taken as trailing spaces (the first mark cannot be).
fn backtracked_end(text: &[u8], start: usize, end: usize) -> Option<usize> {
    if matches!(text[end - 1], b' ' | b'\t') {
        return Some(end - 1);
    }
    let (mark, least) = MARKS.iter().copied().find(|(mark, _)| text[start..end].ends_with(mark))?;
    let mut mark_start = end;
    let mut marks = 0;
    while mark_start - start >= mark.len() && text[mark_start - mark.len()..mark_start] == *mark {
        mark_start -= mark.len();
        marks += 1;
    }
    if marks > least {
        Some(end - mark.len())
    } else if mark_start == start {
        None
    } else {
        Some(mark_start)
    }
}

/// The `ellipsis` rule's fixes: each run of `。。。`, `...`, `．．．` or `…` marks (with the spaces
/// between and after them) that is not already `……`, written `……`, when it is Chinese writing.
///
/// ```
/// use cutter_core::punctuation::{ellipsis, Fix};
/// assert_eq!(ellipsis("等一下。。。 好".as_bytes()), vec![Fix { start: 3, end: 7, after: "……" }]);
/// assert_eq!(ellipsis("wait... what?".as_bytes()), vec![]);
/// ```
pub fn ellipsis(text: &[u8]) -> Vec<Fix> {
    let mut found = Vec::new();
    let table = line_classes();
    let mut offsets = Offsets::new(text);
    // a match starts where a gate does: the first gate at or after `at` is where the pattern's
    // leftmost match starts, and the pattern is run from there (a text without one is not read)
    let mut gates: [(&Finder, Option<usize>); 4] = ellipsis_gates().each_ref().map(|finder| (finder, None));
    let mut at = 0;
    loop {
        let mut gate = text.len();
        for (finder, next) in &mut gates {
            if next.is_none_or(|next| next < at) {
                *next = Some(finder.find(&text[at..]).map_or(text.len(), |offset| at + offset));
            }
            gate = gate.min(next.unwrap_or(text.len()));
        }
        if gate == text.len() {
            break;
        }
        let Some(greedy) = ellipsis_pattern().find_at(text, gate) else { break };
        let start = greedy.start();
        let mut end = greedy.end();
        if text.get(end).is_some_and(u8::is_ascii_alphabetic) {
            match backtracked_end(text, start, end) {
                Some(shorter) => end = shorter,
                None => {
                    at = start + if text[start] == b'.' { 1 } else { 3 };
                    continue;
                }
            }
        }
        at = end;
        if let Some(fix) = judge_run(text, start, end, table) {
            found.push(Fix { start: offsets.of(start), end: offsets.of(end), after: fix });
        }
    }
    found
}

/// Whether the run `start..end` (its trailing spaces included) is an ellipsis to write `……`.
fn judge_run(text: &[u8], start: usize, end: usize, table: &Table) -> Option<&'static str> {
    let mut run_end = end;
    while run_end > start && matches!(text[run_end - 1], b' ' | b'\t') {
        run_end -= 1;
    }
    let run = &text[start..run_end];
    if run == "……".as_bytes() {
        return None;
    }
    let before = if start == 0 { u32::from(b'\n') } else { decode_before(text, start).0 };
    let before_han = is_han(table, before);
    let after_chinese =
        before == u32::from(b'\n') || before_han || ELLIPSIS_CONTEXT.iter().any(|&c| c as u32 == before);
    // before a digit only a run after a Chinese character is an ellipsis; between numbers a range
    if decode_at(text, end).is_some_and(|(point, _)| is_digit(point)) && !(after_chinese && before_han) {
        return None;
    }
    let dots = memmem::find_iter(run, "…".as_bytes()).count();
    let chinese_marks =
        memmem::find(run, "。".as_bytes()).is_some() || memmem::find(run, "．".as_bytes()).is_some() || dots >= 2;
    (chinese_marks || after_chinese).then_some("……")
}

// --- fullwidth -----------------------------------------------------------------------------

/// `FULL_WIDTH`: each half-width mark and the full-width one it becomes.
const FULL_WIDTH: [(u8, &str); 7] =
    [(b',', "，"), (b';', "；"), (b':', "："), (b'!', "！"), (b'?', "？"), (b'(', "（"), (b')', "）")];

fn full_width(mark: u8) -> &'static str {
    FULL_WIDTH.iter().find(|(half, _)| *half == mark).map_or("", |(_, full)| full)
}

/// What may follow a widened mark (`HALF_PUNCT`'s lookahead `(?=\p{Han}|[“‘《（(]|$)`, with
/// `$` in MULTILINE mode: the text's end or a newline).
fn may_follow_mark(table: &Table, next: Option<u32>) -> bool {
    match next {
        None => true,
        Some(point) => is_han(table, point) || matches!(char::from_u32(point), Some('\n' | '“' | '‘' | '《' | '（' | '(')),
    }
}

/// How far back a question's clause is read (`QUESTION_REACH`), in code points.
const QUESTION_REACH: usize = 40;

/// `CLAUSE_BREAK`: `[，。！？；：,.!?;:、\n]`.
const CLAUSE_BREAK: &[char] = &['，', '。', '！', '？', '；', '：', ',', '.', '!', '?', ';', ':', '、', '\n'];

/// `QUESTION_CLAUSE`'s single characters; its words are [`QUESTION_WORDS`], and `X不X` (a Han
/// character, one of [`NEGATIONS`], the same character) is the third kind.
const QUESTION_CHARACTERS: &[char] =
    &['吗', '嗎', '呢', '吧', '么', '麼', '嘛', '啊', '呀', '哪', '谁', '誰', '怎', '几', '幾', '何', '岂', '豈', '否'];
const QUESTION_WORDS: [[char; 2]; 3] = [['多', '少'], ['难', '道'], ['難', '道']];
const NEGATIONS: &[char] = &['不', '没', '沒'];

/// Whether the `?` at byte `start`, its match ending at byte `end`, ends a question
/// (`_question_mark`): at a line end or before a quote or bracket it does; before a Chinese
/// character only when its clause (back to a clause break, at most [`QUESTION_REACH`] code points)
/// holds a question word.
fn is_question(text: &[u8], start: usize, end: usize, table: &Table) -> bool {
    match decode_at(text, end) {
        Some((point, _)) if is_han(table, point) => {}
        _ => return true,
    }
    let mut clause = Vec::with_capacity(QUESTION_REACH);
    let mut at = start;
    while at > 0 && clause.len() < QUESTION_REACH {
        let (point, before) = decode_before(text, at);
        if CLAUSE_BREAK.iter().any(|&c| c as u32 == point) {
            break;
        }
        clause.push(point);
        at = before;
    }
    clause.reverse();
    let is = |point: u32, set: &[char]| set.iter().any(|&c| c as u32 == point);
    clause.iter().any(|&point| is(point, QUESTION_CHARACTERS))
        || clause.windows(2).any(|pair| QUESTION_WORDS.iter().any(|word| pair[0] == word[0] as u32 && pair[1] == word[1] as u32))
        || clause.windows(3).any(|three| three[0] == three[2] && is_han(table, three[0]) && is(three[1], NEGATIONS))
}

/// The `fullwidth` rule's fixes: `HALF_PUNCT` (a `, ; : ! ?` after a Chinese character, with
/// at most one space or tab after it, before a Chinese character, an opening quote or bracket,
/// or a line's end; a `?` before a Chinese character only after a question), then `HALF_PARENS`
/// (a pair of `( )` around 1–40 characters on one line, one of them Chinese, no ASCII letter),
/// each parenthesis a fix of its own.
///
/// ```
/// use cutter_core::punctuation::{fullwidth, Fix};
/// assert_eq!(fullwidth("工作, 生活".as_bytes()), vec![Fix { start: 2, end: 4, after: "，" }]);
/// assert_eq!(fullwidth("Hello, world (1)".as_bytes()), vec![]);
/// ```
pub fn fullwidth(text: &[u8]) -> Vec<Fix> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut offsets = Offsets::new(text);
    // the marks are rare in Chinese text: memchr finds them far faster than a loop over the bytes
    let mut marks: Vec<usize> =
        memchr::memchr3_iter(b',', b':', b'?', text).chain(memchr::memchr2_iter(b';', b'!', text)).collect();
    marks.sort_unstable();
    for at in marks {
        let byte = text[at];
        if at == 0 || !is_han(table, decode_before(text, at).0) {
            continue;
        }
        let next = decode_at(text, at + 1).map(|(point, _)| point);
        let end = match next {
            Some(0x20 | 0x09) if may_follow_mark(table, decode_at(text, at + 2).map(|(point, _)| point)) => at + 2,
            Some(0x20 | 0x09) => continue,
            _ if may_follow_mark(table, next) => at + 1,
            _ => continue,
        };
        if byte == b'?' && !is_question(text, at, end, table) {
            continue;
        }
        found.push(Fix { start: offsets.of(at), end: offsets.of(end), after: full_width(byte) });
    }
    let mut offsets = Offsets::new(text);
    for open in memchr::memchr_iter(b'(', text) {
        if let Some(close) = closing_paren(text, open, table) {
            let start = offsets.of(open);
            let end = offsets.of(close + 1);
            found.push(Fix { start, end: start + 1, after: full_width(b'(') });
            found.push(Fix { start: end - 1, end, after: full_width(b')') });
        }
    }
    found
}

/// The longest inside `HALF_PARENS` allows, in code points.
const PARENS_INSIDE: usize = 40;

/// The byte of the `)` that closes the `(` at byte `open` by `HALF_PARENS`
/// (`\((?=[^()\n]{0,40}\p{Han})(?![^()\n]*[A-Za-z])(?P<inner>[^()\n]{1,40})\)`), if any.
fn closing_paren(text: &[u8], open: usize, table: &Table) -> Option<usize> {
    let mut at = open + 1;
    let (mut inside, mut han) = (0, false);
    loop {
        let (point, width) = decode_at(text, at)?;
        match point {
            0x29 => return (inside > 0 && han).then_some(at),
            0x28 | 0x0A => return None,
            _ if inside == PARENS_INSIDE => return None,
            _ if char::from_u32(point).is_some_and(|c| c.is_ascii_alphabetic()) => return None,
            _ => {
                han |= is_han(table, point);
                inside += 1;
                at += width;
            }
        }
    }
}

/// The rules as they read the text before their fast paths: the tests hold the fast ones to them.
#[cfg(test)]
mod reference {
    use super::*;

    /// `ellipsis` running the pattern from each match's end, after four gate searches.
    pub(super) fn ellipsis(text: &[u8]) -> Vec<Fix> {
        let mut found = Vec::new();
        if !ELLIPSIS_GATES.iter().any(|gate| memmem::find(text, gate.as_bytes()).is_some()) {
            return found;
        }
        let table = line_classes();
        let mut offsets = Offsets::new(text);
        let mut at = 0;
        while let Some(greedy) = ellipsis_pattern().find_at(text, at) {
            let start = greedy.start();
            let mut end = greedy.end();
            if text.get(end).is_some_and(u8::is_ascii_alphabetic) {
                match backtracked_end(text, start, end) {
                    Some(shorter) => end = shorter,
                    None => {
                        at = start + if text[start] == b'.' { 1 } else { 3 };
                        continue;
                    }
                }
            }
            at = end;
            if let Some(fix) = judge_run(text, start, end, table) {
                found.push(Fix { start: offsets.of(start), end: offsets.of(end), after: fix });
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spacing::samples;

    /// The marks, runs of them, what stands around them (letters, digits, Han, clause marks,
    /// spaces) and bytes no code point opens.
    const MARK_ALPHABET: &[&[u8]] = &[
        "。".as_bytes(), b".", "．".as_bytes(), "…".as_bytes(), "。。。".as_bytes(), b"...", "……".as_bytes(), b" ",
        b"\t", b"a", b"1", "甲".as_bytes(), "，".as_bytes(), b"\n", b"\xe2\x80", b"\xe3\x80", b"\x82",
    ];

    #[test]
    fn the_fast_ellipsis_reads_as_running_the_pattern_everywhere() {
        for text in samples::every(MARK_ALPHABET, 4).iter().chain(&samples::random(MARK_ALPHABET, 200, 5000, 23)) {
            assert_eq!(ellipsis(text), reference::ellipsis(text), "{:?}", String::from_utf8_lossy(text));
        }
    }

    fn apply(text: &str, found: &[Fix]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for fix in found {
            out.extend(&chars[at..fix.start]);
            out.push_str(fix.after);
            at = fix.end;
        }
        out.extend(&chars[at..]);
        out
    }

    fn sorted(mut found: Vec<Fix>) -> Vec<Fix> {
        found.sort_by_key(|fix| fix.start);
        found
    }

    fn ellipsised(text: &str) -> String {
        apply(text, &ellipsis(text.as_bytes()))
    }

    fn widened(text: &str) -> String {
        apply(text, &sorted(fullwidth(text.as_bytes())))
    }

    #[test]
    fn the_ellipsis_pattern_compiles() {
        ellipsis_pattern();
    }

    #[test]
    fn ellipsis_runs_become_the_standard_one() {
        for (before, after) in [
            ("这都几点了。。。 ”", "这都几点了……”"),
            ("他沉默了……………很久", "他沉默了……很久"),
            ("不能什么都信...", "不能什么都信……"),
            ("等一下．．．好吗", "等一下……好吗"),
            ("3个。。。25个", "3个……25个"),
            ("价。。。 ... …好", "价……好"),
            ("...开头", "……开头"),
        ] {
            assert_eq!(ellipsised(before), after, "{before:?}");
        }
    }

    #[test]
    fn ranges_english_and_the_standard_ellipsis_stay() {
        for kept in ["他沉默了……很久。", "wait... what?", "第1...5章", "1…2", "共1。。。2题", "句号。。两个", "“……”", "a…b"] {
            assert_eq!(ellipsis(kept.as_bytes()), vec![], "{kept:?}");
        }
    }

    #[test]
    fn before_a_letter_the_run_gives_back_as_the_regex_module_backtracks() {
        // the module's (?![A-Za-z]) after a greedy run: a space, a mark to spare, or the last mark
        assert_eq!(ellipsis("好。。。 a".as_bytes()), vec![Fix { start: 1, end: 4, after: "……" }]);
        assert_eq!(ellipsis("好。。。。a".as_bytes()), vec![Fix { start: 1, end: 4, after: "……" }]);
        assert_eq!(ellipsis("好……a".as_bytes()), vec![Fix { start: 1, end: 2, after: "……" }]);
        assert_eq!(ellipsis("好。。。...a".as_bytes()), vec![Fix { start: 1, end: 4, after: "……" }]);
        assert_eq!(ellipsis("好...a".as_bytes()), vec![]);
        assert_eq!(backtracked_end(b"...a", 0, 3), None);
    }

    #[test]
    fn offsets_count_code_points() {
        let found = ellipsis("價a。。。".as_bytes());
        assert_eq!(found, vec![Fix { start: 2, end: 5, after: "……" }]);
        assert_eq!(fullwidth("價值,生活".as_bytes()), vec![Fix { start: 2, end: 3, after: "，" }]);
    }

    #[test]
    fn half_width_marks_between_chinese_become_full_width() {
        for (before, after) in [
            ("大家好!我们学校(华东)的同学,今天", "大家好！我们学校（华东）的同学，今天"),
            ("工作, 生活", "工作，生活"),
            ("你知道吗?", "你知道吗？"),
            ("你去哪?我去学校", "你去哪？我去学校"),
            ("是不是?是", "是不是？是"),
            ("第一:\n第二", "第一：\n第二"),
        ] {
            assert_eq!(widened(before), after, "{before:?}");
        }
    }

    #[test]
    fn english_numbers_codes_and_lost_characters_stay() {
        for kept in
            ["Hello, world", "3:00开始", "(1)第一", "初二(3)班", "我?錯了", "好,  好", "好,a", "(abc中)", "你好吗，我?好", "中,"]
        {
            let expected = if kept == "中," { vec![Fix { start: 1, end: 2, after: "，" }] } else { vec![] };
            assert_eq!(fullwidth(kept.as_bytes()), expected, "{kept:?}");
        }
        let long = format!("({})", "中".repeat(41));
        assert_eq!(fullwidth(long.as_bytes()), vec![]);
        let limit = format!("({})", "中".repeat(40));
        assert_eq!(fullwidth(limit.as_bytes()).len(), 2);
    }

    #[test]
    fn a_question_reads_its_clause_only() {
        // the question word is in the clause before a comma: not this clause
        assert_eq!(fullwidth("好吗，我?好".as_bytes()), vec![]);
        let far = format!("吗{}?好", "中".repeat(QUESTION_REACH));
        assert_eq!(fullwidth(far.as_bytes()), vec![]);
        let near = format!("吗{}?好", "中".repeat(QUESTION_REACH - 1));
        assert_eq!(fullwidth(near.as_bytes()).len(), 1);
    }

    #[test]
    fn digits_are_pythons() {
        assert!(is_digit('7' as u32) && is_digit('²' as u32) && is_digit('①' as u32) && is_digit('９' as u32));
        assert!(!is_digit('a' as u32) && !is_digit('一' as u32) && !is_digit('½' as u32) && !is_digit(0xD800));
        assert!(DIGITS.windows(2).all(|pair| pair[0].1 < pair[1].0));
    }

    /// The rule's table in tests/cases/<rule>.json, the spec the Python tests read too: each
    /// `fix` gives its output, each `keep` finds nothing.
    fn check_cases(rule: &str, find: fn(&[u8]) -> Vec<Fix>) {
        let path = format!("{}/../../tests/cases/{rule}.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        let fixes = table["fix"].as_array().unwrap();
        let keeps = table["keep"].as_array().unwrap();
        assert!(!fixes.is_empty() && !keeps.is_empty());
        for case in fixes {
            let (before, after) = (text(&case[0]), text(&case[1]));
            assert_eq!(apply(&before, &sorted(find(before.as_bytes()))), after, "{rule} fix {before:?}");
        }
        for case in keeps.iter().map(text) {
            assert_eq!(find(case.as_bytes()), vec![], "{rule} keep {case:?}");
        }
    }

    #[test]
    fn the_case_tables_hold() {
        check_cases("ellipsis", ellipsis);
        check_cases("fullwidth", fullwidth);
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        ellipsis(&bytes);
        fullwidth(&bytes);
        for text in [&b"\xed\xa0\x80,\xed\xa0\x80"[..], b"(", b"", b"\xe2\x80", b"...", b"\x80?\x80", b"?", b"(\xe4"] {
            ellipsis(text);
            fullwidth(text);
        }
    }
}
