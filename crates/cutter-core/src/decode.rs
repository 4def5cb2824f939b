//! bytes → text: what of decoding runs over every byte (`decode.py`).

/// How many bytes of `data` are C0 controls other than tab, the newlines, vertical tab and
/// form feed, or DEL. In UTF-8, GB18030 and Big5 such a byte only ever stands for itself
/// (no multi-byte sequence holds one), so counting them in the bytes counts the text's
/// control characters.
///
/// ```
/// assert_eq!(cutter_core::decode::control_bytes(b"a\x00b\tc\x1b\x7f\n"), 3);
/// ```
pub fn control_bytes(data: &[u8]) -> usize {
    // Counted in bytes over chunks of 255, so that the compiler adds 16 or 32 bytes per step.
    data.chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |count, &byte| count + u8::from(is_control(byte)))))
        .sum()
}

#[inline]
fn is_control(byte: u8) -> bool {
    byte < 0x09 || (0x0E..0x20).contains(&byte) || byte == 0x7F
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_exactly_the_control_bytes() {
        let controls: Vec<u8> = (0u8..=255).filter(|&b| is_control(b)).collect();
        let expected: Vec<u8> = (0x00..0x09).chain(0x0E..0x20).chain([0x7F]).collect();
        assert_eq!(controls, expected);
        let all: Vec<u8> = (0u8..=255).collect();
        assert_eq!(control_bytes(&all), expected.len());
        assert_eq!(control_bytes(&all.repeat(100)), 100 * expected.len());
        assert_eq!(control_bytes(b""), 0);
    }
}
