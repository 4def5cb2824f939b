//! The english rule (`rules/english.py`): an English connective that a spinning template spliced
//! between Chinese words, written back in Chinese ([`english`]).
//!
//! The pattern it replaced (`ENGLISH_FRAGMENT`:
//! `(?<=\p{Han})[ \t]+(?P<word>and|or)[ \t]+(?=\p{Han})`, and `ENGLISH_CONNECTORS`, read by
//! tests/spacing_reference.py) is written beside the code below; `\p{Han}` is the `regex`
//! module's (the `HAN` class of [`line_classes`]). Offsets count code points.

use memchr::memchr2_iter;

use crate::punctuation::Fix;
use crate::spacing::{is_han, point_at, point_before, Offsets};
use crate::tables::line_classes;

/// `ENGLISH_CONNECTORS`: each connective and the Chinese it stands for.
const CONNECTORS: [(&str, &str); 2] = [("and", "和"), ("or", "或")];

fn is_blank(byte: Option<&u8>) -> bool {
    matches!(byte, Some(b' ' | b'\t'))
}

/// The `english` rule's fixes: `and` / `or` with spaces or tabs on both sides, between two Han
/// characters, written `和` / `或` (the spaces go with it). What it finds in a line is the line's
/// alone: the prefilter it had over the whole text (` and ` or `\tand`) missed ` and\t`, so a
/// line's ` and\t` was fixed only where another line held ` and `.
///
/// ```
/// use cutter_core::english::english;
/// use cutter_core::punctuation::Fix;
/// assert_eq!(english("工作态度 and 理念".as_bytes()), vec![Fix { start: 4, end: 9, after: "和" }]);
/// assert_eq!(english("rock and roll 是".as_bytes()), vec![]);
/// ```
pub fn english(text: &[u8]) -> Vec<Fix> {
    let table = line_classes();
    let mut found = Vec::new();
    let mut offsets = Offsets::new(text);
    // a connective stands right after a space or tab, rare in Chinese text: memchr finds them
    for blank in memchr2_iter(b' ', b'\t', text) {
        let at = blank + 1;
        let Some(&(word, chinese)) = CONNECTORS.iter().find(|(word, _)| text[at..].starts_with(word.as_bytes())) else {
            continue;
        };
        let mut start = blank;
        while start > 0 && is_blank(text.get(start - 1)) {
            start -= 1;
        }
        let mut end = at + word.len();
        while is_blank(text.get(end)) {
            end += 1;
        }
        if end > at + word.len() && is_han(table, point_before(text, start)) && is_han(table, point_at(text, end)) {
            found.push(Fix { start: offsets.of(start), end: offsets.of(end), after: chinese });
        }
    }
    found
}

/// The rule as it read the text before its memchr pass: the tests hold the fast one to it.
#[cfg(test)]
mod reference {
    use super::*;
    use memchr::memmem;

    /// `english` over every `and` and `or`.
    pub(super) fn english(text: &[u8]) -> Vec<Fix> {
        let table = line_classes();
        let mut hits: Vec<(usize, usize, usize, &'static str)> = Vec::new();
        for (word, chinese) in CONNECTORS {
            for at in memmem::find_iter(text, word.as_bytes()) {
                let mut start = at;
                while start > 0 && is_blank(text.get(start - 1)) {
                    start -= 1;
                }
                let mut end = at + word.len();
                while is_blank(text.get(end)) {
                    end += 1;
                }
                if start < at
                    && end > at + word.len()
                    && is_han(table, point_before(text, start))
                    && is_han(table, point_at(text, end))
                {
                    hits.push((at, start, end, chinese));
                }
            }
        }
        hits.sort_unstable();
        let mut offsets = Offsets::new(text);
        hits.into_iter()
            .map(|(_, start, end, after)| Fix { start: offsets.of(start), end: offsets.of(end), after })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spacing::samples;

    #[test]
    fn the_memchr_pass_reads_as_reading_every_word() {
        let alphabet: &[&[u8]] =
            &[b"and", b"or", b" ", b"\t", "甲".as_bytes(), b"a", b"d", b"\n", b"\xe7\x9a", b"\xed\xa0\x80"];
        for text in samples::every(alphabet, 6).iter().chain(&samples::random(alphabet, 100, 5000, 37)) {
            assert_eq!(english(text), reference::english(text), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn connectives_between_han_become_chinese() {
        assert_eq!(english("坐车 or 步行".as_bytes()), vec![Fix { start: 2, end: 6, after: "或" }]);
        assert_eq!(english("甲\t and  乙 or\t丙".as_bytes()).len(), 2);
        assert_eq!(english("工作 and and 生活".as_bytes()), vec![]);
        assert_eq!(english("工作andy生活 and ".as_bytes()), vec![]);
        // a space before and a tab after: found whatever the rest of the text holds
        assert_eq!(english("工作 and\t生活".as_bytes()), vec![Fix { start: 2, end: 7, after: "和" }]);
        assert_eq!(english("工作 and\t生活 and ".as_bytes()).len(), 1);
    }

    #[test]
    fn the_case_table_holds() {
        let path = format!("{}/../../tests/cases/english.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        for case in table["fix"].as_array().unwrap() {
            let (before, after) = (text(&case[0]), text(&case[1]));
            let chars: Vec<char> = before.chars().collect();
            let mut out = String::new();
            let mut at = 0;
            for fix in english(before.as_bytes()) {
                out.extend(&chars[at..fix.start]);
                out.push_str(fix.after);
                at = fix.end;
            }
            out.extend(&chars[at..]);
            assert_eq!(out, after);
        }
        for case in table["keep"].as_array().unwrap().iter().map(text) {
            assert_eq!(english(case.as_bytes()), vec![], "{case:?}");
        }
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        english(&bytes);
        for text in [&b" and "[..], b"\tor", b"or", b"", b"\xe4 and \xe4", b" or \x80"] {
            english(text);
        }
    }
}
