//! Decoding: the bytes of a file → text. UTF-8 (with or without BOM) and UTF-16 with a
//! BOM; invalid UTF-8 is replaced and reported, binary input is refused with a reason.
//! Legacy encodings (TCVN3, VNI, Windows-1258) are a later stage's job.

/// Decoded text and what was noticed on the way.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Byte offset (in the decoded text) of the first replaced sequence, if any.
    pub replaced_at: Option<usize>,
    pub replaced: usize,
}

/// Why a file is not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary { nul_bytes: usize },
    NotUtf8 { invalid: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary { nul_bytes } => write!(
                f,
                "this is not a text file ({nul_bytes} NUL bytes); give vanban the text of the \
                 document (UTF-8 or UTF-16)"
            ),
            DecodeError::NotUtf8 { invalid } => write!(
                f,
                "the text is not UTF-8 ({invalid} invalid byte sequences); it may be in a legacy \
                 Vietnamese encoding (TCVN3, VNI, Windows-1258): convert it to UTF-8 first"
            ),
        }
    }
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, u16::from_be_bytes));
    }
    // UTF-16 without a BOM, images, archives and executables are full of NUL bytes; a few
    // stray ones in a long text (seen in gazette extractions) are not worth refusing it.
    let nul_bytes = bytes.iter().filter(|&&b| b == 0).count();
    if nul_bytes * 100 > bytes.len() {
        return Err(DecodeError::Binary { nul_bytes });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            replaced_at: None,
            replaced: 0,
        }),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count();
            // A few bad bytes (a truncated file, a stray byte) are reported and replaced;
            // a text where they are common is in another encoding and would parse to nonsense.
            if replaced * 50 > text.chars().count() {
                return Err(DecodeError::NotUtf8 { invalid: replaced });
            }
            Ok(Decoded {
                replaced_at: text.find('\u{FFFD}'),
                text,
                replaced,
            })
        }
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect();
    let replaced = text.matches('\u{FFFD}').count() + bytes.len() % 2;
    Decoded {
        replaced_at: text.find('\u{FFFD}'),
        text,
        replaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_utf16() {
        assert_eq!(decode("\u{FEFF}Số".as_bytes()).unwrap().text, "\u{FEFF}Số");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Số 1".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap().text, "Số 1");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Số 1".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be).unwrap().text, "Số 1");
    }

    #[test]
    fn refuses_binary_and_empty_reports_stray_bytes() {
        assert!(matches!(decode(b"  \n"), Err(DecodeError::Empty)));
        assert!(matches!(
            decode(b"PK\x03\x04\0\0"),
            Err(DecodeError::Binary { .. })
        ));
        // One stray byte in a long text is replaced and reported, not refused.
        let mut bytes = b"S\xe1\xbb\x91 12\xff ".to_vec();
        bytes.extend(b"ok ".repeat(40));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.replaced, 1);
        assert_eq!(d.replaced_at, Some(7));
        assert!(matches!(
            decode(b"\xb5\xb6\xb7\xb8 \xa9\xaa"),
            Err(DecodeError::NotUtf8 { .. })
        ));
    }
}
