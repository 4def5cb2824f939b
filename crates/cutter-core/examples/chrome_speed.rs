//! MB/s of `Chrome::findings` (the boilerplate line rules' one scan) over texts read from files
//! written as `rules_speed --pieces` reads them (each text its length, u32 little-endian, and its
//! UTF-8 / WTF-8 bytes), with the trigger words of `cutter/patterns.py` and, after `--fold`, the
//! script fold read from a file of (from, to) code-point pairs, each two u32 little-endian (without
//! it, as `boilerplate._chrome_plain()`: a text that needs the fold counts as declined). The CPU
//! time of `--passes` (20) passes, over their number.
//!
//!     cargo run --release -p cutter-core --example chrome_speed -- [--passes N] [--fold FILE] FILE…

mod common;

use std::time::Instant;

use common::seconds;
use cutter_core::boilerplate::{Fold, Triggers};
use cutter_core::chrome::Chrome;

fn main() {
    let (mut passes, mut texts, mut fold) = (20, Vec::new(), None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--passes" => passes = args.next().and_then(|n| n.parse().ok()).expect("--passes N"),
            "--fold" => {
                let data = common::read(&args.next().expect("--fold FILE"));
                let pairs: Vec<(u32, u32)> = data
                    .chunks_exact(8)
                    .map(|pair| {
                        let number = |at: usize| u32::from_le_bytes([pair[at], pair[at + 1], pair[at + 2], pair[at + 3]]);
                        (number(0), number(4))
                    })
                    .collect();
                fold = Some(Fold::new(&pairs).expect("the fold"));
            }
            path => texts.extend(common::pieces(&common::read(path))),
        }
    }
    let patterns = common::read(&format!("{}/../../cutter/patterns.py", env!("CARGO_MANIFEST_DIR")));
    let (families, words) = common::triggers::trigger_words(std::str::from_utf8(&patterns).expect("UTF-8"));
    let triggers = Triggers::new(&words, families.len()).expect("the trigger words");
    let chrome = Chrome::new(triggers, &families, fold).expect("the families");
    let size: usize = texts.iter().map(Vec::len).sum();
    println!("{} texts, {:.1} MB", texts.len(), size as f64 / 1e6);
    let origin = Instant::now();
    let started = seconds(origin);
    let (mut found, mut declined) = (0, 0);
    for _ in 0..passes {
        (found, declined) = (0, 0);
        for text in &texts {
            match chrome.findings(text) {
                Some(all) => {
                    found += all.hidden_text.len()
                        + all.site_chrome.len()
                        + all.site_chrome_flags.len()
                        + all.captions.len()
                        + all.doc_chrome.len()
                        + all.labelled_intro.len()
                        + all.lead_in.len()
                        + all.footer.len()
                        + all.lines.iter().map(Vec::len).sum::<usize>()
                }
                None => declined += 1,
            }
        }
    }
    let spent = (seconds(origin) - started) / passes as f64;
    println!("Chrome.findings {:8.0} MB/s  ({found} found, {declined} declined)", size as f64 / spent / 1e6);
}
