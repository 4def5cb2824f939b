//! The character classes the stages share, in two lookup tables: [`classes`] for the
//! document scans, [`line_classes`] for the splitter's line shapes.
//!
//! The classes are written in `data/*.txt` (ranges of code points) by `data/generate.py`
//! from their Python definitions (`cutter.patterns`, `str.isspace` and the `regex` module's
//! classes), and included here at compile time. A table holds a byte of class bits per code
//! point: flat for the Basic Multilingual Plane (64 KB, one load), in two levels above it (a
//! block index per 256 code points, then the blocks that differ).

use std::sync::OnceLock;

/// Outside common Chinese prose: what the rule gates are matched against (`patterns.RARE`).
pub const RARE: u8 = 1;
/// In CEDICT's traditional script only (`patterns.TRADITIONAL_ONLY`).
pub const TRADITIONAL: u8 = 2;
/// In CEDICT's simplified script only (`patterns.SIMPLIFIED_ONLY`).
pub const SIMPLIFIED: u8 = 4;
/// Whitespace as Python's `str.isspace` and `str.strip()` read it.
pub const SPACE: u8 = 8;
/// A word character as the `regex` module's `\w` reads it (its Unicode version).
pub const WORD: u8 = 16;
/// Its GBK bytes open a 3-byte UTF-8 sequence (`patterns.UTF8_AS_GBK_OPENER`).
pub const OPENER: u8 = 32;
/// Its GB18030 bytes begin with a UTF-8 continuation byte, 80–BF (`rules/detect.py`'s `_continues`).
pub const CONTINUER: u8 = 64;

const SOURCES: [(u8, &str); 7] = [
    (RARE, include_str!("../data/rare.txt")),
    (TRADITIONAL, include_str!("../data/traditional.txt")),
    (SIMPLIFIED, include_str!("../data/simplified.txt")),
    (SPACE, include_str!("../data/space.txt")),
    (WORD, include_str!("../data/word.txt")),
    (OPENER, include_str!("../data/opener.txt")),
    (CONTINUER, include_str!("../data/continuer.txt")),
];

/// In the `regex` module's `\p{Han}` (the line table's classes from here on).
pub const HAN: u8 = 1;
/// In the `regex` module's `\p{Cf}`: a format character (its Unicode version, not Python's).
pub const FORMAT: u8 = 2;
/// Whitespace as the `regex` module's `\s` reads it (not `str.isspace`: no U+001C–U+001F).
pub const PATTERN_SPACE: u8 = 4;
/// A numeral (`patterns.NUMERAL_SET`: the digits, full-width digits, Chinese numerals).
pub const NUMERAL: u8 = 8;
/// A pinyin tone mark (`patterns.TONE_MARKS`).
pub const TONE: u8 = 16;
/// Whitespace as Python's `str.isspace` reads it, as in [`SPACE`].
pub const LINE_SPACE: u8 = 32;
/// In the `regex` module's `\p{P}`: punctuation (its Unicode version).
pub const PUNCT: u8 = 64;
/// In the `regex` module's `\p{Extended_Pictographic}`: an emoji and its kin (its Unicode version).
pub const PICTOGRAPHIC: u8 = 128;

const LINE_SOURCES: [(u8, &str); 8] = [
    (HAN, include_str!("../data/han.txt")),
    (FORMAT, include_str!("../data/format.txt")),
    (PATTERN_SPACE, include_str!("../data/pattern_space.txt")),
    (NUMERAL, include_str!("../data/numeral.txt")),
    (TONE, include_str!("../data/tone.txt")),
    (LINE_SPACE, include_str!("../data/space.txt")),
    (PUNCT, include_str!("../data/punct.txt")),
    (PICTOGRAPHIC, include_str!("../data/pictographic.txt")),
];

const BLOCK: usize = 256;
const BLOCKS: usize = 0x110000 / BLOCK;

/// The class table; get it once with [`classes`] before a scan.
pub struct Table {
    bmp: Box<[u8; 0x10000]>,
    index: Vec<u16>,
    blocks: Vec<[u8; BLOCK]>,
}

impl Table {
    /// The class bits of a code point (0 above U+10FFFF).
    #[inline(always)]
    pub fn of(&self, point: u32) -> u8 {
        if point < 0x10000 {
            return self.bmp[(point & 0xFFFF) as usize];
        }
        match self.index.get((point as usize) / BLOCK) {
            Some(&block) => self.blocks[block as usize][(point as usize) % BLOCK],
            None => 0,
        }
    }
}

/// The class table of the document scans (`RARE` … `CONTINUER`), built on first use.
pub fn classes() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| build(&SOURCES))
}

/// The class table of the line shapes (`HAN` … `PUNCT`), built on first use.
pub fn line_classes() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| build(&LINE_SOURCES))
}

fn build(sources: &[(u8, &str)]) -> Table {
    let mut flat = vec![0u8; BLOCKS * BLOCK];
    for &(bit, source) in sources {
        for (first, last) in parse(source) {
            for class in &mut flat[first as usize..=last as usize] {
                *class |= bit;
            }
        }
    }
    let mut blocks: Vec<[u8; BLOCK]> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let index = flat
        .chunks_exact(BLOCK)
        .map(|chunk| {
            let block: [u8; BLOCK] = chunk.try_into().unwrap_or([0; BLOCK]);
            *seen.entry(block).or_insert_with(|| {
                blocks.push(block);
                (blocks.len() - 1) as u16
            })
        })
        .collect();
    let mut bmp = Box::new([0u8; 0x10000]);
    bmp.copy_from_slice(&flat[..0x10000]);
    Table { bmp, index, blocks }
}

/// The ranges of a table file; a line that does not parse is skipped (the files are
/// generated, and `every_table_line_parses` below checks them).
fn parse(source: &str) -> impl Iterator<Item = (u32, u32)> + '_ {
    source.lines().filter_map(parse_line)
}

fn parse_line(line: &str) -> Option<(u32, u32)> {
    let (first, last) = line.split_once('-')?;
    let first = u32::from_str_radix(first, 16).ok()?;
    let last = u32::from_str_radix(last, 16).ok()?;
    (first <= last && last <= 0x10FFFF).then_some((first, last))
}

/// The class bits of a code point (0 above U+10FFFF).
///
/// ```
/// use cutter_core::tables::{class, CONTINUER, RARE, TRADITIONAL, WORD};
/// assert_eq!(class('價' as u32), RARE | TRADITIONAL | WORD | CONTINUER); // 83 72 in GB18030
/// assert_eq!(class('价' as u32) & RARE, 0);
/// ```
#[inline]
pub fn class(point: u32) -> u8 {
    classes().of(point)
}

/// Whether Python's `str.isspace` holds for the code point.
#[inline]
pub fn is_space(point: u32) -> bool {
    class(point) & SPACE != 0
}

/// Whether `bytes` hold a character of CEDICT's traditional script only
/// (`patterns.TRADITIONAL_CHARACTER.search`): every one is at U+3400 or above.
///
/// ```
/// use cutter_core::tables::has_traditional;
/// assert!(has_traditional("工匠精神的價值".as_bytes()) && !has_traditional("工匠精神的价值".as_bytes()));
/// ```
pub fn has_traditional(bytes: &[u8]) -> bool {
    let classes = classes();
    crate::text::CodePoints::new(bytes).any(|(_, point)| point >= 0x3400 && classes.of(point) & TRADITIONAL != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_line_parses() {
        for (_, source) in SOURCES.iter().chain(&LINE_SOURCES) {
            assert!(source.lines().count() > 0);
            for line in source.lines() {
                assert!(parse_line(line).is_some(), "{line:?}");
            }
        }
    }

    #[test]
    fn classes_of_known_characters() {
        let class_but_word = |point: u32| class(point) & !(WORD | OPENER | CONTINUER);
        assert_eq!(class_but_word('價' as u32), RARE | TRADITIONAL);
        assert_eq!(class_but_word('与' as u32), SIMPLIFIED);
        assert_eq!(class_but_word('的' as u32), 0);
        assert_eq!(class_but_word(' ' as u32), RARE | SPACE);
        assert_eq!(class_but_word('\n' as u32), SPACE); // the newline is the one ASCII space not rare
        assert_eq!(class_but_word('a' as u32), 0);
        assert_eq!(class_but_word('x' as u32), RARE);
        assert_eq!(class_but_word('\u{3000}' as u32), RARE | SPACE);
        assert_eq!(class_but_word(0x1C), RARE | SPACE); // Python's isspace, unlike char::is_whitespace
        assert_eq!(class_but_word(0x10FFFF), RARE);
        assert_eq!(class_but_word(0x110000), 0);
        assert_eq!(class_but_word(u32::MAX), 0);
    }

    #[test]
    fn the_mojibake_classes_are_the_gbk_and_gb18030_bytes() {
        let mojibake = |point: u32| class(point) & (OPENER | CONTINUER);
        assert_eq!(mojibake('鎴' as u32), OPENER); // E6 88 in GBK, as 我's UTF-8 opens
        assert_eq!(mojibake('戜' as u32), CONTINUER); // 91 …
        assert_eq!(mojibake('的' as u32), CONTINUER); // B5 C4
        assert_eq!(mojibake('守' as u32), 0); // CA D8
        assert_eq!(mojibake('a' as u32), 0);
        assert_eq!(mojibake(0x80), CONTINUER); // four bytes, 81 30 81 30
        assert_eq!(mojibake(0x20000), CONTINUER); // 95 32 82 36
        assert_eq!(mojibake(0x10FFFF), 0); // E3 32 9A 35
    }

    #[test]
    fn surrogates_are_in_no_class() {
        assert!((0xD800..=0xDFFF).all(|point| class(point) == 0));
        assert!((0xD800..=0xDFFF).all(|point| line_classes().of(point) == 0));
    }

    #[test]
    fn line_classes_of_known_characters() {
        let of = |c: char| line_classes().of(c as u32);
        assert_eq!(of('字'), HAN);
        assert_eq!(of('一'), HAN | NUMERAL);
        assert_eq!(of('〇'), HAN | NUMERAL);
        assert_eq!(of('○'), NUMERAL);
        assert_eq!(of('９'), NUMERAL);
        assert_eq!(of('\u{200b}'), FORMAT);
        assert_eq!(of('\u{a0}'), PATTERN_SPACE | LINE_SPACE);
        assert_eq!(of('\u{1c}'), LINE_SPACE); // str.isspace, not the regex module's \s
        assert_eq!(of('ǚ'), TONE);
        assert_eq!(of('ü'), 0);
        assert_eq!(of('\u{1F468}'), PICTOGRAPHIC);
        assert_eq!(of('\u{200d}'), FORMAT);
        assert_eq!(of('\u{a9}'), PICTOGRAPHIC);
    }

    #[test]
    fn word_characters_are_the_regex_modules() {
        for c in ['a', '_', '9', '字', 'é', '\u{20000}'] {
            assert_ne!(class(c as u32) & WORD, 0, "{c:?}");
        }
        for c in ['*', ' ', '，', '\u{200b}', '\n'] {
            assert_eq!(class(c as u32) & WORD, 0, "{c:?}");
        }
    }
}

