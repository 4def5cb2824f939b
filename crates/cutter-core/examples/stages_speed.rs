//! MB/s of the stage scans issue 13's stagesfast round made faster (`rare`, `script`, `headers`,
//! `paragraphs::page_breaks`, `normalize::layout` and `lay_out`, `punctuation::ellipsis`,
//! `spacing::whitespace`), over files of texts each written as its length (u32, little-endian)
//! and its UTF-8 (WTF-8) bytes. The CPU time of `--passes` (20) passes, over their number (the
//! kernel's count moves in ticks of a few milliseconds, so a single pass is not timed: keep the passes many).
//!
//!     cargo run --release -p cutter-core --example stages_speed -- [--only NAME] [--passes N] FILE…

use std::time::Instant;

use cutter_core::{headers, normalize, paragraphs, punctuation, rare, script, spacing};

fn seconds(start: Instant) -> f64 {
    let cpu = std::fs::read_to_string("/proc/self/schedstat").ok();
    match cpu.as_deref().and_then(|line| line.split_whitespace().next()?.parse::<f64>().ok()) {
        Some(nanoseconds) => nanoseconds / 1e9,
        None => start.elapsed().as_secs_f64(),
    }
}

type Stage = fn(&[u8]) -> usize;

const STAGES: [(&str, Stage); 9] = [
    ("rare_characters", |t| rare::characters(t).len()),
    ("document_script", |t| script::document_script(t) as usize),
    ("header_candidates", |t| {
        let (found, deferred) = headers::header_candidates(t);
        found.len() + deferred.len()
    }),
    ("page_breaks", |t| paragraphs::page_breaks(t).len()),
    ("layout", |t| normalize::layout(t).len()),
    ("lay_out (Run)", |t| {
        let mut run = normalize::Run::new(t.to_vec());
        run.lay_out();
        run.length()
    }),
    ("Run::new (for scale)", |t| normalize::Run::new(t.to_vec()).length()),
    ("ellipsis", |t| punctuation::ellipsis(t).len()),
    ("whitespace", |t| spacing::whitespace(t).len()),
];

fn main() {
    let (mut only, mut passes, mut texts) = (None, 20, Vec::new());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--only" => only = args.next(),
            "--passes" => passes = args.next().and_then(|n| n.parse().ok()).expect("--passes N"),
            path => {
                let data = std::fs::read(path).unwrap_or_else(|error| panic!("{path}: {error}"));
                let mut at = 0;
                while at + 4 <= data.len() {
                    let length = u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]) as usize;
                    texts.push(data[at + 4..(at + 4 + length).min(data.len())].to_vec());
                    at += 4 + length;
                }
            }
        }
    }
    let size: usize = texts.iter().map(Vec::len).sum();
    println!("{} texts, {:.1} MB", texts.len(), size as f64 / 1e6);
    for (name, stage) in STAGES {
        if only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let origin = Instant::now();
        let started = seconds(origin);
        let mut found = 0;
        for _ in 0..passes {
            found = texts.iter().map(|text| stage(text)).sum();
        }
        let spent = (seconds(origin) - started) / passes as f64;
        println!("{name:22} {:8.0} MB/s  ({found} found)", size as f64 / spent / 1e6);
    }
}
