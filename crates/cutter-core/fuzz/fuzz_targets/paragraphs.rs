//! `paragraphs::page_breaks` and `paragraphs::chunk_markers` over any bytes. Findings are in
//! bounds and in order, the same on a second call; a page-break finding is a gap (a newline and
//! the blank lines after it); a chunk-marker finding opens at a newline or the text's start. The
//! page-break fixes reach a fixed point: with them applied, the rule finds no more to join and
//! flags the same number of gaps. The input is read as the binding hands text over (WTF-8):
//! malformed bytes, which Python never sends, are made U+FFFD first, since code-point offsets
//! over them are not defined.
#![no_main]

use cutter_core::paragraphs::{chunk_markers, page_breaks, Finding};
use cutter_core::text::{push_point, CodePoints};
use libfuzzer_sys::fuzz_target;

fn in_order(found: &[Finding], total: usize) {
    let mut previous_end = 0;
    for finding in found {
        assert!(finding.start < finding.end && finding.end <= total, "{finding:?} out of 0..{total}");
        assert!(previous_end <= finding.start, "{finding:?} overlaps the one before");
        previous_end = finding.end;
    }
}

fuzz_target!(|raw: &[u8]| {
    let mut data = Vec::with_capacity(raw.len());
    for (_, point) in CodePoints::new(raw) {
        push_point(&mut data, point);
    }
    let data = &data[..];
    let points: Vec<(usize, u32)> = CodePoints::new(data).collect();
    let total = points.len();
    let found = page_breaks(data);
    assert_eq!(page_breaks(data), found, "the same findings twice");
    in_order(&found, total);
    for finding in &found {
        assert_eq!(points[finding.start].1, u32::from(b'\n'), "a gap opens with its newline");
        assert_eq!(points[finding.end - 1].1, u32::from(b'\n'), "and ends with one");
    }
    // the joins applied, nothing more to join
    let mut joined = Vec::with_capacity(data.len());
    let mut at = 0;
    for finding in found.iter().filter(|f| f.message.is_none()) {
        joined.extend_from_slice(&data[points[at].0.min(data.len())..points[finding.start].0]);
        at = finding.end;
    }
    joined.extend_from_slice(&data[points.get(at).map_or(data.len(), |p| p.0)..]);
    let again = page_breaks(&joined);
    assert!(again.iter().all(|f| f.message.is_some()), "a join found after the fixed point");
    assert_eq!(again.len(), found.iter().filter(|f| f.message.is_some()).count(), "the same flags");

    let chunks = chunk_markers(data);
    assert_eq!(chunk_markers(data), chunks, "the same findings twice");
    let (first_chunk, rest) = match chunks.last() {
        Some(last) if last.message.is_none() && points[last.start].1 == u32::from(b'1') => {
            (Some(last), &chunks[..chunks.len() - 1])
        }
        _ => (None, &chunks[..]),
    };
    in_order(rest, total);
    for finding in rest {
        assert_eq!(points[finding.start].1, u32::from(b'\n'), "a chunk number follows a line break");
    }
    if let Some(first) = first_chunk {
        assert!(first.end <= total && first.end - first.start == 2, "the first chunk's 1、");
    }
});
