//! The offer rule as it was before offerfast2's rework (issue 13), kept for the tests only:
//! the differential tests in `offer.rs` compare the rule with it, and its timing test times
//! both. Not compiled outside `cargo test`.

#![allow(dead_code)]

use crate::tables::{line_classes, Table, FORMAT, HAN, LINE_SPACE, PATTERN_SPACE};
use memchr::{memchr, memmem, memrchr};

use crate::boilerplate::fast_count;
use crate::text::{count, push_point, CodePoints};

pub use super::Finding;

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

pub use super::Match;

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
/// decoded on its own, so a text whose trigger lines hold no offer is never decoded whole.
pub(super) fn matches_in(folded: &[u8], lines: &[(usize, usize)]) -> Vec<Match> {
    if crate::chrome::well_formed(folded) {
        return matches_on_lines(folded, lines);
    }
    matches_decoding(folded, lines)
}

/// [`matches_in`] for a well-formed text (see [`crate::chrome::well_formed`]), where each code
/// point is a byte that is no continuation byte: the text before a line is counted, not decoded.
fn matches_on_lines(folded: &[u8], lines: &[(usize, usize)]) -> Vec<Match> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut points = Vec::new();
    let (mut byte, mut position) = (0, 0); // where code point `position` of `folded` starts
    let total = fast_count(folded);
    for &(start, end) in lines {
        if start < position || start > end {
            continue; // out of order or empty-ended: never passed by the binding
        }
        if start > total {
            break; // past the text's end
        }
        let from = skip_to(folded, byte, position, start);
        let to = skip_to(folded, from, start, end.min(total));
        (byte, position) = (to, end.min(total));
        points.clear();
        points.extend(CodePoints::new(&folded[from..to]).map(|(_, point)| point));
        let mut here = Vec::new();
        line_matches(&points, 0, points.len(), table, &mut here);
        found.extend(here.into_iter().map(|m| Match { start: m.start + start, offer: m.offer + start, end: m.end + start, comma: m.comma }));
    }
    found
}

/// The byte where code point `point` of a well-formed `text` starts (its length when it has
/// fewer), from `byte`, where code point `at` starts (`at <= point`).
fn skip_to(text: &[u8], byte: usize, at: usize, point: usize) -> usize {
    let (mut byte, mut at) = (byte, at);
    // whole blocks while the point starts after them
    while byte + 64 <= text.len() {
        let openings = fast_count(&text[byte..byte + 64]);
        if at + openings > point {
            break;
        }
        at += openings;
        byte += 64;
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
    byte
}

/// [`matches_in`] for any bytes, decoding the text up to each line.
fn matches_decoding(folded: &[u8], lines: &[(usize, usize)]) -> Vec<Match> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut points = Vec::new();
    let mut decoded = CodePoints::new(folded).map(|(_, point)| point);
    let mut position = 0; // code points of `folded` read so far
    for &(start, end) in lines {
        if start < position || start > end {
            continue; // out of order or empty-ended: never passed by the binding
        }
        points.clear();
        // the line's points, offset so that positions stay those of the text
        let skipped = decoded.by_ref().take(start - position).count();
        position += skipped;
        if position < start {
            break; // past the text's end
        }
        points.extend(decoded.by_ref().take(end - start));
        position += points.len();
        let mut here = Vec::new();
        line_matches(&points, 0, points.len(), table, &mut here);
        found.extend(here.into_iter().map(|m| Match { start: m.start + start, offer: m.offer + start, end: m.end + start, comma: m.comma }));
    }
    found
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

/// `_first_sentence_line`: where the text's first line that is a sentence starts
/// (`len + 1` if none).
fn first_sentence_line(table: &Table, points: &[u32]) -> usize {
    let mut start = 0;
    while start <= points.len() {
        let end = line_end(points, start);
        let (first, last) = stripped(table, points, start, end);
        if first < last && (last - first > INTRO_LEAD_LINE || is_sentence_end(points[last - 1])) {
            return start;
        }
        start = end + 1;
    }
    points.len() + 1
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

/// The code points of `text` up to the end of the line that holds code point `reach` (or
/// ends there): up to its newline, not taken, or the text's end.
fn points_to_line_end(text: &[u8], reach: usize) -> Vec<u32> {
    let mut points = Vec::new();
    for (_, point) in CodePoints::new(text) {
        if points.len() >= reach && point == 0x0A {
            break;
        }
        points.push(point);
    }
    points
}

/// The offer rule's findings on `text`, given the text folded to simplified script
/// (`None`: nothing folds) and its offer trigger lines (code-point spans, in order).
///
/// ```
/// use cutter_core::offer::offers;
/// let text = "工匠精神是时代的需要，以下是小编为大家收集的故事，希望大家喜欢！";
/// let found = offers(text.as_bytes(), None, &[(0, 32)]);
/// assert_eq!((found[0].start, found[0].end, found[0].after), (10, 32, "。"));
/// ```
pub fn offers(text: &[u8], folded: Option<&[u8]>, lines: &[(usize, usize)]) -> Vec<Finding> {
    offers_reading(text, folded, lines, false)
}

/// [`offers`], reading the whole text (`whole`) or only up to its last match's line end.
fn offers_reading(text: &[u8], folded: Option<&[u8]>, lines: &[(usize, usize)], whole: bool) -> Vec<Finding> {
    if lines.is_empty() {
        return Vec::new();
    }
    let matches = matches_in(folded.unwrap_or(text), lines);
    if matches.is_empty() {
        return Vec::new();
    }
    let size = |bytes: &[u8]| if crate::chrome::well_formed(bytes) { fast_count(bytes) } else { CodePoints::new(bytes).count() };
    let length = size(text);
    if folded.is_some_and(|folded| size(folded) != length) || matches.iter().any(|m| m.end > length) {
        return Vec::new(); // a fold keeps every offset: never otherwise
    }
    // The rule reads no further than the line of the last match: the text up to that line's
    // end reads as the whole text there (a line end and the text's end read alike).
    let reach = if whole { usize::MAX } else { matches.iter().map(|m| m.end).max().unwrap_or(0) };
    let points = points_to_line_end(text, reach);
    let folded_points = folded.map(|folded| points_to_line_end(folded, reach));
    let folded = folded_points.as_deref().unwrap_or(&points);
    let table = line_classes();
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut whole_lines = Vec::new();
    let mut opening = None;
    let line_of: Vec<usize> = matches.iter().map(|m| line_start(&points, m.start)).collect();
    let mut group = 0;
    while group < matches.len() {
        let start = line_of[group];
        let mut last = group;
        while last + 1 < matches.len() && line_of[last + 1] == start {
            last += 1;
        }
        let offers = &matches[group..=last];
        group = last + 1;
        let end = line_end(&points, start);
        let first = offers[0].start;
        let (intro_first, intro_last) = stripped(table, &points, start, first);
        let gap_kept = |from: usize, to: usize| points[from..to].iter().any(|&c| !matches!(c, 0x20 | 0x09 | 0xFF0C | 0x2C));
        let gaps = offers.windows(2).any(|pair| gap_kept(pair[0].end, pair[1].start)) || gap_kept(offers[offers.len() - 1].end, end);
        if intro_first == intro_last || gaps || start > *opening.get_or_insert_with(|| first_sentence_line(table, &points)) {
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
                out.push(Finding { start, end: first, after: "", message: Some(message) });
            }
            Some(false) => {}
        }
    }
    for (found, &start) in matches.iter().zip(&line_of) {
        if whole_lines.contains(&start) {
            continue;
        }
        let (first, last) = stripped(table, &points, start, found.start);
        let written = first < last;
        let glued = found.comma || (written && !matches!(points[found.start - 1], 0x3002 | 0xFF01 | 0xFF1F | 0x21 | 0x3F | 0x3000 | 0x20 | 0x09));
        if glued {
            out.push(if written { Finding::fix(found.start, found.end, "。") } else { widened(&points, found.start, found.end) });
        } else {
            spans.push((found.offer, found.end));
        }
    }
    removals(&points, spans, &mut out);
    out
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

