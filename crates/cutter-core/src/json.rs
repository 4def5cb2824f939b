//! The records' JSON (CONTRACT.md's JSONL record): strings written exactly as Python's
//! `json.dumps(value, ensure_ascii=False)` writes them, so a line the core writes is the
//! line the Python wrote, byte for byte.

/// Append `text` (UTF-8) to `out` as a JSON string, quotes included: `"` and `\` escaped,
/// the C0 controls as `\b` `\t` `\n` `\f` `\r` or `\u00xx` (lower-case hex, as Python's
/// encoder writes them), every other character as it is (DEL, U+2028 and non-ASCII too).
///
/// ```
/// let mut out = Vec::new();
/// cutter_core::json::push_string(&mut out, "甲\"乙\\\n\u{1}".as_bytes());
/// assert_eq!(out, "\"甲\\\"乙\\\\\\n\\u0001\"".as_bytes());
/// ```
pub fn push_string(out: &mut Vec<u8>, text: &[u8]) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    let mut from = 0;
    loop {
        let at = from + plain(&text[from..]);
        out.extend_from_slice(&text[from..at]);
        let Some(&byte) = text.get(at) else { break };
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xF)]);
            }
        }
        from = at + 1;
    }
    out.push(b'"');
}

fn escaped(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// How many bytes `text` opens with that a JSON string holds as they are: eight at a time
/// (whether a word holds a byte below 0x20, a quote or a backslash, as bit tricks tell), then
/// one at a time in the word that does.
fn plain(text: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let mut at = 0;
    for word in text.chunks_exact(8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        if control | zero_in(word ^ (ONES * u64::from(b'"'))) | zero_in(word ^ (ONES * u64::from(b'\\'))) != 0 {
            break;
        }
        at += 8;
    }
    at + text[at..].iter().position(|&byte| escaped(byte)).unwrap_or(text.len() - at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> String {
        let mut out = Vec::new();
        push_string(&mut out, text.as_bytes());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_what_python_escapes_and_nothing_else() {
        assert_eq!(string(""), r#""""#);
        assert_eq!(string("工匠精神。"), "\"工匠精神。\"");
        assert_eq!(string("\"\\/"), r#""\"\\/""#);
        assert_eq!(string("\u{8}\t\n\u{c}\r"), r#""\b\t\n\f\r""#);
        assert_eq!(string("\u{0}\u{1f}"), r#""\u0000\u001f""#);
        // DEL, the line separators, a supplementary character and U+FEFF stay as they are
        assert_eq!(string("\u{7f}\u{2028}\u{2029}𠀀\u{feff}"), "\"\u{7f}\u{2028}\u{2029}𠀀\u{feff}\"");
    }

    #[test]
    fn the_word_scan_finds_every_byte_to_escape_wherever_it_stands() {
        // each byte value at each place of a text longer than two words, among CJK and ASCII
        for byte in 0..=255u8 {
            for place in 0..19 {
                let mut text = "甲乙丙丁戊己ab".as_bytes()[..19].to_vec();
                text[place] = byte;
                let expected = text.iter().position(|&b| escaped(b)).unwrap_or(text.len());
                assert_eq!(plain(&text), expected, "byte {byte:#x} at {place}");
            }
        }
    }
}
