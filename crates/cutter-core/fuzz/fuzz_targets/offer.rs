//! `offer::offers`, `offer::offer_matches`, `offer::lines_opening_with` and `offer::title_form`
//! over any bytes, and over texts put together from offer parts (the first byte chooses: odd,
//! each later byte picks a part, so the fuzzer reaches offers, glued leads, intros and pointers
//! that random bytes never spell). Every line is a trigger line. Findings are in bounds, the
//! same on a second call and with the text passed as its own fold; a fix writes "" or "。", a
//! flag writes nothing and says why; a match lies on its line, its offer after its start; the
//! lines found open a line and end one, no longer than asked; a title form holds no space or
//! format character. Malformed bytes, which Python never sends, are made U+FFFD first.
#![no_main]

use cutter_core::offer::{lines_opening_with, offer_matches, offers, points_of, title_form};
use cutter_core::tables::{line_classes, FORMAT, PATTERN_SPACE};
use cutter_core::text::{push_point, CodePoints};
use libfuzzer_sys::fuzz_target;

const PARTS: [&str; 64] = [
    "以下是", "下面", "接下来", "这里", "本篇文章", "本文", "以上", "内容", "就是", "由", "就", "小编", "为大家", "给您",
    "编辑", "本站", "整理", "收集", "推荐", "分享", "3篇", "三篇", "１２篇", "篇", "范文", "作文", "参考", "阅读", "喜欢",
    "更多", "敬请关注", "尽在", "请访问", "的", "了", "我", "，", ",", "。", "！", "？", "!", "?", "：", ":", "\n", " ", "\t",
    "\u{3000}", "\u{1c}", "心得体会", "怎么写", "吗？", "吧", "希望对你有帮助", "甲乙丙", "…", "a", "\u{20000}",
    "很很很很很很很很很很很很很很很很很很很很", "今天天气很好。", "演讲稿", "(精选3篇)", "\u{200b}",
]; // fmt: skip

fn lines(points: &[u32]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    for (at, &point) in points.iter().enumerate() {
        if point == 0x0A {
            found.push((start, at));
            start = at + 1;
        }
    }
    found.push((start, points.len()));
    found
}

fuzz_target!(|raw: &[u8]| {
    let mut data = Vec::with_capacity(raw.len() * 4);
    match raw.split_first() {
        Some((&mode, rest)) if mode % 2 == 1 => {
            for &byte in rest {
                data.extend_from_slice(PARTS[usize::from(byte) % PARTS.len()].as_bytes());
            }
        }
        _ => {
            for (_, point) in CodePoints::new(raw) {
                push_point(&mut data, point);
            }
        }
    }
    let data = &data[..];
    let points = points_of(data);
    let total = points.len();
    let spans = lines(&points);

    let found = offers(data, None, &spans);
    assert_eq!(offers(data, None, &spans), found, "the same findings twice");
    assert_eq!(offers(data, Some(data), &spans), found, "the text as its own fold");
    for finding in &found {
        assert!(finding.start <= finding.end && finding.end <= total, "{finding:?} out of 0..{total}");
        match &finding.message {
            None => assert!(matches!(finding.after, "" | "。"), "{finding:?}"),
            Some(message) => {
                assert_eq!(finding.after, "");
                assert!(message.starts_with("possible site intro before an offer: “".as_bytes()));
            }
        }
    }
    for found in offer_matches(&points, &spans) {
        assert!(found.start <= found.offer && found.offer < found.end, "{found:?}");
        assert!(!points[found.start..found.end].contains(&0x0A), "{found:?} runs over a line end");
    }

    let table = line_classes();
    for longest in [0, 3, 40] {
        let mut previous = None;
        for (start, end) in lines_opening_with(data, &["演讲", "以下", "", " 甲"], longest) {
            assert!(start <= end && end <= total && end - start <= longest);
            assert!(start == 0 || points[start - 1] == 0x0A, "a line's start");
            assert!(end == total || points[end] == 0x0A, "a line's end");
            assert!(previous.is_none_or(|p| p < start), "in order, each line once");
            previous = Some(start);
        }
    }
    let form = title_form(data);
    assert!(points_of(&form).iter().all(|&p| table.of(p) & (PATTERN_SPACE | FORMAT) == 0));
});
