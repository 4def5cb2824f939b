//! `spacing::whitespace`, `spacing::cjk_space`, `junk::watermark` and `english::english` over any
//! bytes. Findings are in bounds, in order and apart, the same on a second call; a whitespace fix
//! spans horizontal spaces and format characters only, and with the fixes applied the rule finds
//! nothing more (it is idempotent); a watermark fix is one `.`, `'` or `` ` `` and a flag one `.`;
//! an english fix writes 和 or 或 over blanks, the word and blanks; a cjk-space finding spans
//! spaces only. The input is read as the binding hands text over (WTF-8): malformed bytes, which
//! Python never sends, are made U+FFFD first.
#![no_main]

use cutter_core::english::english;
use cutter_core::junk::watermark;
use cutter_core::paragraphs::Finding;
use cutter_core::spacing::{cjk_space, whitespace};
use cutter_core::tables::{line_classes, FORMAT};
use cutter_core::text::{push_point, CodePoints};
use libfuzzer_sys::fuzz_target;

fn in_order(spans: impl Iterator<Item = (usize, usize)>, total: usize, apart: bool) {
    let mut previous_end = None;
    for (start, end) in spans {
        assert!(start < end && end <= total, "{start}..{end} out of 0..{total}");
        if let Some(previous) = previous_end {
            assert!(if apart { previous < start } else { previous <= start }, "{start}..{end} after {previous}");
        }
        previous_end = Some(end);
    }
}

fn spans(found: &[Finding], fixes: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    found.iter().filter(move |f| f.message.is_none() == fixes).map(|f| (f.start, f.end))
}

fuzz_target!(|raw: &[u8]| {
    let mut data = Vec::with_capacity(raw.len());
    for (_, point) in CodePoints::new(raw) {
        push_point(&mut data, point);
    }
    let data = &data[..];
    let points: Vec<(usize, u32)> = CodePoints::new(data).collect();
    let total = points.len();
    let table = line_classes();

    let found = whitespace(data);
    assert_eq!(whitespace(data), found, "the same findings twice");
    assert!(found.iter().all(|f| f.message.is_none()));
    in_order(spans(&found, true), total, true);
    for fix in &found {
        for &(_, point) in &points[fix.start..fix.end] {
            let space = matches!(point, 0x20 | 0x09 | 0x3000 | 0xA0 | 0x2002..=0x200A) || table.of(point) & FORMAT != 0;
            assert!(space, "{point:#x} in a whitespace fix");
        }
    }
    let mut kept = Vec::with_capacity(data.len());
    let mut at = 0;
    for fix in &found {
        for &(_, point) in &points[at..fix.start] {
            push_point(&mut kept, point);
        }
        at = fix.end;
    }
    for &(_, point) in &points[at..] {
        push_point(&mut kept, point);
    }
    assert_eq!(whitespace(&kept), vec![], "whitespace is idempotent");

    let found = watermark(data);
    assert_eq!(watermark(data), found, "the same findings twice");
    let flags = found.iter().position(|f| f.message.is_some()).unwrap_or(found.len());
    assert!(found[flags..].iter().all(|f| f.message.is_some()), "the fixes, then the flags");
    in_order(spans(&found, true), total, false);
    in_order(spans(&found, false), total, false);
    for f in &found {
        assert_eq!(f.end, f.start + 1);
        let point = points[f.start].1;
        assert!(if f.message.is_none() { matches!(point, 0x2E | 0x27 | 0x60) } else { point == 0x2E });
    }

    let found = english(data);
    assert_eq!(english(data), found, "the same fixes twice");
    in_order(found.iter().map(|f| (f.start, f.end)), total, false);
    for fix in &found {
        assert!(matches!(fix.after, "和" | "或"));
        let inside: Vec<u32> = points[fix.start..fix.end].iter().map(|p| p.1).collect();
        let word: Vec<u32> = inside.iter().copied().filter(|&p| p != 0x20 && p != 0x09).collect();
        let expected: Vec<u32> = if fix.after == "和" { "and" } else { "or" }.chars().map(u32::from).collect();
        assert_eq!(word, expected);
        assert!(matches!(inside[0], 0x20 | 0x09) && matches!(inside[inside.len() - 1], 0x20 | 0x09));
    }

    let found = cjk_space(data);
    assert_eq!(cjk_space(data), found, "the same findings twice");
    in_order(found.iter().map(|f| (f.start, f.end)), total, true);
    for f in &found {
        assert!(points[f.start..f.end].iter().all(|p| p.1 == 0x20));
    }
});
