//! The paragraph rules (`rules/paragraphs.py`): sentences cut in two by a page break (a
//! blank line, or a line break, in mid-sentence) and by a document viewer's chunk number.
//!
//! * [`page_breaks`] reads the text as segments (lines, with the blank lines between them
//!   folded into their gap, as `LINE_GAP` of tests/paragraphs_reference.py finds gaps) in one pass. A gap after a
//!   sentence end, before no closing mark, keeps its break whatever the paragraphs (it is
//!   *closed*); the others (*open*) come in runs, and only a run's segments are held, while
//!   it lasts. Each open gap is judged on the whole paragraphs on its two sides (runs of
//!   joined segments), and a join can change the paragraph another verdict read, so the
//!   verdicts are repeated, all at once, to a fixed point; only the gaps beside a new join
//!   are judged again, each from sums over its segments and a few characters at its ends.
//! * [`chunk_markers`] finds `2、` at a line start under a line that runs on without a mark.
//!
//! Offsets count code points, as Python's `str` indexes do.

use std::sync::OnceLock;

use memchr::{memchr, memchr2_iter, memchr3, memchr3_iter, memchr_iter, memmem};
use regex::Regex;

use crate::tables::{line_classes, Table, HAN, LINE_SPACE, NUMERAL, PATTERN_SPACE, PUNCT};
use crate::text::{count, decode_at, push_point, REPLACEMENT};

/// A place a rule acts: the span's code-point offsets, and either `None` (a fix that removes
/// the span) or a flag's message (UTF-8, or WTF-8 when it quotes a lone surrogate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub message: Option<Vec<u8>>,
}

impl Finding {
    /// The message as text, for tests (a lone surrogate read as U+FFFD).
    pub fn message_text(&self) -> Option<String> {
        self.message.as_ref().map(|m| String::from_utf8_lossy(m).into_owned())
    }
}

// --- page-break --------------------------------------------------------------------------

/// Marks after which a paragraph may join a mark-led continuation (`patterns.SENTENCE_END`).
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '…'];
/// A paragraph ending in one of these is whole (`patterns.TERMINAL`; read as [`is_terminal`]).
#[cfg(test)]
const TERMINAL: &[char] = &[
    '。', '！', '？', '!', '?', '…', '”', '’', '」', '』', '）', ')', '》', '〉', '】', '：', ':', '；', ';', '~', '～', '.',
    '"', '\'',
];
/// A paragraph opening with one of these continues the one before (`CLOSING_MARKS`; read as
/// [`is_closing_mark`]).
#[cfg(test)]
const CLOSING_MARKS: &[char] =
    &['，', ',', '、', '；', ';', '：', ':', '。', '！', '？', '!', '?', '”', '’', '」', '』', ')', '）'];
/// A paragraph ending in one of these was cut open (`OPEN_CUT_MARKS` of the reference).
const OPEN_CUT_MARKS: &[char] = &['，', ',', '、', '“', '‘', '（', '(', '《', '〈', '【', '「', '『', '—'];
/// A clause mark: a paragraph holding one is prose (`patterns.CLAUSE_PUNCT`).
const CLAUSE_PUNCT: &[char] = &['，', '。', '！', '？', '；', ',', '!', '?', ';'];
/// Where a couplet title's phrases part (`COUPLET_BREAK`, with `\s` after them).
const COUPLET_MARKS: &[char] = &['，', ',', '、', '；', ';'];
const VERSE_LINE: usize = 16;
const TITLE_LINE: usize = 20;
const LONG_UNPUNCTUATED: usize = 40;
/// The longest text `BYLINE_END` matches: a paragraph's end is read this far back.
const BYLINE_REACH: usize = 22;
/// How much of a flagged paragraph's end the message quotes.
const QUOTED: usize = 12;
/// How many code points of a paragraph's start the start-anchored patterns read, at least:
/// more than `SALUTATION` spans (so its `$` cannot match at a cut end), and then on through
/// any run of spaces and numerals (their unbounded parts) and two code points past it.
const PREFIX: usize = 64;

/// The Chinese numerals (`patterns.NUM_CN`, one of them).
const NUM_CN: &str = "[零〇○一壹二两兩贰貳三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰]";

/// The patterns the verdict reads, from `patterns.py`: `\s` is Unicode's White_Space here
/// as in the `regex` module (a test checks every code point).
struct Patterns {
    /// `patterns.HEADING`: `一、`, `（一）`, `1.`, `第二段`, `●`, `结语`…
    heading: Regex,
    /// `patterns.SALUTATION`: `尊敬的各位领导：`, `大家好`.
    salutation: Regex,
    /// the reference's `SIGN_OFF`: `倡议人：`.
    sign_off: Regex,
    /// the reference's `SOURCE_LINE`: `（原载…`.
    source_line: Regex,
    /// the reference's `BYLINE_END`: `——沈鸿` at a paragraph's end.
    byline_end: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |pattern: &str| Regex::new(pattern).expect("the paragraph patterns compile (tested)");
        Patterns {
            heading: compile(&format!(
                r"^(?:{NUM_CN}+[、．.,，]|[(（]\s*(?:{NUM_CN}+|[0-9０-９]+)\s*[)）]|[0-9０-９]+\s*[、.．]|第{NUM_CN}+[段节部分章条点讲]|[①-⑳●•▪◆■]|结语|结论|结束语|前言|引言|尾声|后记|附[:：])"
            )),
            salutation: compile(r"^(?:(?:尊敬的|敬爱的|亲爱的|各位)[^。！？!?]{0,40}[：:，,!！]?$|大家(?:早上|上午|中午|下午|晚上)?好)"),
            sign_off: compile(r"^(?:倡议人|申请人|发言人|演讲人|报告人|署名|作者|指导老师|指导教师|班级|日期)\s*[:：]"),
            source_line: compile(r"^[(（]\s*(?:原载|来源|选自|摘自|本文|作者|转载)"),
            byline_end: compile(r"(?:——|－－|--)[^，。！？,!?]{1,20}$"),
        }
    })
}

/// Whether a paragraph opening with `first` may match `HEADING` (its first characters).
fn may_open_heading(first: char) -> bool {
    NUM_CN.contains(first)
        || matches!(first, '(' | '（' | '0'..='9' | '０'..='９' | '第' | '①'..='⑳' | '●' | '•' | '▪' | '◆' | '■')
        || matches!(first, '结' | '前' | '引' | '尾' | '后' | '附')
}

/// The first characters of `SALUTATION` and of `SIGN_OFF`.
const SALUTATION_OPENS: &[char] = &['尊', '敬', '亲', '各', '大'];
const SIGN_OFF_OPENS: &[char] = &['倡', '申', '发', '演', '报', '署', '作', '指', '班', '日'];

/// The first characters of `SALUTATION`, `SOURCE_LINE` and `SIGN_OFF`, and the byline's dash.
const OPENS_ALONE: &[char] =
    &['尊', '敬', '亲', '各', '大', '(', '（', '倡', '申', '发', '演', '报', '署', '作', '指', '班', '日', '—'];

/// What becomes of a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    Join,
    Unsure,
}

fn within(set: &[char], point: u32) -> bool {
    set.iter().any(|&c| c as u32 == point)
}

/// Python's `str.isspace` (the `LINE_SPACE` class), read without the table: a test holds the
/// two alike on every code point.
#[inline]
fn is_line_space(point: u32) -> bool {
    matches!(point, 0x09..=0x0D | 0x1C..=0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

/// `within(TERMINAL, point)` as one match (a test holds the two alike).
#[inline]
fn is_terminal(point: u32) -> bool {
    matches!(
        char::from_u32(point),
        Some(
            '。' | '！' | '？' | '!' | '?' | '…' | '”' | '’' | '」' | '』' | '）' | ')' | '》' | '〉' | '】' | '：' | ':' | '；' | ';'
                | '~' | '～' | '.' | '"' | '\''
        )
    )
}

/// An ASCII letter (`str.isascii() and str.isalpha()`).
fn is_latin_letter(point: u32) -> bool {
    matches!(point, 0x41..=0x5A | 0x61..=0x7A)
}

/// `within(CLOSING_MARKS, point)` as one match (a test holds the two alike).
#[inline]
fn is_closing_mark(point: u32) -> bool {
    matches!(
        char::from_u32(point),
        Some('，' | ',' | '、' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?' | '”' | '’' | '」' | '』' | ')' | '）')
    )
}

/// A code point as a `char` for the patterns: a lone surrogate as U+FFFF, which no pattern
/// names either (both match only the negated classes).
fn as_char(point: u32) -> char {
    char::from_u32(point).unwrap_or('\u{FFFF}')
}

/// The code point that ends at byte `end` (above `floor`) and where it starts.
fn decode_before(text: &[u8], floor: usize, end: usize) -> (u32, usize) {
    // the bulk of the text, read first: an ASCII byte, a well-formed three-byte sequence
    if text[end - 1] < 0x80 {
        return (u32::from(text[end - 1]), end - 1);
    }
    if end >= floor + 3 {
        if let [lead @ 0xE0..=0xEF, second, third] = text[end - 3..end] {
            let point = u32::from(lead & 0x0F) << 12 | u32::from(second & 0x3F) << 6 | u32::from(third & 0x3F);
            if second & 0xC0 == 0x80 && third & 0xC0 == 0x80 && point >= 0x800 {
                return (point, end - 3);
            }
        }
    }
    let mut start = end - 1;
    while start > floor && end - start < 4 && text[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    match decode_at(text, start) {
        Some((point, width)) if start + width == end => (point, start),
        _ => (REPLACEMENT, end - 1),
    }
}

/// One line of the text between two gaps, without its newline.
#[derive(Clone, Debug, Default)]
struct Segment {
    /// Byte offsets of the line, and of its ink (the line without the spaces `str.strip`
    /// removes at its ends).
    start: usize,
    end: usize,
    ink_start: usize,
    ink_end: usize,
    /// Its length in code points, and the spaces before and after its ink.
    chars: usize,
    lead: usize,
    trail: usize,
    /// Its first and last ink, when it has ink.
    first: Option<u32>,
    last: Option<u32>,
    /// Whether its ink ends in a watermark, `的.` or `的'` ([`Segment::ends_whole`]).
    watermarked: bool,
}

impl Segment {
    /// Whether its ink ends the paragraph (`paragraphs_reference.ends_whole`): in a `TERMINAL`
    /// mark, but for a watermark's `.` or `'` after 的, which the watermark rule removes once a
    /// join brings the next word, so the break is judged as if the mark were not there.
    fn ends_whole(&self) -> bool {
        self.last.is_some_and(is_terminal) && !self.watermarked
    }

    /// Set [`Segment::watermarked`] from the ink before its last, which ends at byte `before`.
    fn mark_watermark(&mut self, text: &[u8], before: usize) {
        self.watermarked = matches!(self.last, Some(0x2E | 0x27))
            && before > self.ink_start
            && decode_before(text, self.ink_start, before).0 == u32::from('的');
    }

    fn read(text: &[u8], start: usize, end: usize) -> Segment {
        Segment { chars: count(&text[start..end]), ..Segment::ink(text, start, end) }
    }

    /// [`Segment::read`] but for its length (left 0): its ink and the spaces around it alone.
    fn ink(text: &[u8], start: usize, end: usize) -> Segment {
        let mut segment = Segment { start, end, ink_start: end, ink_end: end, ..Default::default() };
        let mut at = start;
        while let Some((point, width)) = decode_at(&text[..end], at) {
            if !is_line_space(point) {
                segment.first = Some(point);
                break;
            }
            segment.lead += 1;
            at += width;
        }
        segment.ink_start = at;
        let mut at = end;
        while at > segment.ink_start {
            let (point, before) = decode_before(text, segment.ink_start, at);
            if !is_line_space(point) {
                segment.last = Some(point);
                segment.mark_watermark(text, before);
                break;
            }
            segment.trail += 1;
            at = before;
        }
        segment.ink_end = at;
        segment
    }
}

/// Where the gap that starts at the newline at byte `newline` ends: after the newline and
/// every line after it that holds only spaces (`str.isspace`) and its newline.
fn gap_end(text: &[u8], newline: usize) -> usize {
    let mut end = newline + 1;
    let mut at = end;
    while let Some((point, width)) = decode_at(text, at) {
        if point == u32::from(b'\n') {
            at += 1;
            end = at;
        } else if is_line_space(point) {
            at += width;
        } else {
            break;
        }
    }
    end
}

/// The sums over a run's segments that a verdict reads, one entry per segment and one more.
#[derive(Default)]
struct Sums {
    chars: Vec<usize>,
    opening_quotes: Vec<usize>,
    closing_quotes: Vec<usize>,
    clause_marks: Vec<usize>,
}

/// What solving a run works in, kept from run to run (a page holds thousands of short runs).
#[derive(Default)]
struct Scratch {
    /// Each paragraph's first segment, read at its last; its last segment, read at its first.
    first_of: Vec<usize>,
    last_of: Vec<usize>,
    joined: Vec<bool>,
    verdicts: Vec<Verdict>,
    dirty: Vec<usize>,
    new: Vec<usize>,
    starts: Vec<usize>,
    /// A paragraph's start or end as the patterns read it.
    text: String,
    /// A paragraph's last code points.
    points: Vec<u32>,
}

/// A run of open gaps: its segments (one more than its gaps) and its gaps' code-point spans.
struct Run<'t> {
    text: &'t [u8],
    table: &'t Table,
    segments: Vec<Segment>,
    gaps: Vec<(usize, usize)>,
    sums: Sums,
    scratch: Scratch,
}

impl<'t> Run<'t> {
    fn new(text: &'t [u8], table: &'t Table) -> Self {
        Run { text, table, segments: Vec::new(), gaps: Vec::new(), sums: Sums::default(), scratch: Scratch::default() }
    }
}

impl<'t> Run<'t> {
    /// A paragraph's length in code points, stripped: segments `a..=b` joined.
    fn length(&self, a: usize, b: usize) -> usize {
        self.sums.chars[b + 1] - self.sums.chars[a] - self.segments[a].lead - self.segments[b].trail
    }

    fn sum(&self, of: &[usize], a: usize, b: usize) -> usize {
        of[b + 1] - of[a]
    }

    /// The byte ranges of paragraph `a..=b`, stripped, segment by segment.
    fn pieces(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = (usize, usize)> + '_ {
        (a..=b).map(move |s| {
            let segment = &self.segments[s];
            (if s == a { segment.ink_start } else { segment.start }, if s == b { segment.ink_end } else { segment.end })
        })
    }

    /// The start of paragraph `a..=b`, stripped: at least [`PREFIX`] code points (all, when it
    /// is shorter), on through a run of spaces and numerals, and two more.
    fn prefix(&self, a: usize, b: usize, out: &mut String) {
        out.clear();
        let mut taken = 0;
        let mut past = None; // code points taken after the run that follows the first PREFIX
        for (start, end) in self.pieces(a, b) {
            let mut at = start;
            while let Some((point, width)) = decode_at(&self.text[..end], at) {
                if taken >= PREFIX {
                    match past {
                        None if self.table.of(point) & (PATTERN_SPACE | LINE_SPACE | NUMERAL) != 0 => {}
                        None => past = Some(0),
                        Some(_) => {}
                    }
                    if let Some(n) = past.as_mut() {
                        if *n == 2 {
                            return;
                        }
                        *n += 1;
                    }
                }
                out.push(as_char(point));
                taken += 1;
                at += width;
            }
        }
    }

    /// The last `want` code points of the segments `a..=b` joined, stripped.
    fn tail(&self, a: usize, b: usize, want: usize, points: &mut Vec<u32>) {
        points.clear();
        for (start, end) in self.pieces(a, b).rev() {
            let mut at = end;
            while at > start && points.len() < want {
                let (point, before) = decode_before(self.text, start, at);
                points.push(point);
                at = before;
            }
            if points.len() == want {
                break;
            }
        }
        points.reverse();
    }

    /// `paragraphs.judge`: the verdict on gap `i` between paragraphs `a..=i` and `i+1..=b`.
    fn judge(&self, a: usize, i: usize, b: usize, text: &mut String, points: &mut Vec<u32>) -> Verdict {
        let (Some(last), Some(first)) = (self.segments[i].last, self.segments[i + 1].first) else {
            return Verdict::Keep;
        };
        let (before_length, after_length) = (self.length(a, i), self.length(i + 1, b));
        if is_closing_mark(first) && !within(SENTENCE_END, last) {
            return Verdict::Join;
        }
        if self.segments[i].ends_whole() || self.stands_alone(i + 1, b, after_length, text) {
            return Verdict::Keep;
        }
        let opens_heading = self.segments[a].first.is_some_and(|first| may_open_heading(as_char(first)));
        if before_length <= TITLE_LINE || opens_heading {
            self.prefix(a, i, text);
            if before_length <= TITLE_LINE && is_couplet_title(text, self.table) {
                return if after_length > VERSE_LINE { Verdict::Keep } else { Verdict::Unsure };
            }
            if opens_heading && patterns().heading.is_match(text) {
                return Verdict::Keep;
            }
        }
        // the last BYLINE_REACH code points lie in the last four times as many bytes: without a
        // dash's last byte there (— is E2 80 94, － EF BC 8D), none of them is a dash
        let (mut reach, mut dash_near) = (4 * BYLINE_REACH, false);
        for (start, end) in self.pieces(a, i).rev() {
            let window = &self.text[end - reach.min(end - start)..end];
            dash_near = memchr3(b'-', 0x94, 0x8D, window).is_some();
            reach -= window.len();
            if dash_near || reach == 0 {
                break;
            }
        }
        if dash_near {
            self.tail(a, i, BYLINE_REACH, points);
        }
        if dash_near && points.iter().any(|&point| matches!(as_char(point), '—' | '－' | '-')) {
            text.clear();
            text.extend(points.iter().map(|&point| as_char(point)));
            if patterns().byline_end.is_match(text) {
                return Verdict::Keep;
            }
        }
        // a URL or an English word at the end (`…read.html` + `我回家后`), joined, runs on: only flagged
        let join = if is_latin_letter(last) { Verdict::Unsure } else { Verdict::Join };
        let sums = &self.sums;
        if within(OPEN_CUT_MARKS, last) || self.sum(&sums.opening_quotes, a, i) > self.sum(&sums.closing_quotes, a, i) {
            return join;
        }
        if self.sum(&sums.clause_marks, a, i) > 0 {
            let short = before_length <= VERSE_LINE && after_length <= VERSE_LINE;
            return if short { Verdict::Unsure } else { join };
        }
        if before_length >= LONG_UNPUNCTUATED {
            Verdict::Unsure
        } else {
            Verdict::Keep
        }
    }

    /// `paragraphs._stands_alone`: a paragraph that opens as a heading, salutation, source line
    /// or sign-off does, or a short one without punctuation.
    fn stands_alone(&self, a: usize, b: usize, length: usize, start: &mut String) -> bool {
        let Some(first) = self.segments[a].first else { return false };
        let first = as_char(first);
        let short = length <= TITLE_LINE;
        if !(short || may_open_heading(first) || OPENS_ALONE.contains(&first) || first == '-') {
            return false;
        }
        self.prefix(a, b, start);
        let p = patterns();
        // each pattern is anchored at the start: one whose first characters it cannot open is not run
        (may_open_heading(first) && p.heading.is_match(start))
            || (SALUTATION_OPENS.contains(&first) && p.salutation.is_match(start))
            || (matches!(first, '(' | '（') && p.source_line.is_match(start))
            || (SIGN_OFF_OPENS.contains(&first) && p.sign_off.is_match(start))
            || start.starts_with("——")
            || start.starts_with("--")
            || (short && !start.chars().any(|c| self.table.of(c as u32) & PUNCT != 0))
    }

    fn add_sums(&mut self) {
        let mut sums = std::mem::take(&mut self.sums);
        for of in [&mut sums.chars, &mut sums.opening_quotes, &mut sums.closing_quotes, &mut sums.clause_marks] {
            of.clear();
            of.push(0);
        }
        for segment in &self.segments {
            let (mut opening, mut closing) = (0, 0);
            // lead bytes (never continuation bytes): a match is always at a code point's start
            let line = &self.text[segment.ink_start..segment.ink_end];
            let mut clause = memchr2_iter(b',', b'!', line).count() + memchr2_iter(b'?', b';', line).count();
            for at in memchr3_iter(0xE2, 0xE3, 0xEF, line) {
                let next = |offset: usize| line.get(at + offset).copied();
                match line[at] {
                    0xE2 if next(1) == Some(0x80) => match next(2) {
                        Some(0x9C) => opening += 1, // “
                        Some(0x9D) => closing += 1, // ”
                        _ => {}
                    },
                    0xE3 if next(1) == Some(0x80) && next(2) == Some(0x82) => clause += 1, // 。
                    0xEF if next(1) == Some(0xBC) && matches!(next(2), Some(0x8C | 0x81 | 0x9F | 0x9B)) => {
                        clause += 1 // ，！？；
                    }
                    _ => {}
                }
            }
            let push = |of: &mut Vec<usize>, n: usize| of.push(of[of.len() - 1] + n);
            push(&mut sums.chars, segment.chars);
            push(&mut sums.opening_quotes, opening);
            push(&mut sums.closing_quotes, closing);
            push(&mut sums.clause_marks, clause);
        }
        self.sums = sums;
    }

    /// The fixed point of the verdicts, as findings: a fix for each joined gap, a flag for each
    /// unsure one, in order.
    fn solve(&mut self, found: &mut Vec<Finding>) {
        if self.gaps.is_empty() {
            return;
        }
        self.add_sums();
        let n = self.segments.len();
        let mut scratch = std::mem::take(&mut self.scratch);
        let Scratch { first_of, last_of, joined, verdicts, dirty, new, starts, text, points } = &mut scratch;
        first_of.clear();
        first_of.extend(0..n);
        last_of.clear();
        last_of.extend(0..n);
        joined.clear();
        joined.resize(self.gaps.len(), false);
        verdicts.clear();
        verdicts.resize(self.gaps.len(), Verdict::Keep);
        dirty.clear();
        dirty.extend(0..self.gaps.len());
        loop {
            new.clear();
            for &i in dirty.iter() {
                verdicts[i] = self.judge(first_of[i], i, last_of[i + 1], text, points);
                if verdicts[i] == Verdict::Join {
                    new.push(i);
                }
            }
            if new.is_empty() {
                break;
            }
            // merge in order, so each new join's paragraph start is final once it is merged
            starts.clear();
            for &i in new.iter() {
                joined[i] = true;
                let (a, b) = (first_of[i], last_of[i + 1]);
                last_of[a] = b;
                first_of[b] = a;
                starts.push(a);
            }
            dirty.clear();
            for &a in starts.iter() {
                if a > 0 {
                    dirty.push(a - 1);
                }
                if last_of[a] < n - 1 {
                    dirty.push(last_of[a]);
                }
            }
            dirty.sort_unstable();
            dirty.dedup();
        }
        for (i, &(start, end)) in self.gaps.iter().enumerate() {
            if joined[i] {
                found.push(Finding { start, end, message: None });
            } else if verdicts[i] == Verdict::Unsure {
                let segment = &self.segments[i];
                let mut message = "possible page-break cut after “".as_bytes().to_vec();
                let mut at = segment.ink_end;
                let mut points = Vec::new();
                while at > segment.ink_start && points.len() < QUOTED {
                    let (point, before) = decode_before(self.text, segment.ink_start, at);
                    points.push(point);
                    at = before;
                }
                for &point in points.iter().rev() {
                    push_point(&mut message, point);
                }
                message.extend_from_slice("”".as_bytes());
                found.push(Finding { start, end, message: Some(message) });
            }
        }
        self.scratch = scratch;
    }
}

/// `paragraphs._is_couplet_title`: two to four phrases of two to eight Han characters, all of
/// one length, parted by a clause mark or spaces (`春风化雨，润物无声`).
fn is_couplet_title(line: &str, table: &Table) -> bool {
    let space = |c: char| table.of(c as u32) & PATTERN_SPACE != 0;
    // each phrase as it ends: how many there are, the first one's length, and whether all fit
    let (mut parts, mut first_length, mut fit) = (0, 0, true);
    let mut end_part = |length: usize, han: bool| {
        if parts == 0 {
            first_length = length;
        }
        fit &= han && (2..=8).contains(&length) && length == first_length;
        parts += 1;
    };
    let (mut length, mut han) = (0, true);
    let mut points = line.chars().peekable();
    while let Some(c) = points.next() {
        if COUPLET_MARKS.contains(&c) || space(c) {
            end_part(length, han);
            (length, han) = (0, true);
            while points.next_if(|&c| space(c)).is_some() {}
        } else {
            length += 1;
            han &= table.of(c as u32) & HAN != 0;
        }
    }
    end_part(length, han);
    (2..=4).contains(&parts) && fit
}

/// The page-break rule's findings over `text`: a fix (removing the gap) for each gap that
/// cuts a sentence, a flag for each that may.
///
/// ```
/// use cutter_core::paragraphs::page_breaks;
/// let found = page_breaks("总理提到，要“鼓励企业\n\n开展个性化定制。".as_bytes());
/// assert_eq!((found[0].start, found[0].end, found[0].message.is_none()), (11, 13, true));
/// assert!(page_breaks("一、追求卓越\n\n作为一名设计师，我需要不断挑战自己。".as_bytes()).is_empty());
/// ```
pub fn page_breaks(text: &[u8]) -> Vec<Finding> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut run = Run::new(text, table);
    // Most gaps are closed: a run (its segments read whole, its gaps' offsets counted) is held
    // only from its first open gap on; until then the segment before the gap is read for its ink
    // alone, and the code points are counted only up to each gap a run holds.
    let mut counted = (0, 0); // a byte offset and the code points before it
    let mut previous = Segment::default(); // the segment before the gap, while no run is held
    let mut at = 0; // bytes
    let mut gap: Option<(usize, usize)> = None; // the gap before the segment at `at`, in bytes
    loop {
        let end = memchr(b'\n', &text[at..]).map_or(text.len(), |offset| at + offset);
        let segment = Segment::ink(text, at, end);
        if let Some((gap_start, gap_end)) = gap {
            let before = run.segments.last().unwrap_or(&previous);
            let open = match (before.last, segment.first) {
                (Some(_), Some(first)) => !before.ends_whole() || is_closing_mark(first),
                _ => false,
            };
            if open {
                if run.segments.is_empty() {
                    run.segments.push(Segment::read(text, previous.start, previous.end));
                }
                counted = (gap_start, counted.1 + count(&text[counted.0..gap_start]));
                run.gaps.push((counted.1, counted.1 + count(&text[gap_start..gap_end])));
                run.segments.push(Segment { chars: count(&text[at..end]), ..segment });
            } else {
                run.solve(&mut found);
                run.segments.clear();
                run.gaps.clear();
                previous = segment;
            }
        } else {
            previous = segment;
        }
        if end == text.len() {
            break;
        }
        gap = Some((end, gap_end(text, end)));
        at = gap.map_or(end, |(_, after)| after);
    }
    run.solve(&mut found);
    found
}

// --- chunk-marker ------------------------------------------------------------------------

/// A line this long above a chunk number is a chunk of prose (`CHUNK_LINE`).
const CHUNK_LINE: usize = 60;
const ENUMERATION_COMMA: &[u8] = "、".as_bytes();

/// `[0-9]{1,3}、` at `at`: where it ends.
fn list_number(text: &[u8], at: usize) -> Option<usize> {
    let digits = text[at..].iter().take(3).take_while(|b| b.is_ascii_digit()).count();
    (digits > 0 && text[at + digits..].starts_with(ENUMERATION_COMMA)).then_some(at + digits + ENUMERATION_COMMA.len())
}

/// Past the spaces and tabs from `at`.
fn past_blanks(text: &[u8], mut at: usize) -> usize {
    while matches!(text.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// The chunk-marker rule's findings over `text` (`CHUNK_MARKER` and what follows it): a fix
/// removing each chunk number under a long line of prose (and then the first chunk's `1、`
/// when its line is as long), a flag for one under a shorter line that is no list item.
///
/// ```
/// use cutter_core::paragraphs::chunk_markers;
/// let text = format!("{}，企业内部拥\n3、有多少知识储备。", "甲".repeat(60));
/// let found = chunk_markers(text.as_bytes());
/// assert_eq!((found[0].start, found[0].end, found[0].message.is_none()), (66, 69, true));
/// ```
pub fn chunk_markers(text: &[u8]) -> Vec<Finding> {
    let mut found = Vec::new();
    if memmem::find(text, ENUMERATION_COMMA).is_none() {
        return found;
    }
    let table = line_classes();
    let mut cut = false;
    let mut line_start = 0;
    let mut counted = (0, 0); // a byte offset and the code points before it
    for newline in memchr_iter(b'\n', text) {
        let line = (line_start, newline);
        line_start = newline + 1;
        if newline == line.0 {
            continue;
        }
        // the number after the line first, a few bytes to read: most lines have none
        let mut at = newline + 1;
        let number_at = loop {
            let blanks = past_blanks(text, at);
            if text.get(blanks) == Some(&b'\n') {
                at = blanks + 1;
            } else {
                break blanks;
            }
        };
        let Some(number_end) = list_number(text, number_at) else { continue };
        let (before, _) = decode_before(text, line.0, newline);
        if !(before < 0x80 && (before as u8).is_ascii_alphanumeric()) && table.of(before) & HAN == 0 {
            continue;
        }
        counted = (newline, counted.1 + count(&text[counted.0..newline]));
        let start = counted.1;
        let mut end = number_end;
        loop {
            let blanks = past_blanks(text, end);
            if text.get(blanks) == Some(&b'\n') {
                end = blanks + 1;
            } else {
                break;
            }
        }
        let number = &text[number_at..number_end - ENUMERATION_COMMA.len()];
        if number == b"1" && end == number_end {
            continue; // a chunk cut is never the first
        }
        let span_end = start + count(&text[newline..end]);
        let (ink_start, ink_end) = strip(text, line.0, line.1);
        let ink = &text[ink_start..ink_end];
        let has_clause_mark = {
            let mut at = 0;
            let mut any = false;
            while let Some((point, width)) = decode_at(ink, at) {
                if within(CLAUSE_PUNCT, point) {
                    any = true;
                    break;
                }
                at += width;
            }
            any
        };
        if count(ink) >= CHUNK_LINE && has_clause_mark {
            cut = true;
            found.push(Finding { start, end: span_end, message: None });
        } else if list_number(ink, 0).is_none() {
            let mut message = "possible doc-viewer chunk number “".as_bytes().to_vec();
            message.extend_from_slice(number);
            message.extend_from_slice("、” after “".as_bytes());
            let mut points = Vec::new();
            let mut at = ink_end;
            while at > ink_start && points.len() < QUOTED {
                let (point, before) = decode_before(text, ink_start, at);
                points.push(point);
                at = before;
            }
            for &point in points.iter().rev() {
                push_point(&mut message, point);
            }
            message.extend_from_slice("”".as_bytes());
            found.push(Finding { start, end: span_end, message: Some(message) });
        }
    }
    if cut {
        // `\s*1、` at the text's start, its line running on at least CHUNK_LINE code points
        let mut at = 0;
        let mut chars = 0;
        while let Some((point, width)) = decode_at(text, at) {
            if table.of(point) & PATTERN_SPACE == 0 {
                break;
            }
            at += width;
            chars += 1;
        }
        if text[at..].starts_with("1、".as_bytes()) {
            let rest = at + 1 + ENUMERATION_COMMA.len();
            let line_end = memchr(b'\n', &text[rest..]).map_or(text.len(), |offset| rest + offset);
            if count(&text[rest..line_end]) >= CHUNK_LINE {
                found.push(Finding { start: chars, end: chars + 2, message: None });
            }
        }
    }
    found
}

/// The ink of `text[start..end]`: its byte range without the spaces `str.strip` removes.
fn strip(text: &[u8], start: usize, end: usize) -> (usize, usize) {
    let segment = Segment::ink(text, start, end);
    (segment.ink_start, segment.ink_end)
}

/// The rules as they read the text before their fast paths (page-break's whole solver, as it
/// was): the tests hold the fast ones to them.
#[cfg(test)]
mod reference {
    use super::*;

    pub(super) fn read_segment(text: &[u8], start: usize, end: usize, table: &Table) -> Segment {
        let mut segment =
            Segment { start, end, ink_start: end, ink_end: end, chars: count(&text[start..end]), ..Default::default() };
        let mut at = start;
        while let Some((point, width)) = decode_at(&text[..end], at) {
            if table.of(point) & LINE_SPACE == 0 {
                segment.first = Some(point);
                break;
            }
            segment.lead += 1;
            at += width;
        }
        segment.ink_start = at;
        let mut at = end;
        while at > segment.ink_start {
            let (point, before) = decode_before(text, segment.ink_start, at);
            if table.of(point) & LINE_SPACE == 0 {
                segment.last = Some(point);
                segment.mark_watermark(text, before);
                break;
            }
            segment.trail += 1;
            at = before;
        }
        segment.ink_end = at;
        segment
    }

    /// The sums over a run's segments that a verdict reads, one entry per segment and one more.
    #[derive(Default)]
    struct Sums {
        chars: Vec<usize>,
        opening_quotes: Vec<usize>,
        closing_quotes: Vec<usize>,
        clause_marks: Vec<usize>,
    }

    /// A run of open gaps: its segments (one more than its gaps) and its gaps' code-point spans.
    struct Run<'t> {
        text: &'t [u8],
        table: &'t Table,
        segments: Vec<Segment>,
        gaps: Vec<(usize, usize)>,
        sums: Sums,
    }

    impl<'t> Run<'t> {
        /// A paragraph's length in code points, stripped: segments `a..=b` joined.
        fn length(&self, a: usize, b: usize) -> usize {
            self.sums.chars[b + 1] - self.sums.chars[a] - self.segments[a].lead - self.segments[b].trail
        }

        fn sum(&self, of: &[usize], a: usize, b: usize) -> usize {
            of[b + 1] - of[a]
        }

        /// The byte ranges of paragraph `a..=b`, stripped, segment by segment.
        fn pieces(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = (usize, usize)> + '_ {
            (a..=b).map(move |s| {
                let segment = &self.segments[s];
                (if s == a { segment.ink_start } else { segment.start }, if s == b { segment.ink_end } else { segment.end })
            })
        }

        /// The start of paragraph `a..=b`, stripped: at least [`PREFIX`] code points (all, when it
        /// is shorter), on through a run of spaces and numerals, and two more.
        fn prefix(&self, a: usize, b: usize) -> String {
            let mut out = String::new();
            let mut taken = 0;
            let mut past = None; // code points taken after the run that follows the first PREFIX
            for (start, end) in self.pieces(a, b) {
                let mut at = start;
                while let Some((point, width)) = decode_at(&self.text[..end], at) {
                    if taken >= PREFIX {
                        match past {
                            None if self.table.of(point) & (PATTERN_SPACE | LINE_SPACE | NUMERAL) != 0 => {}
                            None => past = Some(0),
                            Some(_) => {}
                        }
                        if let Some(n) = past.as_mut() {
                            if *n == 2 {
                                return out;
                            }
                            *n += 1;
                        }
                    }
                    out.push(as_char(point));
                    taken += 1;
                    at += width;
                }
            }
            out
        }

        /// The last `want` code points of the segments `a..=b` joined, stripped.
        fn tail(&self, a: usize, b: usize, want: usize) -> Vec<u32> {
            let mut points = Vec::with_capacity(want);
            for (start, end) in self.pieces(a, b).rev() {
                let mut at = end;
                while at > start && points.len() < want {
                    let (point, before) = decode_before(self.text, start, at);
                    points.push(point);
                    at = before;
                }
                if points.len() == want {
                    break;
                }
            }
            points.reverse();
            points
        }

        /// `paragraphs.judge`: the verdict on gap `i` between paragraphs `a..=i` and `i+1..=b`.
        fn judge(&self, a: usize, i: usize, b: usize) -> Verdict {
            let (Some(last), Some(first)) = (self.segments[i].last, self.segments[i + 1].first) else {
                return Verdict::Keep;
            };
            let (before_length, after_length) = (self.length(a, i), self.length(i + 1, b));
            if within(CLOSING_MARKS, first) && !within(SENTENCE_END, last) {
                return Verdict::Join;
            }
            if self.segments[i].ends_whole() || self.stands_alone(i + 1, b, after_length) {
                return Verdict::Keep;
            }
            let opens_heading = self.segments[a].first.is_some_and(|first| may_open_heading(as_char(first)));
            if before_length <= TITLE_LINE || opens_heading {
                let before = self.prefix(a, i);
                if before_length <= TITLE_LINE && is_couplet_title(&before, self.table) {
                    return if after_length > VERSE_LINE { Verdict::Keep } else { Verdict::Unsure };
                }
                if opens_heading && patterns().heading.is_match(&before) {
                    return Verdict::Keep;
                }
            }
            let end: String = self.tail(a, i, BYLINE_REACH).into_iter().map(as_char).collect();
            if end.contains(['—', '－', '-']) && patterns().byline_end.is_match(&end) {
                return Verdict::Keep;
            }
            let join = if is_latin_letter(last) { Verdict::Unsure } else { Verdict::Join };
            let sums = &self.sums;
            if within(OPEN_CUT_MARKS, last) || self.sum(&sums.opening_quotes, a, i) > self.sum(&sums.closing_quotes, a, i) {
                return join;
            }
            if self.sum(&sums.clause_marks, a, i) > 0 {
                let short = before_length <= VERSE_LINE && after_length <= VERSE_LINE;
                return if short { Verdict::Unsure } else { join };
            }
            if before_length >= LONG_UNPUNCTUATED {
                Verdict::Unsure
            } else {
                Verdict::Keep
            }
        }

        /// `paragraphs._stands_alone`: a paragraph that opens as a heading, salutation, source line
        /// or sign-off does, or a short one without punctuation.
        fn stands_alone(&self, a: usize, b: usize, length: usize) -> bool {
            let Some(first) = self.segments[a].first else { return false };
            let first = as_char(first);
            let short = length <= TITLE_LINE;
            if !(short || may_open_heading(first) || OPENS_ALONE.contains(&first) || first == '-') {
                return false;
            }
            let start = self.prefix(a, b);
            let p = patterns();
            (may_open_heading(first) && p.heading.is_match(&start))
                || p.salutation.is_match(&start)
                || p.source_line.is_match(&start)
                || p.sign_off.is_match(&start)
                || start.starts_with("——")
                || start.starts_with("--")
                || (short && !start.chars().any(|c| self.table.of(c as u32) & PUNCT != 0))
        }

        fn add_sums(&mut self) {
            let mut sums = Sums { chars: vec![0], opening_quotes: vec![0], closing_quotes: vec![0], clause_marks: vec![0] };
            for segment in &self.segments {
                let (mut opening, mut closing, mut clause) = (0, 0, 0);
                // lead bytes (never continuation bytes): a match is always at a code point's start
                let line = &self.text[segment.ink_start..segment.ink_end];
                for (at, &byte) in line.iter().enumerate() {
                    let next = |offset: usize| line.get(at + offset).copied();
                    match byte {
                        b',' | b'!' | b'?' | b';' => clause += 1,
                        0xE2 if next(1) == Some(0x80) => match next(2) {
                            Some(0x9C) => opening += 1, // “
                            Some(0x9D) => closing += 1, // ”
                            _ => {}
                        },
                        0xE3 if next(1) == Some(0x80) && next(2) == Some(0x82) => clause += 1, // 。
                        0xEF if next(1) == Some(0xBC) && matches!(next(2), Some(0x8C | 0x81 | 0x9F | 0x9B)) => {
                            clause += 1 // ，！？；
                        }
                        _ => {}
                    }
                }
                let push = |of: &mut Vec<usize>, n: usize| of.push(of[of.len() - 1] + n);
                push(&mut sums.chars, segment.chars);
                push(&mut sums.opening_quotes, opening);
                push(&mut sums.closing_quotes, closing);
                push(&mut sums.clause_marks, clause);
            }
            self.sums = sums;
        }

        /// The fixed point of the verdicts, as findings: a fix for each joined gap, a flag for each
        /// unsure one, in order.
        fn solve(&mut self, found: &mut Vec<Finding>) {
            if self.gaps.is_empty() {
                return;
            }
            self.add_sums();
            let n = self.segments.len();
            // each paragraph's first segment, read at its last; its last segment, read at its first
            let mut first_of: Vec<usize> = (0..n).collect();
            let mut last_of: Vec<usize> = (0..n).collect();
            let mut joined = vec![false; self.gaps.len()];
            let mut verdicts = vec![Verdict::Keep; self.gaps.len()];
            let mut dirty: Vec<usize> = (0..self.gaps.len()).collect();
            loop {
                let mut new = Vec::new();
                for &i in &dirty {
                    verdicts[i] = self.judge(first_of[i], i, last_of[i + 1]);
                    if verdicts[i] == Verdict::Join {
                        new.push(i);
                    }
                }
                if new.is_empty() {
                    break;
                }
                // merge in order, so each new join's paragraph start is final once it is merged
                let mut starts = Vec::with_capacity(new.len());
                for &i in &new {
                    joined[i] = true;
                    let (a, b) = (first_of[i], last_of[i + 1]);
                    last_of[a] = b;
                    first_of[b] = a;
                    starts.push(a);
                }
                dirty.clear();
                for a in starts {
                    if a > 0 {
                        dirty.push(a - 1);
                    }
                    if last_of[a] < n - 1 {
                        dirty.push(last_of[a]);
                    }
                }
                dirty.sort_unstable();
                dirty.dedup();
            }
            for (i, &(start, end)) in self.gaps.iter().enumerate() {
                if joined[i] {
                    found.push(Finding { start, end, message: None });
                } else if verdicts[i] == Verdict::Unsure {
                    let segment = &self.segments[i];
                    let mut message = "possible page-break cut after “".as_bytes().to_vec();
                    let mut at = segment.ink_end;
                    let mut points = Vec::new();
                    while at > segment.ink_start && points.len() < QUOTED {
                        let (point, before) = decode_before(self.text, segment.ink_start, at);
                        points.push(point);
                        at = before;
                    }
                    for &point in points.iter().rev() {
                        push_point(&mut message, point);
                    }
                    message.extend_from_slice("”".as_bytes());
                    found.push(Finding { start, end, message: Some(message) });
                }
            }
        }
    }

    /// `paragraphs._is_couplet_title`: two to four phrases of two to eight Han characters, all of
    /// one length, parted by a clause mark or spaces (`春风化雨，润物无声`).
    pub(super) fn is_couplet_title(line: &str, table: &Table) -> bool {
        let space = |c: char| table.of(c as u32) & PATTERN_SPACE != 0;
        let points: Vec<char> = line.chars().collect();
        let mut parts: Vec<(usize, bool)> = Vec::new(); // (length, all Han)
        let (mut length, mut han) = (0, true);
        let mut k = 0;
        while k < points.len() {
            let c = points[k];
            if COUPLET_MARKS.contains(&c) || space(c) {
                parts.push((length, han));
                (length, han) = (0, true);
                k += 1;
                while k < points.len() && space(points[k]) {
                    k += 1;
                }
            } else {
                length += 1;
                han &= table.of(c as u32) & HAN != 0;
                k += 1;
            }
        }
        parts.push((length, han));
        (2..=4).contains(&parts.len())
            && parts.iter().all(|&(length, han)| han && (2..=8).contains(&length) && length == parts[0].0)
    }

    /// `chunk_markers` counting every line and reading its end before its number.
    pub(super) fn chunk_markers(text: &[u8]) -> Vec<Finding> {
        let mut found = Vec::new();
        if memmem::find(text, ENUMERATION_COMMA).is_none() {
            return found;
        }
        let table = line_classes();
        let mut cut = false;
        let (mut line_start, mut line_chars) = (0, 0); // the line's start, in bytes and code points
        for newline in memchr_iter(b'\n', text) {
            let start = line_chars + count(&text[line_start..newline]);
            let line = (line_start, newline);
            (line_start, line_chars) = (newline + 1, start + 1);
            if newline == line.0 {
                continue;
            }
            let (before, _) = decode_before(text, line.0, newline);
            if !(before < 0x80 && (before as u8).is_ascii_alphanumeric()) && table.of(before) & HAN == 0 {
                continue;
            }
            let mut at = newline + 1;
            let number_at = loop {
                let blanks = past_blanks(text, at);
                if text.get(blanks) == Some(&b'\n') {
                    at = blanks + 1;
                } else {
                    break blanks;
                }
            };
            let Some(number_end) = list_number(text, number_at) else { continue };
            let mut end = number_end;
            loop {
                let blanks = past_blanks(text, end);
                if text.get(blanks) == Some(&b'\n') {
                    end = blanks + 1;
                } else {
                    break;
                }
            }
            let number = &text[number_at..number_end - ENUMERATION_COMMA.len()];
            if number == b"1" && end == number_end {
                continue; // a chunk cut is never the first
            }
            let span_end = start + count(&text[newline..end]);
            let (ink_start, ink_end) = strip(text, line.0, line.1);
            let ink = &text[ink_start..ink_end];
            let has_clause_mark = {
                let mut at = 0;
                let mut any = false;
                while let Some((point, width)) = decode_at(ink, at) {
                    if within(CLAUSE_PUNCT, point) {
                        any = true;
                        break;
                    }
                    at += width;
                }
                any
            };
            if count(ink) >= CHUNK_LINE && has_clause_mark {
                cut = true;
                found.push(Finding { start, end: span_end, message: None });
            } else if list_number(ink, 0).is_none() {
                let mut message = "possible doc-viewer chunk number “".as_bytes().to_vec();
                message.extend_from_slice(number);
                message.extend_from_slice("、” after “".as_bytes());
                let mut points = Vec::new();
                let mut at = ink_end;
                while at > ink_start && points.len() < QUOTED {
                    let (point, before) = decode_before(text, ink_start, at);
                    points.push(point);
                    at = before;
                }
                for &point in points.iter().rev() {
                    push_point(&mut message, point);
                }
                message.extend_from_slice("”".as_bytes());
                found.push(Finding { start, end: span_end, message: Some(message) });
            }
        }
        if cut {
            // `\s*1、` at the text's start, its line running on at least CHUNK_LINE code points
            let mut at = 0;
            let mut chars = 0;
            while let Some((point, width)) = decode_at(text, at) {
                if table.of(point) & PATTERN_SPACE == 0 {
                    break;
                }
                at += width;
                chars += 1;
            }
            if text[at..].starts_with("1、".as_bytes()) {
                let rest = at + 1 + ENUMERATION_COMMA.len();
                let line_end = memchr(b'\n', &text[rest..]).map_or(text.len(), |offset| rest + offset);
                if count(&text[rest..line_end]) >= CHUNK_LINE {
                    found.push(Finding { start: chars, end: chars + 2, message: None });
                }
            }
        }
        found
    }

    pub(super) fn page_breaks(text: &[u8]) -> Vec<Finding> {
        let table = line_classes();
        let mut found = Vec::new();
        let mut run = Run { text, table, segments: Vec::new(), gaps: Vec::new(), sums: Sums::default() };
        let mut at = 0; // bytes
        let mut chars = 0; // code points before `at`
        let mut gap: Option<(usize, usize)> = None; // the gap before the segment at `at`
        loop {
            let end = memchr(b'\n', &text[at..]).map_or(text.len(), |offset| at + offset);
            let segment = read_segment(text, at, end, table);
            chars += segment.chars;
            if let Some(span) = gap {
                let previous = run.segments.last();
                let open = match (previous.and_then(|s| s.last), segment.first) {
                    (Some(_), Some(first)) => !previous.is_some_and(Segment::ends_whole) || within(CLOSING_MARKS, first),
                    _ => false,
                };
                if open {
                    run.gaps.push(span);
                } else {
                    run.solve(&mut found);
                    run.segments.clear();
                    run.gaps.clear();
                }
            }
            run.segments.push(segment);
            if end == text.len() {
                break;
            }
            let after = gap_end(text, end);
            let length = count(&text[end..after]);
            gap = Some((chars, chars + length));
            chars += length;
            at = after;
        }
        run.solve(&mut found);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spacing::samples;

    /// What a paragraph's edges are made of: sentence ends, clause and closing marks, spaces of
    /// every kind, blank lines, headings' and salutations' openings, a lone surrogate and bytes
    /// no code point opens.
    const PARAGRAPH_ALPHABET: &[&[u8]] = &[
        "甲".as_bytes(), "，".as_bytes(), "。".as_bytes(), "”".as_bytes(), "“".as_bytes(), b"\n", b"\n\n", b" ",
        "\u{3000}".as_bytes(), b"\r", b"\x1c", "一、".as_bytes(), "尊敬的".as_bytes(), "——".as_bytes(), b"a",
        b"\xed\xa0\x80", b"\xff", b"\xe7\x9a",
    ];

    #[test]
    fn the_matches_read_as_the_sets_and_the_table() {
        let table = line_classes();
        for point in (0..0x110000).chain([REPLACEMENT, 0x110000, u32::MAX]) {
            assert_eq!(is_line_space(point), table.of(point) & LINE_SPACE != 0, "{point:x}");
            assert_eq!(is_terminal(point), within(TERMINAL, point), "{point:x}");
            assert_eq!(is_closing_mark(point), within(CLOSING_MARKS, point), "{point:x}");
        }
    }

    #[test]
    fn a_couplet_title_is_read_as_it_was() {
        let alphabet: &[&[u8]] = &["春".as_bytes(), "，".as_bytes(), "、".as_bytes(), b" ", "\u{3000}".as_bytes(), b";", b"a"];
        let long: Vec<&[u8]> = alphabet.iter().copied().chain(["春".as_bytes(); 5]).collect();
        for text in samples::every(alphabet, 7).into_iter().chain(samples::random(&long, 40, 20000, 5)) {
            let line = String::from_utf8(text).unwrap();
            assert_eq!(is_couplet_title(&line, line_classes()), reference::is_couplet_title(&line, line_classes()), "{line:?}");
        }
    }

    #[test]
    fn the_fast_chunk_marker_reads_as_reading_every_line() {
        let alphabet: &[&[u8]] = &[
            "甲".as_bytes(), "，".as_bytes(), "。".as_bytes(), b"\n", b" ", b"\t", b"1", b"2", "、".as_bytes(), b"a",
            "\u{3000}".as_bytes(), b"\xed\xa0\x80", b"\xe3\x80",
        ];
        let cuts: [&[u8]; 5] =
            ["\n2、".as_bytes(), "\n\n13、".as_bytes(), " \n\t1、 \n\n".as_bytes(), "乙丙丁，戊己庚辛壬癸".as_bytes(), b"\n"];
        let long: Vec<&[u8]> = alphabet.iter().copied().chain(["乙丙丁戊己庚辛壬癸".as_bytes(); 8]).chain(cuts).collect();
        let texts = samples::every(alphabet, 5).into_iter().chain(samples::random(&long, 60, 5000, 31));
        for text in texts {
            assert_eq!(chunk_markers(&text), reference::chunk_markers(&text), "{:?}", String::from_utf8_lossy(&text));
        }
    }

    #[test]
    fn the_fast_page_break_reads_as_reading_every_segment() {
        let long: Vec<&[u8]> = PARAGRAPH_ALPHABET.iter().copied().chain(["乙丙丁戊己庚辛壬癸".as_bytes(); 6]).collect();
        let texts = samples::every(PARAGRAPH_ALPHABET, 4).into_iter().chain(samples::random(&long, 120, 4000, 11));
        for text in texts {
            assert_eq!(page_breaks(&text), reference::page_breaks(&text), "{:?}", String::from_utf8_lossy(&text));
        }
    }

    /// A finding as (the text it spans, its message), for readable asserts.
    fn spans(text: &str, found: &[Finding]) -> Vec<(String, Option<String>)> {
        let chars: Vec<char> = text.chars().collect();
        found.iter().map(|f| (chars[f.start..f.end].iter().collect(), f.message_text())).collect()
    }

    fn apply(text: &str, found: &[Finding]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        let mut fixes: Vec<&Finding> = found.iter().filter(|f| f.message.is_none()).collect();
        fixes.sort_by_key(|f| f.start);
        for fix in fixes {
            out.extend(&chars[at..fix.start]);
            at = fix.end;
        }
        out.extend(&chars[at..]);
        out
    }

    fn joined(text: &str) -> String {
        apply(text, &page_breaks(text.as_bytes()))
    }

    #[test]
    fn the_patterns_spaces_are_the_regex_modules() {
        let space = Regex::new(r"^\s$").unwrap();
        let table = line_classes();
        for point in (0..0x110000).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            assert_eq!(
                space.is_match(point.encode_utf8(&mut buffer)),
                table.of(point as u32) & PATTERN_SPACE != 0,
                "{point:?}"
            );
        }
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_is_joined() {
        for (cut, whole) in [
            ("总理提到，要“鼓励企业\n\n开展个性化定制。", "总理提到，要“鼓励企业开展个性化定制。"),
            ("但目前，\n\n我国制造业依然存在着大而不强的问题。", "但目前，我国制造业依然存在着大而不强的问题。"),
            ("他的话让人难忘\n\n：这就是工匠。", "他的话让人难忘：这就是工匠。"),
            (
                "老板端着热腾腾的包，师徒五人来到早餐店\n \n\u{3000}\n子忙打圆场，笑着说。",
                "老板端着热腾腾的包，师徒五人来到早餐店子忙打圆场，笑着说。",
            ),
        ] {
            assert_eq!(joined(cut), whole, "{cut:?}");
        }
    }

    #[test]
    fn headings_salutations_titles_and_sources_keep_their_break() {
        for kept in [
            "一、追求卓越\n\n作为一名从事设计工作的年轻人，我经常返工。",
            "第二段：工匠精神的重要性\n\n弘扬工匠精神，不仅是为了提高效率。",
            "亲爱的同学们：\n\n大家好！",
            "(原载3月21日《北京日报》)\n\n2019年3月5日，总理提到。",
            "大家都在努力工作，不断进步\n\n倡议人：学生会",
            "春风化雨，润物无声\n\n老师的爱就像春天的雨，滋润着我们的心田，让我们茁壮成长。",
            "我们的征程是星辰大海。\n\n明天会更好。",
        ] {
            assert_eq!(page_breaks(kept.as_bytes()), vec![], "{kept:?}");
        }
    }

    #[test]
    fn verse_and_long_unpunctuated_lines_are_flagged() {
        // a couplet title before a short line may be a verse cut in two
        let verse = "春风化雨，润物无声\n老师的爱，像雨。";
        assert_eq!(
            spans(verse, &page_breaks(verse.as_bytes())),
            vec![("\n".into(), Some("possible page-break cut after “春风化雨，润物无声”".into()))]
        );
        // a short line without punctuation after it stands alone
        assert_eq!(page_breaks("床前明月光，疑是地上霜\n举头望明月".as_bytes()), vec![]);
        let long = format!("{}\n\n{}", "甲".repeat(45), "乙丙丁，戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙。");
        let found = page_breaks(long.as_bytes());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message_text().unwrap(), format!("possible page-break cut after “{}”", "甲".repeat(12)));
    }

    #[test]
    fn a_join_lets_the_next_verdict_read_the_whole_paragraph() {
        // the second line alone has no clause mark (kept); joined to the first it is prose
        let line = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁";
        let text = format!("总理说，{line}\n{line}\n{line}\n{line}。");
        assert_eq!(joined(&text), format!("总理说，{line}{line}{line}{line}。"));
        let found = page_breaks(text.as_bytes());
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "價\n\n但目前，\n\n我国制造业。";
        let found = page_breaks(text.as_bytes());
        assert_eq!(spans(text, &found), vec![("\n\n".into(), None)]);
        assert_eq!((found[0].start, found[0].end), (7, 9));
    }

    #[test]
    fn the_judge_reads_as_the_python_one() {
        let text = "总理提到，要“鼓励企业\n开展个性化定制。";
        let mut run = Run::new(text.as_bytes(), line_classes());
        run.gaps = vec![(11, 12)];
        run.segments = vec![
            Segment::read(text.as_bytes(), 0, 33),
            Segment::read(text.as_bytes(), 34, text.len()),
        ];
        run.add_sums();
        assert_eq!(run.judge(0, 0, 1, &mut String::new(), &mut Vec::new()), Verdict::Join);
        assert!(is_couplet_title("春风化雨，润物无声", line_classes()));
        assert!(!is_couplet_title("总理提到，要“鼓励企业", line_classes()));
        assert!(!is_couplet_title("春风化雨，，润物无声", line_classes()));
        assert!(is_couplet_title("春风 化雨", line_classes()));
    }

    #[test]
    fn a_chunk_number_under_a_long_line_is_removed() {
        let prose = "要想生存发展，就必须建立持久的竞争优势，而唯一持久的优势便是比对手学得更快。管理者在对企业的发展上应该考虑到，企业内部拥";
        let text = format!("{prose}\n3、有多少知识储备。");
        let found = chunk_markers(text.as_bytes());
        assert_eq!(apply(&text, &found), format!("{prose}有多少知识储备。"));
        // the first chunk's 1、 goes too, once another is a cut and its line is as long
        let text = format!("1、{prose}\n2、有多少知识储备。");
        assert_eq!(apply(&text, &chunk_markers(text.as_bytes())), format!("{prose}有多少知识储备。"));
        // alone on its line, with the blank lines after it
        let text = format!("{prose}\n\n 12、 \n\n有多少知识储备。");
        assert_eq!(apply(&text, &chunk_markers(text.as_bytes())), format!("{prose}有多少知识储备。"));
    }

    #[test]
    fn lists_stay_and_short_lead_ins_are_flagged() {
        for list in [
            "要求如下：\n1、认真听讲\n2、按时完成作业",
            "1、认真听讲\n2、按时完成作业",
            "我们的要求\n1、认真听讲",
            "学习\n1234、认真",
            "学习。\n2、认真",
        ] {
            assert_eq!(chunk_markers(list.as_bytes()), vec![], "{list:?}");
        }
        let text = "我们的要求\n2、认真听讲";
        assert_eq!(
            spans(text, &chunk_markers(text.as_bytes())),
            vec![("\n2、".into(), Some("possible doc-viewer chunk number “2、” after “我们的要求”".into()))]
        );
        assert_eq!(chunk_markers("甲乙\n3，丙".as_bytes()), vec![]); // no 、 at all
    }

    /// The rule's table in tests/cases/<rule>.json, the spec the Python tests read too: each
    /// `fix` gives its output, each `keep` neither changes nor is flagged, each `flag` is flagged only.
    fn check_cases(rule: &str, find: fn(&[u8]) -> Vec<Finding>) {
        let path = format!("{}/../../tests/cases/{rule}.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        let fixes = table["fix"].as_array().unwrap();
        let keeps = table["keep"].as_array().unwrap();
        let flags = table["flag"].as_array().unwrap();
        assert!(!fixes.is_empty() && !keeps.is_empty() && !flags.is_empty());
        for case in fixes {
            let (before, after) = (text(&case[0]), text(&case[1]));
            assert_eq!(apply(&before, &find(before.as_bytes())), after, "{rule} fix {before:?}");
        }
        for case in keeps.iter().map(text) {
            assert_eq!(find(case.as_bytes()), vec![], "{rule} keep {case:?}");
        }
        for case in flags.iter().map(text) {
            let found = find(case.as_bytes());
            assert!(!found.is_empty() && found.iter().all(|f| f.message.is_some()), "{rule} flag {case:?}: {found:?}");
        }
    }

    #[test]
    fn the_case_tables_hold() {
        check_cases("page-break", page_breaks);
        check_cases("chunk-marker", chunk_markers);
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        page_breaks(&bytes);
        chunk_markers(&bytes);
        for text in [&b"\xed\xa0\x80\n\n\xed\xa0\x80"[..], b"\n", b"", b"\xe3\x80\x81\n1\xe3\x80", b"\x80\n\x80"] {
            page_breaks(text);
            chunk_markers(text);
        }
    }
}
