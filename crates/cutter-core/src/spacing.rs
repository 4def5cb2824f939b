//! The whitespace rules (`rules/spacing.py`): invisible characters, indentation and trailing
//! spaces removed ([`whitespace`]), and a stray ASCII space inside Chinese removed or flagged
//! ([`cjk_space`]).
//!
//! Each returns its findings in the order the Python rule yielded them, as code-point offsets
//! (as Python's `str` indexes count). The patterns they replaced (`INVISIBLE`, `FORMAT_CHARACTER`,
//! `INK`, `CJK_SPACE`, `CLAUSE_PUNCT` and the particle sets of `cutter.patterns`, read by
//! tests/spacing_reference.py, which keeps the Python as the reference) are written beside the
//! code that reads them below. `\p{Han}`, `\p{Cf}`, `\p{Extended_Pictographic}` and `\s` are the
//! `regex` module's own (the `HAN`, `FORMAT`, `PICTOGRAPHIC` and `PATTERN_SPACE` classes of
//! [`line_classes`]); a test through the binding checks them on every code point.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::{memchr_iter, memmem};

use crate::paragraphs::Finding;
use crate::tables::{line_classes, Table, FORMAT, HAN, PATTERN_SPACE, PICTOGRAPHIC};
use crate::text::{count, decode_at, REPLACEMENT};

/// Code-point offsets of byte offsets that only grow: each is counted from the one before.
pub(crate) struct Offsets<'a> {
    text: &'a [u8],
    byte: usize,
    point: usize,
}

impl<'a> Offsets<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        Offsets { text, byte: 0, point: 0 }
    }

    pub(crate) fn of(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // never asked for (offsets grow), but exact rather than wrong
            return count(&self.text[..byte]);
        }
        self.point += count(&self.text[self.byte..byte]);
        self.byte = byte;
        self.point
    }
}

/// The first byte offset at or after a position that holds one of three bytes, for positions
/// asked in increasing order: each stretch of the text is searched once, by `memchr3`.
pub(crate) struct Ahead {
    bytes: [u8; 3],
    /// The answer to the last question (the text's length: none), or `None` before the first.
    next: Option<usize>,
}

impl Ahead {
    pub(crate) fn new(bytes: [u8; 3]) -> Self {
        Ahead { bytes, next: None }
    }

    /// The first offset `>= from` holding one of the bytes, or `text.len()`.
    #[inline]
    pub(crate) fn find(&mut self, text: &[u8], from: usize) -> usize {
        match self.next {
            Some(next) if next >= from => next,
            _ => {
                let [a, b, c] = self.bytes;
                let next = memchr::memchr3(a, b, c, &text[from.min(text.len())..]).map_or(text.len(), |at| from + at);
                self.next = Some(next);
                next
            }
        }
    }
}

/// The code point that ends at byte `end` (> 0) and where it starts.
pub(crate) fn decode_before(text: &[u8], end: usize) -> (u32, usize) {
    let mut start = end - 1;
    while start > 0 && end - start < 4 && text[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    match decode_at(text, start) {
        Some((point, width)) if start + width == end => (point, start),
        _ => (REPLACEMENT, end - 1),
    }
}

/// The code point before byte `at`, if any.
pub(crate) fn point_before(text: &[u8], at: usize) -> Option<u32> {
    (at > 0).then(|| decode_before(text, at).0)
}

/// The code point at byte `at`, if any.
pub(crate) fn point_at(text: &[u8], at: usize) -> Option<u32> {
    decode_at(text, at).map(|(point, _)| point)
}

pub(crate) fn is_han(table: &Table, point: Option<u32>) -> bool {
    point.is_some_and(|point| table.of(point) & HAN != 0)
}

// --- whitespace ------------------------------------------------------------------------------

/// `HORIZONTAL_SPACES`: space, tab, the ideographic space, the no-break space, U+2002–U+200A.
fn is_horizontal(point: u32) -> bool {
    matches!(point, 0x20 | 0x09 | 0x3000 | 0xA0 | 0x2002..=0x200A)
}

/// The starts of every `\p{Cf}` code point of three or four bytes in UTF-8: their first three
/// bytes, few enough (40) for the SIMD searcher of `aho-corasick` (Teddy, three-byte
/// fingerprints), which finds them at GB/s where a text holds none. The two-byte ones (U+00AD,
/// U+0600–U+070F) open with a byte of [`FORMAT_PAIRS`].
fn format_triples() -> &'static AhoCorasick {
    static STARTS: OnceLock<AhoCorasick> = OnceLock::new();
    STARTS.get_or_init(|| {
        let table = line_classes();
        let mut starts: Vec<Vec<u8>> = (0x800..0x110000u32)
            .filter(|&point| table.of(point) & FORMAT != 0 && !(0x2040..0x2080).contains(&point))
            .filter_map(char::from_u32)
            .map(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[..3].to_vec())
            .collect();
        starts.dedup();
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&starts)
            .expect("the format characters' starts make an automaton (tested)")
    })
}

/// The first two bytes of U+2040–U+207F, which hold fifteen format characters (U+2060–U+206F),
/// too many for the searcher of the others.
const FORMAT_E2_81: &[u8] = b"\xE2\x81";

/// The lead bytes of the two-byte `\p{Cf}` code points (a test reads them off the table).
const FORMAT_PAIRS: [u8; 4] = [0xC2, 0xD8, 0xDB, 0xDC];

/// `INVISIBLE` (`(?<!\p{Extended_Pictographic})\p{Cf}|\p{Cf}(?!\p{Extended_Pictographic})`): the
/// byte spans of the format characters, but those between two pictographs (an emoji's joiner).
fn invisible(text: &[u8], table: &Table) -> Vec<(usize, usize)> {
    let pictograph = |point: Option<u32>| point.is_some_and(|point| table.of(point) & PICTOGRAPHIC != 0);
    let mut found = Vec::new();
    let mut check = |at: usize| {
        let Some((point, width)) = decode_at(text, at) else { return };
        if table.of(point) & FORMAT != 0 && !(pictograph(point_before(text, at)) && pictograph(point_at(text, at + width))) {
            found.push((at, at + width));
        }
    };
    // a format character's bytes are a lead byte and continuation bytes, so no other starts
    // inside a hit: the hits, left to right and apart, are every place one can start (read in
    // any order: the spans are sorted when they are merged)
    let [a, b, c, d] = FORMAT_PAIRS;
    memchr::memchr3_iter(a, b, c, text).chain(memchr_iter(d, text)).for_each(&mut check);
    format_triples().find_iter(text).for_each(|hit| check(hit.start()));
    memmem::find_iter(text, FORMAT_E2_81).for_each(&mut check);
    found
}

/// `_edge_spaces`: for each line, the whole line when it is only spaces, else its leading and
/// trailing spaces where they touch ink (`INK`: `[^\s\p{Cf}]`), as byte spans. `format`: whether
/// the format characters count as spaces (when the text holds an invisible one).
fn edge_spaces(text: &[u8], table: &Table, format: bool, found: &mut Vec<(usize, usize)>) {
    let is_space = |point: u32| is_horizontal(point) || format && table.of(point) & FORMAT != 0;
    let is_ink = |point: u32| table.of(point) & (PATTERN_SPACE | FORMAT) == 0;
    let mut line_start = 0;
    for line_end in memchr_iter(b'\n', text).chain([text.len()]) {
        let (start, end) = (line_start, line_end);
        line_start = line_end + 1;
        if start == end {
            continue;
        }
        // a horizontal space's UTF-8 starts with one of these bytes and ends with one of those:
        // a line that neither opens nor ends so has ink at both edges (when the format characters
        // are no spaces)
        if !format
            && !matches!(text[start], b' ' | b'\t' | 0xC2 | 0xE2 | 0xE3)
            && !matches!(text[end - 1], b' ' | b'\t' | 0x80 | 0x82..=0x8A | 0xA0)
        {
            continue;
        }
        let mut lead = start;
        let mut first_ink = None;
        while let Some((point, width)) = decode_at(text, lead).filter(|_| lead < end) {
            if !is_space(point) {
                first_ink = Some(point);
                break;
            }
            lead += width;
        }
        let Some(first) = first_ink else {
            found.push((start, end));
            continue;
        };
        if lead > start && is_ink(first) {
            found.push((start, lead));
        }
        let mut trail = end;
        while trail > lead {
            let (point, before) = decode_before(text, trail);
            if !is_space(point) {
                if trail < end && is_ink(point) {
                    found.push((trail, end));
                }
                break;
            }
            trail = before;
        }
    }
}

/// The spans sorted, each run of overlapping or touching ones merged (`merge_spans`).
fn merged(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// The `whitespace` rule's fixes (each removes its span): every format character but an emoji's
/// joiner, each line's indentation and trailing spaces (full-width, no-break and the U+2002–U+200A
/// spaces too), and lines of spaces only. Once a text holds an invisible character, the format
/// characters count as spaces at the line edges too (removing one can bring a space to an edge).
///
/// ```
/// use cutter_core::spacing::whitespace;
/// let found = whitespace("\u{3000}\u{3000}工匠\u{200b}精神 ".as_bytes());
/// let spans: Vec<_> = found.iter().map(|f| (f.start, f.end)).collect();
/// assert_eq!(spans, vec![(0, 2), (4, 5), (7, 8)]);
/// assert_eq!(whitespace("家👨\u{200d}👩".as_bytes()), vec![]);
/// ```
pub fn whitespace(text: &[u8]) -> Vec<Finding> {
    let table = line_classes();
    let mut spans = invisible(text, table);
    let format = !spans.is_empty();
    edge_spaces(text, table, format, &mut spans);
    let mut offsets = Offsets::new(text);
    merged(spans)
        .into_iter()
        .map(|(start, end)| Finding { start: offsets.of(start), end: offsets.of(end), message: None })
        .collect()
}

// --- cjk-space -------------------------------------------------------------------------------

/// `PARTICLE_AFTER`: a particle after a space makes the space stray (`演讲 的`).
const PARTICLE_AFTER: &[char] = &['的', '了', '着', '过', '地', '得', '是', '在', '和', '与', '及', '或', '也', '都', '就', '还', '又', '把', '被', '给', '对', '从', '向', '于', '吗', '呢', '吧', '啊'];
/// `PARTICLE_BEFORE`: a particle before a space makes it stray (`的 演讲`).
const PARTICLE_BEFORE: &[char] = &['的', '了', '在', '和', '与', '把', '被', '对', '从', '向'];
/// `CJK_SPACE`'s closing marks: spaces after a Han character before one are removed.
const CLOSING: &[char] = &['，', '。', '、', '；', '：', '！', '？', '”', '’', '）', '》'];
/// `CJK_SPACE`'s opening marks: spaces after one before a Han character are removed.
const OPENING: &[char] = &['“', '‘', '（', '《'];
/// `CLAUSE_PUNCT`: a line holding one is prose.
const CLAUSE_PUNCT: &str = "，。！？；,!?;";

fn is_one_of(set: &[char], point: Option<u32>) -> bool {
    point.is_some_and(|point| set.iter().any(|&c| c as u32 == point))
}

/// The flag's message: `a space inside Chinese: “…”` quoting the longest line part of the four
/// code points on each side of the space (the first, of equal ones).
fn space_message(text: &[u8], start: usize, end: usize) -> Vec<u8> {
    let mut from = start;
    for _ in 0..4 {
        if from == 0 {
            break;
        }
        from = decode_before(text, from).1;
    }
    let mut to = end;
    for _ in 0..4 {
        match decode_at(text, to) {
            Some((_, width)) => to += width,
            None => break,
        }
    }
    let around = &text[from..to];
    let mut best: &[u8] = &[];
    let mut best_length = 0;
    for (number, part) in around.split(|&byte| byte == b'\n').enumerate() {
        let length = count(part);
        if number == 0 || length > best_length {
            best = part;
            best_length = length;
        }
    }
    let mut message = "a space inside Chinese: “".as_bytes().to_vec();
    message.extend_from_slice(best);
    message.extend_from_slice("”".as_bytes());
    message
}

/// Whether the line holding byte `at` holds clause punctuation, for positions asked in
/// increasing order: each line is found and read once (`_in_prose`).
struct Prose<'a> {
    text: &'a [u8],
    line_end: Option<usize>,
    prose: bool,
}

impl Prose<'_> {
    fn at(&mut self, at: usize) -> bool {
        if self.line_end.is_none_or(|end| at > end) {
            let start = memchr::memrchr(b'\n', &self.text[..at]).map_or(0, |newline| newline + 1);
            let end = memchr::memchr(b'\n', &self.text[at..]).map_or(self.text.len(), |newline| at + newline);
            let line = &self.text[start..end];
            self.prose = line.iter().any(|byte| matches!(byte, b',' | b'!' | b'?' | b';'))
                || CLAUSE_PUNCT.chars().filter(|c| !c.is_ascii()).any(|c| {
                    memchr::memmem::find(line, c.encode_utf8(&mut [0; 4]).as_bytes()).is_some()
                });
            self.line_end = Some(end);
        }
        self.prose
    }
}

/// The `cjk-space` rule's findings, in order: a single space between two Han characters is
/// removed when a particle stands on one side of it (`演讲 的`) and flagged otherwise on a line of
/// prose (one holding clause punctuation); spaces between a Han character and a closing mark, or
/// an opening mark and a Han character, are removed.
///
/// ```
/// use cutter_core::spacing::cjk_space;
/// let found = cjk_space("这是我的演讲 的开头 。".as_bytes());
/// assert_eq!(found.iter().map(|f| (f.start, f.end, f.message.is_none())).collect::<Vec<_>>(),
///            vec![(6, 7, true), (10, 11, true)]);
/// assert_eq!(cjk_space("床前明月光 疑是地上霜".as_bytes()), vec![]);
/// ```
pub fn cjk_space(text: &[u8]) -> Vec<Finding> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut offsets = Offsets::new(text);
    let mut prose = Prose { text, line_end: None, prose: false };
    let mut resume = 0;
    while let Some(found_at) = memchr::memchr(b' ', &text[resume..]) {
        let at = resume + found_at;
        let mut end = at;
        while text.get(end) == Some(&b' ') {
            end += 1;
        }
        resume = end;
        let before = point_before(text, at);
        let after = point_at(text, end);
        let before_han = is_han(table, before);
        let punct = before_han && is_one_of(CLOSING, after) || is_one_of(OPENING, before) && is_han(table, after);
        let between = before_han && end == at + 1 && is_han(table, after);
        if !punct && !between {
            continue;
        }
        let message = if punct || is_one_of(PARTICLE_AFTER, after) || is_one_of(PARTICLE_BEFORE, before) {
            None
        } else if prose.at(at) {
            Some(space_message(text, at, end))
        } else {
            continue;
        };
        found.push(Finding { start: offsets.of(at), end: offsets.of(end), message });
    }
    found
}

/// The rules as they read the text before their fast paths: the tests hold the fast ones to them.
#[cfg(test)]
mod reference {
    use super::*;

    /// The lead bytes of the UTF-8 of every `\p{Cf}` code point: a byte not among them starts none.
    fn format_leads() -> &'static [bool; 256] {
        static LEADS: OnceLock<[bool; 256]> = OnceLock::new();
        LEADS.get_or_init(|| {
            let table = line_classes();
            let mut leads = [false; 256];
            for point in 0..0x110000u32 {
                if table.of(point) & FORMAT != 0 {
                    if let Some(c) = char::from_u32(point) {
                        leads[c.encode_utf8(&mut [0; 4]).as_bytes()[0] as usize] = true;
                    }
                }
            }
            leads
        })
    }

    /// `INVISIBLE` (`(?<!\p{Extended_Pictographic})\p{Cf}|\p{Cf}(?!\p{Extended_Pictographic})`): the
    /// byte spans of the format characters, but those between two pictographs (an emoji's joiner).
    fn invisible(text: &[u8], table: &Table) -> Vec<(usize, usize)> {
        let leads = format_leads();
        let pictograph = |point: Option<u32>| point.is_some_and(|point| table.of(point) & PICTOGRAPHIC != 0);
        let mut found = Vec::new();
        for (at, &byte) in text.iter().enumerate() {
            if !leads[byte as usize] {
                continue;
            }
            let Some((point, width)) = decode_at(text, at) else { break };
            if table.of(point) & FORMAT == 0 {
                continue;
            }
            if !(pictograph(point_before(text, at)) && pictograph(point_at(text, at + width))) {
                found.push((at, at + width));
            }
        }
        found
    }

    /// `_edge_spaces`: for each line, the whole line when it is only spaces, else its leading and
    /// trailing spaces where they touch ink (`INK`: `[^\s\p{Cf}]`), as byte spans. `format`: whether
    /// the format characters count as spaces (when the text holds an invisible one).
    fn edge_spaces(text: &[u8], table: &Table, format: bool, found: &mut Vec<(usize, usize)>) {
        let is_space = |point: u32| is_horizontal(point) || format && table.of(point) & FORMAT != 0;
        let is_ink = |point: u32| table.of(point) & (PATTERN_SPACE | FORMAT) == 0;
        let mut line_start = 0;
        for line_end in memchr_iter(b'\n', text).chain([text.len()]) {
            let (start, end) = (line_start, line_end);
            line_start = line_end + 1;
            if start == end {
                continue;
            }
            let mut lead = start;
            let mut first_ink = None;
            while let Some((point, width)) = decode_at(text, lead).filter(|_| lead < end) {
                if !is_space(point) {
                    first_ink = Some(point);
                    break;
                }
                lead += width;
            }
            let Some(first) = first_ink else {
                found.push((start, end));
                continue;
            };
            if lead > start && is_ink(first) {
                found.push((start, lead));
            }
            let mut trail = end;
            while trail > lead {
                let (point, before) = decode_before(text, trail);
                if !is_space(point) {
                    if trail < end && is_ink(point) {
                        found.push((trail, end));
                    }
                    break;
                }
                trail = before;
            }
        }
    }

    pub(super) fn whitespace(text: &[u8]) -> Vec<Finding> {
        let table = line_classes();
        let mut spans = invisible(text, table);
        let format = !spans.is_empty();
        edge_spaces(text, table, format, &mut spans);
        let mut offsets = Offsets::new(text);
        merged(spans)
            .into_iter()
            .map(|(start, end)| Finding { start: offsets.of(start), end: offsets.of(end), message: None })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spacing::samples;

    fn apply(text: &str, found: &[Finding]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for fix in found.iter().filter(|f| f.message.is_none()) {
            out.extend(&chars[at..fix.start]);
            at = fix.end;
        }
        out.extend(&chars[at..]);
        out
    }

    fn spans(found: &[Finding]) -> Vec<(usize, usize)> {
        found.iter().map(|f| (f.start, f.end)).collect()
    }

    #[test]
    fn invisible_characters_go_but_an_emojis_joiner() {
        assert_eq!(apply("工匠\u{200b}精神", &whitespace("工匠\u{200b}精神".as_bytes())), "工匠精神");
        assert_eq!(whitespace("家人👨\u{200d}👩\u{200d}👧一起".as_bytes()), vec![]);
        // a joiner with a pictograph on one side only is removed
        assert_eq!(spans(&whitespace("👨\u{200d}字".as_bytes())), vec![(1, 2)]);
        assert_eq!(spans(&whitespace("\u{200d}👨".as_bytes())), vec![(0, 1)]);
        assert_eq!(spans(&whitespace("\u{feff}正文".as_bytes())), vec![(0, 1)]);
        assert_eq!(spans(&whitespace("正\u{e0001}文".as_bytes())), vec![(1, 2)]);
    }

    #[test]
    fn line_edges_and_blank_lines_lose_their_spaces() {
        let text = "\u{3000}\u{3000}读书。  \n\u{3000} \t\n第二段。\u{a0}";
        assert_eq!(spans(&whitespace(text.as_bytes())), vec![(0, 2), (5, 7), (8, 11), (16, 17)]);
        // a space before a character that is not ink (\s to the regex module) stays
        assert_eq!(whitespace(" \u{85}字".as_bytes()), vec![]);
        assert_eq!(spans(&whitespace(" \u{1c}字".as_bytes())), vec![(0, 1)]); // not \s to the regex module
        assert_eq!(whitespace("字\r ".as_bytes()), vec![]);
        // a format character counts as a space at an edge only once an invisible one is there
        assert_eq!(spans(&whitespace("\u{200b} 正文".as_bytes())), vec![(0, 2)]);
        assert_eq!(whitespace("正文 👨\u{200d}👩".as_bytes()), vec![]);
        assert_eq!(whitespace("".as_bytes()), vec![]);
        assert_eq!(whitespace("\n\n".as_bytes()), vec![]);
    }

    #[test]
    fn stray_spaces_inside_chinese() {
        let text = "这是我的演讲 的开头 。他说：“ 你好。”大家 都很高兴，我们一起 出去玩。";
        let found = cjk_space(text.as_bytes());
        assert_eq!(found.iter().filter(|f| f.message.is_none()).count(), 4);
        let flags: Vec<_> = found.iter().filter_map(Finding::message_text).collect();
        assert_eq!(flags, vec!["a space inside Chinese: “我们一起 出去玩。”"]);
        assert_eq!(cjk_space("床前明月光 疑是地上霜".as_bytes()), vec![]);
        assert_eq!(cjk_space("2019 年 3 月".as_bytes()), vec![]);
        // two spaces between Han characters: neither a single space nor before a mark
        assert_eq!(cjk_space("工作  生活，".as_bytes()), vec![]);
        assert_eq!(spans(&cjk_space("工作   。".as_bytes())), vec![(2, 5)]);
    }

    #[test]
    fn the_message_quotes_the_longest_part_of_the_line() {
        let found = cjk_space("甲\n一起 出去玩，".as_bytes());
        assert_eq!(found[0].message_text().unwrap(), "a space inside Chinese: “一起 出去玩，”");
        let found = cjk_space("一起 出，\n甲乙丙丁".as_bytes());
        assert_eq!(found[0].message_text().unwrap(), "a space inside Chinese: “一起 出，”");
        assert_eq!(cjk_space("一起 出\n，".as_bytes()), vec![]); // a line without clause punctuation
    }

    fn check_cases(rule: &str, find: fn(&[u8]) -> Vec<Finding>, flags: bool) {
        let path = format!("{}/../../tests/cases/{rule}.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        let fixes = table["fix"].as_array().unwrap();
        let keeps = table["keep"].as_array().unwrap();
        assert!(!fixes.is_empty() && !keeps.is_empty());
        for case in fixes {
            let (before, after) = (text(&case[0]), text(&case[1]));
            assert_eq!(apply(&before, &find(before.as_bytes())), after, "{rule} fix {before:?}");
        }
        for case in keeps.iter().map(text) {
            assert_eq!(find(case.as_bytes()), vec![], "{rule} keep {case:?}");
        }
        if flags {
            let flags = table["flag"].as_array().unwrap();
            assert!(!flags.is_empty());
            for case in flags.iter().map(text) {
                let found = find(case.as_bytes());
                assert!(!found.is_empty() && found.iter().all(|f| f.message.is_some()), "{rule} flag {case:?}");
            }
        }
    }

    #[test]
    fn the_case_tables_hold() {
        check_cases("whitespace", whitespace, false);
        check_cases("cjk-space", cjk_space, true);
    }

    /// Spaces of every kind, format characters (of two, three and four bytes, a joiner between
    /// pictographs), line ends, and bytes no code point opens.
    const SPACE_ALPHABET: &[&[u8]] = &[
        b" ", b"\t", "\u{3000}".as_bytes(), "\u{a0}".as_bytes(), "\u{2002}".as_bytes(), b"\n", b"\r", b"\x1c",
        "\u{85}".as_bytes(), "字".as_bytes(), "“".as_bytes(), "\u{200b}".as_bytes(), "\u{200d}".as_bytes(),
        "\u{feff}".as_bytes(), "\u{ad}".as_bytes(), "\u{600}".as_bytes(), "\u{2060}".as_bytes(),
        "\u{e0001}".as_bytes(), "👨".as_bytes(), b"\xe2\x80", b"\xf3\xa0", b"\xed\xa0\x80",
    ];

    #[test]
    fn the_fast_whitespace_reads_as_reading_every_byte() {
        for text in samples::every(SPACE_ALPHABET, 4).iter().chain(&samples::random(SPACE_ALPHABET, 200, 5000, 17)) {
            assert_eq!(whitespace(text), reference::whitespace(text), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn every_format_character_is_found() {
        let table = line_classes();
        for point in (0..0x110000).filter(|&point| table.of(point) & FORMAT != 0) {
            let c = char::from_u32(point).unwrap();
            for text in [format!("甲{c}乙"), format!("{c}"), format!("甲{c}")] {
                assert_eq!(whitespace(text.as_bytes()), reference::whitespace(text.as_bytes()), "{point:x}");
                assert!(!whitespace(text.as_bytes()).is_empty(), "{point:x}");
            }
        }
        let pairs: Vec<u8> = (0..0x800).filter(|&point| table.of(point) & FORMAT != 0).map(|point| {
            char::from_u32(point).unwrap().encode_utf8(&mut [0; 4]).as_bytes()[0]
        }).collect();
        assert!(pairs.iter().all(|lead| FORMAT_PAIRS.contains(lead)), "{pairs:x?}");
    }

    #[test]
    fn code_points_are_counted_as_every_byte_but_continuation_bytes() {
        let alphabet: &[&[u8]] = &[b"a", "價".as_bytes(), b"\x80", b"\xbf", b"\xc0", b"\xff", b"\x7f", "\u{20000}".as_bytes()];
        let one_by_one = |text: &[u8]| text.iter().filter(|&&byte| byte & 0xC0 != 0x80).count();
        for text in samples::every(alphabet, 5).iter().chain(&samples::random(alphabet, 2000, 300, 3)) {
            assert_eq!(count(text), one_by_one(text), "{text:?}");
        }
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        whitespace(&bytes);
        cjk_space(&bytes);
        for text in [&b"\xed\xa0\x80 \xed\xa0\x80"[..], b" ", b"", b"\xe2\x80", b"\xe2\x80\x8b", b"\x80 \x80", b"\n \n"] {
            whitespace(text);
            cjk_space(text);
        }
    }
}

/// Texts for the tests that hold a fast path to the slow one it skips: every text of a few
/// pieces from a small alphabet, and long random ones.
#[cfg(test)]
pub(crate) mod samples {
    /// Every text of at most `length` pieces from `alphabet`, each piece's bytes as they are
    /// (malformed ones and lone surrogates included).
    pub(crate) fn every(alphabet: &[&[u8]], length: usize) -> Vec<Vec<u8>> {
        let mut all = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..length {
            let mut next = Vec::with_capacity(last.len() * alphabet.len());
            for text in &last {
                for piece in alphabet {
                    let mut longer: Vec<u8> = text.clone();
                    longer.extend_from_slice(piece);
                    next.push(longer);
                }
            }
            all.extend(next.iter().cloned());
            last = next;
        }
        all
    }

    /// `n` texts of up to `length` pieces drawn from `alphabet` (a fixed seed: the same texts each run).
    pub(crate) fn random(alphabet: &[&[u8]], length: usize, n: usize, seed: u64) -> Vec<Vec<u8>> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = move || {
            // xorshift64*
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize
        };
        (0..n)
            .map(|_| {
                let pieces = next() % (length + 1);
                (0..pieces).flat_map(|_| alphabet[next() % alphabet.len()].iter().copied()).collect()
            })
            .collect()
    }
}
