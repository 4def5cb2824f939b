//! The splitter's line structure: which lines are worth parsing as piece headers
//! (`split.py`). A page has thousands of lines and a few headers; this prefilter passes
//! the short lines shaped like a header and the lines with a digit early on (a header
//! glued to its body), so the header patterns run on few lines.
//!
//! A line is read as the splitter reads it: without the header debris that cleaning
//! removes (`patterns.HEADER_DEBRIS`: HTML entities and tags, format characters, no-break
//! spaces, which read as spaces, and pinyin ruby after a Han character). The debris is
//! found as the `regex` module's `finditer` finds it, left to right, each match resuming
//! where the last ended; only the reading's first [`SHAPED_MAX`]` + 1` code points are
//! needed, so a line is read no further than that.

use std::sync::OnceLock;

use memchr::{memchr, memchr2};

use crate::tables::{line_classes, Table, FORMAT, HAN, LINE_SPACE, NUMERAL, PATTERN_SPACE, TONE};
use crate::text::decode_at;

/// A line longer than this (in code points, read without debris) is no clean header
/// (`MAX_CLEAN_HEADER + 10`).
const SHAPED_MAX: usize = 90;
/// How far into a line a glued header's number may stand (`GLUED_PREFIX`); also how far
/// into a header an early ordinal may stand.
const GLUED_PREFIX: usize = 64;
/// Characters stripped from a line's end before its last character is read.
const HEADER_TAIL: &[char] = &[' ', '\t', '\u{3000}', ')', '）', '】', ']', '〕', '#', '＃', '”', '"', '篇'];
/// Characters a header may open with.
const HEADER_OPENERS: &[char] = &['【', '[', '#', '＃', '★', '☆', '●', '◆', '*', '＊', '“', '"'];
/// Punctuation that cannot stand in a glued header's keyword.
const KEYWORD_BREAK: &[char] = &['。', '！', '？', '!', '?', '，', ',', '；', ';', '、', '：', ':', '“', '”'];
/// What opens and closes a bracketed ordinal: `(一)`, `【篇2】`, `[第3篇]`, `（四）：`.
const ORDINAL_OPENERS: &[char] = &['(', '（', '【', '['];
const ORDINAL_CLOSERS: &[char] = &[')', '）', '】', ']', ':', '：'];

/// The lines of `text` worth parsing as headers, as (start, end) code-point offsets of the
/// line without its newline, in order.
///
/// ```
/// use cutter_core::lines::candidate_lines;
/// let text = "合集(精选2篇)\n\n作文篇一\n甲乙丙丁。\n倡议书1尊敬的各位\n作文篇二&nbsp;<br>";
/// assert_eq!(candidate_lines(text.as_bytes()), vec![(0, 8), (10, 14), (21, 30), (31, 45)]);
/// ```
pub fn candidate_lines(text: &[u8]) -> Vec<(usize, usize)> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut points = [0u32; READ];
    let mut counted = Counted::default();
    let mut at = 0; // in bytes
    loop {
        let end = memchr(b'\n', &text[at..]).map_or(text.len(), |offset| at + offset);
        let line = &text[at..end];
        // most lines are prose that no header shape fits: told by their bytes alone
        if may_be_candidate(line, table) && is_candidate(line, table, &mut points) {
            let start = counted.up_to(text, at);
            found.push((start, start + count(line)));
        }
        if end == text.len() {
            return found;
        }
        at = end + 1;
    }
}

/// How many code points of a reading [`is_candidate`] needs: [`SHAPED_MAX`]` + 1`.
pub(crate) const READ: usize = SHAPED_MAX + 1;

/// Whether `line` (without its newline) is worth parsing as a header: the exact test,
/// on the line's reading. `points`: room for it.
pub(crate) fn is_candidate(line: &[u8], table: &Table, points: &mut [u32; READ]) -> bool {
    if count(line) == 0 {
        return false;
    }
    // a line that reads longer than SHAPED_MAX can only be glued, which its first code points
    // tell: every byte E3–E9 starts a code point of the reading (no debris holds one, but a tag)
    if gated() && memchr(b'<', line).is_none() && cjk_leads(line) > SHAPED_MAX {
        return glued_head(line, table);
    }
    let read = reading(line, table, points);
    let head = &points[..read];
    (read <= SHAPED_MAX && shaped_like_header(head, table)) || may_be_glued(head)
}

/// How many bytes of `line` are E3–E9: each starts a code point of U+3000–U+9FFF (or one read as
/// U+FFFD), CJK punctuation and Han, in steps that compilers vectorize.
fn cjk_leads(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(128);
    let mut total = 0;
    for chunk in &mut chunks {
        let mut leads = 0u8;
        for &byte in chunk {
            leads += u8::from(byte.wrapping_sub(0xE3) < 7);
        }
        total += usize::from(leads);
    }
    total + chunks.remainder().iter().filter(|&&byte| byte.wrapping_sub(0xE3) < 7).count()
}

/// [`may_be_glued`] on a reading of more than [`GLUED_PREFIX`] code points, read no further than
/// it needs: up to its first digit or keyword break.
fn glued_head(line: &[u8], table: &Table) -> bool {
    let mut read = 0;
    let mut glued = false;
    read_each(line, table, |point| {
        if read == GLUED_PREFIX {
            return false;
        }
        if is_digit(point) {
            glued = read >= 2;
            return false;
        }
        read += 1;
        !within(KEYWORD_BREAK, point)
    });
    glued
}

/// Whether the shortcuts of the header scans are taken: always, but in the tests that compare
/// them with the way without them (see [`ungated`]).
#[cfg(not(test))]
#[inline(always)]
pub(crate) const fn gated() -> bool {
    true
}

#[cfg(test)]
thread_local! {
    static UNGATED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
pub(crate) fn gated() -> bool {
    !UNGATED.with(std::cell::Cell::get)
}

/// `work` without the shortcuts of the header scans: every line read, every pattern tried.
#[cfg(test)]
pub(crate) fn ungated<T>(work: impl FnOnce() -> T) -> T {
    UNGATED.with(|flag| flag.set(true));
    let result = work();
    UNGATED.with(|flag| flag.set(false));
    result
}

/// How many code points `bytes` holds, as [`crate::text::count`] counts them (every byte but
/// a continuation byte starts one), in steps that compilers vectorize.
#[inline]
pub(crate) fn count(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(128);
    let mut total = 0;
    for chunk in &mut chunks {
        let mut starts = 0u8;
        for &byte in chunk {
            starts += u8::from(byte as i8 >= -64); // 0x80–0xBF are -128..=-65
        }
        total += usize::from(starts);
    }
    total + chunks.remainder().iter().filter(|&&byte| byte as i8 >= -64).count()
}

/// A running count of code points: how many stand before a byte offset, counted from the
/// last offset asked for (offsets are asked for in order), so that a text is counted once.
#[derive(Default)]
pub(crate) struct Counted {
    byte: usize,
    points: usize,
}

impl Counted {
    /// The code points of `text` before byte `at` (at or after the last offset asked for).
    pub(crate) fn up_to(&mut self, text: &[u8], at: usize) -> usize {
        self.points += count(&text[self.byte..at]);
        self.byte = at;
        self.points
    }
}

// --- the byte-level prefilters ---------------------------------------------------------------
//
// A line can be a candidate, or give a header candidate, only if it holds one of a few code
// points, or a numeral in one of a few places. Both are told from the line's bytes without
// decoding the line: `may_be_candidate` is a necessary condition of `is_candidate`, and
// `lines_giving_headers` passes every line that may give a header candidate or be deferred.
// The tests check both against the exact tests on every short line of an alphabet, and on
// every code point alone and in a few shapes.
//
// `may_be_candidate` triggers the exact test on every code point that may start debris (`&`,
// `<`, `(`, `（`, U+00A0 and the format characters: without them a line's reading is the line
// itself), the digits and full-width digits (a glued header), `[`, `【`, `第` and the colons
// (the shapes); a few lead bytes stand for whole blocks that Chinese prose hardly uses
// (U+0600–U+07FF, U+0800–U+1FFF, plane 1 below U+1E000, planes 14 and 15) and `ED` for lone
// surrogates and U+D000–U+D7FF.

/// What a byte may start, for [`triggered`]: nothing, or each of these.
const NONE: u8 = 0;
const TRIGGER: u8 = 1;
const COLON: u8 = 2;
const LEAD_C2: u8 = 3;
const LEAD_E2: u8 = 4;
const LEAD_E3: u8 = 5;
const LEAD_E7: u8 = 6;
const LEAD_EF: u8 = 7;
const LEAD_F0: u8 = 8;

const BYTE_CLASS: [u8; 256] = {
    let mut classes = [NONE; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = match byte as u8 {
            b'&' | b'<' | b'(' | b'[' | b'0'..=b'9' => TRIGGER,
            0xD8..=0xDC | 0xE0 | 0xE1 | 0xED | 0xF3 => TRIGGER,
            b':' => COLON,
            0xC2 => LEAD_C2,
            0xE2 => LEAD_E2,
            0xE3 => LEAD_E3,
            0xE7 => LEAD_E7,
            0xEF => LEAD_EF,
            0xF0 => LEAD_F0,
            _ => NONE,
        };
        byte += 1;
    }
    classes
};

/// Whether `line` holds a trigger of [`may_be_candidate`] (see above).
fn triggered(line: &[u8]) -> bool {
    let mut from = 0;
    while let Some(offset) = line[from..].iter().position(|&byte| BYTE_CLASS[usize::from(byte)] != NONE) {
        let at = from + offset;
        let next = |ahead: usize| line.get(at + ahead).copied().unwrap_or(0);
        let hit = match BYTE_CLASS[usize::from(line[at])] {
            TRIGGER => true,
            COLON => true,
            LEAD_C2 => matches!(next(1), 0xA0 | 0xAD), // U+00A0, U+00AD
            // U+200B–U+200F, U+202A–U+202E, U+2060–U+206F
            LEAD_E2 => matches!((next(1), next(2)), (0x80, 0x8B..=0x8F | 0xAA..=0xAE) | (0x81, 0xA0..=0xAF)),
            LEAD_E3 => (next(1), next(2)) == (0x80, 0x90), // 【
            // 第
            LEAD_E7 => (next(1), next(2)) == (0xAC, 0xAC),
            // （, ０–９, ：, U+FEFF, U+FFF9–U+FFFB
            LEAD_EF => matches!((next(1), next(2)), (0xBC, 0x88 | 0x90..=0x9A) | (0xBB, 0xBF) | (0xBF, 0xB9..=0xBB)),
            LEAD_F0 => next(1) < 0x9E, // U+10000–U+1DFFF
            _ => false,
        };
        if hit {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Whether [`is_candidate`] may hold for `line`: a trigger, or no debris and at most
/// [`SHAPED_MAX`] code points, and an opener first or a numeral last (see [`shaped_like_header`]).
pub(crate) fn may_be_candidate(line: &[u8], table: &Table) -> bool {
    if triggered(line) {
        return true;
    }
    // without debris the reading is the line, and without digits no glued header
    if count(line) > SHAPED_MAX {
        return false;
    }
    let mut at = 0;
    while let Some((point, width)) = decode_at(line, at) {
        if table.of(point) & LINE_SPACE == 0 {
            if within(HEADER_OPENERS, point) {
                return true;
            }
            break;
        }
        at += width;
    }
    numeral_before(line, line.len(), table)
}

/// Calls `each(start, end)` with the byte range of every line of `text` that may give header
/// candidates or be deferred (`headers::header_candidates`), in order: a line that holds one of
/// the triggers that [`triggers`] tells, or a numeral last with no keyword break before it
/// (past spaces, closing brackets, decoration and format characters: `KW N`, `…篇N`).
///
/// The lines are found with `memchr`, the triggers in two scans of the whole text, each
/// resumed past the line that holds its last hit: the ASCII ones and `ED` by a loop that
/// compilers vectorize, the three-byte ones by the automaton of [`wide_triggers`].
pub(crate) fn lines_giving_headers(text: &[u8], table: &Table, mut each: impl FnMut(usize, usize)) {
    let wide = wide_triggers();
    let mut narrow_at = narrow_trigger(text, 0);
    let mut wide_at = wide.find(text, 0);
    let mut at = 0;
    loop {
        let end = memchr(b'\n', &text[at..]).map_or(text.len(), |offset| at + offset);
        let mut line = Line::new(&text[at..end]);
        let mut hit = false;
        while let Some(byte) = narrow_at.filter(|&byte| byte < end) {
            if line.triggers(byte - at, table) {
                hit = true;
                break;
            }
            narrow_at = narrow_trigger(text, byte + 1);
        }
        while let Some(start) = wide_at.filter(|&start| !hit && start < end) {
            if line.triggers(start - at, table) {
                hit = true;
                break;
            }
            wide_at = wide.find(text, start + 3);
        }
        if hit || (numeral_before(line.bytes, end - at, table) && line.first_break() == end - at) {
            each(at, end);
        }
        if end == text.len() {
            return;
        }
        at = end + 1;
        if narrow_at.is_some_and(|byte| byte < at) {
            narrow_at = narrow_trigger(text, at);
        }
        if wide_at.is_some_and(|start| start < at) {
            wide_at = wide.find(text, at);
        }
    }
}

/// A line as [`lines_giving_headers`] judges its triggers: where its first keyword break and its
/// first bracket break stand, each found when first needed.
struct Line<'a> {
    bytes: &'a [u8],
    first_break: Option<usize>,
    first_bracket_break: Option<usize>,
}

impl<'a> Line<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Line { bytes, first_break: None, first_bracket_break: None }
    }

    /// Where the first keyword break of the line but `。` stands (`！？!?，,；;、：:`), or its end:
    /// `keyword_ok` refuses a keyword that holds one (`normalize_keyword` removes none of them).
    fn first_break(&mut self) -> usize {
        let line = self.bytes;
        *self.first_break.get_or_insert_with(|| first_of(line, &BREAK_LEADS, is_break))
    }

    /// Where the first of what the bracket pattern's keyword may not hold stands (an opening or
    /// closing bracket, a digit, a colon, `。！？，,`), or the line's end.
    fn first_bracket_break(&mut self) -> usize {
        let line = self.bytes;
        *self.first_bracket_break.get_or_insert_with(|| first_of(line, &BRACKET_BREAK_LEADS, is_bracket_break))
    }

    /// Whether the code point at byte `at` (one that [`narrow_trigger`] or [`wide_triggers`]
    /// finds) may make the line give header candidates, or be deferred. Each trigger stands
    /// for what may need it (see `headers.rs`), and none needs a length:
    ///
    /// * `&`, `<` (debris that may join what the rest reads apart), `[`, `【` (`【N】`, `【KW N】`, a
    ///   bracketed numeral), `ED` (a lone surrogate, which may defer the line);
    /// * `(` and `（` before pinyin (ruby, as debris or as a title's annotation: a letter a–z or a
    ///   lead byte C3–C9 or E1, for ü, ɡ and every tone mark), or before a numeral when the
    ///   bracket is the line's first bracket break (a bracketed numeral glued to its body), past
    ///   spaces, format characters, `第` and `篇`;
    /// * a colon after a numeral, past what [`numeral_before`] reads past (`KW N：…`, `…篇N：…`),
    ///   and `篇` after `第` and a numeral (`第N篇`), neither after a keyword break;
    /// * a digit or full-width digit (a glued header) before any keyword break.
    ///
    /// Debris holds no keyword break, but a tag, whose `<` triggers.
    fn triggers(&mut self, at: usize, table: &Table) -> bool {
        let line = self.bytes;
        match line[at] {
            b'&' | b'<' | b'[' | 0xED => true,
            b'(' => self.opens(at + 1, table),
            b':' => self.first_break() == at && numeral_before(line, at, table),
            b'0'..=b'9' => at <= self.first_break(),
            // the wide triggers: 篇 (E7 AF 87), 【 (E3 80 90), （, ：, ０–９ (EF BC 88, 9A, 90–99)
            0xE3 => true,
            0xE7 => at <= self.first_break() && ordinal_before(line, at, table),
            _ => match line[at + 2] {
                0x88 => self.opens(at + 3, table),
                0x9A => self.first_break() == at && numeral_before(line, at, table),
                _ => at <= self.first_break(),
            },
        }
    }

    /// Whether pinyin, or a numeral the bracket that ends before byte `at` may number, follows.
    fn opens(&mut self, mut at: usize, table: &Table) -> bool {
        let open = at - if self.bytes[at - 1] == b'(' { 1 } else { 3 };
        while let Some((point, width)) = decode_at(self.bytes, at) {
            if point.wrapping_sub(0x61) < 26 || matches!(self.bytes[at], 0xC3..=0xC9 | 0xE1) {
                return true;
            }
            let bits = table.of(point);
            if bits & NUMERAL != 0 {
                return self.first_bracket_break() == open;
            }
            if bits & (LINE_SPACE | PATTERN_SPACE | FORMAT) == 0 && point != 0x7B2C && point != 0x7BC7 {
                return false;
            }
            at += width;
        }
        false
    }
}

/// Whether `bytes` open with a keyword break but `。` (see [`Line::first_break`]).
fn is_break(bytes: &[u8]) -> bool {
    match bytes {
        [b'!' | b'?' | b',' | b';' | b':', ..] | [0xE3, 0x80, 0x81, ..] => true,
        [0xEF, 0xBC, third, ..] => matches!(third, 0x81 | 0x9F | 0x8C | 0x9B | 0x9A),
        _ => false,
    }
}

/// Whether `bytes` open with a bracket break (see [`Line::first_bracket_break`]).
fn is_bracket_break(bytes: &[u8]) -> bool {
    match bytes {
        [b'(' | b'[' | b')' | b']' | b'0'..=b':' | b',', ..] => true,
        [0xE3, 0x80, 0x82 | 0x90 | 0x91, ..] => true, // 。【】
        [0xEF, 0xBC, third, ..] => matches!(third, 0x88 | 0x89 | 0x90..=0x9A | 0x81 | 0x9F | 0x8C),
        _ => false,
    }
}

/// A byte table: which bytes are listed.
const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// The first bytes of what [`is_break`] and [`is_bracket_break`] accept (a test checks them).
const BREAK_LEADS: [bool; 256] = byte_set(b"!?,;:\xE3\xEF");
const BRACKET_BREAK_LEADS: [bool; 256] = byte_set(b"([)]0123456789:,\xE3\xEF");

/// Where the first position of `line` whose bytes `found` accepts stands, or the line's end: only
/// where a byte of `leads` (the first bytes `found` accepts) stands is `found` asked.
fn first_of(line: &[u8], leads: &[bool; 256], found: fn(&[u8]) -> bool) -> usize {
    let mut at = 0;
    while let Some(offset) = line[at..].iter().position(|&byte| leads[usize::from(byte)]) {
        at += offset;
        if found(&line[at..]) {
            return at;
        }
        at += 1;
    }
    line.len()
}

/// Whether `第`, a numeral (or more) and spaces stand before byte `end` of `line` (`篇` there
/// then ends `第N篇`), past spaces and format characters.
fn ordinal_before(line: &[u8], end: usize, table: &Table) -> bool {
    let skippable = |point: u32| table.of(point) & (LINE_SPACE | PATTERN_SPACE | FORMAT) != 0;
    let mut end = end;
    let mut numerals = 0;
    while let Some((point, start)) = point_before(line, end) {
        if table.of(point) & NUMERAL != 0 {
            numerals += 1;
        } else if !skippable(point) {
            return numerals > 0 && point == 0x7B2C; // 第
        }
        end = start;
    }
    false
}

/// A byte that may be (or start) a trigger of [`lines_giving_headers`] by itself: `&`, `<`, `(`,
/// `[`, a digit, `:` (then read as a colon), `ED` (a lone surrogate, or U+D000–U+D7FF).
#[inline(always)]
fn is_narrow_trigger(byte: u8) -> bool {
    byte.wrapping_sub(b'0') < 11 || byte == b'&' || byte == b'<' || byte == b'(' || byte == b'[' || byte == 0xED
}

/// The first narrow trigger at or after byte `from`: 32 bytes a step, branch-free within a step.
fn narrow_trigger(text: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = text.get(at..at + 32) {
        let mut any = 0u8;
        for &byte in chunk {
            any |= u8::from(is_narrow_trigger(byte));
        }
        if any != 0 {
            break;
        }
        at += 32;
    }
    text[at..].iter().position(|&byte| is_narrow_trigger(byte)).map(|offset| at + offset)
}

/// The three-byte triggers of [`lines_giving_headers`]: `篇`, `【`, `（`, `：` and `０`–`９`.
const WIDE_TRIGGERS: [&str; 14] = ["篇", "【", "（", "：", "０", "１", "２", "３", "４", "５", "６", "７", "８", "９"];

/// A search for [`WIDE_TRIGGERS`]: the SIMD searcher where the processor has it (about 5 GB/s
/// on Chinese text), else the automaton.
pub(crate) enum WideTriggers {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
}

impl WideTriggers {
    /// Where the first trigger at or after byte `from` starts.
    fn find(&self, text: &[u8], from: usize) -> Option<usize> {
        let span = aho_corasick::Span { start: from, end: text.len() };
        match self {
            WideTriggers::Packed(searcher) => searcher.find_in(text, span).map(|found| found.start()),
            WideTriggers::Automaton(automaton) => {
                automaton.find(aho_corasick::Input::new(text).span(span)).map(|found| found.start())
            }
        }
    }
}

fn wide_triggers() -> &'static WideTriggers {
    static SEARCH: OnceLock<WideTriggers> = OnceLock::new();
    SEARCH.get_or_init(|| {
        let packed = aho_corasick::packed::Config::new().builder().extend(WIDE_TRIGGERS).build();
        packed.map(WideTriggers::Packed).unwrap_or_else(|| {
            let automaton = aho_corasick::AhoCorasick::new(WIDE_TRIGGERS).expect("fourteen short patterns build (tested)");
            WideTriggers::Automaton(automaton)
        })
    })
}

/// What [`numeral_before`] reads past but spaces and format characters: closing brackets,
/// decoration (`patterns.DECORATION`) and the header tail ([`HEADER_TAIL`]). No numeral is one.
#[cfg(test)]
const PAST: &[char] = &[
    ')', '）', '】', ']', '〕', '篇', '#', '＃', '★', '☆', '●', '◆', '■', '□', '▲', '△', '※', '*', '＊', '"', '“', '”', '\'', '‘',
    '’', '「', '」',
];

/// Whether [`PAST`] holds `point` (the list spelled out as a `match`, which `past_is_past` checks).
fn is_past(point: u32) -> bool {
    matches!(
        char::from_u32(point),
        Some(
            ')' | '）' | '】' | ']' | '〕' | '篇' | '#' | '＃' | '★' | '☆' | '●' | '◆' | '■' | '□' | '▲' | '△' | '※' | '*' | '＊' | '"' | '“'
                | '”' | '\'' | '‘' | '’' | '「' | '」'
        )
    )
}

/// Whether a numeral stands before byte `end` of `line`, past what [`PAST`] holds, spaces (of
/// either kind) and format characters.
fn numeral_before(line: &[u8], mut end: usize, table: &Table) -> bool {
    if gated() && ends_in_stop(line, end) {
        return false;
    }
    while let Some((point, start)) = point_before(line, end) {
        let bits = table.of(point);
        if bits & NUMERAL != 0 {
            return true;
        }
        if bits & (LINE_SPACE | PATTERN_SPACE | FORMAT) == 0 && !is_past(point) {
            return false;
        }
        end = start;
    }
    false
}

/// Whether `line` ends before byte `end` in a stop (`。`, `、`, `…`, `！`, `，`, `：`, `；`, `？`), or in
/// one and a closing quote (`”`, `’`): what most lines of prose end in, told by their bytes. A
/// stop is no numeral and nothing [`numeral_before`] reads past, and a closing quote is in [`PAST`]
/// (a test reads them off the table), so [`numeral_before`] then finds no numeral.
#[inline]
fn ends_in_stop(line: &[u8], end: usize) -> bool {
    let last = |end: usize| end.checked_sub(3).map(|start| &line[start..end]);
    let end = if matches!(last(end), Some([0xE2, 0x80, 0x9D | 0x99])) { end - 3 } else { end };
    matches!(last(end), Some([0xE3, 0x80, 0x81 | 0x82] | [0xE2, 0x80, 0xA6] | [0xEF, 0xBC, 0x81 | 0x8C | 0x9A | 0x9B | 0x9F]))
}

/// The code point that ends at byte `end` (which starts a code point, or ends the line) as
/// reading forward decodes it, and where it starts: a stray continuation byte reads as U+FFFD.
fn point_before(line: &[u8], end: usize) -> Option<(u32, usize)> {
    let last = end.checked_sub(1)?;
    let mut start = last;
    while start > 0 && end - start < 4 && line[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    // reading forward stops at every byte that is no continuation byte
    match decode_at(line, start) {
        Some((point, width)) if start + width == end => Some((point, start)),
        _ => Some((crate::text::REPLACEMENT, last)),
    }
}

/// Fills `points` with the start of `line` read without its debris (`split._reading`) and
/// returns how many it holds: all of the reading, or `points.len()` when it is longer.
fn reading(line: &[u8], table: &Table, points: &mut [u32]) -> usize {
    let mut read = 0;
    if !points.is_empty() {
        read_each(line, table, |point| {
            points[read] = point;
            read += 1;
            read < points.len()
        });
    }
    read
}

/// Gives `take` the code points of `line` read without its debris (`split._reading`), in order,
/// until it returns `false`.
#[inline(always)]
fn read_each(line: &[u8], table: &Table, mut take: impl FnMut(u32) -> bool) {
    let mut at = 0;
    let mut after_han = false; // whether the code point before `at` in the line is Han
    while let Some((point, width)) = decode_at(line, at) {
        let debris = match point {
            0x26 => entity(line, at),
            0x3C => tag(line, at, table).map(|end| (end, false)),
            0x28 | 0xFF08 if after_han => ruby(line, at + width, table).map(|end| (end, false)),
            0xA0 => Some((at + width, true)),
            _ if table.of(point) & FORMAT != 0 => Some((at + width, false)),
            _ => None,
        };
        match debris {
            Some((end, space)) => {
                if space && !take(u32::from(b' ')) {
                    return;
                }
                at = end;
                after_han = false; // debris ends in `;`, `>`, `)`, `）`, U+00A0 or a format character
            }
            None => {
                if !take(point) {
                    return;
                }
                after_han = table.of(point) & HAN != 0;
                at += width;
            }
        }
    }
}

/// An entity at `at` (`&amp;`, `&#160;`, `&#x3000;`; `&bsp;` is one too): where it ends,
/// and whether it reads as a space (`&nbsp;`, `&#160;`).
pub(crate) fn entity(line: &[u8], at: usize) -> Option<(usize, bool)> {
    let rest = &line[at + 1..];
    let run = |from: usize, member: fn(&u8) -> bool| rest.iter().skip(from).take(9).take_while(|b| member(b)).count();
    let ends = |from: usize, length: usize, range: std::ops::RangeInclusive<usize>| {
        (range.contains(&length) && rest.get(from + length) == Some(&b';')).then_some(at + 1 + from + length + 1)
    };
    let end = ends(0, run(0, u8::is_ascii_alphabetic), 2..=8).or_else(|| match rest.first() {
        Some(b'#') => ends(1, run(1, u8::is_ascii_digit), 2..=7).or_else(|| match rest.get(1) {
            Some(b'x' | b'X') => ends(2, run(2, u8::is_ascii_hexdigit), 2..=6),
            _ => None,
        }),
        _ => None,
    })?;
    let text = &line[at..end];
    Some((end, text == b"&nbsp;" || text == b"&#160;"))
}

/// A tag at `at` (`<br>`, `</p>`, `<span class="x">`, `<br/>`): where it ends. After its
/// name, `>`, `/>`, or a space (the `regex` module's `\s`) and anything up to the next `>`
/// with no `<` before it.
pub(crate) fn tag(line: &[u8], at: usize, table: &Table) -> Option<usize> {
    let mut i = at + 1;
    if line.get(i) == Some(&b'/') {
        i += 1;
    }
    if !line.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    i += 1;
    while line.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    match line.get(i)? {
        b'>' => return Some(i + 1),
        b'/' => return (line.get(i + 1) == Some(&b'>')).then_some(i + 2),
        _ => {}
    }
    let (point, _) = decode_at(line, i)?;
    if table.of(point) & PATTERN_SPACE == 0 {
        return None;
    }
    let close = i + memchr2(b'<', b'>', &line[i..])?;
    (line[close] == b'>').then_some(close + 1)
}

/// Pinyin ruby after the bracket that ends at `at` (the bracket follows a Han character):
/// one to seven of `a`–`z`, `ü` and the tone marks, one of them a tone mark, then `)` or
/// `）`. Where it ends.
pub(crate) fn ruby(line: &[u8], mut at: usize, table: &Table) -> Option<usize> {
    let mut run = 0;
    let mut toned = false;
    loop {
        let (point, width) = decode_at(line, at)?;
        let tone = table.of(point) & TONE != 0;
        if !(tone || (0x61..=0x7A).contains(&point) || point == 0xFC) {
            let closed = point == 0x29 || point == 0xFF09;
            return ((1..=7).contains(&run) && toned && closed).then_some(at + width);
        }
        run += 1;
        toned |= tone;
        if run > 7 {
            return None;
        }
        at += width;
    }
}

fn within(set: &[char], point: u32) -> bool {
    set.iter().any(|&c| c as u32 == point)
}

fn is_digit(point: u32) -> bool {
    matches!(point, 0x30..=0x39 | 0xFF10..=0xFF19)
}

/// A short line that ends in a numeral (after its tail), opens with a bracket or mark,
/// holds a colon and a numeral, or has an early ordinal: `作文篇一`, `【篇一】…`,
/// `第一篇：…`, `第1篇我的老师`, `范文(一)《题目》`. `line`: all of its code points.
fn shaped_like_header(line: &[u32], table: &Table) -> bool {
    let is_numeral = |point: u32| table.of(point) & NUMERAL != 0;
    let is_space = |point: u32| table.of(point) & LINE_SPACE != 0;
    let mut core = line;
    while let [first, rest @ ..] = core {
        if !is_space(*first) {
            break;
        }
        core = rest;
    }
    while let [rest @ .., last] = core {
        if !is_space(*last) {
            break;
        }
        core = rest;
    }
    while let [rest @ .., last] = core {
        if !within(HEADER_TAIL, *last) {
            break;
        }
        core = rest;
    }
    let (Some(&first), Some(&last)) = (core.first(), core.last()) else { return false };
    is_numeral(last)
        || within(HEADER_OPENERS, first)
        || (core.iter().any(|&p| p == '：' as u32 || p == ':' as u32) && core.iter().any(|&p| is_numeral(p)))
        || early_ordinal(&core[..core.len().min(GLUED_PREFIX)], table)
}

/// `patterns.EARLY_ORDINAL` somewhere in `window`: `第`, a number and `篇` at its start, or
/// an opening bracket, `第` or `篇` maybe, a number, `篇` maybe and a closing bracket or
/// colon, with spaces between any two.
fn early_ordinal(window: &[u32], table: &Table) -> bool {
    let spaces = |mut at: usize| {
        while window.get(at).is_some_and(|&p| table.of(p) & PATTERN_SPACE != 0) {
            at += 1;
        }
        at
    };
    let is_at = |at: usize, c: char| window.get(at) == Some(&(c as u32));
    // a run of digits, or of Chinese numerals, starting at `at`: where it ends
    let number = |at: usize| {
        let first = *window.get(at)?;
        if table.of(first) & NUMERAL == 0 {
            return None;
        }
        let arabic = is_digit(first);
        let mut end = at + 1;
        while window.get(end).is_some_and(|&p| table.of(p) & NUMERAL != 0 && is_digit(p) == arabic) {
            end += 1;
        }
        Some(end)
    };
    if is_at(0, '第') && number(spaces(1)).is_some_and(|end| is_at(spaces(end), '篇')) {
        return true;
    }
    let bracketed = |open: usize| {
        let mut at = spaces(open + 1);
        if is_at(at, '第') || is_at(at, '篇') {
            at += 1;
        }
        let Some(end) = number(spaces(at)) else { return false };
        let mut at = spaces(end);
        if is_at(at, '篇') {
            at += 1;
        }
        window.get(spaces(at)).is_some_and(|&p| within(ORDINAL_CLOSERS, p))
    };
    window.iter().enumerate().any(|(at, &p)| within(ORDINAL_OPENERS, p) && bracketed(at))
}

/// A keyword of two or more characters, with no punctuation, then a digit, within the
/// line's first code points (`head`, at least [`GLUED_PREFIX`] of them when the line has).
fn may_be_glued(head: &[u32]) -> bool {
    let prefix = &head[..head.len().min(GLUED_PREFIX)];
    match prefix.iter().position(|&point| is_digit(point)) {
        Some(digit) if digit >= 2 => !prefix[..digit].iter().any(|&point| within(KEYWORD_BREAK, point)),
        _ => false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let chars: Vec<char> = text.chars().collect();
        candidate_lines(text.as_bytes())
            .into_iter()
            .map(|(start, end)| {
                let byte = |at: usize| chars[..at].iter().map(|c| c.len_utf8()).sum::<usize>();
                &text[byte(start)..byte(end)]
            })
            .collect()
    }

    #[test]
    fn header_shapes_pass() {
        for header in ["作文篇一", "作文 篇1", "作文篇二十）", "【篇一】我的老师", "第一篇：春", "  范文3  ", "#读后感2#"] {
            assert_eq!(lines(header), vec![header], "{header}");
        }
    }

    #[test]
    fn prose_and_blank_lines_do_not() {
        for line in ["", "   ", "我们体会到了工匠精神的价值。", "一、追求卓越", "篇", "））"] {
            assert_eq!(lines(line), Vec::<&str>::new(), "{line:?}");
        }
    }

    #[test]
    fn a_colon_needs_a_numeral() {
        assert_eq!(lines("范文：春天"), Vec::<&str>::new());
        assert_eq!(lines("范文三：春天来了"), vec!["范文三：春天来了"]);
    }

    #[test]
    fn glued_headers_pass_at_any_length() {
        let long = format!("倡议书15社区是我们的家{}", "。".repeat(200));
        assert_eq!(lines(&long), vec![long.as_str()]);
        // punctuation before the digit, or a digit too early or too late, is no glued header
        assert_eq!(lines(&format!("你好，倡议书1{}", "甲".repeat(100))), Vec::<&str>::new());
        assert_eq!(lines(&format!("1倡议书{}", "甲".repeat(100))), Vec::<&str>::new());
        assert_eq!(lines(&format!("{}1{}", "甲".repeat(64), "乙".repeat(40))), Vec::<&str>::new());
        assert_eq!(lines(&format!("{}1{}", "甲".repeat(63), "乙".repeat(40))).len(), 1);
    }

    #[test]
    fn the_length_limit_counts_code_points() {
        let at_limit = format!("{}篇一", "甲".repeat(SHAPED_MAX - 2));
        assert_eq!(lines(&at_limit).len(), 1);
        assert_eq!(lines(&format!("甲{at_limit}")).len(), 0);
    }

    #[test]
    fn strip_uses_python_whitespace() {
        // U+001C is whitespace to Python's str.strip, U+00A0 too; U+3164 is not
        assert_eq!(lines("作文篇一\u{1c}").len(), 1);
        assert_eq!(lines("作文篇一)\u{85}").len(), 1);
        assert_eq!(lines("作文篇一\u{85})").len(), 0);
        assert_eq!(lines("作文篇一\u{3164}").len(), 0);
    }

    #[test]
    fn lines_are_read_without_debris() {
        for header in [
            "作文篇一\u{a0})",
            "作文篇一\u{200b}",
            "作文篇一&nbsp;",
            "作文篇一&#160;&#x3000;",
            "作文篇一<br>",
            "作文篇一</p>",
            "作文篇一<br/>",
            "<span class=\"t\">作文篇一</span>",
            "作文篇(piān)一",
            "作文篇（piān）一",
            "第一篇(piān)我的老师",
        ] {
            assert_eq!(lines(header), vec![header], "{header:?}");
        }
        for prose in [
            "作文篇一&nbsp",           // no `;`: no entity
            "作文篇一&n;",             // one letter is no entity name
            "作文篇一&abcdefghi;",     // nine letters neither
            "作文篇一<甲>",            // a tag name opens with an ASCII letter
            "作文篇一<br class=x",     // never closed
            "作文篇一<br class=<b>x>", // a `<` before its `>`
            "作文篇一<br\u{1c}>",      // U+001C is no space to the regex module
            "作文篇一(zi)",            // no tone mark: no ruby
            "作文篇一(zìzìzìzì)",      // eight letters: no ruby
            "作文篇一 (zì)",           // after a space, not a Han character
        ] {
            assert_eq!(lines(prose), Vec::<&str>::new(), "{prose:?}");
        }
    }

    #[test]
    fn a_no_break_space_reads_as_a_space() {
        // 第 一 篇: spaces between are part of the ordinal; U+00A0 reads as one
        assert_eq!(lines("第\u{a0}一\u{a0}篇我的老师，开始了").len(), 1);
        assert_eq!(lines("第&nbsp;一&#160;篇我的老师，开始了").len(), 1);
        assert_eq!(lines("第&#xa0;一篇我的老师，开始了").len(), 1); // removed, not a space: 第一篇 still
        assert_eq!(lines("第\u{1c}一篇我的老师，开始了").len(), 0); // no space to the regex module
    }

    #[test]
    fn early_ordinals_pass() {
        for header in ["第1篇我的老师，开始了", "第 十二 篇 春天来了。", "范文(一)《题目》很长的正文。", "标题【篇2】正文。", "作文（ 第 三 篇 ）：正文。"]
        {
            assert_eq!(lines(header), vec![header], "{header:?}");
        }
        for prose in ["我第一篇写了很久，累了。", "作文篇一字（zì）", "范文(一个)很长的正文。", "范文(一二正文。", "范文(篇)正文。"] {
            assert_eq!(lines(prose), Vec::<&str>::new(), "{prose:?}");
        }
        // the ordinal's close must stand within the first 64 code points of the line's core
        let near = format!("{}(一)正文。", "甲".repeat(61));
        assert_eq!(lines(&near).len(), 1);
        assert_eq!(lines(&format!("甲{near}")).len(), 0);
    }

    #[test]
    fn the_length_limit_counts_the_reading() {
        let long = format!("{}篇一", "甲".repeat(SHAPED_MAX));
        assert_eq!(lines(&long).len(), 0);
        let read_short = format!("<span style=\"{}\">{}篇一</span>", "x".repeat(200), "甲".repeat(SHAPED_MAX - 2));
        assert_eq!(lines(&read_short).len(), 1);
        let glued = format!("{}倡议书1尊敬的各位{}", "<br>".repeat(100), "甲".repeat(100));
        assert_eq!(lines(&glued).len(), 1);
        // a no-break space reads as a space, so it counts
        assert_eq!(lines(&glued.replace("<br>", "&nbsp;")).len(), 0);
    }

    #[test]
    fn offsets_count_code_points_across_lines() {
        assert_eq!(candidate_lines("甲\n作文篇一\n".as_bytes()), vec![(2, 6)]);
        assert_eq!(candidate_lines(b"\n\n"), vec![]);
        assert_eq!(candidate_lines(b""), vec![]);
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        candidate_lines(&bytes);
        candidate_lines(b"\xed\xa0\x80\xe7\xaf\x87\xe4\xb8\x80");
    }

    // --- the prefilters against the exact tests -------------------------------------------------

    /// `candidate_lines` without its shortcuts: every line read and judged (the code before them).
    pub(crate) fn candidate_lines_reference(text: &[u8]) -> Vec<(usize, usize)> {
        ungated(|| {
            let table = line_classes();
            let mut points = [0u32; READ];
            let mut found = Vec::new();
            let mut start = 0;
            for line in text.split(|&byte| byte == b'\n') {
                let length = crate::text::count(line);
                if is_candidate(line, table, &mut points) {
                    found.push((start, start + length));
                }
                start += length + 1;
            }
            found
        })
    }

    /// The pieces the exhaustive tests build lines of: numerals, the marks and brackets of the
    /// header shapes, keyword breaks, spaces of each kind, format characters, debris (whole and
    /// broken), pinyin, Han, decoration, a lone surrogate, a code point it is read as, and a stray
    /// continuation byte.
    pub(crate) const PIECES: [&[u8]; 40] = [
        "一".as_bytes(), b"2", "３".as_bytes(), "篇".as_bytes(), "第".as_bytes(), b"(", "（".as_bytes(), b")",
        "）".as_bytes(), "【".as_bytes(), "】".as_bytes(), b"[", b"]", b":", "：".as_bytes(), "，".as_bytes(),
        "。".as_bytes(), "、".as_bytes(), b" ", "\u{3000}".as_bytes(), "\u{a0}".as_bytes(), b"\x1c",
        "\u{200b}".as_bytes(), b"&nbsp;", b"&", b"<br>", b"<", "(ā)".as_bytes(), b"a", "ü".as_bytes(),
        "作".as_bytes(), "文".as_bytes(), "★".as_bytes(), "“".as_bytes(), "字".as_bytes(), "〕".as_bytes(),
        b"\xed\xa0\x80", b"\xf3\xb0\x80\x80", b"\x80", "ǎ".as_bytes(),
    ];

    /// A few of them, for longer lines.
    pub(crate) const FEW: [&[u8]; 14] = [
        "一".as_bytes(), b"2", "篇".as_bytes(), "第".as_bytes(), b"(", "）".as_bytes(), "：".as_bytes(),
        "，".as_bytes(), b" ", "\u{200b}".as_bytes(), "作".as_bytes(), "文".as_bytes(), "【".as_bytes(), b"&nbsp;",
    ];

    /// Every line of up to `length` of `pieces`.
    pub(crate) fn every_line(pieces: &[&[u8]], length: usize) -> Vec<Vec<u8>> {
        let mut lines = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..length {
            last = last.iter().flat_map(|line| pieces.iter().map(move |piece| [line.as_slice(), piece].concat())).collect();
            lines.extend(last.iter().cloned());
        }
        lines
    }

    /// `count` random lines of 5 to 16 of `pieces` and prose (seeded: the same every run).
    pub(crate) fn random_lines(pieces: &[&[u8]], count: usize, mut seed: u64) -> Vec<Vec<u8>> {
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let prose: [&[u8]; 4] = ["我们".as_bytes(), "心得体会".as_bytes(), "的价值".as_bytes(), "正文很长".as_bytes()];
        (0..count)
            .map(|_| {
                let length = 5 + (next() % 12) as usize;
                (0..length)
                    .map(|_| if next() % 4 == 0 { prose[(next() % 4) as usize] } else { pieces[(next() % pieces.len() as u64) as usize] })
                    .collect::<Vec<_>>()
                    .concat()
            })
            .collect()
    }

    /// `fast` and `slow` agree on `lines`, joined into texts of many lines (offsets and all); the
    /// first line they read differently is named.
    pub(crate) fn agree<T: PartialEq + std::fmt::Debug>(lines: &[Vec<u8>], fast: impl Fn(&[u8]) -> T, slow: impl Fn(&[u8]) -> T) {
        for chunk in lines.chunks(512) {
            let text = chunk.join(&b'\n');
            if fast(&text) != slow(&text) {
                for line in chunk {
                    assert_eq!(fast(line), slow(line), "{:?}", String::from_utf8_lossy(line));
                }
                assert_eq!(fast(&text), slow(&text), "the lines agree alone, not together");
            }
        }
    }

    #[test]
    fn candidate_lines_read_every_short_line_as_the_exact_test_does() {
        agree(&every_line(&PIECES, 3), candidate_lines, candidate_lines_reference);
        agree(&every_line(&FEW, 4), candidate_lines, candidate_lines_reference);
        agree(&random_lines(&PIECES, 20_000, 13), candidate_lines, candidate_lines_reference);
    }

    /// The code points the code-point tests put in each shape: all of the Basic Multilingual
    /// Plane and, above it, every one of a class the scans read (format characters, spaces,
    /// numerals, tone marks), of U+E0000–U+E0FFF (tags) and U+F0000–U+F0FFF (what a lone
    /// surrogate is read as), and every 64th of the others; `all`: every code point (`cargo test --release --
    /// --ignored`, a minute).
    pub(crate) fn code_points(all: bool) -> Vec<u32> {
        let table = line_classes();
        let classes = FORMAT | LINE_SPACE | PATTERN_SPACE | NUMERAL | TONE;
        (0..0x11_0000u32)
            .filter(|&point| point != 0x0A)
            .filter(|&point| {
                let special = table.of(point) & classes != 0 || matches!(point >> 12, 0xE0 | 0xF0);
                all || point < 0x1_0000 || point % 64 == 0 || special
            })
            .collect()
    }

    /// Each of `points` between each pair of `shapes`.
    pub(crate) fn in_shapes(points: &[u32], shapes: &[(&str, &str)]) -> Vec<Vec<u8>> {
        let mut lines = Vec::new();
        for &point in points {
            let mut bytes = Vec::new();
            crate::text::push_point(&mut bytes, point);
            for (before, after) in shapes {
                lines.push([before.as_bytes(), &bytes, after.as_bytes()].concat());
            }
        }
        lines
    }

    const SHAPES: [(&str, &str); 5] = [("作文", "一"), ("", "作一"), ("作文一", ""), ("范文三", "春天"), ("作", "(一)正文很长")];

    #[test]
    fn candidate_lines_read_code_points_as_the_exact_test_does() {
        agree(&in_shapes(&code_points(false), &SHAPES), candidate_lines, candidate_lines_reference);
    }

    #[test]
    #[ignore = "a minute in a release build: cargo test --release -p cutter-core -- --ignored"]
    fn candidate_lines_read_every_code_point_as_the_exact_test_does() {
        agree(&in_shapes(&code_points(true), &SHAPES), candidate_lines, candidate_lines_reference);
    }

    #[test]
    fn the_shortcut_of_long_lines_reads_as_the_exact_test() {
        // longer than SHAPED_MAX in E3–E9 bytes alone, with digits, breaks and debris early on
        let long = "正".repeat(SHAPED_MAX + 1);
        let heads = ["倡议书1", "作，文1", "1作文", "作1", "作文\u{200b}2", "作文&nbsp;3", "作文(zì)4", "“作文”5", "作文。6"];
        let lines: Vec<Vec<u8>> = heads.iter().map(|head| format!("{head}{long}").into_bytes()).collect();
        agree(&lines, candidate_lines, candidate_lines_reference);
        let glued: Vec<_> = lines.iter().map(|line| !candidate_lines(line).is_empty()).collect();
        assert_eq!(glued, [true, false, false, false, true, true, true, false, false]);
    }

    #[test]
    fn a_stop_ends_what_numeral_before_reads() {
        let table = line_classes();
        for stop in ['。', '、', '…', '！', '，', '：', '；', '？'] {
            let bits = table.of(stop as u32);
            assert!(bits & (NUMERAL | LINE_SPACE | PATTERN_SPACE | FORMAT) == 0 && !is_past(stop as u32), "{stop:?}");
        }
        for quote in ['”', '’'] {
            assert!(is_past(quote as u32) && table.of(quote as u32) & NUMERAL == 0, "{quote:?}");
        }
        // every line of a few pieces (numerals, stops, quotes, spaces, broken bytes) reads as without it
        let pieces: &[&[u8]] = &[
            b"2", "一".as_bytes(), "。".as_bytes(), "”".as_bytes(), "’".as_bytes(), "，".as_bytes(), "…".as_bytes(),
            "：".as_bytes(), b" ", "\u{200b}".as_bytes(), "文".as_bytes(), b"\x80", b"\xe2\x80", b"\xbc\x81", b"\xef",
        ];
        for line in every_line(pieces, 4) {
            for end in (0..=line.len()).filter(|&end| end == line.len() || line[end] & 0xC0 != 0x80) {
                let fast = numeral_before(&line, end, table);
                assert_eq!(fast, ungated(|| numeral_before(&line, end, table)), "{line:?} {end}");
            }
        }
    }

    #[test]
    fn the_break_leads_are_the_first_bytes_the_breaks_accept() {
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                for third in [0x80, 0x81, 0x82, 0x88, 0x89, 0x8C, 0x90, 0x91, 0x95, 0x99, 0x9A, 0x9B, 0x9F, 0xBF, 0x00] {
                    let bytes = [first, second, third];
                    assert!(!is_break(&bytes) || BREAK_LEADS[usize::from(first)], "{bytes:x?}");
                    assert!(!is_bracket_break(&bytes) || BRACKET_BREAK_LEADS[usize::from(first)], "{bytes:x?}");
                }
            }
            assert!(!is_break(&[first]) || BREAK_LEADS[usize::from(first)]);
            assert!(!is_bracket_break(&[first]) || BRACKET_BREAK_LEADS[usize::from(first)]);
        }
    }

    #[test]
    fn past_is_past() {
        for point in 0..0x11_0000u32 {
            assert_eq!(is_past(point), within(PAST, point), "{point:#x}");
        }
        // what the exact tests strip from a line's end is read past
        for &c in HEADER_TAIL.iter().chain(crate::headers::DECORATION).chain([')', '）', '】', ']', '〕'].iter()) {
            let bits = line_classes().of(c as u32);
            assert!(is_past(c as u32) || bits & (LINE_SPACE | PATTERN_SPACE) != 0, "{c:?}");
        }
        assert!((0..0x11_0000u32).all(|point| !(is_past(point) && line_classes().of(point) & NUMERAL != 0)));
    }

    #[test]
    fn counts_are_the_texts() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        for end in (0..bytes.len()).step_by(37) {
            assert_eq!(count(&bytes[..end]), crate::text::count(&bytes[..end]));
        }
        let mut counted = Counted::default();
        assert_eq!((counted.up_to(&bytes, 100), counted.up_to(&bytes, 100), counted.up_to(&bytes, 4000)), (
            crate::text::count(&bytes[..100]),
            crate::text::count(&bytes[..100]),
            crate::text::count(&bytes[..4000])
        ));
    }

    #[test]
    fn the_wide_triggers_build() {
        let wide = wide_triggers();
        let text = "甲篇乙【（：０９".as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(start) = wide.find(text, at) {
            found.push(start);
            at = start + 3;
        }
        assert_eq!(found, [3, 9, 12, 15, 18, 21]);
        let automaton = WideTriggers::Automaton(aho_corasick::AhoCorasick::new(WIDE_TRIGGERS).unwrap());
        assert_eq!(automaton.find(text, 4), Some(9));
    }

}
