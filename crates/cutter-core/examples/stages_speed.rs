//! MB/s of the stage scans issue 13's stagesfast round made faster (`rare`, `script`, `headers`,
//! `paragraphs::page_breaks`, `normalize::layout` and `lay_out`, `punctuation::ellipsis`,
//! `spacing::whitespace`), over files of texts each written as its length (u32, little-endian)
//! and its UTF-8 (WTF-8) bytes. The CPU time of `--passes` (20) passes, over their number (the
//! kernel's count moves in ticks of a few milliseconds, so a single pass is not timed: keep the passes many).
//!
//!     cargo run --release -p cutter-core --example stages_speed -- [--only NAME] [--passes N] FILE…

mod common;

use cutter_core::{headers, normalize, paragraphs, punctuation, rare, script, spacing};

const STAGES: [common::Entry; 9] = [
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
            path => texts.extend(common::pieces(&common::read(path))),
        }
    }
    common::time_each(&texts, passes, only.as_deref(), &STAGES);
}
