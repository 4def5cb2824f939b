//! `punctuation::ellipsis` and `punctuation::fullwidth` over any bytes. Fixes are in bounds, in
//! order (fullwidth: its marks', then its parentheses'), without overlap, the same on a second
//! call; an ellipsis fix spans ellipsis marks and spaces only and writes `……`; a fullwidth fix
//! spans one half-width mark (and a space or tab after it) and writes that mark full-width. The
//! fullwidth fixes applied, the rule finds no more marks to widen. It may find a pair of
//! parentheses, as the Python rule does (the fuzzer found both): when a widened `, ` brought the
//! inside from 41 code points to 40, and when a widened inner pair no longer stops the outer one
//! (`(甲(一)乙)`: only `(一)` is widened first; tests/test_core_punctuation.py). The input is read as the binding hands text over (WTF-8): malformed bytes, which Python never
//! sends, are made U+FFFD first.
#![no_main]

use cutter_core::punctuation::{ellipsis, fullwidth, Fix};
use cutter_core::text::{push_point, CodePoints};
use libfuzzer_sys::fuzz_target;

fn in_order(found: &[Fix], total: usize) {
    let mut previous_end = 0;
    for fix in found {
        assert!(fix.start < fix.end && fix.end <= total, "{fix:?} out of 0..{total}");
        assert!(previous_end <= fix.start, "{fix:?} overlaps the one before");
        previous_end = fix.end;
    }
}

fn apply(data: &[u8], points: &[(usize, u32)], found: &[Fix]) -> Vec<u8> {
    let byte = |at: usize| points.get(at).map_or(data.len(), |p| p.0);
    let mut out = Vec::with_capacity(data.len() + 8 * found.len());
    let mut at = 0;
    for fix in found {
        out.extend_from_slice(&data[byte(at)..byte(fix.start)]);
        out.extend_from_slice(fix.after.as_bytes());
        at = fix.end;
    }
    out.extend_from_slice(&data[byte(at)..]);
    out
}

const FULL: [(u32, &str); 7] = [(0x2C, "，"), (0x3B, "；"), (0x3A, "："), (0x21, "！"), (0x3F, "？"), (0x28, "（"), (0x29, "）")];

fuzz_target!(|raw: &[u8]| {
    let mut data = Vec::with_capacity(raw.len());
    for (_, point) in CodePoints::new(raw) {
        push_point(&mut data, point);
    }
    let data = &data[..];
    let points: Vec<(usize, u32)> = CodePoints::new(data).collect();
    let total = points.len();

    let found = ellipsis(data);
    assert_eq!(ellipsis(data), found, "the same fixes twice");
    in_order(&found, total);
    for fix in &found {
        assert_eq!(fix.after, "……");
        for &(_, point) in &points[fix.start..fix.end] {
            assert!(matches!(point, 0x3002 | 0x2E | 0xFF0E | 0x2026 | 0x20 | 0x09), "{point:#x} in an ellipsis fix");
        }
    }

    let found = fullwidth(data);
    assert_eq!(fullwidth(data), found, "the same fixes twice");
    let parens = found.iter().position(|fix| matches!(fix.after, "（" | "）")).unwrap_or(found.len());
    in_order(&found[..parens], total);
    in_order(&found[parens..], total);
    for fix in &found {
        let (mark, full) = FULL.iter().find(|(mark, _)| *mark == points[fix.start].1).copied().expect("a half-width mark");
        assert_eq!(fix.after, full);
        assert!(fix.end - fix.start == 1 || matches!(points[fix.start + 1].1, 0x20 | 0x09) && mark != 0x28 && mark != 0x29);
    }
    let mut sorted = found.clone();
    sorted.sort_by_key(|fix| fix.start);
    in_order(&sorted, total);
    let widened = apply(data, &points, &sorted);
    let again = fullwidth(&widened);
    assert!(again.iter().all(|fix| matches!(fix.after, "（" | "）")), "a mark to widen after widening: {again:?}");
});
