//! The normalizer's bookkeeping: a piece's text as the rules so far have left it, every
//! edit they made, and the map from each rule's output back to the raw body
//! (`cutter/normalize.py` runs the rules and keeps the notes).
//!
//! A rule's fixes are applied at once. Each becomes an edit whose `start`/`end` index the
//! text the rule saw, so the edits replay rule by rule. Its span is also mapped back through
//! every earlier rule ([`Stage`]) to the raw body: the raw span holds every character that
//! any of the span's characters came from, so `raw[raw_start..raw_end]` is what the edit's
//! `before` is. Offsets count code points, as everywhere in the core (see [`crate::text`]).

use crate::tables::is_space;
use crate::text::{count, decode_at, CodePoints};

/// Paragraphs one per line: the lines that hold more than whitespace (Python's `str.isspace`),
/// joined by newlines (`normalize.layout`).
///
/// ```
/// use cutter_core::normalize::layout;
/// assert_eq!(layout("\n甲\n \u{3000}\n\n乙 \n".as_bytes()), "甲\n乙 ".as_bytes());
/// ```
pub fn layout(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for line in text.split(|&byte| byte == b'\n') {
        if CodePoints::new(line).any(|(_, point)| !is_space(point)) {
            if !out.is_empty() {
                out.push(b'\n');
            }
            out.extend_from_slice(line);
        }
    }
    out
}

/// A replacement of the code points `start..end` of the current text by `after` (UTF-8, or
/// WTF-8 when it holds a lone surrogate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement<'a> {
    pub start: usize,
    pub end: usize,
    pub after: &'a [u8],
}

/// What a rule found: a fix (`text` is what replaces the span) or a flag (`text` is its message),
/// code-point offsets of the text the rule read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub text: Vec<u8>,
    pub flag: bool,
}

/// What [`Run::apply_found`] did: whether the text changed, the rare characters its fixes
/// brought in (see [`crate::rare`]), and the flags to note, each as (offset in the raw body,
/// message), in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub changed: bool,
    pub brought: Vec<u32>,
    pub flags: Vec<(usize, Vec<u8>)>,
}

/// A kept boilerplate removal's message quotes this many code points of it.
const KEPT_QUOTE: usize = 40;

/// What a [`Run::apply`] could not do: a span outside the text, or one that ends before
/// it starts (a rule's bug, never the input's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSpan {
    pub start: usize,
    pub end: usize,
    pub length: usize,
}

impl std::fmt::Display for BadSpan {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "a fix of {}..{} in a text of {} code points", self.start, self.end, self.length)
    }
}

/// Every edit of a piece, as columns (a huge piece has hundreds of thousands).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edits {
    /// The rule of each edit, an index into the names given to [`Run::apply`]'s callers.
    pub rules: Vec<u16>,
    pub starts: Vec<usize>,
    pub ends: Vec<usize>,
    pub raw_starts: Vec<usize>,
    pub raw_ends: Vec<usize>,
    /// The replacements, one after another; edit `i`'s is `afters[after_ends[i - 1]..after_ends[i]]`.
    pub afters: Vec<u8>,
    pub after_ends: Vec<usize>,
}

impl Edits {
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Edit `index`'s replacement.
    pub fn after(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.after_ends[index - 1] };
        &self.afters[start..self.after_ends[index]]
    }
}

/// Where one rule's fixes landed: for fix `i`, its span `in_starts[i]..in_ends[i]` of the
/// rule's input became `out_starts[i]..out_ends[i]` of its output, and every character after
/// it moved by `shift_after[i]`.
#[derive(Clone, Debug, Default)]
struct Stage {
    out_starts: Vec<usize>,
    out_ends: Vec<usize>,
    in_starts: Vec<usize>,
    in_ends: Vec<usize>,
    shift_after: Vec<i64>,
}

impl Stage {
    /// Where output character `position` begins (`start`) or ends in the input: a character a
    /// fix wrote comes from the whole span that fix replaced.
    fn char(&self, position: usize, start: bool) -> usize {
        // the last fix whose output starts at or before `position`
        let index = self.out_starts.partition_point(|&out| out <= position);
        if index > 0 && position < self.out_ends[index - 1] {
            return if start { self.in_starts[index - 1] } else { self.in_ends[index - 1] };
        }
        // out_ends rise with out_starts: the last fix starting at or before `position` ends there too
        let shift = if index > 0 { self.shift_after[index - 1] } else { 0 };
        (position as i64 - shift) as usize + usize::from(!start)
    }

    /// The input span `[start, end)` of the output came from: the smallest one that holds every
    /// input character its characters came from.
    fn back(&self, start: usize, end: usize) -> (usize, usize) {
        let low = self.char(start, true);
        (low, if end == start { low } else { self.char(end - 1, false) })
    }
}

/// A piece's text as the rules leave it, with their edits and stages.
///
/// ```
/// use cutter_core::normalize::{Replacement, Run};
/// let mut run = Run::new("甲。。。乙".as_bytes().to_vec());
/// let fix = Replacement { start: 1, end: 4, after: "……".as_bytes() };
/// assert!(run.apply(0, &[fix]).unwrap());
/// assert_eq!(run.text(), "甲……乙".as_bytes());
/// assert_eq!((run.edits().raw_starts[0], run.edits().raw_ends[0]), (1, 4));
/// ```
#[derive(Clone, Debug)]
pub struct Run {
    text: Vec<u8>,
    length: usize,
    stages: Vec<Stage>,
    edits: Edits,
}

impl Run {
    /// A run over the raw body `raw`, which no rule has touched yet.
    pub fn new(raw: Vec<u8>) -> Run {
        let length = count(&raw);
        Run { text: raw, length, stages: Vec::new(), edits: Edits::default() }
    }

    /// The text as the rules so far have left it.
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// How many code points the text holds.
    pub fn length(&self) -> usize {
        self.length
    }

    pub fn edits(&self) -> &Edits {
        &self.edits
    }

    /// The edits, the run being done.
    pub fn into_edits(self) -> Edits {
        self.edits
    }

    /// Where each position of the current text stands in the raw body (a flag's offset).
    pub fn raw_offsets(&self, positions: &[usize]) -> Vec<usize> {
        positions.iter().map(|&position| self.to_raw(position, position).0).collect()
    }

    fn to_raw(&self, start: usize, end: usize) -> (usize, usize) {
        self.stages.iter().rev().fold((start, end), |(start, end), stage| stage.back(start, end))
    }

    /// Apply what one rule found, in the order it found it: its flags are noted (their offsets
    /// read through the stages before its own), and its fixes applied as [`Run::apply`] applies
    /// them. With `keep` (a boilerplate rule under `--keep-boilerplate`), each fix is a flag
    /// instead: `boilerplate kept: “…”`, quoting the first [`KEPT_QUOTE`] code points of what it
    /// would remove, without the whitespace around it.
    pub fn apply_found(&mut self, rule: u16, found: &[Found], keep: bool) -> Result<Applied, BadSpan> {
        if let Some(bad) = found.iter().find(|f| f.start > f.end || f.end > self.length) {
            return Err(BadSpan { start: bad.start, end: bad.end, length: self.length });
        }
        let kept: Vec<usize> = if keep {
            self.bytes_at(&found.iter().filter(|f| !f.flag).flat_map(|f| [f.start, f.end]).collect::<Vec<_>>())
        } else {
            Vec::new()
        };
        let mut kept = kept.chunks(2);
        let mut flags = Vec::new();
        let mut fixes = Vec::new();
        for item in found {
            if item.flag {
                flags.push((item.start, item.text.clone()));
            } else if let Some(&[start, end]) = kept.next() {
                flags.push((item.start, kept_message(&self.text[start..end])));
            } else {
                fixes.push(Replacement { start: item.start, end: item.end, after: &item.text });
            }
        }
        let at: Vec<usize> = flags.iter().map(|(start, _)| *start).collect();
        let flags = self.raw_offsets(&at).into_iter().zip(flags).map(|(offset, (_, message))| (offset, message)).collect();
        let first = self.edits.afters.len();
        let changed = self.apply(rule, &fixes)?;
        let brought = if changed { crate::rare::characters(&self.edits.afters[first..]) } else { Vec::new() };
        Ok(Applied { changed, brought, flags })
    }

    /// Apply one rule's fixes (given in the order the rule found them) and record them as
    /// edits of rule `rule`: a fix that changes nothing is dropped, the rest are taken in
    /// order of (start, end), and of overlapping ones the first is kept. Whether the text
    /// changed.
    pub fn apply(&mut self, rule: u16, fixes: &[Replacement<'_>]) -> Result<bool, BadSpan> {
        if let Some(bad) = fixes.iter().find(|f| f.start > f.end || f.end > self.length) {
            return Err(BadSpan { start: bad.start, end: bad.end, length: self.length });
        }
        let mut order: Vec<usize> = (0..fixes.len()).collect();
        order.sort_by_key(|&i| (fixes[i].start, fixes[i].end)); // stable: ties stay in finding order
        let bytes = self.byte_offsets(fixes, &order);
        let mut kept: Vec<(usize, usize, usize, usize, &[u8])> = Vec::new(); // start, end, byte start, byte end, after
        let mut last_end = None;
        for (&i, &(byte_start, byte_end)) in order.iter().zip(&bytes) {
            let fix = &fixes[i];
            if self.text[byte_start..byte_end] == *fix.after || last_end.is_some_and(|end| fix.start < end) {
                continue;
            }
            last_end = Some(fix.end);
            kept.push((fix.start, fix.end, byte_start, byte_end, fix.after));
        }
        if kept.is_empty() {
            return Ok(false);
        }
        let mut stage = Stage::default();
        let mut text = Vec::with_capacity(self.text.len());
        let (mut cursor, mut shift) = (0, 0i64);
        for &(start, end, byte_start, byte_end, after) in &kept {
            let (raw_start, raw_end) = self.to_raw(start, end);
            let written = count(after);
            self.edits.rules.push(rule);
            self.edits.starts.push(start);
            self.edits.ends.push(end);
            self.edits.raw_starts.push(raw_start);
            self.edits.raw_ends.push(raw_end);
            self.edits.afters.extend_from_slice(after);
            self.edits.after_ends.push(self.edits.afters.len());
            let out_start = (start as i64 + shift) as usize;
            shift += written as i64 - (end - start) as i64;
            stage.out_starts.push(out_start);
            stage.out_ends.push(out_start + written);
            stage.in_starts.push(start);
            stage.in_ends.push(end);
            stage.shift_after.push(shift);
            text.extend_from_slice(&self.text[cursor..byte_start]);
            text.extend_from_slice(after);
            cursor = byte_end;
        }
        text.extend_from_slice(&self.text[cursor..]);
        self.text = text;
        self.length = (self.length as i64 + shift) as usize;
        self.stages.push(stage);
        Ok(true)
    }

    /// The byte offsets of each fix's start and end, for the fixes in `order`.
    fn byte_offsets(&self, fixes: &[Replacement<'_>], order: &[usize]) -> Vec<(usize, usize)> {
        let at = self.bytes_at(&order.iter().flat_map(|&i| [fixes[i].start, fixes[i].end]).collect::<Vec<_>>());
        at.chunks(2).map(|pair| (pair[0], pair[1])).collect()
    }

    /// The byte offset of each code-point position (at most the text's length), in one walk.
    fn bytes_at(&self, positions: &[usize]) -> Vec<usize> {
        let mut wanted = positions.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut at = Vec::with_capacity(wanted.len());
        let (mut byte, mut point) = (0, 0);
        for &position in &wanted {
            while point < position {
                byte += decode_at(&self.text, byte).map_or(1, |(_, width)| width);
                point += 1;
            }
            at.push(byte);
        }
        positions.iter().map(|position| at[wanted.binary_search(position).unwrap_or_default()]).collect()
    }
}

/// `boilerplate kept: “…”` for a removal of `span`: its first [`KEPT_QUOTE`] code points without
/// the whitespace around it (Python's `span.strip()[:40]`).
fn kept_message(span: &[u8]) -> Vec<u8> {
    let points: Vec<(usize, u32)> = CodePoints::new(span).collect();
    let mut message = "boilerplate kept: “".as_bytes().to_vec();
    if let Some(first) = points.iter().position(|&(_, p)| !is_space(p)) {
        let last = points.iter().rposition(|&(_, p)| !is_space(p)).unwrap_or(first);
        let end = (last + 1).min(first + KEPT_QUOTE);
        let byte_end = points.get(end).map_or(span.len(), |&(at, _)| at);
        message.extend_from_slice(&span[points[first].0..byte_end]);
    }
    message.extend_from_slice("”".as_bytes());
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: usize, end: usize, after: &str) -> Replacement<'_> {
        Replacement { start, end, after: after.as_bytes() }
    }

    fn text(run: &Run) -> &str {
        std::str::from_utf8(run.text()).unwrap()
    }

    #[test]
    fn applies_fixes_in_order_of_position() {
        let mut run = Run::new("甲乙丙丁".as_bytes().to_vec());
        assert!(run.apply(0, &[fix(3, 4, "四"), fix(0, 1, "一")]).unwrap());
        assert_eq!(text(&run), "一乙丙四");
        assert_eq!(run.edits().starts, vec![0, 3]);
        assert_eq!(run.edits().after(1), "四".as_bytes());
        assert_eq!(run.length(), 4);
    }

    #[test]
    fn drops_fixes_that_change_nothing_and_later_overlaps() {
        let mut run = Run::new("甲乙丙".as_bytes().to_vec());
        assert!(!run.apply(0, &[fix(1, 2, "乙")]).unwrap());
        // the no-op drops out first, so the overlap it would have blocked is kept
        assert!(run.apply(0, &[fix(0, 2, "甲乙"), fix(1, 3, ""), fix(2, 3, "x")]).unwrap());
        assert_eq!(text(&run), "甲");
        assert_eq!(run.edits().len(), 1);
    }

    #[test]
    fn equal_spans_keep_the_one_found_first() {
        let mut run = Run::new(b"abc".to_vec());
        run.apply(0, &[fix(1, 2, "X"), fix(1, 2, "Y")]).unwrap();
        assert_eq!(text(&run), "aXc");
    }

    #[test]
    fn insertions_at_one_place_all_count() {
        let mut run = Run::new(b"ab".to_vec());
        run.apply(0, &[fix(1, 1, "x"), fix(1, 1, "y")]).unwrap();
        assert_eq!(text(&run), "axyb");
    }

    #[test]
    fn maps_spans_back_through_every_stage() {
        // "&nbsp;" → " " then the space removed: the second edit's raw span is the whole entity
        let mut run = Run::new("甲&nbsp;乙".as_bytes().to_vec());
        run.apply(0, &[fix(1, 7, " ")]).unwrap();
        run.apply(1, &[fix(1, 2, "")]).unwrap();
        assert_eq!(text(&run), "甲乙");
        let edits = run.edits();
        assert_eq!((edits.raw_starts[1], edits.raw_ends[1]), (1, 7));
        assert_eq!(run.raw_offsets(&[0, 1, 2]), vec![0, 7, 8]);
    }

    #[test]
    fn maps_around_insertions_and_deletions() {
        let mut run = Run::new(b"abcdef".to_vec());
        run.apply(0, &[fix(1, 3, ""), fix(4, 4, "XY")]).unwrap(); // "adXYef"
        assert_eq!(text(&run), "adXYef");
        assert_eq!(run.raw_offsets(&[0, 1, 2, 3, 4, 5, 6]), vec![0, 3, 4, 4, 4, 5, 6]);
        run.apply(1, &[fix(2, 4, "")]).unwrap();
        assert_eq!((run.edits().raw_starts[2], run.edits().raw_ends[2]), (4, 4));
    }

    #[test]
    fn refuses_a_span_outside_the_text() {
        let mut run = Run::new(b"ab".to_vec());
        assert_eq!(run.apply(0, &[fix(1, 3, "")]), Err(BadSpan { start: 1, end: 3, length: 2 }));
        assert_eq!(run.apply(0, &[fix(2, 1, "")]).unwrap_err().length, 2);
        assert_eq!(text(&run), "ab");
    }

    fn found(start: usize, end: usize, text: &str, flag: bool) -> Found {
        Found { start, end, text: text.as_bytes().to_vec(), flag }
    }

    #[test]
    fn flags_are_noted_in_order_at_their_raw_offsets() {
        let mut run = Run::new("甲&nbsp;乙。。。".as_bytes().to_vec());
        run.apply(0, &[fix(1, 7, "")]).unwrap(); // "甲乙。。。"
        let applied = run.apply_found(1, &[found(2, 5, "……", false), found(1, 2, "a flag", true)], false).unwrap();
        assert!(applied.changed);
        assert_eq!(applied.flags, vec![(7, b"a flag".to_vec())]);
        assert_eq!(applied.brought, vec!['…' as u32]);
        assert_eq!(text(&run), "甲乙……");
    }

    #[test]
    fn kept_boilerplate_is_a_flag_quoting_what_would_go() {
        let mut run = Run::new("正文\n  当前位置：首页 > 范文  \n正文".as_bytes().to_vec());
        let quote = "x".repeat(50);
        let applied = run.apply_found(0, &[found(2, 17, "", false), found(0, 0, "first", true)], true).unwrap();
        assert!(!applied.changed);
        assert_eq!(applied.flags[0], (2, "boilerplate kept: “当前位置：首页 > 范文”".as_bytes().to_vec()));
        assert_eq!(applied.flags[1].1, b"first");
        let mut long = Run::new(format!(" {quote} ").into_bytes());
        let applied = long.apply_found(0, &[found(0, 52, "", false)], true).unwrap();
        assert_eq!(applied.flags[0].1, format!("boilerplate kept: “{}”", &quote[..40]).into_bytes());
        let mut blank = Run::new(b"  ".to_vec());
        assert_eq!(blank.apply_found(0, &[found(0, 2, "", false)], true).unwrap().flags[0].1, "boilerplate kept: “”".as_bytes());
    }

    #[test]
    fn layout_drops_the_lines_python_strips_to_nothing() {
        assert_eq!(layout(b""), b"");
        assert_eq!(layout(b"\n\n"), b"");
        assert_eq!(layout("甲\r\n\u{1c}\n\u{85}\n乙".as_bytes()), "甲\r\n乙".as_bytes()); // \r stays in a kept line
        assert_eq!(layout(b"\xff\n \n\xed\xa0\x80"), b"\xff\n\xed\xa0\x80"); // malformed and surrogate points are ink
    }

    #[test]
    fn reads_surrogates_and_malformed_bytes_as_one_point_each() {
        let mut run = Run::new(b"a\xed\xa0\x80\xffb".to_vec());
        assert_eq!(run.length(), 4);
        run.apply(0, &[fix(3, 4, "c")]).unwrap();
        assert_eq!(run.text(), b"a\xed\xa0\x80\xffc");
    }
}
