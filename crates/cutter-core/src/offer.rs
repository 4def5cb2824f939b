//! The offer rule and the title-repeat rule's line finding (`rules/boilerplate.py`:
//! `remove_offer`, `remove_title_repeat`).
//!
//! [`offers`] finds the site's offer sentence (`以下是小编为大家整理的…，仅供参考。`) on the
//! offer trigger lines of the text folded to simplified script, decides for each whether
//! it is glued to the sentence before it, and whether the genre intro before an offer that
//! closes the text's first paragraph goes with it; it returns the rule's findings in the
//! order the Python rule yielded them. The pattern it replaced (`patterns.OFFER`, now read
//! by tests/offer_reference.py) has lookbehinds, a lead that looks ahead, and lookaheads
//! bounded by one sentence: no `regex` crate pattern can say that, so it is matched by hand
//! below, alternative by alternative in the order the backtracking engine tries them. A
//! trigger line is first read as bytes, by one automaton over the pattern's words and stops
//! (`candidate_chunks`): only its sentences that hold what an offer needs are decoded, and
//! each gets tables of where the next stop, and the next word of each group, stands, so a
//! line of many openings (`，以下…` × N) is read in linear time.
//!
//! `\p{Han}`, `\s` and `str.isspace` are the `regex` module's and Python's own (the `HAN`,
//! `PATTERN_SPACE` and `LINE_SPACE` classes of [`line_classes`]).

use crate::tables::{line_classes, Table, FORMAT, HAN, LINE_SPACE, PATTERN_SPACE};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use memchr::{memchr, memmem, memrchr};
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::boilerplate::fast_count;
use crate::text::{count, decode_at, push_point, CodePoints};

/// A finding: a fix replaces `start..end` with `after`, a flag (`message` set) warns there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub after: &'static str,
    pub message: Option<Vec<u8>>,
}

impl Finding {
    fn fix(start: usize, end: usize, after: &'static str) -> Finding {
        Finding { start, end, after, message: None }
    }
}

// --- the pattern (patterns.OFFER) ---------------------------------------------------------------
// (?P<lead>^|(?<=[。！？!?])|，|,|(?<=\p{Han})(?<!的)(?=(?:以下|下面)(?:是|我|由|小编)))\s*
// (?P<offer>(?:START (?:(?=S WHO)(?=S VERB)|(?=S THING)(?=S WELCOME)) | MORE) REST (?:[。！？!?]+|$))
// START = (?:(?:以下|下面|接下来|这里|本篇文章|本文|以上)(?:内容)?(?:是|就是|为|由|就|小编)?|\p{Han}{0,8}?小编)
// S = [^。！？!?:：\n]{0,80}, REST = [^。！？!?:：\n]{0,160}
// MORE = 更多[^。！？!?\n]{0,40}(?:敬请关注|请关注|请访问|尽在)

const START_WORDS: [&str; 7] = ["以下", "下面", "接下来", "这里", "本篇文章", "本文", "以上"];
const START_SUFFIXES: [&str; 6] = ["是", "就是", "为", "由", "就", "小编"];
const WHO: [&str; 11] = ["小编", "编辑", "本站", "频道", "为大家", "给大家", "帮大家", "为您", "给您", "为你", "给你"];
const VERB: [&str; 11] = ["整理", "收集", "搜集", "推荐", "分享", "准备", "带来", "介绍", "提供", "精选", "编辑"];
/// `_OFFER_THING` less its `[0-9０-９一二两三四五六七八九十]+篇` (see [`is_thing_digit`]).
const THING: [&str; 10] = ["作文", "范文", "文章", "演讲稿", "心得", "体会", "资料", "内容", "例文", "范本"];
const WELCOME: [&str; 11] = ["阅读", "参考", "借鉴", "查看", "欣赏", "喜欢", "收藏", "帮助", "参阅", "学习", "看看"];
const MORE_ENDS: [&str; 4] = ["敬请关注", "请关注", "请访问", "尽在"];
const LEAD_WORDS: [&str; 2] = ["以下", "下面"];
const LEAD_NEXT: [&str; 4] = ["是", "我", "由", "小编"];
const SENTENCE: usize = 80;
const SENTENCE_REST: usize = 160;
const MORE_REACH: usize = 40;
const LAZY_HAN: usize = 8;

/// `。！？!?`: a sentence's end.
fn is_terminator(c: u32) -> bool {
    matches!(c, 0x3002 | 0xFF01 | 0xFF1F | 0x21 | 0x3F)
}

/// What one sentence of the pattern never runs through: `。！？!?:：` (and the line end).
fn is_stop(c: u32) -> bool {
    is_terminator(c) || c == 0x3A || c == 0xFF1A
}

fn is_comma(c: u32) -> bool {
    c == 0xFF0C || c == 0x2C
}

/// `[0-9０-９一二两三四五六七八九十]`.
fn is_thing_digit(c: u32) -> bool {
    matches!(char::from_u32(c), Some('0'..='9' | '０'..='９' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'))
}

/// Whether `points[at..]` starts with `word` (within `end`).
fn starts(points: &[u32], at: usize, end: usize, word: &str) -> bool {
    let end = end.min(points.len());
    (at..).zip(word.chars()).all(|(at, c)| at < end && points[at] == c as u32)
}

/// The length of the first of `words` that `points[at..end]` starts with.
fn first_word(points: &[u32], at: usize, end: usize, words: &[&str]) -> Option<usize> {
    words.iter().find(|word| starts(points, at, end, word)).map(|word| word.chars().count())
}

fn any_word(points: &[u32], at: usize, end: usize, words: &[&str]) -> bool {
    first_word(points, at, end, words).is_some()
}

const NONE: usize = usize::MAX;

/// Whether a WHO, VERB, THING or WELCOME word may start with `c` (their first characters).
fn could_open_a_word(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some(
            '小' | '编' | '本' | '频' | '为' | '给' | '帮' | '整' | '收' | '搜' | '推' | '分' | '准' | '带' | '介' | '提' | '精'
                | '作' | '范' | '文' | '演' | '心' | '体' | '资' | '内' | '例' | '阅' | '参' | '借' | '查' | '欣' | '喜' | '学' | '看'
        )
    )
}

/// One trigger line of the folded text, with where the next stop, terminator and word of
/// each lookahead group stand from every position (`NONE`: nowhere before the line's end).
struct Line<'a> {
    points: &'a [u32],
    start: usize,
    end: usize,
    /// By position `- start` (one more than the line's length): the next `is_stop`, or `end`.
    next_stop: Vec<usize>,
    /// The next `is_terminator`, or `end`.
    next_terminator: Vec<usize>,
    /// The next start of a WHO, VERB, THING, WELCOME word.
    next_word: [Vec<usize>; 4],
}

impl<'a> Line<'a> {
    fn new(points: &'a [u32], start: usize, end: usize) -> Line<'a> {
        let size = end - start + 1;
        let mut next_stop = vec![end; size];
        let mut next_terminator = vec![end; size];
        let mut next_word = [vec![NONE; size], vec![NONE; size], vec![NONE; size], vec![NONE; size]];
        let mut thing_digits = false; // points[at + 1..] opens a digit run ending in 篇
        for at in (start..end).rev() {
            let i = at - start;
            let c = points[at];
            next_stop[i] = if is_stop(c) { at } else { next_stop[i + 1] };
            next_terminator[i] = if is_terminator(c) { at } else { next_terminator[i + 1] };
            let digit_run = is_thing_digit(c) && (thing_digits || starts(points, at + 1, end, "篇"));
            thing_digits = digit_run;
            if !digit_run && !could_open_a_word(c) {
                for group in &mut next_word {
                    group[i] = group[i + 1];
                }
                continue;
            }
            let found = [
                any_word(points, at, end, &WHO),
                any_word(points, at, end, &VERB),
                digit_run || any_word(points, at, end, &THING),
                any_word(points, at, end, &WELCOME),
            ];
            for (group, found) in found.into_iter().enumerate() {
                next_word[group][i] = if found { at } else { next_word[group][i + 1] };
            }
        }
        Line { points, start, end, next_stop, next_terminator, next_word }
    }

    /// `(?=[^。！？!?:：\n]{0,80}WORD)` at `at`, for the group's words.
    fn ahead(&self, at: usize, group: usize) -> bool {
        let i = at - self.start;
        let reach = (at + SENTENCE).min(self.next_stop[i]);
        self.next_word[group][i] <= reach
    }

    /// The lookaheads after the offer's start.
    fn talks_of_an_offer(&self, at: usize) -> bool {
        (self.ahead(at, 0) && self.ahead(at, 1)) || (self.ahead(at, 2) && self.ahead(at, 3))
    }

    /// `[^。！？!?:：\n]{0,160}(?:[。！？!?]+|$)` at `at`: where it ends.
    fn rest(&self, at: usize) -> Option<usize> {
        let stop = self.next_stop[at - self.start];
        if stop - at > SENTENCE_REST {
            return None;
        }
        if stop == self.end {
            return Some(stop);
        }
        if !is_terminator(self.points[stop]) {
            return None;
        }
        let mut end = stop;
        while end < self.end && is_terminator(self.points[end]) {
            end += 1;
        }
        Some(end)
    }

    /// The offer group at `at` (after the lead and its spaces): where the match ends.
    fn offer(&self, at: usize, table: &Table) -> Option<usize> {
        let (points, end) = (self.points, self.end);
        let close = |start_end: usize| {
            if self.talks_of_an_offer(start_end) {
                self.rest(start_end)
            } else {
                None
            }
        };
        if let Some(word) = first_word(points, at, end, &START_WORDS) {
            let after = at + word;
            let bases = [starts(points, after, end, "内容").then_some(after + 2), Some(after)];
            for base in bases.into_iter().flatten() {
                for suffix in START_SUFFIXES {
                    if starts(points, base, end, suffix) {
                        if let Some(found) = close(base + suffix.chars().count()) {
                            return Some(found);
                        }
                    }
                }
                if let Some(found) = close(base) {
                    return Some(found);
                }
            }
        }
        for lazy in 0..=LAZY_HAN {
            if lazy > 0 && (at + lazy > end || table.of(points[at + lazy - 1]) & HAN == 0) {
                break;
            }
            if starts(points, at + lazy, end, "小编") {
                if let Some(found) = close(at + lazy + 2) {
                    return Some(found);
                }
            }
        }
        if starts(points, at, end, "更多") {
            let from = at + 2;
            let reach = MORE_REACH.min(self.next_terminator[from - self.start] - from);
            for gap in (0..=reach).rev() {
                for word in MORE_ENDS {
                    if starts(points, from + gap, end, word) {
                        if let Some(found) = self.rest(from + gap + word.chars().count()) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        None
    }

    /// The match that starts at `at`, if any.
    fn match_at(&self, at: usize, table: &Table) -> Option<Match> {
        let points = self.points;
        let c = points[at];
        let lead_end = if is_comma(c) {
            at + 1
        } else if at == self.start
            || is_terminator(points[at - 1])
            || (table.of(points[at - 1]) & HAN != 0
                && points[at - 1] != '的' as u32
                && LEAD_WORDS.iter().any(|word| starts(points, at, self.end, word))
                && any_word(points, at + 2, self.end, &LEAD_NEXT))
        {
            at
        } else {
            return None;
        };
        let mut offer = lead_end;
        while offer < self.end && table.of(points[offer]) & PATTERN_SPACE != 0 {
            offer += 1;
        }
        let end = self.offer(offer, table)?;
        Some(Match { start: at, comma: lead_end > at, offer, end })
    }
}

/// A match of the offer pattern: its start (the lead's), whether the lead is a comma, where
/// the offer group starts, and the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub comma: bool,
    pub offer: usize,
    pub end: usize,
}

/// The matches of the offer pattern on `lines` ((start, end) code-point spans of `folded`,
/// in order), as `pattern.finditer(folded, start, end)` finds them on each.
pub fn offer_matches(folded: &[u32], lines: &[(usize, usize)]) -> Vec<Match> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut last_end = 0;
    for &(start, end) in lines {
        if end > folded.len() || start > end || start < last_end {
            continue; // never passed by the binding, but no panic
        }
        last_end = end;
        line_matches(folded, start, end, table, &mut found);
    }
    found
}

/// The matches on one line of `points`.
fn line_matches(points: &[u32], start: usize, end: usize, table: &Table, found: &mut Vec<Match>) {
    // the pattern needs a start word, 小编 or 更多: a line without them is not read further
    if !has_opening(&points[start..end]) {
        return;
    }
    let line = Line::new(points, start, end);
    let mut at = start;
    while at < end {
        match line.match_at(at, table) {
            Some(found_here) => {
                found.push(found_here);
                at = found_here.end.max(at + 1);
            }
            None => at += 1,
        }
    }
}

/// The matches on `lines` of the folded text as the binding hands it over: each line is
/// decoded on its own, and only when its bytes hold what an offer needs ([`may_match`]), so a
/// text whose trigger lines hold no offer is never decoded.
/// Also how many of the text's first bytes it found well-formed (0 if not `counting`).
fn matches_in(folded: &[u8], lines: &[(usize, usize)], counting: bool) -> (Vec<Match>, usize) {
    let table = line_classes();
    let mut found = Vec::new();
    let (mut points, mut here, mut chunks) = (Vec::new(), Vec::new(), Vec::new());
    let mut cursor = Cursor::new(folded, counting, 0);
    let mut position = 0; // where the last line read ended (code points)
    for &(start, end) in lines {
        if start < position || start > end {
            continue; // out of order or empty-ended: never passed by the binding
        }
        let from = cursor.seek(start);
        if cursor.point < start {
            break; // past the text's end
        }
        let to = cursor.seek(end);
        position = cursor.point;
        let line = &folded[from..to];
        chunks.clear();
        candidate_chunks(line, &mut chunks);
        let (mut byte, mut point) = (0, start); // where the chunk starts, in the line and in the text
        for &(from, to) in &chunks {
            let skipped = &line[byte..from];
            point += if cursor.counting { fast_count(skipped) } else { CodePoints::new(skipped).count() };
            points.clear();
            points.extend(CodePoints::new(&line[from..to]).map(|(_, point)| point));
            here.clear();
            line_matches(&points, 0, points.len(), table, &mut here);
            found.extend(here.iter().map(|m| Match { start: m.start + point, offer: m.offer + point, end: m.end + point, comma: m.comma }));
            (byte, point) = (to, point + points.len());
        }
    }
    (found, if cursor.counting { cursor.checked } else { 0 })
}

/// [`matches_in`] for a well-formed text (see [`crate::chrome::well_formed`]), where each code
/// point is a byte that is no continuation byte: the text before a line is counted, not decoded.
#[cfg(test)]
fn matches_on_lines(folded: &[u8], lines: &[(usize, usize)]) -> Vec<Match> {
    matches_in(folded, lines, true).0
}

/// [`matches_in`] for any bytes, decoding the text up to each line.
#[cfg(test)]
fn matches_decoding(folded: &[u8], lines: &[(usize, usize)]) -> Vec<Match> {
    matches_in(folded, lines, false).0
}

/// A walk forward over the code points of a text: where each starts. While the text walked
/// over is well-formed (see [`crate::chrome::well_formed`], checked as the walk goes) its code
/// points are counted, each a byte that is no continuation byte; from the first stretch that
/// is not, they are decoded as [`CodePoints`] reads them (the two agree on a well-formed start).
struct Cursor<'a> {
    text: &'a [u8],
    counting: bool,
    /// The text's first `checked` bytes are known to be well-formed.
    checked: usize,
    /// Where code point `point` starts (the text's length at its end).
    byte: usize,
    point: usize,
}

impl<'a> Cursor<'a> {
    /// A walk that counts while it may (`counting`) or decodes, over a text whose first
    /// `checked` bytes are known to be well-formed (a byte where a code point starts).
    fn new(text: &'a [u8], counting: bool, checked: usize) -> Cursor<'a> {
        Cursor { text, counting, checked, byte: 0, point: 0 }
    }

    /// Whether the text up to `to` (where a code point starts when it is well-formed) is.
    fn well_formed_to(&mut self, to: usize) -> bool {
        if to > self.checked {
            if !crate::chrome::well_formed(&self.text[self.checked.max(self.byte)..to]) {
                self.counting = false;
                return false;
            }
            self.checked = to;
        }
        true
    }

    /// The byte where code point `point` starts, or the text's length when it has no more
    /// (`self.point` then says how many it has). A point before the cursor's stays where it is.
    fn seek(&mut self, point: usize) -> usize {
        if point <= self.point {
            return self.byte;
        }
        if self.counting {
            let (byte, reached) = skip_to(self.text, self.byte, self.point, point);
            if self.well_formed_to(byte) {
                (self.byte, self.point) = (byte, reached);
                return byte;
            }
        }
        while self.point < point {
            let Some((_, width)) = decode_at(self.text, self.byte) else { break };
            self.byte += width;
            self.point += 1;
        }
        self.byte
    }

    /// The code point that starts at byte `to` (a newline's, or the text's end), from the
    /// cursor's on: the cursor moves there.
    fn seek_byte(&mut self, to: usize) -> usize {
        if self.counting && self.well_formed_to(to) {
            self.point += fast_count(&self.text[self.byte..to]);
            self.byte = to;
        }
        while self.byte < to {
            let Some((_, width)) = decode_at(self.text, self.byte) else { break };
            self.byte += width;
            self.point += 1;
        }
        self.point
    }

    /// How many code points `self.text[from..to]` holds (where code points start, before
    /// the cursor's byte).
    fn count_behind(&self, from: usize, to: usize) -> usize {
        let bytes = &self.text[from..to];
        if self.counting {
            fast_count(bytes)
        } else {
            CodePoints::new(bytes).count()
        }
    }
}

/// Where code point `point` of a well-formed `text` starts (its length when it has fewer),
/// from `byte`, where code point `at` starts (`at <= point`): the byte and the code point
/// reached (`point`, or how many the text has).
fn skip_to(text: &[u8], byte: usize, at: usize, point: usize) -> (usize, usize) {
    let (mut byte, mut at) = (byte, at);
    // whole blocks while the point starts after them, large ones first
    for block in [1024, 64] {
        while byte + block <= text.len() && at + block / 4 <= point {
            let openings = fast_count(&text[byte..byte + block]);
            if at + openings > point {
                break;
            }
            at += openings;
            byte += block;
        }
    }
    // `byte` may stand inside a character: code point `at` starts at the next opening byte
    while byte < text.len() && text[byte] & 0xC0 == 0x80 {
        byte += 1;
    }
    while at < point && byte < text.len() {
        byte += 1;
        while byte < text.len() && text[byte] & 0xC0 == 0x80 {
            byte += 1;
        }
        at += 1;
    }
    (byte, at)
}

// What the words of the pattern are to the prefilter (bits of a word's kind).
const OPENS: u16 = 1; // a start word or 小编: an offer's lookaheads read after it
const WHO_WORD: u16 = 2;
const VERB_WORD: u16 = 4;
const THING_WORD: u16 = 8; // 篇 too, which ends a THING's digit run
const WELCOME_WORD: u16 = 16;
const MORE_OPENS: u16 = 32; // 更多
const MORE_END: u16 = 64;
const STOP: u16 = 128; // `is_stop`
const TERMINATOR: u16 = 256; // `is_terminator`

/// The prefilter's automaton over every word of the pattern and the stops, and each
/// pattern's kind; built once.
fn prefilter() -> &'static (AhoCorasick, Vec<u16>) {
    static BUILT: OnceLock<(AhoCorasick, Vec<u16>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut kinds: BTreeMap<&str, u16> = BTreeMap::new();
        let groups: [(&[&str], u16); 9] = [
            (&START_WORDS, OPENS),
            (&["小编"], OPENS),
            (&WHO, WHO_WORD),
            (&VERB, VERB_WORD),
            (&THING, THING_WORD),
            (&["篇"], THING_WORD),
            (&WELCOME, WELCOME_WORD),
            (&["更多"], MORE_OPENS),
            (&MORE_ENDS, MORE_END),
        ];
        for (words, kind) in groups {
            for word in words {
                *kinds.entry(word).or_default() |= kind;
            }
        }
        for stop in ["。", "！", "？", "!", "?"] {
            kinds.insert(stop, STOP | TERMINATOR);
        }
        for stop in [":", "："] {
            kinds.insert(stop, STOP);
        }
        let (words, kinds): (Vec<&str>, Vec<u16>) = kinds.into_iter().unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(words)
            .expect("the offer words build an automaton");
        (automaton, kinds)
    })
}

/// The stretches of a line's bytes that may hold an offer (byte spans, in order), each of whole
/// sentences: from a line's start or the end of a run of terminators (`。！？!?`) to the end of
/// one or the line's. A match never runs over the end of a run of terminators (nothing in the
/// pattern reads a terminator but the run that ends it) and reads the start of a sentence as it
/// reads a line's (the lead is empty after a terminator as at a line's start), so the matches
/// of a line are those of these stretches read as lines. A stretch may hold one when it holds
/// a start word or 小编 with, after it and before the next stop, a WHO and a VERB word or a
/// THING and a WELCOME word (what the lookaheads need), or 更多 with one of its end words after
/// it before the next terminator. A word's bytes stand in the bytes wherever it stands in the
/// code points, malformed bytes or not, so a stretch this leaves out holds no match.
fn candidate_chunks(line: &[u8], chunks: &mut Vec<(usize, usize)>) {
    let (automaton, kinds) = prefilter();
    let (mut opened, mut seen, mut more, mut passed) = (false, 0u16, false, false);
    let mut chunk = 0; // where the sentence being read starts
    let mut run_end = None; // the end of the run of terminators just read
    // hits come by where they end: a word that starts after another ends after it
    for hit in automaton.find_overlapping_iter(line) {
        let kind = kinds[hit.pattern().as_usize()];
        if let Some(end) = run_end {
            if kind & TERMINATOR != 0 && hit.start() == end {
                run_end = Some(hit.end());
                continue;
            }
            if passed {
                chunks.push((chunk, end));
            }
            (chunk, passed, run_end) = (end, false, None);
        }
        if kind & STOP != 0 {
            (opened, seen) = (false, 0);
            if kind & TERMINATOR != 0 {
                more = false;
                run_end = Some(hit.end());
            }
            continue;
        }
        if opened {
            seen |= kind;
            passed |= (seen & WHO_WORD != 0 && seen & VERB_WORD != 0) || (seen & THING_WORD != 0 && seen & WELCOME_WORD != 0);
        }
        passed |= more && kind & MORE_END != 0;
        opened |= kind & OPENS != 0;
        more |= kind & MORE_OPENS != 0;
    }
    if passed {
        chunks.push((chunk, run_end.unwrap_or(line.len())));
    }
}

/// Whether a line's bytes may hold an offer ([`candidate_chunks`]).
#[cfg(test)]
fn may_match(line: &[u8]) -> bool {
    let mut chunks = Vec::new();
    candidate_chunks(line, &mut chunks);
    !chunks.is_empty()
}

/// Whether a line holds a word that an offer opens with.
fn has_opening(line: &[u32]) -> bool {
    let end = line.len();
    (0..end).any(|at| {
        matches!(char::from_u32(line[at]), Some('以' | '下' | '接' | '这' | '本' | '小' | '更'))
            && (any_word(line, at, end, &START_WORDS) || starts(line, at, end, "小编") || starts(line, at, end, "更多"))
    })
}

// --- the rule (remove_offer) --------------------------------------------------------------------

/// `patterns.SENTENCE_END`: a line ending in one is a sentence.
fn is_sentence_end(c: u32) -> bool {
    is_terminator(c) || c == 0x2026
}

/// A line no longer than this, and no sentence, above an intro is a title or chrome.
const INTRO_LEAD_LINE: usize = 60;

/// `boilerplate._SPACES`: the spaces the whitespace rule takes off a line edge.
fn is_edge_space(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x3000 | 0xA0 | 0x2002..=0x200A)
}

fn is_space(table: &Table, c: u32) -> bool {
    table.of(c) & LINE_SPACE != 0
}

/// `points[start..end].strip()`'s span.
fn stripped(table: &Table, points: &[u32], start: usize, end: usize) -> (usize, usize) {
    let (mut start, mut end) = (start, end);
    while start < end && is_space(table, points[start]) {
        start += 1;
    }
    while end > start && is_space(table, points[end - 1]) {
        end -= 1;
    }
    (start, end)
}

fn line_start(points: &[u32], at: usize) -> usize {
    points[..at].iter().rposition(|&c| c == 0x0A).map_or(0, |newline| newline + 1)
}

fn line_end(points: &[u32], at: usize) -> usize {
    points[at..].iter().position(|&c| c == 0x0A).map_or(points.len(), |offset| at + offset)
}

/// `INTRO_SENTENCE`'s words: a sentence of a genre intro talks about the genre or writing it.
const INTRO_WORDS: [&str; 30] = [
    "心得", "体会", "演讲", "讲话", "发言", "致辞", "读后感", "观后感", "范文", "作文", "征文", "倡议书", "申请书", "策划书",
    "总结", "感谢信", "写作", "书写", "文体", "写一篇", "写好", "写出", "写作", "如何写", "怎么写", "怎样写",
    "吗？", "吗?", "呢？", "呢?",
]; // fmt: skip

/// `INTRO_SENTENCE.search`: one of the words, or 吧 then only `。！!？?` to the end.
fn is_intro_sentence(points: &[u32]) -> bool {
    let end = points.len();
    if (0..end).any(|at| any_word(points, at, end, &INTRO_WORDS)) {
        return true;
    }
    let mut last = end;
    while last > 0 && matches!(points[last - 1], 0x3002 | 0xFF01 | 0x21 | 0xFF1F | 0x3F) {
        last -= 1;
    }
    last > 0 && points[last - 1] == '吧' as u32
}

/// `_intro_verdict`: `Some(true)` when every sentence of `before` is genre-intro talk,
/// `None` when some are, `Some(false)` when none is. Sentences are split after each
/// `。！？!?` and at a comma that only spaces (`\s`) follow, then stripped of ` \t，,`.
fn intro_verdict(table: &Table, before: &[u32]) -> Option<bool> {
    let end = before.len();
    let mut comma = end; // the comma the pattern splits at, if any
    let mut at = end;
    while at > 0 && table.of(before[at - 1]) & PATTERN_SPACE != 0 {
        at -= 1;
    }
    if at > 0 && is_comma(before[at - 1]) {
        comma = at - 1;
    }
    let (mut any, mut all, mut count) = (false, true, 0usize);
    let mut judge = |piece: &[u32]| {
        let (mut first, mut last) = (0, piece.len());
        let strip = |c: u32| matches!(c, 0x20 | 0x09 | 0xFF0C | 0x2C);
        while first < last && strip(piece[first]) {
            first += 1;
        }
        while last > first && strip(piece[last - 1]) {
            last -= 1;
        }
        if first < last {
            let intro = is_intro_sentence(&piece[first..last]);
            count += 1;
            any |= intro;
            all &= intro;
        }
    };
    let mut piece = 0;
    for at in 0..end {
        if at == comma {
            judge(&before[piece..at]);
            piece = at + 1;
        } else if is_terminator(before[at]) {
            judge(&before[piece..=at]);
            piece = at + 1;
        }
    }
    judge(&before[piece.min(end)..]);
    if count > 0 && all {
        Some(true)
    } else if any {
        None
    } else {
        Some(false)
    }
}

fn skip_spaces(points: &[u32], at: usize) -> usize {
    let mut at = at;
    while at < points.len() && is_edge_space(points[at]) {
        at += 1;
    }
    at
}

/// `_widened`: a removal of `start..end` that also takes the spaces it would strand at the
/// start or end of its line.
fn widened(points: &[u32], start: usize, end: usize) -> Finding {
    let (mut left, mut right) = (start, end);
    while left > 0 && is_edge_space(points[left - 1]) {
        left -= 1;
    }
    while right < points.len() && is_edge_space(points[right]) {
        right += 1;
    }
    let at_line_start = left == 0 || points[left - 1] == 0x0A;
    let at_line_end = right == points.len() || points[right] == 0x0A;
    Finding::fix(if at_line_end { left } else { start }, if at_line_start || at_line_end { right } else { end }, "")
}

/// `_removals`: the spans sorted, those only spaces apart merged, each widened.
fn removals(points: &[u32], mut spans: Vec<(usize, usize)>, out: &mut Vec<Finding>) {
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= skip_spaces(points, last.1) => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    out.extend(merged.into_iter().map(|(start, end)| widened(points, start, end)));
}

/// The code points of `text` (as the binding hands it over).
pub fn points_of(text: &[u8]) -> Vec<u32> {
    CodePoints::new(text).map(|(_, point)| point).collect()
}

/// The offer rule's findings on `text`, given the text folded to simplified script
/// (`None`: nothing folds) and its offer trigger lines (code-point spans, in order).
///
/// The rule reads the text only around its matches: each run of lines that holds matches
/// (see [`Window`]) is decoded on its own, and the lines above the first match only until
/// the text's first sentence line, so a huge text costs no more memory than its longest
/// such run.
///
/// ```
/// use cutter_core::offer::offers;
/// let text = "工匠精神是时代的需要，以下是小编为大家收集的故事，希望大家喜欢！";
/// let found = offers(text.as_bytes(), None, &[(0, 32)]);
/// assert_eq!((found[0].start, found[0].end, found[0].after), (10, 32, "。"));
/// ```
pub fn offers(text: &[u8], folded: Option<&[u8]>, lines: &[(usize, usize)]) -> Vec<Finding> {
    if lines.is_empty() {
        return Vec::new();
    }
    let (matches, checked) = matches_in(folded.unwrap_or(text), lines, true);
    if matches.is_empty() {
        return Vec::new();
    }
    if let Some(folded) = folded {
        // (without a fold, the matches lie in the text: the lines were read in it)
        let size = |bytes: &[u8]| if crate::chrome::well_formed(bytes) { fast_count(bytes) } else { CodePoints::new(bytes).count() };
        let length = size(text);
        if size(folded) != length || matches.iter().any(|m| m.end > length) {
            return Vec::new(); // a fold keeps every offset: never otherwise
        }
    }
    let table = line_classes();
    let mut found = Found::default();
    let mut sentence = FirstSentence::new(text);
    let mut text_cursor = Cursor::new(text, true, if folded.is_none() { checked } else { 0 });
    let mut folded_cursor = folded.map(|folded| Cursor::new(folded, true, checked));
    let mut first = 0;
    while first < matches.len() {
        let window = Window::around(&mut text_cursor, &matches, first);
        let local: Vec<Match> = matches[first..window.last]
            .iter()
            .map(|m| Match { start: m.start - window.start, offer: m.offer - window.start, end: m.end - window.start, comma: m.comma })
            .collect();
        first = window.last;
        let points: Vec<u32> = CodePoints::new(&text[window.bytes.0..window.bytes.1]).map(|(_, point)| point).collect();
        let folded_points = folded_cursor.as_mut().map(|cursor| {
            let from = cursor.seek(window.start);
            let to = cursor.seek(window.start + points.len());
            CodePoints::new(&cursor.text[from..to]).map(|(_, point)| point).collect::<Vec<_>>()
        });
        let folded_points = folded_points.as_deref().unwrap_or(&points);
        let mut sentence_above = |start: usize| sentence.before(table, window.start + start);
        window_findings(table, &points, folded_points, &local, &mut sentence_above, &mut found, window.start);
    }
    let Found { mut flags, glued, removed } = found;
    flags.extend(glued);
    flags.extend(removed);
    flags
}

/// The rule's findings in the order it yields them: the intro flags, the glued offers'
/// fixes, then the removals in the text's order.
#[derive(Default)]
struct Found {
    flags: Vec<Finding>,
    glued: Vec<Finding>,
    removed: Vec<Finding>,
}

/// A run of whole lines of the text that holds matches: from the start of the first's line
/// to the end of the line where the last ends (its newline, not taken, or the text's end),
/// and no match starts at its end. What the rule reads about a match (its line, the spaces
/// beside it, the offers beside it) lies in its window, and removals in two windows never
/// merge (a newline stands between them).
struct Window {
    /// The first code point, and the window's bytes.
    start: usize,
    bytes: (usize, usize),
    /// One past the index of its last match.
    last: usize,
}

impl Window {
    /// The window of `matches[first]` and the matches after it that it holds.
    fn around(cursor: &mut Cursor, matches: &[Match], first: usize) -> Window {
        let text = cursor.text;
        let found = matches[first];
        let at = cursor.seek(found.start);
        let line = memrchr(b'\n', &text[..at]).map_or(0, |newline| newline + 1);
        let start = found.start - cursor.count_behind(line, at);
        let mut last = first;
        let mut end_byte;
        loop {
            let from = cursor.seek(matches[last].end);
            end_byte = memchr(b'\n', &text[from..]).map_or(text.len(), |offset| from + offset);
            let end_point = cursor.seek_byte(end_byte);
            last += 1;
            if last == matches.len() || matches[last].start > end_point {
                break;
            }
        }
        Window { start, bytes: (line, end_byte), last }
    }
}

/// `_first_sentence_line`, read as far as asked: whether the text's first line that is a
/// sentence starts before a given code point.
struct FirstSentence<'a> {
    text: &'a [u8],
    /// The line read next: its first byte and code point.
    byte: usize,
    point: usize,
    /// Where the first sentence line starts, once found; `None` too when the text has none.
    found: Option<usize>,
    done: bool,
}

impl<'a> FirstSentence<'a> {
    fn new(text: &'a [u8]) -> FirstSentence<'a> {
        FirstSentence { text, byte: 0, point: 0, found: None, done: false }
    }

    /// Whether the first sentence line starts before code point `limit`.
    fn before(&mut self, table: &Table, limit: usize) -> bool {
        while self.found.is_none() && !self.done && self.point < limit {
            let text = self.text;
            let end = memchr(b'\n', &text[self.byte..]).map_or(text.len(), |offset| self.byte + offset);
            let line = &text[self.byte..end];
            // the line stripped of spaces: its length and last code point
            let (mut size, mut first, mut last, mut last_point) = (0, None, 0, 0);
            for (_, point) in CodePoints::new(line) {
                if !is_space(table, point) {
                    first.get_or_insert(size);
                    (last, last_point) = (size + 1, point);
                }
                size += 1;
            }
            if first.is_some_and(|first| last - first > INTRO_LEAD_LINE || is_sentence_end(last_point)) {
                self.found = Some(self.point);
            } else if end == text.len() {
                self.done = true;
            } else {
                self.byte = end + 1;
                self.point += size + 1;
            }
        }
        self.found.is_some_and(|found| found < limit)
    }
}

/// The rule's findings on the matches of one window (`points`, its code points, from code
/// point `offset` of the text; `folded`, the same of the folded text; `matches`, by the
/// window's positions). `sentence_above(start)`: whether the text's first sentence line
/// starts above the window's line at `start`.
fn window_findings(
    table: &Table,
    points: &[u32],
    folded: &[u32],
    matches: &[Match],
    sentence_above: &mut dyn FnMut(usize) -> bool,
    found: &mut Found,
    offset: usize,
) {
    let moved = |finding: Finding| Finding { start: finding.start + offset, end: finding.end + offset, ..finding };
    let mut spans = Vec::new();
    let mut whole_lines = Vec::new();
    let line_of: Vec<usize> = matches.iter().map(|m| line_start(points, m.start)).collect();
    let mut group = 0;
    while group < matches.len() {
        let start = line_of[group];
        let mut last = group;
        while last + 1 < matches.len() && line_of[last + 1] == start {
            last += 1;
        }
        let offers = &matches[group..=last];
        group = last + 1;
        let end = line_end(points, start);
        let first = offers[0].start;
        let (intro_first, intro_last) = stripped(table, points, start, first);
        // (a match runs over its line's end only on spans that are no lines: nothing is kept after it)
        let gap_kept = |from: usize, to: usize| points[from.min(to)..to].iter().any(|&c| !matches!(c, 0x20 | 0x09 | 0xFF0C | 0x2C));
        let gaps = offers.windows(2).any(|pair| gap_kept(pair[0].end, pair[1].start)) || gap_kept(offers[offers.len() - 1].end, end);
        if intro_first == intro_last || gaps || sentence_above(start) {
            continue;
        }
        match intro_verdict(table, &folded[start..first]) {
            Some(true) => {
                spans.push((start, offers[offers.len() - 1].end));
                whole_lines.push(start);
            }
            None => {
                let mut message = "possible site intro before an offer: “".as_bytes().to_vec();
                for &c in &points[intro_first..intro_last.min(intro_first + 16)] {
                    push_point(&mut message, c);
                }
                message.extend_from_slice("…”".as_bytes());
                found.flags.push(moved(Finding { start, end: first, after: "", message: Some(message) }));
            }
            Some(false) => {}
        }
    }
    for (offer, &start) in matches.iter().zip(&line_of) {
        if whole_lines.contains(&start) {
            continue;
        }
        let (first, last) = stripped(table, points, start, offer.start);
        let written = first < last;
        let glued = offer.comma || (written && !matches!(points[offer.start - 1], 0x3002 | 0xFF01 | 0xFF1F | 0x21 | 0x3F | 0x3000 | 0x20 | 0x09));
        if glued {
            found.glued.push(moved(if written { Finding::fix(offer.start, offer.end, "。") } else { widened(points, offer.start, offer.end) }));
        } else {
            spans.push((offer.offer, offer.end));
        }
    }
    let mut removed = Vec::new();
    removals(points, spans, &mut removed);
    found.removed.extend(removed.into_iter().map(moved));
}

// --- title-repeat: the lines worth comparing with the title -------------------------------------

/// `_lines_opening_with` and the length check of `remove_title_repeat`: the (start, end) of
/// every line, no longer than `longest` code points, whose first characters after its
/// indentation (` \t\u3000`) are one of `prefixes` (in the form [`crate::text`] describes);
/// each line once, in order. Each prefix is found wherever it stands, overlaps too, as
/// `str.find` from one past the last finds it, and its line counts when only indentation is
/// before it there (a prefix may run across the line's end).
///
/// ```
/// use cutter_core::offer::lines_opening_with;
/// let text = "尊敬的老师：\n 演讲稿(精选3篇)\n我的演讲稿";
/// assert_eq!(lines_opening_with(text.as_bytes(), &["演讲"], 40), vec![(7, 17)]);
/// ```
pub fn lines_opening_with<P: AsRef<[u8]>>(text: &[u8], prefixes: &[P], longest: usize) -> Vec<(usize, usize)> {
    let mut starts = Vec::new(); // byte offsets of the lines' starts
    if prefixes.iter().any(|prefix| prefix.as_ref().is_empty()) {
        starts.push(0); // every line opens with the empty prefix
        starts.extend(memchr::memchr_iter(b'\n', text).map(|at| at + 1));
    } else {
        for prefix in prefixes {
            let finder = memmem::Finder::new(prefix.as_ref());
            let mut from = 0;
            while let Some(offset) = finder.find(&text[from..]) {
                let found = from + offset;
                let line = memrchr(b'\n', &text[..found]).map_or(0, |newline| newline + 1);
                if is_indentation(&text[line..found]) {
                    starts.push(line);
                }
                // the next occurrence may overlap this one (str.find from found + 1)
                from = found + 1;
                while from < text.len() && text[from] & 0xC0 == 0x80 {
                    from += 1;
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
    }
    let mut found = Vec::new();
    let (mut byte, mut point) = (0, 0);
    for line in starts {
        point += count(&text[byte..line]);
        byte = line;
        let end = memchr(b'\n', &text[line..]).map_or(text.len(), |offset| line + offset);
        let size = count(&text[line..end]);
        if size <= longest {
            found.push((point, point + size));
        }
    }
    found
}

/// Whether `bytes` are only spaces, tabs and U+3000 (`not s.strip(" \t\u3000")`).
fn is_indentation(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' => at += 1,
            0xE3 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x80]) => at += 3,
            _ => return false,
        }
    }
    true
}

/// `title_form`: `text` without `\s` and `\p{Cf}` (the `regex` module's classes).
pub fn title_form(text: &[u8]) -> Vec<u8> {
    let table = line_classes();
    let mut out = Vec::with_capacity(text.len());
    for (_, point) in CodePoints::new(text) {
        if table.of(point) & (PATTERN_SPACE | FORMAT) == 0 {
            push_point(&mut out, point);
        }
    }
    out
}

#[cfg(test)]
#[path = "offer_old.rs"]
mod old;

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk that counts while the text is well-formed and decodes from the first stretch
    /// that is not finds every code point where decoding the whole text finds it: texts of
    /// well-formed runs (long ones too: the count skips 1,024 and 64 bytes at a time) with malformed
    /// bytes anywhere, walked by code points and to newlines, with and without a checked start.
    #[test]
    fn the_counting_walk_finds_the_code_points_decoding_finds() {
        let parts: [&[u8]; 9] = [
            "以下是小编".as_bytes(), b"\n", b"a", "\u{20021}".as_bytes(), b"\xed\xa0\x80", b"\xbf", b"\xe4\xb8", b"\xf0\x9f\x98",
            "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸".as_bytes(),
        ];
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for _ in 0..20_000 {
            let mut text = Vec::new();
            for _ in 0..next() % 48 {
                // mostly well-formed parts, so that malformed ones come after long well-formed runs
                let part = if next() % 3 == 0 { next() % 9 } else { [0, 1, 2, 3, 8][(next() % 5) as usize] };
                text.extend_from_slice(parts[part as usize]);
            }
            let starts: Vec<usize> = CodePoints::new(&text).map(|(at, _)| at).chain([text.len()]).collect();
            let checked = if next() % 2 == 0 { 0 } else { starts[(next() as usize) % starts.len()] };
            let checked = if crate::chrome::well_formed(&text[..checked]) { checked } else { 0 };
            let mut cursor = Cursor::new(&text, true, checked);
            let mut point = 0;
            for _ in 0..6 {
                if next() % 2 == 0 {
                    point += (next() as usize) % (starts.len() + 1);
                    let byte = cursor.seek(point);
                    assert_eq!((byte, cursor.point), (starts[point.min(starts.len() - 1)], point.min(starts.len() - 1)), "{text:?}");
                } else {
                    let newline = memchr(b'\n', &text[cursor.byte..]).map_or(text.len(), |offset| cursor.byte + offset);
                    let at = cursor.seek_byte(newline);
                    assert_eq!(starts[at], newline, "{text:?}");
                    point = at;
                }
                let from = starts[(next() as usize) % (point.min(starts.len() - 1) + 1)];
                assert_eq!(cursor.count_behind(from, cursor.byte), CodePoints::new(&text[from..cursor.byte]).count());
            }
        }
    }

    /// A line read by its stretches of whole sentences finds what reading it whole finds: long
    /// lines of offers, near misses and plain sentences, with runs of terminators, colons and
    /// commas between them.
    #[test]
    fn a_line_read_by_sentences_finds_what_reading_it_whole_finds() {
        let parts = [
            "以下是小编为大家整理的范文", "更多精彩尽在本站", "下面是我的体会", "这里为大家准备了心得，希望大家喜欢", "今天天气很好", "小编",
            "。", "！！", "？", "!", "?。", "：", ":", "，", ",", " ", "3篇", "更多", "请访问", "甲乙丙丁戊己庚辛壬癸",
        ];
        let mut rng = 0x5851_F42D_4C95_7F2Du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut found = 0;
        for _ in 0..20_000 {
            let line: String = (0..next() % 30).map(|_| parts[(next() % parts.len() as u64) as usize]).collect();
            let points = points_of(line.as_bytes());
            let whole = offer_matches(&points, &[(0, points.len())]);
            assert_eq!(matches_on_lines(line.as_bytes(), &[(0, points.len())]), whole, "{line}");
            found += whole.len();
        }
        assert!(found > 10_000, "{found}");
    }

    /// A stray continuation byte reads as one U+FFFD, as everywhere in the core: spans that
    /// count it as none (`text::count`) run over a line's end, which once made the rule panic.
    #[test]
    fn a_stray_continuation_byte_is_one_code_point_and_no_panic() {
        let mut text = b"\xbf\xbf\n".to_vec();
        text.extend_from_slice("下面是小编整理的范文。".as_bytes());
        // on the second line, after two stray bytes: two code points and the newline before it
        assert_eq!(offers(&text, None, &[(3, 14)]), vec![Finding::fix(3, 14, "")]);
        // the same lines counted with `count`, which skips the stray bytes: the first runs over the newline
        offers(&text, None, &[(0, count(&text))]);
        let mut text = "更多尽在本站小编".as_bytes().to_vec();
        text.extend_from_slice(b"\xbf\x80\n");
        text.extend_from_slice("体会吗？".as_bytes());
        text.push(0xFF);
        assert!(old_panics(|| old::offers(&text, None, &[(0, 16)])), "the old rule panicked here");
        // a span that is no line: the match runs over the newline to the question mark
        assert_eq!(offers(&text, None, &[(0, 16)]), vec![Finding::fix(0, 15, "")]);
        offers(&text, None, &[(0, count(&text))]);
    }

    fn old_panics<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> bool {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let panicked = std::panic::catch_unwind(f).is_err();
        std::panic::set_hook(hook);
        panicked
    }

    /// Pieces dumped by a bench script (u64 length, bytes, u64 line count, (u64, u64) lines),
    /// read from `$OFFER_PIECES`.
    type Piece = (Vec<u8>, Vec<(usize, usize)>);
    type Rule<'a> = &'a dyn Fn(&[u8], &[(usize, usize)]) -> usize;

    fn dumped_pieces() -> Vec<Piece> {
        let Ok(path) = std::env::var("OFFER_PIECES") else { return Vec::new() };
        let data = std::fs::read(path).unwrap();
        let word = |at: usize| u64::from_le_bytes(data[at..at + 8].try_into().unwrap()) as usize;
        let (mut at, mut pieces) = (0, Vec::new());
        while at < data.len() {
            let (size, lines) = (word(at), word(at + 8));
            at += 16;
            let text = data[at..at + size].to_vec();
            at += size;
            let spans = (0..lines).map(|i| (word(at + 16 * i), word(at + 16 * i + 8))).collect();
            at += 16 * lines;
            pieces.push((text, spans));
        }
        pieces
    }

    /// `OFFER_PIECES=FILE cargo test --release -p cutter-core offer::tests::timing -- --ignored --nocapture`:
    /// the MB/s of `offers` and of the old rule over the dumped pieces, alternating.
    #[test]
    #[ignore]
    fn timing() {
        let pieces = dumped_pieces();
        let size: usize = pieces.iter().map(|(text, _)| text.len()).sum();
        for (text, lines) in &pieces {
            assert_eq!(offers(text, None, lines), old::offers(text, None, lines));
        }
        let time = |f: Rule| {
            let mut best = f64::MAX;
            for _ in 0..15 {
                let started = std::time::Instant::now();
                let found: usize = pieces.iter().map(|(text, lines)| f(text, lines)).sum();
                std::hint::black_box(found);
                best = best.min(started.elapsed().as_secs_f64());
            }
            best
        };
        let (mut passed, mut all, mut with_matches, mut bytes_passed) = (0, 0, 0, 0);
        for (text, lines) in &pieces {
            let mut cursor = Cursor::new(text, true, 0);
            for &(start, end) in lines {
                let from = cursor.seek(start);
                let to = cursor.seek(end);
                all += 1;
                if may_match(&text[from..to]) {
                    passed += 1;
                    bytes_passed += to - from;
                }
            }
            with_matches += usize::from(!matches_in(text, lines, true).0.is_empty());
        }
        eprintln!("{all} lines, {passed} pass the prefilter ({bytes_passed} bytes), {with_matches} pieces with matches");
        if std::env::var("OFFER_ONLY").is_ok() {
            for _ in 0..20 {
                time(&|text, lines| offers(text, None, lines).len());
            }
            return;
        }
        let wf = time(&|text, _| usize::from(crate::chrome::well_formed(text)));
        let std = time(&|text, _| usize::from(std::str::from_utf8(text).is_ok()));
        let fc = time(&|text, _| fast_count(text));
        eprintln!("well_formed {:.0} MB/s, from_utf8 {:.0} MB/s, fast_count {:.0} MB/s", size as f64 / 1e6 / wf, size as f64 / 1e6 / std, size as f64 / 1e6 / fc);
        for _ in 0..2 {
            let new = time(&|text, lines| offers(text, None, lines).len());
            let was = time(&|text, lines| old::offers(text, None, lines).len());
            eprintln!("{} pieces, {:.1} MB: offers {:.0} MB/s ({:.2} ms), old {:.0} MB/s ({:.2} ms)", pieces.len(), size as f64 / 1e6,
                size as f64 / 1e6 / new, new * 1e3, size as f64 / 1e6 / was, was * 1e3);
        }
    }

    fn apply(text: &str, found: &[Finding]) -> String {
        let points: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for finding in found.iter().filter(|f| f.message.is_none()) {
            out.extend(&points[at..finding.start]);
            out.push_str(finding.after);
            at = finding.end;
        }
        out.extend(&points[at..]);
        out
    }

    /// Every line as a trigger line (the rule reads only those, and a line without an
    /// opening word finds nothing).
    fn all_lines(text: &str) -> Vec<(usize, usize)> {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let size = line.chars().count();
            lines.push((start, start + size));
            start += size + 1;
        }
        lines
    }

    fn find(text: &str) -> Vec<Finding> {
        offers(text.as_bytes(), None, &all_lines(text))
    }

    fn message(finding: &Finding) -> String {
        String::from_utf8(finding.message.clone().unwrap()).unwrap()
    }

    #[test]
    fn a_glued_offer_becomes_a_full_stop() {
        let text = "弘扬工匠精神是时代的需要，以下是小编为大家收集的故事，希望大家喜欢！";
        assert_eq!(apply(text, &find(text)), "弘扬工匠精神是时代的需要。");
        // glued to a Han character, with no lead at all (under a sentence: no intro)
        let text = "第一行是一个句子。\n要写好心得体会以下是小编整理的范文，供大家参考。";
        assert_eq!(apply(text, &find(text)), "第一行是一个句子。\n要写好心得体会。");
        // on the text's first paragraph, the intro talks about the genre: the line goes
        assert_eq!(apply("要写好心得体会以下是小编整理的范文，供大家参考。", &find("要写好心得体会以下是小编整理的范文，供大家参考。")), "");
    }

    #[test]
    fn an_offer_after_a_sentence_is_removed() {
        let text = "工匠精神是一种精神理念。下面是两篇关于弘扬“工匠精神”文章，欢迎阅读！";
        assert_eq!(apply(text, &find(text)), "工匠精神是一种精神理念。");
        let text = "下面是小编为大家整理的，供大家参考。\n弘扬工匠精神演讲稿一";
        assert_eq!(apply(text, &find(text)), "\n弘扬工匠精神演讲稿一");
    }

    #[test]
    fn a_pointer_to_more_pages_is_removed() {
        let text = "谢谢大家。更多关于演讲稿的范文敬请关注本站频道！";
        assert_eq!(apply(text, &find(text)), "谢谢大家。");
    }

    #[test]
    fn talk_of_the_writer_stays() {
        for text in ["下面是我的三点体会：", "以下是我们班的故事。", "这里的风景很美，我们都喜欢。", "更多的人来到这里。"] {
            assert_eq!(find(text), vec![], "{text}");
        }
        // a colon ends the sentence the lookaheads read
        assert_eq!(find("以下是小编：整理的范文。"), vec![]);
        // an offer longer than one sentence of the pattern is no offer
        let long = format!("以下是小编为大家整理的{}。", "甲".repeat(170));
        assert_eq!(find(&long), vec![]);
    }

    #[test]
    fn a_genre_intro_goes_with_the_offer_that_closes_the_first_paragraph() {
        let text = "演讲稿是在会议上发表的讲话文稿。那么你知道演讲稿怎么写吗？接下来我就给大家介绍一下如何写好演讲稿吧。\n尊敬的老师：";
        assert_eq!(apply(text, &find(text)), "\n尊敬的老师：");
        // only some sentences talk about the genre: the intro stays, flagged
        let text = "今天天气很好。心得体会是一种文体。以下是小编整理的范文，仅供参考。\n正文。";
        let found = find(text);
        assert_eq!(message(&found[0]), "possible site intro before an offer: “今天天气很好。心得体会是一种文体…”");
        assert_eq!(apply(text, &found), "今天天气很好。心得体会是一种文体。\n正文。");
        // under a sentence line the intro is not the text's first paragraph
        let text = "第一行是一个句子。\n心得体会是一种文体。以下是小编整理的范文，仅供参考。";
        assert_eq!(apply(text, &find(text)), "第一行是一个句子。\n心得体会是一种文体。");
    }

    #[test]
    fn traditional_text_is_read_folded() {
        let text = "以下是小編為大家整理的讀後感範文，僅供參考。";
        let folded = "以下是小编为大家整理的读后感范文，仅供参考。";
        let found = offers(text.as_bytes(), Some(folded.as_bytes()), &[(0, 22)]);
        assert_eq!(apply(text, &found), "");
    }

    #[test]
    fn many_openings_on_a_line_read_in_linear_time() {
        let took = |text: &str| {
            let started = std::time::Instant::now();
            find(text);
            started.elapsed().as_secs_f64()
        };
        for unit in ["，以下是小编", "以下", "小编小编小编，", "更多尽在尽在", "，这里为大家整理"] {
            let (small, large) = (took(&unit.repeat(2_000)), took(&unit.repeat(16_000)));
            // eight times the text: about eight times the time, far from the 64 of a quadratic scan
            assert!(large < 24.0 * small + 0.05, "{unit}: {small} s, then {large} s");
        }
    }

    #[test]
    fn the_intro_verdict_splits_as_the_pattern_does() {
        let table = line_classes();
        let points = |s: &str| s.chars().map(|c| c as u32).collect::<Vec<_>>();
        assert_eq!(intro_verdict(table, &points("心得很重要。怎么写好呢？")), Some(true));
        assert_eq!(intro_verdict(table, &points("好吧，\u{3000}")), None); // the space after the comma is a sentence
        assert_eq!(intro_verdict(table, &points("好吧！？")), None); // so is a second mark
        assert_eq!(intro_verdict(table, &points("今天很好。")), Some(false));
        assert_eq!(intro_verdict(table, &points("")), Some(false));
    }

    #[test]
    fn lines_opening_with_a_prefix_are_found_after_their_indentation() {
        let text = "演讲稿\n\u{3000}\t演讲稿(精选3篇)\n我的演讲稿\n演";
        assert_eq!(lines_opening_with(text.as_bytes(), &["演讲"], 40), vec![(0, 3), (4, 15)]);
        assert_eq!(lines_opening_with(text.as_bytes(), &["演"], 40), vec![(0, 3), (4, 15), (22, 23)]);
        assert_eq!(lines_opening_with(text.as_bytes(), &["演"], 3), vec![(0, 3), (22, 23)]);
        // a prefix that opens with indentation is found inside it too, and one across a line end
        assert_eq!(lines_opening_with("  甲".as_bytes(), &[" 甲"], 40), vec![(0, 3)]);
        assert_eq!(lines_opening_with("甲\n乙".as_bytes(), &["甲\n"], 40), vec![(0, 1)]);
        // an empty prefix opens every line, the empty one after a last newline too
        assert_eq!(lines_opening_with("甲\n".as_bytes(), &[""], 40), vec![(0, 1), (2, 2)]);
        assert_eq!(lines_opening_with(b"", &["a"], 40), vec![]);
    }

    #[test]
    fn the_title_form_drops_spaces_and_format_characters() {
        assert_eq!(title_form("演讲稿 (精选\u{200b}3篇)\u{3000}".as_bytes()), "演讲稿(精选3篇)".as_bytes());
    }

    /// tests/cases/offer.json, the spec the Python tests read too.
    #[test]
    fn the_case_table_holds() {
        let path = format!("{}/../../tests/cases/offer.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        let fixes = table["fix"].as_array().unwrap();
        let keeps = table["keep"].as_array().unwrap();
        assert!(!fixes.is_empty() && !keeps.is_empty());
        for case in fixes {
            let (before, after) = (text(&case[0]), text(&case[1]));
            if before.chars().any(|c| "編為爲讀後範僅參講會發表麼寫嗎給紹歡閱".contains(c)) {
                continue; // traditional: read folded, which needs the fold table (the Python tests run these)
            }
            assert_eq!(apply(&before, &find(&before)), after, "offer fix {before:?}");
        }
        for case in keeps.iter().map(text) {
            assert_eq!(find(&case), vec![], "offer keep {case:?}");
        }
        if let Some(flags) = table.get("flag").and_then(|f| f.as_array()) {
            for case in flags.iter().map(text) {
                let found = find(&case);
                assert!(!found.is_empty() && found.iter().any(|f| f.message.is_some()), "offer flag {case:?}");
            }
        }
    }

    /// The lines of a well-formed text are found by counting the text before them, and read
    /// as decoding it finds them: texts of offers, their near misses, lone surrogates,
    /// supplementary characters and long runs (the count skips 64 bytes at a time), with
    /// lines in order, out of order, empty-ended and past the end.
    #[test]
    fn counting_to_the_lines_reads_them_as_decoding_does() {
        let pieces = [
            "以下是小编为大家整理的范文，仅供参考。", "，", "下面是我的体会", "更多精彩尽在本站！", "\n", "\u{3000}", "a", "\u{20021}",
            "正文。", "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁", "\r\n",
        ];
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let mut r = rng;
            let mut text = Vec::new();
            for _ in 0..(r % 14) {
                r = r.rotate_left(9).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ rng;
                match (r >> 59) % 13 {
                    12 => text.extend_from_slice(b"\xed\xa0\x80"),
                    n => text.extend_from_slice(pieces[n as usize % pieces.len()].as_bytes()),
                }
            }
            let size = count(&text);
            let mut lines = Vec::new();
            let mut at = 0usize;
            for _ in 0..(r % 5) {
                r = r.rotate_left(11).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                let start = if r.is_multiple_of(7) { at.saturating_sub(3) } else { at + (r >> 8) as usize % (size / 2 + 2) };
                let end = if r.is_multiple_of(11) { start.saturating_sub(1) } else { start + (r >> 16) as usize % (size + 3) };
                lines.push((start, end));
                at = end.max(start);
            }
            assert!(crate::chrome::well_formed(&text));
            assert_eq!(matches_on_lines(&text, &lines), matches_decoding(&text, &lines), "{:?} {lines:?}", String::from_utf8_lossy(&text));
        }
    }

    /// The rule reads the text only around its matches, and finds there what the rule that
    /// read it whole up to the last match's line found: the case table's texts, with spaces,
    /// sentences, blank lines and CR after them, and as many lines again after.
    #[test]
    fn reading_around_the_matches_finds_what_reading_all_finds() {
        let path = format!("{}/../../tests/cases/offer.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut texts: Vec<String> = Vec::new();
        for case in table["fix"].as_array().unwrap().iter().chain(table["keep"].as_array().unwrap()) {
            let text = case.as_array().map_or(case, |pair| &pair[0]).as_str().unwrap().to_string();
            for tail in ["", "  ", "\u{3000}\n", "\n正文。", "\n\u{3000} \n第二段。\n", "\r\n下一行", " \t"] {
                texts.push(format!("{text}{tail}"));
                texts.push(format!("{text}{tail}\n{text}"));
                texts.push(format!("标题\n{text}{tail}\n\n{text}{tail}"));
            }
        }
        let mut found = 0;
        for text in &texts {
            let lines = all_lines(text);
            let new = offers(text.as_bytes(), None, &lines);
            assert_eq!(new, old::offers(text.as_bytes(), None, &lines), "{text:?}");
            found += usize::from(!new.is_empty());
        }
        assert!(found > 40, "{found}");
    }

    /// Texts put together from offer parts, traditional and folded, malformed bytes, lone
    /// surrogates, CR and supplementary characters: every sequence of up to four parts, then
    /// random ones of up to 24; the rule finds what the old rule found, on the text's lines and
    /// on spans that are no lines (where the old rule did not panic), and the prefilter lets
    /// through every line where the old rule's matcher finds a match.
    #[test]
    fn the_rule_finds_what_the_old_rule_found() {
        // (text, folded): each pair the same number of code points
        const PARTS: [(&str, &str); 34] = [
            ("以下是", "以下是"), ("下面", "下面"), ("这里", "这里"), ("本文", "本文"), ("小編", "小编"), ("為大家", "为大家"),
            ("整理", "整理"), ("範文", "范文"), ("參考", "参考"), ("喜欢", "喜欢"), ("更多", "更多"), ("盡在", "尽在"),
            ("，", "，"), ("。", "。"), ("！", "！"), ("：", "："), ("\n", "\n"), (" ", " "), ("\u{3000}", "\u{3000}"),
            ("心得體會", "心得体会"), ("吗？", "吗？"), ("的", "的"), ("甲乙", "甲乙"), ("3篇", "3篇"), ("内容", "内容"),
            ("\r", "\r"), ("\u{20021}", "\u{20021}"), ("吧", "吧"), ("?", "?"), (",", ","), ("接下来", "接下来"),
            ("很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很", "很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很"),
            ("编辑", "编辑"), ("收集", "收集"),
        ]; // fmt: skip
        const BYTES: [&[u8]; 4] = [b"\xbf", b"\xed\xa0\x80", b"\xe4\xb8", b"\xff"];
        let check = |parts: &[usize], compared: &mut usize| {
            let (mut text, mut folded) = (Vec::new(), Vec::new());
            for &part in parts {
                if part >= PARTS.len() {
                    text.extend_from_slice(BYTES[part - PARTS.len()]);
                    folded.extend_from_slice(BYTES[part - PARTS.len()]);
                } else {
                    text.extend_from_slice(PARTS[part].0.as_bytes());
                    folded.extend_from_slice(PARTS[part].1.as_bytes());
                }
            }
            let points = points_of(&text);
            let mut lines = Vec::new();
            let mut start = 0;
            for (at, &point) in points.iter().enumerate() {
                if point == 0x0A {
                    lines.push((start, at));
                    start = at + 1;
                }
            }
            lines.push((start, points.len()));
            let size = count(&text);
            let odd = [vec![(0, points.len())], vec![(0, size)], vec![(1, 3), (3, size + 2)], vec![(2, 2), (0, 9), (4, 40)]];
            for lines in std::iter::once(&lines).chain(&odd) {
                for folded in [None, Some(&folded[..])] {
                    let new = offers(&text, folded, lines);
                    let Ok(was) = std::panic::catch_unwind(|| old::offers(&text, folded, lines)) else { continue };
                    assert_eq!(new, was, "{:?} {:?} {lines:?}", String::from_utf8_lossy(&text), folded.map(String::from_utf8_lossy));
                    let source = folded.unwrap_or(&text);
                    assert_eq!(matches_in(source, lines, true).0, old::matches_in(source, lines));
                    *compared += 1;
                }
            }
        };
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let all = PARTS.len() + BYTES.len();
        let mut compared = 0;
        for size in 0..=3 {
            let mut parts = vec![0; size];
            loop {
                check(&parts, &mut compared);
                let Some(at) = parts.iter().rposition(|&part| part + 1 < all) else { break };
                parts[at] += 1;
                parts[at + 1..].fill(0);
            }
        }
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for _ in 0..60_000 {
            let size = next() % 25;
            // mostly the offer's own words, so that matches and near misses are common
            let parts: Vec<usize> = (0..size).map(|_| (next() % if next() % 4 == 0 { all as u64 } else { 16 }) as usize).collect();
            check(&parts, &mut compared);
        }
        std::panic::set_hook(hook);
        assert!(compared > 500_000, "{compared}");
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        let size = crate::text::count(&bytes);
        offers(&bytes, None, &[(0, size)]);
        offers(&bytes, Some(b"short"), &[(0, size)]);
        offers(b"abc", None, &[(0, 99), (5, 2), (1, 2)]);
        for text in [&b"\xed\xa0\x80\xef\xbc\x8c\xe4\xbb\xa5\xe4\xb8\x8b"[..], b"\n", b"", b",", b"\x80"] {
            offers(text, None, &[(0, crate::text::count(text))]);
            lines_opening_with(text, &["", "a", "\u{3000}"], 9);
            title_form(text);
        }
    }
}
