//! The watermark rule (`rules/junk.py`): the mark sites inject after 的 to tag copied text
//! (`的.` `的'` `的``) deleted, other dots between Chinese characters flagged ([`watermark`]).
//!
//! The patterns it replaced (`WATERMARK`: `(?<=的)[.'`](?=\p{Han})`, `UNSURE_DOT`:
//! `(?<=\p{Han})\.(?=\p{Han})`, and the rule module's `_LINES_WITH_QUOTE`, read by
//! tests/spacing_reference.py) are written beside the code below; `\p{Han}` is the `regex`
//! module's (the `HAN` class of [`line_classes`]). Offsets count code points.

use memchr::{memchr, memchr3_iter, memchr_iter, memrchr};

use crate::paragraphs::Finding;
use crate::spacing::{is_han, point_at, point_before, Offsets};
use crate::tables::line_classes;

/// How far (in code points) a `'` after 的 may be from the `'` that closes it for it to open a
/// quote (`QUOTE_SPAN`).
const QUOTE_SPAN: usize = 20;

/// The flag of a dot between Chinese characters that does not follow 的.
pub const UNSURE_DOT: &str = "a '.' between Chinese characters: watermark, censored word or full stop?";

const DE: &[u8] = "的".as_bytes();

/// The `'` of the line `start..end` (bytes) that are real quotes, as byte offsets in order
/// (`_quote_marks`, for one line): read left to right, a `'` after 的 is a watermark unless it
/// closes an open quote, or opens one that a `'` not after 的 closes within [`QUOTE_SPAN`] code
/// points.
fn quote_marks(text: &[u8], start: usize, end: usize) -> Vec<usize> {
    let marks: Vec<usize> = memchr_iter(b'\'', &text[start..end]).map(|at| start + at).collect();
    let after_de = |at: usize| at >= DE.len() && &text[at - DE.len()..at] == DE;
    let mut quotes = Vec::new();
    let mut inside = false;
    for (number, &at) in marks.iter().enumerate() {
        if inside {
            quotes.push(at);
            inside = false;
        } else if !after_de(at)
            || marks.get(number + 1).is_some_and(|&next| {
                crate::text::count(&text[at..next]) <= QUOTE_SPAN && !after_de(next)
            })
        {
            quotes.push(at);
            inside = true;
        }
    }
    quotes
}

/// The `watermark` rule's findings: first each `.`, `'` or `` ` `` after 的 before a Han
/// character, removed (a `'` that is a quote mark stays), then each `.` between two Han
/// characters not after 的, flagged.
///
/// ```
/// use cutter_core::junk::watermark;
/// let found = watermark("取得的.一大突破".as_bytes());
/// assert_eq!((found[0].start, found[0].end, found[0].message.is_none()), (3, 4, true));
/// assert_eq!(watermark("正确的'网络观'".as_bytes()), vec![]);
/// assert_eq!(watermark("99.99%".as_bytes()), vec![]);
/// ```
pub fn watermark(text: &[u8]) -> Vec<Finding> {
    let table = line_classes();
    let (mut found, mut flags) = (Vec::new(), Vec::new());
    let (mut offsets, mut flag_offsets) = (Offsets::new(text), Offsets::new(text));
    // the quote marks of the line last read: (its end, its quotes)
    let mut line: Option<(usize, Vec<usize>)> = None;
    // one pass over the marks, rare in Chinese text: the removals in order, then the flags
    for at in memchr3_iter(b'.', b'\'', b'`', text) {
        let mark = text[at];
        let after_de = at >= DE.len() && &text[at - DE.len()..at] == DE;
        if after_de && is_han(table, point_at(text, at + 1)) {
            if mark == b'\'' {
                if line.as_ref().is_none_or(|(end, _)| at > *end) {
                    let start = memrchr(b'\n', &text[..at]).map_or(0, |newline| newline + 1);
                    let end = memchr(b'\n', &text[at..]).map_or(text.len(), |newline| at + newline);
                    line = Some((end, quote_marks(text, start, end)));
                }
                if line.as_ref().is_some_and(|(_, quotes)| quotes.binary_search(&at).is_ok()) {
                    continue;
                }
            }
            let start = offsets.of(at);
            found.push(Finding { start, end: start + 1, message: None });
        } else if mark == b'.' && !after_de && is_han(table, point_before(text, at)) && is_han(table, point_at(text, at + 1)) {
            let start = flag_offsets.of(at);
            flags.push(Finding { start, end: start + 1, message: Some(UNSURE_DOT.as_bytes().to_vec()) });
        }
    }
    found.append(&mut flags);
    found
}

/// The rule as it read the text before its one pass: the tests hold the fast one to it.
#[cfg(test)]
mod reference {
    use super::*;
    use memchr::memmem;

    /// `watermark` after three gate searches, over every 的, then over every `.`.
    pub(super) fn watermark(text: &[u8]) -> Vec<Finding> {
        let table = line_classes();
        let mut found = Vec::new();
        let gated = [".", "'", "`"].iter().any(|mark| {
            let mut pair = DE.to_vec();
            pair.extend_from_slice(mark.as_bytes());
            memmem::find(text, &pair).is_some()
        });
        if gated {
            let mut offsets = Offsets::new(text);
            // the quote marks of the line last read: (its end, its quotes)
            let mut line: Option<(usize, Vec<usize>)> = None;
            for de in memmem::find_iter(text, DE) {
                let at = de + DE.len();
                let Some(&mark) = text.get(at) else { continue };
                if !matches!(mark, b'.' | b'\'' | b'`') || !is_han(table, point_at(text, at + 1)) {
                    continue;
                }
                if mark == b'\'' {
                    if line.as_ref().is_none_or(|(end, _)| at > *end) {
                        let start = memrchr(b'\n', &text[..at]).map_or(0, |newline| newline + 1);
                        let end = memchr(b'\n', &text[at..]).map_or(text.len(), |newline| at + newline);
                        line = Some((end, quote_marks(text, start, end)));
                    }
                    if line.as_ref().is_some_and(|(_, quotes)| quotes.binary_search(&at).is_ok()) {
                        continue;
                    }
                }
                let start = offsets.of(at);
                found.push(Finding { start, end: start + 1, message: None });
            }
        }
        if memchr(b'.', text).is_none() {
            return found;
        }
        let mut offsets = Offsets::new(text);
        for at in memchr_iter(b'.', text) {
            let after_de = at >= DE.len() && &text[at - DE.len()..at] == DE;
            if !after_de && is_han(table, point_before(text, at)) && is_han(table, point_at(text, at + 1)) {
                let start = offsets.of(at);
                found.push(Finding { start, end: start + 1, message: Some(UNSURE_DOT.as_bytes().to_vec()) });
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spacing::samples;

    /// The marks, 的 and what stands around them, line ends, and bytes no code point opens.
    const MARK_ALPHABET: &[&[u8]] = &[
        "的".as_bytes(), b".", b"'", b"`", "字".as_bytes(), b"a", b"3", b"\n", "，".as_bytes(), b"\xe7\x9a", b"\xed\xa0\x80",
    ];

    #[test]
    fn the_one_pass_reads_as_the_gated_passes() {
        let long: Vec<&[u8]> = MARK_ALPHABET.iter().copied().chain(["字".as_bytes(); 8]).collect();
        for text in samples::every(MARK_ALPHABET, 5).iter().chain(&samples::random(&long, 120, 5000, 29)) {
            assert_eq!(watermark(text), reference::watermark(text), "{:?}", String::from_utf8_lossy(text));
        }
    }

    fn summary(text: &str) -> Vec<(usize, usize, bool)> {
        watermark(text.as_bytes()).iter().map(|f| (f.start, f.end, f.message.is_some())).collect()
    }

    #[test]
    fn marks_after_de_go() {
        assert_eq!(summary("的.一大"), vec![(1, 2, false)]);
        assert_eq!(summary("的'新形势"), vec![(1, 2, false)]);
        assert_eq!(summary("的`缺失"), vec![(1, 2, false)]);
        assert_eq!(summary("阅读的.习惯，新时代的'要求"), vec![(3, 4, false), (11, 12, false)]);
        // before no Han character, the mark stays
        assert_eq!(summary("我的."), vec![]);
        assert_eq!(summary("我的'a"), vec![]);
    }

    #[test]
    fn quotes_stay() {
        assert_eq!(summary("正确的'网络观'，做"), vec![]);
        assert_eq!(summary("他说'这是我的'，然后"), vec![]);
        // a quote that closes too far away does not make the 的' a quote
        let far = format!("的'{}'", "字".repeat(QUOTE_SPAN));
        assert_eq!(summary(&far), vec![(1, 2, false)]);
        let near = format!("的'{}'", "字".repeat(QUOTE_SPAN - 1));
        assert_eq!(summary(&near), vec![]);
        // a closing mark after 的 does not pair
        assert_eq!(summary("的'甲的'乙"), vec![(1, 2, false), (4, 5, false)]);
    }

    #[test]
    fn other_dots_between_han_are_flagged() {
        assert_eq!(summary("在.主义建设中"), vec![(1, 2, true)]);
        assert_eq!(summary("3.12植树节"), vec![]);
        assert_eq!(summary("的.在.主义"), vec![(1, 2, false), (3, 4, true)]);
    }

    #[test]
    fn the_case_table_holds() {
        let path = format!("{}/../../tests/cases/watermark.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        for case in table["fix"].as_array().unwrap() {
            let (before, after) = (text(&case[0]), text(&case[1]));
            let chars: Vec<char> = before.chars().collect();
            let found = watermark(before.as_bytes());
            assert!(found.iter().all(|f| f.message.is_none()), "{before:?}");
            let removed: Vec<usize> = found.iter().map(|f| f.start).collect();
            let out: String = chars.iter().enumerate().filter(|(i, _)| !removed.contains(i)).map(|(_, c)| c).collect();
            assert_eq!(out, after);
        }
        for case in table["keep"].as_array().unwrap().iter().map(text) {
            assert_eq!(watermark(case.as_bytes()), vec![], "{case:?}");
        }
        for case in table["flag"].as_array().unwrap().iter().map(text) {
            let found = watermark(case.as_bytes());
            assert!(!found.is_empty() && found.iter().all(|f| f.message.is_some()), "{case:?}");
        }
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        watermark(&bytes);
        for text in [&b"\xe7\x9a\x84'"[..], b"\xe7\x9a\x84.\xe4", b"'", b".", b"", b"\x84.\xe7", b"\xe7\x9a\x84'\n'"] {
            watermark(text);
        }
    }
}
