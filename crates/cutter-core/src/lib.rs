//! cutter's compiled core: the stages of the pipeline that touch every character.
//!
//! It knows nothing of Python. Text comes in as the bytes of a Python string encoded as
//! UTF-8 with lone surrogates passed through (see [`text`]), and every offset that goes
//! back out counts code points, as Python's `str` indexes do. One module per stage:
//!
//! * [`boilerplate`]: the boilerplate rules' trigger-word scan and script fold;
//! * [`decode`]: bytes → text, the control-byte count that tells a binary file;
//! * [`lines`]: the splitter's line structure, which lines can be piece headers;
//! * [`paragraphs`]: the paragraph rules, `page-break` and `chunk-marker`;
//! * [`rare`]: the rare-character scan that the rule gates are matched against;
//! * [`script`]: whether a document is written in traditional or simplified script;
//! * [`punctuation`]: the punctuation rules, `ellipsis` and `fullwidth`;
//! * [`normalize`]: the normalizer's bookkeeping, the text as the rules leave it and their edits;
//! * [`json`]: the records' JSON strings, as Python's `json` module writes them.
//!
//! Errors are values and no function panics on any input (the tests feed arbitrary bytes).

pub mod boilerplate;
pub mod decode;
pub mod lines;
pub mod paragraphs;
pub mod rare;
pub mod script;
pub mod tables;
pub mod text;
pub mod punctuation;
pub mod headers;
pub mod normalize;
pub mod spacing;
pub mod junk;
pub mod english;
pub mod detect;
pub mod offer;
pub mod chrome;
pub mod markup;
pub mod json;
