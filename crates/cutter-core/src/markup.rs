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
}

/// The byte offsets of `a` and of `b` in `bytes`, one sorted list (each found with memchr's
/// vectorised scans; the two never start at the same byte).
fn either(bytes: &[u8], a: u8, b: &str) -> Vec<usize> {
    let singles = memchr::memchr_iter(a, bytes);
    let mut wide = memchr::memmem::find_iter(bytes, b.as_bytes()).peekable();
    let mut found = Vec::new();
    for at in singles {
        while let Some(&other) = wide.peek().filter(|&&other| other < at) {
            found.push(other);
            wide.next();
        }
        found.push(at);
    }
    found.extend(wide);
    found
}

/// Whether `bytes` hold a tone mark: each is two bytes led by C3, C4, C5 or C7, or U+1E3F.
fn has_tone_mark(bytes: &[u8]) -> bool {
    let two = |lead: u8| {
        memchr::memchr_iter(lead, bytes).any(|at| decode_at(bytes, at).is_some_and(|(point, _)| is_tone_mark(point)))
    };
    memchr::memmem::find(bytes, "\u{1E3F}".as_bytes()).is_some() || [0xC3, 0xC4, 0xC5, 0xC7].into_iter().any(two)
}

/// `markup._annotated`: whether `bytes` hold an annotation at all, `RUBY` (1 to 7 ruby letters
/// in parentheses) or `RUBY_AFTER_LOST` (after `?` or U+FFFD, up to a closing parenthesis). Only
/// the bytes that open one are looked at (memchr), so a text without them costs one scan.
///
/// ```
/// use cutter_core::markup::annotated;
/// assert!(annotated("寫(xiě)作".as_bytes()) && annotated("猿?huì)有".as_bytes()));
/// assert!(!annotated("第(1)条，C(4)篇".as_bytes()) && !annotated("(abcdefgh)".as_bytes()));
/// ```
pub fn annotated(bytes: &[u8]) -> bool {
    let after = |at: usize, width: usize| annotation_at(bytes, at + width).is_some();
    memchr::memchr2_iter(b'(', b'?', bytes).any(|at| after(at, 1))
        || memchr::memmem::find_iter(bytes, "（".as_bytes()).any(|at| after(at, 3))
        || memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).any(|at| after(at, 3))
}

/// A page as the ruby count reads it (`rules.base` `_without_ruby_noise`): every run of
/// whitespace (the `regex` module's `\s`) that holds a line break removed, and every format
/// character (`\p{Cf}`); then every tag of up to 40 characters (`<[^<>]{0,40}>`), left to right.
/// A space inside a line stays: `瑟 (sè)` is no annotation, before or after cleaning.
///
/// ```
/// use cutter_core::markup::without_ruby_noise;
/// let page = "寫(\n \nxiě)<b>發</b>(fā)瑟 (sè)\u{200b}";
/// assert_eq!(without_ruby_noise(page.as_bytes()), "寫(xiě)發(fā)瑟 (sè)".as_bytes());
/// ```
pub fn without_ruby_noise(bytes: &[u8]) -> Vec<u8> {
    let classes = crate::tables::line_classes();
    let mut joined = Vec::with_capacity(bytes.len());
    let mut spaces: Option<(usize, bool)> = None; // where the run of whitespace began, whether it holds a break
    let mut at = 0;
    while at < bytes.len() {
        // the bulk: printable ASCII and the CJK ideographs (U+4000–U+9FFF, leads E4–E9), neither
        // whitespace nor a format character, copied as they stand
        let plain = plain_prefix(&bytes[at..]);
        if plain > 0 {
            if let Some((start, broken)) = spaces.take() {
                if !broken {
                    joined.extend_from_slice(&bytes[start..at]);
                }
            }
            joined.extend_from_slice(&bytes[at..at + plain]);
            at += plain;
            continue;
        }
        let (point, width) = decode_at(bytes, at).unwrap_or((crate::text::REPLACEMENT, 1));
        let class = classes.of(point);
        if class & crate::tables::PATTERN_SPACE != 0 {
            let (start, broken) = spaces.unwrap_or((at, false));
            spaces = Some((start, broken || point == u32::from(b'\n')));
            at += width;
            continue;
        }
        if let Some((start, broken)) = spaces.take() {
            if !broken {
                joined.extend_from_slice(&bytes[start..at]);
            }
        }
        if class & crate::tables::FORMAT == 0 {
            joined.extend_from_slice(&bytes[at..at + width]);
        }
        at += width;
    }
    if let Some((start, false)) = spaces {
        joined.extend_from_slice(&bytes[start..]);
    }
    // the tags removed in place: what is kept is copied down over them, never past what is
    // still to be read (a huge page is held twice here, not three times)
    let (mut kept, mut from, mut open) = (0, 0, 0);
    while let Some(found) = memchr::memchr(b'<', &joined[open..]) {
        open += found;
        match tag_end(&joined, open) {
            Some(close) => {
                joined.copy_within(from..open, kept);
                kept += open - from;
                from = close;
                open = close;
            }
            None => open += 1,
        }
    }
    joined.copy_within(from.., kept);
    joined.truncate(kept + joined.len() - from);
    joined
}

/// How many bytes `bytes` opens with that are printable ASCII or whole CJK ideographs of leads
/// E4–E9 (U+4000–U+9FFF): none of them whitespace or a format character.
fn plain_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    loop {
        match bytes[at..] {
            [0x21..=0x7E, ..] => at += 1,
            [0xE4..=0xE9, 0x80..=0xBF, 0x80..=0xBF, ..] => at += 3,
            _ => return at,
        }
    }
}

/// The end (past its `>`) of the tag opening at `open`: up to 40 code points, none of them `<` or
/// `>`, then `>`.
fn tag_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut inside = 0;
    for (offset, &byte) in bytes[open + 1..].iter().enumerate() {
        match byte {
            b'>' => return Some(open + 1 + offset + 1),
            b'<' => return None,
            _ if byte as i8 >= -0x40 => {
                inside += 1;
                if inside > 40 {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `bytes` hold a byte or pair that all markup holds (`markup._HTML_HINT`): the html rule
/// looks no further in a text without one.
pub fn hinted(bytes: &[u8]) -> bool {
    memchr::memchr3(b'&', b'<', b'>', bytes).is_some()
        || [&b"x0"[..], b"X0", b"[email"].iter().any(|hint| memchr::memmem::find(bytes, hint).is_some())
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
        Ok(Ruby { readings, syllables })
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
        for start in either(bytes, b'(', "（") {
            if start == 0 {
                continue;
            }
            let opening = if bytes[start] == b'(' { 1 } else { 3 };
            let Some((letters, end)) = annotation_at(bytes, start + opening) else { continue };
            let base = point_before(bytes, start);
            let found = Annotation { start, end };
            let reading = &bytes[letters.0..letters.1];
            if self.is_reading(base, reading) {
                confirmed.push(found);
            } else if (base == 0x3F || base == 0xFFFD) && self.toned_syllable(reading) {
                lost.push(found);
            }
        }
        let mut after = Vec::new();
        for lost_at in either(bytes, b'?', "\u{FFFD}") {
            let start = lost_at + if bytes[lost_at] == b'?' { 1 } else { 3 };
            if let Some((letters, end)) = annotation_at(bytes, start) {
                if self.toned_syllable(&bytes[letters.0..letters.1]) {
                    after.push(Annotation { start, end });
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
        if memchr::memchr(b'(', bytes).is_none() && !has_tone_mark(bytes) {
            return Vec::new();
        }
        let (confirmed, lost) = self.annotations(bytes);
        let page = page.unwrap_or(confirmed.len());
        if page == 0 && confirmed.is_empty() {
            return Vec::new();
        }
        let mut places = Places::new(bytes);
        let kept = |a: &Annotation| {
            let base = base_start(bytes, a.start);
            let mut message = format!("possible pinyin ruby kept, the page has only {page}: “").into_bytes();
            message.extend_from_slice(&bytes[base..a.end]);
            message.extend_from_slice("”".as_bytes());
            (base, message)
        };
        if page <= FEW_RUBY && !traditional {
            return confirmed
                .iter()
                .map(|a| {
                    let (base, message) = kept(a);
                    Finding { start: places.at(base), end: places.at(a.end), message: Some(message) }
                })
                .collect();
        }
        // on a traditional page with few readings, one between a character and its repeat (瑟(sè)瑟,
        // a children's text's ruby) is no conversion's mark: it stays, flagged
        let few = page <= FEW_RUBY;
        let mut all: Vec<(&Annotation, bool)> =
            confirmed.iter().map(|a| (a, few && reduplicated(bytes, a))).chain(lost.iter().map(|a| (a, false))).collect();
        all.sort_by_key(|(a, _)| (a.start, a.end));
        all.iter()
            .map(|&(a, flagged)| {
                if flagged {
                    let (base, message) = kept(a);
                    Finding { start: places.at(base), end: places.at(a.end), message: Some(message) }
                } else {
                    Finding { start: places.at(a.start), end: places.at(a.end), message: None }
                }
            })
            .collect()
    }

}

/// Whether the character after an annotation repeats the one before it (`瑟(sè)瑟`).
fn reduplicated(bytes: &[u8], a: &Annotation) -> bool {
    crate::text::decode_at(bytes, a.end).is_some_and(|(point, _)| point == point_before(bytes, a.start))
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
// `CLUSTER_GAP` within its line (`markup._widen`; an entity also to the raw bracket of a tag it
// may open or close, [`tag_reach`]), and spans less than `CLUSTER_GAP` apart merged.
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
/// `markup.TAG_REACH`: a tag half entity-encoded (`&lt;div class="…"⏎>`) ends within this.
pub const TAG_REACH: usize = 400;

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

/// How far (in code points) the entity at `start..end` of `bytes` reaches back to the raw `<` of
/// a tag it may close and on to the raw `>` of one it may open (`&lt;div⏎>`; 0 where there is
/// none): each as far as the nearest bracket or entity, if that is the bracket and fewer than
/// `TAG_REACH` code points lie between (`markup._widen`). Each search stops at the next entity,
/// so every byte is read by at most two of them.
fn tag_reach(bytes: &[u8], start: usize, end: usize) -> (usize, usize) {
    let closer = memchr::memchr3(b'<', b'>', b'&', &bytes[end..])
        .filter(|&at| bytes[end + at] == b'>')
        .map(|at| count(&bytes[end..end + at]))
        .filter(|&between| between < TAG_REACH)
        .map_or(0, |between| between + 1);
    let opener = memchr::memrchr3(b'<', b'>', b'&', &bytes[..start])
        .filter(|&at| bytes[at] == b'<')
        .map(|at| count(&bytes[at + 1..start]))
        .filter(|&between| between < TAG_REACH)
        .map_or(0, |between| between + 1);
    (opener, closer)
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
        let spans: Vec<(usize, usize, usize, usize)> = spans
            .iter()
            .map(|&(start, end)| {
                let first = places.at(start);
                let last = first + count(&bytes[start..end]);
                let (opener, closer) = if bytes[start] == b'&' { tag_reach(bytes, start, end) } else { (0, 0) };
                (first, last, first - opener, last + closer)
            })
            .collect();
        let mut places = Places::new(bytes);
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', bytes).map(|at| places.at(at)).collect();
        let total = places.at(bytes.len());
        let mut widened: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(start, end, opener, closer)| {
                let before = newlines.partition_point(|&n| n < start);
                let after = newlines.partition_point(|&n| n < end);
                let line_start = if before > 0 { newlines[before - 1] + 1 } else { 0 };
                let line_end = newlines.get(after).copied().unwrap_or(total);
                let widened = (line_start.max(start.saturating_sub(CLUSTER_GAP)), line_end.min(end + CLUSTER_GAP));
                (widened.0.min(opener), widened.1.max(closer))
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

// --- html: the cleaning, the groups and the diff ----------------------------------------------
//
// `markup._markup_fixes` for each cluster: the region cleaned until it stops changing (`_cleaned`,
// at most `MAX_ROUNDS` rounds of the five passes, each change keeping the region characters it came
// from, `_replaced`), the changes grouped (`_groups`, `GROUP_SPAN`), and each group's difference
// trimmed of its common ends and diffed as `difflib.SequenceMatcher(None, old, new, autojunk=False)`
// does (`opcodes`). Entities decode as `html.unescape` does, from its tables, which Python hands over
// (`Html::new`): the html5 names, `_invalid_charrefs`, `_invalid_codepoints`.

/// `markup.MAX_ROUNDS`.
pub const MAX_ROUNDS: usize = 4;
/// `markup.GROUP_SPAN`.
pub const GROUP_SPAN: usize = 120;
const BLOCK_TAGS: [&str; 11] = ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"];

/// A change: which points of the region (`old`) became which of the cleaned text (`new`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Change {
    old_start: usize,
    old_end: usize,
    new_start: usize,
    new_end: usize,
}

/// A fix of the html rule in code points, its replacement as code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlFix {
    pub start: usize,
    pub end: usize,
    pub after: Vec<u32>,
}

/// The html rule with `html.unescape`'s tables.
pub struct Html {
    named: HashMap<Vec<u32>, Vec<u32>>,
    invalid_charrefs: HashMap<u32, Vec<u32>>,
    invalid_codepoints: HashSet<u32>,
    scan: Markup,
}

fn points_of(text: &str) -> Vec<u32> {
    text.chars().map(|c| c as u32).collect()
}

/// The byte of `bytes` where code point `point` starts, reading on from `byte` (where code point
/// `places.point` starts; `point` is not before it).
fn byte_of(bytes: &[u8], places: &mut Places<'_>, mut byte: usize, point: usize) -> usize {
    let mut at = places.at(byte);
    while at < point && byte < bytes.len() {
        byte += crate::text::decode_at(bytes, byte).map_or(1, |(_, width)| width);
        at += 1;
    }
    places.at(byte);
    byte
}

/// Text as bytes for the scans (WTF-8) and the code point each byte belongs to.
fn encoded(points: &[u32]) -> (Vec<u8>, Vec<usize>) {
    let mut bytes = Vec::with_capacity(points.len() * 3);
    let mut owner = Vec::with_capacity(points.len() * 3 + 1);
    for (index, &point) in points.iter().enumerate() {
        crate::text::push_point(&mut bytes, point);
        owner.resize(bytes.len(), index);
    }
    owner.push(points.len());
    (bytes, owner)
}

impl Html {
    /// `named`: html5's names (`"amp;"`, `"amp"`) and what they stand for; `invalid_charrefs`,
    /// `invalid_codepoints`: `html._invalid_charrefs`, `html._invalid_codepoints`.
    pub fn new(named: &[(String, String)], invalid_charrefs: &[(u32, String)], invalid_codepoints: &[u32]) -> Result<Self, String> {
        Ok(Html {
            named: named.iter().map(|(k, v)| (points_of(k), points_of(v))).collect(),
            invalid_charrefs: invalid_charrefs.iter().map(|(k, v)| (*k, points_of(v))).collect(),
            invalid_codepoints: invalid_codepoints.iter().copied().collect(),
            scan: Markup::new()?,
        })
    }

    /// `markup._entity` on an entity's points (`&…;`).
    fn entity(&self, group: &[u32]) -> Vec<u32> {
        if group == points_of("&bsp;").as_slice() {
            return vec![0x20];
        }
        let decoded = self.unescape(group);
        if decoded == [0xA0] {
            vec![0x20]
        } else {
            decoded
        }
    }

    /// `html.unescape` of one entity as `HTML_ENTITY` matches it (`&`, a name or number, `;`).
    fn unescape(&self, group: &[u32]) -> Vec<u32> {
        let s = &group[1..];
        if s.first() == Some(&u32::from(b'#')) {
            let hex = matches!(s.get(1), Some(&0x78 | &0x58));
            let digits = &s[if hex { 2 } else { 1 }..s.len() - 1];
            let radix = if hex { 16 } else { 10 };
            let num = digits.iter().fold(0u64, |n, &d| n * radix + u64::from(char::from_u32(d).and_then(|c| c.to_digit(radix as u32)).unwrap_or(0)));
            let num = u32::try_from(num).unwrap_or(u32::MAX);
            if let Some(value) = self.invalid_charrefs.get(&num) {
                return value.clone();
            }
            if (0xD800..=0xDFFF).contains(&num) || num > 0x10FFFF {
                return vec![0xFFFD];
            }
            if self.invalid_codepoints.contains(&num) {
                return Vec::new();
            }
            return vec![num];
        }
        if let Some(value) = self.named.get(s) {
            return value.clone();
        }
        for x in (2..s.len()).rev() {
            if let Some(value) = self.named.get(&s[..x]) {
                let mut out = value.clone();
                out.extend_from_slice(&s[x..]);
                return out;
            }
        }
        group.to_vec()
    }

    /// `markup._tag` on a tag's points.
    fn tag(group: &[u32]) -> Vec<u32> {
        let closing = group.get(1) == Some(&u32::from(b'/'));
        let name: Vec<u32> = group
            .iter()
            .copied()
            .skip_while(|&p| p == 0x3C || p == 0x2F)
            .take_while(|&p| !is_pattern_space(p) && p != 0x2F && p != 0x3E)
            .collect();
        let name: Option<String> =
            name.iter().map(|&p| char::from_u32(p).filter(char::is_ascii).map(|c| c.to_ascii_lowercase())).collect();
        match name.as_deref() {
            Some(name) if BLOCK_TAGS.contains(&name) && (name == "br" || closing) => vec![0x0A],
            _ => Vec::new(),
        }
    }

    /// One pass of `_cleaned`: the (start, end, after) of `pass`'s matches in `text` whose
    /// replacement differs from them.
    fn pass(&self, pass: usize, text: &[u32]) -> Vec<(usize, usize, Vec<u32>)> {
        let (bytes, owner) = encoded(text);
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut take = |candidates: &mut dyn Iterator<Item = (usize, usize)>| {
            let mut position = 0;
            for (start, end) in candidates {
                if start >= position {
                    found.push((start, end));
                    position = end;
                }
            }
        };
        match pass {
            0 => take(&mut memchr::memchr_iter(b'&', &bytes).filter_map(|at| entity_at(&bytes, at).map(|end| (at, end)))),
            1 => take(&mut memchr::memchr_iter(b'<', &bytes).filter_map(|at| self.scan.tag.find(&bytes[at..]).map(|m| (at, at + m.end())))),
            2 => {
                let mut starts = Vec::new();
                let mut all = Vec::new();
                for at in memchr::memchr_iter(b'>', &bytes) {
                    starts.clear();
                    fragments_ending_at(&bytes, at, &mut starts);
                    all.extend(starts.iter().map(|&s| (s, at + 1)));
                }
                all.sort_unstable();
                take(&mut all.into_iter());
            }
            3 => take(&mut memchr::memchr2_iter(b'x', b'X', &bytes).filter_map(|at| crlf_at(&bytes, at).map(|end| (at, end)))),
            _ => take(&mut memchr::memchr_iter(b'[', &bytes).filter_map(|at| email_at(&bytes, at).map(|end| (at, end)))),
        }
        found
            .into_iter()
            .filter_map(|(start, end)| {
                let (start, end) = (owner[start], owner[end]);
                let group = &text[start..end];
                let after = match pass {
                    0 => self.entity(group),
                    1 => Self::tag(group),
                    3 => vec![0x0A],
                    _ => Vec::new(),
                };
                (after != group).then_some((start, end, after))
            })
            .collect()
    }

    /// `markup._cleaned`.
    fn cleaned(&self, region: &[u32]) -> (Vec<u32>, Vec<Change>) {
        let mut text = region.to_vec();
        let mut changes = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            for pass in 0..5 {
                let replacements = self.pass(pass, &text);
                if !replacements.is_empty() {
                    (text, changes) = replaced(&text, &changes, &replacements);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        (text, changes)
    }

    /// `markup._markup_fixes` on `text`'s points.
    /// The html rule's fixes in `bytes` (WTF-8 as `wtf8` writes it), in code points: only each
    /// stretch holding markup is read as code points.
    fn markup_fixes(&self, bytes: &[u8], out: &mut Vec<HtmlFix>) {
        let mut places = Places::new(bytes);
        let mut byte = 0; // the byte where code point `places.point` starts
        for (start, end) in self.scan.clusters(bytes) {
            byte = byte_of(bytes, &mut places, byte, start);
            let from = byte;
            byte = byte_of(bytes, &mut places, byte, end);
            let region: Vec<u32> = crate::text::CodePoints::new(&bytes[from..byte]).map(|(_, p)| p).collect();
            let region = &region[..];
            let (clean, changes) = self.cleaned(region);
            for group in groups(&changes) {
                let old = &region[group.old_start..group.old_end];
                let new = &clean[group.new_start..group.new_end];
                let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
                let tail = old[head..].iter().rev().zip(new[head..].iter().rev()).take_while(|(a, b)| a == b).count();
                let (old, new) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
                let offset = start + group.old_start + head;
                let disjoint = if old.len() > 64 {
                    let seen: HashSet<u32> = old.iter().copied().collect();
                    new.iter().all(|p| !seen.contains(p))
                } else {
                    new.iter().all(|p| !old.contains(p))
                };
                if disjoint {
                    if !old.is_empty() || !new.is_empty() {
                        out.push(HtmlFix { start: offset, end: offset + old.len(), after: new.to_vec() });
                    }
                    continue;
                }
                for (i1, i2, j1, j2) in opcodes(old, new) {
                    out.push(HtmlFix { start: offset + i1, end: offset + i2, after: new[j1..j2].to_vec() });
                }
            }
        }
    }

    /// The html rule's fixes (`markup.fix_html`), in code points. Invisible format characters are
    /// read past: the markup is found in the text without them (`visible`), and each fix's span
    /// mapped back through the places they stood (`removed`, in code points of `bytes`).
    pub fn fixes(&self, bytes: &[u8]) -> Vec<HtmlFix> {
        if !hinted(bytes) {
            return Vec::new();
        }
        let format = |p: u32| crate::tables::line_classes().of(p) & crate::tables::FORMAT != 0;
        let mut removed: Vec<usize> = Vec::new();
        let mut rewritten = false; // a malformed byte, which the text is read with as `wtf8` writes it
        let mut length = 0;
        for (index, (at, point)) in crate::text::CodePoints::new(bytes).enumerate() {
            if format(point) {
                removed.push(index);
            } else if !rewritten {
                let mut written = Vec::with_capacity(4);
                crate::text::push_point(&mut written, point);
                rewritten = !bytes[at..].starts_with(&written);
            }
            length = index + 1;
        }
        let mut out = Vec::new();
        if removed.is_empty() && !rewritten {
            self.markup_fixes(bytes, &mut out);
            return out;
        }
        let mut visible = Vec::with_capacity(bytes.len());
        for (_, point) in crate::text::CodePoints::new(bytes).filter(|&(_, point)| !format(point)) {
            crate::text::push_point(&mut visible, point);
        }
        let mut found = Vec::new();
        self.markup_fixes(&visible, &mut found);
        drop(visible);
        // the place in `bytes` of visible character `index`: `index` plus the removed ones before it
        // (`removed[j] - j` visible characters stand before the j-th removed one)
        let shifted: Vec<usize> = removed.iter().enumerate().map(|(j, &r)| r - j).collect();
        let place = |index: usize| (index + shifted.partition_point(|&visible| visible <= index)).min(length);
        for fix in found {
            let start = place(fix.start);
            let end = if fix.end > fix.start { place(fix.end - 1) + 1 } else { start };
            out.push(HtmlFix { start, end, after: fix.after });
        }
        out
    }
}

/// `text[start:end]` as Python slices it (empty when `start` ≥ `end`).
fn slice(text: &[u32], start: usize, end: usize) -> &[u32] {
    text.get(start..end.min(text.len())).unwrap_or(&[])
}

/// `markup._replaced`: `text` with `replacements` applied, and `changes` carried through.
fn replaced(text: &[u32], changes: &[Change], replacements: &[(usize, usize, Vec<u32>)]) -> (Vec<u32>, Vec<Change>) {
    struct Pending {
        start: usize,
        parts: Vec<u32>,
        position: usize,
        end: usize,
        old_start: usize,
    }
    let mut out: Vec<u32> = Vec::with_capacity(text.len());
    let mut carried: Vec<Change> = Vec::new();
    let (mut index, mut drift): (usize, isize) = (0, 0);
    let mut pending: Option<Pending> = None;
    let mut at = 0usize; // out holds text[..at], out.len() points
    let keep = |carried: &mut Vec<Change>, out_len: usize, at: usize, change: &Change| {
        let shift = out_len as isize - at as isize;
        carried.push(Change {
            new_start: (change.new_start as isize + shift) as usize,
            new_end: (change.new_end as isize + shift) as usize,
            ..*change
        });
    };
    let flush = |pending: Pending, out: &mut Vec<u32>, carried: &mut Vec<Change>, at: &mut usize, drift: isize| {
        let Pending { start, mut parts, position, end, old_start } = pending;
        parts.extend_from_slice(slice(text, position, end));
        out.extend_from_slice(slice(text, *at, start));
        let length = out.len();
        carried.push(Change {
            old_start,
            old_end: (end as isize + drift) as usize,
            new_start: length,
            new_end: length + parts.len(),
        });
        out.extend_from_slice(&parts);
        *at = end;
    };
    for (start, end, after) in replacements {
        let (start, end) = (*start, *end);
        match pending.as_mut() {
            Some(p) if start < p.end => {
                p.parts.extend_from_slice(slice(text, p.position, start));
                p.parts.extend_from_slice(after);
                p.position = p.position.max(end);
            }
            _ => {
                if let Some(p) = pending.take() {
                    flush(p, &mut out, &mut carried, &mut at, drift);
                }
                while index < changes.len() && changes[index].new_end <= start {
                    drift = changes[index].old_end as isize - changes[index].new_end as isize;
                    keep(&mut carried, out.len(), at, &changes[index]);
                    index += 1;
                }
                if index < changes.len() && changes[index].new_start <= start && start < changes[index].new_end {
                    let first = changes[index];
                    let mut parts = slice(text, first.new_start, start).to_vec();
                    parts.extend_from_slice(after);
                    pending = Some(Pending { start: first.new_start, parts, position: end, end, old_start: first.old_start });
                } else {
                    let old_start = (start as isize + drift) as usize;
                    pending = Some(Pending { start, parts: after.clone(), position: end, end, old_start });
                }
            }
        }
        let p = pending.as_mut().expect("a change is being built");
        while index < changes.len() && changes[index].new_start < end {
            let change = changes[index];
            drift = change.old_end as isize - change.new_end as isize;
            p.end = p.end.max(change.new_end);
            index += 1;
        }
        p.end = p.end.max(end);
    }
    if let Some(p) = pending.take() {
        flush(p, &mut out, &mut carried, &mut at, drift);
    }
    for change in &changes[index..] {
        keep(&mut carried, out.len(), at, change);
    }
    out.extend_from_slice(slice(text, at, text.len()));
    (out, carried)
}

/// `markup._groups`.
fn groups(changes: &[Change]) -> Vec<Change> {
    let mut out = Vec::new();
    let mut group: Option<Change> = None;
    for &change in changes {
        match group {
            Some(g) if change.old_start <= g.old_end + CLUSTER_GAP && change.old_end.saturating_sub(g.old_start) <= GROUP_SPAN => {
                group = Some(Change { old_start: g.old_start, old_end: change.old_end, new_start: g.new_start, new_end: change.new_end });
            }
            _ => {
                out.extend(group);
                group = Some(change);
            }
        }
    }
    out.extend(group);
    out
}

/// `difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match`.
fn longest_match(a: &[u32], b2j: &HashMap<u32, Vec<usize>>, (alo, ahi, blo, bhi): (usize, usize, usize, usize), b: &[u32]) -> (usize, usize, usize) {
    let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
    let mut j2len: HashMap<usize, usize> = HashMap::new();
    for (i, point) in a.iter().enumerate().take(ahi).skip(alo) {
        let mut newj2len: HashMap<usize, usize> = HashMap::new();
        for &j in b2j.get(point).map_or(&[][..], Vec::as_slice) {
            if j < blo {
                continue;
            }
            if j >= bhi {
                break;
            }
            let k = j.checked_sub(1).and_then(|p| j2len.get(&p)).copied().unwrap_or(0) + 1;
            newj2len.insert(j, k);
            if k > bestsize {
                (besti, bestj, bestsize) = (i + 1 - k, j + 1 - k, k);
            }
        }
        j2len = newj2len;
    }
    while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
        (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
    }
    while besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize] {
        bestsize += 1;
    }
    (besti, bestj, bestsize)
}

/// The non-equal opcodes of `difflib.SequenceMatcher(None, a, b, autojunk=False)`: (i1, i2, j1, j2).
fn opcodes(a: &[u32], b: &[u32]) -> Vec<(usize, usize, usize, usize)> {
    let mut b2j: HashMap<u32, Vec<usize>> = HashMap::new();
    for (j, &point) in b.iter().enumerate() {
        b2j.entry(point).or_default().push(j);
    }
    let mut queue = vec![(0, a.len(), 0, b.len())];
    let mut blocks = Vec::new();
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest_match(a, &b2j, (alo, ahi, blo, bhi), b);
        if k > 0 {
            blocks.push((i, j, k));
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    blocks.sort_unstable();
    let (mut i1, mut j1, mut k1) = (0, 0, 0);
    let mut merged = Vec::new();
    for (i2, j2, k2) in blocks {
        if i1 + k1 == i2 && j1 + k1 == j2 {
            k1 += k2;
        } else {
            if k1 > 0 {
                merged.push((i1, j1, k1));
            }
            (i1, j1, k1) = (i2, j2, k2);
        }
    }
    if k1 > 0 {
        merged.push((i1, j1, k1));
    }
    merged.push((a.len(), b.len(), 0));
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    for (ai, bj, size) in merged {
        if i < ai || j < bj {
            out.push((i, ai, j, bj));
        }
        (i, j) = (ai + size, bj + size);
    }
    out
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
    fn tone_marks_are_found_by_their_lead_bytes() {
        for mark in TONE_MARKS.chars() {
            assert!(has_tone_mark(format!("甲{mark}乙").as_bytes()), "{mark}");
        }
        assert!(!has_tone_mark("甲乙ü(ÿ)ĀɡǍ".as_bytes()));
        assert_eq!(either(b"a(b(", b'(', "\u{FF08}"), vec![1, 3]);
        assert_eq!(either("(（(".as_bytes(), b'(', "（"), vec![0, 1, 4]);
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
        assert_eq!(ruby.findings("风吹得树叶瑟(sè)作响。".as_bytes(), None, true)[0].message, None);
        assert!(ruby.findings("风吹得树叶瑟(sè)瑟作响。".as_bytes(), None, true)[0].message.is_some()); // a repeat
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

    fn small_html() -> Html {
        let named: Vec<(String, String)> =
            [("nbsp;", "\u{a0}"), ("amp;", "&"), ("lt;", "<"), ("gt;", ">"), ("not", "¬")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Html::new(&named, &[(0x80, "\u{20ac}".to_string())], &[0x1]).unwrap()
    }

    #[test]
    fn the_html_rule_gives_what_python_gave() {
        let html = small_html();
        let fixes = |text: &str| -> Vec<(usize, usize, String)> {
            html.fixes(text.as_bytes()).into_iter().map(|f| (f.start, f.end, f.after.iter().filter_map(|&p| char::from_u32(p)).collect())).collect()
        };
        let s = |text: &str| text.to_string();
        // the expectations are tests/markup_reference.py's html_fixes on the same texts
        assert_eq!(
            fixes("工匠精神&nbsp;是<strong>一种</strong>态度?/p>"),
            vec![(4, 10, s(" ")), (11, 19, s("")), (21, 30, s("")), (32, 36, s(""))]
        );
        assert_eq!(fixes("&amp;lt;p&amp;gt;正文&lt;/p&gt;"), vec![(0, 17, s("")), (19, 29, s("\n"))]);
        assert_eq!(fixes("a<b 1 > 0"), vec![]);
        assert_eq!(fixes("&notit;&#128;&#55296;&#1;"), vec![(0, 4, s("¬")), (7, 21, s("€\u{fffd}"))]);
        assert_eq!(fixes("<DIV>甲</DIV>&bsp;"), vec![(0, 5, s("")), (6, 17, s("\n "))]);
    }

    #[test]
    fn the_diff_is_difflibs() {
        let p = |text: &str| points_of(text);
        // difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), the non-equal ones
        assert_eq!(opcodes(&p("abxcd"), &p("abcd")), vec![(2, 3, 2, 2)]);
        assert_eq!(opcodes(&p("<p>a</p>"), &p("a\n")), vec![(0, 3, 0, 0), (4, 8, 1, 2)]);
        assert_eq!(opcodes(&p(""), &p("x")), vec![(0, 0, 0, 1)]);
        assert_eq!(opcodes(&p("abab"), &p("ba")), vec![(0, 1, 0, 0), (3, 4, 2, 2)]);
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
        // an entity reaches the raw bracket of the tag it may open or close, across lines
        assert_eq!(markup.clusters("甲&lt;div\n \n>好".as_bytes()), vec![(0, 12)]);
        assert_eq!(markup.clusters("<p\n&gt;工匠".as_bytes()), vec![(0, 9)]);
        let long = format!("&lt;b{}\n>甲", " ".repeat(TAG_REACH));
        assert_eq!(markup.clusters(long.as_bytes()), vec![(0, 4 + CLUSTER_GAP)]);
        // and no further than the next bracket or entity
        assert_eq!(markup.clusters("&lt;\n甲<\n乙>".as_bytes()), vec![(0, 4)]);
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let markup = Markup::new().unwrap();
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        markup.clusters(&bytes);
        let html = small_html();
        html.fixes(&bytes);
        for text in [&b"&"[..], b"<", b">", b"p>", b"x0", b"[email", b"[email\xc2", b"&#x", b"<p \xed\xa0\x80>", b"&#99999999;x0"] {
            markup.clusters(text);
            html.fixes(text);
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
