//! The boilerplate line rules (`rules/boilerplate.py`): `hidden-text`, `site-chrome`,
//! `doc-chrome`, `labelled-intro`, `lead-in` and `footer`, with their patterns.
//!
//! One call per text ([`Chrome::findings`]) serves them all, as the Python's `_matches`
//! did: the text is folded to simplified script when it holds a traditional-only character
//! ([`crate::boilerplate::Fold`]), one [`Triggers`] scan finds each family's trigger lines,
//! each family's pattern runs on its lines only, and the spans are merged and widened over
//! the spaces they would strand (`_removals`, `_widened`). `site-chrome` also scans the whole
//! (unfolded) text for empty labels, timestamps and image captions; whether a caption's
//! title is the page's is for the caller (it needs the document's titles), which hands the
//! captions to remove back to [`Chrome::site_chrome`].
//!
//! The patterns are the Python ones (`cutter.patterns`) written for the `regex` crate:
//! `\s` and `\d` spelt out as the `regex` module reads them ([`SPACE`], [`DIGIT`]), the
//! lookahead of `LABELLED_INTRO` and the atomic group of `FOOTER` written out (see each).
//! Every line pattern but `HIDDEN_TEXT` and `DOC_CHROME`'s sentence is anchored at both ends
//! of its line, so a match is the whole line and only whether it matches counts.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use crate::boilerplate::{fast_count, three_byte_point, two_characters, Fold, Spans, Triggers};
use crate::paragraphs::Finding;
#[cfg(test)]
use crate::tables::Table;
use crate::tables::{classes, line_classes, LINE_SPACE, PUNCT, TRADITIONAL};
use crate::text::count;

/// The families of the line rules, as `patterns.TRIGGERS` names them.
pub const FAMILIES: [&str; 6] = ["hidden_text", "site_chrome", "doc_chrome", "labelled_intro", "lead_in", "footer"];
const HIDDEN: usize = 0;
const SITE: usize = 1;
const DOC: usize = 2;
const LABELLED: usize = 3;
const LEAD_IN: usize = 4;
const FOOTER: usize = 5;

/// The `regex` module's `\s` in a str pattern (Unicode `White_Space`; not U+001C–U+001F,
/// which `str.isspace` has), as the body of a class.
pub const SPACE: &str = r"\t-\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}";
/// The `regex` module's `\d` (its Unicode's `Nd`, newer than this crate's), as a class body.
pub const DIGIT: &str = concat!(
    r"\x{30}-\x{39}\x{660}-\x{669}\x{6F0}-\x{6F9}\x{7C0}-\x{7C9}\x{966}-\x{96F}\x{9E6}-\x{9EF}\x{A66}-\x{A6F}",
    r"\x{AE6}-\x{AEF}\x{B66}-\x{B6F}\x{BE6}-\x{BEF}\x{C66}-\x{C6F}\x{CE6}-\x{CEF}\x{D66}-\x{D6F}\x{DE6}-\x{DEF}",
    r"\x{E50}-\x{E59}\x{ED0}-\x{ED9}\x{F20}-\x{F29}\x{1040}-\x{1049}\x{1090}-\x{1099}\x{17E0}-\x{17E9}",
    r"\x{1810}-\x{1819}\x{1946}-\x{194F}\x{19D0}-\x{19D9}\x{1A80}-\x{1A89}\x{1A90}-\x{1A99}\x{1B50}-\x{1B59}",
    r"\x{1BB0}-\x{1BB9}\x{1C40}-\x{1C49}\x{1C50}-\x{1C59}\x{A620}-\x{A629}\x{A8D0}-\x{A8D9}\x{A900}-\x{A909}",
    r"\x{A9D0}-\x{A9D9}\x{A9F0}-\x{A9F9}\x{AA50}-\x{AA59}\x{ABF0}-\x{ABF9}\x{FF10}-\x{FF19}\x{104A0}-\x{104A9}",
    r"\x{10D30}-\x{10D39}\x{10D40}-\x{10D49}\x{11066}-\x{1106F}\x{110F0}-\x{110F9}\x{11136}-\x{1113F}",
    r"\x{111D0}-\x{111D9}\x{112F0}-\x{112F9}\x{11450}-\x{11459}\x{114D0}-\x{114D9}\x{11650}-\x{11659}",
    r"\x{116C0}-\x{116C9}\x{116D0}-\x{116E3}\x{11730}-\x{11739}\x{118E0}-\x{118E9}\x{11950}-\x{11959}",
    r"\x{11BF0}-\x{11BF9}\x{11C50}-\x{11C59}\x{11D50}-\x{11D59}\x{11DA0}-\x{11DA9}\x{11DE0}-\x{11DE9}",
    r"\x{11F50}-\x{11F59}\x{16130}-\x{16139}\x{16A60}-\x{16A69}\x{16AC0}-\x{16AC9}\x{16B50}-\x{16B59}",
    r"\x{16D70}-\x{16D79}\x{1CCF0}-\x{1CCF9}\x{1D7CE}-\x{1D7FF}\x{1E140}-\x{1E149}\x{1E2F0}-\x{1E2F9}",
    r"\x{1E4F0}-\x{1E4F9}\x{1E5F1}-\x{1E5FA}\x{1E950}-\x{1E959}\x{1FBF0}-\x{1FBF9}",
);

/// `patterns.HIDDEN_TEXT`: 此处隐藏1234个字, （省略1234字）, 展开阅读全文 …, one run of them.
const HIDDEN_TEXT: &str = r"(?:[…\.]{0,6}此处隐藏[0-9０-９]+个字[…\.]{0,6}|[…\.]{0,6}[(（][^()（）\n…]{0,60}省略[0-9０-９]+字[^()（）\n…]{0,30}[)）][…\.]{0,6}|因篇幅问题不能全部显示，?请点此查看更多更全内容|展开阅读全文|展開更多|展开全文)+";

/// `patterns._CHROME_STRONG`: a button that is chrome alone.
const CHROME_STRONG: &str = "(?:手机阅读|加入清单|加入收藏|打印文章|打印本文|我要投稿|投诉建议|下载本文|收藏本文|点击下载|立即下载|下载文档|返回顶部|电脑桌面|手机版|电脑版)";

/// `patterns.SITE_CHROME` (IGNORECASE): a breadcrumb, a meta row, a counter, a button row, a
/// nav bar … the whole line. `<STRONG>`, `<WORD>`, `<CELL>` and `{S}` are filled in by
/// [`site_chrome_pattern`]. A bounded stretch holds no `…`: `ellipsis` (after this rule) writes
/// `。。。` as `……`, which must not bring a line under a bound on a second pass.
const SITE_CHROME: &str = concat!(
    r"(?i)^[ \t]*(?:",
    r"(?:当前位置|您的位置|你的位置|位置)[:：][^\n]*(?:首页|>|›|»)[^\n]*",
    r"|[^\n]*我要投稿[^\n]*",
    r"|(?:推荐人|来源|阅读|人气|浏览量|浏览|查看人数|发布时间|发布者|发布人|发表时间|更新时间|发布日期|作者|字号|字体|推荐度|文档序号|栏目|分类|小编|编辑)[:：][^\n…]{0,60}",
    r"(?:(?:推荐人|来源|阅读|人气|浏览量|查看人数|发布时间|发布日期|发表时间|作者|字号|字体)[:：]|次|[0-9.]+[WwKk万])[^\n]*",
    r"|[^\n…]{0,20}(?:阅读|人气|浏览|浏览量|阅读量|热度)(?:[(（:：][{S}]*|[ \t]+)[0-9.]+[{S}]*[WwKk万]?[)）]?[{S}]*次?[{S}]*$",
    r"|(?:时间|发布时间|发表时间|更新时间|发布日期|上传时间)[:：][{S}]*[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}[^\n…]{0,40}",
    r"|(?:范文类型|文章类型)[:：][^\n]*",
    r"|[^\n…]{0,40}全文共[{S}]*[0-9,]+[{S}]*字[^\n…]{0,20}",
    r"|(?:阅读)?小贴士[:：][^\n]*",
    r"|[^\n…]{0,40}预计(?:看完|阅读)(?:需要|约)?[{S}]*[0-9]+[{S}]*分钟[^\n]*",
    r"|[^\n…]{0,30}(?:到电脑桌面|在桌面快捷访问|设为首页)[^\n…]{0,20}",
    r"|[+＋•·|｜/]?[ \t]*<STRONG>",
    r"|[+＋•·|｜/]?[ \t]*<WORD>(?:[ \t|｜/·•+＋]+<WORD>)+",
    r"|(?:字号|推荐度)[:：][^\n]*",
    r"|[^\n]*用手机扫描二维码[^\n]*",
    r"|欢迎(?:访问|光临)[^\n…]{0,40}(?:网|站)[^\n]*",
    r"|网站首页[ \t][^\n]*",
    r"|[^\n…]{0,30}(?:作文网专稿|未经允许不得转载|未经许可不得转载)[^\n]*",
    r"|本文由[^\n…]{0,30}(?:收集|整理)[^\n…]{0,10}",
    r"|【[^】\n…]{0,30}\.(?:com|cn|net)[^】\n]*】[ \t]*",
    r"|[-•·][ \t]+[^\n…]{2,60}?[(（][^()（）\n…]{0,6}?[0-9]{1,3}[{S}]*篇[)）][ \t]*", // - {title}(优选28篇): a link
    r"|(?:<CELL>[|｜][ \t]*){2,}", // a row of links: 捐款倡议书 | 环保倡议书 |
    r"|<CELL>(?:[|｜][ \t]*<CELL>){2,}", // a nav bar: 首页 | 范文 | 作文
    r")$",
);
/// `patterns._CHROME_WORD`: a word of a button row.
const CHROME_WORD: &str = concat!(
    r"(?:<STRONG>|下载|收藏|举报|返回|相关|分享|打印|纠错|评论|点赞|复制链接|字体|大|中|小",
    r"|(?:浏览|阅读|人气|下载|收藏)[:：]?[{S}]*[0-9.]+[万WwKk]?次?|[0-9.]+[万WwKk]?[{S}]*(?:次|人)(?:浏览|阅读|收藏|下载)?)",
);
/// `patterns._NAV_CELL`: one link of a row.
const NAV_CELL: &str = r"[^|｜{S}，。！？；：,.!?;:、…][^|｜\n，。！？；：,.!?;:、…]{1,19}?[ \t]*";

/// `patterns.DOC_CHROME` (IGNORECASE): a line with a document-sharing mark, a bare label, or
/// the sentence 范文仅供参考，自行编辑使用 wherever it stands.
const DOC_CHROME: &str = concat!(
    r"(?i)^[ \t]*[^\n]*(?:由会员分享|上传人[:：]|文档编号[:：]|第[{S}]*[{D}]+[{S}]*页[{S}]*/[{S}]*共[{S}]*[{D}]+[{S}]*页",
    r"|点击查看更多[{S}]*>>|下载本文档|版权说明[:：]本文档|已阅读[{D}]+页[,，]还剩[{D}]+页|合集下载|下载文档前请自行甄别",
    r"|文本为Word版本|格式[:：][{S}]*DOC|上传日期[:：]|_第[{D}]+页)[^\n]*$",
    r"|^[ \t]*(?:资源描述|文档简介)[:：]?[ \t]*$",
    r"|(?:范文)?仅供参考[,，][{S}]*(?:请)?自行编辑使用[。.]?",
);

/// `patterns.LEAD_IN`: a genre lead-in template, the whole line.
const LEAD_IN_PATTERN: &str = concat!(
    r"^(?:无论是身处学校还是步入社会|在日常(?:的)?学习、工作或生活中|在日复一日的|当我们(?:备受启迪|心中)",
    r"|随着(?:社会|人们|时代)[^，\n]{0,12}[，,]|相信许多人会觉得|为了帮助大家)[^\n]*(?:吧|呢[？?]|小编|范文)[^\n]*$",
);

/// `patterns.LABELLED_INTRO` (a label may carry a site's hashtag, `【#作文# 导语】`). The Python's `[\[【]前言[\]】](?=[^\n]*(?:投稿|推荐|会员))[^\n]*$`
/// matches a line just when the rest of it holds one of the words, which is what
/// `[\[【]前言[\]】][^\n]*(?:投稿|推荐|会员)[^\n]*$` says (the match is the whole line either way).
const LABELLED_INTRO: &str =
    r"^[ \t]*(?:【(?:[#＃][^#＃】\n]{1,12}[#＃][ \t　]*)?(?:导语|简介|导读)】|(?:导语|导读)[:：]|[\[【]前言[\]】][^\n]*(?:投稿|推荐|会员))[^\n]*$";

/// `patterns.FOOTER`. The Python's atomic `(?>。{2,})` and `(?>[.…]{2,})` take a whole run as
/// one of the 80 items after the colon (so `。。。` and `...` count as the `……` they become);
/// a plain `{2,}` may take part of a run, but splitting a run only spends more items, so a line
/// matches with it just when it matches with the atomic group.
const FOOTER_PATTERN: &str = concat!(
    r"^[ \t]*(?:扩展阅读|擴展閱讀|延伸阅读|小编精心推荐(?:阅读)?|[•·\-]?[{S}]*相关推荐|全文预览已结束",
    r"|(?:【[^】\n…]{0,20}】)?相关文章|[^\n，。…]{0,20}相关资讯|标签|本文来源|上一篇|下一篇)",
    r"(?:[:：](?:[^，。！？\n.…]|。{2,}|[.…]{2,}|[.…]){0,80})?[ \t]*$",
    r"|^[ \t]*声明[:：][^\n]*(?:仅供|侵权|权利)[^\n]*$",
);

/// `boilerplate.EMPTY_LABEL`: a chrome label with its value on the next line (时间: / 小编:).
const EMPTY_LABEL: &str = r"^[ \t]*(?:时间|发布时间|发表时间|更新时间|小编|编辑|发布者|发布人|栏目)[:：][ \t]*$";
/// `boilerplate.TIMESTAMP_LINE`: 2022-11-26 22:02 alone on its line (removed; without the
/// time only flagged).
const TIMESTAMP_LINE: &str =
    r"^[ \t]*[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}(?P<time>[ \t]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?[ \t]*$";
/// `boilerplate.IMAGE_CAPTION`: a title and the picture's number (… 第2张).
const IMAGE_CAPTION: &str = r"^[ \t]*(?P<title>[^\n]{2,40}?)[ \t]+第[0-9]{1,2}[张張][ \t]*$";

/// `boilerplate.LABEL_VALUE`: the longest value under an empty label.
const LABEL_VALUE: usize = 20;
/// `boilerplate.FOOTER_REACH`: the longest tail a footer marker cuts whatever the text before it.
const FOOTER_REACH: usize = 5000;

fn site_chrome_pattern() -> String {
    let word = CHROME_WORD.replace("<STRONG>", CHROME_STRONG);
    SITE_CHROME
        .replace("<CELL>", NAV_CELL)
        .replace("<STRONG>", CHROME_STRONG)
        .replace("<WORD>", &word)
        .replace("{S}", SPACE)
}

fn compiled(pattern: &str) -> Regex {
    RegexBuilder::new(&pattern.replace("{S}", SPACE).replace("{D}", DIGIT))
        .size_limit(1 << 26)
        .dfa_size_limit(1 << 24)
        .build()
        .unwrap_or_else(|error| panic!("a line pattern does not compile: {error}"))
}

struct Patterns {
    hidden: Regex,
    site: Regex,
    doc: Regex,
    labelled: Regex,
    lead_in: Regex,
    footer: Regex,
    empty_label: Regex,
    timestamp: Regex,
    caption: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        hidden: compiled(HIDDEN_TEXT),
        site: compiled(&site_chrome_pattern()),
        doc: compiled(DOC_CHROME),
        labelled: compiled(LABELLED_INTRO),
        lead_in: compiled(LEAD_IN_PATTERN),
        footer: compiled(FOOTER_PATTERN),
        empty_label: compiled(EMPTY_LABEL),
        timestamp: compiled(TIMESTAMP_LINE),
        caption: compiled(IMAGE_CAPTION),
    })
}

/// An image caption that `site-chrome` found: the line and its title (before `.strip()`), in
/// code points. The caller removes it (hands it to [`Chrome::site_chrome`]) or flags it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caption {
    pub start: usize,
    pub end: usize,
    pub title_start: usize,
    pub title_end: usize,
}

/// What the line rules find in one text, each rule's findings in the order its Python
/// yielded them (fixes remove their span: `message` is `None`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineFindings {
    pub hidden_text: Vec<Finding>,
    /// `site-chrome`'s timestamp flags (the caption flags, the caller's, come after them).
    pub site_chrome_flags: Vec<Finding>,
    /// `site-chrome`'s removals when no caption is removed.
    pub site_chrome: Vec<Finding>,
    pub captions: Vec<Caption>,
    pub doc_chrome: Vec<Finding>,
    pub labelled_intro: Vec<Finding>,
    pub lead_in: Vec<Finding>,
    pub footer: Vec<Finding>,
    /// Every family's trigger lines ([`Triggers::lines`] of the folded text), which the rules
    /// still in Python read too.
    pub lines: Vec<Vec<(usize, usize)>>,
}

/// One line rule's part of [`LineFindings`] (`SiteChrome`: its flags, removals and captions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    HiddenText,
    SiteChrome,
    DocChrome,
    LabelledIntro,
    LeadIn,
    Footer,
}

impl Part {
    /// The parts in the order [`Chrome::findings`] makes them.
    pub const ALL: [Part; 6] =
        [Part::HiddenText, Part::SiteChrome, Part::DocChrome, Part::LabelledIntro, Part::LeadIn, Part::Footer];
}

/// The trigger lines of a well-formed text without a traditional-only character (the text
/// the line rules read as it is, unfolded): from them [`Chrome::part`] finds any rule's part
/// of [`Chrome::findings`], and [`Chrome::update`] brings them up to date after an edit, so a
/// text the rules edit one after another is scanned whole once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scanned {
    /// Each family's trigger lines, in code points, and in bytes.
    lines: Spans,
    bytes: Spans,
    /// The stretches of whole lines that fixes touched since the lines were found, whose
    /// lines are not among them yet ([`Chrome::refresh`]): (start, end) in bytes (the end a
    /// newline or the text's end), and the code point the start is, in order, apart.
    dirty: Vec<(usize, usize, usize)>,
}

impl Scanned {
    /// Take in the fixes `splices` ([`crate::normalize::Run::last_splices`]) that made `text`
    /// of the text these lines are of: the lines no fix touched move with the fixes before
    /// them, the touched ones are dropped, and the stretches of whole lines that hold them (and
    /// those [`Chrome::refresh`] has yet to read) are kept for [`Chrome::refresh`] to read.
    /// Reads no trigger word: any number of rules' fixes can be taken in one after another.
    /// `false` when the splices do not fit the text (then `self` is of no use).
    pub fn edited(&mut self, text: &[u8], splices: &[crate::normalize::Splice]) -> bool {
        if splices.is_empty() {
            return true;
        }
        let shift = |before: usize, written: usize, taken: usize| before.wrapping_add(written).wrapping_sub(taken);
        // where each splice's output stands in `text`: (start, end) in bytes, start in code points
        let mut outputs = Vec::with_capacity(splices.len());
        let (mut byte_shift, mut point_shift) = (0usize, 0usize); // wrapping: the text may shrink
        for splice in splices {
            let start = splice.byte_start.wrapping_add(byte_shift);
            let Some(end) = start.checked_add(splice.written_bytes).filter(|&end| end <= text.len()) else {
                return false; // not the text these fixes made
            };
            outputs.push((start, end, splice.start.wrapping_add(point_shift)));
            byte_shift = shift(byte_shift, splice.written_bytes, splice.byte_end - splice.byte_start);
            point_shift = shift(point_shift, splice.written, splice.end - splice.start);
        }
        // an old position (bytes, code points) in `text`: moved by the splices before it, or
        // the start of the output of the splice it is inside (asked in order, so one walk)
        let (mut next, mut byte_shift, mut point_shift) = (0, 0usize, 0usize);
        let mut map = |at: usize, point: usize| -> (usize, usize) {
            while next < splices.len() && at >= splices[next].byte_end {
                let splice = &splices[next];
                byte_shift = shift(byte_shift, splice.written_bytes, splice.byte_end - splice.byte_start);
                point_shift = shift(point_shift, splice.written, splice.end - splice.start);
                next += 1;
            }
            if next < splices.len() && splices[next].byte_start <= at {
                return (outputs[next].0, outputs[next].2);
            }
            (at.wrapping_add(byte_shift), point.wrapping_add(point_shift))
        };
        // the stretches to read again: each splice's lines (a line's ends looked for only as far
        // as the splices beside it, so many fixes on one long line read it once) …
        let mut regions: Vec<(usize, usize, usize)> = Vec::with_capacity(outputs.len() + self.dirty.len());
        for (k, &(start, end, point)) in outputs.iter().enumerate() {
            let lower = if k > 0 { outputs[k - 1].1 } else { 0 };
            let upper = outputs.get(k + 1).map_or(text.len(), |next| next.0);
            if start < lower || upper < end {
                return false;
            }
            let to = memchr::memchr(b'\n', &text[end..upper]).map_or(upper, |offset| end + offset);
            match (memchr::memrchr(b'\n', &text[lower..start]), regions.last_mut()) {
                (None, Some(last)) if k > 0 => last.1 = last.1.max(to), // the line goes on from the last splice
                (found, _) => {
                    let from = found.map_or(0, |offset| lower + offset + 1);
                    let Some(point) = point.checked_sub(fast_count(&text[from..start])) else { return false };
                    regions.push((from, to, point));
                }
            }
        }
        // … and the old stretches moved: one starts a line, or where it now starts mid-line it
        // starts or ends in a splice's output (the splice took the newline before it, or the
        // stretch's start), which that splice's lines hold; so does a mid-line end
        for &(from, to, point) in &self.dirty {
            let (start, point) = map(from, point);
            let (end, _) = map(to, 0);
            if start > text.len() || end > text.len() || end < start {
                return false;
            }
            regions.push((start, end, point));
        }
        regions.sort_unstable();
        let mut merged: Vec<(usize, usize, usize)> = Vec::with_capacity(regions.len());
        for region in regions {
            match merged.last_mut() {
                Some(last) if region.0 <= last.1 => last.1 = last.1.max(region.1),
                _ => merged.push(region),
            }
        }
        // each family's lines no splice touched, moved
        for (lines, bytes) in self.lines.iter_mut().zip(self.bytes.iter_mut()) {
            let mut next = 0; // the first splice that does not end before the line
            let (mut byte_shift, mut point_shift) = (0usize, 0usize);
            let mut kept = 0;
            for index in 0..lines.len() {
                let ((point_start, point_end), (line_start, line_end)) = (lines[index], bytes[index]);
                while next < splices.len() && splices[next].byte_end < line_start {
                    let splice = &splices[next];
                    byte_shift = shift(byte_shift, splice.written_bytes, splice.byte_end - splice.byte_start);
                    point_shift = shift(point_shift, splice.written, splice.end - splice.start);
                    next += 1;
                }
                if next < splices.len() && splices[next].byte_start <= line_end {
                    continue; // touched: read again in its region
                }
                lines[kept] = (point_start.wrapping_add(point_shift), point_end.wrapping_add(point_shift));
                bytes[kept] = (line_start.wrapping_add(byte_shift), line_end.wrapping_add(byte_shift));
                kept += 1;
            }
            lines.truncate(kept);
            bytes.truncate(kept);
        }
        self.dirty = merged;
        true
    }

    /// Each family's trigger lines ([`LineFindings::lines`]).
    pub fn lines(&self) -> &[Vec<(usize, usize)>] {
        &self.lines
    }

    /// Whether the lines are of the text as it is: no fix taken in ([`Scanned::edited`]) is
    /// yet to be read ([`Chrome::refresh`]).
    pub fn up_to_date(&self) -> bool {
        self.dirty.is_empty()
    }
}

/// What [`Chrome::prepare`] made of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prepared {
    /// The text is well-formed and holds no traditional-only character: its trigger lines.
    Scanned(Scanned),
    /// Any other text: every rule's findings, read at once.
    Found(LineFindings),
}

/// The line rules with their trigger words and, when the text may need it, the script fold.
#[derive(Clone, Debug)]
pub struct Chrome {
    triggers: Triggers,
    fold: Option<Fold>,
    /// The index of each of [`FAMILIES`] among the trigger families.
    family: [usize; 6],
    /// What [`Chrome::scan`] asks of each basic-plane code point: [`TRADITIONAL_ONLY`] and
    /// [`OPENS_WORD`] bits.
    points: std::sync::Arc<[u8; 0x10000]>,
    /// Whether a trigger word of 6 bytes or more opens with a supplementary character (then
    /// each is a place where one may start), or there is no prefilter to hand places to.
    supplementary_opens: bool,
}

/// A bit of [`Chrome::points`]: the code point is traditional-only (as `read` tests it).
const TRADITIONAL_ONLY: u8 = 1;
/// A bit of [`Chrome::points`]: a trigger word of 6 bytes or more opens with the code point.
const OPENS_WORD: u8 = 2;

/// What [`Chrome::scan`] found in a text.
enum Scan {
    /// The text is not well-formed (see [`well_formed`]).
    Malformed,
    /// It is, and holds a traditional-only character.
    Traditional,
    /// It is, holds none (or the scan was told to read none as one), and a trigger word of
    /// 6 bytes or more may start only at these places (see [`Triggers::lines_at`]).
    Places(Vec<usize>),
}

impl Chrome {
    /// `triggers` over the families named `families` (in their bit order), which must name
    /// each of [`FAMILIES`]; `fold`: the script fold, or `None` for a `Chrome` that reads
    /// only texts without traditional-only characters.
    pub fn new<S: AsRef<str>>(triggers: Triggers, families: &[S], fold: Option<Fold>) -> Result<Chrome, String> {
        let mut family = [0; 6];
        for (slot, name) in family.iter_mut().zip(FAMILIES) {
            *slot = families
                .iter()
                .position(|f| f.as_ref() == name)
                .ok_or_else(|| format!("no trigger family {name:?}"))?;
        }
        patterns(); // compiled once, before the first text
        let bits = traditional_bits();
        let mut points: Vec<u8> =
            (0..0x10000usize).map(|point| if (bits[point >> 6] >> (point & 63)) & 1 != 0 { TRADITIONAL_ONLY } else { 0 }).collect();
        let mut supplementary_opens = false;
        match triggers.long_openings() {
            Some(openings) => {
                for point in openings {
                    match points.get_mut(point as usize) {
                        Some(slot) => *slot |= OPENS_WORD,
                        None => supplementary_opens = true,
                    }
                }
            }
            None => supplementary_opens = true,
        }
        let points: Box<[u8; 0x10000]> = points.into_boxed_slice().try_into().map_err(|_| "a table of 65,536 points")?;
        Ok(Chrome { triggers, fold, family, points: points.into(), supplementary_opens })
    }

    /// One pass over `text`: what [`Scan`] says. Each character is decoded (and checked) once
    /// and its bits read from [`Chrome::points`]; the trigger words' hash is read only where
    /// the character opens one. With `stop`, the pass ends at the first traditional-only
    /// character (the rest is then only checked with [`well_formed`]); without, it reads none
    /// as one.
    fn scan(&self, text: &[u8], stop: bool) -> Scan {
        let points: &[u8; 0x10000] = &self.points;
        let continuation = |byte: u8| byte & 0xC0 == 0x80;
        let mut places = Vec::new();
        let mut at = 0;
        let n = text.len();
        while at < n {
            // four three-byte characters at a time (no E0 lead, whose second byte is checked
            // below), read as two windows of two: their bits, and only where one is set a
            // closer look
            if let Some(bytes) = text.get(at..at + 14) {
                let word = |from: usize| u64::from_le_bytes(bytes[from..from + 8].try_into().unwrap_or([0; 8]));
                let (low, high) = (word(0), word(6));
                if two_characters(low) && two_characters(high) {
                    let point = |x: u64| three_byte_point(x) as usize & 0xFFFF;
                    let found = [points[point(low)], points[point(low >> 24)], points[point(high)], points[point(high >> 24)]];
                    if found[0] | found[1] | found[2] | found[3] != 0 {
                        for (k, &bits) in found.iter().enumerate() {
                            let place = at + 3 * k;
                            if stop && bits & TRADITIONAL_ONLY != 0 {
                                return if well_formed(&text[place..]) { Scan::Traditional } else { Scan::Malformed };
                            }
                            if bits & OPENS_WORD != 0 && self.triggers.long_place(text, place) {
                                places.push(place);
                            }
                        }
                    }
                    at += 12;
                    continue;
                }
            }
            let lead = text[at];
            let (point, width) = if (0xE0..0xF0).contains(&lead) {
                let Some(&[_, second, third]) = text.get(at..at + 3) else { return Scan::Malformed };
                if !continuation(second) || !continuation(third) || (lead == 0xE0 && second < 0xA0) {
                    return Scan::Malformed;
                }
                ((u32::from(lead & 0x0F) << 12) | (u32::from(second & 0x3F) << 6) | u32::from(third & 0x3F), 3)
            } else if lead < 0x80 {
                (u32::from(lead), 1)
            } else if lead < 0xE0 {
                let Some(&[_, second]) = text.get(at..at + 2) else { return Scan::Malformed };
                if lead < 0xC2 || !continuation(second) {
                    return Scan::Malformed;
                }
                ((u32::from(lead & 0x1F) << 6) | u32::from(second & 0x3F), 2)
            } else {
                let Some(&[_, second, third, fourth]) = text.get(at..at + 4) else { return Scan::Malformed };
                if lead >= 0xF5
                    || !continuation(second)
                    || !continuation(third)
                    || !continuation(fourth)
                    || (lead == 0xF0 && second < 0x90)
                    || (lead == 0xF4 && second >= 0x90)
                {
                    return Scan::Malformed;
                }
                let point = (u32::from(lead & 0x07) << 18)
                    | (u32::from(second & 0x3F) << 12)
                    | (u32::from(third & 0x3F) << 6)
                    | u32::from(fourth & 0x3F);
                if stop && classes().of(point) & TRADITIONAL != 0 {
                    return if well_formed(&text[at..]) { Scan::Traditional } else { Scan::Malformed };
                }
                if self.supplementary_opens && self.triggers.long_place(text, at) {
                    places.push(at);
                }
                at += 4;
                continue;
            };
            let found = points[point as usize & 0xFFFF];
            if found != 0 {
                if stop && found & TRADITIONAL_ONLY != 0 {
                    return if well_formed(&text[at..]) { Scan::Traditional } else { Scan::Malformed };
                }
                if found & OPENS_WORD != 0 && self.triggers.long_place(text, at) {
                    places.push(at);
                }
            }
            at += width;
        }
        Scan::Places(places)
    }

    /// The trigger lines (in code points and in bytes) of a well-formed text whose places are
    /// `places` (see [`Scan::Places`]).
    fn lines_at(&self, text: &[u8], places: Vec<usize>) -> (Spans, Spans) {
        match self.triggers.lines_at(text, places) {
            Some(lines) => lines,
            None => self.triggers.lines_and_bytes(text),
        }
    }

    /// `text` as the line rules read it (see [`Chrome::lines_of`]): `Err(())` when it is not
    /// well-formed (read it with [`Chrome::read`]), `Ok(None)` when it needs the fold and
    /// there is none.
    fn lines_scanned<'a>(&self, text: &'a [u8]) -> Result<Option<Lines<'a>>, ()> {
        self.lines_after(text, self.scan(text, true))
    }

    /// [`Chrome::lines_scanned`] given what [`Chrome::scan`] found in `text` (told to stop).
    fn lines_after<'a>(&self, text: &'a [u8], scan: Scan) -> Result<Option<Lines<'a>>, ()> {
        if let Scan::Places(places) = scan {
            let (lines, bytes) = self.lines_at(text, places);
            return Ok(Some(Lines { original: text, folded: Cow::Borrowed(text), lines: Cow::Owned(lines), bytes: Cow::Owned(bytes) }));
        }
        if let Scan::Malformed = scan {
            return Err(());
        }
        let Some(fold) = self.fold.as_ref() else { return Ok(None) };
        let folded: Cow<'a, [u8]> = match fold.apply_well_formed(text) {
            Some(folded) => Cow::Owned(folded),
            None => Cow::Borrowed(text),
        };
        let (lines, bytes) = match self.scan(&folded, false) {
            Scan::Places(places) => self.lines_at(&folded, places),
            _ => self.triggers.lines_and_bytes(&folded),
        };
        Ok(Some(Lines { original: text, folded, lines: Cow::Owned(lines), bytes: Cow::Owned(bytes) }))
    }

    /// Every line rule's findings in `text`, or `None` when `text` holds a traditional-only
    /// character and this `Chrome` has no fold.
    pub fn findings(&self, text: &[u8]) -> Option<LineFindings> {
        match self.lines_scanned(text) {
            Ok(lines) => self.findings_of(&lines?),
            Err(()) => self.findings_of(&self.read(text)?),
        }
    }

    /// `text` made ready for the rules' findings: its trigger lines ([`Prepared::Scanned`]),
    /// which [`Chrome::part`] reads, or all its findings when it is not well-formed or needs
    /// the fold; `None` as for [`Chrome::findings`].
    pub fn prepare(&self, text: &[u8]) -> Option<Prepared> {
        let scan = self.scan(text, true);
        if let Scan::Places(places) = scan {
            let (lines, bytes) = self.lines_at(text, places);
            return Some(Prepared::Scanned(Scanned { lines, bytes, dirty: Vec::new() }));
        }
        let found = match self.lines_after(text, scan) {
            Ok(lines) => self.findings_of(&lines?),
            Err(()) => self.findings_of(&self.read(text)?),
        };
        found.map(Prepared::Found)
    }

    /// Whether [`Chrome::part`] has anything to read for rule `part` in the text `scanned` is
    /// of: `site-chrome` reads the whole text, the others only their family's trigger lines
    /// (without one, the part is empty).
    pub fn reads(&self, scanned: &Scanned, part: Part) -> bool {
        let family = match part {
            Part::HiddenText => HIDDEN,
            Part::SiteChrome => return true,
            Part::DocChrome => DOC,
            Part::LabelledIntro => LABELLED,
            Part::LeadIn => LEAD_IN,
            Part::Footer => FOOTER,
        };
        scanned.lines.get(self.family[family]).is_none_or(|lines| !lines.is_empty())
    }

    /// Rule `part`'s findings in `text`, whose trigger lines are `scanned`
    /// ([`Chrome::prepare`] or [`Chrome::update`] of this text): that part of what
    /// [`Chrome::findings`] gives, the rest of the [`LineFindings`] left empty.
    pub fn part(&self, text: &[u8], scanned: &Scanned, part: Part) -> LineFindings {
        let lines = Lines {
            original: text,
            folded: Cow::Borrowed(text),
            lines: Cow::Borrowed(&scanned.lines),
            bytes: Cow::Borrowed(&scanned.bytes),
        };
        let mut found = LineFindings::default();
        self.part_of(&lines, &mut Points::new(text), part, &mut found);
        found
    }

    /// Bring `scanned`, the trigger lines of a text, up to date with `text`, that text after
    /// the fixes `splices` ([`crate::normalize::Run::last_splices`]): [`Scanned::edited`],
    /// then [`Chrome::refresh`]. `false` (`scanned` then of no use) when the text must be
    /// prepared again.
    pub fn update(&self, scanned: &mut Scanned, text: &[u8], splices: &[crate::normalize::Splice]) -> bool {
        self.triggers.line_local() && scanned.edited(text, splices) && self.refresh(scanned, text)
    }

    /// Scan again the lines of `text` that fixes touched since `scanned` was last up to date
    /// ([`Scanned::edited`]) and put their trigger lines in place: `false` (`scanned` then of
    /// no use) when the text must be prepared again, as one of those lines is malformed or
    /// holds a traditional-only character, or a trigger word holds a newline (then a line's
    /// triggers are not its own).
    pub fn refresh(&self, scanned: &mut Scanned, text: &[u8]) -> bool {
        if scanned.dirty.is_empty() {
            return true;
        }
        if !self.triggers.line_local() {
            return false;
        }
        let regions = std::mem::take(&mut scanned.dirty);
        let families = scanned.lines.len();
        // each region's lines, found in it alone
        let mut found: Vec<(Spans, Spans)> = Vec::with_capacity(regions.len());
        for &(from, to, point) in &regions {
            let Some(stretch) = text.get(from..to) else { return false };
            let Scan::Places(places) = self.scan(stretch, true) else { return false };
            let (mut lines, mut bytes) = self.lines_at(stretch, places);
            if lines.len() != families || bytes.len() != families {
                return false;
            }
            for (lines, bytes) in lines.iter_mut().zip(bytes.iter_mut()) {
                for line in lines.iter_mut() {
                    *line = (line.0 + point, line.1 + point);
                }
                for line in bytes.iter_mut() {
                    *line = (line.0 + from, line.1 + from);
                }
            }
            found.push((lines, bytes));
        }
        // each family's lines: the kept ones and the regions' in order
        for family in 0..families {
            let kept_lines = std::mem::take(&mut scanned.lines[family]);
            let kept_bytes = std::mem::take(&mut scanned.bytes[family]);
            let (mut lines, mut bytes) = (Vec::with_capacity(kept_lines.len()), Vec::with_capacity(kept_bytes.len()));
            let mut region = 0; // the first region whose lines are not yet taken
            for (line, line_bytes) in kept_lines.into_iter().zip(kept_bytes) {
                while region < regions.len() && regions[region].0 <= line_bytes.0 {
                    lines.extend_from_slice(&found[region].0[family]);
                    bytes.extend_from_slice(&found[region].1[family]);
                    region += 1;
                }
                if region > 0 && line_bytes.0 <= regions[region - 1].1 {
                    continue; // in a region: found again there
                }
                lines.push(line);
                bytes.push(line_bytes);
            }
            for (lines_found, bytes_found) in &found[region..] {
                lines.extend_from_slice(&lines_found[family]);
                bytes.extend_from_slice(&bytes_found[family]);
            }
            scanned.lines[family] = lines;
            scanned.bytes[family] = bytes;
        }
        true
    }

    /// [`Chrome::findings`] as it read a text before [`Chrome::scan`]: [`well_formed`], then
    /// [`Chrome::lines_of`], which the scan must agree with.
    #[cfg(test)]
    fn findings_before(&self, text: &[u8]) -> Option<LineFindings> {
        if well_formed(text) {
            return self.findings_of(&self.lines_of(text)?);
        }
        self.findings_of(&self.read(text)?)
    }

    /// [`Chrome::findings`] read the long way whatever the text (the whole text made sane and
    /// walked code point by code point), which the fast way must agree with.
    #[cfg(test)]
    fn findings_slowly(&self, text: &[u8]) -> Option<LineFindings> {
        self.findings_of(&self.read(text)?)
    }

    fn findings_of<R: Reading>(&self, read: &R) -> Option<LineFindings> {
        let mut found = LineFindings::default();
        let mut points = Points::new(read.original());
        for part in Part::ALL {
            self.part_of(read, &mut points, part, &mut found);
        }
        found.lines = read.lines().to_vec();
        Some(found)
    }

    /// One rule's part of [`Chrome::findings_of`], written into `found`.
    fn part_of<R: Reading>(&self, read: &R, points: &mut Points<'_>, part: Part, found: &mut LineFindings) {
        let patterns = patterns();
        match part {
            Part::HiddenText => {
                // the removals, then a flag for each marker
                let hidden = read.matches(self.family[HIDDEN], |line| {
                    patterns.hidden.find_iter(line).map(|m| (m.start(), m.end())).collect()
                });
                found.hidden_text = removals(points, hidden.iter().map(|m| m.span));
                found.hidden_text.extend(hidden.iter().map(|m| {
                    let mut message = b"text hidden by the site is missing here (".to_vec();
                    message.extend_from_slice(&read.raw_folded()[m.bytes.0..m.bytes.1]);
                    message.push(b')');
                    Finding { start: m.span.0, end: m.span.1, message: Some(message) }
                }));
            }
            Part::SiteChrome => {
                let (flags, spans, captions) = read.site_spans(self);
                found.site_chrome_flags = flags;
                found.site_chrome = removals(points, spans.into_iter());
                found.captions = captions;
            }
            Part::DocChrome => {
                let doc =
                    read.matches(self.family[DOC], |line| patterns.doc.find_iter(line).map(|m| (m.start(), m.end())).collect());
                found.doc_chrome = removals(points, doc.iter().map(|m| m.span));
            }
            Part::LabelledIntro => {
                let labelled = read.matches(self.family[LABELLED], |line| whole(&patterns.labelled, line));
                found.labelled_intro = removals(points, labelled.iter().map(|m| m.span));
            }
            Part::LeadIn => {
                let lead_in = read.matches(self.family[LEAD_IN], |line| whole(&patterns.lead_in, line));
                found.lead_in = removals(points, lead_in.iter().map(|m| m.span));
            }
            Part::Footer => {
                // the first marker line cuts the rest, unless the rest is too long
                let Some(marker) = read.first_match(self.family[FOOTER], |line| patterns.footer.is_match(line)) else {
                    return;
                };
                let (start, end) = marker.span;
                let length = points.len;
                let tail = length - start;
                if tail <= FOOTER_REACH.max(start) {
                    found.footer.push(widened(points, start, length));
                } else {
                    let raw = read.raw_folded();
                    let whole = sane(&raw[marker.bytes.0..marker.bytes.1]);
                    let line = strip(&whole);
                    let offset = marker.bytes.0 + (line.as_ptr() as usize - whole.as_ptr() as usize);
                    let raw = &raw[offset..offset + line.len()];
                    let mut message = "a footer marker “".as_bytes().to_vec();
                    message.extend_from_slice(raw);
                    message.extend_from_slice(format!("” with {} characters after it: kept", thousands(tail)).as_bytes());
                    found.footer.push(Finding { start, end, message: Some(message) });
                }
            }
        }
    }

    /// `site-chrome`'s removals with the captions `removed` ((start, end) of [`Caption`]s
    /// that [`Chrome::findings`] gave, which the caller decided to remove), or `None` as there.
    pub fn site_chrome(&self, text: &[u8], removed: &[(usize, usize)]) -> Option<Vec<Finding>> {
        match self.lines_scanned(text) {
            Ok(lines) => self.site_chrome_of(&lines?, removed),
            Err(()) => self.site_chrome_of(&self.read(text)?, removed),
        }
    }

    fn site_chrome_of<R: Reading>(&self, read: &R, removed: &[(usize, usize)]) -> Option<Vec<Finding>> {
        let mut points = Points::new(read.original());
        let (_, mut spans, _) = read.site_spans(self);
        spans.extend(removed.iter().copied().filter(|&(start, end)| start <= end && end <= points.len));
        Some(removals(&mut points, spans.into_iter()))
    }

    /// A well-formed text (see [`well_formed`]) as the line rules read it, made sane line by
    /// line, only the lines a pattern runs on.
    #[cfg(test)]
    fn lines_of<'a>(&self, text: &'a [u8]) -> Option<Lines<'a>> {
        // one pass finds the trigger lines unless a character is traditional-only, when they
        // are found again in the folded text
        let bits = traditional_bits();
        let classes = classes();
        if let Some((lines, bytes)) = self.triggers.lines_unless(text, |at, next| traditional_at(bits, classes, text, at, next)) {
            return Some(Lines { original: text, folded: Cow::Borrowed(text), lines: Cow::Owned(lines), bytes: Cow::Owned(bytes) });
        }
        let folded: Cow<'a, [u8]> = match self.fold.as_ref()?.apply(text) {
            Some(folded) => Cow::Owned(folded),
            None => Cow::Borrowed(text),
        };
        let (lines, bytes) = self.triggers.lines_and_bytes(&folded);
        Some(Lines { original: text, folded, lines: Cow::Owned(lines), bytes: Cow::Owned(bytes) })
    }

    fn read<'a>(&self, text: &'a [u8]) -> Option<Read<'a>> {
        let classes = classes();
        let traditional = crate::text::CodePoints::new(text)
            .any(|(_, point)| point >= 0x3400 && classes.of(point) & TRADITIONAL != 0);
        let raw_folded: Cow<'a, [u8]> = if traditional {
            match self.fold.as_ref()?.apply(text) {
                Some(folded) => Cow::Owned(folded),
                None => Cow::Borrowed(text),
            }
        } else {
            Cow::Borrowed(text)
        };
        let lines = self.triggers.lines(&raw_folded);
        let original = sane(text);
        let folded = match &raw_folded {
            Cow::Borrowed(_) => original.clone(),
            Cow::Owned(bytes) => Cow::Owned(sane(bytes).into_owned()),
        };
        Some(Read { original, folded, raw_folded, lines })
    }
}

/// The site-chrome lines, the empty labels and their values, the timestamps and the captions:
/// (the timestamp flags, the spans to remove, the captions).
type SiteSpans = (Vec<Finding>, Vec<(usize, usize)>, Vec<Caption>);

/// A text as the line rules read it: the whole of it made sane at once ([`Read`], for any
/// bytes), or line by line where a pattern runs ([`Lines`], for a well-formed text).
trait Reading {
    /// The text's bytes as the spans count them (each code point one).
    fn original(&self) -> &[u8];
    /// The folded text as it is (lone surrogates and all), for the messages.
    fn raw_folded(&self) -> &[u8];
    /// Each family's trigger lines in the folded text, in code points.
    fn lines(&self) -> &[Vec<(usize, usize)>];
    /// Every match `find` gives (byte spans within the line it is given) on the family's
    /// trigger lines, in order.
    fn matches(&self, family: usize, find: impl Fn(&str) -> Vec<(usize, usize)>) -> Vec<Match>;
    /// The first trigger line of the family that `matches` says is a match, whole.
    fn first_match(&self, family: usize, matches: impl Fn(&str) -> bool) -> Option<Match>;
    /// The site-chrome lines, the empty labels and their values, the timestamps and the
    /// captions of the (unfolded) text.
    fn site_spans(&self, chrome: &Chrome) -> SiteSpans;
}

impl Reading for Read<'_> {
    fn original(&self) -> &[u8] {
        self.original.as_bytes()
    }

    fn raw_folded(&self) -> &[u8] {
        &self.raw_folded
    }

    fn lines(&self) -> &[Vec<(usize, usize)>] {
        &self.lines
    }

    fn matches(&self, family: usize, find: impl Fn(&str) -> Vec<(usize, usize)>) -> Vec<Match> {
        Read::matches(self, family, find)
    }

    fn first_match(&self, family: usize, matches: impl Fn(&str) -> bool) -> Option<Match> {
        Read::first_match(self, family, matches)
    }

    fn site_spans(&self, chrome: &Chrome) -> SiteSpans {
        let patterns = patterns();
        let mut spans: Vec<(usize, usize)> =
            self.matches(chrome.family[SITE], |line| whole(&patterns.site, line)).iter().map(|m| m.span).collect();
        let text = self.original.as_ref();
        let table = line_classes();
        // The three whole-text patterns are anchored at a line's start and end: each runs only
        // on the lines that can match it (a label's first character, a date's first digit, a
        // 张 or 張), so the scan is one pass of memchr, not a regex over every line.
        let mut cursor = Cursor::default();
        let mut flags = Vec::new();
        let mut captions = Vec::new();
        let captioned = memchr::memmem::find(text.as_bytes(), "张".as_bytes()).is_some()
            || memchr::memmem::find(text.as_bytes(), "張".as_bytes()).is_some();
        let mut start = 0;
        while start <= text.len() {
            let end = line_end(text, start);
            let line = &text[start..end];
            let ink = line.trim_start_matches([' ', '\t']);
            let first = ink.chars().next();
            let line_start = cursor.point_of(text, start);
            let line_stop = || line_start + count(line.as_bytes());
            if matches!(first, Some('时' | '发' | '更' | '小' | '编' | '栏')) && patterns.empty_label.is_match(line) {
                let (a, b) = (line_start, line_stop());
                spans.push((a, b));
                if end < text.len() {
                    let rest = &text[end + 1..];
                    let value = &rest[..rest.find('\n').unwrap_or(rest.len())];
                    let length = value.chars().count();
                    let stripped = value.trim_matches(|c: char| table.of(c as u32) & LINE_SPACE != 0).chars().count();
                    if 0 < stripped && stripped <= LABEL_VALUE && !value.chars().any(|c| table.of(c as u32) & PUNCT != 0) {
                        spans.push((b + 1, b + 1 + length));
                    }
                }
            }
            if first.is_some_and(|c| c.is_ascii_digit()) {
                timestamp(line, || (line_start, line_stop()), &mut spans, &mut flags);
            }
            if captioned && line.contains(['张', '張']) {
                if let Some(caption) = patterns.caption.captures(line) {
                    if let Some(title) = caption.name("title") {
                        let title_start = line_start + count(&line.as_bytes()[..title.start()]);
                        let title_end = title_start + count(&line.as_bytes()[title.start()..title.end()]);
                        captions.push(Caption { start: line_start, end: line_stop(), title_start, title_end });
                    }
                }
            }
            start = end + 1;
        }
        (flags, spans, captions)
    }
}

/// A well-formed text (see [`well_formed`]), where a code point is a byte that is no
/// continuation byte, so offsets are counted with [`count`] and each line made sane alone.
struct Lines<'a> {
    original: &'a [u8],
    folded: Cow<'a, [u8]>,
    /// Each family's trigger lines in the folded text, in code points, and in bytes.
    lines: Cow<'a, Spans>,
    bytes: Cow<'a, Spans>,
}

impl Lines<'_> {
    /// The family's trigger lines: (start in code points, start and end in bytes).
    fn spans(&self, family: usize) -> impl Iterator<Item = (usize, (usize, usize))> + '_ {
        let lines = self.lines.get(family).map_or(&[][..], Vec::as_slice);
        let bytes = self.bytes.get(family).map_or(&[][..], Vec::as_slice);
        lines.iter().zip(bytes).map(|(&(start, _), &span)| (start, span))
    }
}

impl Reading for Lines<'_> {
    fn original(&self) -> &[u8] {
        self.original
    }

    fn raw_folded(&self) -> &[u8] {
        &self.folded
    }

    fn lines(&self) -> &[Vec<(usize, usize)>] {
        &self.lines
    }

    fn matches(&self, family: usize, find: impl Fn(&str) -> Vec<(usize, usize)>) -> Vec<Match> {
        let mut found = Vec::new();
        for (start, (from, to)) in self.spans(family) {
            let raw = &self.folded[from..to];
            for (a, b) in find(&sane(raw)) {
                let first = start + count(&raw[..a]);
                found.push(Match { span: (first, first + count(&raw[a..b])), bytes: (from + a, from + b) });
            }
        }
        found
    }

    fn first_match(&self, family: usize, matches: impl Fn(&str) -> bool) -> Option<Match> {
        let lines = self.lines.get(family).map_or(&[][..], Vec::as_slice);
        let bytes = self.bytes.get(family).map_or(&[][..], Vec::as_slice);
        for (&span, &(from, to)) in lines.iter().zip(bytes) {
            if matches(&sane(&self.folded[from..to])) {
                return Some(Match { span, bytes: (from, to) });
            }
        }
        None
    }

    /// As [`Read`]'s, reading only the lines that may match: a label's first character and
    /// its colon at the end, a date's first four digits and its dash, a caption's 第, number
    /// and 张 or 張 at the end.
    fn site_spans(&self, chrome: &Chrome) -> SiteSpans {
        let patterns = patterns();
        let mut spans: Vec<(usize, usize)> =
            self.matches(chrome.family[SITE], |line| whole(&patterns.site, line)).iter().map(|m| m.span).collect();
        let text = self.original;
        let table = line_classes();
        let mut cursor = Cursor::default();
        let mut flags = Vec::new();
        let mut captions = Vec::new();
        let mut start = 0;
        while start <= text.len() {
            let end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |offset| start + offset);
            let raw = &text[start..end];
            let blank = |byte: &&u8| **byte == b' ' || **byte == b'\t';
            let indent = raw.iter().take_while(blank).count();
            let ink = &raw[indent..];
            // what each pattern needs of the line's ends: EMPTY_LABEL ends with its colon, a
            // TIMESTAMP_LINE opens with four digits and a dash, an IMAGE_CAPTION ends 第12张
            let trimmed = &ink[..ink.len() - ink.iter().rev().take_while(blank).count()];
            let label = (trimmed.ends_with(b":") || trimmed.ends_with("：".as_bytes()))
                && ["时", "发", "更", "小", "编", "栏"].iter().any(|first| ink.starts_with(first.as_bytes()));
            let digit = ink.len() >= 5 && ink[..4].iter().all(u8::is_ascii_digit) && matches!(ink[4], b'-' | b'/');
            let captioned = (trimmed.ends_with("张".as_bytes()) || trimmed.ends_with("張".as_bytes())) && {
                let number = &trimmed[..trimmed.len() - 3];
                let digits = number.iter().rev().take_while(|byte| byte.is_ascii_digit()).count();
                (1..=2).contains(&digits) && number[..number.len() - digits].ends_with("第".as_bytes())
            };
            if label || digit || captioned {
                let line = sane(raw);
                let line_start = cursor.point_of(text, start);
                let line_stop = || line_start + count(raw);
                if label && patterns.empty_label.is_match(&line) {
                    let (a, b) = (line_start, line_stop());
                    spans.push((a, b));
                    if end < text.len() {
                        let rest = &text[end + 1..];
                        let value = sane(&rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())]);
                        let length = value.chars().count();
                        let stripped = value.trim_matches(|c: char| table.of(c as u32) & LINE_SPACE != 0).chars().count();
                        if 0 < stripped && stripped <= LABEL_VALUE && !value.chars().any(|c| table.of(c as u32) & PUNCT != 0) {
                            spans.push((b + 1, b + 1 + length));
                        }
                    }
                }
                if digit {
                    timestamp(&line, || (line_start, line_stop()), &mut spans, &mut flags);
                }
                if captioned {
                    if let Some(caption) = patterns.caption.captures(&line) {
                        if let Some(title) = caption.name("title") {
                            let title_start = line_start + count(&raw[..title.start()]);
                            let title_end = title_start + count(&raw[title.start()..title.end()]);
                            captions.push(Caption { start: line_start, end: line_stop(), title_start, title_end });
                        }
                    }
                }
            }
            start = end + 1;
        }
        (flags, spans, captions)
    }
}

/// Whether `bytes` are well-formed UTF-8, lone surrogates allowed (WTF-8, as the binding hands
/// a Python string over): every code point is then a byte that is no continuation byte, and
/// reads as [`crate::text::CodePoints`] reads it. UTF-8 is ([`crate::text::is_utf8`]); any other
/// text is read branch-free over the bytes, so the compiler may run it on many at a time.
pub(crate) fn well_formed(bytes: &[u8]) -> bool {
    crate::text::is_utf8(bytes) || wtf8(bytes)
}

/// [`well_formed`] read byte by byte.
fn wtf8(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let at = |i: usize| if i < n { bytes[i] } else { 0 };
    // byte i given the three before it (zeros before the text)
    let wrong = |p3: u8, p2: u8, p1: u8, byte: u8| -> bool {
        let continuation = byte & 0xC0 == 0x80;
        let wanted = p1 >= 0xC0 || p2 >= 0xE0 || p3 >= 0xF0;
        let bad_lead = byte == 0xC0 || byte == 0xC1 || byte >= 0xF5;
        let bad_second = (p1 == 0xE0 && byte < 0xA0) || (p1 == 0xF0 && byte < 0x90) || (p1 == 0xF4 && byte >= 0x90);
        (continuation != wanted) | bad_lead | bad_second
    };
    let mut bad = false;
    for i in 0..n.min(3) {
        let before = |k: usize| if i >= k { bytes[i - k] } else { 0 };
        bad |= wrong(before(3), before(2), before(1), bytes[i]);
    }
    if n > 3 {
        for chunk in 0..(n - 3).div_ceil(256) {
            let from = 3 + chunk * 256;
            let to = (from + 256).min(n);
            let mut wrongs = 0u8;
            for (((&byte, &p1), &p2), &p3) in
                bytes[from..to].iter().zip(&bytes[from - 1..to - 1]).zip(&bytes[from - 2..to - 2]).zip(&bytes[from - 3..to - 3])
            {
                wrongs |= u8::from(wrong(p3, p2, p1, byte));
            }
            if wrongs != 0 {
                return false;
            }
        }
    }
    // a lead at the end wants more bytes than the text has
    bad |= n > 0 && (at(n - 1) >= 0xC0 || (n > 1 && at(n - 2) >= 0xE0) || (n > 2 && at(n - 3) >= 0xF0));
    !bad
}

/// For each code point from U+3400 to U+FFFF, one bit: whether it is traditional-only.
fn traditional_bits() -> &'static [u64] {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    BITS.get_or_init(|| {
        let classes = classes();
        let mut bits = vec![0u64; 0x10000 / 64];
        for point in 0x3400..0x10000u32 {
            if classes.of(point) & TRADITIONAL != 0 {
                bits[(point >> 6) as usize] |= 1 << (point & 63);
            }
        }
        bits
    })
}

/// Whether the character of a well-formed text at byte `at` (`next`: the 8 bytes from there)
/// is traditional-only (`read`'s test): only a three- or four-byte character can be one, and a
/// three-byte one is one bit of [`traditional_bits`].
#[cfg(test)]
#[inline(always)]
fn traditional_at(bits: &[u64], classes: &Table, text: &[u8], at: usize, next: u64) -> bool {
    let lead = next as u8;
    if lead < 0xE0 {
        return false;
    }
    if lead >= 0xF0 {
        return crate::text::decode_at(text, at).is_some_and(|(point, _)| classes.of(point) & TRADITIONAL != 0);
    }
    let point = (u32::from(lead & 0x0F) << 12) | (((next >> 8) as u32 & 0x3F) << 6) | ((next >> 16) as u32 & 0x3F);
    (bits[(point >> 6) as usize] >> (point & 63)) & 1 != 0
}

/// `[(0, line.len())]` when `pattern` (anchored at both ends) matches `line`.
fn whole(pattern: &Regex, line: &str) -> Vec<(usize, usize)> {
    if pattern.is_match(line) {
        vec![(0, line.len())]
    } else {
        Vec::new()
    }
}

/// A text as the line rules read it.
struct Read<'a> {
    /// The text, with each lone surrogate (and malformed byte) written as a character the
    /// patterns read alike, in as many bytes (see [`sane`]).
    original: Cow<'a, str>,
    /// The folded text, made sane the same way.
    folded: Cow<'a, str>,
    /// The folded text as it is (lone surrogates and all), for the messages.
    raw_folded: Cow<'a, [u8]>,
    /// Each family's trigger lines in the folded text, in code points.
    lines: Vec<Vec<(usize, usize)>>,
}

/// A match in the folded text: its span in code points and in bytes.
struct Match {
    span: (usize, usize),
    bytes: (usize, usize),
}

impl Read<'_> {
    /// Every match `find` gives (byte spans within the line it is given) on the family's
    /// trigger lines, in order.
    fn matches(&self, family: usize, find: impl Fn(&str) -> Vec<(usize, usize)>) -> Vec<Match> {
        let text = self.folded.as_ref();
        let mut cursor = Cursor::default();
        let mut found = Vec::new();
        for &(start, _) in self.lines.get(family).map_or(&[][..], Vec::as_slice) {
            let from = cursor.byte_of(text, start);
            let to = line_end(text, from);
            for (a, b) in find(&text[from..to]) {
                let span = (cursor.point_of(text, from + a), cursor.point_of(text, from + b));
                found.push(Match { span, bytes: (from + a, from + b) });
            }
            cursor.point_of(text, to);
        }
        found
    }

    /// The first trigger line of the family that `matches` says is a match, whole.
    fn first_match(&self, family: usize, matches: impl Fn(&str) -> bool) -> Option<Match> {
        let text = self.folded.as_ref();
        let mut cursor = Cursor::default();
        for &(start, end) in self.lines.get(family).map_or(&[][..], Vec::as_slice) {
            let from = cursor.byte_of(text, start);
            let to = line_end(text, from);
            if matches(&text[from..to]) {
                return Some(Match { span: (start, end), bytes: (from, to) });
            }
        }
        None
    }
}

/// site-chrome's timestamp line: a date with a time goes (its span into `spans`), a bare date is
/// flagged; `span` gives the line's span in code points, counted only for a timestamp.
fn timestamp(line: &str, span: impl FnOnce() -> (usize, usize), spans: &mut Vec<(usize, usize)>, flags: &mut Vec<Finding>) {
    let Some(stamp) = patterns().timestamp.captures(line) else { return };
    let span = span();
    if stamp.name("time").is_some() {
        spans.push(span);
    } else {
        let date = line.trim_matches(|c: char| line_classes().of(c as u32) & LINE_SPACE != 0);
        let message = format!("a date on a line of its own: “{date}”").into_bytes();
        flags.push(Finding { start: span.0, end: span.1, message: Some(message) });
    }
}

/// Where the line that holds byte `from` ends (its newline, or the text's end).
fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |offset| from + offset)
}

/// `bytes` as a `str` the patterns read as Python reads the string: a lone surrogate
/// (three WTF-8 bytes, which no pattern names and every negated class takes) becomes
/// U+FFFD (three bytes too, read alike), and a malformed byte (never from the binding)
/// U+0001; every character keeps its byte offset, and its code-point offset as long as the
/// bytes are those of a Python string (a stray continuation byte, which no `str` encodes to,
/// counts as no code point in [`crate::boilerplate::Triggers`]: such input gives offsets that
/// are wrong, never a panic).
fn sane(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some((point, width)) = crate::text::decode_at(bytes, at) {
        if (0xD800..0xE000).contains(&point) {
            out.extend_from_slice("\u{FFFD}".as_bytes());
        } else if width == 1 && bytes[at] >= 0x80 {
            out.push(0x01);
        } else {
            out.extend_from_slice(&bytes[at..at + width]);
        }
        at += width;
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
}

/// `s` with Python's `str.strip()` whitespace off both ends.
fn strip(s: &str) -> &str {
    let table = line_classes();
    s.trim_matches(|c: char| table.of(c as u32) & LINE_SPACE != 0)
}

/// `{n:,}`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte offset and the code-point offset it stands at, moved forward only.
#[derive(Default)]
struct Cursor {
    byte: usize,
    point: usize,
}

impl Cursor {
    /// The code-point offset of byte `to` (at or after the last asked for).
    fn point_of(&mut self, text: impl AsRef<[u8]>, to: usize) -> usize {
        if to > self.byte {
            self.point += fast_count(&text.as_ref()[self.byte..to]);
            self.byte = to;
        }
        self.point
    }

    /// The byte offset of code point `point` (at or after the last asked for; the end of
    /// `text` when it holds fewer).
    fn byte_of(&mut self, text: &str, point: usize) -> usize {
        let bytes = text.as_bytes();
        while self.point < point && self.byte < bytes.len() {
            self.byte += 1;
            while self.byte < bytes.len() && bytes[self.byte] & 0xC0 == 0x80 {
                self.byte += 1;
            }
            self.point += 1;
        }
        self.byte
    }
}

/// Random access to a text's characters by code-point offset (its bytes well-formed, see
/// [`well_formed`], or a `str`'s): the byte offset of every 64th, built on first need (most
/// texts have nothing to remove).
struct Points<'a> {
    text: &'a [u8],
    marks: Vec<usize>,
    len: usize,
}

const MARK: usize = 64;

impl<'a> Points<'a> {
    fn new(text: &'a [u8]) -> Points<'a> {
        Points { text, marks: Vec::new(), len: fast_count(text) }
    }

    /// The character at code point `point` (below `len`), a lone surrogate read as U+FFFD.
    fn at(&mut self, point: usize) -> char {
        let text = self.text;
        let opening = |at: &usize| text[*at] & 0xC0 != 0x80;
        if self.marks.is_empty() {
            self.marks = (0..text.len()).filter(opening).step_by(MARK).collect();
        }
        let from = self.marks.get(point / MARK).copied().unwrap_or(text.len());
        match (from..text.len()).filter(opening).nth(point % MARK) {
            Some(at) => crate::text::decode_at(text, at).map_or('\n', |(point, _)| char::from_u32(point).unwrap_or('\u{FFFD}')),
            None => '\n',
        }
    }
}

/// `boilerplate._SPACES`: the spaces the whitespace rule takes off a line edge.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}' | '\u{2002}'..='\u{200A}')
}

/// `_removals`: the spans sorted, those only spaces apart merged, each widened.
fn removals(points: &mut Points<'_>, spans: impl Iterator<Item = (usize, usize)>) -> Vec<Finding> {
    let mut spans: Vec<(usize, usize)> = spans.collect();
    if spans.is_empty() {
        return Vec::new();
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    let mut skipped = (usize::MAX, 0); // (end, where the spaces after it end), the last asked for
    for (start, end) in spans {
        if let Some(last) = merged.last_mut() {
            if skipped.0 != last.1 {
                let mut position = last.1;
                while position < points.len && is_space(points.at(position)) {
                    position += 1;
                }
                skipped = (last.1, position);
            }
            if start <= skipped.1 {
                last.1 = last.1.max(end);
                continue;
            }
        }
        merged.push((start, end));
    }
    merged.into_iter().map(|(start, end)| widened(points, start, end)).collect()
}

/// `_widened`: the removal of `start..end` with the spaces it would strand at its line's
/// start or end.
fn widened(points: &mut Points<'_>, start: usize, end: usize) -> Finding {
    let (mut left, mut right) = (start, end);
    while left > 0 && is_space(points.at(left - 1)) {
        left -= 1;
    }
    while right < points.len && is_space(points.at(right)) {
        right += 1;
    }
    let at_line_start = left == 0 || points.at(left - 1) == '\n';
    let at_line_end = right == points.len || points.at(right) == '\n';
    Finding {
        start: if at_line_end { left } else { start },
        end: if at_line_start || at_line_end { right } else { end },
        message: None,
    }
}

#[cfg(test)]
#[path = "../examples/common/triggers.rs"]
mod triggers;

#[cfg(test)]
mod tests {
    use super::*;

    /// The trigger words as `cutter/patterns.py` writes them (its `TRIGGERS` table), so the
    /// tests read the rules' own words: (the families in order, each word with its bits).
    fn trigger_words() -> (Vec<String>, Vec<(String, u64)>) {
        super::triggers::trigger_words(include_str!("../../../cutter/patterns.py"))
    }

    /// The fold of the characters the case tables and these tests hold (the real table is
    /// built in Python from OpenCC and CEDICT).
    const FOLD: [(&str, &str); 2] = [
        ("佈個戶於欄氣發計訴識議讀貼鐘閱預擴為編輯導語帶來範會員分享僅參", "布个户于栏气发计诉识议读贴钟阅预扩为编辑导语带来范会员分享仅参"),
        ("俓", "𠇹"),
    ];

    fn chrome(fold: bool) -> Chrome {
        let (families, words) = trigger_words();
        let triggers = Triggers::new(&words, families.len()).unwrap();
        let pairs: Vec<(u32, u32)> = FOLD
            .iter()
            .flat_map(|(from, to)| from.chars().zip(to.chars()))
            .filter(|(a, b)| a != b)
            .map(|(a, b)| (a as u32, b as u32))
            .collect();
        Chrome::new(triggers, &families, fold.then(|| Fold::new(&pairs).unwrap())).unwrap()
    }

    fn found(text: &str) -> LineFindings {
        chrome(true).findings(text.as_bytes()).unwrap()
    }

    /// The rule's findings as the Python wrapper gives them, captions removed when their title
    /// stands twice in the text (as `_Repeated` says; the cases have no page title).
    fn rule(name: &str, text: &str) -> Vec<Finding> {
        let all = found(text);
        match name {
            "hidden-text" => all.hidden_text,
            "site-chrome" => {
                let points: Vec<char> = text.chars().collect();
                let piece = |a: usize, b: usize| points[a..b].iter().collect::<String>();
                let mut out = all.site_chrome_flags;
                let mut removed = Vec::new();
                for c in &all.captions {
                    let title = piece(c.title_start, c.title_end).trim().to_string();
                    if text.matches(title.as_str()).count() > 1 {
                        removed.push((c.start, c.end));
                    } else {
                        let message = format!("possible image caption: “{}”", piece(c.start, c.end).trim());
                        out.push(Finding { start: c.start, end: c.end, message: Some(message.into_bytes()) });
                    }
                }
                out.extend(chrome(true).site_chrome(text.as_bytes(), &removed).unwrap());
                out
            }
            "doc-chrome" => all.doc_chrome,
            "labelled-intro" => all.labelled_intro,
            "lead-in" => all.lead_in,
            "footer" => all.footer,
            _ => unreachable!("{name}"),
        }
    }

    fn apply(text: &str, found: &[Finding]) -> String {
        let points: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for finding in found.iter().filter(|f| f.message.is_none()) {
            out.extend(&points[at..finding.start]);
            at = finding.end;
        }
        out.extend(&points[at..]);
        out
    }

    fn texts(text: &str, found: &[Finding]) -> Vec<(String, Option<String>)> {
        let points: Vec<char> = text.chars().collect();
        found
            .iter()
            .map(|f| {
                let message = f.message.as_ref().map(|m| String::from_utf8(m.clone()).unwrap());
                (points[f.start..f.end].iter().collect(), message)
            })
            .collect()
    }

    /// The rule's table in tests/cases/<rule>.json, the spec the Python tests read too.
    fn check_cases(name: &str) {
        let path = format!("{}/../../tests/cases/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let table: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
        let empty = Vec::new();
        let fixes = table["fix"].as_array().unwrap();
        let keeps = table["keep"].as_array().unwrap();
        assert!(!fixes.is_empty() && !keeps.is_empty(), "{name}");
        for case in fixes {
            let (before, after) = (text(&case[0]), text(&case[1]));
            assert_eq!(apply(&before, &rule(name, &before)), after, "{name} fix {before:?}");
        }
        for case in keeps.iter().map(text) {
            assert_eq!(rule(name, &case), vec![], "{name} keep {case:?}");
        }
        for case in table.get("flag").and_then(|v| v.as_array()).unwrap_or(&empty).iter().map(text) {
            let found = rule(name, &case);
            assert!(!found.is_empty() && found.iter().all(|f| f.message.is_some()), "{name} flag {case:?}: {found:?}");
        }
    }

    #[test]
    fn the_case_tables_hold() {
        for name in ["hidden-text", "site-chrome", "doc-chrome", "labelled-intro", "lead-in", "footer"] {
            check_cases(name);
        }
    }

    #[test]
    fn the_patterns_compile() {
        let _ = patterns();
        assert!(chrome(false).findings("正文。".as_bytes()).is_some());
    }

    #[test]
    fn hidden_text_is_removed_and_flagged() {
        let text = "我们要努力……此处隐藏1234个字……谢谢大家。";
        assert_eq!(
            texts(text, &found(text).hidden_text),
            vec![
                ("……此处隐藏1234个字……".into(), None),
                ("……此处隐藏1234个字……".into(), Some("text hidden by the site is missing here (……此处隐藏1234个字……)".into())),
            ]
        );
        assert_eq!(found("这里隐藏着一个秘密。").hidden_text, vec![]);
    }

    #[test]
    fn traditional_text_is_folded_first_and_flagged_in_simplified() {
        let text = "我們要努力……此處隱藏12個字……";
        let messages: Vec<_> = texts(text, &found(text).hidden_text).into_iter().filter_map(|(_, m)| m).collect();
        // 處 and 隱 are not in this test's fold: only the folded characters read as simplified
        assert_eq!(messages, Vec::<String>::new());
        let text = "為大家……此处隐藏12個字……";
        let messages: Vec<_> = texts(text, &found(text).hidden_text).into_iter().filter_map(|(_, m)| m).collect();
        assert_eq!(messages, vec!["text hidden by the site is missing here (……此处隐藏12个字……)".to_string()]);
        // a Chrome without the fold declines a text that needs it
        assert!(chrome(false).findings(text.as_bytes()).is_none());
        assert!(chrome(false).site_chrome(text.as_bytes(), &[]).is_none());
    }

    #[test]
    fn a_fold_that_changes_a_characters_width_keeps_the_offsets() {
        // 俓 (3 bytes) folds to 𠇹 (4 bytes): the spans after it are still the text's
        let text = "為俓俓相关资讯\n另一篇。";
        assert_eq!(texts(text, &found(text).footer), vec![("為俓俓相关资讯\n另一篇。".into(), None)]);
        let text = "為俓\n俓俓 展开全文";
        assert_eq!(texts(text, &found(text).hidden_text)[0], (" 展开全文".into(), None));
    }

    #[test]
    fn site_chrome_lines_labels_stamps_and_captions() {
        let text = "时间:\n2022-11-26 22:02\n小编:\nabc\n2015-07-16\n校园一角 第3张\n正文。";
        let all = found(text);
        assert_eq!(
            texts(text, &all.site_chrome_flags),
            vec![("2015-07-16".into(), Some("a date on a line of its own: “2015-07-16”".into()))]
        );
        assert_eq!(
            texts(text, &all.site_chrome),
            vec![("时间:\n2022-11-26 22:02\n小编:\nabc".into(), None)].into_iter().take(0).chain(
                ["时间:", "2022-11-26 22:02", "小编:", "abc"].map(|s| (s.to_string(), None))
            ).collect::<Vec<_>>()
        );
        let caption = all.captions[0];
        let points: Vec<char> = text.chars().collect();
        assert_eq!(points[caption.title_start..caption.title_end].iter().collect::<String>(), "校园一角");
        assert_eq!(points[caption.start..caption.end].iter().collect::<String>(), "校园一角 第3张");
        let removed = chrome(true).site_chrome(text.as_bytes(), &[(caption.start, caption.end)]).unwrap();
        assert_eq!(texts(text, &removed).last().unwrap().0, "校园一角 第3张");
        // a caption span past the text is ignored, never a panic
        assert_eq!(chrome(true).site_chrome(text.as_bytes(), &[(5, 999), (9, 3)]).unwrap(), all.site_chrome);
    }

    #[test]
    fn an_empty_labels_value_goes_only_when_short_and_without_punctuation() {
        for (text, removed) in [
            ("小编:\nabc\n正文。", vec!["小编:", "abc"]),
            ("小编:\n今天，晴\n正文。", vec!["小编:"]),
            ("小编:\n \u{3000}\n正文。", vec!["小编:"]),
            ("小编:\n一二三四五六七八九十一二三四五六七八九十\n", vec!["小编:", "一二三四五六七八九十一二三四五六七八九十"]),
            ("小编:\n一二三四五六七八九十一二三四五六七八九十一\n", vec!["小编:"]),
            ("小编:", vec!["小编:"]),
        ] {
            let got: Vec<String> = texts(text, &found(text).site_chrome).into_iter().map(|(s, _)| s).collect();
            assert_eq!(got, removed, "{text:?}");
        }
    }

    #[test]
    fn the_footer_cuts_a_short_tail_and_flags_a_long_one() {
        let text = "谢谢大家。\n扩展阅读\n另一篇。";
        assert_eq!(texts(text, &found(text).footer), vec![("扩展阅读\n另一篇。".into(), None)]);
        let text = format!("谢谢。\n\u{3000}相关推荐 \n{}", "甲".repeat(6000));
        let flag = Some("a footer marker “相关推荐” with 6,007 characters after it: kept".to_string());
        assert_eq!(texts(&text, &found(&text).footer), vec![("\u{3000}相关推荐 ".into(), flag)]);
        assert_eq!(found("扩展阅读面是提高写作能力的好方法。").footer, vec![]);
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn the_footer_reads_a_run_of_full_stops_as_one_item() {
        // 80 items after the colon: a run of 。 is one of them however long, a lone 。 none
        let ok = format!("扩展阅读：{}", "甲。。".repeat(40));
        assert_eq!(found(&ok).footer.len(), 1);
        let over = format!("扩展阅读：{}甲", "甲。。".repeat(40));
        assert_eq!(found(&over).footer, vec![]);
        assert_eq!(found("扩展阅读：甲。乙").footer, vec![]);
    }

    #[test]
    fn labelled_intros_need_their_word_after_the_preface_label() {
        assert_eq!(found("[前言]本文由会员投稿\n正文。").labelled_intro.len(), 1);
        assert_eq!(found("[前言]我们的故事\n正文。").labelled_intro, vec![]);
        assert_eq!(found("会员[前言]推荐\n").labelled_intro, vec![]);
    }

    #[test]
    fn removals_only_spaces_apart_are_merged_and_widened() {
        let text = "手机阅读\n正文。";
        assert_eq!(texts(text, &found(text).site_chrome), vec![("手机阅读".into(), None)]);
        let text = "甲 展开全文 \u{3000}展开全文 乙";
        let fixes: Vec<_> = found(text).hidden_text.into_iter().filter(|f| f.message.is_none()).collect();
        assert_eq!(texts(text, &fixes), vec![("展开全文 \u{3000}展开全文".into(), None)]);
    }

    #[test]
    fn a_family_the_triggers_lack_is_refused() {
        let triggers = Triggers::new(&[("以下", 1)], 1).unwrap();
        assert!(Chrome::new(triggers, &["offer"], None).is_err());
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
        let chrome = chrome(true);
        chrome.findings(&bytes);
        for text in [
            &b"\xed\xa0\x80\n\xe6\x89\xa9\xe5\xb1\x95\xe9\x98\x85\xe8\xaf\xbb\xed\xa0\x80"[..],
            b"\xff\xe5\x89\n\xe5\xb1\x95\xe5\xbc\x80\xe5\x85\xa8\xe6\x96\x87\xff",
            b"\n",
            b"",
            "时间:\n\u{FFFD}".as_bytes(),
        ] {
            chrome.findings(text);
            chrome.site_chrome(text, &[(0, 1), (0, 0)]);
        }
    }

    /// `well_formed` as the decoder reads: the text is UTF-8 once each lone surrogate is
    /// written as U+FFFD (every byte then read as part of a character).
    fn well_formed_slowly(bytes: &[u8]) -> bool {
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at] == 0xED && bytes.get(at + 1).is_some_and(|b| (0xA0..0xC0).contains(b)) && bytes.get(at + 2).is_some_and(|b| b & 0xC0 == 0x80) {
                out.extend_from_slice("\u{FFFD}".as_bytes());
                at += 3;
            } else {
                out.push(bytes[at]);
                at += 1;
            }
        }
        std::str::from_utf8(&out).is_ok()
    }

    #[test]
    fn the_traditional_test_is_the_tables() {
        let classes = classes();
        let bits = traditional_bits();
        for c in ['個', '於', '為', '讀', '佈', '\u{2F800}', '甲', '为', '\u{FFFD}', '\u{20021}'] {
            let mut bytes = [0u8; 8];
            let width = c.encode_utf8(&mut bytes).len();
            let slow = c as u32 >= 0x3400 && classes.of(c as u32) & TRADITIONAL != 0;
            assert_eq!(traditional_at(bits, classes, &bytes[..width], 0, u64::from_le_bytes(bytes)), slow, "{c}");
        }
        assert!(classes.of('個' as u32) & TRADITIONAL != 0 && classes.of('为' as u32) & TRADITIONAL == 0);
    }

    #[test]
    fn well_formed_is_utf8_with_lone_surrogates() {
        let pieces: [&[u8]; 16] = [
            b"a", b"\n", "甲".as_bytes(), "\u{20021}".as_bytes(), "é".as_bytes(), b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\x80",
            b"\xe4\xb8", b"\xf0\x90", b"\xc0\x80", b"\xe0\x80\x80", b"\xf4\x90\x80\x80", b"\xff", b"\xf0\x8f\xbf\xbf", b"\xef\xbf\xbd",
        ];
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..50_000 {
            let mut text = Vec::new();
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let mut r = rng;
            // short texts, and long ones (the check runs in blocks of 256 bytes)
            let size = if r.is_multiple_of(8) { 100 + (r >> 3) % 200 } else { r % 7 };
            for _ in 0..size {
                r = r.rotate_left(5) ^ rng;
                r = r.wrapping_mul(0x2545_F491_4F6C_DD1D);
                let piece = pieces[(r >> 60) as usize];
                text.extend_from_slice(if size > 20 && !r.is_multiple_of(16) { "正文".as_bytes() } else { piece });
            }
            assert_eq!(well_formed(&text), well_formed_slowly(&text), "{text:?}");
            assert_eq!(wtf8(&text), well_formed_slowly(&text), "{text:?}"); // the UTF-8 ones too
        }
        assert!(well_formed(b"") && well_formed("甲乙".repeat(300).as_bytes()) && wtf8("甲乙".repeat(300).as_bytes()));
    }

    /// The fast reading (for a well-formed text: line by line, offsets by [`fast_count`]) finds
    /// what the whole text read the long way finds, on texts of the rules' own lines, with
    /// traditional characters, lone surrogates, CR, supplementary characters and spaces.
    #[test]
    fn the_fast_reading_finds_what_the_slow_one_finds() {
        let pieces = [
            "此处隐藏1234个字", "展开全文", "手机阅读", "时间:", "小编：", "2022-11-26 22:02", "2015-07-16", "校园一角 第3张",
            "扩展阅读", "相关推荐", "作者：张三 来源：网络", "为", "讀", "閱", "俓", "正文。", "\n", "\r\n", " ", "\u{3000}",
            "\u{20021}", "\u{1F600}", "由会员分享", "個", "於", "欄目：", "發布時間：", "\u{2F800}", "第1页/共3页", "【导语】", "以下是小编为大家整理的", "｜", "首页 | 范文 | 作文",
            "2015/7/6 8:05", "201-07-16", "风景 第12张\t", "图 第123张", "一张", "第张", "发布时间： ", "时间：\r", "编辑", "栏目:",
        ];
        let (plain, folding) = (chrome(false), chrome(true));
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..30_000u32 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let mut r = rng;
            let mut text = Vec::new();
            for _ in 0..(r % 9) {
                r = r.rotate_left(7).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ rng;
                match (r >> 58) % 40 {
                    0 => text.extend_from_slice(b"\xed\xa0\x80"),
                    n => text.extend_from_slice(pieces[n as usize % pieces.len()].as_bytes()),
                }
            }
            if round.is_multiple_of(100) {
                text.extend_from_slice(format!("\n{}", "甲".repeat(6000)).as_bytes());
            }
            assert!(well_formed(&text));
            for chrome in [&plain, &folding] {
                assert_eq!(chrome.findings(&text), chrome.findings_slowly(&text), "{:?}", String::from_utf8_lossy(&text));
                assert_eq!(chrome.findings(&text), chrome.findings_before(&text), "{:?}", String::from_utf8_lossy(&text));
                let captions: Vec<(usize, usize)> =
                    chrome.findings(&text).map(|f| f.captions.iter().map(|c| (c.start, c.end)).collect()).unwrap_or_default();
                let slow = chrome.read(&text).and_then(|read| chrome.site_chrome_of(&read, &captions));
                assert_eq!(chrome.site_chrome(&text, &captions), slow);
            }
        }
    }

    #[test]
    fn a_lone_surrogate_reads_as_python_reads_it_and_is_kept_in_a_message() {
        // "……（\ud800省略3字）……" encoded with surrogatepass
        let mut text = "……（".as_bytes().to_vec();
        text.extend_from_slice(b"\xed\xa0\x80");
        text.extend_from_slice("省略3字）……".as_bytes());
        let found = chrome(true).findings(&text).unwrap().hidden_text;
        assert_eq!((found[0].start, found[0].end), (0, 11));
        let message = found[1].message.clone().unwrap();
        assert!(message.windows(3).any(|w| w == b"\xed\xa0\x80"));
    }

    /// Texts of pieces that make the scan's four-character reading start, stop and fail at
    /// every offset: runs of three-byte characters (trigger words' first characters among
    /// them, traditional ones, E0 and ED leads, lone surrogates), ASCII, two- and four-byte
    /// characters, and every way a sequence can be cut or malformed.
    fn scan_pieces() -> Vec<Vec<u8>> {
        let mut pieces: Vec<Vec<u8>> = [
            "正文", "甲", "在", "不", "以下", "小编", "扩展阅读", "展开全文", "相关推荐", "Word版本", "为", "個", "讀", "俓",
            "\u{0800}", "\u{0FFF}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{20021}", "\u{2F800}", "\u{10FFFF}", "é", "\u{07FF}",
            "\n", " ", "a", "|", "｜", ".com", "篇)", "页/", "_第", "时间:", "2022-11-26 22:02", "张", "\u{3000}",
        ]
        .iter()
        .map(|piece| piece.as_bytes().to_vec())
        .collect();
        for bytes in [
            &b"\xed\xa0\x80"[..], b"\xed\xbf\xbf", b"\xe0\x80\x80", b"\xe0\x9f\xbf", b"\xe4\xb8", b"\xe4", b"\x80", b"\xbf",
            b"\xc0\x80", b"\xc1\xbf", b"\xc2", b"\xf0\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff",
            b"\xf0\x90\x80", b"\xe4\xb8\x41", b"\xe4\x41\x80",
        ] {
            pieces.push(bytes.to_vec());
        }
        pieces
    }

    fn random_text(rng: &mut u64, pieces: &[Vec<u8>], malformed: bool) -> Vec<u8> {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        let mut r = *rng;
        let mut text = Vec::new();
        for _ in 0..(r % 40) {
            r = r.rotate_left(11).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ *rng;
            let choice = (r >> 40) as usize;
            // mostly runs of common characters, the rest any piece
            let piece = match choice % 4 {
                0 | 1 => &pieces[choice / 4 % 4],
                _ if malformed => &pieces[choice / 4 % pieces.len()],
                _ => &pieces[choice / 4 % (pieces.len() - 18)],
            };
            text.extend_from_slice(piece);
            if choice.is_multiple_of(97) {
                text.extend_from_slice("甲乙丙丁".repeat((choice / 97) % 8).as_bytes());
            }
        }
        text
    }

    /// The scan tells a malformed text as [`well_formed`] does, finds a traditional-only
    /// character as `read` does, and hands [`Triggers::lines_at`] places that give the lines
    /// the whole reading gives.
    #[test]
    fn the_scan_agrees_with_the_reading_it_replaces() {
        let pieces = scan_pieces();
        let (plain, folding) = (chrome(false), chrome(true));
        let classes = classes();
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for round in 0..60_000u32 {
            let text = random_text(&mut rng, &pieces, round % 2 == 0);
            let malformed = !well_formed(&text);
            let traditional = crate::text::CodePoints::new(&text).any(|(_, point)| point >= 0x3400 && classes.of(point) & TRADITIONAL != 0);
            let shown = String::from_utf8_lossy(&text).into_owned();
            for stop in [true, false] {
                match plain.scan(&text, stop) {
                    Scan::Malformed => assert!(malformed, "{shown:?}"),
                    Scan::Traditional => assert!(stop && traditional && !malformed, "{shown:?}"),
                    Scan::Places(places) => {
                        assert!(!(malformed || stop && traditional), "{shown:?}");
                        assert_eq!(plain.lines_at(&text, places), plain.triggers.lines_and_bytes(&text), "{shown:?}");
                    }
                }
            }
            for chrome in [&plain, &folding] {
                let found = chrome.findings(&text);
                assert_eq!(found, chrome.findings_before(&text), "{shown:?}");
                assert_eq!(found, chrome.findings_slowly(&text), "{shown:?}");
                assert_eq!(chrome.site_chrome(&text, &[(0, 2)]), chrome.read(&text).and_then(|read| chrome.site_chrome_of(&read, &[(0, 2)])));
            }
        }
    }

    /// The fold read four characters at a time folds a well-formed text as the fold read
    /// character by character does: with twins for common, traditional, E0-led, surrogate,
    /// two-byte and supplementary characters, of every width.
    #[test]
    fn the_quick_fold_is_the_fold() {
        let pieces = scan_pieces();
        let pairs: Vec<(u32, u32)> = [
            ('個', '个'), ('為', '为'), ('讀', '读'), ('俓', '\u{20021}'), ('甲', '乙'), ('在', 'a'), ('\u{0800}', '\u{0801}'),
            ('é', '\u{FFFF}'), ('\u{20021}', '丁'), ('\u{10FFFF}', 'é'), ('a', '\u{3000}'),
        ]
        .iter()
        .map(|&(a, b)| (a as u32, b as u32))
        .chain([(0xD800, '甲' as u32), (0xDFFF, 'b' as u32)])
        .collect();
        let fold = Fold::new(&pairs).unwrap();
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut folded = 0;
        for round in 0..60_000u32 {
            let text = random_text(&mut rng, &pieces, round % 2 == 0);
            if well_formed(&text) {
                let quick = fold.apply_well_formed(&text);
                folded += usize::from(quick.is_some());
                assert_eq!(quick, fold.apply(&text), "{:?}", String::from_utf8_lossy(&text));
            } else {
                let _ = fold.apply_well_formed(&text); // no panic
            }
        }
        assert!(folded > 1000, "{folded}");
    }

    /// The four-character reading of [`two_characters`] is the decoder's, for every lead and
    /// every shape of the bytes after it.
    #[test]
    fn two_characters_are_two_three_byte_characters() {
        let bytes = [0x00u8, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xFF];
        for &a in &bytes {
            for &b in &bytes {
                for &c in &bytes {
                    for &d in &[0xE0u8, 0xE4, 0x41, 0xF0] {
                        let window = [a, b, c, d, 0x80, 0x80, 0, 0];
                        let first = (0xE1..0xF0).contains(&a) && b & 0xC0 == 0x80 && c & 0xC0 == 0x80;
                        let second = (0xE1..0xF0).contains(&d);
                        assert_eq!(two_characters(u64::from_le_bytes(window)), first && second, "{window:x?}");
                    }
                }
            }
        }
    }

    /// `found`'s part `part` alone, as [`Chrome::part`] gives it.
    fn only(found: &LineFindings, part: Part) -> LineFindings {
        let mut out = LineFindings::default();
        match part {
            Part::HiddenText => out.hidden_text = found.hidden_text.clone(),
            Part::SiteChrome => {
                out.site_chrome_flags = found.site_chrome_flags.clone();
                out.site_chrome = found.site_chrome.clone();
                out.captions = found.captions.clone();
            }
            Part::DocChrome => out.doc_chrome = found.doc_chrome.clone(),
            Part::LabelledIntro => out.labelled_intro = found.labelled_intro.clone(),
            Part::LeadIn => out.lead_in = found.lead_in.clone(),
            Part::Footer => out.footer = found.footer.clone(),
        }
        out
    }

    /// The pieces of the incremental tests: each rule's lines, their near misses, labels and
    /// values, traditional and supplementary characters, lone surrogates, CR, spaces.
    const LINE_PIECES: [&str; 40] = [
        "此处隐藏1234个字", "展开全文", "手机阅读", "时间:", "小编：", "2022-11-26 22:02", "2015-07-16", "校园一角 第3张",
        "扩展阅读", "相关推荐", "作者：张三 来源：网络", "正文。", "\n", "\n", "\n", "\r\n", " ", "\u{3000}", "讀", "閱",
        "俓", "\u{20021}", "由会员分享", "欄目：", "第1页/共3页", "【导语】", "以下是小编为大家整理的", "｜", "首页 | 范文 | 作文",
        "abc", "甲乙丙", "下一篇：春", "在日常学习、工作或生活中，大家总少不了写范文吧", "声明：仅供参考", "范文仅供参考，自行编辑使用",
        "\u{1F600}", "编辑：", "（省略20字）", "\t", "丁",
    ];

    fn next(rng: &mut u64) -> u64 {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    }

    fn line_text(rng: &mut u64) -> Vec<u8> {
        let mut text = Vec::new();
        let pieces = next(rng) % 14;
        for _ in 0..pieces {
            let r = next(rng);
            match r % 50 {
                0 => text.extend_from_slice(b"\xed\xa0\x80"),
                1 => text.extend_from_slice("甲".repeat(1700 + (r >> 8) as usize % 4000).as_bytes()),
                n => text.extend_from_slice(LINE_PIECES[n as usize % LINE_PIECES.len()].as_bytes()),
            }
        }
        text
    }

    /// Random fixes of `text` (`length` code points): whole lines removed (with or without
    /// their newline), spans removed or replaced, pieces inserted.
    fn random_fixes(rng: &mut u64, text: &[u8], length: usize) -> Vec<(usize, usize, Vec<u8>)> {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                crate::text::CodePoints::new(text)
                    .enumerate()
                    .filter(|&(_, (_, point))| point == u32::from(b'\n'))
                    .map(|(index, _)| index + 1),
            )
            .collect();
        let mut fixes = Vec::new();
        for _ in 0..1 + next(rng) % 3 {
            let r = next(rng);
            let piece = || LINE_PIECES[(r >> 20) as usize % LINE_PIECES.len()].as_bytes().to_vec();
            let a = (r >> 5) as usize % (length + 1);
            let b = (a + (r >> 30) as usize % 12).min(length);
            match r % 5 {
                0 | 1 => {
                    // a whole line, its newline too when r says so
                    let k = (r >> 12) as usize % starts.len();
                    let start = starts[k];
                    let end = starts.get(k + 1).map_or(length, |&next| next - usize::from(r & 32 == 0));
                    fixes.push((start, end.max(start), Vec::new()));
                }
                2 => fixes.push((a, b, Vec::new())),
                3 => fixes.push((a, b, piece())),
                _ => fixes.push((a, a, piece())),
            }
        }
        fixes
    }

    /// A scan brought up to date after fixes ([`Chrome::update`]; or after several rounds of
    /// them, each taken in with [`Scanned::edited`] and read once with [`Chrome::refresh`]) is
    /// the scan of the text they made, and every rule's part read from it is what
    /// [`Chrome::findings`] gives; where the update refuses, the new text is one that cannot
    /// be scanned so.
    #[test]
    fn an_updated_scan_is_a_fresh_scan() {
        let (plain, folding) = (chrome(false), chrome(true));
        let mut rng = 0x1234_5678_9ABC_DEF1u64;
        let mut updated = 0;
        for round in 0..20_000u32 {
            let text = line_text(&mut rng);
            let mut run = crate::normalize::Run::new(text.clone());
            let mut kept: Vec<Option<Scanned>> = [&plain, &folding]
                .iter()
                .map(|chrome| match chrome.prepare(&text) {
                    Some(Prepared::Scanned(scanned)) => Some(scanned),
                    _ => None,
                })
                .collect();
            let rounds = if round % 2 == 0 { 1 } else { 1 + next(&mut rng) % 3 };
            let mut all_splices = Vec::new();
            for _ in 0..rounds {
                let fixes = random_fixes(&mut rng, run.text(), run.length());
                let replacements: Vec<crate::normalize::Replacement<'_>> = fixes
                    .iter()
                    .map(|(start, end, after)| crate::normalize::Replacement { start: *start, end: *end, after })
                    .collect();
                let changed = run.apply(0, &replacements).unwrap();
                let splices = run.last_splices().unwrap().to_vec();
                assert_eq!(changed, !splices.is_empty());
                for (slot, chrome) in kept.iter_mut().zip([&plain, &folding]) {
                    let Some(scanned) = slot else { continue };
                    let taken = if rounds == 1 { chrome.update(scanned, run.text(), &splices) } else { scanned.edited(run.text(), &splices) };
                    if !taken {
                        *slot = None;
                    }
                }
                all_splices.push(splices);
            }
            let new = run.text().to_vec();
            let shown = (String::from_utf8_lossy(&text).into_owned(), String::from_utf8_lossy(&new).into_owned());
            for (slot, chrome) in kept.iter_mut().zip([&plain, &folding]) {
                let fresh = chrome.prepare(&new);
                let refreshed = slot.as_mut().map(|scanned| chrome.refresh(scanned, &new));
                match (slot, refreshed) {
                    (Some(scanned), Some(true)) => {
                        updated += 1;
                        assert!(scanned.up_to_date());
                        assert_eq!(fresh.as_ref(), Some(&Prepared::Scanned(scanned.clone())), "{shown:?} {all_splices:?}");
                        let all = chrome.findings(&new).unwrap();
                        for part in Part::ALL {
                            let read = chrome.part(&new, scanned, part);
                            assert_eq!(read, only(&all, part), "{shown:?} {part:?}");
                            assert!(chrome.reads(scanned, part) || read == LineFindings::default(), "{shown:?} {part:?}");
                        }
                    }
                    (Some(_), _) => assert!(!matches!(fresh, Some(Prepared::Scanned(_))), "{shown:?} {all_splices:?}"),
                    (None, _) => {
                        // dropped before the last round: only as the text went unscannable
                        // (a round that brought a traditional-only character or a malformed byte)
                    }
                }
            }
        }
        assert!(updated > 10_000, "{updated}");
    }

    /// The line rules run one after another as the binding runs them (one scan kept and
    /// brought up to date after each rule's fixes, other fixes between them) find what each
    /// finds in a text scanned afresh, and the texts they leave are the same.
    #[test]
    fn the_rules_in_turn_on_a_kept_scan_find_what_fresh_scans_find() {
        let (plain, folding) = (chrome(false), chrome(true));
        let mut rng = 0x0DDB_1A5E_5BAD_5EEDu64;
        for round in 0..6_000u32 {
            let mut text = line_text(&mut rng);
            if round % 3 == 0 {
                text.extend_from_slice("\n扩展阅读：\n相关推荐\n".as_bytes());
            }
            let chrome = if round % 2 == 0 { &plain } else { &folding };
            let mut run = crate::normalize::Run::new(text.clone());
            let mut kept: Option<Prepared> = None;
            for part in Part::ALL {
                // a fix of another rule (offer, title-repeat) now and then
                if next(&mut rng).is_multiple_of(3) {
                    let fixes = random_fixes(&mut rng, run.text(), run.length());
                    let replacements: Vec<crate::normalize::Replacement<'_>> = fixes
                        .iter()
                        .map(|(start, end, after)| crate::normalize::Replacement { start: *start, end: *end, after })
                        .collect();
                    if run.apply(1, &replacements).unwrap() {
                        edited(&mut kept, &run);
                    }
                }
                let fresh = chrome.findings(run.text());
                if let Some(Prepared::Scanned(scanned)) = &mut kept {
                    if !chrome.refresh(scanned, run.text()) {
                        kept = None;
                    }
                }
                if kept.is_none() {
                    kept = chrome.prepare(run.text());
                }
                let found = match &kept {
                    None => None,
                    Some(Prepared::Found(all)) => Some(only(all, part)),
                    Some(Prepared::Scanned(scanned)) => Some(chrome.part(run.text(), scanned, part)),
                };
                let shown = String::from_utf8_lossy(run.text()).into_owned();
                assert_eq!(found, fresh.as_ref().map(|all| only(all, part)), "{shown:?} {part:?}");
                let Some(found) = found else { break };
                let mut findings = crate::normalize::Findings::default();
                for finding in [&found.hidden_text, &found.site_chrome, &found.doc_chrome, &found.labelled_intro, &found.lead_in, &found.footer]
                    .into_iter()
                    .flatten()
                {
                    let message = finding.message.as_deref();
                    findings.push(finding.start, finding.end, message.unwrap_or_default(), message.is_some());
                }
                if run.apply_found(2, &findings, false).unwrap().changed {
                    edited(&mut kept, &run);
                }
            }
        }
    }

    /// What the binding does after a fix: the fixes taken into the kept scan, or it dropped.
    fn edited(kept: &mut Option<Prepared>, run: &crate::normalize::Run) {
        let taken = match (kept.as_mut(), run.last_splices()) {
            (Some(Prepared::Scanned(scanned)), Some(splices)) => scanned.edited(run.text(), splices),
            _ => false,
        };
        if !taken {
            *kept = None;
        }
    }
}
