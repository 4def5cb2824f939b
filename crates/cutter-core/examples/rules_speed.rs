//! MB/s of the rules the normalizer's run calls in the core, and of `layout`, over texts read
//! from files: each file one text, or, after `--pieces`, files of texts each written as its
//! length (u32, little-endian) and its UTF-8 (WTF-8) bytes (bench/README.md says how to dump a
//! corpus's pieces so). The CPU time of `--passes` (20) passes, over their number: the CPU time (the kernel's
//! count, in ticks of a few milliseconds, so keep the passes many) weighs the other processes of a
//! shared machine less than the wall time would.
//!
//!     cargo run --release -p cutter-core --example rules_speed -- [--only NAME] [--passes N] [--pieces] FILE…

mod common;

use cutter_core::{detect, english, junk, normalize, paragraphs, punctuation, spacing};

const RULES: [common::Entry; 10] = [
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
            path if pieces => texts.extend(common::pieces(&common::read(path))),
            path => texts.push(common::read(path)),
        }
    }
    common::time_each(&texts, passes, only.as_deref(), &RULES);
}
