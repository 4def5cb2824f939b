//! `chrome::Chrome` (the boilerplate line rules) over any bytes, with the rules' own trigger
//! words (read from cutter/patterns.py at build time) and a fold of a few characters, one of
//! which changes its UTF-8 width. The input is read as the binding hands text over (WTF-8):
//! malformed bytes, which Python never sends, are made U+FFFD first. Every finding is in bounds;
//! each rule's removals are in order and apart (merged when only spaces were between them); a
//! removal keeps its line's newline; the same text gives the same findings twice; the captions
//! handed back (all of them) are removed with the rest, and the spans then cover each caption.
#![no_main]

use std::sync::OnceLock;

use cutter_core::boilerplate::{Fold, Triggers};
use cutter_core::chrome::Chrome;
use cutter_core::paragraphs::Finding;
use cutter_core::text::{push_point, CodePoints};
use libfuzzer_sys::fuzz_target;

const PATTERNS: &str = include_str!("../../../../cutter/patterns.py");
const PAIRS: [(char, char); 8] =
    [('編', '编'), ('為', '为'), ('擴', '扩'), ('閱', '阅'), ('讀', '读'), ('會', '会'), ('俓', '𠇹'), ('\u{2A6A5}', '龙')];

#[path = "../../examples/common/triggers.rs"]
mod triggers;

fn trigger_words() -> (Vec<String>, Vec<(String, u64)>) {
    triggers::trigger_words(PATTERNS)
}

fn removals_in_order(found: &[Finding], total: usize) {
    let mut previous_end = 0;
    for finding in found.iter().filter(|f| f.message.is_none()) {
        assert!(finding.start <= finding.end && finding.end <= total, "{finding:?} out of 0..{total}");
        assert!(previous_end <= finding.start, "{finding:?} overlaps the removal before");
        previous_end = finding.end;
    }
}

fuzz_target!(|raw: &[u8]| {
    let mut data = Vec::with_capacity(raw.len());
    for (_, point) in CodePoints::new(raw) {
        push_point(&mut data, point);
    }
    let data = &data[..];
    let points: Vec<u32> = CodePoints::new(data).map(|(_, p)| p).collect();
    let total = points.len();
    let newlines: Vec<bool> = points.iter().map(|&p| p == 0x0A).collect();

    static CHROME: OnceLock<Chrome> = OnceLock::new();
    let chrome = CHROME.get_or_init(|| {
        let (families, words) = trigger_words();
        let triggers = Triggers::new(&words, families.len()).expect("the trigger words");
        let pairs: Vec<(u32, u32)> = PAIRS.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
        Chrome::new(triggers, &families, Some(Fold::new(&pairs).expect("the fold"))).expect("a Chrome")
    });
    let found = chrome.findings(data).expect("a Chrome with a fold reads every text");
    assert_eq!(chrome.findings(data).as_ref(), Some(&found), "the same findings twice");
    for rule in [&found.hidden_text, &found.site_chrome, &found.doc_chrome, &found.labelled_intro, &found.lead_in, &found.footer] {
        removals_in_order(rule, total);
        for finding in rule.iter() {
            assert!(finding.start <= finding.end && finding.end <= total, "{finding:?}");
        }
    }
    for rule in [&found.hidden_text, &found.site_chrome, &found.doc_chrome, &found.labelled_intro, &found.lead_in] {
        for finding in rule.iter().filter(|f| f.message.is_none()) {
            let inside = &newlines[finding.start..finding.end];
            // a line rule's removal stays in its line (site-chrome's empty label and its value are
            // two lines, and its removals merge when only spaces are between them)
            assert!(rule == &found.site_chrome || !inside.contains(&true), "{finding:?}");
        }
    }
    assert!(found.footer.len() <= 1);
    for flag in &found.site_chrome_flags {
        assert!(flag.message.is_some() && flag.end <= total);
    }
    for caption in &found.captions {
        assert!(caption.start <= caption.title_start && caption.title_start < caption.title_end);
        assert!(caption.title_end < caption.end && caption.end <= total);
    }
    let removed: Vec<(usize, usize)> = found.captions.iter().map(|c| (c.start, c.end)).collect();
    let with_captions = chrome.site_chrome(data, &removed).expect("a Chrome with a fold reads every text");
    removals_in_order(&with_captions, total);
    for &(start, end) in &removed {
        assert!(
            with_captions.iter().any(|f| f.start <= start && end <= f.end),
            "caption {start}..{end} not removed: {with_captions:?}"
        );
    }
    if found.captions.is_empty() {
        assert_eq!(with_captions, found.site_chrome);
    }
});
