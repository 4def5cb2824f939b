//! Which script a document is written in, for the stray-traditional rule (`rules/script.py`).

use crate::tables::{classes, SIMPLIFIED, TRADITIONAL};
use std::sync::OnceLock;

use crate::text::decode_at;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Simplified,
    Traditional,
}

impl Script {
    pub fn name(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// How many traditional-only and simplified-only characters `text` holds.
pub fn counts(text: &[u8]) -> (usize, usize) {
    let classes = classes();
    let sets = bmp_sets();
    let (mut traditional, mut simplified) = (0, 0);
    let mut at = 0;
    while at < text.len() {
        // runs of U+3000–U+FFFF, the CJK blocks among them: three bytes read in one step and looked
        // up in two bit sets that stay in the first-level cache (the class table does not)
        let mut rest = &text[at..];
        while let [lead, second, third, after @ ..] = rest {
            if !((lead.wrapping_sub(0xE3) < 13) & (second & 0xC0 == 0x80) & (third & 0xC0 == 0x80)) {
                break;
            }
            let (word, bit) = (usize::from(lead & 0x0F) << 6 | usize::from(second & 0x3F), third & 0x3F);
            traditional += (sets.0[word] >> bit & 1) as usize;
            simplified += (sets.1[word] >> bit & 1) as usize;
            rest = after;
        }
        at = text.len() - rest.len();
        let Some(&lead) = text.get(at) else { break };
        if lead < 0xE3 {
            at += 1; // ASCII, and what starts below U+3000 or continues a code point: in neither set
            continue;
        }
        // (no well-formed three-byte sequence of E3–EF starts here: the loop above reads those)
        let Some((point, width)) = decode_at(text, at) else { break };
        let bits = classes.of(point);
        traditional += usize::from(bits & TRADITIONAL != 0);
        simplified += usize::from(bits & SIMPLIFIED != 0);
        at += width;
    }
    (traditional, simplified)
}

/// A bit per code point of the Basic Multilingual Plane.
type BitSet = Box<[u64; 1024]>;

/// The traditional-only and simplified-only characters of the Basic Multilingual Plane as two
/// bit sets (8 KB each), from the class table.
fn bmp_sets() -> &'static (BitSet, BitSet) {
    static SETS: OnceLock<(BitSet, BitSet)> = OnceLock::new();
    SETS.get_or_init(|| {
        let classes = classes();
        let (mut traditional, mut simplified) = (Box::new([0u64; 1024]), Box::new([0u64; 1024]));
        for point in 0..0x1_0000u32 {
            let (word, bit) = ((point / 64) as usize, point % 64);
            traditional[word] |= u64::from(classes.of(point) & TRADITIONAL != 0) << bit;
            simplified[word] |= u64::from(classes.of(point) & SIMPLIFIED != 0) << bit;
        }
        (traditional, simplified)
    })
}

/// Traditional when traditional-only characters outnumber simplified-only ones.
///
/// ```
/// use cutter_core::script::{document_script, Script};
/// assert_eq!(document_script("我们体会到了工匠精神的價值".as_bytes()), Script::Simplified);
/// assert_eq!(document_script("工匠精神的價值與意義".as_bytes()), Script::Traditional);
/// ```
pub fn document_script(text: &[u8]) -> Script {
    let (traditional, simplified) = counts(text);
    if traditional > simplified {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::class;

    #[test]
    fn counts_each_set() {
        assert_eq!(counts("價值與意義".as_bytes()), (3, 0));
        assert_eq!(counts("价值与意义".as_bytes()), (0, 3));
        assert_eq!(counts("".as_bytes()), (0, 0));
    }

    #[test]
    fn a_tie_is_simplified() {
        assert_eq!(document_script("價与".as_bytes()), Script::Simplified);
        assert_eq!(document_script("價與与".as_bytes()), Script::Traditional);
        assert_eq!(document_script(b""), Script::Simplified);
    }

    #[test]
    fn nothing_below_the_cjk_blocks_is_in_either_set() {
        assert!((0..0x3400).all(|point| class(point) & (TRADITIONAL | SIMPLIFIED) == 0));
    }

    /// The count as it was: every code point decoded and looked up in the class table.
    fn reference(text: &[u8]) -> (usize, usize) {
        let (mut traditional, mut simplified) = (0, 0);
        for (_, point) in crate::text::CodePoints::new(text) {
            traditional += usize::from(class(point) & TRADITIONAL != 0);
            simplified += usize::from(class(point) & SIMPLIFIED != 0);
        }
        (traditional, simplified)
    }

    #[test]
    fn every_short_mix_of_widths_and_broken_bytes_counts_as_the_table_says() {
        let alphabet: &[&[u8]] = &[
            b"a", b"\n", "价".as_bytes(), "價".as_bytes(), "的".as_bytes(), "\u{3000}".as_bytes(), "ā".as_bytes(), "𠀀".as_bytes(),
            b"\xe4\xb8", b"\xe9", b"\x80", b"\xed\xa0\x80", b"\xff", b"\xe0\xa4\x80",
        ];
        let samples = crate::spacing::samples::every(alphabet, 4);
        for text in samples.iter().chain(&crate::spacing::samples::random(alphabet, 200, 2000, 17)) {
            assert_eq!(counts(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn every_code_point_and_broken_sequence_counts_as_the_table_says() {
        let mut text = Vec::new();
        for point in 0..0x11_0000u32 {
            crate::text::push_point(&mut text, point);
            if point % 4096 == 4095 {
                assert_eq!(counts(&text), reference(&text), "{point:#x}");
                text.clear();
            }
        }
        for point in (0x3400..0xA000u32).chain(0x2_0000..0x3_1400) {
            let mut one = Vec::new();
            crate::text::push_point(&mut one, point);
            assert_eq!(counts(&one), reference(&one), "{point:#x}");
        }
        for bytes in [&b"\xe4\xb8"[..], b"\xe4\xb8a", b"\xe9\x81", b"\xe4a\x80", b"\x80\xe9\x80\x99", b"\xf0\xa0", b"\xed\xa0\x80\xe4\xb8\x80"] {
            for text in [bytes.to_vec(), [b"x", bytes, "與".as_bytes()].concat(), ["价".as_bytes(), bytes].concat()] {
                assert_eq!(counts(&text), reference(&text), "{text:?}");
            }
        }
    }

}
