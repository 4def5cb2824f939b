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

use memchr::{memchr, memchr2};

use crate::tables::{line_classes, Table, FORMAT, HAN, LINE_SPACE, NUMERAL, PATTERN_SPACE, TONE};
use crate::text::{count, decode_at};

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
    let mut points = [0u32; SHAPED_MAX + 1];
    let mut line_start = 0; // in code points
    let mut at = 0; // in bytes
    loop {
        let end = memchr(b'\n', &text[at..]).map_or(text.len(), |offset| at + offset);
        let line = &text[at..end];
        let length = count(line);
        if length > 0 {
            let read = reading(line, table, &mut points);
            let head = &points[..read];
            if (read <= SHAPED_MAX && shaped_like_header(head, table)) || may_be_glued(head) {
                found.push((line_start, line_start + length));
            }
        }
        if end == text.len() {
            return found;
        }
        line_start += length + 1;
        at = end + 1;
    }
}

/// Fills `points` with the start of `line` read without its debris (`split._reading`) and
/// returns how many it holds: all of the reading, or `points.len()` when it is longer.
fn reading(line: &[u8], table: &Table, points: &mut [u32]) -> usize {
    let mut read = 0;
    let mut at = 0;
    let mut after_han = false; // whether the code point before `at` in the line is Han
    while read < points.len() {
        let Some((point, width)) = decode_at(line, at) else { break };
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
                if space {
                    points[read] = u32::from(b' ');
                    read += 1;
                }
                at = end;
                after_han = false; // debris ends in `;`, `>`, `)`, `）`, U+00A0 or a format character
            }
            None => {
                points[read] = point;
                read += 1;
                after_han = table.of(point) & HAN != 0;
                at += width;
            }
        }
    }
    read
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
}
