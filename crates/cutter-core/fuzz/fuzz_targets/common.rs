//! What the targets share: an independent reading of WTF-8 to check the core's against, and
//! a place to cut an input in two that the fuzzer chooses.
#![allow(dead_code)]

use cutter_core::text::CodePoints;

/// The WTF-8 bytes of a code point: UTF-8, and a surrogate as the three bytes UTF-8 would
/// give it (what Python's `surrogatepass` writes). Written from the definition, not from the
/// core's decoder, so that a round trip checks it.
pub fn wtf8(point: u32) -> Vec<u8> {
    match char::from_u32(point) {
        Some(c) => c.to_string().into_bytes(),
        None => {
            assert!((0xD800..=0xDFFF).contains(&point), "no code point {point:#x}");
            vec![0xED, 0xA0 | ((point >> 6) & 0x1F) as u8, 0x80 | (point & 0x3F) as u8]
        }
    }
}

/// The one code point whose WTF-8 bytes open `bytes`, if any, and their length: tried for
/// every length, since the shortest-form encoding is prefix-free.
pub fn reference_decode(bytes: &[u8]) -> Option<(u32, usize)> {
    for width in 1..=bytes.len().min(4) {
        let head = &bytes[..width];
        let point = match width {
            1 => u32::from(head[0]),
            2 => (u32::from(head[0]) & 0x1F) << 6 | u32::from(head[1]) & 0x3F,
            3 => (u32::from(head[0]) & 0x0F) << 12 | (u32::from(head[1]) & 0x3F) << 6 | u32::from(head[2]) & 0x3F,
            _ => {
                (u32::from(head[0]) & 0x07) << 18
                    | (u32::from(head[1]) & 0x3F) << 12
                    | (u32::from(head[2]) & 0x3F) << 6
                    | u32::from(head[3]) & 0x3F
            }
        };
        if point <= 0x10FFFF && wtf8(point) == head {
            return Some((point, width));
        }
    }
    None
}

/// The byte offsets where the core's code points start, and the end.
pub fn boundaries(bytes: &[u8]) -> Vec<usize> {
    CodePoints::new(bytes).map(|(at, _)| at).chain([bytes.len()]).collect()
}

/// The input's first byte chooses a cut (one of the code-point boundaries of the rest); the
/// rest is the text. `None` for an empty input.
pub fn cut(data: &[u8]) -> Option<(&[u8], usize)> {
    let (&selector, text) = data.split_first()?;
    let starts = boundaries(text);
    let at = starts[usize::from(selector) * (starts.len() - 1) / 255];
    Some((text, at))
}
