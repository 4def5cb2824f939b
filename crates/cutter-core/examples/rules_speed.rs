//! MB/s of the rules the normalizer's run calls in the core, and of `layout`, over texts read
//! from files: each file one text, or, after `--pieces`, files of texts each written as its
//! length (u32, little-endian) and its UTF-8 (WTF-8) bytes (bench/README.md says how to dump a
//! corpus's pieces so). The CPU time of `--passes` (20) passes, over their number: the CPU time (the kernel's
//! count, in ticks of a few milliseconds, so keep the passes many) weighs the other processes of a
//! shared machine less than the wall time would.
//!
//!     cargo run --release -p cutter-core --example rules_speed -- [--only NAME] [--passes N] [--pieces] FILE…

use std::time::Instant;

/// Seconds this process has run on a CPU (Linux's `/proc/self/schedstat`, in nanoseconds), so
/// that the other processes of a shared machine weigh less; else the wall time since `start`.
fn seconds(start: Instant) -> f64 {
    let cpu = std::fs::read_to_string("/proc/self/schedstat").ok();
    match cpu.as_deref().and_then(|line| line.split_whitespace().next()?.parse::<f64>().ok()) {
        Some(nanoseconds) => nanoseconds / 1e9,
        None => start.elapsed().as_secs_f64(),
    }
}

use cutter_core::{detect, english, junk, normalize, paragraphs, punctuation, spacing};

type Rule = fn(&[u8]) -> usize;

const RULES: [(&str, Rule); 10] = [
    ("page_breaks", |t| paragraphs::page_breaks(t).len()),
    ("placeholders", |t| detect::placeholders(t).len()),
    ("layout", |t| normalize::layout(t).len()),
    ("whitespace", |t| spacing::whitespace(t).len()),
    ("ellipsis", |t| punctuation::ellipsis(t).len()),
    ("chunk_markers", |t| paragraphs::chunk_markers(t).len()),
    ("watermark", |t| junk::watermark(t).len()),
    ("fullwidth", |t| punctuation::fullwidth(t).len()),
    ("english", |t| english::english(t).len()),
    ("cjk_space", |t| spacing::cjk_space(t).len()),
];

fn main() {
    let (mut only, mut pieces, mut passes, mut texts) = (None, false, 20, Vec::new());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--only" => only = args.next(),
            "--pieces" => pieces = true,
            "--passes" => passes = args.next().and_then(|n| n.parse().ok()).expect("--passes N"),
            path => {
                let data = std::fs::read(path).unwrap_or_else(|error| panic!("{path}: {error}"));
                if pieces {
                    let mut at = 0;
                    while at + 4 <= data.len() {
                        let length = u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]) as usize;
                        texts.push(data[at + 4..(at + 4 + length).min(data.len())].to_vec());
                        at += 4 + length;
                    }
                } else {
                    texts.push(data);
                }
            }
        }
    }
    let size: usize = texts.iter().map(Vec::len).sum();
    println!("{} texts, {:.1} MB", texts.len(), size as f64 / 1e6);
    for (name, rule) in RULES {
        if only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let origin = Instant::now();
        let started = seconds(origin);
        let mut found = 0;
        for _ in 0..passes {
            found = texts.iter().map(|text| rule(text)).sum();
        }
        let spent = (seconds(origin) - started) / passes as f64;
        println!("{name:14} {:8.0} MB/s  ({found} found)", size as f64 / spent / 1e6);
    }
}
