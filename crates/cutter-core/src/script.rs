//! Which script a document is written in, for the stray-traditional rule (`rules/script.py`).

use crate::tables::{classes, SIMPLIFIED, TRADITIONAL};
use crate::text::CodePoints;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Simplified,
    Traditional,
}

impl Script {
    pub fn name(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// How many traditional-only and simplified-only characters `text` holds.
pub fn counts(text: &[u8]) -> (usize, usize) {
    let classes = classes();
    let (mut traditional, mut simplified) = (0, 0);
    for (_, point) in CodePoints::new(text) {
        if point < 0x3400 {
            continue; // neither set holds anything below the CJK blocks
        }
        let bits = classes.of(point);
        traditional += usize::from(bits & TRADITIONAL != 0);
        simplified += usize::from(bits & SIMPLIFIED != 0);
    }
    (traditional, simplified)
}

/// Traditional when traditional-only characters outnumber simplified-only ones.
///
/// ```
/// use cutter_core::script::{document_script, Script};
/// assert_eq!(document_script("我们体会到了工匠精神的價值".as_bytes()), Script::Simplified);
/// assert_eq!(document_script("工匠精神的價值與意義".as_bytes()), Script::Traditional);
/// ```
pub fn document_script(text: &[u8]) -> Script {
    let (traditional, simplified) = counts(text);
    if traditional > simplified {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::class;

    #[test]
    fn counts_each_set() {
        assert_eq!(counts("價值與意義".as_bytes()), (3, 0));
        assert_eq!(counts("价值与意义".as_bytes()), (0, 3));
        assert_eq!(counts("".as_bytes()), (0, 0));
    }

    #[test]
    fn a_tie_is_simplified() {
        assert_eq!(document_script("價与".as_bytes()), Script::Simplified);
        assert_eq!(document_script("價與与".as_bytes()), Script::Traditional);
        assert_eq!(document_script(b""), Script::Simplified);
    }

    #[test]
    fn nothing_below_the_cjk_blocks_is_in_either_set() {
        assert!((0..0x3400).all(|point| class(point) & (TRADITIONAL | SIMPLIFIED) == 0));
    }
}
