//! The detections (`rules/detect.py`): template placeholders reported, never rewritten
//! ([`placeholders`]), and the look for where mojibake could be ([`mojibake_hinted`]: the rule
//! itself is Python's, and runs only on a text where the core saw a place it could act).
//!
//! The pattern it replaced (`PLACEHOLDER`, read by tests/spacing_reference.py) is written beside
//! the code below, one alternative a function, tried in its order at each character that can open
//! a match, as the `regex` module's search does (its backtracking written out where it matters).
//! `\w` and `\s` are the `regex` module's own (the `WORD` class of [`classes`] and `PATTERN_SPACE`
//! of [`line_classes`]), `\p{Han}` too. Offsets count code points.

use crate::paragraphs::Finding;
use crate::spacing::{is_han, point_at, point_before, Ahead, Offsets};
use crate::tables::{classes, line_classes, Table, CONTINUER, HAN, OPENER, PATTERN_SPACE, WORD};
use crate::text::decode_at;

const TIMES: u32 = 0xD7; // ×
const CHI: u32 = 0x3A7; // Χ, the Greek capital

/// `[年月日班级号届个元]`: what a lone `x` before it stands in for.
const UNITS: &str = "年月日班级号届个元";

fn is_ascii_letter(point: Option<u32>) -> bool {
    point.is_some_and(|point| point < 0x80 && (point as u8).is_ascii_alphabetic())
}

fn is_word(point: Option<u32>) -> bool {
    point.is_some_and(|point| classes().of(point) & WORD != 0)
}

/// The end (bytes) of the run of `point` (one byte or two wide) that starts at `at`, and its length.
fn run_of(text: &[u8], at: usize, point: u32) -> (usize, usize) {
    let (mut end, mut length) = (at, 0);
    while let Some((next, width)) = decode_at(text, end).filter(|&(next, _)| next == point) {
        debug_assert_eq!(next, point);
        end += width;
        length += 1;
    }
    (end, length)
}

/// Where `PLACEHOLDER` matches at byte `at` (whose code point is `point`), if it does: its end.
fn match_at(text: &[u8], at: usize, point: u32, han: &Table) -> Option<usize> {
    let before = point_before(text, at);
    match point {
        // (?<![A-Za-z])(?:x{2,}|X{2,}|Χ{2,})(?![A-Za-z]), then (?<=\p{Han}|^)[xX×](?=[年月日班级号届个元])
        0x78 | 0x58 | CHI => {
            if !is_ascii_letter(before) {
                let (end, length) = run_of(text, at, point);
                if length >= 2 && !is_ascii_letter(point_at(text, end)) {
                    return Some(end);
                }
                // a run of Χ before a letter gives one back (the one left is no ASCII letter)
                if point == CHI && length >= 3 {
                    return Some(end - 2);
                }
            }
            let line_start = at == 0 || text[at - 1] == b'\n';
            let unit = point_at(text, at + if point == CHI { 2 } else { 1 })
                .is_some_and(|next| UNITS.chars().any(|c| c as u32 == next));
            (point != CHI && (line_start || is_han(han, before)) && unit).then_some(at + 1)
        }
        // ×{1,}
        TIMES => Some(run_of(text, at, TIMES).0),
        // \*{2,}(?!\w) (giving one back before \w), then (?<!\w)\*(?:\s\*){1,}
        0x2A => {
            let (end, length) = run_of(text, at, 0x2A);
            if length >= 2 && !is_word(point_at(text, end)) {
                return Some(end);
            }
            if length >= 3 {
                return Some(end - 1);
            }
            if is_word(before) {
                return None;
            }
            let mut end = at + 1;
            while let Some((space, width)) = decode_at(text, end) {
                if han.of(space) & PATTERN_SPACE == 0 || text.get(end + width) != Some(&b'*') {
                    break;
                }
                end += width + 1;
            }
            (end > at + 1).then_some(end)
        }
        // _{2,}
        0x5F => {
            let (end, length) = run_of(text, at, 0x5F);
            (length >= 2).then_some(end)
        }
        _ => None,
    }
}

/// The `placeholder` rule's flags, in order: `xx`, `XX`, `ΧΧ` (not inside a word of ASCII
/// letters), `×` runs, `**` (not before a word character) and `* * *`, `__`, and a lone `x`,
/// `X` or `×` after a Han character or at a line start before 年, 月, 日, 班, 级, 号, 届, 个 or 元.
/// The message quotes the placeholder.
///
/// ```
/// use cutter_core::detect::placeholders;
/// let found = placeholders("国务院总理xx2019年".as_bytes());
/// assert_eq!((found[0].start, found[0].end), (5, 7));
/// assert_eq!(found[0].message_text().unwrap(), "placeholder “xx”");
/// assert_eq!(placeholders("box 和 fox".as_bytes()), vec![]);
/// ```
pub fn placeholders(text: &[u8]) -> Vec<Finding> {
    let han = line_classes();
    let mut found = Vec::new();
    let mut offsets = Offsets::new(text);
    // a match opens on one of these bytes (`×` is C3 97, `Χ` CE A7): memchr skips to the next
    let (mut letters, mut others) = (Ahead::new([b'x', b'X', b'*']), Ahead::new([b'_', 0xC3, 0xCE]));
    let mut at = 0;
    loop {
        at = letters.find(text, at).min(others.find(text, at));
        if at >= text.len() {
            break;
        }
        let byte = text[at];
        let point = match byte {
            b'x' | b'X' | b'*' | b'_' => u32::from(byte),
            0xC3 if text.get(at + 1) == Some(&0x97) => TIMES,
            0xCE if text.get(at + 1) == Some(&0xA7) => CHI,
            _ => {
                at += 1;
                continue;
            }
        };
        match match_at(text, at, point, han) {
            Some(end) => {
                let mut message = "placeholder “".as_bytes().to_vec();
                message.extend_from_slice(&text[at..end]);
                message.extend_from_slice("”".as_bytes());
                found.push(Finding { start: offsets.of(at), end: offsets.of(end), message: Some(message) });
                at = end;
            }
            None => at += 1,
        }
    }
    found
}

/// Whether the mojibake rule (`rules/detect.py`'s `fix_mojibake`) could find anything in `text`:
/// it is given the text only where this is true. True wherever it could, and not only there:
///
/// * a lost character (`patterns.LOST_CHARACTERS`) is a `�`, a `?` after a `?` (every run of two or
///   more), or a `?` after a Han character and before a bracket (a reading may follow) or before a
///   Han character, unless after a question word (`吗`, `呢` …);
/// * a repair starts at an opener (`patterns.UTF8_AS_GBK_OPENER`) followed by a character whose
///   GB18030 bytes begin with a continuation byte (its `_continues`): without one it looks at none.
///
/// A malformed byte, which no text the core holds has, reads as `�`: the rule is given the text.
///
/// ```
/// use cutter_core::detect::mojibake_hinted;
/// assert!(mojibake_hinted("鎴戜滑一起".as_bytes())); // 鎴 is E6 88 in GBK, 戜 91 E4: 我 (E6 88 91) read as GBK
/// assert!(mojibake_hinted("今天天气??不错".as_bytes()));
/// assert!(mojibake_hinted("你好\u{FFFD}".as_bytes()));
/// assert!(mojibake_hinted("认?识".as_bytes()));
/// assert!(!mojibake_hinted("恪守本分，你好吗? Why?".as_bytes()));
/// ```
pub fn mojibake_hinted(text: &[u8]) -> bool {
    let (classes, lines) = (classes(), line_classes());
    // one class lookup a character: whether it is an opener is kept for the next one
    let (mut previous, mut opened, mut at) = (0u32, false, 0);
    while let Some((point, width)) = decode_at(text, at) {
        let class = classes.of(point);
        let hinted = match point {
            REPLACEMENT => true,
            QUESTION => {
                previous == QUESTION
                    || lines.of(previous) & HAN != 0
                        && decode_at(text, at + 1).is_some_and(|(next, _)| match next {
                            0x28 | 0xFF08 => true, // ( （: a reading may follow
                            _ => lines.of(next) & HAN != 0 && !QUESTION_WORDS.contains(&previous),
                        })
            }
            _ => opened && class & CONTINUER != 0,
        };
        if hinted {
            return true;
        }
        (previous, opened, at) = (point, class & OPENER != 0, at + width);
    }
    false
}

const REPLACEMENT: u32 = 0xFFFD;
const QUESTION: u32 = b'?' as u32;
/// `[吗嗎呢吧么麼嘛]`: a `?` after one of these is a question mark, even between Han characters.
const QUESTION_WORDS: [u32; 7] = [0x5417, 0x55CE, 0x5462, 0x5427, 0x4E48, 0x9EBC, 0x561B];

/// The rule as it read the text before its memchr prefilter, every byte in turn: the tests
/// hold the fast path to it.
#[cfg(test)]
mod reference {
    use super::*;
    use crate::spacing::Offsets;

    pub(super) fn placeholders(text: &[u8]) -> Vec<Finding> {
        let han = line_classes();
        let mut found = Vec::new();
        let mut offsets = Offsets::new(text);
        let mut at = 0;
        while at < text.len() {
            let byte = text[at];
            let point = match byte {
                b'x' | b'X' | b'*' | b'_' => u32::from(byte),
                0xC3 if text.get(at + 1) == Some(&0x97) => TIMES,
                0xCE if text.get(at + 1) == Some(&0xA7) => CHI,
                _ => {
                    at += 1;
                    continue;
                }
            };
            match match_at(text, at, point, han) {
                Some(end) => {
                    let mut message = "placeholder “".as_bytes().to_vec();
                    message.extend_from_slice(&text[at..end]);
                    message.extend_from_slice("”".as_bytes());
                    found.push(Finding { start: offsets.of(at), end: offsets.of(end), message: Some(message) });
                    at = end;
                }
                None => at += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spacing::samples;

    /// What a placeholder is made of and what stands around one, malformed bytes too.
    const ALPHABET: &[&[u8]] = &[
        b"x", b"X", "×".as_bytes(), "Χ".as_bytes(), b"*", b"_", b" ", "甲".as_bytes(), "年".as_bytes(), b"a",
        b"\n", "\u{3000}".as_bytes(), b"\xc3", b"\xce", b"\xed\xa0\x80",
    ];

    #[test]
    fn the_prefilter_finds_what_reading_every_byte_finds() {
        for text in samples::every(ALPHABET, 5).iter().chain(&samples::random(ALPHABET, 300, 3000, 7)) {
            assert_eq!(placeholders(text), reference::placeholders(text), "{text:?}");
        }
    }

    fn quoted(text: &str) -> Vec<String> {
        placeholders(text.as_bytes()).iter().filter_map(Finding::message_text).collect()
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(quoted("刘XX同学"), vec!["placeholder “XX”"]);
        assert_eq!(quoted("×年×班的×××"), vec!["placeholder “×”", "placeholder “×”", "placeholder “×××”"]);
        assert_eq!(quoted("20__年_月"), vec!["placeholder “__”"]);
        assert_eq!(quoted("x年x班"), vec!["placeholder “x”", "placeholder “x”"]);
        assert_eq!(quoted("申请人：***"), vec!["placeholder “***”"]);
        assert_eq!(quoted("* * *"), vec!["placeholder “* * *”"]);
        assert_eq!(quoted("***a"), vec!["placeholder “**”"]);
        assert_eq!(quoted("ΧΧΧa"), vec!["placeholder “ΧΧ”"]);
        assert_eq!(quoted("aΧΧΧ"), vec!["placeholder “ΧΧ”"]);
    }

    #[test]
    fn words_and_numbers_stay() {
        for kept in ["这feel倍儿爽", "made in china", "1920年", "box 和 fox", "**a", "a* *", "xxa", "ax年", "Χ年"] {
            assert_eq!(placeholders(kept.as_bytes()), vec![], "{kept:?}");
        }
    }

    #[test]
    fn the_case_table_holds() {
        let path = format!("{}/../../tests/cases/placeholder.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        for case in table["keep"].as_array().unwrap().iter().map(text) {
            assert_eq!(placeholders(case.as_bytes()), vec![], "{case:?}");
        }
        for case in table["flag"].as_array().unwrap().iter().map(text) {
            assert!(!placeholders(case.as_bytes()).is_empty(), "{case:?}");
        }
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        placeholders(&bytes);
        for text in [&b"\xc3"[..], b"\xce", b"*", b"* ", b"x", b"\xc3\x97\xc3", b"\n*\n*", b"\xce\xa7\xce\xa7a"] {
            placeholders(text);
        }
    }
}
