//! `cutter._core`: the Python binding of `cutter-core`: conversions and errors, and the
//! normalizer's loop over the rules the core holds ([`plan`]).
//!
//! Every function takes the text as the `str` (or `bytes`) it is, releases the GIL while
//! the core works, and turns a panic into `cutter.errors.InputError` for that document,
//! so a bug in the core costs one input, never the process.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, Once};

use std::collections::HashMap;

use cutter_core::{boilerplate, decode, headers, lines, normalize, paragraphs, punctuation, rare, script};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

mod plan;

/// Run `work` over the text's bytes with the GIL released. The text is encoded into a
/// bytes object that lives for this call only: `to_str` would keep a UTF-8 copy inside the
/// `str` for as long as the `str` lives (1.5 times a Chinese document's size, for every
/// document and piece a batch holds). A `str` holding lone surrogates (which UTF-8 cannot
/// encode) is handed over encoded with `surrogatepass`, which the core reads
/// (`cutter_core::text`).
fn with_text<T: Send>(text: &Bound<'_, PyString>, work: impl FnOnce(&[u8]) -> T + Send) -> PyResult<T> {
    match text.encode_utf8() {
        Ok(utf8) => run(text.py(), utf8.as_bytes(), work),
        Err(_) => {
            let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
            let bytes = encoded.cast::<PyBytes>()?;
            run(text.py(), bytes.as_bytes(), work)
        }
    }
}

/// `with_text` for a `str`, a normalizer's `Run` or a `Doc`, whose text the core already holds
/// (read, not encoded again): `rare_characters` takes a run or a document, `document_script`
/// and `header_candidates` a document.
fn with_text_or_run<T: Send>(text: &Bound<'_, PyAny>, work: impl FnOnce(&[u8]) -> T + Send) -> PyResult<T> {
    if let Ok(doc) = text.cast::<Doc>() {
        return run(text.py(), &doc.get().bytes, work);
    }
    match text.cast::<Run>() {
        Ok(held) => {
            let held = held.try_borrow()?;
            match (&held.text, held.in_core) {
                _ if held.done => Err(PyValueError::new_err("the run is laid out: its text is gone")),
                (_, true) => run(text.py(), held.run.text(), work),
                (Some(lent), false) => with_text(lent.bind(text.py()), work),
                (None, false) => unreachable!("a run holds its text as bytes, as a str, or both"),
            }
        }
        Err(_) => with_text(text.cast::<PyString>()?, work),
    }
}

fn run<T: Send>(py: Python<'_>, bytes: &[u8], work: impl FnOnce(&[u8]) -> T + Send) -> PyResult<T> {
    detached(py, || work(bytes))
}

/// Run `work` with the GIL released, a panic in it becoming the document's `InputError`.
fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| {
        IN_CORE.with(|flag| flag.set(true));
        let result = catch_unwind(AssertUnwindSafe(work));
        IN_CORE.with(|flag| flag.set(false));
        result
    })
    .map_err(|payload| panic_error(py, payload.as_ref()))
}

/// The bytes the core reads for `text` (see `with_text`), as an owned buffer.
fn text_bytes(text: &Bound<'_, PyString>) -> PyResult<Vec<u8>> {
    match text.encode_utf8() {
        Ok(utf8) => Ok(utf8.as_bytes().to_vec()),
        Err(_) => Ok(text.call_method1("encode", ("utf-8", "surrogatepass"))?.cast::<PyBytes>()?.as_bytes().to_vec()),
    }
}

thread_local! {
    static IN_CORE: Cell<bool> = const { Cell::new(false) };
}

/// A panic inside the core reaches the user as the one-line `InputError` above, so the panic
/// hook stays quiet for it (no message and backtrace on standard error); panics elsewhere in
/// the process still reach the hook that was there before.
fn quiet_core_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_CORE.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// A panic as the `InputError` of the document that caused it.
fn panic_error(py: Python<'_>, payload: &(dyn std::any::Any + Send)) -> PyErr {
    let cause = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string());
    let message = format!("internal error in cutter's compiled core ({cause}); please report it");
    match py.import("cutter.errors").and_then(|errors| errors.getattr("InputError")) {
        Ok(input_error) => PyErr::from_type(input_error.cast_into().expect("InputError is a type"), message),
        Err(error) => error,
    }
}

fn points_to_string(points: Vec<u32>) -> String {
    points.into_iter().filter_map(char::from_u32).collect()
}

/// The distinct rare characters of `text` in code-point order (`rules.base.rare_characters`).
#[pyfunction]
fn rare_characters(text: &Bound<'_, PyAny>) -> PyResult<String> {
    with_text_or_run(text, rare::characters).map(points_to_string)
}

/// `"traditional"` when traditional-only characters outnumber simplified-only ones, else
/// `"simplified"`.
#[pyfunction]
fn document_script(text: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    with_text_or_run(text, |bytes| script::document_script(bytes).name())
}

/// (start, end) of each line worth parsing as a piece header, in code points.
#[pyfunction]
fn candidate_lines(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    with_text(text, lines::candidate_lines)
}

/// How many bytes of `data` are control characters that no text holds.
#[pyfunction]
fn control_bytes(py: Python<'_>, data: &[u8]) -> PyResult<usize> {
    run(py, data, decode::control_bytes)
}

/// The boilerplate rules' trigger words, one automaton (`cutter_core::boilerplate::Triggers`).
#[pyclass(frozen, name = "Triggers", module = "cutter._core")]
struct Triggers(boilerplate::Triggers);

#[pymethods]
impl Triggers {
    /// `words`: each trigger word with its families as bits (bit `i` is family `i`, below `families`).
    #[new]
    fn new(words: Vec<(String, u64)>, families: usize) -> PyResult<Self> {
        boilerplate::Triggers::new(&words, families).map(Triggers).map_err(PyValueError::new_err)
    }

    /// For each family, the (start, end) of the lines of `text` that hold one of its words.
    fn lines(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<Vec<(usize, usize)>>> {
        with_text(text, |bytes| self.0.lines(bytes))
    }
}

/// The script fold of the boilerplate rules (`cutter_core::boilerplate::Fold`).
#[pyclass(frozen, name = "Fold", module = "cutter._core")]
struct Fold(boilerplate::Fold);

#[pymethods]
impl Fold {
    /// `pairs`: (code point, code point of its simplified twin); none: the script fold the core
    /// ships (`Fold::script`).
    #[new]
    #[pyo3(signature = (pairs=None))]
    fn new(pairs: Option<Vec<(u32, u32)>>) -> PyResult<Self> {
        match pairs {
            None => Ok(Fold(boilerplate::Fold::script().clone())),
            Some(pairs) => boilerplate::Fold::new(&pairs).map(Fold).map_err(PyValueError::new_err),
        }
    }

    /// `text` folded, or `None` when no character of it folds.
    fn apply(&self, text: &Bound<'_, PyString>) -> PyResult<Option<Py<PyString>>> {
        let py = text.py();
        match with_text(text, |bytes| self.0.apply(bytes))? {
            None => Ok(None),
            Some(folded) => string_of(py, folded).map(Some),
        }
    }
}

/// A Python `str` of core text: UTF-8, or WTF-8 when the input held lone surrogates. Python's
/// decoder checks the bytes itself (a check in Rust first read every byte twice); bytes it refuses
/// are decoded again with `surrogatepass`.
fn str_of(py: Python<'_>, bytes: &[u8]) -> PyResult<Py<PyString>> {
    match PyString::from_bytes(py, bytes) {
        Ok(text) => Ok(text.unbind()),
        Err(_) => {
            let decoded = PyBytes::new(py, bytes).call_method1("decode", ("utf-8", "surrogatepass"))?;
            Ok(decoded.cast_into::<PyString>()?.unbind())
        }
    }
}

/// `str_of` for core output held in a buffer of its own.
fn string_of(py: Python<'_>, bytes: Vec<u8>) -> PyResult<Py<PyString>> {
    str_of(py, &bytes)
}

/// A rule's findings as (start, end, message): `None` for a fix that removes the span, a
/// flag's message otherwise.
type Findings = Vec<(usize, usize, Option<Py<PyString>>)>;

fn findings(py: Python<'_>, found: Vec<paragraphs::Finding>) -> PyResult<Findings> {
    found
        .into_iter()
        .map(|finding| Ok((finding.start, finding.end, finding.message.map(|m| string_of(py, m)).transpose()?)))
        .collect()
}

/// The page-break rule's findings (`cutter_core::paragraphs::page_breaks`).
#[pyfunction]
fn page_breaks(text: &Bound<'_, PyString>) -> PyResult<Findings> {
    findings(text.py(), with_text(text, paragraphs::page_breaks)?)
}

/// The chunk-marker rule's findings (`cutter_core::paragraphs::chunk_markers`).
#[pyfunction]
fn chunk_markers(text: &Bound<'_, PyString>) -> PyResult<Findings> {
    findings(text.py(), with_text(text, paragraphs::chunk_markers)?)
}

/// Panics inside the core, for the test that a panic becomes an `InputError`.
#[pyfunction]
fn _panic(text: &Bound<'_, PyString>) -> PyResult<usize> {
    with_text(text, |bytes| -> usize { panic!("a test panic over {} bytes", bytes.len()) })
}

/// A rule's fixes as (start, end, replacement), in code points.
type Fixes = Vec<(usize, usize, Py<PyString>)>;

/// The fixes for Python, each replacement one `str` object for all the fixes that write it (a
/// rule writes a handful of different ones, and a new `str` for each fix cost most of the call).
fn fixes(py: Python<'_>, found: Vec<punctuation::Fix>) -> Fixes {
    let mut made: Vec<(&'static str, Py<PyString>)> = Vec::new();
    found
        .into_iter()
        .map(|fix| {
            let after = match made.iter().find(|(text, _)| *text == fix.after) {
                Some((_, string)) => string.clone_ref(py),
                None => {
                    let string = PyString::new(py, fix.after).unbind();
                    made.push((fix.after, string.clone_ref(py)));
                    string
                }
            };
            (fix.start, fix.end, after)
        })
        .collect()
}

/// The ellipsis rule's fixes (`cutter_core::punctuation::ellipsis`).
#[pyfunction]
fn ellipsis(text: &Bound<'_, PyString>) -> PyResult<Fixes> {
    Ok(fixes(text.py(), with_text(text, punctuation::ellipsis)?))
}

/// The fullwidth rule's fixes (`cutter_core::punctuation::fullwidth`).
#[pyfunction]
fn fullwidth(text: &Bound<'_, PyString>) -> PyResult<Fixes> {
    Ok(fixes(text.py(), with_text(text, punctuation::fullwidth)?))
}

/// The doubled-mark rule's fixes (`cutter_core::punctuation::doubled_marks`).
#[pyfunction]
fn doubled_marks(text: &Bound<'_, PyString>) -> PyResult<Fixes> {
    Ok(fixes(text.py(), with_text(text, punctuation::doubled_marks)?))
}

/// Paragraphs one per line, blank lines dropped (`cutter_core::normalize::layout`).
#[pyfunction]
fn layout(text: &Bound<'_, PyString>) -> PyResult<Py<PyString>> {
    string_of(text.py(), with_text(text, normalize::layout)?)
}

/// A header candidate as (line, start, end, number, style, keyword, clean).
type HeaderCandidate = (usize, usize, usize, u32, &'static str, Py<PyString>, bool);
/// The candidates and the (start, end) of the lines left to Python.
type HeaderCandidates = (Vec<HeaderCandidate>, Vec<(usize, usize)>);

/// Every header candidate of `text` and the lines left to Python (`cutter_core::headers`).
#[pyfunction]
fn header_candidates(text: &Bound<'_, PyAny>) -> PyResult<HeaderCandidates> {
    let py = text.py();
    let (found, deferred) = with_text_or_run(text, headers::header_candidates)?;
    let found = found
        .into_iter()
        .map(|c| Ok((c.line, c.start, c.end, c.number, c.style, string_of(py, c.keyword)?, c.clean)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok((found, deferred))
}

/// What `Run.apply_core` gives: what `Run.apply` gives, and the flags as (raw offset, message).
type CoreApplied = (Option<String>, Vec<(usize, Py<PyString>)>);

/// A paragraph rule's finding as the normalizer's: no message is a fix that removes the span.
fn push_paragraph_finding(findings: &mut normalize::Findings, finding: paragraphs::Finding) {
    let flag = finding.message.is_some();
    findings.push(finding.start, finding.end, &finding.message.unwrap_or_default(), flag);
}

/// A rule the core holds whole that only fixes, and one that fixes and flags (a finding without
/// a message removes its span).
type FixRule = fn(&[u8]) -> Vec<punctuation::Fix>;
type FindingRule = fn(&[u8]) -> Vec<paragraphs::Finding>;

/// Replacements up to this many bytes are held as one `str` for all the edits that write them.
const SHARED_AFTER: usize = 24;

/// A piece's text as the rules leave it, and their edits (`cutter_core::normalize::Run`):
/// `cutter.normalize` runs the rules through it. The text is held in the core, and as a
/// `str` only while a Python rule reads it.
#[pyclass(name = "Run", module = "cutter._core")]
struct Run {
    run: normalize::Run,
    /// The rule names, by the index the edits record.
    names: Vec<String>,
    /// The text as a `str`, until a rule changes it.
    text: Option<Py<PyString>>,
    /// Whether the core holds the text's bytes: a huge text is held as a `str` alone while rules
    /// written in Python read it (`lend`), and encoded again when the core needs it.
    in_core: bool,
    /// Whether the run is laid out, its last step: it holds no text any more.
    done: bool,
    /// The boilerplate line rules' scan of the text (`cutter_core::chrome::Chrome::prepare`): one
    /// scan serves the six line rules and offer. After a rule's fixes, the trigger lines of a
    /// plain text (well-formed, needing no fold) move with them and the lines they touched are
    /// read again when the next line rule reads them (`Scanned::edited`, `Chrome::refresh`);
    /// any other text's findings are dropped.
    lines: Option<cutter_core::chrome::Prepared>,
}

impl Run {
    /// A run of `run`, the core's, over the raw body `raw`, which no rule has touched yet.
    fn over(run: normalize::Run, raw: &Bound<'_, PyString>) -> Run {
        Run { run, names: Vec::new(), text: Some(raw.clone().unbind()), in_core: true, done: false, lines: None }
    }

    /// The text's bytes in the core, encoded again from the `str` if it was lent.
    fn bytes(&mut self, py: Python<'_>) -> PyResult<()> {
        if self.done {
            return Err(PyValueError::new_err("the run is laid out: its text is gone"));
        }
        if !self.in_core {
            let lent = self.text.as_ref().expect("a lent text is held as a str");
            let bytes = text_bytes(lent.bind(py))?;
            self.run.restore(bytes).map_err(|refused| PyValueError::new_err(refused.to_string()))?;
            self.in_core = true;
        }
        Ok(())
    }

    fn rule(&mut self, name: &str) -> PyResult<u16> {
        let index = match self.names.iter().position(|known| known == name) {
            Some(index) => index,
            None => {
                self.names.push(name.to_string());
                self.names.len() - 1
            }
        };
        u16::try_from(index).map_err(|_| PyValueError::new_err("more than 65,536 rule names in one run"))
    }

    /// What boilerplate rule `rule` finds in the text (see `apply_core`), the line rules' scan
    /// made once for the text as it is; `None` where the rule needs Python.
    fn boilerplate_findings(
        &mut self,
        py: Python<'_>,
        rule: &str,
        chrome: &Chrome,
        fold: Option<&Fold>,
    ) -> PyResult<Option<normalize::Findings>> {
        use cutter_core::chrome::{Part, Prepared};
        if let Some(Prepared::Scanned(scanned)) = &mut self.lines {
            if !scanned.up_to_date() {
                let text = self.run.text();
                if !matches!(detached(py, || chrome.0.refresh(scanned, text)), Ok(true)) {
                    self.lines = None;
                }
            }
        }
        if self.lines.is_none() {
            let text = self.run.text();
            match detached(py, || chrome.0.prepare(text))? {
                Some(prepared) => self.lines = Some(prepared),
                None => return Ok(None),
            }
        }
        let part = match rule {
            "hidden-text" => Some(Part::HiddenText),
            "site-chrome" => Some(Part::SiteChrome),
            "doc-chrome" => Some(Part::DocChrome),
            "labelled-intro" => Some(Part::LabelledIntro),
            "lead-in" => Some(Part::LeadIn),
            "footer" => Some(Part::Footer),
            _ => None,
        };
        let prepared = self.lines.as_ref().expect("just made");
        let text = self.run.text();
        let (read, trigger_lines) = match prepared {
            Prepared::Found(found) => (None, found.lines.as_slice()),
            Prepared::Scanned(scanned) => {
                let read = match part {
                    Some(part) if chrome.0.reads(scanned, part) => Some(detached(py, || chrome.0.part(text, scanned, part))?),
                    Some(_) => Some(cutter_core::chrome::LineFindings::default()),
                    None => None,
                };
                (read, scanned.lines())
            }
        };
        let found = match (&read, prepared) {
            (Some(read), _) => read,
            (None, Prepared::Found(found)) => found,
            (None, Prepared::Scanned(_)) => &cutter_core::chrome::LineFindings::default(),
        };
        let mut findings = normalize::Findings::default();
        let mut push = |list: &[paragraphs::Finding]| {
            for finding in list {
                let message = finding.message.as_deref();
                findings.push(finding.start, finding.end, message.unwrap_or_default(), message.is_some());
            }
        };
        match rule {
            "hidden-text" => push(&found.hidden_text),
            "site-chrome" if !found.captions.is_empty() => return Ok(None),
            "site-chrome" => {
                push(&found.site_chrome_flags);
                push(&found.site_chrome);
            }
            "doc-chrome" => push(&found.doc_chrome),
            "labelled-intro" => push(&found.labelled_intro),
            "lead-in" => push(&found.lead_in),
            "footer" => push(&found.footer),
            "offer" => {
                let Some(lines) = chrome.1.and_then(|family| trigger_lines.get(family)).filter(|lines| !lines.is_empty())
                else {
                    return Ok(Some(findings));
                };
                let offers = detached(py, || {
                    let folded = fold.filter(|_| cutter_core::tables::has_traditional(text)).and_then(|fold| fold.0.apply(text));
                    cutter_core::offer::offers(text, folded.as_deref(), lines)
                })?;
                for offer in offers {
                    match &offer.message {
                        Some(message) => findings.push(offer.start, offer.end, message, true),
                        None => findings.push(offer.start, offer.end, offer.after.as_bytes(), false),
                    }
                }
            }
            _ => return Err(PyValueError::new_err(format!("no boilerplate rule {rule} in the core"))),
        }
        Ok(Some(findings))
    }

    /// Apply what rule `name` found (`cutter_core::normalize::Run::apply_found`).
    fn applied(&mut self, py: Python<'_>, name: &str, found: normalize::Findings, keep: bool) -> PyResult<CoreApplied> {
        self.bytes(py)?;
        let rule = self.rule(name)?;
        let run = &mut self.run;
        let applied = detached(py, move || run.apply_found(rule, &found, keep))?
            .map_err(|bad| PyValueError::new_err(format!("rule {name}: {bad}")))?;
        if applied.changed {
            self.text = None;
            if let Some(cutter_core::chrome::Prepared::Scanned(scanned)) = &mut self.lines {
                // what the fixes did to the lines is worked out here, what they brought read later
                let (text, splices) = (self.run.text(), self.run.last_splices());
                // (a bug here costs a scan, never the document: the scan is made again)
                if !matches!(detached(py, || splices.is_some_and(|splices| scanned.edited(text, splices))), Ok(true)) {
                    self.lines = None;
                }
            } else {
                self.lines = None;
            }
        }
        let flags = applied
            .flags
            .into_iter()
            .map(|(offset, message)| Ok((offset, string_of(py, message)?)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok((applied.changed.then(|| points_to_string(applied.brought)), flags))
    }
}

#[pymethods]
impl Run {
    #[new]
    fn new(raw: &Bound<'_, PyString>) -> PyResult<Self> {
        // a str Python encodes without `surrogatepass` is UTF-8
        let run = match raw.encode_utf8() {
            Ok(utf8) => normalize::Run::vouched(utf8.as_bytes().to_vec(), true),
            Err(_) => normalize::Run::vouched(text_bytes(raw)?, false),
        };
        Ok(Run::over(run, raw))
    }

    /// The text as the rules so far have left it.
    #[getter]
    fn text(&mut self, py: Python<'_>) -> PyResult<Py<PyString>> {
        if self.done {
            return Err(PyValueError::new_err("the run is laid out: its text is gone"));
        }
        if self.text.is_none() {
            self.text = Some(str_of(py, self.run.text())?);
        }
        Ok(self.text.as_ref().expect("just set").clone_ref(py))
    }

    /// The text as a `str`, the core letting go of its own copy until it needs it again: a huge
    /// piece's text is then held once, as a `str`, while rules written in Python read it.
    fn lend(&mut self, py: Python<'_>) -> PyResult<Py<PyString>> {
        let text = self.text(py)?;
        drop(self.run.lend());
        self.in_core = false;
        Ok(text)
    }

    /// The text laid out (`cutter_core::normalize::layout`), the clean text of the piece: the
    /// run's last step, after which the core holds no text (as if it were lent).
    fn laid_out(&mut self, py: Python<'_>) -> PyResult<Py<PyString>> {
        Ok(self.laid_out_utf8(py, 0)?.0)
    }

    /// `laid_out`, and the clean text's UTF-8 where it is at most `most` bytes long (what a JSONL
    /// line is written from: `json_line`'s `text`).
    fn laid_out_utf8(&mut self, py: Python<'_>, most: usize) -> PyResult<(Py<PyString>, Option<Py<PyBytes>>)> {
        self.bytes(py)?;
        self.text = None;
        let run = &mut self.run;
        detached(py, || run.lay_out())?;
        let text = str_of(py, self.run.text())?;
        let utf8 = (self.run.text().len() <= most).then(|| PyBytes::new(py, self.run.text()).unbind());
        drop(self.run.lend());
        self.done = true;
        Ok((text, utf8))
    }

    /// Let go of the text as a `str` (a huge piece's, before a rule's fixes make the next one),
    /// the core taking its bytes back first if it had lent them.
    fn forget_text(&mut self, py: Python<'_>) -> PyResult<()> {
        self.bytes(py)?;
        self.text = None;
        Ok(())
    }

    /// Its length in code points.
    fn __len__(&self) -> usize {
        self.run.length()
    }

    /// Where each position of the text stands in the raw body.
    fn raw_offsets(&self, positions: Vec<usize>) -> Vec<usize> {
        self.run.raw_offsets(&positions)
    }

    /// Apply what rule `rule` found, in the order it found it, as columns: each finding's start,
    /// end, text (a fix's replacement or a flag's message) and whether it is a flag (a byte, 0 or
    /// 1). Its flags are noted and its fixes applied (a fix that changes nothing is dropped, then of
    /// overlapping ones, by start and end, the first is kept); with `keep`, its fixes are flags
    /// (`boilerplate kept: “…”`). (`None` when the text did not change, else the rare characters the
    /// fixes brought in; the flags as (raw offset, message).)
    #[allow(clippy::too_many_arguments)] // the findings come as columns, one argument each
    fn apply(
        &mut self,
        py: Python<'_>,
        rule: &str,
        starts: Vec<usize>,
        ends: Vec<usize>,
        texts: Vec<Bound<'_, PyString>>,
        flags: &[u8],
        keep: bool,
    ) -> PyResult<CoreApplied> {
        if ends.len() != starts.len() || texts.len() != starts.len() || flags.len() != starts.len() {
            return Err(PyValueError::new_err("the columns of findings differ in length"));
        }
        let mut findings = normalize::Findings::default();
        // one text object encoded once, and short texts held once even as different objects
        let mut encoded: HashMap<*mut pyo3::ffi::PyObject, Vec<u8>> = HashMap::new();
        for (((start, end), text), flag) in starts.into_iter().zip(ends).zip(&texts).zip(flags) {
            let bytes = match encoded.entry(text.as_ptr()) {
                std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
                std::collections::hash_map::Entry::Vacant(new) => new.insert(text_bytes(text)?),
            };
            findings.push(start, end, bytes, *flag != 0);
        }
        self.applied(py, rule, findings, keep)
    }

    /// Run a rule the core holds whole (`ellipsis`, `fullwidth`, `doubled-mark`, `english`, `page-break`,
    /// `chunk-marker`, `whitespace`, `cjk-space`, `watermark`, `placeholder`; the boilerplate
    /// line rules `hidden-text`, `site-chrome`, `doc-chrome`, `labelled-intro`, `lead-in` and
    /// `footer`, given `chrome`; `offer`, given `chrome` and, when the text may hold a traditional
    /// character, the script `fold`) over the text and apply what it found, as `apply` does.
    /// `title-repeat`, given the titles' `openings` (their first characters, and the longest line
    /// that can repeat one; `None`: the page has no title), finds the lines that open so;
    /// `pinyin-ruby` and `html` look for an annotation and a markup hint, and run whole given their
    /// tables (`ruby`, with the page's count of readings `page` and whether the document is
    /// `traditional`; `html`), which Python builds only where the look found something.
    /// `None` when the rule needs Python here: `site-chrome` where it found an image caption
    /// (whether its title is the page's needs the context), `title-repeat` where a line opens as a
    /// title does (whether it repeats one is Python's), `pinyin-ruby` and `html` where they found
    /// what they look for without their tables, or a `chrome` without the fold that the text needs.
    #[pyo3(signature = (rule, keep, chrome=None, fold=None, openings=None, ruby=None, page=None, traditional=false, html=None))]
    #[allow(clippy::too_many_arguments)] // each rule's helpers, by name
    fn apply_core(
        &mut self,
        py: Python<'_>,
        rule: &str,
        keep: bool,
        chrome: Option<PyRef<'_, Chrome>>,
        fold: Option<PyRef<'_, Fold>>,
        openings: Option<(Vec<Bound<'_, PyString>>, usize)>,
        ruby: Option<PyRef<'_, Ruby>>,
        page: Option<usize>,
        traditional: bool,
        html: Option<PyRef<'_, Html>>,
    ) -> PyResult<Option<CoreApplied>> {
        self.bytes(py)?;
        let nothing = || Some((None, Vec::new()));
        if let (Some(ruby), "pinyin-ruby") = (&ruby, rule) {
            let (text, ruby) = (self.run.text(), &ruby.0);
            let found = detached(py, || {
                if cutter_core::markup::annotated(text) { ruby.findings(text, page, traditional) } else { Vec::new() }
            })?;
            let mut findings = normalize::Findings::default();
            found.into_iter().for_each(|finding| push_paragraph_finding(&mut findings, finding));
            return self.applied(py, rule, findings, keep).map(Some);
        }
        if let (Some(html), "html") = (&html, rule) {
            let (text, html) = (self.run.text(), &html.0);
            let fixes = detached(py, || html.fixes(text))?;
            let mut findings = normalize::Findings::default();
            let mut after = Vec::new();
            for fix in fixes {
                after.clear();
                fix.after.iter().for_each(|&point| cutter_core::text::push_point(&mut after, point));
                findings.push(fix.start, fix.end, &after, false);
            }
            return self.applied(py, rule, findings, keep).map(Some);
        }
        // the core's look for where the rule could act: nowhere, or the rule is Python's (pypinyin's
        // readings, html's tables, mojibake's codecs)
        let look: Option<fn(&[u8]) -> bool> = match rule {
            "pinyin-ruby" => Some(cutter_core::markup::annotated),
            "html" => Some(cutter_core::markup::hinted),
            "mojibake" => Some(cutter_core::detect::mojibake_hinted),
            _ => None,
        };
        if let Some(look) = look {
            let text = self.run.text();
            return Ok(if detached(py, || look(text))? { None } else { nothing() });
        }
        if rule == "title-repeat" {
            let Some((prefixes, longest)) = openings else { return Ok(nothing()) };
            let prefixes = prefixes.iter().map(text_bytes).collect::<PyResult<Vec<_>>>()?;
            let text = self.run.text();
            let lines = detached(py, || cutter_core::offer::lines_opening_with(text, &prefixes, longest))?;
            return Ok(if lines.is_empty() { nothing() } else { None });
        }
        if let Some(chrome) = chrome {
            return match self.boilerplate_findings(py, rule, &chrome, fold.as_deref())? {
                Some(findings) => self.applied(py, rule, findings, keep).map(Some),
                None => Ok(None),
            };
        }
        let text = self.run.text();
        let mut findings = normalize::Findings::default();
        let fixes: Option<FixRule> = match rule {
            "ellipsis" => Some(punctuation::ellipsis),
            "fullwidth" => Some(punctuation::fullwidth),
            "doubled-mark" => Some(punctuation::doubled_marks),
            "english" => Some(cutter_core::english::english),
            _ => None,
        };
        let found: Option<FindingRule> = match rule {
            "page-break" => Some(paragraphs::page_breaks),
            "chunk-marker" => Some(paragraphs::chunk_markers),
            "whitespace" => Some(cutter_core::spacing::whitespace),
            "cjk-space" => Some(cutter_core::spacing::cjk_space),
            "watermark" => Some(cutter_core::junk::watermark),
            "placeholder" => Some(cutter_core::detect::placeholders),
            _ => None,
        };
        match (fixes, found) {
            (Some(find), _) => {
                for fix in detached(py, || find(text))? {
                    findings.push(fix.start, fix.end, fix.after.as_bytes(), false);
                }
            }
            (None, Some(find)) => {
                for finding in detached(py, || find(text))? {
                    push_paragraph_finding(&mut findings, finding);
                }
            }
            (None, None) => return Err(PyValueError::new_err(format!("no rule {rule} in the core"))),
        }
        self.applied(py, rule, findings, keep).map(Some)
    }

    /// Run the rules of `plan` from `start` up to `stop` whose bit in `gates` is set, those the core
    /// holds, with their `helpers`, until Python has work (`plan::run_rules`): (where it stopped,
    /// why, whether the text changed, the flags as (rule position, raw offset, message), the rare
    /// characters when fixes brought new ones).
    #[allow(clippy::too_many_arguments)] // the loop's state, each piece its own argument
    fn run_rules(
        &mut self,
        py: Python<'_>,
        plan: PyRef<'_, plan::Plan>,
        gates: u64,
        helpers: PyRef<'_, plan::Helpers>,
        start: usize,
        stop: usize,
        at_join: bool,
        keep_boilerplate: bool,
        rare: &str,
    ) -> PyResult<plan::Ran> {
        plan::run_rules(self, py, &plan, gates, &helpers, start, stop, at_join, keep_boilerplate, rare)
    }

    /// The edits as columns: the rule of each, the replacement of each (one `str` for all the
    /// edits that write the same short one), then the starts, ends, raw starts and raw ends, each
    /// as the bytes of an `array` of type `code` ("i" or "q").
    #[allow(clippy::type_complexity)]
    fn columns<'py>(
        &self,
        py: Python<'py>,
        code: &str,
    ) -> PyResult<(Vec<Py<PyString>>, Vec<Py<PyString>>, Vec<Bound<'py, PyBytes>>)> {
        let edits = self.run.edits();
        let names = self.names.iter().map(|name| PyString::new(py, name).unbind()).collect::<Vec<_>>();
        let rules = edits.rules.iter().map(|&rule| names[usize::from(rule)].clone_ref(py)).collect();
        let mut shared: HashMap<&[u8], Py<PyString>> = HashMap::new();
        let mut afters = Vec::with_capacity(edits.len());
        for index in 0..edits.len() {
            let after = edits.after(index);
            if after.len() > SHARED_AFTER {
                afters.push(string_of(py, after.to_vec())?);
            } else if let Some(string) = shared.get(after) {
                afters.push(string.clone_ref(py));
            } else {
                let string = string_of(py, after.to_vec())?;
                shared.insert(after, string.clone_ref(py));
                afters.push(string);
            }
        }
        let column = |values: &[u32]| -> PyResult<Bound<'py, PyBytes>> {
            let mut bytes = Vec::with_capacity(values.len() * 8);
            for &value in values {
                match code {
                    "i" => bytes.extend_from_slice(
                        &i32::try_from(value).map_err(|_| PyValueError::new_err("a position past 31 bits"))?.to_ne_bytes(),
                    ),
                    "q" => bytes.extend_from_slice(&i64::from(value).to_ne_bytes()),
                    _ => return Err(PyValueError::new_err(format!("no array type {code:?}"))),
                }
            }
            Ok(PyBytes::new(py, &bytes))
        };
        let positions = [&edits.starts, &edits.ends, &edits.raw_starts, &edits.raw_ends];
        Ok((rules, afters, positions.into_iter().map(|values| column(values)).collect::<PyResult<_>>()?))
    }
}

/// The whitespace rule's findings (`cutter_core::spacing::whitespace`): spans to remove.
#[pyfunction]
fn whitespace(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    let found = with_text(text, cutter_core::spacing::whitespace)?;
    Ok(found.into_iter().map(|finding| (finding.start, finding.end)).collect())
}

/// The watermark rule's findings (`cutter_core::junk::watermark`).
#[pyfunction]
fn watermark(text: &Bound<'_, PyString>) -> PyResult<Findings> {
    findings(text.py(), with_text(text, cutter_core::junk::watermark)?)
}

/// The english rule's fixes (`cutter_core::english::english`).
#[pyfunction]
fn english(text: &Bound<'_, PyString>) -> PyResult<Fixes> {
    Ok(fixes(text.py(), with_text(text, cutter_core::english::english)?))
}

/// The cjk-space rule's findings (`cutter_core::spacing::cjk_space`).
#[pyfunction]
fn cjk_space(text: &Bound<'_, PyString>) -> PyResult<Findings> {
    findings(text.py(), with_text(text, cutter_core::spacing::cjk_space)?)
}

/// The placeholder rule's flags (`cutter_core::detect::placeholders`).
#[pyfunction]
fn placeholders(text: &Bound<'_, PyString>) -> PyResult<Findings> {
    findings(text.py(), with_text(text, cutter_core::detect::placeholders)?)
}

/// The bytes of a `str` as the core reads them (UTF-8, or WTF-8 for lone surrogates), for a
/// call that takes two texts.
fn bytes_of<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyBytes>> {
    match text.encode_utf8() {
        Ok(utf8) => Ok(utf8),
        Err(_) => Ok(text.call_method1("encode", ("utf-8", "surrogatepass"))?.cast_into::<PyBytes>()?),
    }
}

/// A finding of the offer rule: (start, end, replacement, `None`) for a fix, (start, end, "",
/// message) for a flag.
type OfferFinding = (usize, usize, &'static str, Option<Py<PyString>>);

/// The offer rule's findings (`cutter_core::offer::offers`): `folded` is the text folded to
/// simplified script (`None`: nothing folds), `lines` its offer trigger lines.
#[pyfunction]
#[pyo3(signature = (text, folded, lines))]
fn offers(
    text: &Bound<'_, PyString>,
    folded: Option<&Bound<'_, PyString>>,
    lines: Vec<(usize, usize)>,
) -> PyResult<Vec<OfferFinding>> {
    let py = text.py();
    let text = bytes_of(text)?;
    let folded = folded.map(bytes_of).transpose()?;
    let folded = folded.as_ref().map(|bytes| bytes.as_bytes());
    let found = run(py, text.as_bytes(), |text| cutter_core::offer::offers(text, folded, &lines))?;
    found
        .into_iter()
        .map(|f| Ok((f.start, f.end, f.after, f.message.map(|m| string_of(py, m)).transpose()?)))
        .collect()
}

/// The (start, end) of the lines, no longer than `longest`, that open with one of `prefixes`
/// after their indentation (`cutter_core::offer::lines_opening_with`).
#[pyfunction]
fn lines_opening_with(
    text: &Bound<'_, PyString>,
    prefixes: Vec<Bound<'_, PyString>>,
    longest: usize,
) -> PyResult<Vec<(usize, usize)>> {
    let prefixes = prefixes.iter().map(bytes_of).collect::<PyResult<Vec<_>>>()?;
    let prefixes: Vec<&[u8]> = prefixes.iter().map(|prefix| prefix.as_bytes()).collect();
    with_text(text, |bytes| cutter_core::offer::lines_opening_with(bytes, &prefixes, longest))
}

/// A line rule's findings, the image captions (start, end, title start, title end) of
/// `site-chrome`, and all the line rules' findings of one text (`cutter_core::chrome`).
type Caption = (usize, usize, usize, usize);
type LineFindings =
    (Findings, Findings, Findings, Vec<Caption>, Findings, Findings, Findings, Findings, Vec<Vec<(usize, usize)>>);

/// The boilerplate line rules (`cutter_core::chrome::Chrome`).
#[pyclass(frozen, name = "Chrome", module = "cutter._core")]
struct Chrome(cutter_core::chrome::Chrome, Option<usize>);

#[pymethods]
impl Chrome {
    /// `words` and `families` as for `Triggers` (`families`: the families' names, in bit
    /// order); `fold`: the script fold, or `None` for texts without traditional characters.
    #[new]
    #[pyo3(signature = (words, families, fold=None))]
    fn new(words: Vec<(String, u64)>, families: Vec<String>, fold: Option<PyRef<'_, Fold>>) -> PyResult<Self> {
        let triggers = boilerplate::Triggers::new(&words, families.len()).map_err(PyValueError::new_err)?;
        let fold = fold.map(|fold| fold.0.clone());
        let offer = families.iter().position(|family| family == "offer");
        let chrome = cutter_core::chrome::Chrome::new(triggers, &families, fold).map_err(PyValueError::new_err)?;
        Ok(Chrome(chrome, offer))
    }

    /// (hidden-text, site-chrome's timestamp flags, site-chrome's removals, its captions,
    /// doc-chrome, labelled-intro, lead-in, footer, every family's trigger lines of the folded
    /// text), or `None` when `text` needs the fold and this `Chrome` has none.
    fn findings(&self, text: &Bound<'_, PyString>) -> PyResult<Option<LineFindings>> {
        let py = text.py();
        let Some(found) = with_text(text, |bytes| self.0.findings(bytes))? else { return Ok(None) };
        let captions = found.captions.iter().map(|c| (c.start, c.end, c.title_start, c.title_end)).collect();
        Ok(Some((
            findings(py, found.hidden_text)?,
            findings(py, found.site_chrome_flags)?,
            findings(py, found.site_chrome)?,
            captions,
            findings(py, found.doc_chrome)?,
            findings(py, found.labelled_intro)?,
            findings(py, found.lead_in)?,
            findings(py, found.footer)?,
            found.lines,
        )))
    }
}

/// pypinyin's readings for the pinyin-ruby rule (`cutter_core::markup::Ruby`), built once.
#[pyclass(frozen, name = "Ruby", module = "cutter._core")]
struct Ruby(cutter_core::markup::Ruby);

#[pymethods]
impl Ruby {
    /// `readings`: (code point, its readings as pypinyin writes them, `"xiě,xiè"`); `syllables`:
    /// every toned syllable the dictionary knows.
    #[new]
    fn new(readings: Vec<(u32, String)>, syllables: Vec<String>) -> PyResult<Self> {
        cutter_core::markup::Ruby::new(&readings, &syllables).map(Ruby).map_err(PyValueError::new_err)
    }

    /// (confirmed, lost): the (start, end) of the annotations that are readings of the character
    /// before them, and of those after a lost character that are toned syllables (`markup.ruby_spans`).
    fn spans(&self, text: &Bound<'_, PyString>) -> PyResult<cutter_core::markup::Spans> {
        with_text(text, |bytes| self.0.spans(bytes))
    }

    /// How many annotations are readings of the character before them (`markup.count_ruby`).
    fn count(&self, text: &Bound<'_, PyString>) -> PyResult<usize> {
        with_text(text, |bytes| self.0.count(bytes))
    }

    /// `count` of the page (a `str` or a `Doc`) as the ruby count reads it, without the line breaks,
    /// invisible characters and tags a rule can remove from inside an annotation
    /// (`cutter_core::markup::without_ruby_noise`).
    fn count_page(&self, text: &Bound<'_, PyAny>) -> PyResult<usize> {
        with_text_or_run(text, |bytes| self.0.count(&cutter_core::markup::without_ruby_noise(bytes)))
    }

    /// The pinyin-ruby rule's findings; `page`: the page's count of readings (`None`: this text's).
    #[pyo3(signature = (text, page, traditional))]
    fn findings(&self, text: &Bound<'_, PyString>, page: Option<usize>, traditional: bool) -> PyResult<Findings> {
        findings(text.py(), with_text(text, |bytes| self.0.findings(bytes, page, traditional))?)
    }
}

/// The (start, end) of the stretches of `text` holding markup (`cutter_core::markup::clusters`).
#[pyfunction]
fn markup_clusters(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    with_text(text, cutter_core::markup::clusters)
}

/// The html rule with `html.unescape`'s tables (`cutter_core::markup::Html`), built once.
#[pyclass(frozen, name = "Html", module = "cutter._core")]
struct Html(cutter_core::markup::Html);

#[pymethods]
impl Html {
    /// `named`: `html.entities.html5`'s items; `invalid_charrefs`, `invalid_codepoints`: `html`'s tables.
    #[new]
    fn new(named: Vec<(String, String)>, invalid_charrefs: Vec<(u32, String)>, invalid_codepoints: Vec<u32>) -> PyResult<Self> {
        cutter_core::markup::Html::new(&named, &invalid_charrefs, &invalid_codepoints).map(Html).map_err(PyValueError::new_err)
    }

    /// The html rule's fixes as (start, end, replacement), in code points (`markup.fix_html`).
    fn fixes(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize, Py<PyString>)>> {
        let py = text.py();
        let found = with_text(text, |bytes| self.0.fixes(bytes))?;
        found
            .into_iter()
            .map(|fix| {
                let mut after = Vec::with_capacity(fix.after.len());
                for point in fix.after {
                    cutter_core::text::push_point(&mut after, point);
                }
                Ok((fix.start, fix.end, string_of(py, after)?))
            })
            .collect()
    }
}

/// Whether `text` (a `str` or a normalizer's `Run`) holds a pinyin annotation
/// (`cutter_core::markup::annotated`).
#[pyfunction]
fn annotated(text: &Bound<'_, PyAny>) -> PyResult<bool> {
    with_text_or_run(text, cutter_core::markup::annotated)
}

/// A document's text held in the core, encoded once, for the calls that read all of it
/// (`header_candidates`, `rare_characters`, `document_script`) and for its pieces' runs, which
/// are cut from it rather than encoded again (`cutter.core.stream`).
#[pyclass(frozen, name = "Doc", module = "cutter._core")]
struct Doc {
    bytes: Vec<u8>,
    utf8: bool,
    /// (code points, bytes) where the last run asked for ended: pieces come in order, so each
    /// is found from there, and the document is walked once.
    end: Mutex<(usize, usize)>,
}

#[pymethods]
impl Doc {
    /// `utf8`: the text's UTF-8, when the caller has it (the bytes it was decoded from), taken as
    /// they are where they are UTF-8 of the text's length; else the text is encoded.
    #[new]
    #[pyo3(signature = (text, utf8=None))]
    fn new(text: &Bound<'_, PyString>, utf8: Option<&[u8]>) -> PyResult<Self> {
        if let Some(bytes) = utf8 {
            if utf8_of(text, bytes)? {
                return Ok(Doc { bytes: bytes.to_vec(), utf8: true, end: Mutex::new((0, 0)) });
            }
        }
        let (bytes, utf8) = match text.encode_utf8() {
            Ok(utf8) => (utf8.as_bytes().to_vec(), true),
            Err(_) => (text_bytes(text)?, false),
        };
        Ok(Doc { bytes, utf8, end: Mutex::new((0, 0)) })
    }

    /// `Run(raw)` for `raw`, the document's code points `[start, end)`, its bytes cut from the
    /// document's. `raw` must be that slice of the text the document was made of.
    fn run(&self, raw: &Bound<'_, PyString>, start: usize, end: usize) -> PyResult<Run> {
        if start > end || end - start != raw.len()? {
            return Err(PyValueError::new_err(format!("a run of {} code points over [{start}, {end})", raw.len()?)));
        }
        let mut last = self.end.lock().map_err(|_| PyValueError::new_err("the document's cursor is poisoned"))?;
        let (chars, byte) = if start >= last.0 { *last } else { (0, 0) };
        let past = || PyValueError::new_err(format!("[{start}, {end}) is past the document's end"));
        let first = cutter_core::text::advance(&self.bytes, byte, start - chars).ok_or_else(past)?;
        let after = cutter_core::text::advance(&self.bytes, first, end - start).ok_or_else(past)?;
        *last = (end, after);
        let bytes = &self.bytes[first..after];
        let utf8 = self.utf8 || cutter_core::text::is_utf8(bytes);
        Ok(Run::over(normalize::Run::vouched(bytes.to_vec(), utf8), raw))
    }
}

/// Whether the page (a `str` or a `Doc`), as the ruby count reads it, holds an annotation at all
/// (`annotated` of `cutter_core::markup::without_ruby_noise`).
#[pyfunction]
fn page_annotated(text: &Bound<'_, PyAny>) -> PyResult<bool> {
    with_text_or_run(text, |bytes| cutter_core::markup::annotated(&cutter_core::markup::without_ruby_noise(bytes)))
}

/// The page as the ruby count reads it (`cutter_core::markup::without_ruby_noise`).
#[pyfunction]
fn without_ruby_noise(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Py<PyString>> {
    string_of(py, with_text(text, cutter_core::markup::without_ruby_noise)?)
}

/// A record as its JSONL line, `json.dumps(row, ensure_ascii=False) + "\n"` encoded as UTF-8,
/// byte for byte (`cutter_core::json`). Dicts with `str` keys, lists, tuples, `str`, `int`,
/// `bool` and `None` are written here; any other value (a float, a subclass, a dict with other
/// keys, a value nested deeper than `JSON_DEPTH`) is written by `json.dumps` itself, so it
/// reads, and fails, as it did there.
///
/// `text`: the UTF-8 of the row's `"text"` (a `str`), when the caller has it (`Run.laid_out_utf8`),
/// written in its place where it is UTF-8 of the text's length; else the `str` is encoded.
#[pyfunction]
#[pyo3(signature = (row, text=None))]
fn json_line<'py>(row: &Bound<'py, PyAny>, text: Option<&[u8]>) -> PyResult<Bound<'py, PyBytes>> {
    let mut out = Vec::new();
    match (row.cast_exact::<pyo3::types::PyDict>(), text) {
        (Ok(dict), Some(text)) => push_row(&mut out, dict, text)?,
        _ => push_json(&mut out, row, 0)?,
    }
    out.push(b'\n');
    Ok(PyBytes::new(row.py(), &out))
}

/// Whether `bytes`, which a caller gives as `text`'s UTF-8, may be taken for it: UTF-8 of its
/// length in code points (`Doc`'s and `json_line`'s bytes, which come from the same text).
fn utf8_of(text: &Bound<'_, PyString>, bytes: &[u8]) -> PyResult<bool> {
    Ok(cutter_core::text::count(bytes) == text.len()? && cutter_core::text::is_utf8(bytes))
}

/// A row (`json_line`) whose `"text"` is written from `text`, its UTF-8.
fn push_row(out: &mut Vec<u8>, row: &Bound<'_, pyo3::types::PyDict>, text: &[u8]) -> PyResult<()> {
    let written = match row.get_item("text")? {
        Some(value) => match value.cast_exact::<PyString>() {
            Ok(value) => utf8_of(value, text)?,
            Err(_) => false,
        },
        None => false,
    };
    if !written || row.keys().iter().any(|key| !key.is_exact_instance_of::<PyString>()) {
        return push_json(out, row.as_any(), 0);
    }
    out.push(b'{');
    for (position, (key, item)) in row.iter().enumerate() {
        if position > 0 {
            out.extend_from_slice(b", ");
        }
        push_json(out, &key, 1)?;
        out.extend_from_slice(b": ");
        if key.cast_exact::<PyString>()?.to_str()? == "text" {
            if text.len() < JSON_DETACHED {
                cutter_core::json::push_string(out, text);
            } else {
                detached(row.py(), || cutter_core::json::push_string(out, text))?;
            }
        } else {
            push_json(out, &item, 1)?;
        }
    }
    out.push(b'}');
    Ok(())
}

const JSON_DEPTH: usize = 32;
/// Bytes: a string this long is escaped with the GIL released.
const JSON_DETACHED: usize = 1 << 14;

fn push_json(out: &mut Vec<u8>, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<()> {
    use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyTuple};
    if value.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(text) = value.cast_exact::<PyString>() {
        let utf8 = text.encode_utf8()?; // a lone surrogate: Python's own UnicodeEncodeError, as the writer raised
        let bytes = utf8.as_bytes();
        if bytes.len() < JSON_DETACHED {
            cutter_core::json::push_string(out, bytes);
        } else {
            detached(value.py(), || cutter_core::json::push_string(out, bytes))?;
        }
    } else if value.is_exact_instance_of::<PyBool>() {
        out.extend_from_slice(if value.is_truthy()? { b"true" } else { b"false" });
    } else if value.is_exact_instance_of::<PyInt>() {
        match value.extract::<i64>() {
            Ok(number) => out.extend_from_slice(number.to_string().as_bytes()),
            Err(_) => out.extend_from_slice(value.str()?.to_str()?.as_bytes()),
        }
    } else if depth >= JSON_DEPTH {
        push_dumped(out, value)?;
    } else if let Ok(dict) = value.cast_exact::<PyDict>() {
        if dict.keys().iter().any(|key| !key.is_exact_instance_of::<PyString>()) {
            return push_dumped(out, value);
        }
        out.push(b'{');
        for (position, (key, item)) in dict.iter().enumerate() {
            if position > 0 {
                out.extend_from_slice(b", ");
            }
            push_json(out, &key, depth + 1)?;
            out.extend_from_slice(b": ");
            push_json(out, &item, depth + 1)?;
        }
        out.push(b'}');
    } else if value.is_exact_instance_of::<PyList>() || value.is_exact_instance_of::<PyTuple>() {
        out.push(b'[');
        for (position, item) in value.try_iter()?.enumerate() {
            if position > 0 {
                out.extend_from_slice(b", ");
            }
            push_json(out, &item?, depth + 1)?;
        }
        out.push(b']');
    } else {
        push_dumped(out, value)?;
    }
    Ok(())
}

/// `value` as `json.dumps(value, ensure_ascii=False)` writes it.
fn push_dumped(out: &mut Vec<u8>, value: &Bound<'_, PyAny>) -> PyResult<()> {
    static DUMPS: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    let py = value.py();
    let dumps = DUMPS.get_or_try_init(py, || py.import("json")?.getattr("dumps").map(Bound::unbind))?;
    let keywords = pyo3::types::PyDict::new(py);
    keywords.set_item("ensure_ascii", false)?;
    let dumped = dumps.bind(py).call((value,), Some(&keywords))?;
    out.extend_from_slice(dumped.cast::<PyString>()?.encode_utf8()?.as_bytes());
    Ok(())
}

#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    quiet_core_panics();
    module.add_function(wrap_pyfunction!(rare_characters, module)?)?;
    module.add_function(wrap_pyfunction!(document_script, module)?)?;
    module.add_function(wrap_pyfunction!(candidate_lines, module)?)?;
    module.add_function(wrap_pyfunction!(control_bytes, module)?)?;
    module.add_function(wrap_pyfunction!(page_breaks, module)?)?;
    module.add_function(wrap_pyfunction!(chunk_markers, module)?)?;
    module.add_function(wrap_pyfunction!(_panic, module)?)?;
    module.add_class::<Triggers>()?;
    module.add_class::<Fold>()?;
    module.add_function(wrap_pyfunction!(ellipsis, module)?)?;
    module.add_function(wrap_pyfunction!(doubled_marks, module)?)?;
    module.add_function(wrap_pyfunction!(fullwidth, module)?)?;
    module.add_function(wrap_pyfunction!(header_candidates, module)?)?;
    module.add_class::<Run>()?;
    module.add_class::<plan::Plan>()?;
    module.add_class::<plan::Helpers>()?;
    module.add_function(wrap_pyfunction!(layout, module)?)?;
    module.add_function(wrap_pyfunction!(whitespace, module)?)?;
    module.add_function(wrap_pyfunction!(watermark, module)?)?;
    module.add_function(wrap_pyfunction!(english, module)?)?;
    module.add_function(wrap_pyfunction!(cjk_space, module)?)?;
    module.add_function(wrap_pyfunction!(placeholders, module)?)?;
    module.add_function(wrap_pyfunction!(offers, module)?)?;
    module.add_function(wrap_pyfunction!(lines_opening_with, module)?)?;
    module.add_class::<Chrome>()?;
    module.add_class::<Ruby>()?;
    module.add_function(wrap_pyfunction!(markup_clusters, module)?)?;
    module.add_class::<Html>()?;
    module.add_function(wrap_pyfunction!(annotated, module)?)?;
    module.add_class::<Doc>()?;
    module.add_function(wrap_pyfunction!(json_line, module)?)?;
    module.add_function(wrap_pyfunction!(page_annotated, module)?)?;
    module.add_function(wrap_pyfunction!(without_ruby_noise, module)?)?;
    Ok(())
}
