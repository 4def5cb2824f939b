//! `script::counts` and `document_script` over any bytes: the counts are those of the code
//! points' classes, no code point is in both sets, they add up over a cut and never exceed the
//! number of code points, and the script follows from them.
#![no_main]

use cutter_core::script::{counts, document_script, Script};
use cutter_core::tables::{class, SIMPLIFIED, TRADITIONAL};
use cutter_core::text::CodePoints;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((text, at)) = common::cut(data) else { return };
    let (traditional, simplified) = counts(text);
    let (mut expected_traditional, mut expected_simplified, mut points) = (0, 0, 0);
    for (_, point) in CodePoints::new(text) {
        let bits = class(point);
        assert_ne!(bits & (TRADITIONAL | SIMPLIFIED), TRADITIONAL | SIMPLIFIED, "{point:#x} in both sets");
        expected_traditional += usize::from(bits & TRADITIONAL != 0);
        expected_simplified += usize::from(bits & SIMPLIFIED != 0);
        points += 1;
    }
    assert_eq!((traditional, simplified), (expected_traditional, expected_simplified));
    assert!(traditional + simplified <= points);
    let (head, tail) = (counts(&text[..at]), counts(&text[at..]));
    assert_eq!((head.0 + tail.0, head.1 + tail.1), (traditional, simplified), "cut at byte {at}");
    let script = document_script(text);
    assert_eq!(script == Script::Traditional, traditional > simplified);
    assert_eq!(document_script(text), script, "the same script twice");
    assert_eq!(script.name(), if traditional > simplified { "traditional" } else { "simplified" });
});
