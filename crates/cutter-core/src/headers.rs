//! The splitter's header candidates (`split.py`): every reading of a candidate line (see
//! [`crate::lines`]) as a piece header, with its number, style and family keyword.
//!
//! A line is read without its header debris (`split._reading`: entities, tags, format
//! characters, toned pinyin ruby; a no-break space reads as a space), and each reading is
//! mapped back to the line's own offsets. Then, as `split._line_candidates` does: a short
//! line's core (without spaces and decoration) is matched against the header styles
//! (`篇N`, `第N篇`, `【N】`, `【KW N】`, `KW N`, tried in that order, the first that parses
//! wins); a line that is no clean header may be a header glued to its body (`{KW}1尊敬的…`,
//! every cut of its digits) or a keyword with a bracketed numeral (`{KW}(一)《题目》…`).
//!
//! A keyword is normalized as `split.normalize_keyword` does, but for one step: unmarked
//! pinyin ruby (`們(men)`) goes only when a dictionary reads it so, and that dictionary is
//! Python's (`rules.markup.title_without_ruby`). A line whose reading holds such an
//! annotation is therefore not parsed here: it is returned as *deferred*, for Python.
//!
//! Offsets count code points, as Python's `str` indexes do.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use crate::lines::{count, entity, gated, is_candidate, lines_giving_headers, ruby, tag, Counted, READ};
use crate::tables::{line_classes, Table, FORMAT, HAN, LINE_SPACE, NUMERAL};
use crate::text::{decode_at, push_point};

/// A core longer than this is no clean header (`split.MAX_CLEAN_HEADER`).
const MAX_CLEAN_HEADER: usize = 80;
/// A longer keyword is no keyword (`split.MAX_KEYWORD`).
const MAX_KEYWORD: usize = 40;
/// A higher number is no piece number (`split.MAX_PIECE_NUMBER`).
const MAX_PIECE_NUMBER: u64 = 500;
/// How far into a line a glued header may reach (`split.GLUED_PREFIX`).
const GLUED_PREFIX: usize = 64;
/// Stripped from a line's ends (after its spaces) before it is read as a header (`patterns.DECORATION`).
pub(crate) const DECORATION: &[char] = &['#', '＃', '★', '☆', '●', '◆', '■', '□', '▲', '△', '※', '*', '＊', '"', '“', '”', '\'', '‘', '’', '「', '」'];
/// Stripped from a keyword's ends after its decoration (`normalize_keyword`).
const KEYWORD_OPENERS: &[char] = &['(', '（', '【', '[', '〔'];
/// What a keyword may not hold (`patterns.KEYWORD_FORBIDDEN`).
const KEYWORD_FORBIDDEN: &[char] = &['。', '！', '？', '!', '?', '，', ',', '；', ';', '、', '：', ':'];
/// Sentence punctuation and stops (`patterns.SENTENCE_PUNCT`, `patterns.SENTENCE_STOP`).
const SENTENCE_PUNCT: &[char] = &['。', '！', '？', '!', '?', '；', ';', '，', ','];
const SENTENCE_STOP: &[char] = &['。', '！', '？', '!', '?', '；', ';'];
/// After a glued number, these make it a quantity (`patterns.QUANTITY_UNIT`, without its digits).
const QUANTITY_UNIT: &str = "年月日号號点點时時分秒岁歲个個次%％万萬千百亿億元米人名位只条條天周届屆期级級度倍字篇则則份";
/// After a glued number's digits, one of these (past spaces) makes them one count (`COUNT_AFTER_DIGITS`).
const COUNT_MARKS: &str = "字篇则則份";
/// A lone surrogate of the input is read as the code point this far above it (plane 15, private
/// use: neither a letter, nor Han, nor a space, as a surrogate is neither), and written back.
const SURROGATE_SHIFT: u32 = 0xF0000 - 0xD800;

/// The header styles, in the order they are tried (`patterns.HEADER_STYLES`).
pub const STYLES: [&str; 5] = ["篇N", "第N篇", "【N】", "【KW N】", "KW N"];
/// The glued styles' names.
const PIAN_N: &str = "篇N";
const DI_N_PIAN: &str = "第N篇";
const KW_N: &str = "KW N";

/// One reading of a line as a piece header (`split.Candidate`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The line's start: its identity.
    pub line: usize,
    pub start: usize,
    /// Where the header text ends: the line's end, unless glued to its body.
    pub end: usize,
    pub number: u32,
    pub style: &'static str,
    /// The family keyword, UTF-8 (WTF-8 when it holds a lone surrogate).
    pub keyword: Vec<u8>,
    pub clean: bool,
}

impl Candidate {
    /// The keyword as text, for tests (a lone surrogate read as U+FFFD).
    pub fn keyword_text(&self) -> String {
        String::from_utf8_lossy(&self.keyword).into_owned()
    }
}

/// Every header candidate of `text`, line by line in reading order, and the lines (start, end)
/// left to Python (unmarked pinyin ruby that only its dictionary can judge).
///
/// ```
/// use cutter_core::headers::header_candidates;
/// let (found, deferred) = header_candidates("合集\n作文篇一\n甲。\n倡议书15社区".as_bytes());
/// let read: Vec<_> = found.iter().map(|c| (c.line, c.start, c.end, c.number, c.style, c.keyword_text(), c.clean)).collect();
/// assert_eq!(read[0], (3, 3, 7, 1, "篇N", "作文".to_string(), true));
/// assert_eq!(read[1], (11, 11, 15, 1, "KW N", "倡议书".to_string(), false));
/// assert_eq!(read[2], (11, 11, 16, 15, "KW N", "倡议书".to_string(), false));
/// assert!(deferred.is_empty());
/// ```
pub fn header_candidates(text: &[u8]) -> (Vec<Candidate>, Vec<(usize, usize)>) {
    let table = line_classes();
    let mut found = Vec::new();
    let mut deferred = Vec::new();
    let mut points = [0u32; READ];
    let mut counted = Counted::default();
    // the lines of candidate_lines, each read as split.header_candidates reads it; most are prose
    // that neither can give anything, told by their bytes alone
    lines_giving_headers(text, table, |at, end| {
        let line = &text[at..end];
        if is_candidate(line, table, &mut points) {
            let start = counted.up_to(text, at);
            if !line_candidates(line, start, table, &mut found) {
                deferred.push((start, start + count(line)));
            }
        }
    });
    (found, deferred)
}

/// The candidates of one line (`split.header_candidates`) appended to `found`; `false` (and
/// nothing appended) when the line is left to Python.
fn line_candidates(line: &[u8], offset: usize, table: &Table, found: &mut Vec<Candidate>) -> bool {
    let reading = Reading::of(line, table);
    if reading.shifted_clash || holds_title_ruby(&reading.points, table) {
        return false;
    }
    let mut raw = Vec::new();
    parse_line(&reading.points, table, &mut raw);
    for candidate in raw {
        let (mut start, mut end) = (candidate.start, candidate.end);
        if reading.debris {
            start = reading.at[start];
            end = reading.at[end];
            let points = &reading.points;
            if points[..candidate.start].iter().all(|&p| is_space(table, p)) {
                start = reading.lead; // debris before the header text belongs to it too
            }
            if candidate.end == rstripped(points, table) {
                end = reading.rstripped; // and debris after it
            }
        }
        let keyword = if reading.surrogate { unshifted(&candidate.keyword) } else { candidate.keyword };
        found.push(Candidate { line: offset, start: offset + start, end: offset + end, keyword, ..candidate });
    }
    true
}

/// A line read without its debris.
struct Reading {
    /// Its code points (a lone surrogate shifted, see [`SURROGATE_SHIFT`]).
    points: Vec<u32>,
    /// For each position of the reading and its end, the position in the line.
    at: Vec<usize>,
    /// Whether the line held debris (else the reading is the line).
    debris: bool,
    /// The line's own leading spaces and its length without its trailing spaces.
    lead: usize,
    rstripped: usize,
    /// Whether the line held a lone surrogate, and one and a code point a surrogate is shifted to.
    surrogate: bool,
    shifted_clash: bool,
}

impl Reading {
    fn of(line: &[u8], table: &Table) -> Reading {
        let mut points = Vec::with_capacity(line.len() / 2);
        let mut at = Vec::with_capacity(line.len() / 2 + 1);
        let (mut debris, mut after_han) = (false, false);
        let (mut surrogate, mut shifted) = (false, false);
        let (mut position, mut byte) = (0, 0);
        let (mut lead, mut lead_done, mut rstripped) = (0, false, 0);
        let mut see = |point: u32, position: usize| {
            if is_space(table, point) {
                if !lead_done {
                    lead = position + 1;
                }
            } else {
                lead_done = true;
                rstripped = position + 1;
            }
            surrogate |= (0xD800..0xE000).contains(&point);
            shifted |= (0xF0000..0xF0800).contains(&point);
        };
        while let Some((point, width)) = decode_at(line, byte) {
            let found = match point {
                0x26 => entity(line, byte),
                0x3C => tag(line, byte, table).map(|end| (end, false)),
                0x28 | 0xFF08 if after_han => ruby(line, byte + width, table).map(|end| (end, false)),
                0xA0 => Some((byte + width, true)),
                _ if table.of(point) & FORMAT != 0 => Some((byte + width, false)),
                _ => None,
            };
            match found {
                Some((end, space)) => {
                    debris = true;
                    if space {
                        points.push(u32::from(b' '));
                        at.push(position);
                    }
                    while byte < end {
                        let (point, width) = decode_at(line, byte).unwrap_or((0, 1));
                        see(point, position);
                        byte += width;
                        position += 1;
                    }
                    after_han = false;
                }
                None => {
                    see(point, position);
                    points.push(if (0xD800..0xE000).contains(&point) { point + SURROGATE_SHIFT } else { point });
                    at.push(position);
                    after_han = table.of(point) & HAN != 0;
                    byte += width;
                    position += 1;
                }
            }
        }
        at.push(position);
        if !lead_done {
            lead = position;
        }
        Reading { points, at, debris, lead, rstripped, surrogate, shifted_clash: surrogate && shifted }
    }
}

/// Whether Python's `str.isspace` holds.
fn is_space(table: &Table, point: u32) -> bool {
    table.of(point) & LINE_SPACE != 0
}

fn is_digit(point: u32) -> bool {
    matches!(point, 0x30..=0x39 | 0xFF10..=0xFF19)
}

fn within(set: &[char], point: u32) -> bool {
    set.iter().any(|&c| c as u32 == point)
}

/// The length of `points` without its trailing spaces (`len(s.rstrip())`).
fn rstripped(points: &[u32], table: &Table) -> usize {
    points.iter().rposition(|&p| !is_space(table, p)).map_or(0, |last| last + 1)
}

/// `patterns.TITLE_RUBY` anywhere in the reading: a Han character, `(` or `（`, one to seven of
/// `a`–`z`, `ü`, `ɡ`, and `)` or `）`.
fn holds_title_ruby(points: &[u32], table: &Table) -> bool {
    points.iter().enumerate().skip(1).any(|(at, &p)| {
        if !(p == 0x28 || p == 0xFF08) || table.of(points[at - 1]) & HAN == 0 {
            return false;
        }
        let run = points[at + 1..].iter().take(8).take_while(|&&q| (0x61..=0x7A).contains(&q) || q == 0xFC || q == 0x261).count();
        (1..=7).contains(&run) && points.get(at + 1 + run).is_some_and(|&q| q == 0x29 || q == 0xFF09)
    })
}

/// A code point as a `char` for the patterns (the shifted surrogates are `char`s already).
fn as_char(point: u32) -> char {
    char::from_u32(point).unwrap_or('\u{FFFD}')
}

/// `split._line_candidates` on a reading: the candidates, offsets in the reading.
fn parse_line(line: &[u32], table: &Table, out: &mut Vec<Candidate>) {
    let Some(lead) = line.iter().position(|&p| !is_space(table, p)) else { return };
    let line_end = rstripped(line, table);
    let core_strip = |p: u32| within(DECORATION, p) || p == 0x20 || p == 0x09 || p == 0x3000;
    let mut core_start = lead;
    while core_start < line_end && core_strip(line[core_start]) {
        core_start += 1;
    }
    let mut core_end = line_end;
    while core_end > core_start && core_strip(line[core_end - 1]) {
        core_end -= 1;
    }
    let core = &line[core_start..core_end];
    if !core.iter().any(|&p| table.of(p) & NUMERAL != 0) {
        return;
    }
    if core.len() <= MAX_CLEAN_HEADER {
        if let Some(clean) = clean_candidate(core, core_start, line_end, lead, table) {
            out.push(clean);
            return;
        }
    }
    if core.iter().take(GLUED_PREFIX).skip(2).any(|&p| is_digit(p)) && (!gated() || may_be_glued_keyword(core, table)) {
        glued_candidates(core, core_start, table, out);
    }
    bracket_glued_candidate(core, core_start, table, out);
}

/// The patterns, from `patterns.py`: `\s` is Unicode's White_Space here as in the `regex`
/// module (paragraphs.rs checks every code point), `.` any code point but the newline.
struct Patterns {
    styles: [Regex; 5],
    glued: Regex,
    bracket: Regex,
    count_declaration: Regex,
    word_count: Regex,
    spaces: Regex,
    salutation: Regex,
}

/// The `regex` module's `\p{L}` (`patterns.KEYWORD_HAS_WORD`), as ranges of code points written by
/// data/generate.py from the module itself: its Unicode version, which is not the `regex` crate's.
fn letters() -> &'static [(u32, u32)] {
    static LETTERS: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    LETTERS.get_or_init(|| {
        include_str!("../data/letter.txt")
            .lines()
            .filter_map(|line| {
                let (first, last) = line.split_once('-')?;
                Some((u32::from_str_radix(first, 16).ok()?, u32::from_str_radix(last, 16).ok()?))
            })
            .collect()
    })
}

fn is_letter(point: u32) -> bool {
    let ranges = letters();
    let at = ranges.partition_point(|&(_, last)| last < point);
    ranges.get(at).is_some_and(|&(first, _)| first <= point)
}

/// The Chinese numerals (`patterns.NUM_CN`, one of them) and a numeral (`patterns.NUM`).
const NUM_CN: &str = "[零〇○一壹二两兩贰貳三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰]";
const COUNT_WORDS: &str = "精选|精選|通用|汇总|匯總|大全|最新|专业|專業|热门|熱門|合集|集锦|集錦|锦集|錦集|汇编|彙編|匯編|范文|範文|模板|格式|优秀|優秀|实用|實用|经典|經典|优选|優選|集合|共";

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |pattern: &str| Regex::new(pattern).expect("the header patterns compile (tested)");
        let num = format!("(?:[0-9０-９]+|{NUM_CN}+)");
        let open = r"[(（【\[〔]";
        let close = r"[)）】\]〕]";
        let own_title = r"(?P<own>[:：]\s*(?:\S.*)?)?";
        Patterns {
            styles: [
                compile(&format!(r"^(?P<kw>.*?)\s*{open}?\s*篇\s*(?P<num>{num})\s*{close}?\s*{own_title}$")),
                compile(&format!(r"^(?P<kw>.*?){open}?\s*第\s*(?P<num>{num})\s*篇\s*{close}?\s*(?P<own>(?P<sep>[:：\s])?\s*\S.*)?$")),
                compile(&format!(r"^[【\[]\s*篇?\s*(?P<num>{num})\s*(?:[:：]\s*(?P<inner>[^】\]\n]*?))?\s*[】\]]\s*(?P<own>.*)$")),
                compile(&format!(r"^[【\[](?P<kw>[^】\]]+?)\s*(?P<num>{num})[】\]]\s*(?P<own>.*)$")),
                compile(&format!(r"^(?P<kw>.*?)\s*{open}?\s*(?P<num>{num})\s*{close}?\s*{own_title}$")),
            ],
            glued: compile(r"^(?P<kw>[^0-9０-９]{0,40}?(?:[0-9０-９]+\s*字)?)\s*(?P<pian>篇)?\s*(?P<digits>[0-9０-９]{1,4})\S"),
            // `(?=\S)` at the end of the Python pattern: here the one code point it looks at is
            // matched (group `next`), and the match ends where it starts
            bracket: compile(&format!(
                r"^(?P<kw>[^(（【\[)）】\]0-9０-９:：。！？，,]{{2,40}}?)\s*[(（【\[]\s*(?P<di>第)?\s*(?P<pian>篇)?\s*(?P<num>{num})\s*(?P<pian2>篇)?\s*[)）】\]]\s*(?:[:：]\s*)?(?P<next>\S)"
            )),
            count_declaration: compile(&format!(
                r"[(（【\[]\s*(?:{COUNT_WORDS})*\s*{num}\s*[篇则則份]\s*(?:素材参考|參考)?\s*[)）】\]]|(?:{COUNT_WORDS})*\s*{num}\s*篇\s*[。.]?\s*$"
            )),
            word_count: compile(r"[0-9０-９]+\s*字"),
            spaces: compile(r"\s+"),
            salutation: compile(r"^(?:(?:尊敬的|敬爱的|亲爱的|各位)[^。！？!?]{0,40}[：:，,!！]?$|大家(?:早上|上午|中午|下午|晚上)?好)"),
        }
    })
}

/// The code points as a `String` for the patterns.
fn string_of(points: &[u32]) -> String {
    points.iter().map(|&p| as_char(p)).collect()
}

/// A byte offset of `text` in code points.
fn chars_before(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn group<'t>(captures: &Captures<'t>, name: &str) -> &'t str {
    captures.name(name).map_or("", |m| m.as_str())
}

/// `split._clean_candidate`: the first style that parses `core` as a clean header.
fn clean_candidate(core: &[u32], core_start: usize, line_end: usize, start: usize, table: &Table) -> Option<Candidate> {
    let p = patterns();
    let mut text = None;
    // what a style's pattern needs, looked for first: most lines are tried in vain
    let numeral_tail = !gated() || numeral_tail(core, table);
    for (style, pattern) in STYLES.iter().zip(&p.styles) {
        let may_match = match *style {
            "篇N" => numeral_tail && (!gated() || numeral_after(core, '篇', table)),
            "第N篇" => !gated() || ordinal(core, table),
            "【N】" | "【KW N】" => matches!(core.first(), Some(&0x3010 | &0x5B)),
            _ => numeral_tail,
        };
        if !may_match {
            continue;
        }
        let text = text.get_or_insert_with(|| string_of(core));
        let Some(captures) = pattern.captures(text) else { continue };
        let number = parse_number(group(&captures, "num"));
        let keyword = normalize_keyword(group(&captures, "kw"), table);
        if number == 0 || number > MAX_PIECE_NUMBER || !keyword_ok(&keyword, style, table) {
            continue;
        }
        let own = group(&captures, "own");
        if *style == DI_N_PIAN && !own.is_empty() && captures.name("sep").is_none() && !title_like(own, table) {
            continue; // 第一篇文章写得很好，… is prose, 第1篇我的老师 a header
        }
        let family_keyword = if *style == "【N】" { Vec::new() } else { keyword };
        let number = number as u32;
        let mut own_chars = own.chars();
        if matches!(own_chars.next(), Some(':' | '：')) {
            let rest = own_chars.as_str();
            if !rest.chars().all(|c| is_space(table, c as u32)) && !title_like(rest, table) {
                // {KW}2：乙。 is a header and its body's first sentence, not a header with its own title
                let own_start = captures.name("own").map_or(0, |m| chars_before(text, m.start()));
                let end = core_start + own_start + 1;
                return Some(Candidate { line: 0, start, end, number, style, keyword: family_keyword, clean: true });
            }
        }
        return Some(Candidate { line: 0, start, end: line_end, number, style, keyword: family_keyword, clean: true });
    }
    None
}

/// Whether the style `KW N`'s pattern may match `core`: a numeral, then spaces, a closing bracket
/// maybe, spaces, and the end or a colon (what the pattern needs after its number). The
/// style `篇N` ends alike.
fn numeral_tail(core: &[u32], table: &Table) -> bool {
    let tail = |mut at: usize| {
        at = past_spaces(core, at, table);
        if core.get(at).is_some_and(|&p| within(CLOSERS, p)) {
            at = past_spaces(core, at + 1, table);
        }
        core.get(at).is_none_or(|&p| p == 0x3A || p == 0xFF1A)
    };
    (0..core.len()).any(|at| table.of(core[at]) & NUMERAL != 0 && tail(at + 1))
}

/// Whether `mark` stands in `core` before spaces and a numeral (`篇\s*{num}`).
fn numeral_after(core: &[u32], mark: char, table: &Table) -> bool {
    (0..core.len()).any(|at| core[at] == mark as u32 && is_numeral(core, past_spaces(core, at + 1, table), table))
}

/// Whether the style `第N篇`'s pattern may match `core`: `第`, spaces, numerals, spaces, `篇`.
fn ordinal(core: &[u32], table: &Table) -> bool {
    (0..core.len()).any(|at| {
        let number = past_spaces(core, at + 1, table);
        if core[at] != '第' as u32 || !is_numeral(core, number, table) {
            return false;
        }
        let mut end = number;
        while is_numeral(core, end, table) {
            end += 1;
        }
        core.get(past_spaces(core, end, table)) == Some(&('篇' as u32))
    })
}

/// Whether the bracket pattern of [`bracket_glued_candidate`] may match `core`: the first of its
/// keyword's forbidden characters is an opening bracket, two or more code points in, then
/// spaces, `第` and `篇` maybe, and a numeral.
fn may_be_bracket_glued(core: &[u32], table: &Table) -> bool {
    let Some(open) = core.iter().position(|&p| within(BRACKET_KEYWORD_FORBIDDEN, p) || is_digit(p)) else { return false };
    if open < 2 || !matches!(core[open], 0x28 | 0xFF08 | 0x3010 | 0x5B) {
        return false;
    }
    let mut at = past_spaces(core, open + 1, table);
    for mark in ['第', '篇'] {
        if core.get(at) == Some(&(mark as u32)) {
            at = past_spaces(core, at + 1, table);
        }
    }
    is_numeral(core, at, table)
}

/// Whether a glued header's keyword may pass [`keyword_ok`]: the glued pattern's keyword holds
/// what stands before the core's first digit (less the spaces and `篇` just before it), at most
/// 40 code points, and [`normalize_keyword`] removes no forbidden character from it but a `。`
/// at its end (a count declaration's).
fn may_be_glued_keyword(core: &[u32], table: &Table) -> bool {
    let Some(first) = core.iter().position(|&p| is_digit(p)) else { return false };
    let mut end = first;
    while end > 0 && (is_pattern_space(core[end - 1], table) || core[end - 1] == '篇' as u32) {
        end -= 1;
    }
    if end > 0 && core[end - 1] == '。' as u32 {
        end -= 1;
    }
    end <= 40 && !core[..end].iter().any(|&p| within(KEYWORD_FORBIDDEN, p))
}

/// What the bracket pattern's keyword may not hold, but for the digits.
const BRACKET_KEYWORD_FORBIDDEN: &[char] = &['(', '（', '【', '[', ')', '）', '】', ']', ':', '：', '。', '！', '？', '，', ','];
/// The patterns' closing brackets.
const CLOSERS: &[char] = &[')', '）', '】', ']', '〕'];

/// Past the spaces (the patterns' `\s`) of `core` from `at`.
fn past_spaces(core: &[u32], mut at: usize, table: &Table) -> usize {
    while core.get(at).is_some_and(|&p| is_pattern_space(p, table)) {
        at += 1;
    }
    at
}

fn is_numeral(core: &[u32], at: usize, table: &Table) -> bool {
    core.get(at).is_some_and(|&p| table.of(p) & NUMERAL != 0)
}

/// `split._glued_candidates`: every cut of a glued header's digits that is no quantity.
fn glued_candidates(core: &[u32], start: usize, table: &Table, out: &mut Vec<Candidate>) {
    let prefix = string_of(&core[..core.len().min(GLUED_PREFIX)]);
    let Some(captures) = patterns().glued.captures(&prefix) else { return };
    let keyword = normalize_keyword(group(&captures, "kw"), table);
    if keyword_length(&keyword) < 2 || !keyword_ok(&keyword, KW_N, table) {
        return;
    }
    let digits_match = captures.name("digits").expect("the group always takes part");
    let digits_start = chars_before(&prefix, digits_match.start());
    let digits: Vec<u32> = digits_match.as_str().chars().map(|c| c as u32).collect();
    let style = if captures.name("pian").is_some() { PIAN_N } else { KW_N };
    for cut in 1..=digits.len() {
        let after = &core[digits_start + cut..];
        if matches!(digits[0], 0x30 | 0xFF10) || quantity(after, table) {
            continue;
        }
        let mut end = start + digits_start + cut;
        if matches!(after.first(), Some(&0x3A | &0xFF1A)) {
            end += 1; // the colon belongs to the header
        }
        let number = digits[..cut].iter().fold(0, |n, &d| n * 10 + digit_value(d));
        out.push(Candidate { line: 0, start, end, number, style, keyword: keyword.clone(), clean: false });
    }
}

fn digit_value(point: u32) -> u32 {
    if point >= 0xFF10 {
        point - 0xFF10
    } else {
        point - 0x30
    }
}

/// `split._quantity`: whether the text after a glued number makes it a quantity.
fn quantity(after: &[u32], table: &Table) -> bool {
    let Some(&first) = after.first() else { return false };
    if is_digit(first) {
        if matches!(first, 0x30 | 0xFF10) {
            return true;
        }
        // COUNT_AFTER_DIGITS: digits, spaces (the regex module's \s), a count mark
        let digits = after.iter().take_while(|&&p| is_digit(p)).count();
        let spaces = after[digits..].iter().take_while(|&&p| is_pattern_space(p, table)).count();
        return after.get(digits + spaces).is_some_and(|&p| COUNT_MARKS.chars().any(|c| c as u32 == p));
    }
    QUANTITY_UNIT.chars().any(|c| c as u32 == first)
}

fn is_pattern_space(point: u32, table: &Table) -> bool {
    table.of(point) & crate::tables::PATTERN_SPACE != 0
}

/// `split._bracket_glued_candidates`: `{KW}(一)《题目》…`, `{KW}【第一篇】敬爱的…`.
fn bracket_glued_candidate(core: &[u32], start: usize, table: &Table, out: &mut Vec<Candidate>) {
    if !core.iter().take(GLUED_PREFIX).any(|&p| matches!(p, 0x28 | 0xFF08 | 0x3010 | 0x5B)) {
        return;
    }
    if gated() && !may_be_bracket_glued(&core[..core.len().min(GLUED_PREFIX + 8)], table) {
        return;
    }
    let prefix = string_of(&core[..core.len().min(GLUED_PREFIX + 8)]);
    let Some(captures) = patterns().bracket.captures(&prefix) else { return };
    let end = chars_before(&prefix, captures.name("next").map_or(0, |m| m.start()));
    if end >= rstripped(core, table) {
        return;
    }
    let keyword = normalize_keyword(group(&captures, "kw"), table);
    let number = parse_number(group(&captures, "num"));
    let (di, pian, pian2) = (captures.name("di").is_some(), captures.name("pian").is_some(), captures.name("pian2").is_some());
    let style = if di && pian2 {
        DI_N_PIAN
    } else if pian || pian2 {
        PIAN_N
    } else {
        KW_N
    };
    if keyword_length(&keyword) < 2 || number == 0 || number > MAX_PIECE_NUMBER || !keyword_ok(&keyword, KW_N, table) {
        return;
    }
    // clean: a bracketed numeral has one reading, unlike glued digits
    out.push(Candidate { line: 0, start, end: start + end, number: number as u32, style, keyword, clean: true });
}

/// `split.normalize_keyword` without its ruby step (see the module's note): count declarations,
/// word counts and spaces removed, decoration and opening brackets stripped from its ends.
fn normalize_keyword(keyword: &str, table: &Table) -> Vec<u8> {
    let p = patterns();
    // each pattern runs only on a keyword that holds what it needs: a count mark, 字, a space
    let keyword = if !gated() || keyword.contains(['篇', '则', '則', '份']) {
        p.count_declaration.replace_all(keyword, "")
    } else {
        keyword.into()
    };
    let keyword = if !gated() || keyword.contains('字') { p.word_count.replace_all(&keyword, "") } else { keyword };
    let spaced = !gated() || keyword.chars().any(|c| c.is_whitespace() || is_pattern_space(c as u32, table));
    let keyword = if spaced { p.spaces.replace_all(&keyword, "") } else { keyword };
    let stripped = keyword.trim_matches(|c: char| within(DECORATION, c as u32) || KEYWORD_OPENERS.contains(&c));
    stripped.as_bytes().to_vec()
}

/// A keyword as it is written out: a shifted surrogate as the surrogate (only for a line that held
/// a surrogate, which then holds no code point of the shifted range itself).
fn unshifted(keyword: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(keyword.len());
    for (_, point) in crate::text::CodePoints::new(keyword) {
        push_point(&mut out, if (0xF0000..0xF0800).contains(&point) { point - SURROGATE_SHIFT } else { point });
    }
    out
}

/// A keyword's code points.
fn keyword_points(keyword: &[u8]) -> Vec<u32> {
    crate::text::CodePoints::new(keyword).map(|(_, p)| p).collect()
}

fn keyword_length(keyword: &[u8]) -> usize {
    crate::text::count(keyword)
}

/// `split._keyword_ok`.
fn keyword_ok(keyword: &[u8], style: &str, table: &Table) -> bool {
    let points = keyword_points(keyword);
    if points.len() > MAX_KEYWORD || points.iter().any(|&p| within(KEYWORD_FORBIDDEN, p)) {
        return false;
    }
    if matches!(style, "篇N" | "第N篇" | "【N】") {
        return true;
    }
    let has_word = points.iter().any(|&p| table.of(p) & HAN != 0 || is_letter(p));
    has_word && !matches!(points.last(), Some(&0x7B2C | &0x5176)) // 第, 其
}

/// `split._title_like`: a short line without sentence stops, no colon at its end, no salutation.
fn title_like(text: &str, table: &Table) -> bool {
    let text = text.trim_matches(|c: char| is_space(table, c as u32));
    let length = text.chars().count();
    let points = |set: &[char]| text.chars().any(|c| set.contains(&c));
    let short = (length <= 40 && !points(SENTENCE_PUNCT)) || (length <= 20 && !points(SENTENCE_STOP));
    let salutation = || {
        (!gated() || ["尊敬的", "敬爱的", "亲爱的", "各位", "大家"].iter().any(|opening| text.starts_with(opening)))
            && patterns().salutation.is_match(text)
    };
    short && !text.ends_with([':', '：']) && !salutation()
}

/// `patterns.parse_number` on a numeral the patterns matched (Arabic and full-width digits, or
/// Chinese numerals): its value, saturating (every value above [`MAX_PIECE_NUMBER`] is refused
/// alike); 0 for no numeral.
pub fn parse_number(text: &str) -> u64 {
    let cap = |n: u64| n.min(u64::from(u32::MAX));
    let mut chars = text.chars().peekable();
    let Some(&first) = chars.peek() else { return 0 };
    if first.is_ascii_digit() || ('０'..='９').contains(&first) {
        let mut value: u64 = 0;
        for c in chars {
            let Some(digit) = c.to_digit(10).or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - 0xFF10)) else {
                return 0;
            };
            value = cap(value * 10 + u64::from(digit));
        }
        return value;
    }
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '零' | '〇' | '○' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '兩' | '贰' | '貳' => 2,
            '三' | '叁' | '參' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' | '陸' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let unit = |c: char| -> Option<u64> {
        match c {
            '十' | '拾' => Some(10),
            '百' | '佰' => Some(100),
            _ => None,
        }
    };
    if text.chars().any(|c| digit(c).is_none() && unit(c).is_none()) {
        return 0;
    }
    if text.chars().all(|c| digit(c).is_some()) {
        // 二〇二三: the digits read one by one
        return text.chars().fold(0, |n, c| cap(n * 10 + digit(c).unwrap_or(0)));
    }
    let (mut total, mut section) = (0u64, 0u64);
    for c in text.chars() {
        match digit(c) {
            Some(value) => section = value,
            None => {
                total = cap(total + (if section == 0 { 1 } else { section }) * unit(c).unwrap_or(0));
                section = 0;
            }
        }
    }
    cap(total + section)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Vec<(usize, usize, u32, &'static str, String, bool)> {
        let (found, deferred) = header_candidates(line.as_bytes());
        assert!(deferred.is_empty(), "{line:?}");
        found.into_iter().map(|c| (c.start, c.end, c.number, c.style, c.keyword_text(), c.clean)).collect()
    }

    fn readings(line: &str) -> Vec<(String, u32, bool)> {
        read(line).into_iter().map(|(_, _, number, _, keyword, clean)| (keyword, number, clean)).collect()
    }

    #[test]
    fn the_patterns_compile() {
        let _ = patterns();
    }

    #[test]
    fn letters_are_read_from_their_table() {
        assert!(letters().len() > 500);
        assert!(letters().windows(2).all(|pair| pair[0].1 < pair[1].0));
        for letter in ['a', 'Z', 'ü', 'α', 'ա', 'あ', '字'] {
            assert!(is_letter(letter as u32), "{letter}");
        }
        for other in ['1', ' ', '。', '〇', '🎉', '\u{200b}'] {
            assert!(!is_letter(other as u32), "{other:?}");
        }
        assert!(!is_letter(0xD800) && !is_letter(0xF0000) && !is_letter(0x110000));
    }

    #[test]
    fn clean_headers_of_each_style() {
        assert_eq!(read("弘扬工匠精神篇九"), vec![(0, 8, 9, "篇N", "弘扬工匠精神".into(), true)]);
        assert_eq!(read("第一篇：春天"), vec![(0, 6, 1, "第N篇", "".into(), true)]);
        assert_eq!(read("【篇二】我的老师"), vec![(0, 8, 2, "【N】", "".into(), true)]);
        assert_eq!(read("【范文07】标题"), vec![(0, 8, 7, "【KW N】", "范文".into(), true)]);
        assert_eq!(read("  读后感 3  "), vec![(2, 7, 3, "KW N", "读后感".into(), true)]);
        assert_eq!(read("作文(汇总9篇)篇一"), vec![(0, 10, 1, "篇N", "作文".into(), true)]);
    }

    #[test]
    fn prose_and_lists_are_no_headers() {
        for line in ["一、追求卓越", "我们体会到了工匠精神的价值。", "第一篇文章写得很好，我读了三遍。", "作文篇零"] {
            assert_eq!(read(line), vec![], "{line:?}");
        }
    }

    #[test]
    fn a_colon_and_a_sentence_end_the_header_at_the_colon() {
        assert_eq!(read("范文2：乙走了很远的路，终于到了。"), vec![(0, 4, 2, "KW N", "范文".into(), true)]);
        assert_eq!(read("范文2：春天"), vec![(0, 6, 2, "KW N", "范文".into(), true)]);
    }

    #[test]
    fn glued_headers_read_every_cut() {
        assert_eq!(readings("倡议书15社区是我们的家"), vec![("倡议书".into(), 1, false), ("倡议书".into(), 15, false)]);
        assert_eq!(readings("凌晨2点整，距离刚下车"), vec![]);
        assert_eq!(readings("通知3000米的场地"), vec![]);
        assert_eq!(readings("通知3000平方米的场地"), vec![("通知".into(), 3000, false)]); // 平 is no unit
        assert_eq!(readings("作文篇501"), vec![("作文".into(), 50, false)]); // a body follows the digits, and 5 before 01
        assert_eq!(readings("作文篇312月4日，晴"), vec![("作文".into(), 3, false), ("作文".into(), 31, false)]);
        assert_eq!(read("倡议书1：尊敬的各位"), vec![(0, 5, 1, "KW N", "倡议书".into(), true)]); // clean, ends at the colon
    }

    #[test]
    fn bracketed_numerals_glued_to_a_body() {
        assert_eq!(read("范文(一)《题目》很长的正文，写了很多很多的字。"), vec![(0, 5, 1, "KW N", "范文".into(), true)]);
        assert_eq!(read("心得【第二篇】敬爱的老师，您好，今天我们要说的话很多很多。").first().map(|c| (c.2, c.3)), Some((2, "第N篇")));
    }

    #[test]
    fn keywords_are_normalized() {
        assert_eq!(readings("我的梦想作文600字篇一"), vec![("我的梦想作文".into(), 1, true)]);
        assert_eq!(readings("课前三分钟演讲稿(汇总16篇) 篇三"), vec![("课前三分钟演讲稿".into(), 3, true)]);
        assert_eq!(readings("★读 后 感★ 2"), vec![("读后感".into(), 2, true)]);
    }

    #[test]
    fn debris_is_read_past_and_mapped_back() {
        assert_eq!(read("作文篇一&nbsp;<br>"), vec![(0, 14, 1, "篇N", "作文".into(), true)]);
        assert_eq!(read("<b>作文篇二</b>"), vec![(0, 11, 2, "篇N", "作文".into(), true)]);
        assert_eq!(read("甲\n作\u{200b}文篇(piān)三"), vec![(2, 13, 3, "篇N", "作文".into(), true)]);
    }

    #[test]
    fn unmarked_ruby_is_left_to_python() {
        let (found, deferred) = header_candidates("甲\n我們(men)的心得篇一\n".as_bytes());
        assert_eq!((found, deferred), (vec![], vec![(2, 14)]));
    }

    #[test]
    fn lone_surrogates_keep_their_place() {
        // "\ud800作文篇一" as the binding hands it over
        let (found, _) = header_candidates(b"\xed\xa0\x80\xe4\xbd\x9c\xe6\x96\x87\xe7\xaf\x87\xe4\xb8\x80");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].keyword, b"\xed\xa0\x80\xe4\xbd\x9c\xe6\x96\x87".to_vec());
        assert_eq!((found[0].start, found[0].end), (0, 5));
    }

    #[test]
    fn private_use_code_points_are_not_surrogates() {
        // U+F0000 is where a surrogate is read; without one in the line it is itself
        let (found, _) = header_candidates("A\u{f0000}1".as_bytes());
        assert_eq!(found[0].keyword_text(), "A\u{f0000}");
        // a line with both is left to Python
        let (found, deferred) = header_candidates(b"\xed\xa0\x80\xf3\xb0\x80\x80\xe7\xaf\x87\xe4\xb8\x80");
        assert_eq!((found.len(), deferred), (0, vec![(0, 4)]));
    }

    #[test]
    fn numbers_read_as_python_reads_them() {
        for (text, value) in [("9", 9), ("１２", 12), ("九", 9), ("十四", 14), ("二十九", 29), ("一百零二", 102), ("两", 2), ("二〇二三", 2023), ("007", 7), ("十十", 20)] {
            assert_eq!(parse_number(text), value, "{text}");
        }
        assert_eq!(parse_number(&"9".repeat(100)), u64::from(u32::MAX));
        assert_eq!(parse_number(""), 0);
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        header_candidates(&bytes);
        header_candidates(b"\xed\xa0\x80\xf3\xb0\x80\x80\xe7\xaf\x87\xe4\xb8\x80");
    }

    // --- the shortcuts against the way without them ---------------------------------------------

    use crate::lines::tests::{agree, code_points, every_line, in_shapes, random_lines, FEW, PIECES};

    /// `header_candidates` without its shortcuts: every line judged and read, every pattern
    /// tried (the code before them).
    fn reference(text: &[u8]) -> (Vec<Candidate>, Vec<(usize, usize)>) {
        crate::lines::ungated(|| {
            let table = line_classes();
            let mut points = [0u32; READ];
            let (mut found, mut deferred) = (Vec::new(), Vec::new());
            let mut start = 0;
            for line in text.split(|&byte| byte == b'\n') {
                let length = crate::text::count(line);
                if is_candidate(line, table, &mut points) && !line_candidates(line, start, table, &mut found) {
                    deferred.push((start, start + length));
                }
                start += length + 1;
            }
            (found, deferred)
        })
    }

    #[test]
    fn every_short_line_reads_as_without_the_shortcuts() {
        agree(&every_line(&PIECES, 3), header_candidates, reference);
        agree(&every_line(&FEW, 4), header_candidates, reference);
    }

    #[test]
    fn random_lines_read_as_without_the_shortcuts() {
        agree(&random_lines(&PIECES, 20_000, 7), header_candidates, reference);
        agree(&random_lines(&FEW, 20_000, 11), header_candidates, reference);
    }

    /// That every line of `lines` the line prefilter passes over gives nothing: it is no candidate,
    /// or is read and gives no candidate and is not deferred.
    fn passed_over_in_vain(lines: &[Vec<u8>]) {
        let table = line_classes();
        let mut points = [0u32; READ];
        for line in lines {
            let mut passed = false;
            crate::lines::lines_giving_headers(line, table, |_, _| passed = true);
            if !passed && is_candidate(line, table, &mut points) {
                let mut found = Vec::new();
                let read = line_candidates(line, 0, table, &mut found);
                assert!(read && found.is_empty(), "{:?}: {found:?}", String::from_utf8_lossy(line));
            }
        }
    }

    /// Each code point where each trigger may stand, or stand in the way.
    const SHAPES: [(&str, &str); 9] = [
        ("作文", "一"),
        ("作文一", ""),
        ("作文三", "：春天"),
        ("第一", "篇我的老师"),
        ("范文", "(一)正文"),
        ("作(", "一)正文"),
        ("倡议书", "15社区"),
        ("我們(", "men)篇一"),
        ("作", "，倡议书15社区"),
    ];

    #[test]
    fn code_points_read_as_without_the_shortcuts() {
        let lines = in_shapes(&code_points(false), &SHAPES);
        passed_over_in_vain(&lines);
        // and without the other shortcuts, on a sample
        let sample: Vec<_> = lines.iter().step_by(61).cloned().collect();
        agree(&sample, header_candidates, reference);
    }

    #[test]
    #[ignore = "a minute in a release build: cargo test --release -p cutter-core -- --ignored"]
    fn every_code_point_reads_as_without_the_shortcuts() {
        agree(&in_shapes(&code_points(true), &SHAPES), header_candidates, reference);
    }

    #[test]
    fn the_shortcuts_skip_prose() {
        // what the shortcuts are for: prose lines, with digits, brackets and colons after a break
        let prose = "我们体会到了工匠精神的价值，2023年4月23日：第一天(见下文)（一）很好。";
        let table = line_classes();
        let mut passed = Vec::new();
        crate::lines::lines_giving_headers(prose.as_bytes(), table, |start, end| passed.push((start, end)));
        assert_eq!(passed, []);
        for header in ["作文篇一", "范文3：春天", "第一篇文章", "倡议书15社区", "范文(一)《题目》", "【篇二】", "我們(men)的心得篇一"] {
            let mut passed = Vec::new();
            crate::lines::lines_giving_headers(header.as_bytes(), table, |start, end| passed.push((start, end)));
            assert_eq!(passed, [(0, header.len())], "{header}");
        }
    }

}

