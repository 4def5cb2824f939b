//! The rare-character scan: which characters out of the way of common Chinese prose a text
//! holds, so that a rule whose gate matches none of them is not run (`rules/base.py`).

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
    let mut seen = Seen::default();
    let mut at = 0;
    while at < text.len() {
        let byte = text[at];
        if byte < 0x80 {
            if ASCII_RARE >> byte & 1 == 1 {
                seen.ascii |= 1 << byte;
            }
            at += 1;
            continue;
        }
        let Some((point, width)) = decode_at(text, at) else { break };
        if classes.of(point) & RARE != 0 {
            seen.insert(point);
        }
        at += width;
    }
    seen.into_sorted()
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
/// neither or only the first).
#[derive(Default)]
struct Seen {
    ascii: u128,
    bmp: Vec<u64>,
    astral: Vec<u64>,
}

impl Seen {
    fn insert(&mut self, point: u32) {
        let (bits, index, size) = if point < 0x10000 {
            (&mut self.bmp, point, 0x10000)
        } else {
            (&mut self.astral, point - 0x10000, 0x100000)
        };
        if bits.is_empty() {
            *bits = vec![0; size / 64];
        }
        if let Some(word) = bits.get_mut((index / 64) as usize) {
            *word |= 1 << (index % 64);
        }
    }

    fn into_sorted(self) -> Vec<u32> {
        let ascii = (0..128u32).filter(|&byte| self.ascii >> byte & 1 == 1);
        ascii.chain(members(&self.bmp, 0)).chain(members(&self.astral, 0x10000)).collect()
    }
}

fn members(bits: &[u64], base: u32) -> impl Iterator<Item = u32> + '_ {
    bits.iter().enumerate().filter(|(_, &word)| word != 0).flat_map(move |(index, &word)| {
        (0..64u32).filter(move |bit| word >> bit & 1 == 1).map(move |bit| base + index as u32 * 64 + bit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
