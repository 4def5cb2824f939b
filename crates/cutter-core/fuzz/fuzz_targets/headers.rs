//! `headers::header_candidates` over any bytes. Every candidate lies in a candidate line, in
//! order of lines; its span is in the line, its number between 1 and 500 (9999 for a glued
//! one), its style one of the five; a deferred line is one of the candidate lines and holds no
//! candidate; the result is the lines' results put together (for well-formed UTF-8), and the
//! same on a second call (for any bytes).
#![no_main]

use cutter_core::headers::{header_candidates, STYLES};
use cutter_core::lines::candidate_lines;
use cutter_core::text::count;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (found, deferred) = header_candidates(data);
    assert_eq!(header_candidates(data), (found.clone(), deferred.clone()), "the same twice");
    if std::str::from_utf8(data).is_err() {
        return; // never from the binding: offsets inside a malformed line need not match count()
    }
    let lines = candidate_lines(data);
    let mut previous_line = 0;
    for candidate in &found {
        let &(start, end) = lines.iter().find(|&&(start, _)| start == candidate.line).expect("a candidate line");
        assert!(start <= candidate.start && candidate.start < candidate.end && candidate.end <= end, "{candidate:?} in ({start}, {end})");
        assert!(candidate.line >= previous_line, "in order of lines");
        previous_line = candidate.line;
        let most = if candidate.clean { 500 } else { 9999 };
        assert!((1..=most).contains(&candidate.number), "{candidate:?}");
        assert!(STYLES.contains(&candidate.style));
        assert!(!deferred.iter().any(|&(s, _)| s == candidate.line), "a deferred line holds no candidate");
    }
    assert!(deferred.iter().all(|span| lines.contains(span)), "deferred lines are candidate lines");
    // line by line
    let mut line_start = 0;
    let mut expected = Vec::new();
    for line in data.split(|&b| b == b'\n') {
        let (alone, _) = header_candidates(line);
        expected.extend(alone.into_iter().map(|mut c| {
            c.line += line_start;
            c.start += line_start;
            c.end += line_start;
            c
        }));
        line_start += count(line) + 1;
    }
    assert_eq!(found, expected, "the lines' results put together");
});
