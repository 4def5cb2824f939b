//! `boilerplate::Triggers`, `Words` and `Fold` over any bytes, with trigger words that
//! overlap and nest (and up to three more taken from the input). Against a plain reading of
//! what each promises: the trigger lines are those where the leftmost-longest matching of the
//! words, left to right, finds a word of the family; the lines holding words are those where a
//! word of every group of a need occurs; a fold writes each character that has a twin as the
//! twin, one for one, and folding the folded text changes nothing.
#![no_main]

use std::sync::OnceLock;

use cutter_core::boilerplate::{Fold, Triggers, Words};
use cutter_core::text::{count, CodePoints};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const WORDS: [(&str, u64); 10] = [
    ("以下", 0b1),
    ("以下是", 0b11),
    ("扩展阅读", 0b10),
    ("为大家", 0b100),
    ("大家整理", 0b1000),
    ("整理", 0b1000),
    ("编辑", 0b10000),
    ("小编", 0b10001),
    ("篇", 0b100000),
    ("x", 0b1000000),
];
const FAMILIES: usize = 8; // the eighth holds the words from the input
const NEEDS: [u64; 3] = [0b1100, 0b10001, 0b100000];
const PAIRS: [(char, char); 7] =
    [('編', '编'), ('為', '为'), ('體', '体'), ('會', '会'), ('價', '价'), ('與', '与'), ('\u{2A6A5}', '龙')];

/// The words of `text` as a regex alternation sorted longest first reads them: at each
/// place the longest word that starts there, resuming after it; the families of each line.
fn reference_families(words: &[(String, u64)], line: &[u8]) -> u64 {
    let mut families = 0;
    let mut at = 0;
    while at < line.len() {
        let longest = words.iter().filter(|(w, _)| line[at..].starts_with(w.as_bytes())).max_by_key(|(w, _)| w.len());
        match longest {
            Some((word, mask)) => {
                families |= mask;
                at += word.len();
            }
            None => at += 1,
        }
    }
    families
}

fuzz_target!(|data: &[u8]| {
    // input: the text, or 0x01, extra words (UTF-8, separated by 0x02), 0x01 and the text
    let (head, text) = match data.split_first() {
        Some((1, rest)) => match rest.iter().position(|&b| b == 1) {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, &rest[rest.len()..]),
        },
        _ => (&data[..0], data),
    };
    let mut words: Vec<(String, u64)> = WORDS.iter().map(|&(w, m)| (w.to_string(), m)).collect();
    for extra in head.split(|&b| b == 2).take(3) {
        if let Ok(word) = std::str::from_utf8(extra) {
            if !word.is_empty() && !word.contains('\n') && !words.iter().any(|(w, _)| w == word) {
                words.push((word.to_string(), 1 << (FAMILIES - 1)));
            }
        }
    }

    let mut lines = Vec::new(); // (start, end) in code points, and the line's bytes
    let mut start = 0;
    for line in text.split(|&b| b == b'\n') {
        let length = count(line);
        lines.push(((start, start + length), line));
        start += length + 1;
    }

    // Triggers (the automata of the fixed words are built once: building takes milliseconds)
    static FIXED: OnceLock<(Triggers, Words, Fold)> = OnceLock::new();
    let fixed = FIXED.get_or_init(|| {
        let words: Vec<(&str, u64)> = WORDS.to_vec();
        let pairs: Vec<(u32, u32)> = PAIRS.iter().map(|&(from, to)| (from as u32, to as u32)).collect();
        (Triggers::new(&words, FAMILIES).unwrap(), Words::new(&words).unwrap(), Fold::new(&pairs).unwrap())
    });
    let extra = words.len() > WORDS.len();
    let built = extra
        .then(|| (Triggers::new(&words, FAMILIES).expect("valid words"), Words::new(&words).expect("valid words")));
    let (triggers, groups) = built.as_ref().map_or((&fixed.0, &fixed.1), |(t, w)| (t, w));
    let found = triggers.lines(text);
    assert_eq!(found.len(), FAMILIES);
    let families: Vec<u64> = lines.iter().map(|(_, line)| reference_families(&words, line)).collect();
    for (family, spans) in found.iter().enumerate() {
        let expected: Vec<(usize, usize)> = lines
            .iter()
            .zip(&families)
            .filter(|(_, &mask)| mask >> family & 1 == 1)
            .map(|(line, _)| line)
            .map(|&(span, _)| span)
            .collect();
        assert_eq!(spans, &expected, "family {family}");
    }
    assert_eq!(triggers.lines(text), found, "the same lines twice");

    // Words, over every line and over every other line. Its spans are code points of text
    // the binding wrote (well-formed WTF-8): on malformed bytes `text::count` skips a stray
    // continuation byte that `lines_holding` counts as one, so the spans disagree there.
    let well_formed = CodePoints::new(text).all(|(at, _)| common::reference_decode(&text[at..]).is_some());
    let spans: Vec<(usize, usize)> = lines.iter().map(|&(span, _)| span).collect();
    for step in [1, 2].into_iter().filter(|_| well_formed) {
        let asked: Vec<(usize, usize)> = spans.iter().copied().step_by(step).collect();
        let expected: Vec<(usize, usize)> = lines
            .iter()
            .step_by(step)
            .filter(|(_, line)| {
                let held = words
                    .iter()
                    .filter(|(w, _)| line.windows(w.len()).any(|window| window == w.as_bytes()))
                    .fold(0, |g, (_, m)| g | m);
                NEEDS.iter().any(|need| held & need == *need)
            })
            .map(|&(span, _)| span)
            .collect();
        assert_eq!(groups.lines_holding(text, &asked, &NEEDS), expected, "every {step} line");
    }
    // spans past the end, or out of order, never panic
    let total = count(text);
    groups.lines_holding(text, &[(total, total + 5), (0, 3)], &NEEDS);

    // Fold
    let pairs: Vec<(u32, u32)> = PAIRS.iter().map(|&(from, to)| (from as u32, to as u32)).collect();
    let fold = &fixed.2;
    let twin = |point: u32| pairs.iter().find(|&&(from, _)| from == point).map(|&(_, to)| to);
    let before: Vec<u32> = CodePoints::new(text).map(|(_, p)| p).collect();
    match fold.apply(text) {
        None => assert!(before.iter().all(|&p| twin(p).is_none()), "a character that folds was left"),
        Some(folded) => {
            let after: Vec<u32> = CodePoints::new(&folded).map(|(_, p)| p).collect();
            let expected: Vec<u32> = before.iter().map(|&p| twin(p).unwrap_or(p)).collect();
            assert_eq!(after, expected, "one character for one");
            assert_ne!(after, before);
            assert_eq!(count(&folded), count(text), "the same spans");
            assert_eq!(fold.apply(&folded), None, "folding the folded text changes nothing");
            assert_eq!(fold.apply(text).as_deref(), Some(folded.as_slice()));
        }
    }
});
