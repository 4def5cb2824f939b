//! The boilerplate rules' shared scans (`rules/boilerplate.py`): the trigger words that
//! tell which lines a rule's full pattern is worth running on, and the script fold that
//! lets patterns written in simplified script match traditional text.
//!
//! Every boilerplate rule starts from one scan: [`Triggers::lines`] runs one Aho-Corasick
//! automaton over all the families' trigger words (offers, chrome, footers …) and reports,
//! per family, the lines that hold one of its words. The words themselves are the rules'
//! own (`patterns.TRIGGERS`, beside the patterns they gate) and are handed in once.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use memchr::{memchr, memrchr};

use crate::text::{push_point, CodePoints};

/// The most families a [`Triggers`] scan tells apart (one bit each).
pub const MAX_FAMILIES: usize = 64;

/// Each family's lines, as (start, end) spans.
pub(crate) type Spans = Vec<Vec<(usize, usize)>>;

/// One automaton over the trigger words of every family.
#[derive(Clone, Debug)]
pub struct Triggers {
    automaton: AhoCorasick,
    /// For each word, the families it belongs to, one bit per family.
    families: Vec<u64>,
    count: usize,
    /// The byte-level prefilter that finds the same matches as `automaton` (`None` when the
    /// words repeat one another, where the automaton's choice between twins is its own).
    finder: Option<Finder>,
    /// Whether no word holds a newline: then whether a line is one of a family's depends on
    /// that line alone (a match never reaches into it from the line before).
    line_local: bool,
}

impl Triggers {
    /// An automaton over `words`, each with the families it triggers (bit `i` is family
    /// `i`, below `families`). Words are matched as the stdlib engine matches their
    /// alternation grouped by first character and sorted longest first: left to right,
    /// the longest word at each place, each match resuming where the last ended.
    pub fn new<S: AsRef<str>>(words: &[(S, u64)], families: usize) -> Result<Triggers, String> {
        if families > MAX_FAMILIES {
            return Err(format!("at most {MAX_FAMILIES} trigger families, not {families}"));
        }
        let limit = if families == MAX_FAMILIES { u64::MAX } else { (1u64 << families) - 1 };
        if let Some((word, _)) = words.iter().find(|(word, mask)| *mask & !limit != 0 || word.as_ref().is_empty()) {
            return Err(format!("trigger word {:?} is empty or names an unknown family", word.as_ref()));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(words.iter().map(|(word, _)| word.as_ref()))
            .map_err(|error| error.to_string())?;
        let finder = Finder::new(words.iter().map(|(word, _)| word.as_ref().as_bytes()));
        let line_local = words.iter().all(|(word, _)| !word.as_ref().contains('\n'));
        Ok(Triggers { automaton, families: words.iter().map(|&(_, mask)| mask).collect(), count: families, finder, line_local })
    }

    /// For each family, the (start, end) code-point spans of the lines of `text` (without
    /// their newline) that hold one of its words, in order, each line once.
    ///
    /// ```
    /// use cutter_core::boilerplate::Triggers;
    /// let triggers = Triggers::new(&[("以下", 0b01), ("扩展阅读", 0b10), ("以下是", 0b11)], 2).unwrap();
    /// let lines = triggers.lines("正文。\n以下是范文\n扩展阅读 以下".as_bytes());
    /// assert_eq!(lines, vec![vec![(4, 9), (10, 17)], vec![(4, 9), (10, 17)]]);
    /// ```
    pub fn lines(&self, text: &[u8]) -> Vec<Vec<(usize, usize)>> {
        self.lines_and_bytes(text).0
    }

    /// [`Triggers::lines`], and each line's (start, end) in bytes beside it (its end is its
    /// newline or the text's end).
    pub(crate) fn lines_and_bytes(&self, text: &[u8]) -> (Spans, Spans) {
        self.lines_unless(text, |_, _| false).unwrap_or_default()
    }

    /// [`Triggers::lines_and_bytes`], or `None` when `stop(at, next)` says so at a byte of
    /// `text` that may open a character (see [`any_opening`]), which it is asked at each.
    #[inline(always)]
    pub(crate) fn lines_unless(&self, text: &[u8], mut stop: impl FnMut(usize, u64) -> bool) -> Option<(Spans, Spans)> {
        self.lines_with(text, |hit| match &self.finder {
            Some(finder) => finder.each_unless(text, hit, stop),
            None => {
                if any_opening(text, &mut stop) {
                    return false;
                }
                for m in self.automaton.find_iter(text) {
                    hit(m.start(), m.pattern().as_usize());
                }
                true
            }
        })
    }

    /// [`Triggers::lines_and_bytes`] of a text whose places where a word of 6 bytes or more
    /// may start are `places` (in order, each a character's first byte; every place where
    /// one of those words starts among them, other places allowed: see
    /// [`Triggers::long_openings`]), or `None` when there is no prefilter (the words repeat
    /// one another): then read the whole text with [`Triggers::lines_and_bytes`].
    pub(crate) fn lines_at(&self, text: &[u8], places: Vec<usize>) -> Option<(Spans, Spans)> {
        let finder = self.finder.as_ref()?;
        self.lines_with(text, |hit| {
            finder.each_at(text, places, hit);
            true
        })
    }

    /// Whether no trigger word holds a newline, so that a text's lines found by
    /// [`Triggers::lines_and_bytes`] are found in any stretch of whole lines of it alone.
    pub(crate) fn line_local(&self) -> bool {
        self.line_local
    }

    /// The first code point of each word of 6 bytes or more (where a place handed to
    /// [`Triggers::lines_at`] must be one of them, and [`Triggers::long_place`] say yes),
    /// or `None` when there is no prefilter.
    pub(crate) fn long_openings(&self) -> Option<Vec<u32>> {
        let finder = self.finder.as_ref()?;
        let first = |word: &Vec<u8>| std::str::from_utf8(word).ok().and_then(|w| w.chars().next()).map(|c| c as u32);
        Some(finder.words.iter().filter(|word| word.len() >= 6).filter_map(first).collect())
    }

    /// Whether a word of 6 bytes or more may start at byte `at` of `text` (the prefilter's hash
    /// of the 6 bytes from there): `false` where none does.
    #[inline(always)]
    pub(crate) fn long_place(&self, text: &[u8], at: usize) -> bool {
        self.finder.as_ref().is_none_or(|finder| bit(&finder.long, long_hash(window(text, at))) != 0)
    }

    /// Each family's lines (in code points and in bytes) of the words `drive` reports, each
    /// `hit(start, word)` in order, or `None` when it says `false`.
    #[inline(always)]
    fn lines_with(&self, text: &[u8], drive: impl FnOnce(&mut dyn FnMut(usize, usize)) -> bool) -> Option<(Spans, Spans)> {
        let mut found = vec![Vec::new(); self.count];
        let mut bytes = vec![Vec::new(); self.count];
        let mut cursor = Cursor::default();
        let mut line_end = None; // in bytes
        let mut line = (0, 0); // in code points
        let mut line_bytes = (0, 0);
        let mut hit = |start: usize, pattern: usize| {
            if line_end.is_none_or(|end| start > end) {
                // a new line: found once, however many trigger words it holds
                let from = memrchr(b'\n', &text[..start]).map_or(0, |offset| offset + 1);
                let end = memchr(b'\n', &text[start..]).map_or(text.len(), |offset| start + offset);
                line = (cursor.advance(text, from), cursor.advance(text, end));
                line_bytes = (from, end);
                line_end = Some(end);
            }
            let mut families = self.families[pattern];
            while families != 0 {
                let family = families.trailing_zeros() as usize;
                let lines: &mut Vec<(usize, usize)> = &mut found[family];
                if lines.last() != Some(&line) {
                    lines.push(line);
                    bytes[family].push(line_bytes);
                }
                families &= families - 1;
            }
        };
        if !drive(&mut hit) {
            return None;
        }
        Some((found, bytes))
    }

    /// The automaton's own matches (start, end, word), which the prefilter must reproduce.
    #[cfg(test)]
    fn automaton_hits(&self, text: &[u8]) -> Vec<(usize, usize, usize)> {
        self.automaton.find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
    }

    #[cfg(test)]
    fn finder_hits(&self, text: &[u8]) -> Vec<(usize, usize, usize)> {
        let finder = self.finder.as_ref().expect("a finder");
        let mut hits = Vec::new();
        finder.each(text, |start, pattern| hits.push((start, start + finder.words[pattern].len(), pattern)));
        hits
    }
}

/// The trigger words' matches found without running the automaton over every byte. A word of
/// 6 bytes or more can only start where the text's next 6 bytes hash to a bit set in a table
/// of the words' openings: at each byte that may open a character that is one multiply and one
/// load (most places of a Chinese text open no word). A shorter word (`|`, `.cn`, `篇)` …) is
/// looked for by its rarest ASCII byte with `memchr`, or whole with `memmem` (`｜`). Only at those
/// places are the words compared, the longest taken and the scan resumed after it, as the
/// automaton's leftmost-longest search does.
#[derive(Clone, Debug)]
struct Finder {
    words: Vec<Vec<u8>>,
    /// Bits by the hash of the first 6 bytes of the words of 6 bytes or more.
    long: Vec<u64>,
    /// The shorter words with an ASCII byte: (the byte looked for, its offset in the word).
    short: Vec<(u8, usize)>,
    /// The shorter words without one, looked for whole.
    whole: Vec<memchr::memmem::Finder<'static>>,
    /// The words by their bucket (the long hash, or `SHORT` for the shorter words), longest
    /// first, sorted by bucket for a binary search.
    sorted: Vec<(usize, Vec<usize>)>,
    /// Bits by a place's first two bytes (the second 0 past the end): whether a shorter word
    /// may start there.
    short_pairs: Vec<u64>,
}

const LONG_BITS: u32 = 16;
const SHORT: usize = usize::MAX;

#[inline(always)]
fn long_hash(window: u64) -> usize {
    ((window << 16).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LONG_BITS)) as usize
}

#[inline(always)]
fn bit(table: &[u64], index: usize) -> u64 {
    (table[index >> 6] >> (index & 63)) & 1
}

/// The 8 bytes from `at` (zeros past the end) as a little-endian number.
#[inline(always)]
pub(crate) fn window(text: &[u8], at: usize) -> u64 {
    match text.get(at..at + 8) {
        Some(bytes) => u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8])),
        None => {
            let mut bytes = [0u8; 8];
            let rest = &text[at.min(text.len())..];
            bytes[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(bytes)
        }
    }
}

/// The 16 bytes from `at` (zeros past the end) as a little-endian number.
#[inline(always)]
pub(crate) fn window16(text: &[u8], at: usize) -> u128 {
    match text.get(at..at + 16) {
        Some(bytes) => u128::from_le_bytes(bytes.try_into().unwrap_or([0; 16])),
        None => {
            let mut bytes = [0u8; 16];
            let rest = &text[at.min(text.len())..];
            bytes[..rest.len()].copy_from_slice(rest);
            u128::from_le_bytes(bytes)
        }
    }
}

/// [`count`] (the code points of `bytes`: its bytes but the continuation bytes), counted in
/// runs of 255 bytes with a byte counter each, which the compiler runs many bytes at a time.
pub(crate) fn fast_count(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &byte| n + u8::from((byte as i8) >= -64))))
        .sum()
}

/// How common an ASCII byte is in Chinese text (lower: rarer): punctuation, then the rest.
fn commonness(byte: u8) -> u8 {
    u8::from(byte.is_ascii_alphanumeric() || byte.is_ascii_whitespace())
}

/// Per byte of `bytes` (8 of them, little-endian), its high bit set when it is no UTF-8
/// continuation byte.
#[inline(always)]
fn openings(bytes: u64) -> u64 {
    let v = (bytes & 0xC0C0_C0C0_C0C0_C0C0) ^ 0x8080_8080_8080_8080;
    (((v & 0x7F7F_7F7F_7F7F_7F7F) + 0x7F7F_7F7F_7F7F_7F7F) | v) & 0x8080_8080_8080_8080
}

impl Finder {
    fn new<'a>(words: impl Iterator<Item = &'a [u8]>) -> Option<Finder> {
        let words: Vec<Vec<u8>> = words.map(<[u8]>::to_vec).collect();
        let mut sorted: Vec<&Vec<u8>> = words.iter().collect();
        sorted.sort();
        if sorted.windows(2).any(|pair| pair[0] == pair[1]) || words.iter().any(Vec::is_empty) {
            return None;
        }
        let mut finder = Finder {
            words: Vec::new(),
            long: vec![0; 1 << (LONG_BITS - 6)],
            short: Vec::new(),
            whole: Vec::new(),
            sorted: Vec::new(),
            short_pairs: vec![0; 1 << 10],
        };
        let mut buckets: HashMap<usize, Vec<usize>> = HashMap::new();
        for (index, word) in words.iter().enumerate() {
            let bucket = if word.len() >= 6 {
                let hash = long_hash(window(word, 0));
                finder.long[hash >> 6] |= 1 << (hash & 63);
                hash
            } else {
                match (0..word.len()).filter(|&at| word[at] < 0x80).min_by_key(|&at| (commonness(word[at]), at)) {
                    Some(offset) => finder.short.push((word[offset], offset)),
                    None => finder.whole.push(memchr::memmem::Finder::new(word).into_owned()),
                }
                SHORT
            };
            buckets.entry(bucket).or_default().push(index);
        }
        finder.short.sort_unstable();
        finder.short.dedup();
        for bucket in buckets.values_mut() {
            bucket.sort_by_key(|&index| std::cmp::Reverse(words[index].len()));
        }
        finder.sorted = buckets.into_iter().collect();
        finder.sorted.sort_unstable();
        for word in words.iter().filter(|word| word.len() < 6) {
            let seconds = match word.get(1) {
                Some(&second) => second..=second,
                None => 0..=255,
            };
            for second in seconds {
                let pair = (usize::from(word[0]) << 8) | usize::from(second);
                finder.short_pairs[pair >> 6] |= 1 << (pair & 63);
            }
        }
        finder.words = words;
        Some(finder)
    }

    /// The longest word at `at`, if any.
    fn longest_at(&self, text: &[u8], at: usize) -> Option<usize> {
        let rest = &text[at..];
        let first = |bucket: usize| {
            let found = self.sorted.binary_search_by_key(&bucket, |&(b, _)| b).ok()?;
            self.sorted[found].1.iter().copied().find(|&index| rest.starts_with(&self.words[index]))
        };
        let long = if rest.len() >= 6 { first(long_hash(window(text, at))) } else { None };
        let pair = rest.first().map_or(0, |&byte| (usize::from(byte) << 8) | usize::from(rest.get(1).copied().unwrap_or(0)));
        let short = if bit(&self.short_pairs, pair) != 0 { first(SHORT) } else { None };
        match (long, short) {
            (Some(long), Some(short)) => Some(if self.words[short].len() > self.words[long].len() { short } else { long }),
            (long, short) => long.or(short),
        }
    }

    /// The places where a word shorter than 6 bytes may start, in order.
    fn short_places(&self, text: &[u8]) -> Vec<usize> {
        let mut places = Vec::new();
        let mut bytes: Vec<u8> = self.short.iter().map(|&(byte, _)| byte).collect();
        bytes.dedup();
        for group in bytes.chunks(3) {
            let found: Box<dyn Iterator<Item = usize>> = match *group {
                [a] => Box::new(memchr::memchr_iter(a, text)),
                [a, b] => Box::new(memchr::memchr2_iter(a, b, text)),
                [a, b, c, ..] => Box::new(memchr::memchr3_iter(a, b, c, text)),
                [] => Box::new(std::iter::empty()),
            };
            for at in found {
                let byte = text[at];
                let from = self.short.partition_point(|&(b, _)| b < byte);
                for &(_, offset) in self.short[from..].iter().take_while(|&&(b, _)| b == byte) {
                    if let Some(start) = at.checked_sub(offset) {
                        places.push(start);
                    }
                }
            }
        }
        for word in &self.whole {
            places.extend(word.find_iter(text));
        }
        if places.len() > 1 {
            places.sort_unstable();
            places.dedup();
        }
        places
    }

    /// Calls `found(start, word)` for each match, in order, as `find_iter` of a
    /// leftmost-longest automaton over the words finds them.
    #[cfg(test)]
    fn each(&self, text: &[u8], found: impl FnMut(usize, usize)) {
        self.each_unless(text, found, |_, _| false);
    }

    /// [`Finder::each`], unless `stop(at, next)` (at each byte `at` that may open a character,
    /// with the 8 bytes from it, zeros past the end) says to stop first: then `false`, and
    /// nothing found.
    #[inline(always)]
    fn each_unless(&self, text: &[u8], found: impl FnMut(usize, usize), mut stop: impl FnMut(usize, u64) -> bool) -> bool {
        let mut places = Vec::new();
        let stopped = any_opening(text, |at, next| {
            let stopping = stop(at, next);
            if bit(&self.long, long_hash(next)) != 0 {
                places.push(at);
            }
            stopping
        });
        if stopped {
            return false;
        }
        self.each_at(text, places, found);
        true
    }

    /// [`Finder::each`] given `places`, in order, among which every place where a word of 6
    /// bytes or more starts (others are read and found to hold none).
    #[inline(always)]
    fn each_at(&self, text: &[u8], places: Vec<usize>, mut found: impl FnMut(usize, usize)) {
        let short = if self.short.is_empty() && self.whole.is_empty() { Vec::new() } else { self.short_places(text) };
        let (mut long, mut short) = (places.into_iter().peekable(), short.into_iter().peekable());
        let mut resume = 0;
        loop {
            let at = match (long.peek(), short.peek()) {
                (Some(&a), Some(&b)) if a < b => long.next(),
                (Some(&a), Some(&b)) if b < a => short.next(),
                (Some(_), Some(_)) => {
                    short.next();
                    long.next()
                }
                (Some(_), None) => long.next(),
                (None, _) => short.next(),
            };
            let Some(at) = at else { break };
            if at < resume {
                continue;
            }
            if let Some(word) = self.longest_at(text, at) {
                found(at, word);
                resume = at + self.words[word].len();
            }
        }
    }
}

/// Calls `visit(at, next)` at each byte `at` of `text` that may open a character (no UTF-8
/// continuation byte) with the 8 bytes from it (zeros past the end), until it says to stop:
/// whether it did.
pub(crate) fn any_opening(text: &[u8], mut visit: impl FnMut(usize, u64) -> bool) -> bool {
    let mut base = 0;
    while base < text.len() {
        let bytes = window16(text, base);
        let mut open = openings(bytes as u64);
        if base + 8 > text.len() {
            open &= (1u64 << (8 * (text.len() - base))).wrapping_sub(1);
        }
        let mut stopped = false;
        while open != 0 {
            let shift = open.trailing_zeros() & !7;
            open &= open - 1;
            stopped |= visit(base + (shift >> 3) as usize, (bytes >> shift) as u64);
        }
        if stopped {
            return true;
        }
        base += 8;
    }
    false
}

/// Words in groups, found wherever they stand (overlaps too): which lines of a rule's
/// trigger lines hold the words its full pattern cannot match without, so the pattern
/// runs on those lines only.
#[derive(Clone, Debug)]
pub struct Words {
    automaton: AhoCorasick,
    /// For each word, its groups, one bit per group.
    groups: Vec<u64>,
}

impl Words {
    /// An automaton over `words`, each with its groups as bits (at most [`MAX_FAMILIES`]).
    pub fn new<S: AsRef<str>>(words: &[(S, u64)]) -> Result<Words, String> {
        if let Some((word, _)) = words.iter().find(|(word, mask)| *mask == 0 || word.as_ref().is_empty()) {
            return Err(format!("word {:?} is empty or in no group", word.as_ref()));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(words.iter().map(|(word, _)| word.as_ref()))
            .map_err(|error| error.to_string())?;
        Ok(Words { automaton, groups: words.iter().map(|&(_, mask)| mask).collect() })
    }

    /// Those of `lines` ((start, end) code-point spans of `text`, in order, not overlapping)
    /// that hold, for one of `needs` at least, a word of every group it names.
    ///
    /// ```
    /// use cutter_core::boilerplate::Words;
    /// let words = Words::new(&[("为大家", 0b01), ("整理", 0b10), ("编辑", 0b11)]).unwrap();
    /// let text = "以下是为大家整理的\n以下是我的体会\n以下由编辑";
    /// assert_eq!(words.lines_holding(text.as_bytes(), &[(0, 9), (10, 17), (18, 23)], &[0b11]), vec![(0, 9), (18, 23)]);
    /// ```
    pub fn lines_holding(&self, text: &[u8], lines: &[(usize, usize)], needs: &[u64]) -> Vec<(usize, usize)> {
        let mut cursor = Cursor::default();
        let mut kept = Vec::new();
        for &(start, end) in lines {
            if start < cursor.point || end < start {
                break; // not in order: no line after it can be found (the binding never passes such)
            }
            let (from, to) = (cursor.byte_of(text, start), cursor.byte_of(text, end));
            let mut found = 0u64;
            for hit in self.automaton.find_overlapping_iter(&text[from..to]) {
                found |= self.groups[hit.pattern().as_usize()];
                if needs.iter().any(|need| found & need == *need) {
                    kept.push((start, end));
                    break;
                }
            }
        }
        kept
    }
}

/// A byte offset and the code-point offset it stands at, moved forward only.
#[derive(Default)]
struct Cursor {
    byte: usize,
    point: usize,
}

impl Cursor {
    /// The code-point offset of byte `to`, which is at or after the last one asked for.
    fn advance(&mut self, text: &[u8], to: usize) -> usize {
        self.point += fast_count(&text[self.byte..to]);
        self.byte = to;
        self.point
    }

    /// The byte offset of code point `point`, which is at or after the last one asked for
    /// (the end of `text` when it holds fewer).
    fn byte_of(&mut self, text: &[u8], point: usize) -> usize {
        while self.point < point && self.byte < text.len() {
            self.byte += 1;
            while self.byte < text.len() && text[self.byte] & 0xC0 == 0x80 {
                self.byte += 1;
            }
            self.point += 1;
        }
        self.byte
    }
}

/// The script fold (`fold_script`): each character that has a simplified twin written as
/// that twin, one character for one, so every span of the folded text is the same span of
/// the source.
#[derive(Clone, Debug)]
pub struct Fold {
    /// Basic-plane characters by code point (0: none).
    basic: Vec<u32>,
    supplementary: HashMap<u32, u32>,
}

impl Fold {
    /// A fold from (character, twin) pairs; a twin must be a character (no surrogate).
    pub fn new(pairs: &[(u32, u32)]) -> Result<Fold, String> {
        let mut basic = vec![0; 0x10000];
        let mut supplementary = HashMap::new();
        for &(from, to) in pairs {
            if char::from_u32(to).is_none() || to == 0 {
                return Err(format!("U+{to:04X} cannot be a fold's twin"));
            }
            match basic.get_mut(from as usize) {
                Some(slot) => *slot = to,
                None => {
                    supplementary.insert(from, to);
                }
            }
        }
        Ok(Fold { basic, supplementary })
    }

    /// The script fold shipped with the core: `data/fold.txt`, which `data/generate.py` writes
    /// from `rules/boilerplate.py`'s table (OpenCC's t2s over CEDICT, and the known variants).
    /// Built once per process, from pairs read at compile time.
    ///
    /// ```
    /// use cutter_core::boilerplate::Fold;
    /// assert_eq!(Fold::script().apply("小編為大家".as_bytes()).unwrap(), "小编为大家".as_bytes());
    /// ```
    pub fn script() -> &'static Fold {
        static SCRIPT: OnceLock<Fold> = OnceLock::new();
        SCRIPT.get_or_init(|| {
            let pairs: Vec<(u32, u32)> = include_str!("../data/fold.txt")
                .lines()
                .filter_map(|line| {
                    let (from, to) = line.split_once(' ')?;
                    Some((u32::from_str_radix(from, 16).ok()?, u32::from_str_radix(to, 16).ok()?))
                })
                .filter(|&(_, to)| char::from_u32(to).is_some() && to != 0)
                .collect();
            Fold::new(&pairs).unwrap_or_else(|_| Fold { basic: vec![0; 0x10000], supplementary: HashMap::new() })
        })
    }

    /// `text` folded (in the form [`crate::text`] describes), or `None` when no character
    /// of it folds. Bytes that read as no character are kept as they are.
    ///
    /// ```
    /// use cutter_core::boilerplate::Fold;
    /// let fold = Fold::new(&[('編' as u32, '编' as u32), ('為' as u32, '为' as u32)]).unwrap();
    /// assert_eq!(fold.apply("小編為大家".as_bytes()).unwrap(), "小编为大家".as_bytes());
    /// assert_eq!(fold.apply("小编".as_bytes()), None);
    /// ```
    pub fn apply(&self, text: &[u8]) -> Option<Vec<u8>> {
        let mut folded: Option<Vec<u8>> = None;
        let mut copied = 0; // bytes of `text` already in `folded`
        for (at, point) in CodePoints::new(text) {
            let twin = match self.basic.get(point as usize) {
                Some(&twin) => twin,
                None => self.supplementary.get(&point).copied().unwrap_or(0),
            };
            if twin == 0 {
                continue;
            }
            let out = folded.get_or_insert_with(|| Vec::with_capacity(text.len()));
            out.extend_from_slice(&text[copied..at]);
            push_point(out, twin);
            copied = at + crate::text::decode_at(text, at).map_or(1, |(_, width)| width);
        }
        folded.map(|mut out| {
            out.extend_from_slice(&text[copied..]);
            out
        })
    }

    /// [`Fold::apply`] of a text that [`crate::chrome::well_formed`] says is well-formed (of
    /// another, what it gives is some folding, never a panic), read four three-byte characters
    /// at a time where it can: their twins looked up at once, and only where one folds each
    /// character written out.
    pub(crate) fn apply_well_formed(&self, text: &[u8]) -> Option<Vec<u8>> {
        let basic: &[u32] = &self.basic;
        let twin_of = |point: u32| match basic.get(point as usize) {
            Some(&twin) => twin,
            None => self.supplementary.get(&point).copied().unwrap_or(0),
        };
        let mut folded: Option<Vec<u8>> = None;
        let mut copied = 0; // bytes of `text` already in `folded`
        let mut fold = |at: usize, width: usize, twin: u32| {
            let out = folded.get_or_insert_with(|| Vec::with_capacity(text.len()));
            out.extend_from_slice(&text[copied..at]);
            push_point(out, twin);
            copied = at + width;
        };
        let mut at = 0;
        while at < text.len() {
            if let Some(bytes) = text.get(at..at + 14) {
                let word = |from: usize| u64::from_le_bytes(bytes[from..from + 8].try_into().unwrap_or([0; 8]));
                let (low, high) = (word(0), word(6));
                if two_characters(low) && two_characters(high) {
                    let points = [three_byte_point(low), three_byte_point(low >> 24), three_byte_point(high), three_byte_point(high >> 24)];
                    let twins = points.map(|point| basic.get(point as usize).copied().unwrap_or(0));
                    if twins.iter().any(|&twin| twin != 0) {
                        for (k, &twin) in twins.iter().enumerate() {
                            if twin != 0 {
                                fold(at + 3 * k, 3, twin);
                            }
                        }
                    }
                    at += 12;
                    continue;
                }
            }
            let (point, width) = crate::text::decode_at(text, at).unwrap_or((0, 1));
            let twin = twin_of(point);
            if twin != 0 {
                fold(at, width, twin);
            }
            at += width;
        }
        folded.map(|mut out| {
            out.extend_from_slice(&text[copied..]);
            out
        })
    }
}

/// Whether the first 6 bytes of `window` (little-endian) are two three-byte characters, neither
/// with an E0 lead (whose second byte is bounded): each lead `1110xxxx` with `xxxx` not 0, each
/// other byte `10xxxxxx`. The lead's low half is tested as `0x80 | half` minus one keeping its
/// high bit.
#[inline(always)]
pub(crate) fn two_characters(window: u64) -> bool {
    const MASK: u64 = 0xC0C0_F0C0_C0F0;
    const SHAPE: u64 = 0x8080_E080_80E0;
    const LEAD_HALF: u64 = 0x0F00_000F;
    const LEAD_HIGH: u64 = 0x8000_0080;
    const LEAD_ONE: u64 = 0x0100_0001;
    window & MASK == SHAPE && (((window & LEAD_HALF) | LEAD_HIGH) - LEAD_ONE) & LEAD_HIGH == LEAD_HIGH
}

/// The code point of the three-byte character in the low 3 bytes of `window` (little-endian).
#[inline(always)]
pub(crate) fn three_byte_point(window: u64) -> u32 {
    (((window & 0x0F) << 12) | ((window >> 2) & 0x0FC0) | ((window >> 16) & 0x3F)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triggers() -> Triggers {
        // families: 0 offer, 1 footer, 2 chrome
        let words = [("以下", 0b001), ("小编", 0b001), ("小编精心推荐", 0b010), ("下载", 0b100), ("相关推荐", 0b010)];
        Triggers::new(&words, 3).unwrap()
    }

    fn lines<'a>(text: &'a str, spans: &[(usize, usize)]) -> Vec<&'a str> {
        let points: Vec<(usize, char)> = text.char_indices().collect();
        let byte = |point: usize| points.get(point).map_or(text.len(), |&(at, _)| at);
        spans.iter().map(|&(start, end)| &text[byte(start)..byte(end)]).collect()
    }

    #[test]
    fn the_shipped_fold_reads_every_pair_of_its_file() {
        let file = include_str!("../data/fold.txt");
        let fold = Fold::script();
        let folded = fold.basic.iter().filter(|&&twin| twin != 0).count() + fold.supplementary.len();
        assert_eq!(folded, file.lines().count());
        assert!(folded > 3000);
        assert_eq!(fold.apply("裡爲".as_bytes()).unwrap(), "里为".as_bytes());
        assert_eq!(fold.apply("里为".as_bytes()), None);
    }

    #[test]
    fn each_family_gets_the_lines_of_its_words() {
        let text = "标题\n以下是小编整理的\n正文。\n点击下载\n小编精心推荐";
        let found = triggers().lines(text.as_bytes());
        assert_eq!(lines(text, &found[0]), vec!["以下是小编整理的"]);
        assert_eq!(lines(text, &found[1]), vec!["小编精心推荐"]);
        assert_eq!(lines(text, &found[2]), vec!["点击下载"]);
    }

    #[test]
    fn the_longest_word_at_a_place_wins() {
        // 小编精心推荐 is a footer's word, not the offer's 小编 followed by text
        let found = triggers().lines("小编精心推荐".as_bytes());
        assert_eq!(found, vec![vec![], vec![(0, 6)], vec![]]);
    }

    #[test]
    fn a_line_is_reported_once_per_family() {
        let found = triggers().lines("以下以下小编\n以下".as_bytes());
        assert_eq!(found[0], vec![(0, 6), (7, 9)]);
    }

    #[test]
    fn text_without_words_has_no_lines() {
        assert_eq!(triggers().lines("正文。\n谢谢大家。".as_bytes()), vec![Vec::new(); 3]);
        assert_eq!(triggers().lines(b""), vec![Vec::new(); 3]);
    }

    #[test]
    fn offsets_count_code_points_through_surrogates_and_odd_bytes() {
        // a lone surrogate (WTF-8) and a malformed byte each count as one code point
        let found = triggers().lines(b"\xed\xa0\x80\xff\n\xe4\xb8\x8b\xe8\xbd\xbd");
        assert_eq!(found[2], vec![(3, 5)]);
    }

    /// The prefilter finds every match the automaton finds, and only those: small alphabets
    /// of words that share their openings, prefixes of one another, of every length class
    /// (1–2, 3–5, 6 and more bytes), over every text of a few of their pieces.
    #[test]
    fn the_prefilter_finds_what_the_automaton_finds() {
        let sets: [&[&str]; 4] = [
            &["以下", "以下是", "下面", "面是", "|", "｜", "篇)", "页 /", "页/", ".cn", ".com", "a"],
            &["小编", "小编精心推荐", "编精", "心推荐", "荐", "小"],
            &["ab", "abc", "abcdef", "bcdefg", "cdefgh", "abcdefgh", "é"],
            &["甲乙丙丁", "乙丙", "丙丁戊", "丁"],
        ];
        let pieces: [&[u8]; 14] = [
            "以".as_bytes(), "下".as_bytes(), "面".as_bytes(), "是".as_bytes(), "小编".as_bytes(), "精心".as_bytes(),
            "推荐".as_bytes(), b"|", b" /", b"abc", b"def", b"gh", b"\xed\xa0\x80", b"\n\xff\x80",
        ];
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        for words in sets {
            let pairs: Vec<(&str, u64)> = words.iter().enumerate().map(|(i, w)| (*w, 1u64 << (i % 3))).collect();
            let triggers = Triggers::new(&pairs, 3).unwrap();
            let mut extra: Vec<Vec<u8>> = words.iter().map(|w| w.as_bytes().to_vec()).collect();
            extra.extend(pieces.iter().map(|p| p.to_vec()));
            for _ in 0..20_000 {
                let mut text = Vec::new();
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let mut r = rng;
                for _ in 0..(r % 12) {
                    r /= 12;
                    if r == 0 {
                        r = rng.rotate_left(17) | 1;
                    }
                    text.extend_from_slice(&extra[(r % extra.len() as u64) as usize]);
                    r /= extra.len() as u64;
                }
                assert_eq!(triggers.finder_hits(&text), triggers.automaton_hits(&text), "{words:?} {text:?}");
            }
        }
        // the words repeated: the automaton alone
        assert!(Triggers::new(&[("以下", 1), ("以下", 2)], 2).unwrap().finder.is_none());
    }

    #[test]
    fn bad_words_are_refused() {
        assert!(Triggers::new(&[("", 1)], 1).is_err());
        assert!(Triggers::new(&[("以下", 0b10)], 1).is_err());
        assert!(Triggers::new(&[("以下", 1)], 65).is_err());
        assert!(Triggers::new(&[("以下", 1 << 63)], 64).is_ok());
    }

    #[test]
    fn lines_are_kept_when_they_hold_every_group_of_a_need() {
        let words = Words::new(&[("为大家", 0b0001), ("整理", 0b0010), ("范文", 0b0100), ("参考", 0b1000)]).unwrap();
        let text = "为大家整理\n整理为大家\n为大家参考\n范文参考\n整理";
        let lines = [(0, 5), (6, 11), (12, 17), (18, 22), (23, 25)];
        let kept = words.lines_holding(text.as_bytes(), &lines, &[0b0011, 0b1100]);
        assert_eq!(kept, vec![(0, 5), (6, 11), (18, 22)]);
        assert_eq!(words.lines_holding(text.as_bytes(), &lines, &[]), vec![]);
    }

    #[test]
    fn overlapping_words_are_all_found() {
        // 阅读 inside 阅读：, 小编 inside 小编精心推荐: a scan that keeps the longest would miss them
        let words = Words::new(&[("阅读：", 0b01), ("阅读", 0b10), ("读", 0b100)]).unwrap();
        assert_eq!(words.lines_holding("阅读：".as_bytes(), &[(0, 3)], &[0b110]), vec![(0, 3)]);
    }

    #[test]
    fn a_word_across_a_line_edge_is_not_in_the_line() {
        let words = Words::new(&[("整理", 0b1)]).unwrap();
        assert_eq!(words.lines_holding("甲整\n理".as_bytes(), &[(0, 2)], &[0b1]), vec![]);
        assert_eq!(words.lines_holding("甲整理".as_bytes(), &[(0, 2)], &[0b1]), vec![]);
        assert_eq!(words.lines_holding("甲整理".as_bytes(), &[(0, 3)], &[0b1]), vec![(0, 3)]);
    }

    #[test]
    fn lines_past_the_text_or_out_of_order_find_nothing_and_never_panic() {
        let words = Words::new(&[("整理", 0b1)]).unwrap();
        assert_eq!(words.lines_holding("整理".as_bytes(), &[(0, 2), (5, 9)], &[0b1]), vec![(0, 2)]);
        assert_eq!(words.lines_holding("整理\n整理".as_bytes(), &[(3, 5), (0, 2)], &[0b1]), vec![(3, 5)]);
        assert_eq!(words.lines_holding("整理".as_bytes(), &[(2, 1)], &[0b1]), vec![]);
        assert!(Words::new(&[("", 1)]).is_err() && Words::new(&[("整理", 0)]).is_err());
    }

    #[test]
    fn the_fold_keeps_every_offset() {
        let fold = Fold::new(&[(0x7DE8, 0x7F16), (0x20021, 0x4E00)]).unwrap();
        let text = "a編\u{20021}b";
        assert_eq!(fold.apply(text.as_bytes()).unwrap(), "a编一b".as_bytes());
        // a lone surrogate and a malformed byte stay as they were
        let odd = b"\xed\xa0\x80\xe7\xb7\xa8\xff";
        assert_eq!(fold.apply(odd).unwrap(), b"\xed\xa0\x80\xe7\xbc\x96\xff".to_vec());
        assert_eq!(fold.apply(b"\xff\xed\xa0\x80"), None);
    }

    #[test]
    fn a_twin_must_be_a_character() {
        assert!(Fold::new(&[(0x7DE8, 0xD800)]).is_err());
        assert!(Fold::new(&[(0x7DE8, 0x110000)]).is_err());
    }
}
