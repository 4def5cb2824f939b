//! `decode::control_bytes` over any bytes: it counts exactly the control bytes, and in text
//! (UTF-8, read as Rust reads it) exactly the control characters.
#![no_main]

use cutter_core::decode::control_bytes;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn is_control(byte: u8) -> bool {
    matches!(byte, 0x00..=0x08 | 0x0E..=0x1F | 0x7F)
}

fuzz_target!(|data: &[u8]| {
    let count = control_bytes(data);
    assert_eq!(count, data.iter().filter(|&&b| is_control(b)).count());
    assert_eq!(control_bytes(data), count, "the same count twice");
    // counted in chunks: a cut anywhere adds up
    let (&selector, _) = data.split_first().unwrap_or((&0, &[]));
    let at = usize::from(selector) * data.len() / 255;
    assert_eq!(control_bytes(&data[..at]) + control_bytes(&data[at..]), count);
    // counted in chunks of 255 in a byte: doubled, an input crosses a chunk's end anywhere
    assert_eq!(control_bytes(&data.repeat(2)), 2 * count);
    if let Ok(text) = std::str::from_utf8(data) {
        let controls = text.chars().filter(|&c| c.is_ascii() && is_control(c as u8)).count();
        assert_eq!(count, controls, "a control byte stands for itself in UTF-8");
    }
});
