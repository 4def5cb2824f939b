//! The splitter's line structure: which lines are worth parsing as piece headers
//! (`split.py`). A page has thousands of lines and a few headers; this prefilter passes
//! the short lines shaped like a header and the lines with a digit early on (a header
//! glued to its body), so the header patterns run on few lines.

use memchr::memchr;

use crate::tables::is_space;
use crate::text::{count, CodePoints};

/// A line longer than this (in code points) is no clean header (`MAX_CLEAN_HEADER + 10`).
const SHAPED_MAX: usize = 90;
/// How far into a line a glued header's number may stand (`GLUED_PREFIX`).
const GLUED_PREFIX: usize = 64;
/// Characters stripped from a line's end before its last character is read.
const HEADER_TAIL: &[char] = &[' ', '\t', '\u{3000}', ')', '）', '】', ']', '〕', '#', '＃', '”', '"', '篇'];
/// Characters a header may open with.
const HEADER_OPENERS: &[char] = &['【', '[', '#', '＃', '★', '☆', '●', '◆', '*', '＊', '“', '"'];
/// Punctuation that cannot stand in a glued header's keyword.
const KEYWORD_BREAK: &[char] = &['。', '！', '？', '!', '?', '，', ',', '；', ';', '、', '：', ':', '“', '”'];
/// Chinese numerals (`patterns.CN_DIGITS` and `CN_UNITS`); the digits are tested apart.
const CHINESE_NUMERALS: &[char] = &[
    '零', '〇', '○', '一', '壹', '二', '两', '兩', '贰', '貳', '三', '叁', '參', '四', '肆', '五', '伍', '六', '陆',
    '陸', '七', '柒', '八', '捌', '九', '玖', '十', '拾', '百', '佰',
];

/// The lines of `text` worth parsing as headers, as (start, end) code-point offsets of the
/// line without its newline, in order.
///
/// ```
/// use cutter_core::lines::candidate_lines;
/// let text = "合集(精选2篇)\n\n作文篇一\n甲乙丙丁。\n倡议书1尊敬的各位";
/// assert_eq!(candidate_lines(text.as_bytes()), vec![(0, 8), (10, 14), (21, 30)]);
/// ```
pub fn candidate_lines(text: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut line_start = 0; // in code points
    let mut at = 0; // in bytes
    loop {
        let end = memchr(b'\n', &text[at..]).map_or(text.len(), |offset| at + offset);
        let line = &text[at..end];
        let mut points = [0u32; SHAPED_MAX + 1];
        let mut read = 0;
        let mut rest_at = line.len();
        for (offset, point) in CodePoints::new(line) {
            if read == points.len() {
                rest_at = offset;
                break;
            }
            points[read] = point;
            read += 1;
        }
        let length = read + if rest_at < line.len() { count(&line[rest_at..]) } else { 0 };
        let head = &points[..read];
        if length > 0 && ((length <= SHAPED_MAX && shaped_like_header(head)) || may_be_glued(head)) {
            found.push((line_start, line_start + length));
        }
        if end == text.len() {
            return found;
        }
        line_start += length + 1;
        at = end + 1;
    }
}

fn within(set: &[char], point: u32) -> bool {
    set.iter().any(|&c| c as u32 == point)
}

fn is_numeral(point: u32) -> bool {
    is_digit(point) || within(CHINESE_NUMERALS, point)
}

fn is_digit(point: u32) -> bool {
    matches!(point, 0x30..=0x39 | 0xFF10..=0xFF19)
}

/// A short line that ends in a numeral (after its tail), opens with a bracket or mark, or
/// holds a colon and a numeral: `作文篇一`, `【篇一】…`, `第一篇：…`. `line`: all of its
/// code points.
fn shaped_like_header(line: &[u32]) -> bool {
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
mod tests {
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
        // U+001C is whitespace to Python's str.strip, U+00A0 too; U+200B is not
        assert_eq!(lines("作文篇一\u{1c}").len(), 1);
        assert_eq!(lines("作文篇一)\u{a0}").len(), 1);
        assert_eq!(lines("作文篇一\u{a0})").len(), 0);
        assert_eq!(lines("作文篇一\u{200b}").len(), 0);
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
}
