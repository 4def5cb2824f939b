//! The TRIGGERS table of cutter/patterns.py read from its source, for the Rust side's tests, fuzz
//! targets and examples (the binding gets it from Python): one reading, included where needed.

/// The families in order, and each word with the bits of the families it triggers.
pub fn trigger_words(patterns: &str) -> (Vec<String>, Vec<(String, u64)>) {
    let start = patterns.find("TRIGGERS: dict[str, tuple[str, ...]] = {").expect("the TRIGGERS table");
    let table = &patterns[start..start + patterns[start..].find("}  # fmt: skip").expect("its end")];
    let (mut families, mut words): (Vec<String>, Vec<(String, u64)>) = (Vec::new(), Vec::new());
    let mut rest = &table[table.find('{').expect("a dict")..];
    while let Some(open) = rest.find('"') {
        let close = open + 1 + rest[open + 1..].find('"').expect("a closing quote");
        let word = rest[open + 1..close].to_string();
        rest = &rest[close + 1..];
        if rest.starts_with(':') {
            families.push(word);
        } else {
            let bit = 1u64 << (families.len() - 1);
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, bits)) => *bits |= bit,
                None => words.push((word, bit)),
            }
        }
    }
    (families, words)
}
