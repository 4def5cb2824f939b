//! `text::CodePoints`, `decode_at`, `count` and the class tables over any bytes: every byte is
//! read once, a code point re-encodes to exactly the bytes it was read from, a malformed byte
//! is one U+FFFD, and on well-formed WTF-8 (made here from arbitrary UTF-16 units, lone
//! surrogates included, as Python hands them over) the reading is the text; `advance` lands
//! where counting code points one by one lands.
#![no_main]

use cutter_core::tables::{class, is_space, line_classes, SPACE};
use cutter_core::text::{advance, count, decode_at, CodePoints, REPLACEMENT};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::{reference_decode, wtf8};

fuzz_target!(|data: &[u8]| {
    // 1. any bytes
    let mut next = 0;
    for (at, point) in CodePoints::new(data) {
        assert_eq!(at, next, "contiguous");
        assert_eq!(decode_at(data, at).map(|(p, _)| p), Some(point));
        let (_, width) = decode_at(data, at).unwrap();
        assert!((1..=4).contains(&width) && at + width <= data.len());
        match reference_decode(&data[at..]) {
            Some((expected, expected_width)) => assert_eq!((point, width), (expected, expected_width), "at {at}"),
            None => assert_eq!((point, width), (REPLACEMENT, 1), "malformed at {at}"),
        }
        next = at + width;
    }
    assert_eq!(next, data.len(), "every byte read");
    assert_eq!(decode_at(data, data.len()), None);

    // `advance`: from each start of a code point (as `count` counts them), the start `chars` on
    let starts: Vec<usize> = (0..=data.len()).filter(|&at| at == data.len() || data[at] as i8 >= -0x40).collect();
    let chars = data.first().map_or(0, |&byte| usize::from(byte) % 300);
    for (position, &from) in starts.iter().enumerate().step_by(starts.len() / 16 + 1) {
        assert_eq!(advance(data, from, chars), starts.get(position + chars).copied(), "{chars} on from {from}");
    }
    assert_eq!(advance(data, data.len() + 1, 0), None);

    // 2. valid UTF-8: the reading is Rust's
    if let Ok(text) = std::str::from_utf8(data) {
        let points: Vec<(usize, u32)> = CodePoints::new(data).collect();
        let expected: Vec<(usize, u32)> = text.char_indices().map(|(at, c)| (at, c as u32)).collect();
        assert_eq!(points, expected);
        assert_eq!(count(data), text.chars().count());
    }

    // 3. well-formed WTF-8 from UTF-16 units: the code points, and `count` is Python's len
    let units = data.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    let expected: Vec<u32> = char::decode_utf16(units)
        .map(|unit| unit.map_or_else(|lone| u32::from(lone.unpaired_surrogate()), u32::from))
        .collect();
    let bytes: Vec<u8> = expected.iter().flat_map(|&p| wtf8(p)).collect();
    let points: Vec<u32> = CodePoints::new(&bytes).map(|(_, p)| p).collect();
    assert_eq!(points, expected);
    assert_eq!(count(&bytes), expected.len());

    // 4. the class tables, at any u32
    for word in data.chunks_exact(4) {
        let point = u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
        for point in [point, point & 0x1F_FFFF, point & 0xFFFF] {
            let bits = class(point);
            assert_eq!(is_space(point), bits & SPACE != 0);
            if point > 0x10FFFF || (0xD800..=0xDFFF).contains(&point) {
                assert_eq!(bits, 0, "{point:#x}");
                assert_eq!(line_classes().of(point), 0, "{point:#x}");
            }
        }
    }
});
