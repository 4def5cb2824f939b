//! The rare-character scan: which characters out of the way of common Chinese prose a text
//! holds, so that a rule whose gate matches none of them is not run (`rules/base.py`).

use std::sync::OnceLock;

use crate::tables::{classes, RARE};
use crate::text::decode_at;

/// The distinct rare characters of `text` (see [`crate::text`] for its form), in code-point
/// order: `patterns.RARE`'s characters, as `rare_characters` in `rules/base.py` lists them.
///
/// ```
/// use cutter_core::rare::characters;
/// let rare: Vec<u32> = characters("工匠精神的價值,在于 1 点。".as_bytes());
/// assert_eq!(rare, vec![' ' as u32, ',' as u32, '價' as u32]);
/// ```
pub fn characters(text: &[u8]) -> Vec<u32> {
    let classes = classes();
    let rare = bmp_rare();
    let mut seen = Seen::default();
    let mut at = 0;
    while at < text.len() {
        // the bulk of Chinese text: runs of three-byte sequences, each read in one step and looked
        // up in a bit set that stays in the first-level cache (the class table does not)
        // (a lead E1–EF with two continuation bytes always makes U+1000 or more: never overlong)
        let mut rest = &text[at..];
        while let [lead, second, third, after @ ..] = rest {
            if !((lead.wrapping_sub(0xE1) < 15) & (second & 0xC0 == 0x80) & (third & 0xC0 == 0x80)) {
                break;
            }
            let word = usize::from(lead & 0x0F) << 6 | usize::from(second & 0x3F);
            if rare[word] >> (third & 0x3F) & 1 == 1 {
                seen.insert_bmp(word, third & 0x3F);
            }
            rest = after;
        }
        at = text.len() - rest.len();
        let Some(&byte) = text.get(at) else { break };
        if byte < 0x80 {
            seen.ascii |= u128::from(ASCII_RARE >> byte & 1 == 1) << byte;
            at += 1;
            continue;
        }
        // (no well-formed three-byte sequence of E1–EF starts here: the loop above reads those)
        let Some((point, width)) = decode_at(text, at) else { break };
        if classes.of(point) & RARE != 0 {
            seen.insert(point);
        }
        at += width;
    }
    seen.into_sorted()
}

/// The rare characters of the Basic Multilingual Plane as a bit set (8 KB), from the class table.
fn bmp_rare() -> &'static [u64; 1024] {
    static BITS: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    BITS.get_or_init(|| {
        let classes = classes();
        let mut bits = Box::new([0u64; 1024]);
        for point in 0..0x1_0000u32 {
            if classes.of(point) & RARE != 0 {
                bits[(point / 64) as usize] |= 1 << (point % 64);
            }
        }
        bits
    })
}

/// The ASCII rare characters as a bit mask, from the same table as the rest.
const ASCII_RARE: u128 = {
    // Spelled out because the table is built at run time: `ascii_mask_matches_the_table` checks it.
    let mut mask: u128 = 0;
    let mut byte = 0u8;
    while byte < 0x80 {
        let rare = match byte {
            b'\n' | b'0'..=b'9' => false,
            b'x' | b'X' => true,
            b'a'..=b'z' | b'A'..=b'Z' => false,
            _ => true,
        };
        if rare {
            mask |= 1 << byte;
        }
        byte += 1;
    }
    mask
};

/// The characters found so far: ASCII in a mask, the rest of the BMP and the supplementary
/// planes each in a bit set made on their first hit (8 KB and 136 KB: most pages need
/// neither or only the first), with the words of it that hold a bit listed, so that listing the
/// characters reads those words alone.
#[derive(Default)]
struct Seen {
    ascii: u128,
    bmp: Vec<u64>,
    astral: Vec<u64>,
    bmp_words: Vec<u16>,
    astral_words: Vec<u16>,
}

impl Seen {
    #[inline]
    fn insert_bmp(&mut self, word: usize, bit: u8) {
        if self.bmp.is_empty() {
            self.bmp = vec![0; 0x10000 / 64];
        }
        if let Some(bits) = self.bmp.get_mut(word) {
            if *bits == 0 {
                self.bmp_words.push(word as u16);
            }
            *bits |= 1 << bit;
        }
    }

    fn insert(&mut self, point: u32) {
        if point < 0x10000 {
            return self.insert_bmp((point / 64) as usize, (point % 64) as u8);
        }
        let index = point - 0x10000;
        if self.astral.is_empty() {
            self.astral = vec![0; 0x100000 / 64];
        }
        if let Some(bits) = self.astral.get_mut((index / 64) as usize) {
            if *bits == 0 {
                self.astral_words.push((index / 64) as u16);
            }
            *bits |= 1 << (index % 64);
        }
    }

    fn into_sorted(mut self) -> Vec<u32> {
        let mut out: Vec<u32> = (0..128u32).filter(|&byte| self.ascii >> byte & 1 == 1).collect();
        for (bits, words, base) in [(&self.bmp, &mut self.bmp_words, 0), (&self.astral, &mut self.astral_words, 0x10000)] {
            words.sort_unstable();
            for &word in words.iter() {
                let mut left = bits[usize::from(word)];
                while left != 0 {
                    out.push(base + u32::from(word) * 64 + left.trailing_zeros());
                    left &= left - 1;
                }
            }
        }
        out
    }
}

/// The rare characters `rare` (in code-point order) with those of `brought`, the text a rule's
/// fixes wrote, when that holds one `rare` lacks (`rules.base.rare_union` of the two): the gates
/// must then be read again.
///
/// ```
/// use cutter_core::rare::with_brought;
/// assert_eq!(with_brought(" ,價", "……"), Some(" ,…價".to_string()));
/// assert_eq!(with_brought(" ,", ", "), None);
/// ```
pub fn with_brought(rare: &str, brought: &str) -> Option<String> {
    if brought.chars().all(|point| rare.contains(point)) {
        return None;
    }
    Some(rare.chars().chain(brought.chars()).collect::<std::collections::BTreeSet<char>>().into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brought_characters_join_the_rare_ones_in_order() {
        assert_eq!(with_brought("", ""), None);
        assert_eq!(with_brought("b", "ab"), Some("ab".to_string()));
        assert_eq!(with_brought("a", "\u{10FFFF}a"), Some("a\u{10FFFF}".to_string()));
    }
    use crate::tables::class;

    fn rare(text: &str) -> String {
        characters(text.as_bytes()).into_iter().filter_map(char::from_u32).collect()
    }

    #[test]
    fn ascii_mask_matches_the_table() {
        for byte in 0..128u32 {
            assert_eq!(ASCII_RARE >> byte & 1 == 1, class(byte) & RARE != 0, "{byte:#x}");
        }
    }

    #[test]
    fn common_prose_has_none() {
        assert_eq!(rare("我们体会到了工匠精神的价值。\n“追求卓越”，精益求精！abc123"), "");
    }

    #[test]
    fn lists_each_rare_character_once_in_order() {
        assert_eq!(rare("價 x價\u{3000}, 𠀀 x"), " ,x\u{3000}價𠀀");
        assert_eq!(rare("…\u{feff}ā"), "ā…\u{feff}");
    }

    #[test]
    fn empty_and_malformed_text() {
        assert_eq!(rare(""), "");
        // U+FFFD is rare, and so is the byte read as it
        assert_eq!(characters(b"\xff\xfe"), vec![0xFFFD]);
        // a lone surrogate is no rare character
        assert_eq!(characters(b"\xed\xa0\x80"), Vec::<u32>::new());
    }

    #[test]
    fn the_bit_set_is_the_table() {
        let rare = bmp_rare();
        for point in 0..0x1_0000u32 {
            assert_eq!(rare[(point / 64) as usize] >> (point % 64) & 1 == 1, class(point) & RARE != 0, "{point:#x}");
        }
    }

    /// The scan as it was: every code point decoded and looked up in the class table.
    fn reference(text: &[u8]) -> Vec<u32> {
        let seen: std::collections::BTreeSet<u32> =
            crate::text::CodePoints::new(text).map(|(_, point)| point).filter(|&point| class(point) & RARE != 0).collect();
        seen.into_iter().collect()
    }

    #[test]
    fn every_short_mix_of_widths_and_broken_bytes_reads_as_the_table_says() {
        // rare and common characters of every width, cut sequences and stray bytes
        let alphabet: &[&[u8]] = &[
            b"a", b" ", b"\n", b"x", "ā".as_bytes(), "价".as_bytes(), "價".as_bytes(), "…".as_bytes(), "\u{3000}".as_bytes(),
            "𠀀".as_bytes(), "\u{1F600}".as_bytes(), b"\xe4\xb8", b"\xe5", b"\x80", b"\xed\xa0\x80", b"\xff", b"\xf0\xa0\x80",
        ];
        let samples = crate::spacing::samples::every(alphabet, 4);
        for text in samples.iter().chain(&crate::spacing::samples::random(alphabet, 200, 2000, 13)) {
            assert_eq!(characters(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn every_code_point_and_broken_sequence_reads_as_the_table_says() {
        let mut text = Vec::new();
        for point in 0..0x11_0000u32 {
            crate::text::push_point(&mut text, point);
            if point % 4096 == 4095 {
                assert_eq!(characters(&text), reference(&text), "{point:#x}");
                text.clear();
            }
        }
        // truncated and overlong three-byte sequences, stray continuation bytes
        for bytes in [&b"\xe4\xb8"[..], b"\xe4\xb8a", b"\xe0\x80\x80", b"\xe4a\x80", b"\x80\x80\x80", b"\xef\xbf", b"\xed\xa0\x80\xe4\xb8\x80"] {
            for text in [bytes.to_vec(), [b"x", bytes, "價".as_bytes()].concat()] {
                assert_eq!(characters(&text), reference(&text), "{text:?}");
            }
        }
    }

}
