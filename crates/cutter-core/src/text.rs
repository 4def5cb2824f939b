//! How the core reads text: code points out of UTF-8 bytes.
//!
//! Python strings may hold lone surrogates (a JSON dump's `"\ud800"`), which UTF-8 cannot.
//! The binding hands such a string over encoded with `surrogatepass` (WTF-8): a surrogate
//! is then the three bytes `ED A0..BF xx`, which [`CodePoints`] reads back as the code
//! point it stands for. Bytes that are not well-formed (never produced by the binding)
//! are read one at a time as U+FFFD, so no input makes a scan panic or stop early.

/// The replacement character, read in place of a byte that opens no well-formed sequence.
pub const REPLACEMENT: u32 = 0xFFFD;

/// The code points of `bytes`, each with the byte offset where it starts.
///
/// ```
/// use cutter_core::text::CodePoints;
/// let points: Vec<_> = CodePoints::new("a價".as_bytes()).collect();
/// assert_eq!(points, vec![(0, 0x61), (1, 0x50F9)]);
/// ```
#[derive(Clone, Debug)]
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> CodePoints<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        CodePoints { bytes, at: 0 }
    }
}

impl Iterator for CodePoints<'_> {
    type Item = (usize, u32);

    #[inline]
    fn next(&mut self) -> Option<(usize, u32)> {
        let start = self.at;
        let (point, width) = decode_at(self.bytes, start)?;
        self.at += width;
        Some((start, point))
    }
}

/// The code point that starts at byte `at` and how many bytes it takes, or `None` at the end.
#[inline(always)]
pub fn decode_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let lead = *bytes.get(at)?;
    if lead < 0x80 {
        return Some((u32::from(lead), 1));
    }
    // Han characters, the bulk of the text, take three bytes: read them first and in one step.
    if (0xE0..0xF0).contains(&lead) {
        if let Some(&[second, third]) = bytes.get(at + 1..at + 3) {
            if second & 0xC0 == 0x80 && third & 0xC0 == 0x80 {
                let point = u32::from(lead & 0x0F) << 12 | u32::from(second & 0x3F) << 6 | u32::from(third & 0x3F);
                if point >= 0x800 {
                    return Some((point, 3));
                }
            }
        }
    }
    decode_slow(bytes, at, lead)
}

#[cold]
fn decode_slow(bytes: &[u8], at: usize, lead: u8) -> Option<(u32, usize)> {
    let (width, initial, minimum) = match lead {
        0xC2..=0xDF => (2, u32::from(lead & 0x1F), 0x80),
        0xE0..=0xEF => (3, u32::from(lead & 0x0F), 0x800),
        0xF0..=0xF4 => (4, u32::from(lead & 0x07), 0x10000),
        _ => return Some((REPLACEMENT, 1)),
    };
    let mut point = initial;
    for offset in 1..width {
        match bytes.get(at + offset) {
            Some(&byte) if byte & 0xC0 == 0x80 => point = (point << 6) | u32::from(byte & 0x3F),
            _ => return Some((REPLACEMENT, 1)),
        }
    }
    if point < minimum || point > 0x10FFFF {
        return Some((REPLACEMENT, 1));
    }
    Some((point, width))
}

/// How many code points `bytes` holds: every byte but UTF-8 continuation bytes starts one.
#[inline]
pub fn count(bytes: &[u8]) -> usize {
    // summed a byte at a time in chunks of 255 (so the sum fits in a byte), which the compiler
    // vectorizes: 10-25 GB/s, where counting into a usize ran at 2
    bytes.chunks(255).map(|chunk| chunk.iter().fold(0u8, |n, &byte| n + u8::from(byte as i8 >= -0x40)) as usize).sum()
}

/// The byte offset `chars` code points on from byte `from` of `bytes`, counted as [`count`]
/// counts them (`from` on a code point's first byte), or `None` past the end: where a
/// document's piece starts and ends, given in code points.
pub fn advance(bytes: &[u8], from: usize, chars: usize) -> Option<usize> {
    let (mut at, mut left) = (from, chars);
    // whole chunks while they hold fewer code points than are left, then a byte at a time
    while left > 0 && at < bytes.len() {
        let end = (at + 255).min(bytes.len());
        let found = count(&bytes[at..end]);
        if found >= left {
            break;
        }
        (left, at) = (left - found, end);
    }
    for (i, &byte) in bytes.get(at..)?.iter().enumerate() {
        if byte as i8 >= -0x40 {
            if left == 0 {
                return Some(at + i);
            }
            left -= 1;
        }
    }
    (left == 0).then_some(bytes.len())
}

/// Append `point` to `out` in UTF-8, a lone surrogate as its three WTF-8 bytes (the form
/// the binding reads back with `surrogatepass`).
pub fn push_point(out: &mut Vec<u8>, point: u32) {
    match char::from_u32(point) {
        Some(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        None if (0xD800..0xE000).contains(&point) => {
            out.extend_from_slice(&[0xED, 0x80 | ((point >> 6) & 0x3F) as u8, 0x80 | (point & 0x3F) as u8]);
        }
        None => out.extend_from_slice("\u{FFFD}".as_bytes()),
    }
}

/// Whether `bytes` are UTF-8 (no lone surrogate, no malformed byte): `std::str::from_utf8`'s
/// answer, read many bytes at a time (the `simdutf8` crate; `std` walks Chinese text at about ten
/// instructions a byte).
///
/// ```
/// use cutter_core::text::is_utf8;
/// assert!(is_utf8("工匠精神 𠀀".as_bytes()));
/// assert!(!is_utf8(b"\xed\xa0\x80") && !is_utf8(b"\xe5\xb7"));
/// ```
pub fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(bytes: &[u8]) -> Vec<u32> {
        CodePoints::new(bytes).map(|(_, point)| point).collect()
    }

    #[test]
    fn reads_every_width() {
        let text = "a\u{e9}價\u{20000}";
        assert_eq!(points(text.as_bytes()), vec![0x61, 0xE9, 0x50F9, 0x20000]);
        assert_eq!(count(text.as_bytes()), 4);
    }

    #[test]
    fn reads_a_lone_surrogate_as_its_code_point() {
        // "a\ud800b".encode("utf-8", "surrogatepass")
        assert_eq!(points(b"a\xed\xa0\x80b"), vec![0x61, 0xD800, 0x62]);
        assert_eq!(count(b"a\xed\xa0\x80b"), 3);
    }

    #[test]
    fn reads_malformed_bytes_one_at_a_time() {
        assert_eq!(points(b"\xff\xe5\x83"), vec![REPLACEMENT, REPLACEMENT, REPLACEMENT]);
        assert_eq!(points(b"\xc0\x80"), vec![REPLACEMENT, REPLACEMENT]); // overlong
        assert_eq!(points(b"\xf4\x90\x80\x80"), vec![REPLACEMENT; 4]); // above U+10FFFF
    }

    #[test]
    fn points_are_written_back_as_they_are_read() {
        for point in [0x61, 0xE9, 0x50F9, 0xD800, 0xDFFF, 0x20000, 0x10FFFF] {
            let mut out = Vec::new();
            push_point(&mut out, point);
            assert_eq!(points(&out), vec![point]);
        }
    }

    #[test]
    fn advance_finds_the_byte_offset_of_a_code_point() {
        // every (from, chars) over texts of one-, two-, three- and four-byte code points and WTF-8
        let texts: [&[u8]; 4] = ["a甲é𠀀乙b".as_bytes(), b"a\xed\xa0\x80b", "".as_bytes(), &"甲".repeat(300).into_bytes()];
        for text in texts {
            let starts: Vec<usize> = (0..=text.len()).filter(|&at| at == text.len() || text[at] as i8 >= -0x40).collect();
            for (position, &from) in starts.iter().enumerate() {
                for chars in 0..starts.len() + 2 {
                    assert_eq!(advance(text, from, chars), starts.get(position + chars).copied(), "{text:?} {from} {chars}");
                }
            }
        }
        assert_eq!(advance(b"ab", 3, 0), None);
    }

    #[test]
    fn is_utf8_is_std_s_answer() {
        let alphabet: &[&[u8]] = &[b"a", "\u{e9}".as_bytes(), "\u{7532}".as_bytes(), "\u{20000}".as_bytes(), b"\xed\xa0\x80", b"\xe5", b"\x80", b"\xff", b"\xc0\xaf", b"\xf4\x90\x80\x80"];
        for text in crate::spacing::samples::every(alphabet, 4).iter().chain(&crate::spacing::samples::random(alphabet, 300, 400, 11)) {
            assert_eq!(is_utf8(text), std::str::from_utf8(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn offsets_are_byte_offsets() {
        let offsets: Vec<usize> = CodePoints::new("甲a乙".as_bytes()).map(|(at, _)| at).collect();
        assert_eq!(offsets, vec![0, 3, 4]);
    }
}
