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
    let mut out = text.to_vec();
    lay_out(&mut out);
    out
}

/// [`layout`] in place: the kept lines are moved down over the dropped ones.
pub fn lay_out(text: &mut Vec<u8>) {
    let (mut read, mut write) = (0, 0);
    while read <= text.len() {
        let end = memchr::memchr(b'\n', &text[read..]).map_or(text.len(), |offset| read + offset);
        let line = &text[read..end];
        let ink = match line.first() {
            None => false,
            // no space's UTF-8 opens with another byte: a line opening so opens with ink
            Some(&byte) if !may_open_space(byte) => true,
            Some(_) => CodePoints::new(line).any(|(_, point)| !is_space(point)),
        };
        if ink {
            if write > 0 {
                text[write] = b'\n';
                write += 1;
            }
            if write != read {
                text.copy_within(read..end, write);
            }
            write += end - read;
        }
        read = end + 1;
    }
    text.truncate(write);
}

/// Whether `byte` can open the UTF-8 of a space (`str.isspace`): ASCII's, and the leads of
/// U+0085 and U+00A0, U+1680, U+2000–U+205F and U+3000 (a test reads them off the table).
fn may_open_space(byte: u8) -> bool {
    matches!(byte, 0x09..=0x0D | 0x1C..=0x20 | 0xC2 | 0xE1..=0xE3)
}

/// A replacement of the code points `start..end` of the current text by `after` (UTF-8, or
/// WTF-8 when it holds a lone surrogate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement<'a> {
    pub start: usize,
    pub end: usize,
    pub after: &'a [u8],
}

/// What a rule found: a fix (its text replaces the span) or a flag (its text is the message), in
/// code-point offsets of the text the rule read. `text` indexes [`Findings::texts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub text: u32,
    pub flag: bool,
}

/// Everything a rule found, in order, each distinct text held once (a rule on a huge piece finds
/// hundreds of thousands of places, and writes a handful of different replacements).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Findings {
    pub found: Vec<Found>,
    pub texts: Vec<Vec<u8>>,
    known: std::collections::HashMap<Vec<u8>, u32>,
}

impl Findings {
    /// Add a finding whose text is `text` (shared with the findings that have the same text).
    pub fn push(&mut self, start: usize, end: usize, text: &[u8], flag: bool) {
        let index = match self.known.get(text) {
            Some(&index) => index,
            None => {
                let index = self.add_text(text.to_vec());
                if text.len() <= SHARED_TEXT {
                    self.known.insert(text.to_vec(), index);
                }
                index
            }
        };
        self.found.push(Found { start, end, text: index, flag });
    }

    /// Add a text to the table (not looked up: the caller shares it), and its index.
    pub fn add_text(&mut self, text: Vec<u8>) -> u32 {
        self.texts.push(text);
        u32::try_from(self.texts.len() - 1).expect("fewer distinct texts than findings, and those fit a column")
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
}

/// Texts up to this many bytes are looked up and held once; longer ones (messages quoting the
/// text) are each their own.
const SHARED_TEXT: usize = 24;

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
/// it starts (a rule's bug, never the input's), or a text too long for the 32-bit columns
/// (over 4,294,967,295 code points).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    BadSpan { start: usize, end: usize, length: usize },
    TooLong { length: usize },
}

impl std::fmt::Display for Refused {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::BadSpan { start, end, length } => {
                write!(formatter, "a fix of {start}..{end} in a text of {length} code points")
            }
            Refused::TooLong { length } => write!(formatter, "a text of {length} code points, over the 32-bit limit"),
        }
    }
}

/// A position in a column: 32 bits, a quarter of the memory of a huge piece's edits.
type Column = Vec<u32>;

fn narrow(value: usize) -> u32 {
    u32::try_from(value).expect("lengths are checked against u32 before any column is written")
}

/// Every edit of a piece, as columns (a huge piece has hundreds of thousands).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edits {
    /// The rule of each edit, an index into the names given to [`Run::apply`]'s callers.
    pub rules: Vec<u16>,
    pub starts: Column,
    pub ends: Column,
    pub raw_starts: Column,
    pub raw_ends: Column,
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
/// rule's input became `out_starts[i]..out_ends[i]` of its output, so every character after
/// it moved by `out_ends[i] - in_ends[i]`.
#[derive(Clone, Debug, Default)]
struct Stage {
    out_starts: Column,
    out_ends: Column,
    in_starts: Column,
    in_ends: Column,
}

impl Stage {
    /// Where output character `position` begins (`start`) or ends in the input: a character a
    /// fix wrote comes from the whole span that fix replaced.
    fn char(&self, position: usize, start: bool) -> usize {
        // the last fix whose output starts at or before `position`
        let index = self.out_starts.partition_point(|&out| out as usize <= position);
        if index > 0 && position < self.out_ends[index - 1] as usize {
            return if start { self.in_starts[index - 1] } else { self.in_ends[index - 1] } as usize;
        }
        // out_ends rise with out_starts: the last fix starting at or before `position` ends there too
        let shift = if index > 0 { i64::from(self.out_ends[index - 1]) - i64::from(self.in_ends[index - 1]) } else { 0 };
        (position as i64 - shift) as usize + usize::from(!start)
    }

    /// The input span `[start, end)` of the output came from: the smallest one that holds every
    /// input character its characters came from.
    fn back(&self, start: usize, end: usize) -> (usize, usize) {
        let low = self.char(start, true);
        (low, if end == start { low } else { self.char(end - 1, false) })
    }
}

/// A piece's text as the rules leave it, with their edits and stages. The text is what the
/// binding hands over (UTF-8, or WTF-8 for lone surrogates); bytes that are neither are read one
/// code point each by the scans but not by [`count`] (a stray continuation byte), so offsets into
/// such a text would drift: the binding never makes one.
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
    /// Whether `text` is known to be UTF-8 (no lone surrogate, no malformed byte): then a code
    /// point starts at every byte that is not a continuation byte, which `bytes_at` counts fast.
    utf8: bool,
    length: usize,
    stages: Vec<Stage>,
    edits: Edits,
    /// The fixes the last apply made (see [`Run::last_splices`]).
    last: Option<Vec<Splice>>,
}

/// One fix an apply made: the span it replaced of the text before it, in code points and in
/// bytes, and how many code points and bytes it wrote there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub written: usize,
    pub written_bytes: usize,
}

/// An apply that makes more fixes than this does not list them (see [`Run::last_splices`]).
const LAST_SPLICES: usize = 4096;

impl Run {
    /// A run over the raw body `raw`, which no rule has touched yet.
    pub fn new(raw: Vec<u8>) -> Run {
        let utf8 = crate::text::is_utf8(&raw);
        Run::vouched(raw, utf8)
    }

    /// [`Run::new`] for a caller that knows whether `raw` is UTF-8 (the binding, from how Python
    /// encoded the `str`), which is not checked again. Told UTF-8 of a text that is not, the run
    /// reads its offsets as [`count`] does, which such a text makes drift (see [`Run`]).
    pub fn vouched(raw: Vec<u8>, utf8: bool) -> Run {
        let length = count(&raw);
        Run { text: raw, utf8, length, stages: Vec::new(), edits: Edits::default(), last: None }
    }

    /// The text as the rules so far have left it.
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// Lay the text out ([`lay_out`]): the run's last step.
    pub fn lay_out(&mut self) {
        lay_out(&mut self.text);
        self.last = None;
        self.length = count(&self.text);
        self.utf8 = false; // not read again: the slow count is right whatever the layout left
    }

    /// Take the text out (a huge piece's, while a rule written in Python reads it as a `str`), to
    /// be [`Run::restore`]d before the run goes on; until then [`Run::text`] is empty.
    pub fn lend(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.text)
    }

    /// Put back the text [`Run::lend`] took out (the same text: its length is checked).
    pub fn restore(&mut self, text: Vec<u8>) -> Result<(), Refused> {
        if count(&text) != self.length {
            return Err(Refused::BadSpan { start: 0, end: count(&text), length: self.length });
        }
        self.utf8 = crate::text::is_utf8(&text);
        self.text = text;
        Ok(())
    }

    /// How many code points the text holds.
    pub fn length(&self) -> usize {
        self.length
    }

    /// The fixes the last [`Run::apply`] or [`Run::apply_found`] made, in order (none when it
    /// changed nothing), so that a scan of the text before it can be brought up to date;
    /// `None` when the run does not know them (no apply yet, more than 4,096 fixes, or the
    /// text laid out).
    pub fn last_splices(&self) -> Option<&[Splice]> {
        self.last.as_deref()
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
    pub fn apply_found(&mut self, rule: u16, findings: &Findings, keep: bool) -> Result<Applied, Refused> {
        let (found, texts) = (&findings.found, &findings.texts);
        if let Some(bad) = found.iter().find(|f| f.start > f.end || f.end > self.length || f.text as usize >= texts.len()) {
            return Err(Refused::BadSpan { start: bad.start, end: bad.end, length: self.length });
        }
        let kept: Vec<usize> = if keep {
            self.bytes_at(&found.iter().filter(|f| !f.flag).flat_map(|f| [f.start, f.end]).collect::<Vec<_>>())
        } else {
            Vec::new()
        };
        let mut kept = kept.chunks(2);
        let mut flags = Vec::new();
        let mut fixes: Vec<u32> = Vec::new(); // the findings that are fixes
        for (index, item) in found.iter().enumerate() {
            if item.flag {
                flags.push((item.start, texts[item.text as usize].clone()));
            } else if let Some(&[start, end]) = kept.next() {
                flags.push((item.start, kept_message(&self.text[start..end])));
            } else {
                fixes.push(u32::try_from(index).map_err(|_| Refused::TooLong { length: found.len() })?);
            }
        }
        let at: Vec<usize> = flags.iter().map(|(start, _)| *start).collect();
        let flags = self.raw_offsets(&at).into_iter().zip(flags).map(|(offset, (_, message))| (offset, message)).collect();
        let first = self.edits.afters.len();
        let changed = self.apply_with(rule, fixes.len(), |i| {
            let fix = found[fixes[i] as usize];
            (fix.start, fix.end, texts[fix.text as usize].as_slice())
        })?;
        let brought = if changed { crate::rare::characters(&self.edits.afters[first..]) } else { Vec::new() };
        Ok(Applied { changed, brought, flags })
    }

    /// Apply one rule's fixes (given in the order the rule found them) and record them as
    /// edits of rule `rule`: a fix that changes nothing is dropped, the rest are taken in
    /// order of (start, end), and of overlapping ones the first is kept. Whether the text
    /// changed.
    pub fn apply(&mut self, rule: u16, fixes: &[Replacement<'_>]) -> Result<bool, Refused> {
        self.apply_with(rule, fixes.len(), |i| (fixes[i].start, fixes[i].end, fixes[i].after))
    }

    /// [`Run::apply`] of `number` fixes, fix `i` being `fix(i)`: (start, end, replacement).
    fn apply_with<'a>(
        &mut self,
        rule: u16,
        number: usize,
        fix: impl Fn(usize) -> (usize, usize, &'a [u8]),
    ) -> Result<bool, Refused> {
        let mut written = 0;
        for i in 0..number {
            let (start, end, after) = fix(i);
            if start > end || end > self.length {
                return Err(Refused::BadSpan { start, end, length: self.length });
            }
            written += count(after);
        }
        if self.length + written > u32::MAX as usize || number > u32::MAX as usize {
            return Err(Refused::TooLong { length: self.length + written });
        }
        let mut order: Vec<u32> = (0..narrow(number)).collect();
        order.sort_by_key(|&i| (fix(i as usize).0, fix(i as usize).1)); // stable: ties stay in finding order
        let bytes = self.bytes_at(&order.iter().flat_map(|&i| [fix(i as usize).0, fix(i as usize).1]).collect::<Vec<_>>());
        let mut kept: Vec<u32> = Vec::new(); // places in `order` of the fixes applied
        let mut last_end = None;
        for (place, &i) in order.iter().enumerate() {
            let (start, end, after) = fix(i as usize);
            if last_end.is_some_and(|last| start < last) || self.text[bytes[2 * place]..bytes[2 * place + 1]] == *after {
                continue;
            }
            last_end = Some(end);
            kept.push(narrow(place));
        }
        if kept.is_empty() {
            self.last = Some(Vec::new());
            return Ok(false);
        }
        let applied = |k: &u32| {
            let place = *k as usize;
            let (start, end, after) = fix(order[place] as usize);
            (start, end, bytes[2 * place], bytes[2 * place + 1], after)
        };
        self.last = (kept.len() <= LAST_SPLICES).then(|| {
            kept.iter()
                .map(applied)
                .map(|(start, end, byte_start, byte_end, after)| Splice {
                    start,
                    end,
                    byte_start,
                    byte_end,
                    written: count(after),
                    written_bytes: after.len(),
                })
                .collect()
        });
        self.record(rule, kept.iter().map(applied), kept.len());
        self.splice(kept.iter().map(applied));
        Ok(true)
    }

    /// Record applied fixes (start, end, byte start, byte end, replacement) as edits and a stage.
    fn record<'a>(&mut self, rule: u16, fixes: impl Iterator<Item = (usize, usize, usize, usize, &'a [u8])>, number: usize) {
        let mut stage = Stage::default();
        for column in [&mut stage.out_starts, &mut stage.out_ends, &mut stage.in_starts, &mut stage.in_ends] {
            column.reserve_exact(number);
        }
        let edits = &mut self.edits;
        for column in [&mut edits.starts, &mut edits.ends, &mut edits.raw_starts, &mut edits.raw_ends] {
            column.reserve_exact(number);
        }
        edits.rules.reserve_exact(number);
        edits.after_ends.reserve_exact(number);
        let mut shift = 0i64;
        for (start, end, _, _, after) in fixes {
            let (raw_start, raw_end) = self.stages.iter().rev().fold((start, end), |(s, e), stage| stage.back(s, e));
            let written = count(after);
            let edits = &mut self.edits;
            edits.rules.push(rule);
            edits.starts.push(narrow(start));
            edits.ends.push(narrow(end));
            edits.raw_starts.push(narrow(raw_start));
            edits.raw_ends.push(narrow(raw_end));
            edits.afters.extend_from_slice(after);
            edits.after_ends.push(edits.afters.len());
            let out_start = (start as i64 + shift) as usize;
            shift += written as i64 - (end - start) as i64;
            stage.out_starts.push(narrow(out_start));
            stage.out_ends.push(narrow(out_start + written));
            stage.in_starts.push(narrow(start));
            stage.in_ends.push(narrow(end));
        }
        self.length = (self.length as i64 + shift) as usize;
        self.stages.push(stage);
    }

    /// Splice applied fixes (sorted, apart) into the text: in place when no fix writes past the
    /// text it has read so far (removals and same-width replacements, the most common), else
    /// into a new buffer.
    fn splice<'a>(&mut self, fixes: impl Iterator<Item = (usize, usize, usize, usize, &'a [u8])> + Clone) {
        // a fix cuts the text where code points start (bytes_at) and writes whole ones if its
        // replacement is UTF-8, so UTF-8 stays UTF-8
        self.utf8 &= fixes.clone().all(|(_, _, _, _, after)| std::str::from_utf8(after).is_ok());
        let mut growth = 0i64;
        let in_place = fixes.clone().all(|(_, _, byte_start, byte_end, after)| {
            growth += after.len() as i64 - (byte_end - byte_start) as i64;
            growth <= 0
        });
        let longer: usize = fixes.clone().map(|(_, _, start, end, after)| after.len().saturating_sub(end - start)).sum();
        if in_place {
            let (mut read, mut write) = (0, 0);
            for (_, _, byte_start, byte_end, after) in fixes {
                self.text.copy_within(read..byte_start, write);
                write += byte_start - read;
                self.text[write..write + after.len()].copy_from_slice(after);
                write += after.len();
                read = byte_end;
            }
            let end = self.text.len();
            self.text.copy_within(read..end, write);
            self.text.truncate(write + end - read);
            return;
        }
        let mut text = Vec::with_capacity(self.text.len() + longer);
        let mut cursor = 0;
        for (_, _, byte_start, byte_end, after) in fixes {
            text.extend_from_slice(&self.text[cursor..byte_start]);
            text.extend_from_slice(after);
            cursor = byte_end;
        }
        text.extend_from_slice(&self.text[cursor..]);
        self.text = text;
    }

    /// The byte offset of each code-point position (at most the text's length), in one walk.
    fn bytes_at(&self, positions: &[usize]) -> Vec<usize> {
        if self.utf8 {
            bytes_at_counting(&self.text, positions)
        } else {
            bytes_at_decoding(&self.text, positions)
        }
    }
}

/// [`Run::bytes_at`] in any text: a walk decoding each code point (a malformed byte is one).
fn bytes_at_decoding(text: &[u8], positions: &[usize]) -> Vec<usize> {
    let (mut byte, mut point) = (0, 0);
    in_one_walk(positions, |position| {
        while point < position {
            byte += decode_at(text, byte).map_or(1, |(_, width)| width);
            point += 1;
        }
        byte
    })
}

/// [`Run::bytes_at`] in UTF-8, where a code point starts at each byte that is not a continuation
/// byte: whole blocks of bytes are counted at once ([`count`]) and only the last is walked.
fn bytes_at_counting(text: &[u8], positions: &[usize]) -> Vec<usize> {
    const BLOCK: usize = 64;
    // `point` code points start before byte `byte` (which may be inside one)
    let (mut byte, mut point) = (0, 0);
    in_one_walk(positions, |position| {
        while position.saturating_sub(point) > BLOCK && byte + BLOCK <= text.len() {
            point += count(&text[byte..byte + BLOCK]);
            byte += BLOCK;
        }
        loop {
            match text.get(byte) {
                None => break,
                Some(&lead) if (lead as i8) < -0x40 => byte += 1, // a continuation byte
                Some(_) if point == position => break,
                Some(_) => {
                    byte += 1;
                    point += 1;
                }
            }
        }
        byte
    })
}

/// The byte of each position, `walk` asked for each distinct one once, in rising order.
fn in_one_walk(positions: &[usize], mut walk: impl FnMut(usize) -> usize) -> Vec<usize> {
    let mut wanted = positions.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let at: Vec<usize> = wanted.iter().map(|&position| walk(position)).collect();
    positions.iter().map(|position| at[wanted.binary_search(position).unwrap_or_default()]).collect()
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
    use crate::spacing::samples;

    /// Counting bytes finds the code points' bytes that decoding them one by one finds, in any
    /// UTF-8 text: every string of up to 5 characters of 1, 2, 3 and 4 bytes, each repeated up to
    /// 70 times so that whole blocks are skipped, at every position.
    #[test]
    fn bytes_at_counting_agrees_with_decoding() {
        let alphabet = ["a", "é", "甲", "😀", "\n"];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(longer);
        }
        for base in &strings {
            for repeat in [1, 13, 70] {
                let text = base.repeat(repeat);
                let length = text.chars().count();
                let all: Vec<usize> = (0..=length).collect();
                assert_eq!(bytes_at_counting(text.as_bytes(), &all), bytes_at_decoding(text.as_bytes(), &all), "{text:?}");
                let some: Vec<usize> = all.iter().rev().step_by(7).copied().collect();
                assert_eq!(bytes_at_counting(text.as_bytes(), &some), bytes_at_decoding(text.as_bytes(), &some));
            }
        }
    }

    /// A run knows when its text stops being UTF-8 (a lone surrogate written in, or given), and
    /// then finds bytes by decoding.
    #[test]
    fn a_run_reads_wtf8_by_decoding() {
        let surrogate = [0xED, 0xA0, 0x80];
        let mut run = Run::new("甲。。。乙".repeat(30).into_bytes());
        assert!(run.utf8);
        run.apply(0, &[Replacement { start: 1, end: 4, after: &surrogate }]).unwrap();
        assert!(!run.utf8);
        let mut raw = "甲".repeat(40).into_bytes();
        raw.extend_from_slice(&surrogate);
        raw.extend("乙。。。".repeat(30).into_bytes());
        let mut run = Run::new(raw);
        assert!(!run.utf8);
        run.apply(0, &[Replacement { start: 42, end: 45, after: "……".as_bytes() }]).unwrap();
        assert_eq!(&run.text()[126..132], "……".as_bytes());
    }

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
    fn splices_in_place_or_into_a_new_buffer_alike() {
        // shrink then grow within what was read: in place; grow first: a new buffer
        for (fixes, expected) in [
            (vec![fix(0, 2, ""), fix(3, 4, "長長")], "c長長e"),
            (vec![fix(0, 0, "xyz"), fix(1, 2, "")], "xyzacde"),
            (vec![fix(0, 1, "é"), fix(1, 2, "")], "écde"),
            (vec![fix(4, 5, "")], "abcd"),
        ] {
            let mut run = Run::new(b"abcde".to_vec());
            run.apply(0, &fixes).unwrap();
            assert_eq!(text(&run), expected);
            assert_eq!(run.length(), expected.chars().count());
        }
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
        assert_eq!(run.apply(0, &[fix(1, 3, "")]), Err(Refused::BadSpan { start: 1, end: 3, length: 2 }));
        assert!(matches!(run.apply(0, &[fix(2, 1, "")]), Err(Refused::BadSpan { length: 2, .. })));
        assert_eq!(text(&run), "ab");
    }

    fn findings(found: &[(usize, usize, &str, bool)]) -> Findings {
        let mut findings = Findings::default();
        for &(start, end, text, flag) in found {
            findings.push(start, end, text.as_bytes(), flag);
        }
        findings
    }

    #[test]
    fn flags_are_noted_in_order_at_their_raw_offsets() {
        let mut run = Run::new("甲&nbsp;乙。。。".as_bytes().to_vec());
        run.apply(0, &[fix(1, 7, "")]).unwrap(); // "甲乙。。。"
        let applied = run.apply_found(1, &findings(&[(2, 5, "……", false), (1, 2, "a flag", true)]), false).unwrap();
        assert!(applied.changed);
        assert_eq!(applied.flags, vec![(7, b"a flag".to_vec())]);
        assert_eq!(applied.brought, vec!['…' as u32]);
        assert_eq!(text(&run), "甲乙……");
    }

    #[test]
    fn findings_share_short_texts_and_refuse_a_missing_one() {
        let shared = findings(&[(1, 2, "，", false), (3, 4, "，", false), (4, 5, "a message", true)]);
        assert_eq!(shared.texts.len(), 2);
        let mut run = Run::new(b"a,b,c".to_vec());
        let mut broken = shared.clone();
        broken.found[0].text = 7;
        assert!(matches!(run.apply_found(0, &broken, false), Err(Refused::BadSpan { .. })));
        assert!(run.apply_found(0, &shared, false).unwrap().changed);
        assert_eq!(text(&run), "a，b，c");
    }

    #[test]
    fn kept_boilerplate_is_a_flag_quoting_what_would_go() {
        let mut run = Run::new("正文\n  当前位置：首页 > 范文  \n正文".as_bytes().to_vec());
        let quote = "x".repeat(50);
        let applied = run.apply_found(0, &findings(&[(2, 17, "", false), (0, 0, "first", true)]), true).unwrap();
        assert!(!applied.changed);
        assert_eq!(applied.flags[0], (2, "boilerplate kept: “当前位置：首页 > 范文”".as_bytes().to_vec()));
        assert_eq!(applied.flags[1].1, b"first");
        let mut long = Run::new(format!(" {quote} ").into_bytes());
        let applied = long.apply_found(0, &findings(&[(0, 52, "", false)]), true).unwrap();
        assert_eq!(applied.flags[0].1, format!("boilerplate kept: “{}”", &quote[..40]).into_bytes());
        let mut blank = Run::new(b"  ".to_vec());
        assert_eq!(blank.apply_found(0, &findings(&[(0, 2, "", false)]), true).unwrap().flags[0].1, "boilerplate kept: “”".as_bytes());
    }

    #[test]
    fn layout_reads_a_line_as_reading_every_code_point() {
        for point in (0..0x110000).filter(|&point| is_space(point)) {
            let c = char::from_u32(point).unwrap();
            assert!(may_open_space(c.encode_utf8(&mut [0; 4]).as_bytes()[0]), "{point:x}");
        }
        // the layout as it was: every line read for a code point that is no space, moved down
        let slow = |text: &[u8]| -> Vec<u8> {
            let lines: Vec<&[u8]> = text.split(|&byte| byte == b'\n').collect();
            let kept: Vec<&[u8]> =
                lines.into_iter().filter(|line| CodePoints::new(line).any(|(_, point)| !is_space(point))).collect();
            kept.join(&b'\n')
        };
        let alphabet: &[&[u8]] = &[
            b"\n", b" ", b"\t", b"\x1c", "\u{3000}".as_bytes(), "\u{85}".as_bytes(), "\u{a0}".as_bytes(),
            "\u{2028}".as_bytes(), "甲".as_bytes(), "、".as_bytes(), "“".as_bytes(), b"a", b"\xff", b"\xe3\x80",
            b"\xed\xa0\x80",
        ];
        for text in samples::every(alphabet, 5).iter().chain(&samples::random(alphabet, 100, 3000, 41)) {
            assert_eq!(layout(text), slow(text), "{:?}", String::from_utf8_lossy(text));
        }
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
