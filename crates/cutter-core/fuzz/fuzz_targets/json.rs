//! `json::push_string` over any bytes: the output is the input quoted, each byte that Python's
//! `json.dumps(..., ensure_ascii=False)` escapes written as it writes it (checked byte by byte
//! against a plain table), every other byte as it is; so reading the escapes back gives the input.
#![no_main]

use cutter_core::json::push_string;
use libfuzzer_sys::fuzz_target;

fn escape(byte: u8) -> Option<Vec<u8>> {
    Some(match byte {
        b'"' => b"\\\"".to_vec(),
        b'\\' => b"\\\\".to_vec(),
        b'\n' => b"\\n".to_vec(),
        b'\r' => b"\\r".to_vec(),
        b'\t' => b"\\t".to_vec(),
        0x08 => b"\\b".to_vec(),
        0x0C => b"\\f".to_vec(),
        0..=0x1F => format!("\\u{byte:04x}").into_bytes(),
        _ => return None,
    })
}

fuzz_target!(|data: &[u8]| {
    let mut out = b"prefix".to_vec();
    push_string(&mut out, data);
    let mut expected = b"prefix\"".to_vec();
    for &byte in data {
        match escape(byte) {
            Some(escaped) => expected.extend_from_slice(&escaped),
            None => expected.push(byte),
        }
    }
    expected.push(b'"');
    assert_eq!(out, expected);
});
