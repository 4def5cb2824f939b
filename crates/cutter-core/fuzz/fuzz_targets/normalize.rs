//! `normalize::Run` over any text and any rounds of fixes. The input's first byte says how many
//! rounds; each round's fixes are read from the bytes after the text (a start, a length and a
//! replacement chosen from a few: nothing, ASCII, Han, an ellipsis, a lone surrogate, a line
//! break). After every round the run's text is the model's (the text as code points, each fix
//! spliced in by code point), its length is the model's, and every edit's span in the raw body
//! lies inside it and covers at least the raw text of the span it replaced in the first round.
//! This reads the run's byte offsets (`bytes_at`: counted by blocks while the text is UTF-8,
//! decoded once a lone surrogate is in) through the text they splice. The text is read as the
//! binding hands it over (WTF-8): malformed bytes, which Python never sends, are made U+FFFD.
#![no_main]

use cutter_core::normalize::{Replacement, Run};
use cutter_core::text::{push_point, CodePoints};
use libfuzzer_sys::fuzz_target;

const AFTERS: [&[u8]; 6] = [b"", b"a", "\u{7532}".as_bytes(), "\u{2026}\u{2026}".as_bytes(), &[0xED, 0xA0, 0x80], b"\n"];

fn points(bytes: &[u8]) -> Vec<u32> {
    CodePoints::new(bytes).map(|(_, point)| point).collect()
}

fuzz_target!(|input: &[u8]| {
    let Some((&rounds, rest)) = input.split_first() else { return };
    // the text: the first half of the rest, made WTF-8; the fixes: read from the second half
    let (raw_part, plan) = rest.split_at(rest.len() / 2);
    let mut raw = Vec::with_capacity(raw_part.len());
    for (_, point) in CodePoints::new(raw_part) {
        push_point(&mut raw, point);
    }
    let mut model = points(&raw);
    let raw_length = model.len();
    let mut run = Run::new(raw.clone());
    let mut plan = plan.chunks_exact(3);
    for round in 0..usize::from(rounds % 4) {
        let mut fixes = Vec::new();
        let mut at = 0;
        for step in plan.by_ref().take(8) {
            let start = at + usize::from(step[0] % 16);
            let end = start + usize::from(step[1] % 4);
            if end > model.len() {
                break;
            }
            fixes.push(Replacement { start, end, after: AFTERS[usize::from(step[2]) % AFTERS.len()] });
            at = end + 1;
        }
        run.apply(u16::try_from(round).unwrap(), &fixes).expect("fixes in bounds and apart");
        for fix in fixes.iter().rev() {
            model.splice(fix.start..fix.end, points(fix.after));
        }
        assert_eq!(points(run.text()), model, "round {round}");
        assert_eq!(run.length(), model.len());
        let edits = run.edits();
        for index in 0..edits.len() {
            let (low, high) = (edits.raw_starts[index] as usize, edits.raw_ends[index] as usize);
            assert!(low <= high && high <= raw_length, "edit {index}: raw {low}..{high} of {raw_length}");
            if edits.rules[index] == 0 {
                assert_eq!((low, high), (edits.starts[index] as usize, edits.ends[index] as usize));
            }
        }
    }
});
