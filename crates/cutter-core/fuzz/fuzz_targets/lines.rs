//! `lines::candidate_lines` over any bytes. The result is in bounds and in order, each span is
//! one whole non-empty line, and a line's verdict depends on that line alone: the result is
//! the lines' results put together, and the same on a second call. Debris that cleaning
//! removes (a format character, a tag, an entity) in front of a line does not change its
//! verdict, since the splitter reads the line without it.
#![no_main]

use cutter_core::lines::candidate_lines;
use cutter_core::text::count;
use libfuzzer_sys::fuzz_target;

const DEBRIS: [&str; 5] = ["\u{200b}", "\u{feff}", "<br>", "&amp;", "</p>"];

fuzz_target!(|data: &[u8]| {
    let found = candidate_lines(data);
    assert_eq!(candidate_lines(data), found, "the same lines twice");
    let total = count(data);
    let mut previous_end = None;
    for &(start, end) in &found {
        assert!(start < end && end <= total, "({start}, {end}) out of 0..{total}");
        assert!(previous_end.is_none_or(|previous| previous < start), "in order, a newline between");
        previous_end = Some(end);
    }
    // line by line
    let mut expected = Vec::new();
    let mut line_start = 0;
    for line in data.split(|&b| b == b'\n') {
        let length = count(line);
        let alone = candidate_lines(line);
        assert!(alone.is_empty() || alone == [(0, length)], "{alone:?} for a line of {length}");
        expected.extend(alone.iter().map(|&(s, e)| (line_start + s, line_start + e)));
        line_start += length + 1;
        if length > 0 {
            for debris in DEBRIS {
                let prefixed = [debris.as_bytes(), line].concat();
                let verdict = candidate_lines(&prefixed);
                let width = count(debris.as_bytes());
                assert_eq!(verdict.is_empty(), alone.is_empty(), "{debris:?} in front changed the verdict");
                assert!(verdict.is_empty() || verdict == [(0, length + width)]);
            }
        }
    }
    assert_eq!(found, expected, "the lines' results put together");
});
