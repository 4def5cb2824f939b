//! The markup rules (cutter/rules/markup.py): `pinyin-ruby`, pinyin annotations left behind by
//! machine conversion (`寫(xiě)`, `們(men)`, `我?(xiě)` after a lost character).
//!
//! The readings come from pypinyin's dictionary, which the core does not hold: Python reads it once
//! and builds a [`Ruby`] from it, which every call then uses.
//!
//! The patterns, beside the rule, as the Python wrote them:
//!
//! * `RUBY = [(（](?P<reading>[a-zü\u0261{TONE_MARKS}]{1,7})[)）]`: an annotation; the character
//!   before it is its base. Its class holds no parenthesis, so every opening parenthesis is tried on
//!   its own: it matches when 1 to 7 letters of the class and a closing parenthesis follow it.
//! * `RUBY_AFTER_LOST = (?<=[?\ufffd])(?P<reading>[…]{1,7})[)）]`: a reading whose opening
//!   parenthesis went into the garbled bytes (`猿?huì)有`): likewise tried after each `?` and U+FFFD.
//! * `TONE_MARK = [{TONE_MARKS}]`.

use std::collections::{HashMap, HashSet};

use aho_corasick::AhoCorasick;

use crate::paragraphs::Finding;
use crate::text::{count, decode_at};

/// `patterns.TONE_MARKS`.
pub const TONE_MARKS: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
/// The IPA `ɡ` some sites type for `g`.
const IPA_G: u32 = 0x261;
/// `markup.FEW_RUBY`: a page with this many readings or fewer may be a children's text with real ruby.
pub const FEW_RUBY: usize = 2;
/// The longest reading `RUBY` takes.
const LONGEST_READING: usize = 7;

/// `[{TONE_MARKS}]`, one comparison for the bulk of the text (above U+1E3F).
fn is_tone_mark(point: u32) -> bool {
    matches!(
        point,
        0xE0 | 0xE1 | 0xE8 | 0xE9 | 0xEC | 0xED | 0xF2 | 0xF3 | 0xF9 | 0xFA | 0x101 | 0x113 | 0x11B | 0x12B | 0x144
            | 0x148 | 0x14D | 0x16B | 0x1CE | 0x1D0 | 0x1D2 | 0x1D4 | 0x1D6 | 0x1D8 | 0x1DA | 0x1DC | 0x1F9 | 0x1E3F
    )
}

/// `[a-zü\u0261{TONE_MARKS}]`.
fn is_ruby_letter(point: u32) -> bool {
    matches!(point, 0x61..=0x7A | 0xFC | IPA_G) || is_tone_mark(point)
}

fn is_closing(point: u32) -> bool {
    point == 0x29 || point == 0xFF09
}

/// An annotation found: the byte offsets of its span.
struct Annotation {
    start: usize,
    end: usize,
}

/// The letters at byte `at` and the closing parenthesis after them, when there are 1 to 7.
fn annotation_at(bytes: &[u8], at: usize) -> Option<((usize, usize), usize)> {
    let mut position = at;
    for _ in 0..=LONGEST_READING {
        let (point, width) = decode_at(bytes, position)?;
        if is_closing(point) {
            return (position > at).then_some(((at, position), position + width));
        }
        if !is_ruby_letter(point) {
            return None;
        }
        position += width;
    }
    None
}

/// The code point that ends right before byte `at` (`at` > 0).
fn point_before(bytes: &[u8], at: usize) -> u32 {
    let mut start = at - 1;
    while start > 0 && at - start < 4 && bytes[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    match decode_at(bytes, start) {
        Some((point, width)) if start + width == at => point,
        _ => crate::text::REPLACEMENT,
    }
}

/// The readings of pypinyin's dictionary and the syllables it knows.
pub struct Ruby {
    readings: HashMap<u32, Vec<Box<str>>>,
    syllables: HashSet<Box<str>>,
    openings: AhoCorasick,
    lost: AhoCorasick,
}

/// What [`Ruby::spans`] finds, in code points: the annotations that are readings of the
/// character before them, and those after a lost character that are toned syllables.
pub type Spans = (Vec<(usize, usize)>, Vec<(usize, usize)>);

impl Ruby {
    /// `readings`: each character's code point and its readings as pypinyin writes them
    /// (`"xiě,xiè"`); `syllables`: every toned syllable the dictionary knows.
    pub fn new(readings: &[(u32, String)], syllables: &[String]) -> Result<Self, String> {
        let readings = readings
            .iter()
            .map(|(point, value)| (*point, value.split(',').map(Box::from).collect()))
            .collect();
        let syllables = syllables.iter().map(|s| Box::from(s.as_str())).collect();
        let openings = AhoCorasick::new(["(", "（"]).map_err(|e| e.to_string())?;
        let lost = AhoCorasick::new(["?", "\u{FFFD}"]).map_err(|e| e.to_string())?;
        Ok(Ruby { readings, syllables, openings, lost })
    }

    /// `markup._reading`: the reading as the dictionary writes it (`ɡ` as `g`).
    fn reading(letters: &[u8]) -> std::borrow::Cow<'_, str> {
        let text = String::from_utf8_lossy(letters);
        if text.contains('\u{261}') {
            text.replace('\u{261}', "g").into()
        } else {
            text
        }
    }

    /// `markup.is_reading`: whether `letters` are a reading of the character `base`.
    fn is_reading(&self, base: u32, letters: &[u8]) -> bool {
        let reading = Self::reading(letters);
        self.readings.get(&base).is_some_and(|values| values.iter().any(|v| **v == *reading))
    }

    /// `markup._toned_syllable`.
    fn toned_syllable(&self, letters: &[u8]) -> bool {
        let text = String::from_utf8_lossy(letters);
        text.chars().any(|c| is_tone_mark(c as u32)) && self.syllables.contains(&*Self::reading(letters))
    }

    /// The annotations as byte spans: confirmed, and after a lost character (sorted, distinct).
    fn annotations(&self, bytes: &[u8]) -> (Vec<Annotation>, Vec<Annotation>) {
        let (mut confirmed, mut lost) = (Vec::new(), Vec::new());
        for hit in self.openings.find_iter(bytes) {
            if hit.start() == 0 {
                continue;
            }
            let Some((letters, end)) = annotation_at(bytes, hit.end()) else { continue };
            let base = point_before(bytes, hit.start());
            let found = Annotation { start: hit.start(), end };
            let reading = &bytes[letters.0..letters.1];
            if self.is_reading(base, reading) {
                confirmed.push(found);
            } else if (base == 0x3F || base == 0xFFFD) && self.toned_syllable(reading) {
                lost.push(found);
            }
        }
        let mut after = Vec::new();
        for hit in self.lost.find_iter(bytes) {
            if let Some((letters, end)) = annotation_at(bytes, hit.end()) {
                if self.toned_syllable(&bytes[letters.0..letters.1]) {
                    after.push(Annotation { start: hit.end(), end });
                }
            }
        }
        if !after.is_empty() {
            lost.extend(after);
            lost.sort_by_key(|a| (a.start, a.end));
        }
        (confirmed, lost)
    }

    /// `markup.ruby_spans`, in code points.
    pub fn spans(&self, bytes: &[u8]) -> Spans {
        let (confirmed, lost) = self.annotations(bytes);
        let mut places = Places::new(bytes);
        let confirmed = confirmed.iter().map(|a| (places.at(a.start), places.at(a.end))).collect();
        let mut places = Places::new(bytes);
        let lost = lost.iter().map(|a| (places.at(a.start), places.at(a.end))).collect();
        (confirmed, lost)
    }

    /// `markup.count_ruby`: how many annotations are readings of the character before them.
    pub fn count(&self, bytes: &[u8]) -> usize {
        self.annotations(bytes).0.len()
    }

    /// The `pinyin-ruby` rule's findings: `page` is the page's count of readings
    /// (`context.ruby`, `None`: count this text's), `traditional` whether the document is.
    pub fn findings(&self, bytes: &[u8], page: Option<usize>, traditional: bool) -> Vec<Finding> {
        let has_tone = std::str::from_utf8(bytes)
            .map(|text| text.chars().any(|c| is_tone_mark(c as u32)))
            .unwrap_or_else(|_| crate::text::CodePoints::new(bytes).any(|(_, p)| is_tone_mark(p)));
        if !has_tone && memchr::memchr(b'(', bytes).is_none() {
            return Vec::new();
        }
        let (confirmed, lost) = self.annotations(bytes);
        let page = page.unwrap_or(confirmed.len());
        if page == 0 && confirmed.is_empty() {
            return Vec::new();
        }
        let mut places = Places::new(bytes);
        if page <= FEW_RUBY && !traditional {
            return confirmed
                .iter()
                .map(|a| {
                    let base = base_start(bytes, a.start);
                    let mut message = format!("possible pinyin ruby kept, the page has only {page}: “").into_bytes();
                    message.extend_from_slice(&bytes[base..a.end]);
                    message.extend_from_slice("”".as_bytes());
                    Finding { start: places.at(base), end: places.at(a.end), message: Some(message) }
                })
                .collect();
        }
        let mut all: Vec<&Annotation> = confirmed.iter().chain(lost.iter()).collect();
        all.sort_by_key(|a| (a.start, a.end));
        all.iter().map(|a| Finding { start: places.at(a.start), end: places.at(a.end), message: None }).collect()
    }
}

/// The byte offset of the code point before byte `at`.
fn base_start(bytes: &[u8], at: usize) -> usize {
    let mut start = at - 1;
    while start > 0 && at - start < 4 && bytes[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    start
}

/// Byte offsets to code-point offsets, asked in increasing order: one sweep over the text.
struct Places<'a> {
    bytes: &'a [u8],
    byte: usize,
    point: usize,
}

impl<'a> Places<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Places { bytes, byte: 0, point: 0 }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.point = 0;
        }
        self.point += count(&self.bytes[self.byte..byte]);
        self.byte = byte;
        self.point
    }
}

// --- html: where markup is ------------------------------------------------------------------
//
// The html rule cleans each stretch of text holding markup; this is the scan that finds the
// stretches, `markup._clusters`: `P.MARKUP.finditer(text, overlapped=True)` (one match tried at
// each position, the first of its five alternatives that matches there), each span widened by
// `CLUSTER_GAP` within its line (`markup._widen`), and spans less than `CLUSTER_GAP` apart merged.
// The five alternatives, as patterns.py writes them:
//
// * `HTML_ENTITY = &(?:[a-zA-Z]{2,8}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});|&bsp;`: by hand.
// * `HTML_TAG = </?(?:p|span|div|br|strong|b|i|em|h[1-6]|a|font|img|table|tr|td|li|ul|ol|section|article|center)
//   (?:\s+[a-zA-Z:-]+(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s<>]+))?)*\s*/?>`, IGNORECASE and VERBOSE:
//   [`tag_pattern`], with the `regex` module's case folding written out (it folds `İ` to `i` and
//   `ſ` to `s`, and its `[a-zA-Z]` also takes `ı` and the Kelvin sign), and a lone surrogate's
//   WTF-8 bytes taken wherever a negated class takes any character.
// * `HTML_FRAGMENT = (?<![A-Za-z0-9<])(?:\?/|/)?(?:p|strong|span|div|em)>(?![A-Za-z0-9])`: by hand,
//   from each `>`.
// * `CRLF_RESIDUE = x0dx0a|x0d|x0a(?=\p{Han})`, IGNORECASE (which folds nothing here but ASCII).
// * `EMAIL_PROTECTED = \[email\s*(?:&#160;|\u00a0| )?protected\]` (`\s` is White_Space, which holds
//   the no-break space and the space, so the optional group adds nothing after `\s*` but `&#160;`).

/// `markup.CLUSTER_GAP`: an entity-encoded tag's name and attributes fit in this.
pub const CLUSTER_GAP: usize = 40;

/// A lone surrogate as the binding hands it over (WTF-8), for the negated classes.
const SURROGATE: &str = r"(?-u:\xED[\xA0-\xBF][\x80-\xBF])";

/// `HTML_TAG`, anchored (it is tried at each `<`), case folding written out.
pub fn tag_pattern() -> String {
    let names = "p|span|div|br|strong|b|i|em|h[1-6]|a|font|img|table|tr|td|li|ul|ol|section|article|center";
    let mut folded = String::new();
    for c in names.chars() {
        match c {
            'i' => folded.push_str("[iI\u{130}]"),
            's' => folded.push_str("[sS\u{17F}]"),
            'a'..='z' => folded.push_str(&format!("[{c}{}]", c.to_ascii_uppercase())),
            _ => folded.push(c),
        }
    }
    let letter = "[a-zA-Z:\\-\u{130}\u{131}\u{17F}\u{212A}]";
    let quoted = format!(r#""(?:[^"\n]|{SURROGATE})*"|'(?:[^'\n]|{SURROGATE})*'"#);
    let bare = format!(r"(?:[^\s<>]|{SURROGATE})+");
    format!(r"^</?(?:{folded})(?:\s+{letter}+(?:\s*=\s*(?:{quoted}|{bare}))?)*\s*/?>")
}

/// `HTML_ENTITY` at byte `at` (an `&`): its end.
fn entity_at(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = &bytes[at + 1..];
    let run = |from: usize, class: fn(&u8) -> bool| rest.get(from..).map_or(0, |r| r.iter().take_while(|b| class(b)).count());
    let letters = run(0, u8::is_ascii_alphabetic);
    if (2..=8).contains(&letters) && rest.get(letters) == Some(&b';') {
        return Some(at + 1 + letters + 1);
    }
    if rest.first() != Some(&b'#') {
        return None;
    }
    let digits = run(1, u8::is_ascii_digit);
    if (2..=7).contains(&digits) && rest.get(1 + digits) == Some(&b';') {
        return Some(at + 2 + digits + 1);
    }
    if matches!(rest.get(1), Some(b'x' | b'X')) {
        let hex = run(2, u8::is_ascii_hexdigit);
        if (2..=6).contains(&hex) && rest.get(2 + hex) == Some(&b';') {
            return Some(at + 3 + hex + 1);
        }
    }
    None
}

fn starts_with_folded(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    bytes.get(at..at + word.len()).is_some_and(|found| found.eq_ignore_ascii_case(word))
}

/// `CRLF_RESIDUE` at byte `at` (an `x` or `X`): its end.
fn crlf_at(bytes: &[u8], at: usize) -> Option<usize> {
    if starts_with_folded(bytes, at, b"x0dx0a") {
        return Some(at + 6);
    }
    if starts_with_folded(bytes, at, b"x0d") {
        return Some(at + 3);
    }
    if starts_with_folded(bytes, at, b"x0a") {
        let (point, _) = decode_at(bytes, at + 3)?;
        return (crate::tables::line_classes().of(point) & crate::tables::HAN != 0).then_some(at + 3);
    }
    None
}

/// `\s` of the `regex` module (and of the `regex` crate): White_Space.
fn is_pattern_space(point: u32) -> bool {
    matches!(point, 0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

/// `EMAIL_PROTECTED` at byte `at` (a `[`): its end.
fn email_at(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at..at + 6) != Some(b"[email") {
        return None;
    }
    let mut position = at + 6;
    while let Some((point, width)) = decode_at(bytes, position) {
        if !is_pattern_space(point) {
            break;
        }
        position += width;
    }
    if bytes[position..].starts_with(b"&#160;protected]") {
        return Some(position + 16);
    }
    bytes[position..].starts_with(b"protected]").then_some(position + 10)
}

const FRAGMENT_NAMES: [&[u8]; 5] = [b"p", b"strong", b"span", b"div", b"em"];

/// The starts of the `HTML_FRAGMENT` matches that end with the `>` at byte `at`.
fn fragments_ending_at(bytes: &[u8], at: usize, starts: &mut Vec<usize>) {
    if bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric) {
        return;
    }
    let free_before = |start: usize| start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'<');
    for name in FRAGMENT_NAMES {
        let Some(name_start) = at.checked_sub(name.len()) else { continue };
        if &bytes[name_start..at] != name {
            continue;
        }
        if free_before(name_start) {
            starts.push(name_start);
        }
        if name_start >= 1 && bytes[name_start - 1] == b'/' {
            if free_before(name_start - 1) {
                starts.push(name_start - 1);
            }
            if name_start >= 2 && bytes[name_start - 2] == b'?' && free_before(name_start - 2) {
                starts.push(name_start - 2);
            }
        }
    }
}

/// `markup._clusters` with the scan built once per process.
pub fn clusters(bytes: &[u8]) -> Vec<(usize, usize)> {
    static SCAN: std::sync::OnceLock<Markup> = std::sync::OnceLock::new();
    SCAN.get_or_init(|| Markup::new().expect("the tag pattern compiles")).clusters(bytes)
}

/// The html rule's markup scan (`markup._clusters`).
pub struct Markup {
    tag: regex::bytes::Regex,
}

impl Markup {
    pub fn new() -> Result<Self, String> {
        Ok(Markup { tag: regex::bytes::Regex::new(&tag_pattern()).map_err(|e| e.to_string())? })
    }

    /// `P.MARKUP.finditer(text, overlapped=True)`'s spans, in bytes, by start.
    pub fn markup_spans(&self, bytes: &[u8]) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut fragments = Vec::new();
        for at in memchr::memchr3_iter(b'&', b'<', b'>', bytes).chain(memchr::memchr3_iter(b'x', b'X', b'[', bytes)) {
            match bytes[at] {
                b'&' => spans.extend(entity_at(bytes, at).map(|end| (at, end))),
                b'<' => spans.extend(self.tag.find(&bytes[at..]).map(|m| (at, at + m.end()))),
                b'x' | b'X' => spans.extend(crlf_at(bytes, at).map(|end| (at, end))),
                b'[' => spans.extend(email_at(bytes, at).map(|end| (at, end))),
                _ => {
                    fragments.clear();
                    fragments_ending_at(bytes, at, &mut fragments);
                    spans.extend(fragments.iter().map(|&start| (start, at + 1)));
                }
            }
        }
        spans.sort_unstable();
        spans
    }

    /// `markup._clusters`: the (start, end) in code points of the stretches holding markup.
    pub fn clusters(&self, bytes: &[u8]) -> Vec<(usize, usize)> {
        let spans = self.markup_spans(bytes);
        if spans.is_empty() {
            return Vec::new();
        }
        // the spans and newlines in code points: starts in order, each end counted from its start
        let mut places = Places::new(bytes);
        let spans: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(start, end)| {
                let first = places.at(start);
                (first, first + count(&bytes[start..end]))
            })
            .collect();
        let mut places = Places::new(bytes);
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', bytes).map(|at| places.at(at)).collect();
        let total = places.at(bytes.len());
        let mut widened: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(start, end)| {
                let before = newlines.partition_point(|&n| n < start);
                let after = newlines.partition_point(|&n| n < end);
                let line_start = if before > 0 { newlines[before - 1] + 1 } else { 0 };
                let line_end = newlines.get(after).copied().unwrap_or(total);
                (line_start.max(start.saturating_sub(CLUSTER_GAP)), line_end.min(end + CLUSTER_GAP))
            })
            .collect();
        widened.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (start, end) in widened {
            match merged.last_mut() {
                Some(last) if start <= last.1 + CLUSTER_GAP => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// pypinyin's dictionary from the project's virtual environment, when it is there (the repo
    /// holds no copy of it); a few characters' readings otherwise.
    fn ruby() -> Ruby {
        let root = format!("{}/../../.venv/lib", env!("CARGO_MANIFEST_DIR"));
        let file = std::fs::read_dir(&root).ok().and_then(|mut dirs| {
            dirs.find_map(|d| {
                let path = d.ok()?.path().join("site-packages/pypinyin/pinyin_dict.json");
                path.is_file().then_some(path)
            })
        });
        let readings: Vec<(u32, String)> = match file {
            Some(path) => {
                let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
                table
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(code, value)| (code.parse().unwrap(), value.as_str().unwrap().to_string()))
                    .collect()
            }
            None => SMALL.iter().map(|(c, v)| (*c as u32, v.to_string())).collect(),
        };
        let syllables: HashSet<String> =
            readings.iter().flat_map(|(_, v)| v.split(',').map(str::to_string).collect::<Vec<_>>()).collect();
        Ruby::new(&readings, &syllables.into_iter().collect::<Vec<_>>()).unwrap()
    }

    const SMALL: [(char, &str); 24] = [
        ('寫', "xiě,xiè"), ('們', "men"), ('的', "de,dí,dì"), ('發', "fā,fà"), ('現', "xiàn"), ('時', "shí"),
        ('間', "jiān,jiàn"), ('轉', "zhuǎn,zhuàn"), ('年', "nián"), ('他', "tā"), ('說', "shuō,shuì,yuè"),
        ('話', "huà"), ('書', "shū"), ('來', "lái"), ('這', "zhè,zhèi"), ('會', "huì,kuài"), ('經', "jīng"),
        ('過', "guò,guo,guō"), ('彤', "tóng"), ('問', "wèn"), ('京', "jīng"), ('瑟', "sè"), ('明', "míng"),
        ('王', "wáng,wàng"),
    ];

    fn apply(text: &str, found: &[Finding]) -> String {
        let points: Vec<char> = text.chars().collect();
        let (mut out, mut at) = (String::new(), 0);
        for f in found {
            out.extend(&points[at..f.start]);
            at = f.end;
        }
        out.extend(&points[at..]);
        out
    }

    #[test]
    fn the_tone_marks_are_the_patterns() {
        let marks: Vec<u32> = (0..0x11_0000).filter(|&p| is_tone_mark(p)).collect();
        let mut expected: Vec<u32> = TONE_MARKS.chars().map(|c| c as u32).collect();
        expected.sort_unstable();
        assert_eq!(marks, expected);
    }

    #[test]
    fn readings_are_found_and_others_stay() {
        let ruby = ruby();
        assert_eq!(ruby.spans("我們寫(xiě)作文".as_bytes()), (vec![(3, 8)], vec![]));
        assert_eq!(ruby.spans("小明(ming)".as_bytes()), (vec![], vec![]));
        assert_eq!(ruby.spans("(xiě)寫".as_bytes()), (vec![], vec![])); // nothing before it
        assert_eq!(ruby.spans("寫(xiěxiěxi)".as_bytes()), (vec![], vec![])); // eight letters
        assert_eq!(ruby.spans("我?(xiě)錯".as_bytes()), (vec![], vec![(2, 7)]));
        assert_eq!(ruby.spans("常?huì)有".as_bytes()), (vec![], vec![(2, 6)]));
        assert_eq!(ruby.spans("常\u{FFFD}huì）有".as_bytes()), (vec![], vec![(2, 6)]));
        assert_eq!(ruby.spans("常?hui)有".as_bytes()), (vec![], vec![])); // untoned after a lost character
        assert_eq!(ruby.spans("彤(tónɡ)彤".as_bytes()), (vec![(1, 7)], vec![]));
        assert_eq!(ruby.count("們(men)的(de)瑟 (sè)".as_bytes()), 2);
    }

    #[test]
    fn a_few_readings_on_a_simplified_page_are_flagged() {
        let ruby = ruby();
        let found = ruby.findings("风吹得树叶瑟(sè)瑟作响。".as_bytes(), None, false);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (5, 10));
        assert_eq!(
            String::from_utf8(found[0].message.clone().unwrap()).unwrap(),
            "possible pinyin ruby kept, the page has only 1: “瑟(sè)”"
        );
        assert_eq!(ruby.findings("风吹得树叶瑟(sè)瑟作响。".as_bytes(), None, true)[0].message, None);
        assert_eq!(ruby.findings("风吹得树叶瑟(sè)瑟作响。".as_bytes(), Some(3), false)[0].message, None);
        assert!(ruby.findings("常?huì)有".as_bytes(), None, true).is_empty()); // no reading on the page
        assert_eq!(ruby.findings("常?huì)有".as_bytes(), Some(5), false).len(), 1);
        assert!(ruby.findings("寫（xiě）".as_bytes(), Some(5), false).len() == 1);
        assert!(ruby.findings("們（men）".as_bytes(), Some(5), false).is_empty()); // no tone, no "("
    }

    #[test]
    fn the_case_table_holds() {
        let ruby = ruby();
        let path = format!("{}/../../tests/cases/pinyin-ruby.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        // the Python case tests (tests/test_rules.py) run the rule on a simplified page whose count
        // of readings is the text's own
        for case in table["fix"].as_array().unwrap() {
            let (before, after) = (case[0].as_str().unwrap(), case[1].as_str().unwrap());
            let found = ruby.findings(before.as_bytes(), None, false);
            assert!(found.iter().all(|f| f.message.is_none()), "fix {before:?}");
            assert_eq!(apply(before, &found), after, "fix {before:?}");
        }
        for case in table["keep"].as_array().unwrap() {
            let case = case.as_str().unwrap();
            assert!(ruby.findings(case.as_bytes(), None, false).is_empty(), "keep {case:?}");
        }
        for case in table["flag"].as_array().unwrap() {
            let case = case.as_str().unwrap();
            let found = ruby.findings(case.as_bytes(), None, false);
            assert!(!found.is_empty() && found.iter().all(|f| f.message.is_some()), "flag {case:?}");
        }
    }

    #[test]
    fn markup_is_found_where_python_finds_it() {
        let markup = Markup::new().unwrap();
        let spans = |text: &str| markup.markup_spans(text.as_bytes());
        assert_eq!(spans("a&nbsp;b&n;&#160;&#x3000;&abcdefghi;"), vec![(1, 7), (11, 17), (17, 25)]);
        assert_eq!(spans("</p>"), vec![(0, 4), (2, 4)]);
        assert_eq!(spans("?/p>a/p> xp> /strong>"), vec![(6, 8), (13, 21), (14, 21)]);
        assert_eq!(spans("x0dx0a x0d X0A甲 x0a1"), vec![(0, 6), (7, 10), (11, 14)]);
        assert_eq!(spans("[email\u{a0}protected] [email&#160;protected] [email protected"), vec![(0, 18), (19, 41), (25, 31)]);
        assert_eq!(spans("<p class=\"a\">正文</P ><İmg src=x/><bx>"), vec![(0, 13), (19, 24), (24, 37)]);
        assert_eq!(markup.clusters("甲<b>乙".as_bytes()), vec![(0, 5)]);
        let near = format!("<b>{}<i>", "甲".repeat(100));
        assert_eq!(markup.clusters(near.as_bytes()), vec![(0, 106)]);
        let far = format!("<b>{}<i>", "甲".repeat(121));
        assert_eq!(markup.clusters(far.as_bytes()), vec![(0, 43), (84, 127)]);
        assert_eq!(markup.clusters("甲\n<b>\n乙".as_bytes()), vec![(2, 5)]);
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let markup = Markup::new().unwrap();
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        markup.clusters(&bytes);
        for text in [&b"&"[..], b"<", b">", b"p>", b"x0", b"[email", b"[email\xc2", b"&#x", b"<p \xed\xa0\x80>"] {
            markup.clusters(text);
        }
        let ruby = ruby();
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        ruby.findings(&bytes, None, false);
        ruby.spans(&bytes);
        for text in [&b"\xed\xa0\x80(a)"[..], b"(", b"?", b"\x80(a)", b"?a", b"\xef\xbc\x88a\xef\xbc", b"a(\xc3\xbc)"] {
            ruby.findings(text, Some(9), false);
            ruby.spans(text);
        }
    }
}
