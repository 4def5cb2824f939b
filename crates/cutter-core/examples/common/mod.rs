//! What the speed examples share: a clock that weighs the other processes of a shared machine
//! less, the files of pieces they read, and the timing of each entry point over them.
#![allow(dead_code)] // each example takes what it needs

use std::time::Instant;

pub mod triggers;

/// Seconds this process has run on a CPU (Linux's `/proc/self/schedstat`, in nanoseconds), so
/// that the other processes of a shared machine weigh less; else the wall time since `start`.
pub fn seconds(start: Instant) -> f64 {
    let cpu = std::fs::read_to_string("/proc/self/schedstat").ok();
    match cpu.as_deref().and_then(|line| line.split_whitespace().next()?.parse::<f64>().ok()) {
        Some(nanoseconds) => nanoseconds / 1e9,
        None => start.elapsed().as_secs_f64(),
    }
}

/// The bytes of a file named on the command line.
pub fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The texts of a file of pieces: each text its length (u32, little-endian), then its UTF-8
/// (WTF-8) bytes (bench/README.md says how to dump a corpus's pieces so).
pub fn pieces(data: &[u8]) -> Vec<Vec<u8>> {
    let mut texts = Vec::new();
    let mut at = 0;
    while at + 4 <= data.len() {
        let length = u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]) as usize;
        texts.push(data[at + 4..(at + 4 + length).min(data.len())].to_vec());
        at += 4 + length;
    }
    texts
}

/// An entry point timed: its name, and what it finds in a text (a count, so that nothing is
/// optimised away).
pub type Entry = (&'static str, fn(&[u8]) -> usize);

/// Print each entry point's MB/s over `texts` (only `only`'s, when given): the CPU time of
/// `passes` passes, over their number (the kernel's count moves in ticks of a few milliseconds,
/// so keep the passes many).
pub fn time_each(texts: &[Vec<u8>], passes: usize, only: Option<&str>, entries: &[Entry]) {
    let size: usize = texts.iter().map(Vec::len).sum();
    println!("{} texts, {:.1} MB", texts.len(), size as f64 / 1e6);
    for &(name, entry) in entries {
        if only.is_some_and(|only| only != name) {
            continue;
        }
        let origin = Instant::now();
        let started = seconds(origin);
        let mut found = 0;
        for _ in 0..passes {
            found = texts.iter().map(|text| entry(text)).sum();
        }
        let spent = (seconds(origin) - started) / passes as f64;
        println!("{name:22} {:8.0} MB/s  ({found} found)", size as f64 / spent / 1e6);
    }
}
