//! `rare::characters` over any bytes: exactly the distinct code points of the text whose class
//! is RARE, in code-point order, each a valid character (the binding drops any that is not),
//! the same on a second call, and the union of the two halves' results.
#![no_main]

use std::collections::BTreeSet;

use cutter_core::rare::characters;
use cutter_core::tables::{class, RARE};
use cutter_core::text::CodePoints;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((text, at)) = common::cut(data) else { return };
    let found = characters(text);
    let expected: BTreeSet<u32> = CodePoints::new(text).map(|(_, p)| p).filter(|&p| class(p) & RARE != 0).collect();
    assert_eq!(found, expected.iter().copied().collect::<Vec<u32>>());
    assert!(found.iter().all(|&p| char::from_u32(p).is_some()), "{found:x?}");
    assert_eq!(characters(text), found, "the same scan twice");
    let mut halves: BTreeSet<u32> = characters(&text[..at]).into_iter().collect();
    halves.extend(characters(&text[at..]));
    assert_eq!(halves, expected, "cut at byte {at}");
});
