//! `markup::Ruby` (pinyin-ruby) and `markup::clusters` (the html rule's markup scan) over any bytes.
//! Ruby: the spans are in bounds, sorted and distinct; each confirmed or lost annotation ends with a
//! closing parenthesis and a confirmed one opens with one; `count` is the number of confirmed ones;
//! the rule's findings are the same on a second call, in order, without overlap, the flags one
//! character wider than the annotation. Clusters: in bounds, in order, more than `CLUSTER_GAP`
//! apart, each holding every markup span that starts in it. Html (the whole rule): its fixes the
//! same twice, in order, apart, each changing something. The input is read as the binding hands
//! text over (WTF-8): malformed bytes, which Python never sends, are made U+FFFD first.
#![no_main]

use std::sync::OnceLock;

use cutter_core::markup::{clusters, Html, Markup, Ruby, CLUSTER_GAP};
use cutter_core::text::{push_point, CodePoints};
use libfuzzer_sys::fuzz_target;

/// A few characters' readings (the fuzzer has no pypinyin): enough to confirm, reject and lose.
fn ruby() -> &'static Ruby {
    static RUBY: OnceLock<Ruby> = OnceLock::new();
    RUBY.get_or_init(|| {
        let readings: Vec<(u32, String)> = [('寫', "xiě,xiè"), ('們', "men"), ('的', "de,dí,dì"), ('a', "a"), ('發', "fā,fà")]
            .iter()
            .map(|(c, v)| (*c as u32, v.to_string()))
            .collect();
        let syllables = ["xiě", "xiè", "dí", "dì", "fā", "fà", "huì", "ā"].map(String::from);
        Ruby::new(&readings, &syllables).unwrap()
    })
}

/// A few of html5's names and `html`'s invalid references (the fuzzer has no Python).
fn html() -> &'static Html {
    static HTML: OnceLock<Html> = OnceLock::new();
    HTML.get_or_init(|| {
        let named: Vec<(String, String)> = [("amp;", "&"), ("amp", "&"), ("lt;", "<"), ("lt", "<"), ("gt;", ">"), ("nbsp;", "\u{a0}"), ("not", "¬"), ("notin;", "∉")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Html::new(&named, &[(0x80, "\u{20ac}".to_string()), (0, "\u{fffd}".to_string())], &[0x1, 0xFFFF]).unwrap()
    })
}

fn in_order(spans: &[(usize, usize)], total: usize) {
    for pair in spans.windows(2) {
        assert!(pair[0] < pair[1], "{spans:?} not sorted and distinct");
    }
    for &(start, end) in spans {
        assert!(start < end && end <= total, "({start}, {end}) out of 0..{total}");
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

    let ruby = ruby();
    let (confirmed, lost) = ruby.spans(data);
    in_order(&confirmed, total);
    in_order(&lost, total);
    assert_eq!(ruby.count(data), confirmed.len());
    for &(_, end) in confirmed.iter().chain(&lost) {
        assert!(matches!(points[end - 1], 0x29 | 0xFF09), "an annotation ends with its parenthesis");
    }
    for &(start, _) in &confirmed {
        assert!(start > 0 && matches!(points[start], 0x28 | 0xFF08), "a reading opens with a parenthesis");
    }
    for page in [None, Some(0), Some(2), Some(3)] {
        for traditional in [false, true] {
            let found = ruby.findings(data, page, traditional);
            assert_eq!(ruby.findings(data, page, traditional), found, "the same findings twice");
            let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
            in_order(&spans, total);
            for pair in spans.windows(2) {
                assert!(pair[0].1 <= pair[1].0, "{spans:?} overlap");
            }
            for finding in &found {
                if finding.message.is_some() {
                    assert!(confirmed.contains(&(finding.start + 1, finding.end)), "a flag is a reading and its base");
                } else {
                    let span = (finding.start, finding.end);
                    assert!(confirmed.contains(&span) || lost.contains(&span), "a fix is an annotation");
                }
            }
        }
    }

    let fixes = html().fixes(data);
    assert_eq!(html().fixes(data), fixes, "the same html fixes twice");
    let mut previous_end = 0;
    for fix in &fixes {
        assert!(previous_end <= fix.start && fix.start <= fix.end && fix.end <= total, "html fixes out of order");
        assert!(fix.start < fix.end || !fix.after.is_empty(), "an html fix that changes nothing");
        previous_end = fix.end;
    }

    let found = clusters(data);
    assert_eq!(clusters(data), found, "the same clusters twice");
    in_order(&found, total);
    for pair in found.windows(2) {
        assert!(pair[1].0 > pair[0].1 + CLUSTER_GAP, "{found:?}: clusters closer than the gap");
    }
    static MARKUP: OnceLock<Markup> = OnceLock::new();
    let markup = MARKUP.get_or_init(|| Markup::new().unwrap());
    let mut byte_to_point = vec![total; data.len() + 1];
    let mut starts = 0;
    for (at, byte) in data.iter().enumerate() {
        if byte & 0xC0 != 0x80 {
            starts += 1;
        }
        byte_to_point[at] = starts - 1;
    }
    for (start, end) in markup.markup_spans(data) {
        let (start, end) = (byte_to_point[start], byte_to_point[end]);
        assert!(found.iter().any(|&(a, b)| a <= start && end <= b), "markup ({start}, {end}) outside {found:?}");
    }
});
