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
    fn any_bytes_are_read_without_panic() {
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
