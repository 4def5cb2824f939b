//! `cutter._core`: the Python binding of `cutter-core`. Conversions and errors only.
//!
//! Every function takes the text as the `str` (or `bytes`) it is, releases the GIL while
//! the core works, and turns a panic into `cutter.errors.InputError` for that document,
//! so a bug in the core costs one input, never the process.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use cutter_core::{boilerplate, decode, headers, lines, paragraphs, punctuation, rare, script};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

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

fn run<T: Send>(py: Python<'_>, bytes: &[u8], work: impl FnOnce(&[u8]) -> T + Send) -> PyResult<T> {
    py.detach(|| {
        IN_CORE.with(|flag| flag.set(true));
        let result = catch_unwind(AssertUnwindSafe(|| work(bytes)));
        IN_CORE.with(|flag| flag.set(false));
        result
    })
    .map_err(|payload| panic_error(py, payload.as_ref()))
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
fn rare_characters(text: &Bound<'_, PyString>) -> PyResult<String> {
    with_text(text, rare::characters).map(points_to_string)
}

/// `"traditional"` when traditional-only characters outnumber simplified-only ones, else
/// `"simplified"`.
#[pyfunction]
fn document_script(text: &Bound<'_, PyString>) -> PyResult<&'static str> {
    with_text(text, |bytes| script::document_script(bytes).name())
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

/// Words in groups, found with overlaps (`cutter_core::boilerplate::Words`).
#[pyclass(frozen, name = "Words", module = "cutter._core")]
struct Words(boilerplate::Words);

#[pymethods]
impl Words {
    /// `words`: each word with its groups as bits.
    #[new]
    fn new(words: Vec<(String, u64)>) -> PyResult<Self> {
        boilerplate::Words::new(&words).map(Words).map_err(PyValueError::new_err)
    }

    /// Those of `lines` (in order) that hold a word of every group of one of `needs`.
    fn lines_holding(
        &self,
        text: &Bound<'_, PyString>,
        lines: Vec<(usize, usize)>,
        needs: Vec<u64>,
    ) -> PyResult<Vec<(usize, usize)>> {
        with_text(text, |bytes| self.0.lines_holding(bytes, &lines, &needs))
    }
}

/// The script fold of the boilerplate rules (`cutter_core::boilerplate::Fold`).
#[pyclass(frozen, name = "Fold", module = "cutter._core")]
struct Fold(boilerplate::Fold);

#[pymethods]
impl Fold {
    /// `pairs`: (code point, code point of its simplified twin).
    #[new]
    fn new(pairs: Vec<(u32, u32)>) -> PyResult<Self> {
        boilerplate::Fold::new(&pairs).map(Fold).map_err(PyValueError::new_err)
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

/// A Python `str` of core output: UTF-8, or WTF-8 when the input held lone surrogates.
fn string_of(py: Python<'_>, bytes: Vec<u8>) -> PyResult<Py<PyString>> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(PyString::new(py, &text).unbind()),
        Err(error) => {
            let decoded = PyBytes::new(py, error.as_bytes()).call_method1("decode", ("utf-8", "surrogatepass"))?;
            Ok(decoded.cast_into::<PyString>()?.unbind())
        }
    }
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

/// A header candidate as (line, start, end, number, style, keyword, clean).
type HeaderCandidate = (usize, usize, usize, u32, &'static str, Py<PyString>, bool);
/// The candidates and the (start, end) of the lines left to Python.
type HeaderCandidates = (Vec<HeaderCandidate>, Vec<(usize, usize)>);

/// Every header candidate of `text` and the lines left to Python (`cutter_core::headers`).
#[pyfunction]
fn header_candidates(text: &Bound<'_, PyString>) -> PyResult<HeaderCandidates> {
    let py = text.py();
    let (found, deferred) = with_text(text, headers::header_candidates)?;
    let found = found
        .into_iter()
        .map(|c| Ok((c.line, c.start, c.end, c.number, c.style, string_of(py, c.keyword)?, c.clean)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok((found, deferred))
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
    module.add_class::<Words>()?;
    module.add_class::<Fold>()?;
    module.add_function(wrap_pyfunction!(ellipsis, module)?)?;
    module.add_function(wrap_pyfunction!(fullwidth, module)?)?;
    module.add_function(wrap_pyfunction!(header_candidates, module)?)?;
    module.add_class::<Ruby>()?;
    module.add_function(wrap_pyfunction!(markup_clusters, module)?)?;
    module.add_class::<Html>()?;
    Ok(())
}
